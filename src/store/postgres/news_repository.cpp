#include "store/postgres/news_repository.hpp"

#include <algorithm>

namespace buurtplein::store::postgres {

using domain::ErrorCode;
using domain::MakeError;
using domain::SiteId;
using domain::UserId;
using domain::news::Category;
using domain::news::CategoryId;
using domain::news::Comment;
using domain::news::CommentId;
using domain::news::Image;
using domain::news::ListQuery;
using domain::news::Post;
using domain::news::PostDraft;
using domain::news::PostId;
using domain::news::Visibility;

namespace {

// Every statement names the site: a post of another site is never read or changed. Never the
// author's e-mail address: these rows are shown to other people.
#define BP_NEWS_COLUMNS                                                                                  \
  "n.id, n.site_id, n.author_id, coalesce(u.display_name, ''), n.title, n.body_markdown, n.visibility, " \
  "n.pinned::int, n.published_at, n.created_at, n.updated_at, n.category_id, coalesce(c.name, ''), "       \
  "coalesce(n.image_key, ''), n.image_alt, n.image_width, n.image_height, "                                \
  "(SELECT count(*) FROM news_thanks t WHERE t.post_id = n.id), "                                          \
  "(SELECT count(*) FROM news_comments m WHERE m.post_id = n.id), "                                         \
  "n.group_id, coalesce(g.name, ''), coalesce(g.visibility, 'public') "
#define BP_NEWS_FROM                                                                                       \
  "FROM news_posts n LEFT JOIN users u ON u.id = n.author_id LEFT JOIN news_categories c ON c.id = n.category_id " \
  "LEFT JOIN site_groups g ON g.id = n.group_id "
// A category is only ever one of the post's own site: another site's id becomes NULL.
constexpr const char* kInsert =
    "INSERT INTO news_posts (site_id, author_id, title, body_markdown, visibility, pinned, published_at, created_at, "
    "updated_at, category_id) VALUES ($1, $2, $3, $4, $5, false, $6, $7, $7, "
    "(SELECT id FROM news_categories WHERE site_id = $1 AND id = $8::bigint)) RETURNING id";
constexpr const char* kFind = "SELECT " BP_NEWS_COLUMNS BP_NEWS_FROM "WHERE n.site_id = $1 AND n.id = $2";
constexpr const char* kUpdate =
    "UPDATE news_posts SET title = $3, body_markdown = $4, visibility = $5, published_at = $6, updated_at = $7, "
    "category_id = (SELECT id FROM news_categories WHERE site_id = $1 AND id = $8::bigint) "
    "WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kSetImage =
    "UPDATE news_posts SET image_key = $3, image_alt = $4, image_width = $5, image_height = $6 "
    "WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kImageInUse = "SELECT count(*) FROM news_posts WHERE site_id = $1 AND image_key = $2";
constexpr const char* kImagesOfAuthor =
    "SELECT site_id, image_key FROM news_posts WHERE author_id = $1 AND image_key IS NOT NULL ORDER BY id";
constexpr const char* kInsertCategory =
    "INSERT INTO news_categories (site_id, name, created_at) VALUES ($1, $2, $3) RETURNING id";
constexpr const char* kRenameCategory =
    "UPDATE news_categories SET name = $3 WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kDeleteCategory = "DELETE FROM news_categories WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kFindCategory = "SELECT id, site_id, name FROM news_categories WHERE site_id = $1 AND id = $2";
constexpr const char* kListCategories =
    "SELECT id, site_id, name FROM news_categories WHERE site_id = $1 ORDER BY name, id LIMIT $2";
#define BP_COMMENT_COLUMNS "m.id, m.site_id, m.post_id, m.author_id, coalesce(u.display_name, ''), m.body, m.created_at "
constexpr const char* kInsertComment =
    "INSERT INTO news_comments (site_id, post_id, author_id, body, created_at) "
    "SELECT $1::bigint, id, $3::bigint, $4::text, $5::bigint FROM news_posts WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kFindComment =
    "SELECT " BP_COMMENT_COLUMNS "FROM news_comments m LEFT JOIN users u ON u.id = m.author_id "
    "WHERE m.site_id = $1 AND m.id = $2";
constexpr const char* kDeleteComment = "DELETE FROM news_comments WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kListComments =
    "SELECT " BP_COMMENT_COLUMNS "FROM news_comments m LEFT JOIN users u ON u.id = m.author_id "
    "WHERE m.site_id = $1 AND m.post_id = $2 ORDER BY m.created_at, m.id LIMIT $3 OFFSET $4";
constexpr const char* kInsertThanks =
    "INSERT INTO news_thanks (post_id, user_id, site_id, created_at) "
    "SELECT id, $3::bigint, $1::bigint, $4::bigint FROM news_posts WHERE site_id = $1 AND id = $2 "
    "ON CONFLICT (post_id, user_id) DO NOTHING";
constexpr const char* kPostInSite = "SELECT count(*) FROM news_posts WHERE site_id = $1 AND id = $2";
constexpr const char* kDeleteThanks = "DELETE FROM news_thanks WHERE site_id = $1 AND post_id = $2 AND user_id = $3";
constexpr const char* kHasThanked =
    "SELECT count(*) FROM news_thanks WHERE site_id = $1 AND post_id = $2 AND user_id = $3";
constexpr const char* kCountThanks = "SELECT count(*) FROM news_thanks WHERE site_id = $1 AND post_id = $2";
constexpr const char* kSitesOfCommenter =
    "SELECT DISTINCT site_id FROM news_comments WHERE author_id = $1 UNION "
    "SELECT DISTINCT site_id FROM news_thanks WHERE user_id = $1";
constexpr const char* kUnlinkCommenter = "UPDATE news_comments SET author_id = NULL WHERE author_id = $1";
constexpr const char* kDeleteByCommenter = "DELETE FROM news_comments WHERE author_id = $1";
constexpr const char* kDeleteThanksOf = "DELETE FROM news_thanks WHERE user_id = $1";
#undef BP_COMMENT_COLUMNS
// A group is only ever one of the post's own site: another site's id becomes NULL.
constexpr const char* kSetGroup =
    "UPDATE news_posts SET group_id = (SELECT id FROM site_groups WHERE site_id = $1 AND id = $3::bigint) "
    "WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kSetPinned =
    "UPDATE news_posts SET pinned = $3::boolean WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kDelete = "DELETE FROM news_posts WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kList =
    "SELECT " BP_NEWS_COLUMNS BP_NEWS_FROM
    "WHERE n.site_id = $1 AND n.published_at <= $2 AND n.published_at >= $3 "
    "AND (n.visibility = 'public' OR $4::int = 1) AND ($7::bigint = 0 OR n.category_id = $7::bigint) "
    "AND ($8::bigint = 0 OR n.group_id = $8::bigint) "
    "ORDER BY n.pinned DESC, n.published_at DESC, n.id DESC LIMIT $5 OFFSET $6";
constexpr const char* kNextScheduled =
    "SELECT min(published_at) FROM news_posts WHERE site_id = $1 AND published_at > $2";
constexpr const char* kSitesOfAuthor = "SELECT DISTINCT site_id FROM news_posts WHERE author_id = $1 ORDER BY site_id";
constexpr const char* kUnlinkAuthor = "UPDATE news_posts SET author_id = NULL WHERE author_id = $1";
constexpr const char* kDeleteByAuthor = "DELETE FROM news_posts WHERE author_id = $1";
#undef BP_NEWS_COLUMNS
#undef BP_NEWS_FROM

constexpr const char* kNoSuchPost = "This news item does not exist, or you cannot see it.";
constexpr const char* kNoSuchCategory = "This category does not exist.";
constexpr const char* kNoSuchComment = "This comment does not exist, or you cannot see it.";
constexpr const char* kCategoryTaken = "There is already a category with this name.";

const char* VisibilityName(Visibility v) { return v == Visibility::kMembers ? "members" : "public"; }

Post ReadPost(const Result& r, int row) {
  Post p;
  p.id = PostId{r.Int(row, 0)};
  p.site = SiteId{r.Int(row, 1)};
  if (!r.IsNull(row, 2)) p.author = UserId{r.Int(row, 2)};
  p.author_name = r.Text(row, 3);
  p.title = r.Text(row, 4);
  p.body_markdown = r.Text(row, 5);
  p.visibility = r.Text(row, 6) == "members" ? Visibility::kMembers : Visibility::kPublic;
  p.pinned = r.Int(row, 7) != 0;
  p.published_at = r.Int(row, 8);
  p.created_at = r.Int(row, 9);
  p.updated_at = r.Int(row, 10);
  if (!r.IsNull(row, 11)) p.category = CategoryId{r.Int(row, 11)};
  p.category_name = r.Text(row, 12);
  p.image.key = r.Text(row, 13);
  p.image.alt = r.Text(row, 14);
  p.image.width = static_cast<int>(r.Int(row, 15));
  p.image.height = static_cast<int>(r.Int(row, 16));
  p.thanks = static_cast<int>(r.Int(row, 17));
  p.comments = static_cast<int>(r.Int(row, 18));
  if (!r.IsNull(row, 19)) p.group_id = r.Int(row, 19);
  p.group_name = r.Text(row, 20);
  p.group_members_only = r.Text(row, 21) == "members";
  return p;
}

Comment ReadComment(const Result& r, int row) {
  Comment c;
  c.id = CommentId{r.Int(row, 0)};
  c.site = SiteId{r.Int(row, 1)};
  c.post = PostId{r.Int(row, 2)};
  if (!r.IsNull(row, 3)) c.author = UserId{r.Int(row, 3)};
  c.author_name = r.Text(row, 4);
  c.body = r.Text(row, 5);
  c.created_at = r.Int(row, 6);
  return c;
}

Category ReadCategory(const Result& r, int row) {
  return Category{CategoryId{r.Int(row, 0)}, SiteId{r.Int(row, 1)}, r.Text(row, 2)};
}

std::int64_t CategoryValue(const std::optional<CategoryId>& c) { return c ? c->value : 0; }

domain::Status Found(const Result& r) {
  if (r.Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchPost);
  return domain::Ok{};
}

}  // namespace

domain::Result<Post> PostgresNewsRepository::CreatePost(SiteId site, UserId author, const PostDraft& draft,
                                                        std::int64_t at) {
  std::int64_t id = 0;
  {
    auto c = pool_.Acquire();
    try {
      const Result r = c->Exec(kInsert, Params()
                                            .Add(site.value)
                                            .Add(author.value)
                                            .Add(draft.title)
                                            .Add(draft.body_markdown)
                                            .Add(VisibilityName(draft.visibility))
                                            .Add(draft.published_at.value_or(at))
                                            .Add(at)
                                            .Add(CategoryValue(draft.category)));
      id = r.Int(0, 0);
    } catch (const PostgresError& e) {
      // The site or the author does not exist, or a check the service should have caught.
      if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchPost, e.what());
      throw;
    }
  }
  auto post = FindPost(site, PostId{id});
  if (!post) return MakeError(ErrorCode::kInternal, kNoSuchPost, "news post vanished after insert");
  return *post;
}

