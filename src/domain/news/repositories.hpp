#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/news/model.hpp"

namespace buurtplein::domain::news {

/// News posts. Every method takes the site first and never sees or changes another site's
/// posts: a post id of site B is "not found" through site A.
class NewsRepository {
 public:
  virtual ~NewsRepository() = default;
  /// Stores a new post (draft already validated; published_at set; a category of another site
  /// is taken as none). kNotFound when the site
  /// or author does not exist.
  virtual Result<Post> CreatePost(SiteId site, UserId author, const PostDraft& draft, std::int64_t at) = 0;
  /// The post, whatever its visibility or publication time; nullopt when not in this site.
  virtual std::optional<Post> FindPost(SiteId site, PostId id) = 0;
  /// Replaces title, body, visibility, publication time and category (a category of another
  /// site is taken as none); kNotFound when not in this site.
  virtual Status UpdatePost(SiteId site, PostId id, const PostDraft& draft, std::int64_t at) = 0;
  /// Pins or unpins (not an edit: updated_at stays); kNotFound when not in this site.
  /// Makes a group of the post's site its organiser (nullopt, or a group of another site: none);
  /// kNotFound when the post is not in this site.
  virtual Status SetGroup(SiteId site, PostId id, std::optional<std::int64_t> group) = 0;
  virtual Status SetPinned(SiteId site, PostId id, bool pinned) = 0;
  /// Deletes; kNotFound when not in this site.
  virtual Status DeletePost(SiteId site, PostId id) = 0;
  /// Published posts (published_at <= query.now), pinned first, then newest first (id breaks
  /// ties); at most query.limit.
  virtual std::vector<Post> ListPublished(SiteId site, const ListQuery& query) = 0;
  /// The earliest publication time after `now` of a scheduled post (any visibility), if any.
  virtual std::optional<std::int64_t> NextScheduled(SiteId site, std::int64_t now) = 0;
  /// Sets or clears (image.key "") the post's image; kNotFound when not in this site.
  virtual Status SetImage(SiteId site, PostId id, const Image& image) = 0;
  /// Does any post of the site still use the image with this key (before its files go)?
  virtual bool ImageInUse(SiteId site, const std::string& key) = 0;

  /// A new category; kConflict when the site has one of that name, kNotFound without the site.
  virtual Result<Category> CreateCategory(SiteId site, const std::string& name, std::int64_t at) = 0;
  /// Renames; kNotFound when not in this site, kConflict when the name is taken.
  virtual Status RenameCategory(SiteId site, CategoryId id, const std::string& name) = 0;
  /// Deletes; its posts keep no category. kNotFound when not in this site.
  virtual Status DeleteCategory(SiteId site, CategoryId id) = 0;
  virtual std::optional<Category> FindCategory(SiteId site, CategoryId id) = 0;
  /// The site's categories by name, at most `limit`.
  virtual std::vector<Category> ListCategories(SiteId site, int limit) = 0;

  /// A comment on a post of this site; kNotFound when the post is not in this site.
  virtual Result<Comment> AddComment(SiteId site, PostId post, UserId author, const std::string& body,
                                     std::int64_t at) = 0;
  virtual std::optional<Comment> FindComment(SiteId site, CommentId id) = 0;
  /// kNotFound when not in this site.
  virtual Status DeleteComment(SiteId site, CommentId id) = 0;
  /// A post's comments, oldest first (id breaks ties); at most `limit` from `offset`.
  virtual std::vector<Comment> ListComments(SiteId site, PostId post, int limit, int offset) = 0;

  /// The member thanks the post (once: a second time changes nothing); false when the post is
  /// not in this site.
  virtual bool AddThanks(SiteId site, PostId post, UserId user, std::int64_t at) = 0;
  /// Takes the member's thanks back (no error when there was none).
  virtual void RemoveThanks(SiteId site, PostId post, UserId user) = 0;
  virtual bool HasThanked(SiteId site, PostId post, UserId user) = 0;
  /// How many members thank the post (0 for a post of another site).
  virtual int CountThanks(SiteId site, PostId post) = 0;

  /// Account deletion: the images of the author's posts (site and key), to remove their files
  /// when the posts go.
  virtual std::vector<std::pair<SiteId, std::string>> ImagesOfAuthor(UserId author) = 0;

  /// Account deletion (not site-scoped: it concerns one person's posts on every site): removes
  /// the author's posts and comments (`remove`) or unlinks them from the account, and always
  /// their thanks; returns the sites that had posts, comments or thanks by `author`.
  virtual std::vector<SiteId> EraseAuthor(UserId author, bool remove) = 0;
};

}  // namespace buurtplein::domain::news
