#include "domain/sites/site_service.hpp"

#include <algorithm>

#include "domain/common/text.hpp"

namespace buurtplein::domain::sites {

const City* Directory::FindCity(std::string_view slug) const {
  auto it = city_by_slug.find(std::string(slug));
  return it == city_by_slug.end() ? nullptr : &cities[it->second];
}

const Site* Directory::FindSite(std::string_view city_slug, std::string_view site_slug) const {
  std::string key;
  key.reserve(city_slug.size() + site_slug.size() + 1);
  key.append(city_slug).push_back('/');
  key.append(site_slug);
  auto it = site_by_path.find(key);
  return it == site_by_path.end() ? nullptr : &sites[it->second.first][it->second.second];
}

const Site* Directory::FindSiteByHost(std::string_view host) const {
  auto it = site_by_host.find(std::string(host));
  return it == site_by_host.end() ? nullptr : &sites[it->second.first][it->second.second];
}

const Site* Directory::FindSiteById(SiteId id, const City** city) const {
  auto it = site_by_id.find(id);
  if (it == site_by_id.end()) return nullptr;
  if (city) *city = &cities[it->second.first];
  return &sites[it->second.first][it->second.second];
}

const City* Directory::CityOf(const Site& site) const {
  auto it = site_by_id.find(site.id);
  return it == site_by_id.end() ? nullptr : &cities[it->second.first];
}

const std::vector<Site>& Directory::SitesOf(const City& city) const {
  static const std::vector<Site> kNone;
  auto it = city_by_slug.find(city.slug);
  return it == city_by_slug.end() ? kNone : sites[it->second];
}

Status SiteService::Validate(const SiteDraft& d) {
  if (!IsSlug(d.slug)) {
    return MakeError(ErrorCode::kValidation,
                     "The web address of a site may contain only lower-case letters, digits and dashes.");
  }
  if (IsReservedSiteSlug(d.slug)) {
    return MakeError(ErrorCode::kValidation,
                     "This web address is used by the city's own pages; choose another one for the site.");
  }
  if (d.name.empty() || d.name.size() > 80) {
    return MakeError(ErrorCode::kValidation, "A site needs a name of at most 80 characters.");
  }
  if (d.tagline.size() > 160) {
    return MakeError(ErrorCode::kValidation, "The tagline may be at most 160 characters.");
  }
  if (!IsHexColour(d.primary_colour) || !IsHexColour(d.accent_colour)) {
    return MakeError(ErrorCode::kValidation, "Colours must be written as #rrggbb.");
  }
  for (const auto& code : d.buurt_codes) {
    if (code.size() != 10 || code.rfind("BU", 0) != 0) {
      return MakeError(ErrorCode::kValidation, "A site covers CBS buurten, with codes like BU02680000.");
    }
  }
  for (const auto& host : d.hosts) {
    if (host.empty() || host.size() > 253 ||
        !std::all_of(host.begin(), host.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
        })) {
      return MakeError(ErrorCode::kValidation, "A host name may contain only lower-case letters, digits, dots and dashes.");
    }
  }
  return Ok{};
}

bool SiteService::IsReservedCitySlug(std::string_view slug) {
  // Kept in step with the literal first segments in src/http/routes.cpp (a test checks it).
  static constexpr std::string_view kReserved[] = {"account", "api",     "static", "privacy", "dev",
                                                   "healthz", "readyz",  "metrics", "admin",  "assets"};
  for (auto r : kReserved) {
    if (slug == r) return true;
  }
  return false;
}

bool SiteService::IsReservedSiteSlug(std::string_view slug) {
  // City-level pages live next to the sites: /{city}/zoeken, /{city}/sociale-kaart/, … Kept in
  // step with the literal second segments of the route table (a test checks it); a few more are
  // held back for the city's association pages to come.
  static constexpr std::string_view kReserved[] = {
      "zoeken", "sociale-kaart", "hsds", "agenda",     "nieuws",  "vereniging", "bestuur",
      "kaart",  "organisaties",  "api",  "admin",      "account", "static",     "beheer"};
  for (auto r : kReserved) {
    if (slug == r) return true;
  }
  return false;
}

Status SiteService::ValidateCity(const City& c) {
  if (!IsSlug(c.slug) || IsReservedCitySlug(c.slug)) {
    return MakeError(ErrorCode::kValidation,
                     "The web address of a city may contain only lower-case letters, digits and dashes, and may not be one of the platform's own addresses.");
  }
  if (c.name.empty() || c.name.size() > 80 || c.gemeente_code.size() != 6 || c.gemeente_code.rfind("GM", 0) != 0) {
    return MakeError(ErrorCode::kValidation, "A city needs a name and a CBS gemeente code like GM0268.");
  }
  return Ok{};
}

Result<City> SiteService::UpsertCity(const City& city) {
  if (auto s = ValidateCity(city); !s) return s.error();
  auto out = store_.cities().UpsertCity(city);
  if (out) Reload();
  return out;
}

Result<Site> SiteService::CreateSite(CityId city, const SiteDraft& draft) {
  if (auto s = Validate(draft); !s) return s.error();
  auto site = store_.sites().CreateSite(city, draft);
  if (site) Reload();
  return site;
}

Result<Site> SiteService::UpdateSite(CityId city, SiteId id, const SiteDraft& draft) {
  if (auto s = Validate(draft); !s) return s.error();
  auto site = store_.sites().UpdateSite(city, id, draft);
  if (site) Reload();
  return site;
}

Result<Site> SiteService::UpsertSite(CityId city, const SiteDraft& draft) {
  if (auto s = Validate(draft); !s) return s.error();
  auto existing = store_.sites().FindSiteBySlug(city, draft.slug);
  auto site = existing ? store_.sites().UpdateSite(city, existing->id, draft)
                       : store_.sites().CreateSite(city, draft);
  if (site) Reload();
  return site;
}

void SiteService::Reload() {
  std::lock_guard lock(reload_mutex_);
  auto dir = std::make_shared<Directory>();
  dir->cities = store_.cities().ListCities();
  std::sort(dir->cities.begin(), dir->cities.end(),
            [](const City& a, const City& b) { return a.name < b.name; });
  dir->sites.resize(dir->cities.size());
  for (std::size_t ci = 0; ci < dir->cities.size(); ++ci) {
    const City& city = dir->cities[ci];
    dir->city_by_slug.emplace(city.slug, ci);
    const long n = store_.sites().CountSites(city.id);
    dir->sites[ci] = store_.sites().ListSites(city.id, static_cast<int>(n), 0);
    for (std::size_t si = 0; si < dir->sites[ci].size(); ++si) {
      const Site& site = dir->sites[ci][si];
      dir->site_by_path.emplace(city.slug + "/" + site.slug, std::make_pair(ci, si));
      dir->site_by_id.emplace(site.id, std::make_pair(ci, si));
      for (const auto& host : site.hosts) dir->site_by_host.emplace(host, std::make_pair(ci, si));
    }
  }
  std::atomic_store(&directory_, std::shared_ptr<const Directory>(std::move(dir)));
  if (on_change_) on_change_();
}

}  // namespace buurtplein::domain::sites
