#include "domain/feeds/feed_service.hpp"

#include <algorithm>

namespace buurtplein::domain::feeds {

namespace {

// Bounds a page request and asks for one row more than the page: is there a next page?
template <typename List>
PublicPage Paged(int page, int per_page, List list) {
  PublicPage out;
  page = std::max(1, page);
  per_page = std::clamp(per_page, 1, 100);
  if (page > FeedService::kMaxPage) return out;
  out.posts = list(per_page + 1, (page - 1) * per_page);
  if (out.posts.size() > static_cast<std::size_t>(per_page)) {
    out.has_more = page < FeedService::kMaxPage;
    out.posts.resize(static_cast<std::size_t>(per_page));
  }
  return out;
}

}  // namespace

PublicPage FeedService::SiteNews(SiteId site, int page, int per_page) {
  const std::int64_t now = clock_.Now();
  auto& repo = store_.public_news();
  auto out = Paged(page, per_page, [&](int limit, int offset) { return repo.ListSite(site, now, limit, offset); });
  out.next_change = repo.NextScheduledSite(site, now);
  return out;
}

PublicPage FeedService::CityNews(CityId city, int page, int per_page) {
  const std::int64_t now = clock_.Now();
  auto& repo = store_.public_news();
  auto out = Paged(page, per_page, [&](int limit, int offset) { return repo.ListCity(city, now, limit, offset); });
  out.next_change = repo.NextScheduledCity(city, now);
  return out;
}

Result<news::Post> FeedService::SitePost(SiteId site, news::PostId id) {
  auto post = store_.public_news().FindSite(site, id, clock_.Now());
  if (!post) return MakeError(ErrorCode::kNotFound, "This news item does not exist, or you cannot see it.");
  return *post;
}

}  // namespace buurtplein::domain::feeds
