#include "app/directory_import.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "domain/directory/directory_service.hpp"

namespace buurtplein::app {

using namespace domain::directory;
using nlohmann::json;

namespace {

// One service to import with its organisation and (optional) place, or the problems found.
struct Row {
  int number = 0;
  Organization org;
  Service service;
  std::optional<Location> location;
  std::vector<ImportProblem> problems;
};

// The template's columns (docs/directory-import.md).
const std::vector<std::string>& Columns() {
  static const std::vector<std::string> kColumns = {
      "organization_name", "organization_description", "organization_website", "organization_email",
      "organization_phone", "service_name", "service_description", "categories", "free", "fees_description",
      "eligibility", "application_process", "service_url", "service_email", "service_phone", "languages", "areas",
      "location_name", "address", "postal_code", "address_city", "latitude", "longitude", "buurt_code",
      "accessibility", "opening_hours", "example"};
  return kColumns;
}

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      if (!Trim(cur).empty()) out.push_back(Trim(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!Trim(cur).empty()) out.push_back(Trim(cur));
  return out;
}

// RFC 4180 records: quoted fields may hold separators, quotes ("") and line breaks.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text, char sep) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == sep) {
      record.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        record.push_back(field);
        records.push_back(record);
      }
      record.clear();
      field.clear();
      any = false;
    } else {
      field.push_back(c);
      any = true;
    }
  }
  if (any || !field.empty()) {
    record.push_back(field);
    records.push_back(record);
  }
  return records;
}

void Problem(Row& row, const std::string& field, const std::string& message) {
  row.problems.push_back({row.number, field, message});
}

std::optional<bool> ParseYesNo(const std::string& s) {
  const std::string v = Lower(Trim(s));
  if (v.empty() || v == "nee" || v == "no" || v == "0" || v == "false") return false;
  if (v == "ja" || v == "yes" || v == "1" || v == "true") return true;
  return std::nullopt;
}

std::optional<double> ParseNumber(const std::string& s) {
  const std::string v = Trim(s);
  if (v.empty()) return std::nullopt;
  std::string dot = v;
  std::replace(dot.begin(), dot.end(), ',', '.');
  try {
    std::size_t used = 0;
    const double d = std::stod(dot, &used);
    if (used != dot.size()) throw std::invalid_argument("trailing");
    return d;
  } catch (const std::exception&) {
    throw std::invalid_argument("not a number");
  }
}

// "MO,TU 09:00-17:00; WE 13:00-16:00; 2026-12-25 gesloten; 2026-12-31 09:00-12:00"
bool ParseOpeningHours(const std::string& text, std::vector<Schedule>& out) {
  for (const auto& part : Split(text, ';')) {
    const auto space = part.find(' ');
    if (space == std::string::npos) return false;
    const std::string head = Trim(part.substr(0, space));
    const std::string rest = Trim(part.substr(space + 1));
    Schedule s;
    if (head.size() == 10 && head[4] == '-') {
      s.exception = true;
      s.valid_from = head;
      const std::string r = Lower(rest);
      if (r == "gesloten" || r == "closed") {
        s.closed = true;
        out.push_back(s);
        continue;
      }
    } else {
      s.byday = head;
    }
    const auto dash = rest.find('-');
    if (dash == std::string::npos) return false;
    s.opens_at = Trim(rest.substr(0, dash));
    s.closes_at = Trim(rest.substr(dash + 1));
    out.push_back(s);
  }
  return true;
}

// The CSV column for a field named by DirectoryService::Clean.
std::string ColumnOf(const char* entity, const std::string& field) {
  static const std::map<std::string, std::string> kService = {
      {"name", "service_name"},        {"description", "service_description"},
      {"url", "service_url"},          {"email", "service_email"},
      {"phones", "service_phone"},     {"eligibility_description", "eligibility"},
      {"service_areas", "areas"},      {"schedules", "opening_hours"}};
  static const std::map<std::string, std::string> kOrg = {{"name", "organization_name"},
                                                          {"description", "organization_description"},
                                                          {"website", "organization_website"},
                                                          {"email", "organization_email"},
                                                          {"phones", "organization_phone"}};
  static const std::map<std::string, std::string> kLoc = {
      {"name", "location_name"}, {"address_1", "address"}, {"schedules", "opening_hours"}};
  const auto& m = std::string(entity) == "service" ? kService : std::string(entity) == "organization" ? kOrg : kLoc;
  auto it = m.find(field);
  return it == m.end() ? field : it->second;
}

