#pragma once
#include <optional>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/news/model.hpp"

namespace buurtplein::domain::news {

/// News posts. Every method takes the site first and never sees or changes another site's
/// posts: a post id of site B is "not found" through site A.
class NewsRepository {
 public:
  virtual ~NewsRepository() = default;
  /// Stores a new post (draft already validated; published_at set). kNotFound when the site
  /// or author does not exist.
  virtual Result<Post> CreatePost(SiteId site, UserId author, const PostDraft& draft, std::int64_t at) = 0;
  /// The post, whatever its visibility or publication time; nullopt when not in this site.
  virtual std::optional<Post> FindPost(SiteId site, PostId id) = 0;
  /// Replaces title, body, visibility and publication time; kNotFound when not in this site.
  virtual Status UpdatePost(SiteId site, PostId id, const PostDraft& draft, std::int64_t at) = 0;
  /// Pins or unpins (not an edit: updated_at stays); kNotFound when not in this site.
  virtual Status SetPinned(SiteId site, PostId id, bool pinned) = 0;
  /// Deletes; kNotFound when not in this site.
  virtual Status DeletePost(SiteId site, PostId id) = 0;
  /// Published posts (published_at <= query.now), pinned first, then newest first (id breaks
  /// ties); at most query.limit.
  virtual std::vector<Post> ListPublished(SiteId site, const ListQuery& query) = 0;
  /// The earliest publication time after `now` of a scheduled post (any visibility), if any.
  virtual std::optional<std::int64_t> NextScheduled(SiteId site, std::int64_t now) = 0;

  /// Account deletion (not site-scoped: it concerns one person's posts on every site): removes
  /// the author's posts (`remove`) or unlinks them from the account; returns the sites that had
  /// posts by `author`.
  virtual std::vector<SiteId> EraseAuthor(UserId author, bool remove) = 0;
};

}  // namespace buurtplein::domain::news
