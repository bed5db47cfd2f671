#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/sites/model.hpp"

namespace buurtplein::domain::sites {

/// Official CBS areas. Areas are public reference data, scoped by gemeente.
class AreaRepository {
 public:
  virtual ~AreaRepository() = default;
  /// Inserts or updates all areas in one transaction: all or nothing.
  virtual Status UpsertAreas(const std::vector<Area>& areas) = 0;
  virtual std::optional<Area> FindArea(std::string_view code) = 0;
  /// Areas of one level within a gemeente, ordered by code.
  virtual std::vector<Area> ListAreas(std::string_view gemeente_code, AreaLevel level) = 0;
  virtual long CountAreas(AreaLevel level) = 0;
  /// How many buurten wijk `wijk_code` of gemeente `gemeente_code` has (to tell whether a site
  /// covers a whole wijk without loading the gemeente's buurten).
  virtual long CountBuurtenOfWijk(std::string_view gemeente_code, std::string_view wijk_code) = 0;
};

/// Cities. A city is the tenant at the top; it owns its sites.
class CityRepository {
 public:
  virtual ~CityRepository() = default;
  /// Creates the city; kConflict when the gemeente code or slug exists.
  virtual Result<City> CreateCity(const City& city) = 0;
  /// Creates or updates by gemeente code (the demo and imports are idempotent).
  virtual Result<City> UpsertCity(const City& city) = 0;
  virtual std::optional<City> FindCityBySlug(std::string_view slug) = 0;
  virtual std::optional<City> FindCity(CityId id) = 0;
  virtual std::vector<City> ListCities() = 0;
};

/// Neighbourhood sites, always scoped by their city.
class SiteRepository {
 public:
  virtual ~SiteRepository() = default;
  /// kConflict when the slug is taken in the city or a host name by any site.
  virtual Result<Site> CreateSite(CityId city, const SiteDraft& draft) = 0;
  /// Replaces the site's fields, buurten and hosts; kNotFound when the site is not in `city`.
  virtual Result<Site> UpdateSite(CityId city, SiteId site, const SiteDraft& draft) = 0;
  virtual std::optional<Site> FindSiteBySlug(CityId city, std::string_view slug) = 0;
  virtual std::optional<Site> FindSite(CityId city, SiteId site) = 0;
  /// The city's sites ordered by name, `limit` at most, from `offset`.
  virtual std::vector<Site> ListSites(CityId city, int limit, int offset) = 0;
  virtual long CountSites(CityId city) = 0;
};

}  // namespace buurtplein::domain::sites