// Checks a row's parts as the service would, plus what only the import knows.
void Check(domain::Store& store, domain::CityId city, Row& row) {
  if (auto r = DirectoryService::Clean(row.org); !r) {
    Problem(row, ColumnOf("organization", r.error().field), r.error().public_message);
  } else {
    row.org = *r;
  }
  if (auto r = DirectoryService::Clean(row.service); !r) {
    Problem(row, ColumnOf("service", r.error().field), r.error().public_message);
  } else {
    row.service = *r;
  }
  if (row.location) {
    if (auto r = DirectoryService::Clean(*row.location); !r) {
      Problem(row, ColumnOf("location", r.error().field), r.error().public_message);
    } else {
      *row.location = *r;
    }
  }
  for (const auto& code : row.service.term_codes) {
    if (!store.directory().FindTermByCode(city, code)) {
      Problem(row, "categories", "This category does not exist: " + code);
    }
  }
}

Row RowFromCsv(int number, const std::map<std::string, std::string>& v) {
  Row row;
  row.number = number;
  auto get = [&](const char* key) {
    auto it = v.find(key);
    return it == v.end() ? std::string() : Trim(it->second);
  };
  row.org.name = get("organization_name");
  row.org.description = get("organization_description");
  row.org.website = get("organization_website");
  row.org.email = get("organization_email");
  if (!get("organization_phone").empty()) row.org.phones.push_back({"", get("organization_phone"), "voice", ""});
  auto example = ParseYesNo(get("example"));
  if (!example) Problem(row, "example", "Write ja or nee.");
  row.org.example = example.value_or(false);

  Service& s = row.service;
  s.name = get("service_name");
  s.description = get("service_description");
  for (const auto& c : Split(get("categories"), ';')) s.term_codes.push_back(Lower(c));
  auto free = ParseYesNo(get("free"));
  if (!free) Problem(row, "free", "Write ja or nee.");
  s.free = free.value_or(false);
  s.fees_description = get("fees_description");
  s.eligibility_description = get("eligibility");
  s.application_process = get("application_process");
  s.url = get("service_url");
  s.email = get("service_email");
  if (!get("service_phone").empty()) s.phones.push_back({"", get("service_phone"), "voice", ""});
  for (const auto& l : Split(get("languages"), ';')) s.languages.push_back({"", Lower(l), "", ""});
  for (const auto& a : Split(get("areas"), ';')) {
    const std::string code = a;
    const std::string lower = Lower(code);
    if (lower == "stad" || lower == "city" || lower == "gemeente") {
      s.areas.push_back({"", AreaType::kCity, "", ""});
    } else if (code.rfind("WK", 0) == 0) {
      s.areas.push_back({"", AreaType::kWijk, code, ""});
    } else if (code.rfind("BU", 0) == 0) {
      s.areas.push_back({"", AreaType::kBuurt, code, ""});
    } else {
      Problem(row, "areas", "Give the area as stad, a CBS wijk code (WK…) or buurt code (BU…): " + code);
    }
  }
  s.example = row.org.example;

  if (!get("location_name").empty() || !get("address").empty()) {
    Location l;
    l.name = get("location_name").empty() ? get("address") : get("location_name");
    l.address_1 = get("address");
    l.postal_code = get("postal_code");
    l.address_city = get("address_city");
    l.state_province = "";
    l.buurt_code = get("buurt_code");
    l.accessibility = get("accessibility");
    l.example = row.org.example;
    try {
      l.latitude = ParseNumber(get("latitude"));
    } catch (const std::exception&) {
      Problem(row, "latitude", "Give a number, for example 51.8426.");
    }
    try {
      l.longitude = ParseNumber(get("longitude"));
    } catch (const std::exception&) {
      Problem(row, "longitude", "Give a number, for example 5.8528.");
    }
    if (!ParseOpeningHours(get("opening_hours"), l.schedules)) {
      Problem(row, "opening_hours", "Write opening hours like: MO,TU 09:00-17:00; 2026-12-25 gesloten");
    }
    row.location = l;
  } else if (!get("opening_hours").empty()) {
    if (!ParseOpeningHours(get("opening_hours"), s.schedules)) {
      Problem(row, "opening_hours", "Write opening hours like: MO,TU 09:00-17:00; 2026-12-25 gesloten");
    }
  }
  return row;
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// One HSDS service object (nested as the API returns it with full=true).
Row RowFromHsds(int number, const json& j) {
  Row row;
  row.number = number;
  if (!j.is_object()) {
    Problem(row, "(item)", "Each item must be an HSDS service object.");
    return row;
  }
  Service& s = row.service;
  s.uuid = Str(j, "id");
  if (!s.uuid.empty() && !IsUuid(s.uuid)) Problem(row, "id", "The id must be a UUID.");
  s.name = Str(j, "name");
  s.description = Str(j, "description");
  s.url = Str(j, "url");
  s.email = Str(j, "email");
  if (!Str(j, "status").empty()) s.status = Str(j, "status");
  s.application_process = Str(j, "application_process");
  s.fees_description = Str(j, "fees_description");
  s.eligibility_description = Str(j, "eligibility_description");
  s.alert = Str(j, "alert");
  s.free = Lower(s.fees_description) == "gratis" || Lower(s.fees_description) == "free";
  if (j.contains("organization") && j["organization"].is_object()) {
    const auto& o = j["organization"];
    row.org.uuid = Str(o, "id");
    row.org.name = Str(o, "name");
    row.org.description = Str(o, "description");
    row.org.website = Str(o, "website");
    row.org.email = Str(o, "email");
  } else {
    Problem(row, "organization", "Give the service's organization (with its name).");
  }
  if (!row.org.uuid.empty() && !IsUuid(row.org.uuid)) Problem(row, "organization.id", "The id must be a UUID.");
  for (const auto& a : j.value("attributes", json::array())) {
    if (a.contains("taxonomy_term") && a["taxonomy_term"].is_object()) {
      const std::string code = Str(a["taxonomy_term"], "code");
      if (code.empty()) {
        Problem(row, "attributes.taxonomy_term.code", "Give each taxonomy term its code.");
      } else {
        s.term_codes.push_back(code);
      }
    }
  }
  for (const auto& l : j.value("languages", json::array())) s.languages.push_back({"", Lower(Str(l, "code")), Str(l, "name"), ""});
  for (const auto& p : j.value("phones", json::array())) s.phones.push_back({"", Str(p, "number"), Str(p, "type"), ""});
  for (const auto& a : j.value("service_areas", json::array())) {
    const std::string code = Str(a, "extent");
    if (code.rfind("WK", 0) == 0) {
      s.areas.push_back({"", AreaType::kWijk, code, Str(a, "name")});
    } else if (code.rfind("BU", 0) == 0) {
      s.areas.push_back({"", AreaType::kBuurt, code, Str(a, "name")});
    } else {
      s.areas.push_back({"", AreaType::kCity, "", Str(a, "name")});
    }
  }
  auto read_schedules = [&](const json& list, std::vector<Schedule>& out) {
    for (const auto& x : list) {
      Schedule sc;
      sc.byday = Str(x, "byday");
      sc.opens_at = Str(x, "opens_at");
      sc.closes_at = Str(x, "closes_at");
      sc.valid_from = Str(x, "valid_from");
      sc.valid_to = Str(x, "valid_to");
      sc.description = Str(x, "description");
      if (Str(x, "notes") == "exception") {
        sc.exception = true;
        sc.closed = sc.opens_at.empty();
      }
      out.push_back(sc);
    }
  };
  read_schedules(j.value("schedules", json::array()), s.schedules);
  const auto sals = j.value("service_at_locations", json::array());
  if (!sals.empty() && sals[0].contains("location") && sals[0]["location"].is_object()) {
    const auto& lj = sals[0]["location"];
    Location l;
    l.uuid = Str(lj, "id");
    if (!l.uuid.empty() && !IsUuid(l.uuid)) Problem(row, "service_at_locations.location.id", "The id must be a UUID.");
    l.name = Str(lj, "name");
    if (!Str(lj, "location_type").empty()) l.location_type = Str(lj, "location_type");
    if (lj.contains("latitude") && lj["latitude"].is_number()) l.latitude = lj["latitude"].get<double>();
    if (lj.contains("longitude") && lj["longitude"].is_number()) l.longitude = lj["longitude"].get<double>();
    if (Str(lj, "external_identifier_type") == "CBS buurtcode") l.buurt_code = Str(lj, "external_identifier");
    const auto addresses = lj.value("addresses", json::array());
    if (!addresses.empty()) {
      l.address_1 = Str(addresses[0], "address_1");
      l.postal_code = Str(addresses[0], "postal_code");
      l.address_city = Str(addresses[0], "city");
      l.state_province = Str(addresses[0], "state_province");
    }
    const auto access = lj.value("accessibility", json::array());
    if (!access.empty()) l.accessibility = Str(access[0], "description");
    read_schedules(lj.value("schedules", json::array()), l.schedules);
    row.location = l;
  }
  return row;
}

// Writes the valid rows (all rows must be valid unless only_valid) in one transaction.
void Write(domain::Store& store, domain::CityId city, std::vector<Row>& rows, const ImportOptions& options,
           const domain::Clock& clock, ImportReport& report) {
  DirectoryService service(store, clock);
  service.EnsureTaxonomy(city);
  Editor editor;
  editor.import = true;
  const int total = static_cast<int>(rows.size());
  auto status = store.directory().InTransaction([&]() -> domain::Status {
    std::map<std::string, OrganizationId> orgs;     // by lower-case name (or uuid)
    std::map<std::string, LocationId> locations;    // by name + address
    int done = 0;
    for (auto& row : rows) {
      ++done;
      if (options.progress && done % std::max(1, options.progress_every) == 0) options.progress("import", done, total);
      if (!row.problems.empty()) continue;
      // The organisation: one of this file, one already in the city (same name), or new.
      const std::string key = Lower(row.org.name);
      OrganizationId org_id;
      if (auto it = orgs.find(key); it != orgs.end()) {
        org_id = it->second;
      } else {
        std::optional<Organization> existing;
        if (!row.org.uuid.empty()) existing = store.directory().FindOrganizationByUuid(city, row.org.uuid);
        if (!existing) {
          OrganizationQuery q;
          q.search = row.org.name;
          q.limit = 20;
          for (const auto& o : store.directory().ListOrganizations(city, q)) {
            if (Lower(o.name) == key) existing = o;
          }
        }
        if (existing) {
          org_id = existing->id;
        } else {
          auto created = service.SaveOrganization(city, editor, row.org);
          if (!created) return created.error();
          org_id = created->id;
        }
        orgs[key] = org_id;
      }
      row.service.organization = org_id;
      if (row.location) {
        row.location->organization = org_id;
        const std::string lkey =
            std::to_string(org_id.value) + "|" + Lower(row.location->name + "|" + row.location->address_1);
        if (auto it = locations.find(lkey); it != locations.end()) {
          row.service.location_ids.push_back(it->second);
        } else {
          // A place with the same id is replaced (a second import of the same HSDS file).
          if (!row.location->uuid.empty()) {
            if (auto existing = store.directory().FindLocationByUuid(city, row.location->uuid)) {
              row.location->id = existing->id;
            }
          }
          auto created = service.SaveLocation(city, editor, *row.location);
          if (!created) return created.error();
          locations[lkey] = created->id;
          row.service.location_ids.push_back(created->id);
        }
      }
      // A service with the same id is replaced (a second import of the same HSDS file).
      if (!row.service.uuid.empty()) {
        if (auto existing = store.directory().FindServiceByUuid(city, row.service.uuid)) row.service.id = existing->id;
      }
      auto saved = service.SaveService(city, editor, row.service);
      if (!saved) {
        if (!options.only_valid) return saved.error();
        report.problems.push_back({row.number, saved.error().field, saved.error().public_message});
        continue;
      }
      ++report.imported;
    }
    return domain::Ok{};
  });
  if (!status) {
    if (report.problems.empty()) report.problems.push_back({0, "", status.error().public_message});
    report.imported = 0;
    return;
  }
  report.changed = report.imported > 0;
}

ImportReport Finish(domain::Store& store, domain::CityId city, std::vector<Row>& rows, const ImportOptions& options,
                    const domain::Clock& clock, ImportReport report) {
  DirectoryService(store, clock).EnsureTaxonomy(city);
  const int total = static_cast<int>(rows.size());
  int done = 0;
  for (auto& row : rows) {
    ++done;
    Check(store, city, row);  // every problem of the row, not only the first
    if (row.problems.empty()) ++report.valid;
    report.problems.insert(report.problems.end(), row.problems.begin(), row.problems.end());
    if (options.progress && done % std::max(1, options.progress_every) == 0) options.progress("check", done, total);
  }
  report.rows = total;
  if (options.dry_run) return report;
  if (!report.problems.empty() && !options.only_valid) return report;
  Write(store, city, rows, options, clock, report);
  return report;
}

}  // namespace

