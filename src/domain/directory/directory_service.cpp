#include "domain/directory/directory_service.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "domain/accounts/account_service.hpp"
#include "domain/accounts/policy.hpp"
#include "domain/common/text.hpp"

namespace buurtplein::domain::directory {

namespace {

AppError WithField(AppError e, const char* field) {
  e.field = field;
  return e;
}

AppError NotYours() {
  return MakeError(ErrorCode::kForbidden, "Only the organisation's admins or the association can change this entry.");
}

// Cleans one text field: trimmed, no control characters, at most `max` code points.
Status CleanField(std::string& value, bool multi_line, std::size_t max, bool required, const char* field,
                  const char* missing) {
  std::string out;
  std::size_t n = 0;
  if (!CopyCleanText(TrimView(value), multi_line, out, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "This field contains characters we cannot use."), field);
  }
  if (required && n == 0) return WithField(MakeError(ErrorCode::kValidation, missing), field);
  if (n > max) return WithField(MakeError(ErrorCode::kValidation, "This field is too long."), field);
  value = std::move(out);
  return Ok{};
}

bool IsWebAddress(const std::string& s) {
  return s.empty() || s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
}

bool IsTime(const std::string& s) {  // HH:MM
  return s.size() == 5 && s[2] == ':' && std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::isdigit(static_cast<unsigned char>(s[1])) && std::isdigit(static_cast<unsigned char>(s[3])) &&
         std::isdigit(static_cast<unsigned char>(s[4])) && (s[0] - '0') * 10 + (s[1] - '0') < 24 &&
         (s[3] - '0') * 10 + (s[4] - '0') < 60;
}

bool IsDate(const std::string& s) {  // YYYY-MM-DD
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[static_cast<std::size_t>(i)]))) return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool IsByDay(const std::string& s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::string day = s.substr(i, 2);
    if (day != "MO" && day != "TU" && day != "WE" && day != "TH" && day != "FR" && day != "SA" && day != "SU") {
      return false;
    }
    i += 2;
    if (i < s.size()) {
      if (s[i] != ',') return false;
      ++i;
    }
  }
  return true;
}

// Exception dates: a date, closed or hours that end after they start, each date once.
Status CleanExceptions(const std::vector<Schedule>& schedules) {
  std::vector<std::string> dates;
  for (const auto& s : schedules) {
    if (!s.exception) continue;
    if (!IsDate(s.valid_from)) {
      return WithField(MakeError(ErrorCode::kValidation, "Give the date as year-month-day, for example 2026-12-25."),
                       "exceptions");
    }
    if (std::find(dates.begin(), dates.end(), s.valid_from) != dates.end()) {
      return WithField(MakeError(ErrorCode::kValidation, "Give each date only once."), "exceptions");
    }
    dates.push_back(s.valid_from);
    if (s.closed) continue;
    if (!IsTime(s.opens_at) || !IsTime(s.closes_at)) {
      return WithField(MakeError(ErrorCode::kValidation,
                                 "Give the other hours on that date as hours:minutes, or tick closed."),
                       "exceptions");
    }
    if (s.closes_at <= s.opens_at) {
      return WithField(MakeError(ErrorCode::kValidation, "Give a closing time after the opening time."),
                       "exceptions");
    }
  }
  return Ok{};
}

Status CleanSchedules(std::vector<Schedule>& schedules) {
  if (auto e = CleanExceptions(schedules); !e) return e;
  for (auto& s : schedules) {
    if (s.exception) {
      if (auto e = CleanField(s.description, false, 200, false, "exceptions", ""); !e) return e.error();
    } else if (!IsByDay(s.byday)) {
      return WithField(MakeError(ErrorCode::kValidation, "Give the days as MO, TU, WE, TH, FR, SA or SU."),
                       "schedules");
    }
    if (!(s.exception && s.closed) && (!IsTime(s.opens_at) || !IsTime(s.closes_at))) {
      return WithField(MakeError(ErrorCode::kValidation, "Give opening times as hours:minutes, for example 09:00."),
                       "schedules");
    }
    if ((!s.valid_from.empty() && !IsDate(s.valid_from)) || (!s.valid_to.empty() && !IsDate(s.valid_to))) {
      return WithField(MakeError(ErrorCode::kValidation, "Give the date as year-month-day, for example 2026-12-25."),
                       "schedules");
    }
    s.freq = "WEEKLY";
  }
  return Ok{};
}

