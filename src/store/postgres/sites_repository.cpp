#include "store/postgres/sites_repository.hpp"

#include "store/level_names.hpp"

namespace buurtplein::store::postgres {

using domain::ErrorCode;
using domain::MakeError;
using namespace domain::sites;

namespace {

// Text is ordered with COLLATE "C" (byte order), as SQLite orders it, so both engines list in
// the same order whatever locale the database was created with.
constexpr const char* kUpsertArea =
    "INSERT INTO areas (code, level, name, gemeente_code, wijk_code, lon, lat, geometry_json, inhabitants) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "ON CONFLICT (code) DO UPDATE SET level = excluded.level, name = excluded.name, "
    "gemeente_code = excluded.gemeente_code, wijk_code = excluded.wijk_code, lon = excluded.lon, "
    "lat = excluded.lat, geometry_json = CASE WHEN excluded.geometry_json = '' THEN areas.geometry_json "
    "ELSE excluded.geometry_json END, inhabitants = COALESCE(excluded.inhabitants, areas.inhabitants)";
constexpr int kUpsertAreaParams = 9;
// Rows per pipeline round trip: large enough to hide latency, small enough that the server's
// replies (a few bytes each) never fill the socket buffer while libpq is still sending.
constexpr std::size_t kAreaBatch = 500;
constexpr const char* kFindArea =
    "SELECT code, level, name, gemeente_code, wijk_code, lon, lat, geometry_json, inhabitants FROM areas "
    "WHERE code = $1";
constexpr const char* kListAreas =
    "SELECT code, level, name, gemeente_code, wijk_code, lon, lat, geometry_json, inhabitants FROM areas "
    "WHERE gemeente_code = $1 AND level = $2 ORDER BY code COLLATE \"C\"";
constexpr const char* kCountAreas = "SELECT count(*) FROM areas WHERE level = $1";
constexpr const char* kCountBuurtenOfWijk =
    "SELECT count(*) FROM areas WHERE gemeente_code = $1 AND level = 'buurt' AND wijk_code = $2";

constexpr const char* kInsertCity =
    "INSERT INTO cities (gemeente_code, name, slug, association_name, lon, lat) VALUES ($1, $2, $3, $4, $5, $6) "
    "RETURNING id";
constexpr const char* kUpsertCity =
    "INSERT INTO cities (gemeente_code, name, slug, association_name, lon, lat) VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (gemeente_code) DO UPDATE SET name = excluded.name, slug = excluded.slug, "
    "association_name = excluded.association_name, lon = excluded.lon, lat = excluded.lat RETURNING id";
constexpr const char* kFindCityBySlug =
    "SELECT id, gemeente_code, name, slug, association_name, lon, lat FROM cities WHERE slug = $1";
constexpr const char* kFindCity =
    "SELECT id, gemeente_code, name, slug, association_name, lon, lat FROM cities WHERE id = $1";
constexpr const char* kListCities =
    "SELECT id, gemeente_code, name, slug, association_name, lon, lat FROM cities ORDER BY name COLLATE \"C\"";

constexpr const char* kInsertSite =
    "INSERT INTO sites (city_id, slug, name, tagline, primary_colour, accent_colour, logo_path, status) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr const char* kUpdateSite =
    "UPDATE sites SET slug = $3, name = $4, tagline = $5, primary_colour = $6, accent_colour = $7, "
    "logo_path = $8, status = $9, updated_at = now() WHERE city_id = $1 AND id = $2";
constexpr const char* kFindSiteBySlug =
    "SELECT id, city_id, slug, name, tagline, primary_colour, accent_colour, logo_path, status FROM sites "
    "WHERE city_id = $1 AND slug = $2";
constexpr const char* kFindSite =
    "SELECT id, city_id, slug, name, tagline, primary_colour, accent_colour, logo_path, status FROM sites "
    "WHERE city_id = $1 AND id = $2";
constexpr const char* kListSites =
    "SELECT id, city_id, slug, name, tagline, primary_colour, accent_colour, logo_path, status FROM sites "
    "WHERE city_id = $1 ORDER BY name COLLATE \"C\", id LIMIT $2 OFFSET $3";
constexpr const char* kCountSites = "SELECT count(*) FROM sites WHERE city_id = $1";
constexpr const char* kDeleteSiteBuurten = "DELETE FROM site_buurten WHERE site_id = $1";
// One statement for all of a site's buurten (and hosts): the codes travel as one text[] parameter.
constexpr const char* kInsertSiteBuurten =
    "INSERT INTO site_buurten (site_id, buurt_code) SELECT $1, unnest($2::text[])";
constexpr const char* kDeleteSiteHosts = "DELETE FROM site_hosts WHERE site_id = $1";
constexpr const char* kInsertSiteHosts = "INSERT INTO site_hosts (host, site_id) SELECT unnest($2::text[]), $1";
constexpr const char* kListSiteBuurten =
    "SELECT buurt_code FROM site_buurten WHERE site_id = $1 ORDER BY buurt_code COLLATE \"C\"";
constexpr const char* kListSiteHosts = "SELECT host FROM site_hosts WHERE site_id = $1 ORDER BY host COLLATE \"C\"";

constexpr const char* kSiteConflict = "A site with this web address, host name or an unknown buurt code was given.";
constexpr const char* kCityConflict = "This city already exists.";

Area ReadArea(const Result& r, int row) {
  Area a;
  a.code = r.Text(row, 0);
  a.level = LevelFromName(r.Text(row, 1));
  a.name = r.Text(row, 2);
  a.gemeente_code = r.Text(row, 3);
  a.wijk_code = r.Text(row, 4);
  a.lon = r.Double(row, 5);
  a.lat = r.Double(row, 6);
  a.geometry_json = r.Text(row, 7);
  if (!r.IsNull(row, 8)) a.inhabitants = static_cast<long>(r.Int(row, 8));
  return a;
}

City ReadCity(const Result& r, int row) {
  City c;
  c.id = domain::CityId{r.Int(row, 0)};
  c.gemeente_code = r.Text(row, 1);
  c.name = r.Text(row, 2);
  c.slug = r.Text(row, 3);
  c.association_name = r.Text(row, 4);
  c.lon = r.Double(row, 5);
  c.lat = r.Double(row, 6);
  return c;
}

Site ReadSite(const Result& r, int row) {
  Site site;
  site.id = domain::SiteId{r.Int(row, 0)};
  site.city_id = domain::CityId{r.Int(row, 1)};
  site.slug = r.Text(row, 2);
  site.name = r.Text(row, 3);
  site.tagline = r.Text(row, 4);
  site.primary_colour = r.Text(row, 5);
  site.accent_colour = r.Text(row, 6);
  site.logo_path = r.Text(row, 7);
  site.status = StatusFromName(r.Text(row, 8));
  return site;
}

// A PostgreSQL array literal, {"a","b"}, with every element quoted and escaped: the values stay
// data inside one bound parameter, never SQL text.
std::string ArrayLiteral(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char ch : items[i]) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  out += '}';
  return out;
}

void WriteChildren(Connection& c, domain::SiteId site, const SiteDraft& draft) {
  c.Exec(kDeleteSiteBuurten, Params().Add(site.value));
  if (!draft.buurt_codes.empty()) c.Exec(kInsertSiteBuurten, Params().Add(site.value).Add(ArrayLiteral(draft.buurt_codes)));
  c.Exec(kDeleteSiteHosts, Params().Add(site.value));
  if (!draft.hosts.empty()) c.Exec(kInsertSiteHosts, Params().Add(site.value).Add(ArrayLiteral(draft.hosts)));
}

void LoadChildren(Connection& c, Site& site) {
  const Result buurten = c.Exec(kListSiteBuurten, Params().Add(site.id.value));
  for (int i = 0; i < buurten.Rows(); ++i) site.buurt_codes.push_back(buurten.Text(i, 0));
  const Result hosts = c.Exec(kListSiteHosts, Params().Add(site.id.value));
  for (int i = 0; i < hosts.Rows(); ++i) site.hosts.push_back(hosts.Text(i, 0));
}

std::optional<Site> FindOneSite(Connection& c, const char* sql, const Params& params) {
  const Result r = c.Exec(sql, params);
  if (r.Rows() == 0) return std::nullopt;
  Site site = ReadSite(r, 0);
  LoadChildren(c, site);
  return site;
}

}  // namespace

