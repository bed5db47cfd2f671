#include "app/cbs_import.hpp"

#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace buurtplein::app {

using domain::sites::Area;
using domain::sites::AreaLevel;

std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(std::move(cur));
      cur.clear();
    } else if (c != '\r') {
      cur.push_back(c);
    }
  }
  out.push_back(std::move(cur));
  return out;
}

namespace {

// A CSV file read as rows of named columns.
class Csv {
 public:
  explicit Csv(const std::string& path) : path_(path), in_(path) {
    if (!in_) throw std::runtime_error("The CBS file " + path + " cannot be read.");
    std::string header;
    std::getline(in_, header);
    auto cols = SplitCsvLine(header);
    for (std::size_t i = 0; i < cols.size(); ++i) index_[cols[i]] = i;
  }
  bool Next() {
    std::string line;
    while (std::getline(in_, line)) {
      ++line_no_;
      if (line.empty()) continue;
      row_ = SplitCsvLine(line);
      return true;
    }
    return false;
  }
  const std::string& operator[](const std::string& col) const {
    auto it = index_.find(col);
    if (it == index_.end()) throw std::runtime_error("The CBS file " + path_ + " has no column " + col + ".");
    if (it->second >= row_.size()) Fail("has too few fields");
    return row_[it->second];
  }
  double Double(const std::string& col, double fallback) const {
    const std::string& s = (*this)[col];
    if (s.empty()) return fallback;
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc()) Fail("has a bad number in " + col);
    return v;
  }
  std::optional<long> Long(const std::string& col) const {
    const std::string& s = (*this)[col];
    if (s.empty()) return std::nullopt;
    long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc()) Fail("has a bad number in " + col);
    return v;
  }
  [[noreturn]] void Fail(const std::string& what) const {
    throw std::runtime_error("Line " + std::to_string(line_no_ + 1) + " of " + path_ + " " + what + ".");
  }

 private:
  std::string path_;
  std::ifstream in_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::string> row_;
  long line_no_ = 0;
};

nlohmann::json ReadJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("The CBS file " + path + " cannot be read.");
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) throw std::runtime_error("The CBS file " + path + " is not valid JSON.");
  return j;
}

}  // namespace

