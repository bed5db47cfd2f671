// NewsService, continued: images served, comments, "bedankt" and categories.
#include <algorithm>

#include "domain/common/text.hpp"
#include "domain/news/news_service.hpp"

namespace buurtplein::domain::news {

namespace {

AppError NoPost() { return MakeError(ErrorCode::kNotFound, "This news item does not exist, or you cannot see it."); }
AppError NoComment() { return MakeError(ErrorCode::kNotFound, "This comment does not exist, or you cannot see it."); }
AppError NoCategory() { return MakeError(ErrorCode::kNotFound, "This category does not exist."); }
AppError NoImage() { return MakeError(ErrorCode::kNotFound, "This image does not exist, or you cannot see it."); }

AppError Taken() { return MakeError(ErrorCode::kConflict, "There is already a category with this name."); }

AppError WithField(AppError e, const char* field) {
  e.field = field;
  return e;
}

Result<std::string> CleanCategoryName(const std::string& name) {
  std::string out;
  std::size_t n = 0;
  if (!CopyCleanText(TrimView(name), false, out, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "The name contains characters we cannot use."), "name");
  }
  if (n == 0) return WithField(MakeError(ErrorCode::kValidation, "Give the category a name."), "name");
  if (n > kMaxCategoryName) {
    return WithField(MakeError(ErrorCode::kValidation, "The name is longer than 40 characters."), "name");
  }
  return out;
}

Status MayManageCategories(const Viewer& viewer) {
  if (!viewer.buurtverbinder) {
    return MakeError(ErrorCode::kForbidden, "Only a buurtverbinder can manage the news categories.");
  }
  return Ok{};
}

}  // namespace

Result<std::string> NewsService::ImageOf(SiteId site, PostId id, const Viewer& viewer, const std::string& key,
                                         int width) {
  auto post = Find(site, id, viewer);
  if (!post || post->image.key.empty() || post->image.key != key || !image_storage_) return NoImage();
  const auto widths = ImageWidths(post->image.width);
  if (std::find(widths.begin(), widths.end(), width) == widths.end()) return NoImage();
  auto bytes = image_storage_->Read(site, key, width);
  if (!bytes) return NoImage();
  return std::move(*bytes);
}

Result<Comment> NewsService::AddComment(SiteId site, PostId post, const Viewer& viewer, const std::string& body) {
  auto p = Find(site, post, viewer);
  if (!p) return p.error();
  if (!viewer.user || !viewer.member) {
    return MakeError(ErrorCode::kForbidden, "Only verified members of this neighbourhood can comment.");
  }
  std::string clean;
  std::size_t n = 0;
  if (!CopyCleanText(TrimView(body), true, clean, n)) {
    return WithField(MakeError(ErrorCode::kValidation, "Your comment contains characters we cannot use."), "comment");
  }
  if (n == 0) return WithField(MakeError(ErrorCode::kValidation, "Write your comment."), "comment");
  if (n > kMaxCommentLength) {
    return WithField(MakeError(ErrorCode::kValidation, "Your comment is longer than 2,000 characters."), "comment");
  }
  auto comment = store_.news().AddComment(site, post, *viewer.user, clean, clock_.Now());
  if (comment) Changed(site);
  return comment;
}

bool NewsService::MayDeleteComment(const Comment& comment, const Viewer& viewer) {
  if (!viewer.user || !viewer.member) return false;
  return viewer.buurtverbinder || (comment.author && *comment.author == *viewer.user);
}

Result<PostId> NewsService::DeleteComment(SiteId site, CommentId id, const Viewer& viewer) {
  auto comment = store_.news().FindComment(site, id);
  if (!comment) return NoComment();
  if (auto p = Find(site, comment->post, viewer); !p) return NoComment();
  if (!MayDeleteComment(*comment, viewer)) {
    return MakeError(ErrorCode::kForbidden, "Only the author of a comment or a buurtverbinder can delete it.");
  }
  if (auto s = store_.news().DeleteComment(site, id); !s) return s.error();
  Changed(site);
  return comment->post;
}

Result<CommentPage> NewsService::Comments(SiteId site, PostId post, const Viewer& viewer, int page) {
  auto p = Find(site, post, viewer);
  if (!p) return p.error();
  CommentPage out;
  out.page = std::max(1, page);
  out.total = p->comments;
  if (out.page > kMaxPage) return out;
  out.comments = store_.news().ListComments(site, post, kCommentPageSize + 1, (out.page - 1) * kCommentPageSize);
  if (out.comments.size() > static_cast<std::size_t>(kCommentPageSize)) {
    out.has_more = out.page < kMaxPage;
    out.comments.resize(kCommentPageSize);
  }
  return out;
}

Result<Thanks> NewsService::ToggleThanks(SiteId site, PostId post, const Viewer& viewer) {
  auto p = Find(site, post, viewer);
  if (!p) return p.error();
  if (!viewer.user || !viewer.member) {
    return MakeError(ErrorCode::kForbidden, "Only verified members of this neighbourhood can say thanks.");
  }
  Thanks out;
  if (store_.news().HasThanked(site, post, *viewer.user)) {
    store_.news().RemoveThanks(site, post, *viewer.user);
  } else {
    if (!store_.news().AddThanks(site, post, *viewer.user, clock_.Now())) return NoPost();
    out.thanked = true;
  }
  out.count = store_.news().CountThanks(site, post);
  Changed(site);
  return out;
}

bool NewsService::HasThanked(SiteId site, PostId post, const Viewer& viewer) {
  return viewer.user && store_.news().HasThanked(site, post, *viewer.user);
}

std::vector<Category> NewsService::Categories(SiteId site) { return store_.news().ListCategories(site, kMaxCategories); }

Result<Category> NewsService::FindCategory(SiteId site, CategoryId id) {
  auto c = store_.news().FindCategory(site, id);
  if (!c) return NoCategory();
  return *c;
}

Result<Category> NewsService::CreateCategory(SiteId site, const Viewer& viewer, const std::string& name) {
  if (auto s = MayManageCategories(viewer); !s) return s.error();
  auto clean = CleanCategoryName(name);
  if (!clean) return clean.error();
  if (store_.news().ListCategories(site, kMaxCategories).size() >= static_cast<std::size_t>(kMaxCategories)) {
    return WithField(MakeError(ErrorCode::kValidation, "A neighbourhood can have at most 30 news categories."), "name");
  }
  auto c = store_.news().CreateCategory(site, *clean, clock_.Now());
  if (!c && c.error().code == ErrorCode::kConflict) return WithField(Taken(), "name");
  if (c) Changed(site);
  return c;
}

Status NewsService::RenameCategory(SiteId site, CategoryId id, const Viewer& viewer, const std::string& name) {
  if (auto s = MayManageCategories(viewer); !s) return s;
  auto clean = CleanCategoryName(name);
  if (!clean) return clean.error();
  auto s = store_.news().RenameCategory(site, id, *clean);
  if (!s && s.error().code == ErrorCode::kConflict) return WithField(Taken(), "name");
  if (s) Changed(site);
  return s;
}

Status NewsService::DeleteCategory(SiteId site, CategoryId id, const Viewer& viewer) {
  if (auto s = MayManageCategories(viewer); !s) return s;
  auto s = store_.news().DeleteCategory(site, id);
  if (s) Changed(site);
  return s;
}

}  // namespace buurtplein::domain::news