domain::Status PostgresAreaRepository::UpsertAreas(const std::vector<Area>& areas) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  // One statement per area, as on SQLite (so an area listed twice is merged the same way), but
  // parsed once and sent in pipelined batches: a national import is one round trip per batch.
  c->Prepare(kUpsertArea, kUpsertAreaParams);
  std::vector<Params> batch;
  batch.reserve(kAreaBatch);
  for (std::size_t i = 0; i < areas.size(); ++i) {
    const Area& a = areas[i];
    Params& p = batch.emplace_back();
    p.Add(a.code).Add(LevelName(a.level)).Add(a.name).Add(a.gemeente_code).Add(a.wijk_code);
    p.Add(a.lon).Add(a.lat).Add(a.geometry_json).Add(a.inhabitants);
    if (batch.size() == kAreaBatch || i + 1 == areas.size()) {
      c->ExecPreparedBatch(batch);
      batch.clear();
    }
  }
  tx.Commit();
  return domain::Ok{};
}

std::optional<Area> PostgresAreaRepository::FindArea(std::string_view code) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindArea, Params().Add(code));
  if (r.Rows() == 0) return std::nullopt;
  return ReadArea(r, 0);
}

std::vector<Area> PostgresAreaRepository::ListAreas(std::string_view gemeente_code, AreaLevel level) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kListAreas, Params().Add(gemeente_code).Add(LevelName(level)));
  std::vector<Area> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadArea(r, i));
  return out;
}