std::optional<Post> PostgresNewsRepository::FindPost(SiteId site, PostId id) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFind, Params().Add(site.value).Add(id.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadPost(r, 0);
}

domain::Status PostgresNewsRepository::UpdatePost(SiteId site, PostId id, const PostDraft& draft, std::int64_t at) {
  auto c = pool_.Acquire();
  return Found(c->Exec(kUpdate, Params()
                                    .Add(site.value)
                                    .Add(id.value)
                                    .Add(draft.title)
                                    .Add(draft.body_markdown)
                                    .Add(VisibilityName(draft.visibility))
                                    .Add(draft.published_at.value_or(at))
                                    .Add(at)
                                    .Add(CategoryValue(draft.category))));
}

domain::Status PostgresNewsRepository::SetGroup(SiteId site, PostId id, std::optional<std::int64_t> group) {
  auto c = pool_.Acquire();
  return Found(c->Exec(kSetGroup, Params().Add(site.value).Add(id.value).Add(group)));
}

domain::Status PostgresNewsRepository::SetPinned(SiteId site, PostId id, bool pinned) {
  auto c = pool_.Acquire();
  return Found(c->Exec(kSetPinned, Params().Add(site.value).Add(id.value).Add(pinned ? "true" : "false")));
}

domain::Status PostgresNewsRepository::DeletePost(SiteId site, PostId id) {
  auto c = pool_.Acquire();
  return Found(c->Exec(kDelete, Params().Add(site.value).Add(id.value)));
}

