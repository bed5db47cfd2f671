#include "store/sqlite/sites_repository.hpp"

#include "store/level_names.hpp"

namespace buurtplein::store::sqlite {

using domain::ErrorCode;
using domain::MakeError;
using namespace domain::sites;

namespace {

constexpr const char* kUpsertArea =
    "INSERT INTO areas (code, level, name, gemeente_code, wijk_code, lon, lat, geometry_json, inhabitants) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT (code) DO UPDATE SET level = excluded.level, name = excluded.name, "
    "gemeente_code = excluded.gemeente_code, wijk_code = excluded.wijk_code, lon = excluded.lon, "
    "lat = excluded.lat, geometry_json = CASE WHEN excluded.geometry_json = '' THEN areas.geometry_json "
    "ELSE excluded.geometry_json END, inhabitants = COALESCE(excluded.inhabitants, areas.inhabitants)";
constexpr const char* kFindArea =
    "SELECT code, level, name, gemeente_code, wijk_code, lon, lat, geometry_json, inhabitants FROM areas "
    "WHERE code = ?1";
constexpr const char* kListAreas =
    "SELECT code, level, name, gemeente_code, wijk_code, lon, lat, geometry_json, inhabitants FROM areas "
    "WHERE gemeente_code = ?1 AND level = ?2 ORDER BY code";
constexpr const char* kCountAreas = "SELECT count(*) FROM areas WHERE level = ?1";
constexpr const char* kCountBuurtenOfWijk =
    "SELECT count(*) FROM areas WHERE gemeente_code = ?1 AND level = 'buurt' AND wijk_code = ?2";

constexpr const char* kInsertCity =
    "INSERT INTO cities (gemeente_code, name, slug, association_name, lon, lat) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "RETURNING id";
constexpr const char* kUpsertCity =
    "INSERT INTO cities (gemeente_code, name, slug, association_name, lon, lat) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (gemeente_code) DO UPDATE SET name = excluded.name, slug = excluded.slug, "
    "association_name = excluded.association_name, lon = excluded.lon, lat = excluded.lat RETURNING id";
constexpr const char* kFindCityBySlug =
    "SELECT id, gemeente_code, name, slug, association_name, lon, lat FROM cities WHERE slug = ?1";
constexpr const char* kFindCity =
    "SELECT id, gemeente_code, name, slug, association_name, lon, lat FROM cities WHERE id = ?1";
constexpr const char* kListCities =
    "SELECT id, gemeente_code, name, slug, association_name, lon, lat FROM cities ORDER BY name";

constexpr const char* kInsertSite =
    "INSERT INTO sites (city_id, slug, name, tagline, primary_colour, accent_colour, logo_path, status) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";
constexpr const char* kUpdateSite =
    "UPDATE sites SET slug = ?3, name = ?4, tagline = ?5, primary_colour = ?6, accent_colour = ?7, "
    "logo_path = ?8, status = ?9, updated_at = unixepoch() WHERE city_id = ?1 AND id = ?2";
constexpr const char* kFindSiteBySlug =
    "SELECT id, city_id, slug, name, tagline, primary_colour, accent_colour, logo_path, status FROM sites "
    "WHERE city_id = ?1 AND slug = ?2";
constexpr const char* kFindSite =
    "SELECT id, city_id, slug, name, tagline, primary_colour, accent_colour, logo_path, status FROM sites "
    "WHERE city_id = ?1 AND id = ?2";
constexpr const char* kListSites =
    "SELECT id, city_id, slug, name, tagline, primary_colour, accent_colour, logo_path, status FROM sites "
    "WHERE city_id = ?1 ORDER BY name, id LIMIT ?2 OFFSET ?3";
constexpr const char* kCountSites = "SELECT count(*) FROM sites WHERE city_id = ?1";
constexpr const char* kDeleteSiteBuurten = "DELETE FROM site_buurten WHERE site_id = ?1";
constexpr const char* kInsertSiteBuurt = "INSERT INTO site_buurten (site_id, buurt_code) VALUES (?1, ?2)";
constexpr const char* kDeleteSiteHosts = "DELETE FROM site_hosts WHERE site_id = ?1";
constexpr const char* kInsertSiteHost = "INSERT INTO site_hosts (host, site_id) VALUES (?1, ?2)";
constexpr const char* kListSiteBuurten =
    "SELECT buurt_code FROM site_buurten WHERE site_id = ?1 ORDER BY buurt_code";
constexpr const char* kListSiteHosts = "SELECT host FROM site_hosts WHERE site_id = ?1 ORDER BY host";

Area ReadArea(const Stmt& s) {
  Area a;
  a.code = s.Text(0);
  a.level = LevelFromName(s.Text(1));
  a.name = s.Text(2);
  a.gemeente_code = s.Text(3);
  a.wijk_code = s.Text(4);
  a.lon = s.Double(5);
  a.lat = s.Double(6);
  a.geometry_json = s.Text(7);
  if (!s.IsNull(8)) a.inhabitants = s.Int(8);
  return a;
}

City ReadCity(const Stmt& s) {
  City c;
  c.id = domain::CityId{s.Int(0)};
  c.gemeente_code = s.Text(1);
  c.name = s.Text(2);
  c.slug = s.Text(3);
  c.association_name = s.Text(4);
  c.lon = s.Double(5);
  c.lat = s.Double(6);
  return c;
}

Site ReadSite(const Stmt& s) {
  Site site;
  site.id = domain::SiteId{s.Int(0)};
  site.city_id = domain::CityId{s.Int(1)};
  site.slug = s.Text(2);
  site.name = s.Text(3);
  site.tagline = s.Text(4);
  site.primary_colour = s.Text(5);
  site.accent_colour = s.Text(6);
  site.logo_path = s.Text(7);
  site.status = StatusFromName(s.Text(8));
  return site;
}

}  // namespace

domain::Status SqliteAreaRepository::UpsertAreas(const std::vector<Area>& areas) {
  auto& c = db_.Conn();
  Transaction tx(c);
  for (const auto& a : areas) {
    auto s = c.Prepare(kUpsertArea);
    s.Bind(1, a.code).Bind(2, LevelName(a.level)).Bind(3, a.name).Bind(4, a.gemeente_code).Bind(5, a.wijk_code);
    s.Bind(6, a.lon).Bind(7, a.lat).Bind(8, a.geometry_json).Bind(9, a.inhabitants);
    s.Exec();
  }
  tx.Commit();
  return domain::Ok{};
}

std::optional<Area> SqliteAreaRepository::FindArea(std::string_view code) {
  auto s = db_.Conn().Prepare(kFindArea);
  s.Bind(1, code);
  if (!s.Step()) return std::nullopt;
  return ReadArea(s);
}

std::vector<Area> SqliteAreaRepository::ListAreas(std::string_view gemeente_code, AreaLevel level) {
  auto s = db_.Conn().Prepare(kListAreas);
  s.Bind(1, gemeente_code).Bind(2, LevelName(level));
  std::vector<Area> out;
  while (s.Step()) out.push_back(ReadArea(s));
  return out;
}

long SqliteAreaRepository::CountAreas(AreaLevel level) {
  auto s = db_.Conn().Prepare(kCountAreas);
  s.Bind(1, LevelName(level));
  s.Step();
  return static_cast<long>(s.Int(0));
}

long SqliteAreaRepository::CountBuurtenOfWijk(std::string_view gemeente_code, std::string_view wijk_code) {
  auto s = db_.Conn().Prepare(kCountBuurtenOfWijk);
  s.Bind(1, gemeente_code).Bind(2, wijk_code);
  s.Step();
  return static_cast<long>(s.Int(0));
}

domain::Result<City> SqliteCityRepository::CreateCity(const City& city) {
  try {
    auto s = db_.Conn().Prepare(kInsertCity);
    s.Bind(1, city.gemeente_code).Bind(2, city.name).Bind(3, city.slug).Bind(4, city.association_name);
    s.Bind(5, city.lon).Bind(6, city.lat);
    s.Step();
    City out = city;
    out.id = domain::CityId{s.Int(0)};
    return out;
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, "This city already exists.", e.what());
    throw;
  }
}