void JsonString(std::string& out, const std::string& s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

// {"field": ["old", "new"], …} for the fields that changed.
class Diff {
 public:
  void Add(const char* field, const std::string& before, const std::string& after) {
    if (before == after) return;
    out_ += out_.empty() ? "{" : ",";
    JsonString(out_, field);
    out_ += ":[";
    JsonString(out_, before);
    out_ += ",";
    JsonString(out_, after);
    out_ += "]";
  }
  std::string Json() const { return out_.empty() ? "{}" : out_ + "}"; }

 private:
  std::string out_;
};

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::string AreasText(const std::vector<ServiceArea>& areas) {
  std::string out;
  for (const auto& a : areas) out += (out.empty() ? "" : ",") + (a.type == AreaType::kCity ? std::string("stad") : a.code);
  return out;
}

std::string SchedulesText(const std::vector<Schedule>& schedules) {
  std::string out;
  for (const auto& s : schedules) {
    out += (out.empty() ? "" : "; ") + (s.exception ? s.valid_from : s.byday) + " " +
           (s.exception && s.closed ? std::string("-") : s.opens_at + "-" + s.closes_at);
  }
  return out;
}

// A category code from its name: lower-case letters and digits joined by dashes ("Jeugd en
// gezin" → "jeugd-en-gezin"); accented letters are left out of the code, not the name.
std::string CodeFromName(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) && c < 0x80) {
      out.push_back(static_cast<char>(std::tolower(c)));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.substr(0, 60);
}

std::string DiffServices(const Service& a, const Service& b) {
  Diff d;
  d.Add("name", a.name, b.name);
  d.Add("description", a.description, b.description);
  d.Add("url", a.url, b.url);
  d.Add("email", a.email, b.email);
  d.Add("status", a.status, b.status);
  d.Add("application_process", a.application_process, b.application_process);
  d.Add("fees_description", a.fees_description, b.fees_description);
  d.Add("free", a.free ? "1" : "0", b.free ? "1" : "0");
  d.Add("eligibility_description", a.eligibility_description, b.eligibility_description);
  d.Add("categories", Joined(a.term_codes), Joined(b.term_codes));
  d.Add("service_areas", AreasText(a.areas), AreasText(b.areas));
  return d.Json();
}

}  // namespace

const std::vector<Term>& DefaultTerms() {
  static const std::vector<Term> kTerms = [] {
    std::vector<std::pair<const char*, const char*>> names = {
        {"zorg", "Zorg"},
        {"welzijn", "Welzijn"},
        {"wonen", "Wonen"},
        {"jeugd-en-gezin", "Jeugd en gezin"},
        {"werk-en-inkomen", "Werk en inkomen"},
        {"geldzaken", "Geldzaken"},
        {"onderwijs", "Onderwijs"},
        {"sport-en-bewegen", "Sport en bewegen"},
        {"cultuur", "Cultuur"},
        {"vervoer", "Vervoer"},
        {"veiligheid", "Veiligheid"},
        {"afval-en-buitenruimte", "Afval en buitenruimte"},
        {"vrijwilligerswerk", "Vrijwilligerswerk"},
        {"ontmoeting", "Ontmoeting"},
    };
    std::vector<Term> out;
    for (const auto& [code, name] : names) {
      Term t;
      t.code = code;
      t.name = name;
      out.push_back(t);
    }
    return out;
  }();
  return kTerms;
}

