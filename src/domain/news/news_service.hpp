#pragma once
#include <functional>
#include <optional>

#include "domain/accounts/model.hpp"
#include "domain/accounts/privacy_service.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/news/images.hpp"
#include "domain/news/model.hpp"
#include "domain/search/indexer.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::news {

/// Who looks at or changes a site's news, as far as news needs to know.
struct Viewer {
  std::optional<UserId> user;  ///< nullopt: not logged in
  bool member = false;         ///< verified member of the site
  bool buurtverbinder = false; ///< verified buurtverbinder of the site

  /// From the viewer's membership of the site (if any).
  static Viewer Of(std::optional<UserId> user, const std::optional<accounts::Membership>& membership);
};

/// Neighbourhood news: verified members post; the author or a buurtverbinder edits and
/// deletes; buurtverbinders pin. Members-only posts are seen by the site's verified members
/// only; scheduled posts by their author and the buurtverbinders only. After every change the
/// change listener hears the site (the runtime empties the site's cached pages).
class NewsService final : public accounts::ContentEraser {
 public:
  NewsService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  /// Posts per list page, and the highest page number served.
  static constexpr int kPageSize = 10;
  static constexpr int kMaxPage = 500;

  /// Comments per page under a post.
  static constexpr int kCommentPageSize = 20;

  void SetChangeListener(std::function<void(SiteId)> listener) { on_change_ = std::move(listener); }
  /// Where images are processed and kept; without them a post with an image is refused.
  void SetImages(ImageProcessor* processor, ImageStorage* storage) {
    image_processor_ = processor;
    image_storage_ = storage;
  }
  /// The search index to keep in step (create, edit, delete); null: none.
  void SetIndexer(search::Indexer* indexer) { indexer_ = indexer; }

  /// A verified member writes a post. kForbidden for anyone else.
  Result<Post> Create(SiteId site, const Viewer& viewer, const PostDraft& draft);
  /// The post when this viewer may see it; kNotFound otherwise (also for another site's post).
  Result<Post> Find(SiteId site, PostId id, const Viewer& viewer);
  /// The author or a buurtverbinder changes a post. kNotFound when the viewer cannot see it,
  /// kForbidden when they see it but may not change it.
  Result<Post> Edit(SiteId site, PostId id, const Viewer& viewer, const PostDraft& draft);
  /// The author or a buurtverbinder deletes a post (same errors as Edit).
  Status Delete(SiteId site, PostId id, const Viewer& viewer);
  /// A buurtverbinder pins or unpins a post; kForbidden for anyone else.
  Status SetPinned(SiteId site, PostId id, const Viewer& viewer, bool pinned);

  /// Page `page` (from 1) of the published posts this viewer may see (of one category, when
  /// given): pinned first, then newest first. Pages beyond kMaxPage are empty.
  PostPage List(SiteId site, const Viewer& viewer, int page, std::optional<CategoryId> category = std::nullopt);
  /// Page `page` (from 1) of the published posts a group of the site organises that this viewer
  /// may see, `per_page` (1..50) a page, newest first (the group's page).
  PostPage OfGroup(SiteId site, std::int64_t group, const Viewer& viewer, int page, int per_page);
  /// Published in the last seven days, as seen by this viewer, at most `limit` (site home).
  std::vector<Post> ThisWeek(SiteId site, const Viewer& viewer, int limit = 5);
  /// The earliest time a scheduled post of the site becomes visible, if any (pages that list
  /// news must not be cached past it).
  std::optional<std::int64_t> NextScheduled(SiteId site);

  /// The bytes (image/jpeg) of a version of the post's image, when the viewer may see the post
  /// and `key` is its image; kNotFound otherwise.
  Result<std::string> ImageOf(SiteId site, PostId id, const Viewer& viewer, const std::string& key, int width);

  /// A verified member comments on a post they can see (plain text). kForbidden for others.
  Result<Comment> AddComment(SiteId site, PostId post, const Viewer& viewer, const std::string& body);
  /// The comment's author or a buurtverbinder deletes it; returns the post it was on.
  Result<PostId> DeleteComment(SiteId site, CommentId id, const Viewer& viewer);
  /// Page `page` (from 1) of a post's comments, oldest first; kNotFound when the viewer cannot
  /// see the post (so comments on members-only news are for members only).
  Result<CommentPage> Comments(SiteId site, PostId post, const Viewer& viewer, int page);
  /// May this viewer delete the comment?
  static bool MayDeleteComment(const Comment& comment, const Viewer& viewer);

  /// A verified member says "bedankt" for a post, or takes it back (a toggle).
  Result<Thanks> ToggleThanks(SiteId site, PostId post, const Viewer& viewer);
  /// Does the viewer thank the post?
  bool HasThanked(SiteId site, PostId post, const Viewer& viewer);

  /// The site's categories by name (at most kMaxCategories).
  std::vector<Category> Categories(SiteId site);
  /// The category, kNotFound when not in this site.
  Result<Category> FindCategory(SiteId site, CategoryId id);
  /// A buurtverbinder manages the site's categories; kForbidden for anyone else.
  Result<Category> CreateCategory(SiteId site, const Viewer& viewer, const std::string& name);
  Status RenameCategory(SiteId site, CategoryId id, const Viewer& viewer, const std::string& name);
  Status DeleteCategory(SiteId site, CategoryId id, const Viewer& viewer);

  /// Account deletion: the person's posts and comments are removed, or stay without their
  /// name; their thanks go.
  Status EraseContent(UserId user, accounts::ContentChoice choice) override;

  /// The service's clock (Unix seconds).
  std::int64_t Now() const { return clock_.Now(); }
  /// May this viewer edit and delete the post?
  static bool MayChange(const Post& post, const Viewer& viewer);
  /// Checks and cleans a draft (trims the title, normalises line breaks); the first problem,
  /// with its form field.
  static Result<PostDraft> Clean(const PostDraft& draft);

 private:
  bool MaySee(const Post& post, const Viewer& viewer) const;
  /// Checks the draft's category (of this site) and image (alt text given).
  Status CheckExtras(SiteId site, const PostDraft& draft, const Image& current);
  /// Processes and stores an uploaded image; the post's image record.
  Result<Image> StoreImage(SiteId site, const PostDraft& draft);
  /// Removes an image's files when no post of the site uses it any more.
  void DropImageIfUnused(SiteId site, const std::string& key);
  void Changed(SiteId site) {
    if (on_change_) on_change_(site);
  }

  Store& store_;
  const Clock& clock_;
  std::function<void(SiteId)> on_change_;
  ImageProcessor* image_processor_ = nullptr;
  ImageStorage* image_storage_ = nullptr;
  search::Indexer* indexer_ = nullptr;
};

}  // namespace buurtplein::domain::news