domain::Result<City> SqliteCityRepository::UpsertCity(const City& city) {
  try {
    auto s = db_.Conn().Prepare(kUpsertCity);
    s.Bind(1, city.gemeente_code).Bind(2, city.name).Bind(3, city.slug).Bind(4, city.association_name);
    s.Bind(5, city.lon).Bind(6, city.lat);
    s.Step();
    City out = city;
    out.id = domain::CityId{s.Int(0)};
    return out;
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, "This city already exists.", e.what());
    throw;
  }
}

std::optional<City> SqliteCityRepository::FindCityBySlug(std::string_view slug) {
  auto s = db_.Conn().Prepare(kFindCityBySlug);
  s.Bind(1, slug);
  if (!s.Step()) return std::nullopt;
  return ReadCity(s);
}

std::optional<City> SqliteCityRepository::FindCity(domain::CityId id) {
  auto s = db_.Conn().Prepare(kFindCity);
  s.Bind(1, id.value);
  if (!s.Step()) return std::nullopt;
  return ReadCity(s);
}

std::vector<City> SqliteCityRepository::ListCities() {
  auto s = db_.Conn().Prepare(kListCities);
  std::vector<City> out;
  while (s.Step()) out.push_back(ReadCity(s));
  return out;
}

void SqliteSiteRepository::WriteChildren(Connection& c, domain::SiteId site, const SiteDraft& draft) {
  c.Prepare(kDeleteSiteBuurten).Bind(1, site.value).Exec();
  for (const auto& code : draft.buurt_codes) c.Prepare(kInsertSiteBuurt).Bind(1, site.value).Bind(2, code).Exec();
  c.Prepare(kDeleteSiteHosts).Bind(1, site.value).Exec();
  for (const auto& host : draft.hosts) c.Prepare(kInsertSiteHost).Bind(1, host).Bind(2, site.value).Exec();
}