std::vector<Post> PostgresNewsRepository::ListPublished(SiteId site, const ListQuery& q) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kList, Params()
                                      .Add(site.value)
                                      .Add(q.now)
                                      .Add(q.published_since)
                                      .Add(q.include_members_only ? 1 : 0)
                                      .Add(std::max(0, q.limit))
                                      .Add(std::max(0, q.offset))
                                      .Add(CategoryValue(q.category))
                                      .Add(q.group.value_or(0)));
  std::vector<Post> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadPost(r, i));
  return out;
}

std::optional<std::int64_t> PostgresNewsRepository::NextScheduled(SiteId site, std::int64_t now) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kNextScheduled, Params().Add(site.value).Add(now));
  if (r.Rows() == 0 || r.IsNull(0, 0)) return std::nullopt;
  return r.Int(0, 0);
}

std::vector<SiteId> PostgresNewsRepository::EraseAuthor(UserId author, bool remove) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  const Result r = c->Exec(kSitesOfAuthor, Params().Add(author.value));
  std::vector<SiteId> sites;
  for (int i = 0; i < r.Rows(); ++i) sites.push_back(SiteId{r.Int(i, 0)});
  const Result r2 = c->Exec(kSitesOfCommenter, Params().Add(author.value));
  for (int i = 0; i < r2.Rows(); ++i) sites.push_back(SiteId{r2.Int(i, 0)});
  c->Exec(remove ? kDeleteByAuthor : kUnlinkAuthor, Params().Add(author.value));
  c->Exec(remove ? kDeleteByCommenter : kUnlinkCommenter, Params().Add(author.value));
  c->Exec(kDeleteThanksOf, Params().Add(author.value));
  tx.Commit();
  std::sort(sites.begin(), sites.end(), [](SiteId a, SiteId b) { return a.value < b.value; });
  sites.erase(std::unique(sites.begin(), sites.end(), [](SiteId a, SiteId b) { return a.value == b.value; }),
              sites.end());
  return sites;
}

