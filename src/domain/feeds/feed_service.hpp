#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/feeds/repositories.hpp"
#include "domain/news/model.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::feeds {

/// A page of public news, and whether more follows.
struct PublicPage {
  std::vector<news::Post> posts;
  bool has_more = false;
  /// The earliest time a scheduled public post appears in this list: a cached copy of the
  /// list must not outlive it.
  std::optional<std::int64_t> next_change;
};

/// What other websites and feed readers may reuse: the public, published news of a site or of
/// a whole city (Atom feeds, JSON API). Members-only and scheduled posts never appear. Reads
/// only; the news service's change listener already empties the cached feeds.
class FeedService {
 public:
  FeedService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  /// Entries in an Atom feed.
  static constexpr int kFeedEntries = 20;
  /// The highest page number the API serves (pages beyond it are empty).
  static constexpr int kMaxPage = 1000;

  /// Page `page` (from 1) of `per_page` (1..100, clamped) public posts of `site`, newest first.
  PublicPage SiteNews(SiteId site, int page, int per_page);
  /// The same over every site of `city`.
  PublicPage CityNews(CityId city, int page, int per_page);
  /// One public, published post of `site`; kNotFound otherwise (members-only, scheduled, or
  /// another site's).
  Result<news::Post> SitePost(SiteId site, news::PostId id);

  std::int64_t Now() const { return clock_.Now(); }

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace buurtplein::domain::feeds