long PostgresAreaRepository::CountAreas(AreaLevel level) {
  auto c = pool_.Acquire();
  return static_cast<long>(c->Exec(kCountAreas, Params().Add(LevelName(level))).Int(0, 0));
}

long PostgresAreaRepository::CountBuurtenOfWijk(std::string_view gemeente_code, std::string_view wijk_code) {
  auto c = pool_.Acquire();
  return static_cast<long>(c->Exec(kCountBuurtenOfWijk, Params().Add(gemeente_code).Add(wijk_code)).Int(0, 0));
}

domain::Result<City> PostgresCityRepository::WriteCity(const char* sql, const City& city) {
  auto c = pool_.Acquire();
  try {
    Params p;
    p.Add(city.gemeente_code).Add(city.name).Add(city.slug).Add(city.association_name).Add(city.lon).Add(city.lat);
    const Result r = c->Exec(sql, p);
    City out = city;
    out.id = domain::CityId{r.Int(0, 0)};
    return out;
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, kCityConflict, e.what());
    throw;
  }
}

domain::Result<City> PostgresCityRepository::CreateCity(const City& city) { return WriteCity(kInsertCity, city); }

domain::Result<City> PostgresCityRepository::UpsertCity(const City& city) { return WriteCity(kUpsertCity, city); }

std::optional<City> PostgresCityRepository::FindCityBySlug(std::string_view slug) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindCityBySlug, Params().Add(slug));
  if (r.Rows() == 0) return std::nullopt;
  return ReadCity(r, 0);
}

std::optional<City> PostgresCityRepository::FindCity(domain::CityId id) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindCity, Params().Add(id.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadCity(r, 0);
}

std::vector<City> PostgresCityRepository::ListCities() {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kListCities);
  std::vector<City> out;
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadCity(r, i));
  return out;
}

domain::Result<Site> PostgresSiteRepository::CreateSite(domain::CityId city, const SiteDraft& d) {
  auto c = pool_.Acquire();
  domain::SiteId id;
  try {
    Transaction tx(*c);
    Params p;
    p.Add(city.value).Add(d.slug).Add(d.name).Add(d.tagline).Add(d.primary_colour).Add(d.accent_colour);
    p.Add(d.logo_path).Add(StatusName(d.status));
    id = domain::SiteId{c->Exec(kInsertSite, p).Int(0, 0)};
    WriteChildren(*c, id, d);
    tx.Commit();
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, kSiteConflict, e.what());
    throw;
  }
  return *FindOneSite(*c, kFindSite, Params().Add(city.value).Add(id.value));
}

domain::Result<Site> PostgresSiteRepository::UpdateSite(domain::CityId city, domain::SiteId site, const SiteDraft& d) {
  auto c = pool_.Acquire();
  try {
    Transaction tx(*c);
    Params p;
    p.Add(city.value).Add(site.value).Add(d.slug).Add(d.name).Add(d.tagline).Add(d.primary_colour);
    p.Add(d.accent_colour).Add(d.logo_path).Add(StatusName(d.status));
    // The city is part of the WHERE clause: another city's site is "not found", untouched.
    if (c->Exec(kUpdateSite, p).Affected() == 0) return MakeError(ErrorCode::kNotFound, "This site does not exist.");
    WriteChildren(*c, site, d);
    tx.Commit();
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, kSiteConflict, e.what());
    throw;
  }
  return *FindOneSite(*c, kFindSite, Params().Add(city.value).Add(site.value));
}

std::optional<Site> PostgresSiteRepository::FindSiteBySlug(domain::CityId city, std::string_view slug) {
  auto c = pool_.Acquire();
  return FindOneSite(*c, kFindSiteBySlug, Params().Add(city.value).Add(slug));
}

std::optional<Site> PostgresSiteRepository::FindSite(domain::CityId city, domain::SiteId site) {
  auto c = pool_.Acquire();
  return FindOneSite(*c, kFindSite, Params().Add(city.value).Add(site.value));
}

std::vector<Site> PostgresSiteRepository::ListSites(domain::CityId city, int limit, int offset) {
  auto c = pool_.Acquire();
  // SQLite reads a negative LIMIT as "no limit" and a negative OFFSET as 0; PostgreSQL rejects
  // both, so they are translated here to keep the engines equal.
  const std::optional<std::int64_t> no_limit;
  Params p;
  p.Add(city.value);
  if (limit < 0) {
    p.Add(no_limit);
  } else {
    p.Add(limit);
  }
  p.Add(offset < 0 ? 0 : offset);
  const Result r = c->Exec(kListSites, p);
  std::vector<Site> out;
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadSite(r, i));
  for (auto& site : out) LoadChildren(*c, site);
  return out;
}

long PostgresSiteRepository::CountSites(domain::CityId city) {
  auto c = pool_.Acquire();
  return static_cast<long>(c->Exec(kCountSites, Params().Add(city.value)).Int(0, 0));
}

}  // namespace buurtplein::store::postgres
