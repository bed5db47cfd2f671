#pragma once
#include <functional>
#include <optional>

#include "domain/accounts/model.hpp"
#include "domain/accounts/privacy_service.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
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

  void SetChangeListener(std::function<void(SiteId)> listener) { on_change_ = std::move(listener); }
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

  /// Page `page` (from 1) of the published posts this viewer may see: pinned first, then
  /// newest first. Pages beyond kMaxPage are empty.
  PostPage List(SiteId site, const Viewer& viewer, int page);
  /// Published in the last seven days, as seen by this viewer, at most `limit` (site home).
  std::vector<Post> ThisWeek(SiteId site, const Viewer& viewer, int limit = 5);
  /// The earliest time a scheduled post of the site becomes visible, if any (pages that list
  /// news must not be cached past it).
  std::optional<std::int64_t> NextScheduled(SiteId site);

  /// Account deletion: the person's posts are removed, or stay without their name.
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
  void Changed(SiteId site) {
    if (on_change_) on_change_(site);
  }

  Store& store_;
  const Clock& clock_;
  std::function<void(SiteId)> on_change_;
  search::Indexer* indexer_ = nullptr;
};

}  // namespace buurtplein::domain::news
