#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/sites/model.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::sites {

/// A read-only snapshot of all cities and sites, for resolving each request's site without a
/// database round trip. Replaced as a whole when a site or city changes.
struct Directory {
  std::vector<City> cities;  ///< ordered by name
  std::unordered_map<std::string, std::size_t> city_by_slug;
  /// Per city (same index as `cities`): its sites ordered by name.
  std::vector<std::vector<Site>> sites;
  /// "city-slug/site-slug" → (city index, site index)
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> site_by_path;
  /// site id → (city index, site index)
  std::unordered_map<SiteId, std::pair<std::size_t, std::size_t>> site_by_id;
  /// custom host → (city index, site index)
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> site_by_host;

  const City* FindCity(std::string_view slug) const;
  /// The site at /{city}/{site}/, or nullptr.
  const Site* FindSite(std::string_view city_slug, std::string_view site_slug) const;
  /// The site with this custom host name (lower case, without port), or nullptr.
  const Site* FindSiteByHost(std::string_view host) const;
  const City* CityOf(const Site& site) const;
  /// The site with this id (any city), or nullptr; `city` is set to its city when given.
  const Site* FindSiteById(SiteId id, const City** city = nullptr) const;
  const std::vector<Site>& SitesOf(const City& city) const;
};

/// Cities and sites: validation, creation, and the in-memory directory used by every request.
class SiteService {
 public:
  explicit SiteService(Store& store) : store_(store) {}

  /// Validates and creates a site in `city`.
  Result<Site> CreateSite(CityId city, const SiteDraft& draft);
  /// Validates and replaces a site of `city`.
  Result<Site> UpdateSite(CityId city, SiteId site, const SiteDraft& draft);
  /// Creates or updates a site by slug (idempotent demo and imports).
  Result<Site> UpsertSite(CityId city, const SiteDraft& draft);
  /// Validates and creates or updates a city by its CBS code (idempotent demo and imports).
  Result<City> UpsertCity(const City& city);

  /// The current snapshot; cheap, safe from any thread.
  std::shared_ptr<const Directory> directory() const { return std::atomic_load(&directory_); }
  /// Rebuilds the snapshot from the database.
  void Reload();

  /// Called after every change of a city or site (for the page cache).
  void SetChangeListener(std::function<void()> listener) { on_change_ = std::move(listener); }

  /// Checks a draft; the first problem found, as a user-facing message.
  static Status Validate(const SiteDraft& draft);
  /// Checks a city: a valid slug that is not one of the platform's own first path segments.
  static Status ValidateCity(const City& city);
  /// True for first path segments the platform uses itself (/account/, /api/, /static/, …).
  static bool IsReservedCitySlug(std::string_view slug);
  /// Is `slug` a second path segment the city's own pages use (/{city}/zoeken, …)?
  static bool IsReservedSiteSlug(std::string_view slug);

 private:
  Store& store_;
  std::mutex reload_mutex_;
  std::shared_ptr<const Directory> directory_ = std::make_shared<Directory>();
  std::function<void()> on_change_;
};

}  // namespace buurtplein::domain::sites