domain::Status PostgresNewsRepository::SetImage(SiteId site, PostId id, const Image& image) {
  auto c = pool_.Acquire();
  Params p;
  p.Add(site.value).Add(id.value);
  if (image.key.empty()) {
    p.AddNull().Add("").Add(0).Add(0);
  } else {
    p.Add(image.key).Add(image.alt).Add(image.width).Add(image.height);
  }
  return Found(c->Exec(kSetImage, p));
}

bool PostgresNewsRepository::ImageInUse(SiteId site, const std::string& key) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kImageInUse, Params().Add(site.value).Add(key));
  return r.Rows() > 0 && r.Int(0, 0) > 0;
}

std::vector<std::pair<SiteId, std::string>> PostgresNewsRepository::ImagesOfAuthor(UserId author) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kImagesOfAuthor, Params().Add(author.value));
  std::vector<std::pair<SiteId, std::string>> out;
  for (int i = 0; i < r.Rows(); ++i) out.emplace_back(SiteId{r.Int(i, 0)}, r.Text(i, 1));
  return out;
}

domain::Result<Category> PostgresNewsRepository::CreateCategory(SiteId site, const std::string& name,
                                                                std::int64_t at) {
  auto c = pool_.Acquire();
  try {
    const Result r = c->Exec(kInsertCategory, Params().Add(site.value).Add(name).Add(at));
    return Category{CategoryId{r.Int(0, 0)}, site, name};
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, kCategoryTaken, e.what());
    throw;
  }
}