CbsImportReport ImportCbs(domain::Store& store, const std::string& dir, bool national) {
  std::unordered_map<std::string, Area> areas;  // by code; later files refine earlier ones
  auto put = [&areas](Area a) {
    auto [it, inserted] = areas.try_emplace(a.code, a);
    if (!inserted) {
      Area& old = it->second;
      if (!a.name.empty()) old.name = a.name;
      if (a.inhabitants) old.inhabitants = a.inhabitants;
      if (!a.geometry_json.empty()) old.geometry_json = a.geometry_json;
      if (a.lon != 0) {
        old.lon = a.lon;
        old.lat = a.lat;
      }
    }
  };

  if (national) {
    Csv labels(dir + "/cbs_gwb_labels_nl_2014.csv");
    while (labels.Next()) {
      Area a;
      const std::string& level = labels["niveau"];
      a.level = level == "gemeente" ? AreaLevel::kGemeente : level == "wijk" ? AreaLevel::kWijk : AreaLevel::kBuurt;
      a.code = labels["code"];
      a.name = labels["naam"];
      a.gemeente_code = labels["gemeentecode"];
      a.wijk_code = a.level == AreaLevel::kBuurt ? labels["wijkcode"] : "";
      a.lon = labels.Double("label_lon", 0);
      a.lat = labels.Double("label_lat", 0);
      put(std::move(a));
    }
    Csv kwb(dir + "/kwb2024_gemeenten_wijken_nl.csv");
    while (kwb.Next()) {
      auto it = areas.find(kwb["regiocode"]);
      if (it != areas.end()) it->second.inhabitants = kwb.Long("inwoners");
    }
  }

  std::unordered_map<std::string, std::pair<double, double>> gemeente_points;
  Csv gemeenten(dir + "/cbs_gemeenten_5.csv");
  while (gemeenten.Next()) {
    Area a;
    a.level = AreaLevel::kGemeente;
    a.code = gemeenten["gemeentecode"];
    a.name = gemeenten["gemeentenaam"];
    a.gemeente_code = a.code;
    a.lon = gemeenten.Double("label_lon_2015", 0);
    a.lat = gemeenten.Double("label_lat_2015", 0);
    a.inhabitants = gemeenten.Long("inwoners_2024");
    gemeente_points[a.code] = {a.lon, a.lat};
    put(std::move(a));
  }
  Csv wijken(dir + "/cbs_wijken_5gemeenten.csv");
  while (wijken.Next()) {
    Area a;
    a.level = AreaLevel::kWijk;
    a.code = wijken["wijkcode"];
    // Two 's-Hertogenbosch wijken are newer than the 2014 names: they keep their code as name.
    a.name = wijken["wijknaam_2014"].empty() ? a.code : wijken["wijknaam_2014"];
    a.gemeente_code = wijken["gemeentecode"];
    const auto& fallback = gemeente_points[a.gemeente_code];
    a.lon = wijken.Double("label_lon_2014", fallback.first);
    a.lat = wijken.Double("label_lat_2014", fallback.second);
    a.inhabitants = wijken.Long("inwoners_2024");
    put(std::move(a));
  }
  Csv buurten(dir + "/cbs_buurten_2014_5gemeenten.csv");
  while (buurten.Next()) {
    Area a;
    a.level = AreaLevel::kBuurt;
    a.code = buurten["buurtcode"];
    a.name = buurten["buurtnaam"];
    a.gemeente_code = buurten["gemeentecode"];
    a.wijk_code = buurten["wijkcode"];
    a.lon = buurten.Double("label_lon", 0);
    a.lat = buurten.Double("label_lat", 0);
    put(std::move(a));
  }
  CbsImportReport report;
  for (const char* file : {"/nijmegen_wijken_2024.geojson", "/nijmegen_buurten_2024.geojson"}) {
    auto fc = ReadJson(dir + file);
    for (const auto& f : fc.at("features")) {
      const auto& p = f.at("properties");
      Area a;
      const bool buurt = p.contains("buurtcode");
      a.level = buurt ? AreaLevel::kBuurt : AreaLevel::kWijk;
      a.code = p.at(buurt ? "buurtcode" : "wijkcode").get<std::string>();
      // CBS's own 2014 spelling keeps the apostrophe of "'t Acker".
      a.name = buurt ? p.value("buurtnaam_cbs2014", p.value("buurtnaam", "")) : p.value("wijknaam", "");
      a.gemeente_code = p.at("gemeentecode").get<std::string>();
      a.wijk_code = buurt ? p.at("wijkcode").get<std::string>() : "";
      a.lon = p.value("label_lon_2014", p.value("centroid_lon", 0.0));
      a.lat = p.value("label_lat_2014", p.value("centroid_lat", 0.0));
      if (!buurt && p.contains("inwoners_2024")) a.inhabitants = p.at("inwoners_2024").get<long>();
      a.geometry_json = f.at("geometry").dump();
      ++report.polygons;
      put(std::move(a));
    }
  }

  std::vector<Area> all;
  all.reserve(areas.size());
  for (auto& [code, a] : areas) {
    if (a.level == AreaLevel::kGemeente) ++report.gemeenten;
    else if (a.level == AreaLevel::kWijk) ++report.wijken;
    else ++report.buurten;
    all.push_back(std::move(a));
  }
  std::sort(all.begin(), all.end(), [](const Area& x, const Area& y) { return x.code < y.code; });
  if (auto s = store.areas().UpsertAreas(all); !s) throw std::runtime_error(s.error().internal_detail);
  return report;
}

}  // namespace buurtplein::app
