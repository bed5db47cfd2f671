#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/common/ids.hpp"

namespace buurtplein::http {

/// A rendered anonymous page, ready to send as is.
struct CachedPage {
  std::string body;
  std::string gzip_body;  ///< empty when not compressible
  std::string content_type;
  std::string etag;
  domain::SiteId site;      ///< the site it belongs to (0 for platform and city pages)
  domain::CityId city;      ///< for a city page (site 0): its city; 0 otherwise
  std::uint64_t generation = 0;  ///< the content generation it was rendered at
  std::int64_t expires_at = 0;   ///< Unix seconds after which it is stale; 0: only by generation
  bool embeddable = false;       ///< Response::embeddable
};

/// A rendered part of a page that is the same for everyone in one audience (docs/decisions/
/// 0008-fragment-cache.md): e.g. the body of a site home for members of the site, in Dutch.
struct Fragment {
  std::string html;            ///< the rendered part
  nlohmann::json data;         ///< page data the part brings to the layout (feed links, map)
  domain::SiteId site;         ///< the site it belongs to; stale when the site changes
  domain::CityId city;         ///< for a city part (site 0): its city
  std::uint64_t generation = 0;  ///< PageCache::Generation(site, city) before it was built
  std::int64_t expires_at = 0;   ///< Unix seconds after which it is stale; 0: only by generation
  bool page_cacheable = false;     ///< what the whole page's Response::cacheable was
  std::int64_t page_expires_at = 0;  ///< and its Response::cache_expires_at
  /// The whole page (layout around `html`) cut where the viewer's own bits go; empty when the
  /// layout data had anything else that depends on the viewer (then the layout is rendered per
  /// request). Between page_parts[i] and [i + 1] goes page_holes[i]: 'n' the viewer's name,
  /// 'c' their CSRF token.
  std::vector<std::string> page_parts;
  std::string page_holes;
  /// Logged-in people for whom the page differs from the audience's (a news post's author and
  /// the authors of its shown comments see their own buttons): rendered per request for them.
  std::vector<std::int64_t> not_for_users;
  /// A page's own holes filled from pieces rendered with the shell (an event page: per date
  /// with sign-up, the versions for "not signed up", "signed up" and "waiting"), and what each
  /// hole is about (the date's start).
  std::vector<std::int64_t> piece_keys;
  std::vector<std::string> pieces;
};

/// Anonymous pages served from memory until something on their site changes. Any change bumps
/// the site's generation and the generation of the site's city, so city pages that gather
/// content of all its sites (the city's news feed) go stale too; platform-wide changes bump the
/// global one. Stale entries are replaced on the next miss. Bounded: when full, the cache is
/// emptied and refills with what is visited.
class PageCache {
 public:
  explicit PageCache(std::size_t max_entries = 20000, std::size_t max_fragments = 20000)
      : max_entries_(max_entries), max_fragments_(max_fragments) {}

  std::shared_ptr<const CachedPage> Find(const std::string& key) const;
  void Store(const std::string& key, std::shared_ptr<const CachedPage> page);
  /// The generation a page of `site` must carry to be fresh; for a city page (no site) the
  /// generation of `city`.
  std::uint64_t Generation(domain::SiteId site, domain::CityId city = {}) const;
  /// Something on `site` changed: its cached pages are stale, and so are the pages of its city
  /// (when the city resolver is set).
  void InvalidateSite(domain::SiteId site);
  /// Tells the cache which city a site lies in (the runtime asks the site directory).
  void SetCityResolver(std::function<domain::CityId(domain::SiteId)> resolver);
  /// Cities or sites themselves changed: every cached page is stale.
  void InvalidateAll();
  std::size_t size() const;

  /// A fragment stored under `key` that is still fresh at `now` (same generations as pages:
  /// the site change listeners that make a site's pages stale make its fragments stale too).
  std::shared_ptr<const Fragment> FindFragment(const std::string& key, std::int64_t now) const;
  /// Stores a fragment; `fragment->generation` must be Generation(site, city) taken before the
  /// data it shows was read, so a change while it was built leaves it stale.
  void StoreFragment(const std::string& key, std::shared_ptr<const Fragment> fragment);
  std::size_t fragment_count() const;

 private:
  std::size_t max_entries_;
  std::size_t max_fragments_;
  std::atomic<std::uint64_t> global_{1};
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const CachedPage>> pages_;
  std::unordered_map<std::string, std::shared_ptr<const Fragment>> fragments_;
  std::unordered_map<std::int64_t, std::uint64_t> site_generations_;
  std::unordered_map<std::int64_t, std::uint64_t> city_generations_;
  std::function<domain::CityId(domain::SiteId)> city_of_;
  std::uint64_t GenerationLocked(domain::SiteId site, domain::CityId city) const;
};

}  // namespace buurtplein::http