ImportReport ImportDirectoryCsv(domain::Store& store, domain::CityId city, const std::string& csv,
                                const ImportOptions& options, const domain::Clock& clock) {
  ImportReport report;
  std::string text = csv;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // Excel's byte order mark
  const std::string first_line = text.substr(0, text.find('\n'));
  const char sep = first_line.find(';') != std::string::npos && first_line.find(',') == std::string::npos ? ';' : ',';
  auto records = ParseCsv(text, sep);
  if (records.empty()) {
    report.problems.push_back({0, "", "The file is empty."});
    return report;
  }
  std::vector<std::string> header;
  for (const auto& h : records[0]) header.push_back(Lower(Trim(h)));
  for (const auto& h : header) {
    if (std::find(Columns().begin(), Columns().end(), h) == Columns().end()) {
      report.problems.push_back({0, h, "Unknown column (see docs/directory-import.md)."});
    }
  }
  for (const char* required : {"organization_name", "service_name"}) {
    if (std::find(header.begin(), header.end(), required) == header.end()) {
      report.problems.push_back({0, required, "This column is missing."});
    }
  }
  if (!report.problems.empty()) return report;
  std::vector<Row> rows;
  for (std::size_t i = 1; i < records.size(); ++i) {
    std::map<std::string, std::string> values;
    const auto& rec = records[i];
    for (std::size_t c = 0; c < header.size() && c < rec.size(); ++c) values[header[c]] = rec[c];
    Row row = RowFromCsv(static_cast<int>(i), values);
    if (rec.size() > header.size()) Problem(row, "(row)", "This row has more fields than the header.");
    rows.push_back(std::move(row));
  }
  return Finish(store, city, rows, options, clock, report);
}

