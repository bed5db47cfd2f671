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
  if (!CopyCleanText(TrimView(draft.image_alt), false, out.image_alt, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "The description of the image contains characters we cannot use."),
                     "image_alt");
  }
  if (n > kMaxImageAltLength) {
    return WithField(MakeError(ErrorCode::kValidation, "The description of the image is longer than 250 characters."),
                     "image_alt");
  }
  if (draft.image_action == ImageAction::kReplace && draft.image_file.empty()) out.image_action = ImageAction::kKeep;
  return out;
}

Status NewsService::CheckExtras(SiteId site, const PostDraft& draft, const Image& current) {
  if (draft.category && !store_.news().FindCategory(site, *draft.category)) {
    return WithField(MakeError(ErrorCode::kValidation, "Choose one of the categories."), "category");
  }
  const bool has_image = draft.image_action == ImageAction::kReplace ||
                         (draft.image_action == ImageAction::kKeep && !current.key.empty());
  if (has_image && draft.image_alt.empty()) {
    return WithField(MakeError(ErrorCode::kValidation,
                               "Describe the image in a few words, for neighbours who cannot see it."),
                     "image_alt");
  }
  return Ok{};
}

Result<Image> NewsService::StoreImage(SiteId site, const PostDraft& draft) {
  if (!image_processor_ || !image_storage_) {
    return MakeError(ErrorCode::kInternal, "Your image could not be saved. Please try again later.",
                     "news images are not set up");
  }
  auto processed = image_processor_->Process(draft.image_file);
  if (!processed) return processed.error();
  if (processed->versions.empty()) {
    return MakeError(ErrorCode::kInternal, "Your image could not be saved. Please try again later.", "no versions");
  }
  auto key = image_storage_->Save(site, *processed);
  if (!key) return key.error();
  Image image;
  image.key = *key;
  image.alt = draft.image_alt;
  image.width = processed->versions.back().width;
  image.height = processed->versions.back().height;
  return image;
}

void NewsService::DropImageIfUnused(SiteId site, const std::string& key) {
  if (key.empty() || !image_storage_) return;
  if (!store_.news().ImageInUse(site, key)) image_storage_->Remove(site, key);
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
  if (clean->image_action == ImageAction::kRemove) clean->image_action = ImageAction::kKeep;
  if (auto s = CheckExtras(site, *clean, Image{}); !s) return s.error();
  Image image;
  if (clean->image_action == ImageAction::kReplace) {
    auto stored = StoreImage(site, *clean);
    if (!stored) return stored.error();
    image = std::move(*stored);
  }
  const std::int64_t now = clock_.Now();
  clean->published_at = std::max(now, clean->published_at.value_or(now));
  auto post = store_.news().CreatePost(site, *viewer.user, *clean, now);
  if (post && !image.key.empty()) {
    if (auto s = store_.news().SetImage(site, post->id, image); !s) return s.error();
    post->image = image;
  }
  if (!post) DropImageIfUnused(site, image.key);
  if (post && clean->group_id) {  // a group as organiser (issue 4 §5; the caller checked who may)
    if (auto linked = store_.news().SetGroup(site, post->id, clean->group_id); !linked) return linked.error();
    if (auto stored = store_.news().FindPost(site, post->id)) post = *stored;
  }
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
  if (auto s = CheckExtras(site, *clean, post->image); !s) return s.error();
  // The image: kept (its description may change), removed, or replaced by a new one whose
  // files are stored before the post points at them.
  Image image = post->image;
  if (clean->image_action == ImageAction::kRemove) image = Image{};
  if (clean->image_action == ImageAction::kReplace) {
    auto stored = StoreImage(site, *clean);
    if (!stored) return stored.error();
    image = std::move(*stored);
  }
  if (!image.key.empty()) image.alt = clean->image_alt;
  const std::int64_t now = clock_.Now();
  // An already published post keeps its date unless a new (future) one is given.
  if (!clean->published_at) {
    clean->published_at = post->published_at;
  } else {
    clean->published_at = std::max(now, *clean->published_at);
  }
  if (auto s = store_.news().UpdatePost(site, id, *clean, now); !s) return s.error();
  if (clean->group_id != post->group_id) {
    if (auto linked = store_.news().SetGroup(site, id, clean->group_id); !linked) return linked.error();
  }
  if (image.key != post->image.key || image.alt != post->image.alt) {
    if (auto s = store_.news().SetImage(site, id, image); !s) return s.error();
    if (image.key != post->image.key) DropImageIfUnused(site, post->image.key);
  }
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
  DropImageIfUnused(site, post->image.key);
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

PostPage NewsService::List(SiteId site, const Viewer& viewer, int page, std::optional<CategoryId> category) {
  PostPage out;
  out.page = std::max(1, page);
  if (out.page > kMaxPage) return out;
  ListQuery q;
  q.now = clock_.Now();
  q.include_members_only = viewer.member;
  q.category = category;
  q.limit = kPageSize + 1;  // one more: is there a next page?
  q.offset = (out.page - 1) * kPageSize;
  out.posts = store_.news().ListPublished(site, q);
  if (out.posts.size() > static_cast<std::size_t>(kPageSize)) {
    out.has_more = out.page < kMaxPage;
    out.posts.resize(kPageSize);
  }
  return out;
}

PostPage NewsService::OfGroup(SiteId site, std::int64_t group, const Viewer& viewer, int page, int per_page) {
  PostPage out;
  out.page = std::max(1, page);
  per_page = std::clamp(per_page, 1, 50);
  if (out.page > kMaxPage) return out;
  ListQuery q;
  q.now = clock_.Now();
  q.include_members_only = viewer.member;
  q.group = group;
  q.limit = per_page + 1;  // one more: is there a next page?
  q.offset = (out.page - 1) * per_page;
  out.posts = store_.news().ListPublished(site, q);
  if (out.posts.size() > static_cast<std::size_t>(per_page)) {
    out.has_more = out.page < kMaxPage;
    out.posts.resize(static_cast<std::size_t>(per_page));
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
  const bool remove = choice == accounts::ContentChoice::kRemove;
  std::vector<std::pair<SiteId, std::string>> images;
  if (remove) images = store_.news().ImagesOfAuthor(user);
  for (SiteId site : store_.news().EraseAuthor(user, remove)) Changed(site);
  for (const auto& [site, key] : images) DropImageIfUnused(site, key);
  return Ok{};
}

std::vector<int> ImageWidths(int width) {
  std::vector<int> out;
  for (int w : kImageWidths) {
    if (w < width) out.push_back(w);
  }
  if (width > 0) out.push_back(width);
  return out;
}

}  // namespace buurtplein::domain::news
