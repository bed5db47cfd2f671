#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/common/ids.hpp"
#include "domain/news/model.hpp"

namespace buurtplein::domain::feeds {

/// Public news for feeds and the JSON API: only posts with Visibility::kPublic whose
/// publication time has come, newest first (published_at, then id, descending; pinning plays no
/// part). Read-only. Site lists take the site first and never return another site's posts; city
/// lists take the city first and return posts of that city's sites only.
class PublicNewsRepository {
 public:
  virtual ~PublicNewsRepository() = default;
  /// At most `limit` public posts of `site` published at or before `now`, skipping `offset`.
  virtual std::vector<news::Post> ListSite(SiteId site, std::int64_t now, int limit, int offset) = 0;
  /// At most `limit` public posts of all sites of `city` published at or before `now`.
  virtual std::vector<news::Post> ListCity(CityId city, std::int64_t now, int limit, int offset) = 0;
  /// One public, published post of `site`; nullopt for a members-only, scheduled or other
  /// site's post.
  virtual std::optional<news::Post> FindSite(SiteId site, news::PostId id, std::int64_t now) = 0;
  /// The earliest publication time after `now` of a scheduled public post of `site`.
  virtual std::optional<std::int64_t> NextScheduledSite(SiteId site, std::int64_t now) = 0;
  /// The same over all sites of `city`.
  virtual std::optional<std::int64_t> NextScheduledCity(CityId city, std::int64_t now) = 0;
};

}  // namespace buurtplein::domain::feeds