ImportReport ImportDirectoryHsds(domain::Store& store, domain::CityId city, const std::string& text,
                                 const ImportOptions& options, const domain::Clock& clock) {
  ImportReport report;
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    report.problems.push_back({0, "", std::string("This is not valid JSON: ") + e.what()});
    return report;
  }
  const json* items = &doc;
  if (doc.is_object() && doc.contains("contents")) items = &doc["contents"];
  if (!items->is_array()) {
    report.problems.push_back({0, "", "Give an array of HSDS services, or an API page with contents."});
    return report;
  }
  std::vector<Row> rows;
  int n = 0;
  for (const auto& item : *items) rows.push_back(RowFromHsds(++n, item));
  return Finish(store, city, rows, options, clock, report);
}

DirectoryImportCommand::DirectoryImportCommand(CLI::App& cli) {
  sub_ = cli.add_subcommand("import-directory",
                            "Load a city's sociale kaart from the CSV template or HSDS JSON (docs/directory-import.md)");
  sub_->add_option("--city", city_, "the city's slug, e.g. nijmegen")->required();
  sub_->add_option("file", file_, "a .csv file (the template) or a .json file (HSDS 3.0)")->required();
  sub_->add_flag("--dry-run", dry_run_, "check every row and report problems; change nothing");
  sub_->add_flag("--only-valid", only_valid_, "import the valid rows and skip rows with problems");
}