void SqliteSiteRepository::LoadChildren(Connection& c, Site& site) {
  {
    auto s = c.Prepare(kListSiteBuurten);
    s.Bind(1, site.id.value);
    while (s.Step()) site.buurt_codes.push_back(s.Text(0));
  }
  auto s = c.Prepare(kListSiteHosts);
  s.Bind(1, site.id.value);
  while (s.Step()) site.hosts.push_back(s.Text(0));
}

domain::Result<Site> SqliteSiteRepository::CreateSite(domain::CityId city, const SiteDraft& d) {
  auto& c = db_.Conn();
  try {
    Transaction tx(c);
    domain::SiteId id;
    {
      auto s = c.Prepare(kInsertSite);
      s.Bind(1, city.value).Bind(2, d.slug).Bind(3, d.name).Bind(4, d.tagline).Bind(5, d.primary_colour);
      s.Bind(6, d.accent_colour).Bind(7, d.logo_path).Bind(8, StatusName(d.status));
      s.Step();
      id = domain::SiteId{s.Int(0)};
    }
    WriteChildren(c, id, d);
    tx.Commit();
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) {
      return MakeError(ErrorCode::kConflict,
                       "A site with this web address, host name or an unknown buurt code was given.", e.what());
    }
    throw;
  }
  return *FindSiteBySlug(city, d.slug);
}

domain::Result<Site> SqliteSiteRepository::UpdateSite(domain::CityId city, domain::SiteId site, const SiteDraft& d) {
  auto& c = db_.Conn();
  try {
    Transaction tx(c);
    {
      auto s = c.Prepare(kUpdateSite);
      s.Bind(1, city.value).Bind(2, site.value).Bind(3, d.slug).Bind(4, d.name).Bind(5, d.tagline);
      s.Bind(6, d.primary_colour).Bind(7, d.accent_colour).Bind(8, d.logo_path).Bind(9, StatusName(d.status));
      s.Exec();
    }
    if (sqlite3_changes(c.raw()) == 0) return MakeError(ErrorCode::kNotFound, "This site does not exist.");
    WriteChildren(c, site, d);
    tx.Commit();
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) {
      return MakeError(ErrorCode::kConflict,
                       "A site with this web address, host name or an unknown buurt code was given.", e.what());
    }
    throw;
  }
  return *FindSite(city, site);
}

std::optional<Site> SqliteSiteRepository::FindSiteBySlug(domain::CityId city, std::string_view slug) {
  auto& c = db_.Conn();
  std::optional<Site> out;
  {
    auto s = c.Prepare(kFindSiteBySlug);
    s.Bind(1, city.value).Bind(2, slug);
    if (!s.Step()) return std::nullopt;
    out = ReadSite(s);
  }
  LoadChildren(c, *out);
  return out;
}

std::optional<Site> SqliteSiteRepository::FindSite(domain::CityId city, domain::SiteId site) {
  auto& c = db_.Conn();
  std::optional<Site> out;
  {
    auto s = c.Prepare(kFindSite);
    s.Bind(1, city.value).Bind(2, site.value);
    if (!s.Step()) return std::nullopt;
    out = ReadSite(s);
  }
  LoadChildren(c, *out);
  return out;
}

std::vector<Site> SqliteSiteRepository::ListSites(domain::CityId city, int limit, int offset) {
  auto& c = db_.Conn();
  std::vector<Site> out;
  {
    auto s = c.Prepare(kListSites);
    s.Bind(1, city.value).Bind(2, limit).Bind(3, offset);
    while (s.Step()) out.push_back(ReadSite(s));
  }
  for (auto& site : out) LoadChildren(c, site);
  return out;
}

long SqliteSiteRepository::CountSites(domain::CityId city) {
  auto s = db_.Conn().Prepare(kCountSites);
  s.Bind(1, city.value);
  s.Step();
  return static_cast<long>(s.Int(0));
}

}  // namespace buurtplein::store::sqlite
