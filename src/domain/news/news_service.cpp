#include "domain/news/news_service.hpp"

#include <algorithm>
#include <cctype>

#include "domain/common/text.hpp"
#include "domain/search/news_documents.hpp"

namespace buurtplein::domain::news {

namespace {

AppError NoPost() { return MakeError(ErrorCode::kNotFound, "This news item does not exist, or you cannot see it."); }
AppError NotYours() { return MakeError(ErrorCode::kForbidden, "Only the author or a buurtverbinder can change this news item."); }

AppError WithField(AppError e, const char* field) {
  e.field = field;
  return e;
}

}  // namespace

Viewer Viewer::Of(std::optional<UserId> user, const std::optional<accounts::Membership>& membership) {
  Viewer v;
  v.user = user;
  if (user && membership && membership->user == *user && membership->status == accounts::MemberStatus::kVerified) {
    v.member = true;
    v.buurtverbinder = membership->role == accounts::MemberRole::kBuurtverbinder;
  }
  return v;
}

Result<PostDraft> NewsService::Clean(const PostDraft& draft) {
  PostDraft out = draft;
  std::size_t n = 0;
  if (!CopyCleanText(TrimView(draft.title), false, out.title, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "The title contains characters we cannot use."), "title");
  }
  if (n == 0) return WithField(MakeError(ErrorCode::kValidation, "Give your news a title."), "title");
  if (n > kMaxTitleLength) {
    return WithField(MakeError(ErrorCode::kValidation, "The title is longer than 140 characters."), "title");
  }
  if (!CopyCleanText(TrimView(draft.body_markdown), true, out.body_markdown, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "The text contains characters we cannot use."), "body");
  }
  if (n == 0) return WithField(MakeError(ErrorCode::kValidation, "Write the text of your news."), "body");
  if (n > kMaxBodyLength) {
    return WithField(MakeError(ErrorCode::kValidation, "The text is longer than 20,000 characters."), "body");
  }
  return out;
}

bool NewsService::MayChange(const Post& post, const Viewer& viewer) {
  if (!viewer.user || !viewer.member) return false;
  return viewer.buurtverbinder || (post.author && *post.author == *viewer.user);
}

bool NewsService::MaySee(const Post& post, const Viewer& viewer) const {
  if (post.visibility == Visibility::kMembers && !viewer.member) return false;
  if (post.published_at > clock_.Now() && !MayChange(post, viewer)) return false;
  return true;
}

Result<Post> NewsService::Create(SiteId site, const Viewer& viewer, const PostDraft& draft) {
  if (!viewer.user || !viewer.member) {
    return MakeError(ErrorCode::kForbidden, "Only verified members of this neighbourhood can post news.");
  }
  auto clean = Clean(draft);
  if (!clean) return clean.error();
  const std::int64_t now = clock_.Now();
  clean->published_at = std::max(now, clean->published_at.value_or(now));
  auto post = store_.news().CreatePost(site, *viewer.user, *clean, now);
  if (post) Changed(site);
  if (post && indexer_) indexer_->Put(search::NewsDocument(*post));  // search index
  return post;
}

Result<Post> NewsService::Find(SiteId site, PostId id, const Viewer& viewer) {
  auto post = store_.news().FindPost(site, id);
  if (!post || !MaySee(*post, viewer)) return NoPost();
  return *post;
}

Result<Post> NewsService::Edit(SiteId site, PostId id, const Viewer& viewer, const PostDraft& draft) {
  auto post = Find(site, id, viewer);
  if (!post) return post.error();
  if (!MayChange(*post, viewer)) return NotYours();
  auto clean = Clean(draft);
  if (!clean) return clean.error();
  const std::int64_t now = clock_.Now();
  // An already published post keeps its date unless a new (future) one is given.
  if (!clean->published_at) {
    clean->published_at = post->published_at;
  } else {
    clean->published_at = std::max(now, *clean->published_at);
  }
  if (auto s = store_.news().UpdatePost(site, id, *clean, now); !s) return s.error();
  Changed(site);
  if (indexer_) {  // search index
    if (auto updated = store_.news().FindPost(site, id)) indexer_->Put(search::NewsDocument(*updated));
  }
  return Find(site, id, viewer);
}

Status NewsService::Delete(SiteId site, PostId id, const Viewer& viewer) {
  auto post = Find(site, id, viewer);
  if (!post) return post.error();
  if (!MayChange(*post, viewer)) return NotYours();
  if (auto s = store_.news().DeletePost(site, id); !s) return s;
  Changed(site);
  if (indexer_) indexer_->Drop(search::Kind::kNews, id.value);  // search index
  return Ok{};
}

Status NewsService::SetPinned(SiteId site, PostId id, const Viewer& viewer, bool pinned) {
  auto post = Find(site, id, viewer);
  if (!post) return post.error();
  if (!viewer.buurtverbinder) {
    return MakeError(ErrorCode::kForbidden, "Only a buurtverbinder can pin news.");
  }
  if (auto s = store_.news().SetPinned(site, id, pinned); !s) return s;
  Changed(site);
  return Ok{};
}

PostPage NewsService::List(SiteId site, const Viewer& viewer, int page) {
  PostPage out;
  out.page = std::max(1, page);
  if (out.page > kMaxPage) return out;
  ListQuery q;
  q.now = clock_.Now();
  q.include_members_only = viewer.member;
  q.limit = kPageSize + 1;  // one more: is there a next page?
  q.offset = (out.page - 1) * kPageSize;
  out.posts = store_.news().ListPublished(site, q);
  if (out.posts.size() > static_cast<std::size_t>(kPageSize)) {
    out.has_more = out.page < kMaxPage;
    out.posts.resize(kPageSize);
  }
  return out;
}

std::vector<Post> NewsService::ThisWeek(SiteId site, const Viewer& viewer, int limit) {
  ListQuery q;
  q.now = clock_.Now();
  q.include_members_only = viewer.member;
  q.published_since = q.now - 7 * 24 * 3600;
  q.limit = std::clamp(limit, 1, 50);
  return store_.news().ListPublished(site, q);
}

std::optional<std::int64_t> NewsService::NextScheduled(SiteId site) {
  return store_.news().NextScheduled(site, clock_.Now());
}

Status NewsService::EraseContent(UserId user, accounts::ContentChoice choice) {
  for (SiteId site : store_.news().EraseAuthor(user, choice == accounts::ContentChoice::kRemove)) Changed(site);
  return Ok{};
}

}  // namespace buurtplein::domain::news