bool DirectoryImportCommand::Chosen() const { return sub_ && sub_->parsed(); }

int DirectoryImportCommand::Run(domain::Store& store) {
  auto city = store.cities().FindCityBySlug(city_);
  if (!city) throw std::runtime_error("There is no city with the slug " + city_ + ".");
  std::ifstream in(file_, std::ios::binary);
  if (!in) throw std::runtime_error("The file " + file_ + " cannot be read.");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  ImportOptions options;
  options.dry_run = dry_run_;
  options.only_valid = only_valid_;
  options.progress = [](const char* phase, int done, int total) {
    std::fprintf(stderr, "%s: %d/%d rows\n", phase, done, total);
  };
  domain::SystemClock clock;
  const bool is_json = file_.size() > 5 && Lower(file_.substr(file_.size() - 5)) == ".json";
  const auto report = is_json ? ImportDirectoryHsds(store, city->id, text, options, clock)
                              : ImportDirectoryCsv(store, city->id, text, options, clock);
  for (const auto& p : report.problems) {
    std::printf("row %d, field %s: %s\n", p.row, p.field.empty() ? "-" : p.field.c_str(), p.message.c_str());
  }
  std::printf("%d rows read, %d valid, %d services imported%s.\n", report.rows, report.valid, report.imported,
              dry_run_ ? " (dry run: nothing changed)" : (report.changed ? "" : "; nothing changed"));
  return report.problems.empty() ? 0 : 1;
}

DirectoryRemindersCommand::DirectoryRemindersCommand(CLI::App& cli) {
  sub_ = cli.add_subcommand("directory-reminders",
                            "Mail the owners of sociale kaart entries not verified for 12 months");
}

bool DirectoryRemindersCommand::Chosen() const { return sub_ && sub_->parsed(); }

int DirectoryRemindersCommand::Run(domain::Store& store, domain::mail::MailService& mail,
                                   const std::string& public_url) {
  domain::SystemClock clock;
  DirectoryService service(store, clock);
  int sent = 0;
  for (const auto& city : store.cities().ListCities()) {
    sent += service.SendReminders(city.id, mail, domain::mail::Link(public_url, city.slug + "/sociale-kaart/"));
  }
  std::printf("%d reminder mail(s) queued.\n", sent);
  return 0;
}

}  // namespace buurtplein::app