domain::Status PostgresNewsRepository::RenameCategory(SiteId site, CategoryId id, const std::string& name) {
  auto c = pool_.Acquire();
  try {
    const Result r = c->Exec(kRenameCategory, Params().Add(site.value).Add(id.value).Add(name));
    if (r.Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchCategory);
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, kCategoryTaken, e.what());
    throw;
  }
  return domain::Ok{};
}

domain::Status PostgresNewsRepository::DeleteCategory(SiteId site, CategoryId id) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kDeleteCategory, Params().Add(site.value).Add(id.value));
  if (r.Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchCategory);
  return domain::Ok{};
}

std::optional<Category> PostgresNewsRepository::FindCategory(SiteId site, CategoryId id) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindCategory, Params().Add(site.value).Add(id.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadCategory(r, 0);
}

std::vector<Category> PostgresNewsRepository::ListCategories(SiteId site, int limit) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kListCategories, Params().Add(site.value).Add(std::max(0, limit)));
  std::vector<Category> out;
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadCategory(r, i));
  return out;
}

domain::Result<Comment> PostgresNewsRepository::AddComment(SiteId site, PostId post, UserId author,
                                                           const std::string& body, std::int64_t at) {
  std::int64_t id = 0;
  {
    auto c = pool_.Acquire();
    try {
      const Result r = c->Exec(
          kInsertComment, Params().Add(site.value).Add(post.value).Add(author.value).Add(body).Add(at));
      if (r.Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchPost);
      id = r.Int(0, 0);
    } catch (const PostgresError& e) {
      if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchPost, e.what());
      throw;
    }
  }
  auto comment = FindComment(site, CommentId{id});
  if (!comment) return MakeError(ErrorCode::kInternal, kNoSuchComment, "comment vanished after insert");
  return *comment;
}

std::optional<Comment> PostgresNewsRepository::FindComment(SiteId site, CommentId id) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindComment, Params().Add(site.value).Add(id.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadComment(r, 0);
}

domain::Status PostgresNewsRepository::DeleteComment(SiteId site, CommentId id) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kDeleteComment, Params().Add(site.value).Add(id.value));
  if (r.Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchComment);
  return domain::Ok{};
}

std::vector<Comment> PostgresNewsRepository::ListComments(SiteId site, PostId post, int limit, int offset) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(
      kListComments, Params().Add(site.value).Add(post.value).Add(std::max(0, limit)).Add(std::max(0, offset)));
  std::vector<Comment> out;
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadComment(r, i));
  return out;
}

bool PostgresNewsRepository::AddThanks(SiteId site, PostId post, UserId user, std::int64_t at) {
  auto c = pool_.Acquire();
  const Result in_site = c->Exec(kPostInSite, Params().Add(site.value).Add(post.value));
  if (in_site.Rows() == 0 || in_site.Int(0, 0) == 0) return false;
  c->Exec(kInsertThanks, Params().Add(site.value).Add(post.value).Add(user.value).Add(at));
  return true;
}

void PostgresNewsRepository::RemoveThanks(SiteId site, PostId post, UserId user) {
  auto c = pool_.Acquire();
  c->Exec(kDeleteThanks, Params().Add(site.value).Add(post.value).Add(user.value));
}

bool PostgresNewsRepository::HasThanked(SiteId site, PostId post, UserId user) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kHasThanked, Params().Add(site.value).Add(post.value).Add(user.value));
  return r.Rows() > 0 && r.Int(0, 0) > 0;
}

int PostgresNewsRepository::CountThanks(SiteId site, PostId post) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kCountThanks, Params().Add(site.value).Add(post.value));
  return r.Rows() > 0 ? static_cast<int>(r.Int(0, 0)) : 0;
}

}  // namespace buurtplein::store::postgres