std::string DateOf(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

std::string DirectoryService::Today() const { return DateOf(clock_.Now()); }

void DirectoryService::EnsureTaxonomy(CityId city) {
  store_.directory().EnsureTaxonomy(city, {"", kTaxonomyName, "Categorieën van de sociale kaart", "1"},
                                    DefaultTerms());
}

namespace {
int ClampPerPage(int per_page) { return std::clamp(per_page, 1, DirectoryService::kMaxPerPage); }
int ClampPage(int page) { return std::clamp(page, 1, DirectoryService::kMaxPage); }
}  // namespace

Page<Service> DirectoryService::Services(CityId city, ServiceQuery query, int page, int per_page) {
  Page<Service> out;
  out.page = ClampPage(page);
  out.per_page = ClampPerPage(per_page);
  query.limit = out.per_page;
  query.offset = (out.page - 1) * out.per_page;
  out.total_items = store_.directory().CountServices(city, query);
  if (query.offset < out.total_items) out.items = store_.directory().ListServices(city, query);
  return out;
}

Page<Organization> DirectoryService::Organizations(CityId city, OrganizationQuery query, int page, int per_page) {
  Page<Organization> out;
  out.page = ClampPage(page);
  out.per_page = ClampPerPage(per_page);
  query.limit = out.per_page;
  query.offset = (out.page - 1) * out.per_page;
  out.total_items = store_.directory().CountOrganizations(city, query);
  if (query.offset < out.total_items) out.items = store_.directory().ListOrganizations(city, query);
  return out;
}

Page<Term> DirectoryService::Terms(CityId city, int page, int per_page) {
  Page<Term> out;
  out.page = ClampPage(page);
  out.per_page = ClampPerPage(per_page);
  out.total_items = store_.directory().CountTerms(city);
  const int offset = (out.page - 1) * out.per_page;
  if (offset < out.total_items) out.items = store_.directory().ListTerms(city, out.per_page, offset);
  return out;
}

Page<ServiceAtLocation> DirectoryService::ServicesAtLocations(CityId city, const std::string& search,
                                                              const std::string& term_uuid, int page, int per_page) {
  Page<ServiceAtLocation> out;
  out.page = ClampPage(page);
  out.per_page = ClampPerPage(per_page);
  out.total_items = store_.directory().CountServiceAtLocations(city, search, term_uuid);
  const int offset = (out.page - 1) * out.per_page;
  if (offset < out.total_items) {
    out.items = store_.directory().ListServiceAtLocations(city, search, term_uuid, out.per_page, offset);
  }
  return out;
}

bool DirectoryService::MayEditOrganization(CityId city, const Editor& editor, OrganizationId org) {
  // The one policy decides (issue 3 §4): the association's keepers (operators, board, the
  // import) and the organisation's admins.
  const bool admin = editor.user && store_.directory().RoleOf(city, org, *editor.user) == OrgRole::kAdmin;
  if (accounts::MayManageOrganisation(IsKeeper(editor), admin)) return true;
  if (!editor.user) return false;
  // A local place belongs to its site: that site's buurtverbinders keep it.
  if (!editor.buurtverbinder_of) return false;
  auto o = store_.directory().FindOrganization(city, org);
  return o && o->site && *o->site == *editor.buurtverbinder_of;
}

bool DirectoryService::MayEditService(CityId city, const Editor& editor, const Service& service) {
  if (MayEditOrganization(city, editor, service.organization)) return true;
  return editor.user && service.site && editor.buurtverbinder_of && *editor.buurtverbinder_of == *service.site;
}

Result<Service> DirectoryService::Clean(const Service& draft) {
  Service s = draft;
  if (TrimView(s.name).empty()) {
      return WithField(MakeError(ErrorCode::kValidation, "Give the service a name."), "name");
    }
    if (auto e = CleanField(s.name, false, 200, false, "name", ""); !e) return e.error();
  if (auto e = CleanField(s.description, true, 5000, false, "description", ""); !e) return e.error();
  if (auto e = CleanField(s.application_process, true, 2000, false, "application_process", ""); !e) return e.error();
  if (auto e = CleanField(s.fees_description, true, 1000, false, "fees_description", ""); !e) return e.error();
  if (auto e = CleanField(s.eligibility_description, true, 2000, false, "eligibility_description", ""); !e) {
    return e.error();
  }
  if (auto e = CleanField(s.url, false, 500, false, "url", ""); !e) return e.error();
  if (!IsWebAddress(s.url)) {
    return WithField(MakeError(ErrorCode::kValidation, "Give a web address that starts with https://."), "url");
  }
  if (auto e = CleanField(s.email, false, 254, false, "email", ""); !e) return e.error();
  if (!s.email.empty() && !mail::IsValidAddress(s.email)) {
    return WithField(MakeError(ErrorCode::kValidation, "This e-mail address is not valid."), "email");
  }
  if (s.status != "active" && s.status != "inactive" && s.status != "defunct" && s.status != "temporarily closed") {
    return WithField(MakeError(ErrorCode::kValidation, "This status does not exist."), "status");
  }
  if ((s.minimum_age && (*s.minimum_age < 0 || *s.minimum_age > 120)) ||
      (s.maximum_age && (*s.maximum_age < 0 || *s.maximum_age > 120)) ||
      (s.minimum_age && s.maximum_age && *s.minimum_age > *s.maximum_age)) {
    return WithField(MakeError(ErrorCode::kValidation, "Give ages between 0 and 120."), "minimum_age");
  }
  for (const auto& a : s.areas) {
    const bool ok = (a.type == AreaType::kCity) || (a.type == AreaType::kWijk && a.code.rfind("WK", 0) == 0) ||
                    (a.type == AreaType::kBuurt && a.code.rfind("BU", 0) == 0);
    if (!ok) {
      return WithField(MakeError(ErrorCode::kValidation, "Give the area as a CBS wijk code (WK…) or buurt code (BU…)."),
                       "service_areas");
    }
  }
  for (auto& l : s.languages) {
    if (l.code.size() < 2 || l.code.size() > 3 ||
        !std::all_of(l.code.begin(), l.code.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      return WithField(MakeError(ErrorCode::kValidation, "Give languages as two-letter codes, for example nl or en."),
                       "languages");
    }
  }
  for (auto& p : s.phones) {
    if (TrimView(p.number).empty()) {
      return WithField(MakeError(ErrorCode::kValidation, "Give the phone number."), "phones");
    }
    if (auto e = CleanField(p.number, false, 40, false, "phones", ""); !e) return e.error();
  }
  if (auto e = CleanSchedules(s.schedules); !e) return e.error();
  return s;
}

Result<Organization> DirectoryService::Clean(const Organization& draft) {
  Organization o = draft;
  if (TrimView(o.name).empty()) {
      return WithField(MakeError(ErrorCode::kValidation, "Give the organisation a name."), "name");
    }
    if (auto e = CleanField(o.name, false, 200, false, "name", ""); !e) return e.error();
  if (auto e = CleanField(o.description, true, 5000, false, "description", ""); !e) return e.error();
  if (auto e = CleanField(o.website, false, 500, false, "website", ""); !e) return e.error();
  if (!IsWebAddress(o.website)) {
    return WithField(MakeError(ErrorCode::kValidation, "Give a web address that starts with https://."), "website");
  }
  if (auto e = CleanField(o.email, false, 254, false, "email", ""); !e) return e.error();
  if (!o.email.empty() && !mail::IsValidAddress(o.email)) {
    return WithField(MakeError(ErrorCode::kValidation, "This e-mail address is not valid."), "email");
  }
  for (auto& p : o.phones) {
    if (TrimView(p.number).empty()) {
      return WithField(MakeError(ErrorCode::kValidation, "Give the phone number."), "phones");
    }
    if (auto e = CleanField(p.number, false, 40, false, "phones", ""); !e) return e.error();
  }
  return o;
}

Result<Location> DirectoryService::Clean(const Location& draft) {
  Location l = draft;
  if (TrimView(l.name).empty()) {
      return WithField(MakeError(ErrorCode::kValidation, "Give the place a name."), "name");
    }
    if (auto e = CleanField(l.name, false, 200, false, "name", ""); !e) return e.error();
  if (auto e = CleanField(l.address_1, false, 200, false, "address_1", ""); !e) return e.error();
  if (auto e = CleanField(l.postal_code, false, 10, false, "postal_code", ""); !e) return e.error();
  if (auto e = CleanField(l.accessibility, true, 1000, false, "accessibility", ""); !e) return e.error();
  if (l.location_type != "physical" && l.location_type != "postal" && l.location_type != "virtual") {
    return WithField(MakeError(ErrorCode::kValidation, "This kind of place does not exist."), "location_type");
  }
  if (l.latitude.has_value() != l.longitude.has_value() || (l.latitude && (*l.latitude < -90 || *l.latitude > 90)) ||
      (l.longitude && (*l.longitude < -180 || *l.longitude > 180))) {
    return WithField(MakeError(ErrorCode::kValidation, "Give both latitude and longitude, as decimal degrees."),
                     "latitude");
  }
  if (auto e = CleanSchedules(l.schedules); !e) return e.error();
  return l;
}

search::Document DirectoryService::DocumentOf(CityId city, const Service& s) const {
  search::Document doc;
  doc.kind = search::Kind::kService;
  doc.item_id = s.id.value;
  doc.city = city;
  doc.site = std::nullopt;
  doc.title = s.name;
  doc.body = s.organization_name + "\n" + s.description;
  doc.url = url_ ? url_(city, s) : std::string();
  return doc;
}

void DirectoryService::Index(CityId city, const Service& s) {
  if (indexer_) indexer_->Put(DocumentOf(city, s));
}

long DirectoryService::Reindex(CityId city, search::Indexer& indexer) {
  long n = 0;
  for (int page = 1; page <= kMaxPage; ++page) {
    const auto services = Services(city, ServiceQuery{}, page, kMaxPerPage);
    for (const auto& s : services.items) indexer.Put(DocumentOf(city, s));
    n += static_cast<long>(services.items.size());
    if (static_cast<long>(page) * kMaxPerPage >= static_cast<long>(services.total_items)) break;
  }
  return n;
}

Result<Service> DirectoryService::SaveService(CityId city, const Editor& editor, const Service& draft) {
  std::optional<Service> before;
  if (draft.id) {
    before = store_.directory().FindService(city, draft.id);
    if (!before) return MakeError(ErrorCode::kNotFound, "This entry of the sociale kaart does not exist.");
    if (!MayEditService(city, editor, *before)) return NotYours();
  }
  if (!MayEditService(city, editor, draft)) return NotYours();
  auto clean = Clean(draft);
  if (!clean) return clean.error();
  // The whole city or wijken and buurten of this city (CBS codes carry the gemeente's number).
  // The import keeps what its rows say.
  if (!editor.import) {
    const bool whole_city = std::any_of(clean->areas.begin(), clean->areas.end(), [](const ServiceArea& a) {
      return a.type == AreaType::kCity;
    });
    if (whole_city && clean->areas.size() > 1) {
      return WithField(MakeError(ErrorCode::kValidation, "Choose the whole city, or wijken and buurten, not both."),
                       "service_areas");
    }
    auto c = store_.cities().FindCity(city);
    const std::string number = c && c->gemeente_code.size() == 6 ? c->gemeente_code.substr(2) : "";
    for (const auto& a : clean->areas) {
      if (a.type != AreaType::kCity && (number.empty() || a.code.compare(2, number.size(), number) != 0)) {
        return WithField(MakeError(ErrorCode::kValidation, "Choose wijken and buurten of this city."),
                         "service_areas");
      }
    }
  }
  // A retired category stays on the services that have it, but is not chosen anew.
  for (const auto& code : clean->term_codes) {
    const bool had = before && std::find(before->term_codes.begin(), before->term_codes.end(), code) !=
                                   before->term_codes.end();
    auto term = store_.directory().FindTermByCode(city, code);
    if (term && term->retired && !had && !editor.import) {
      return WithField(MakeError(ErrorCode::kValidation, "This category is no longer offered."), "categories");
    }
  }
  const std::int64_t now = clock_.Now();
  Result<Service> saved = MakeError(ErrorCode::kInternal, "This entry of the sociale kaart does not exist.");
  Change change;
  change.at = now;
  change.user = editor.user;
  if (before) {
    clean->uuid = before->uuid;
    clean->at_locations = before->at_locations;
    if (auto s = store_.directory().UpdateService(city, draft.id, *clean, now); !s) return s.error();
    auto found = store_.directory().FindService(city, draft.id);
    if (!found) return MakeError(ErrorCode::kNotFound, "This entry of the sociale kaart does not exist.");
    saved = *found;
    change.action = "edit";
    change.changes_json = DiffServices(*before, *saved);
  } else {
    saved = store_.directory().CreateService(city, *clean, now);
    if (!saved) return saved;
    change.action = editor.import ? "import" : "create";
    change.changes_json = DiffServices(Service{}, *saved);
  }
  store_.directory().AddChange(city, EntityType::kService, saved->id.value, change);
  Index(city, *saved);
  Changed(city);
  return saved;
}

Result<Organization> DirectoryService::SaveOrganization(CityId city, const Editor& editor, const Organization& draft) {
  if (draft.id) {
    if (!MayEditOrganization(city, editor, draft.id)) return NotYours();
  } else if (!IsKeeper(editor)) {
    return MakeError(ErrorCode::kForbidden, "Only the association can add organisations.");
  }
  auto clean = Clean(draft);
  if (!clean) return clean.error();
  const std::int64_t now = clock_.Now();
  Change change;
  change.at = now;
  change.user = editor.user;
  Result<Organization> saved = MakeError(ErrorCode::kInternal, "This entry of the sociale kaart does not exist.");
  if (draft.id) {
    auto before = store_.directory().FindOrganization(city, draft.id);
    if (!before) return MakeError(ErrorCode::kNotFound, "This entry of the sociale kaart does not exist.");
    if (auto s = store_.directory().UpdateOrganization(city, draft.id, *clean, now); !s) return s.error();
    saved = *store_.directory().FindOrganization(city, draft.id);
    Diff d;
    d.Add("name", before->name, saved->name);
    d.Add("description", before->description, saved->description);
    d.Add("email", before->email, saved->email);
    d.Add("website", before->website, saved->website);
    change.action = "edit";
    change.changes_json = d.Json();
  } else {
    saved = store_.directory().CreateOrganization(city, *clean, now);
    if (!saved) return saved;
    change.action = editor.import ? "import" : "create";
  }
  store_.directory().AddChange(city, EntityType::kOrganization, saved->id.value, change);
  Changed(city);
  return saved;
}

Result<Location> DirectoryService::SaveLocation(CityId city, const Editor& editor, const Location& draft) {
  const bool local_place = !draft.organization && draft.site && editor.buurtverbinder_of &&
                           *editor.buurtverbinder_of == *draft.site;
  std::optional<Location> before;
  if (draft.id) {
    before = store_.directory().FindLocation(city, draft.id);
    if (!before) return MakeError(ErrorCode::kNotFound, "This entry of the sociale kaart does not exist.");
    const bool before_ok = before->organization
                               ? MayEditOrganization(city, editor, *before->organization)
                               : (IsKeeper(editor) ||
                                  (before->site && editor.buurtverbinder_of && *before->site == *editor.buurtverbinder_of));
    if (!before_ok) return NotYours();
  }
  const bool allowed = IsKeeper(editor) || local_place ||
                       (draft.organization && MayEditOrganization(city, editor, *draft.organization));
  if (!allowed) return NotYours();
  auto clean = Clean(draft);
  if (!clean) return clean.error();
  const std::int64_t now = clock_.Now();
  Result<Location> saved = MakeError(ErrorCode::kInternal, "This entry of the sociale kaart does not exist.");
  if (before) {
    clean->uuid = before->uuid;
    if (auto s = store_.directory().UpdateLocation(city, draft.id, *clean, now); !s) return s.error();
    saved = *store_.directory().FindLocation(city, draft.id);
  } else {
    saved = store_.directory().CreateLocation(city, *clean, now);
    if (!saved) return saved;
  }
  Change change;
  change.at = now;
  change.user = editor.user;
  change.action = before ? "edit" : (editor.import ? "import" : "create");
  {
    const Location empty;
    const Location& a = before ? *before : empty;
    Diff d;
    d.Add("name", a.name, saved->name);
    d.Add("address", a.address_1 + " " + a.postal_code, saved->address_1 + " " + saved->postal_code);
    d.Add("accessibility", a.accessibility, saved->accessibility);
    d.Add("opening_hours", SchedulesText(a.schedules), SchedulesText(saved->schedules));
    d.Add("closed_on_public_holidays", a.closed_on_public_holidays ? "1" : "0",
          saved->closed_on_public_holidays ? "1" : "0");
    change.changes_json = d.Json();
  }
  store_.directory().AddChange(city, EntityType::kLocation, saved->id.value, change);
  Changed(city);
  return saved;
}

Result<Professional> DirectoryService::SaveProfessional(CityId city, const Editor& editor, const Professional& draft) {
  if (!editor.user) return MakeError(ErrorCode::kForbidden, "Only professionals of an organisation on the sociale kaart can make a profile.");
  const bool own = draft.user == *editor.user;
  if (!editor.operator_ && (!own || !store_.directory().RoleOf(city, draft.organization, *editor.user))) {
    return MakeError(ErrorCode::kForbidden, "Only professionals of an organisation on the sociale kaart can make a profile.");
  }
  Professional p = draft;
  if (TrimView(p.display_name).empty()) {
    return WithField(MakeError(ErrorCode::kValidation, "Give the name residents know you by."), "display_name");
  }
  if (auto e = CleanField(p.display_name, false, 100, false, "display_name", ""); !e) return e.error();
  if (auto e = CleanField(p.job_title, false, 100, false, "job_title", ""); !e) return e.error();
  if (auto e = CleanField(p.come_to_me_for, true, 1000, false, "come_to_me_for", ""); !e) return e.error();
  if (auto e = CleanField(p.office_hours, true, 500, false, "office_hours", ""); !e) return e.error();
  auto c = store_.cities().FindCity(city);
  const std::string prefix = c && c->gemeente_code.size() == 6 ? "BU" + c->gemeente_code.substr(2) : "BU";
  for (const auto& b : p.buurt_codes) {
    if (b.size() != 10 || b.rfind(prefix, 0) != 0) {
      return WithField(MakeError(ErrorCode::kValidation, "Choose neighbourhoods of this city."), "buurten");
    }
  }
  auto saved = store_.directory().SaveProfessional(city, p, clock_.Now());
  if (saved) Changed(city);
  return saved;
}

Status DirectoryService::VerifyService(CityId city, const Editor& editor, ServiceId id) {
  auto s = store_.directory().FindService(city, id);
  if (!s) return MakeError(ErrorCode::kNotFound, "This entry of the sociale kaart does not exist.");
  if (!IsKeeper(editor)) return MakeError(ErrorCode::kForbidden, "Only the association can verify entries.");
  if (auto r = store_.directory().Assure(city, EntityType::kService, id.value, {Today(), editor.email}); !r) return r;
  Change change;
  change.at = clock_.Now();
  change.user = editor.user;
  change.action = "verify";
  store_.directory().AddChange(city, EntityType::kService, id.value, change);
  Changed(city);
  return Ok{};
}

Result<Page<Service>> DirectoryService::ForReview(CityId city, const Editor& editor, int page, int per_page) {
  if (!IsKeeper(editor)) return MakeError(ErrorCode::kForbidden, "Only the association can verify entries.");
  Page<Service> out;
  out.page = ClampPage(page);
  out.per_page = ClampPerPage(per_page);
  out.total_items = store_.directory().CountAllServices(city);
  const int offset = (out.page - 1) * out.per_page;
  if (offset < out.total_items) out.items = store_.directory().ServicesForReview(city, out.per_page, offset);
  return out;
}

namespace {
AppError NotTheAssociation() {
  return MakeError(ErrorCode::kForbidden, "Only the association can change the categories.");
}
Status CleanTerm(std::string& name, std::string& description) {
  if (TrimView(name).empty()) {
    return WithField(MakeError(ErrorCode::kValidation, "Give the category a name."), "name");
  }
  if (auto e = CleanField(name, false, 80, false, "name", ""); !e) return e;
  return CleanField(description, true, 500, false, "description", "");
}
}  // namespace

Result<Term> DirectoryService::AddTerm(CityId city, const Editor& editor, const std::string& name,
                                       const std::string& description) {
  if (!IsKeeper(editor)) return NotTheAssociation();
  Term t;
  t.name = name;
  t.description = description;
  if (auto e = CleanTerm(t.name, t.description); !e) return e.error();
  t.code = CodeFromName(t.name);
  if (t.code.empty()) t.code = "categorie-" + NewUuid().substr(0, 8);
  EnsureTaxonomy(city);
  if (store_.directory().FindTermByCode(city, t.code)) {
    return WithField(MakeError(ErrorCode::kConflict, "This category already exists."), "name");
  }
  auto added = store_.directory().AddTerm(city, t);
  if (added) Changed(city);
  return added;
}

Status DirectoryService::UpdateTerm(CityId city, const Editor& editor, const std::string& code,
                                    const std::string& name, const std::string& description, bool retired) {
  if (!IsKeeper(editor)) return NotTheAssociation();
  auto before = store_.directory().FindTermByCode(city, code);
  if (!before) return MakeError(ErrorCode::kNotFound, "This category does not exist.");
  Term t = *before;
  t.name = name;
  t.description = description;
  t.retired = retired;
  if (auto e = CleanTerm(t.name, t.description); !e) return e;
  if (auto s = store_.directory().UpdateTerm(city, code, t); !s) return s;
  Changed(city);
  return Ok{};
}

bool DirectoryService::MayManagePeople(CityId city, const Editor& editor, OrganizationId org) {
  if (IsKeeper(editor)) return true;
  return editor.user && store_.directory().RoleOf(city, org, *editor.user) == OrgRole::kAdmin;
}

namespace {
AppError NotYourPeople() {
  return MakeError(ErrorCode::kForbidden, "Only the organisation's admins or the association can change who works here.");
}
}  // namespace

Result<Page<OrgMember>> DirectoryService::People(CityId city, const Editor& editor, OrganizationId org, int page,
                                                 int per_page) {
  if (!store_.directory().FindOrganization(city, org)) {
    return MakeError(ErrorCode::kNotFound, "This entry of the sociale kaart does not exist.");
  }
  if (!MayManagePeople(city, editor, org)) return NotYourPeople();
  Page<OrgMember> out;
  out.page = ClampPage(page);
  out.per_page = ClampPerPage(per_page);
  out.total_items = store_.directory().CountOrganizationUsers(city, org);
  const int offset = (out.page - 1) * out.per_page;
  if (offset < out.total_items) out.items = store_.directory().OrganizationUsers(city, org, out.per_page, offset);
  return out;
}

Status DirectoryService::Mail(UserId user, const std::string& subject, const std::string& body) {
  if (!mail_) return Ok{};
  auto u = store_.users().FindUser(user);
  if (!u) return Ok{};
  mail::Draft d;
  d.to_address = u->email;
  d.subject = subject;
  d.text_body = "Hallo " + u->display_name + ",\n\n" + body + "\n\nGroeten,\nBuurtplein\n";
  auto sent = mail_->Send(d);
  if (!sent) return sent.error();
  return Ok{};
}

Result<OrgMember> DirectoryService::AddPerson(CityId city, const Editor& editor, OrganizationId org,
                                              const std::string& email, OrgRole role) {
  auto o = store_.directory().FindOrganization(city, org);
  if (!o) return MakeError(ErrorCode::kNotFound, "This entry of the sociale kaart does not exist.");
  if (!MayManagePeople(city, editor, org)) return NotYourPeople();
  auto address = accounts::AccountService::NormaliseEmail(email);
  if (!address) return WithField(address.error(), "email");
  auto user = store_.users().FindUserByEmail(*address);
  if (!user) {
    return WithField(MakeError(ErrorCode::kValidation,
                               "There is no account with this e-mail address. Ask them to make an account first."),
                     "email");
  }
  if (auto s = store_.directory().SetOrganizationRole(city, org, user->id, role, clock_.Now()); !s) return s.error();
  Change change;
  change.at = clock_.Now();
  change.user = editor.user;
  change.action = "people";
  change.changes_json = std::string("{\"") + (role == OrgRole::kAdmin ? "admin" : "professional") + "\":[\"\",\"" +
                        std::to_string(user->id.value) + "\"]}";
  store_.directory().AddChange(city, EntityType::kOrganization, org.value, change);
  const std::string what = role == OrgRole::kAdmin ? "beheerder" : "professional";
  (void)Mail(user->id, "Je bent toegevoegd aan " + o->name,
             "Je bent op de sociale kaart van Buurtplein toegevoegd aan " + o->name + " als " + what +
                 ". Je kunt nu inloggen en de informatie van deze organisatie bijhouden.\n\n" + base_url_);
  Changed(city);
  return OrgMember{user->id, user->display_name, role};
}

Status DirectoryService::RemovePerson(CityId city, const Editor& editor, OrganizationId org, UserId user) {
  auto o = store_.directory().FindOrganization(city, org);
  if (!o) return MakeError(ErrorCode::kNotFound, "This entry of the sociale kaart does not exist.");
  if (!MayManagePeople(city, editor, org)) return NotYourPeople();
  if (auto s = store_.directory().RemoveOrganizationRole(city, org, user); !s) return s;
  Change change;
  change.at = clock_.Now();
  change.user = editor.user;
  change.action = "people";
  change.changes_json = "{\"removed\":[\"" + std::to_string(user.value) + "\",\"\"]}";
  store_.directory().AddChange(city, EntityType::kOrganization, org.value, change);
  (void)Mail(user, "Je bent niet meer verbonden aan " + o->name,
             "Je bent op de sociale kaart van Buurtplein niet meer verbonden aan " + o->name + ".");
  Changed(city);
  return Ok{};
}

Result<Service> DirectoryService::AddLocalPlace(CityId city, const Editor& editor, SiteId site,
                                                const LocalPlace& place) {
  const bool allowed = IsKeeper(editor) || (editor.user && editor.buurtverbinder_of && *editor.buurtverbinder_of == site);
  if (!allowed) return MakeError(ErrorCode::kForbidden, "Only the buurtverbinders of this site can add local places.");
  auto term = store_.directory().FindTermByCode(city, place.term_code);
  if (!term || term->retired) {
    return WithField(MakeError(ErrorCode::kValidation, "Choose a category."), "categories");
  }
  Organization o;
  o.site = site;
  o.name = place.name;
  o.description = place.description;
  o.website = place.website;
  if (!TrimView(place.phone).empty()) o.phones.push_back({"", place.phone, "voice", ""});
  Location l;
  l.site = site;
  l.name = place.name;
  l.address_1 = place.address_1;
  l.postal_code = place.postal_code;
  l.latitude = place.latitude;
  l.longitude = place.longitude;
  l.schedules = place.schedules;
  l.closed_on_public_holidays = place.closed_on_public_holidays;
  auto site_row = store_.sites().FindSite(city, site);
  if (auto c = store_.cities().FindCity(city)) l.address_city = c->name;
  Service sv;
  sv.site = site;
  sv.name = place.name;
  sv.description = place.description;
  sv.url = place.website;
  sv.term_codes = {place.term_code};
  // Check all three before writing anything, so the form shows the first problem.
  auto clean_o = Clean(o);
  if (!clean_o) return clean_o.error();
  auto clean_l = Clean(l);
  if (!clean_l) return clean_l.error();
  if (auto c = Clean(sv); !c) return c.error();
  if (!site_row) return MakeError(ErrorCode::kNotFound, "This entry of the sociale kaart does not exist.");

  std::optional<Service> made;
  const std::int64_t now = clock_.Now();
  auto status = store_.directory().InTransaction([&]() -> Status {
    auto org = store_.directory().CreateOrganization(city, *clean_o, now);
    if (!org) return org.error();
    clean_l->organization = org->id;
    auto loc = store_.directory().CreateLocation(city, *clean_l, now);
    if (!loc) return loc.error();
    sv.organization = org->id;
    sv.location_ids = {loc->id};
    auto clean_s = Clean(sv);
    if (!clean_s) return clean_s.error();
    auto created = store_.directory().CreateService(city, *clean_s, now);
    if (!created) return created.error();
    Change change;
    change.at = now;
    change.user = editor.user;
    change.action = "create";
    store_.directory().AddChange(city, EntityType::kOrganization, org->id.value, change);
    store_.directory().AddChange(city, EntityType::kLocation, loc->id.value, change);
    change.changes_json = DiffServices(Service{}, *created);
    store_.directory().AddChange(city, EntityType::kService, created->id.value, change);
    made = store_.directory().FindService(city, created->id);
    return Ok{};
  });
  if (!status) return status.error();
  if (!made) return MakeError(ErrorCode::kInternal, "This entry of the sociale kaart does not exist.");
  Index(city, *made);
  Changed(city);
  return *made;
}

bool DirectoryService::IsOutdated(const std::string& assured_date) const {
  if (assured_date.empty()) return true;
  return assured_date < DateOf(clock_.Now() - kOutdatedAfterSeconds);
}

int DirectoryService::SendReminders(CityId city, mail::MailService& mail, const std::string& base_url, int limit) {
  const std::int64_t now = clock_.Now();
  int sent = 0;
  for (const auto& e : store_.directory().ListStale(city, DateOf(now - kOutdatedAfterSeconds), now - 30LL * 24 * 3600,
                                                     std::clamp(limit, 1, 1000))) {
    if (!e.owner_email.empty()) {
      mail::Draft d;
      d.to_address = e.owner_email;
      d.subject = "Klopt je informatie op de sociale kaart nog?";
      d.text_body = "Hallo,\n\nOp de sociale kaart staat \"" + e.name +
                    "\". Deze informatie is al meer dan een jaar niet gecontroleerd. Wil je kijken of alles nog "
                    "klopt? Log in en pas het aan, of laat ons weten dat het klopt.\n\n" +
                    base_url + "\n\nGroeten,\nBuurtplein\n";
      if (mail.Send(d)) ++sent;
    }
    store_.directory().MarkReminded(city, e.type, e.id, now);
  }
  return sent;
}

}  // namespace buurtplein::domain::directory
