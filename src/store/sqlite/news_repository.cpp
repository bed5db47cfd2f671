#include "store/sqlite/news_repository.hpp"

#include <algorithm>

namespace buurtplein::store::sqlite {

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
  "n.pinned, n.published_at, n.created_at, n.updated_at, n.category_id, coalesce(c.name, ''), "            \
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
    "updated_at, category_id) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?7, "
    "(SELECT id FROM news_categories WHERE site_id = ?1 AND id = ?8)) RETURNING id";
constexpr const char* kFind = "SELECT " BP_NEWS_COLUMNS BP_NEWS_FROM "WHERE n.site_id = ?1 AND n.id = ?2";
constexpr const char* kUpdate =
    "UPDATE news_posts SET title = ?3, body_markdown = ?4, visibility = ?5, published_at = ?6, updated_at = ?7, "
    "category_id = (SELECT id FROM news_categories WHERE site_id = ?1 AND id = ?8) "
    "WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kSetImage =
    "UPDATE news_posts SET image_key = ?3, image_alt = ?4, image_width = ?5, image_height = ?6 "
    "WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kImageInUse = "SELECT count(*) FROM news_posts WHERE site_id = ?1 AND image_key = ?2";
constexpr const char* kImagesOfAuthor =
    "SELECT site_id, image_key FROM news_posts WHERE author_id = ?1 AND image_key IS NOT NULL ORDER BY id";
constexpr const char* kInsertCategory =
    "INSERT INTO news_categories (site_id, name, created_at) VALUES (?1, ?2, ?3) RETURNING id";
constexpr const char* kRenameCategory =
    "UPDATE news_categories SET name = ?3 WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kDeleteCategory = "DELETE FROM news_categories WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kFindCategory = "SELECT id, site_id, name FROM news_categories WHERE site_id = ?1 AND id = ?2";
constexpr const char* kListCategories =
    "SELECT id, site_id, name FROM news_categories WHERE site_id = ?1 ORDER BY name, id LIMIT ?2";
#define BP_COMMENT_COLUMNS "m.id, m.site_id, m.post_id, m.author_id, coalesce(u.display_name, ''), m.body, m.created_at "
constexpr const char* kInsertComment =
    "INSERT INTO news_comments (site_id, post_id, author_id, body, created_at) "
    "SELECT ?1, id, ?3, ?4, ?5 FROM news_posts WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kFindComment =
    "SELECT " BP_COMMENT_COLUMNS "FROM news_comments m LEFT JOIN users u ON u.id = m.author_id "
    "WHERE m.site_id = ?1 AND m.id = ?2";
constexpr const char* kDeleteComment = "DELETE FROM news_comments WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kListComments =
    "SELECT " BP_COMMENT_COLUMNS "FROM news_comments m LEFT JOIN users u ON u.id = m.author_id "
    "WHERE m.site_id = ?1 AND m.post_id = ?2 ORDER BY m.created_at, m.id LIMIT ?3 OFFSET ?4";
constexpr const char* kInsertThanks =
    "INSERT INTO news_thanks (post_id, user_id, site_id, created_at) "
    "SELECT id, ?3, ?1, ?4 FROM news_posts WHERE site_id = ?1 AND id = ?2 "
    "ON CONFLICT (post_id, user_id) DO NOTHING";
constexpr const char* kPostInSite = "SELECT count(*) FROM news_posts WHERE site_id = ?1 AND id = ?2";
constexpr const char* kDeleteThanks = "DELETE FROM news_thanks WHERE site_id = ?1 AND post_id = ?2 AND user_id = ?3";
constexpr const char* kHasThanked =
    "SELECT count(*) FROM news_thanks WHERE site_id = ?1 AND post_id = ?2 AND user_id = ?3";
constexpr const char* kCountThanks = "SELECT count(*) FROM news_thanks WHERE site_id = ?1 AND post_id = ?2";
constexpr const char* kSitesOfCommenter =
    "SELECT DISTINCT site_id FROM news_comments WHERE author_id = ?1 UNION "
    "SELECT DISTINCT site_id FROM news_thanks WHERE user_id = ?1";
constexpr const char* kUnlinkCommenter = "UPDATE news_comments SET author_id = NULL WHERE author_id = ?1";
constexpr const char* kDeleteByCommenter = "DELETE FROM news_comments WHERE author_id = ?1";
constexpr const char* kDeleteThanksOf = "DELETE FROM news_thanks WHERE user_id = ?1";
#undef BP_COMMENT_COLUMNS
// A group is only ever one of the post's own site: another site's id becomes NULL.
constexpr const char* kSetGroup =
    "UPDATE news_posts SET group_id = (SELECT id FROM site_groups WHERE site_id = ?1 AND id = ?3) "
    "WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kSetPinned =
    "UPDATE news_posts SET pinned = ?3 WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kDelete = "DELETE FROM news_posts WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kList =
    "SELECT " BP_NEWS_COLUMNS BP_NEWS_FROM
    "WHERE n.site_id = ?1 AND n.published_at <= ?2 AND n.published_at >= ?3 "
    "AND (n.visibility = 'public' OR ?4 = 1) AND (?7 = 0 OR n.category_id = ?7) "
    "AND (?8 = 0 OR n.group_id = ?8) "
    "ORDER BY n.pinned DESC, n.published_at DESC, n.id DESC LIMIT ?5 OFFSET ?6";
constexpr const char* kNextScheduled =
    "SELECT min(published_at) FROM news_posts WHERE site_id = ?1 AND published_at > ?2";
constexpr const char* kSitesOfAuthor = "SELECT DISTINCT site_id FROM news_posts WHERE author_id = ?1 ORDER BY site_id";
constexpr const char* kUnlinkAuthor = "UPDATE news_posts SET author_id = NULL WHERE author_id = ?1";
constexpr const char* kDeleteByAuthor = "DELETE FROM news_posts WHERE author_id = ?1";
#undef BP_NEWS_COLUMNS
#undef BP_NEWS_FROM

constexpr const char* kNoSuchPost = "This news item does not exist, or you cannot see it.";
constexpr const char* kNoSuchCategory = "This category does not exist.";
constexpr const char* kNoSuchComment = "This comment does not exist, or you cannot see it.";
constexpr const char* kCategoryTaken = "There is already a category with this name.";

const char* VisibilityName(Visibility v) { return v == Visibility::kMembers ? "members" : "public"; }

Post ReadPost(const Stmt& s) {
  Post p;
  p.id = PostId{s.Int(0)};
  p.site = SiteId{s.Int(1)};
  if (!s.IsNull(2)) p.author = UserId{s.Int(2)};
  p.author_name = s.Text(3);
  p.title = s.Text(4);
  p.body_markdown = s.Text(5);
  p.visibility = s.Text(6) == "members" ? Visibility::kMembers : Visibility::kPublic;
  p.pinned = s.Int(7) != 0;
  p.published_at = s.Int(8);
  p.created_at = s.Int(9);
  p.updated_at = s.Int(10);
  if (!s.IsNull(11)) p.category = CategoryId{s.Int(11)};
  p.category_name = s.Text(12);
  p.image.key = s.Text(13);
  p.image.alt = s.Text(14);
  p.image.width = static_cast<int>(s.Int(15));
  p.image.height = static_cast<int>(s.Int(16));
  p.thanks = static_cast<int>(s.Int(17));
  p.comments = static_cast<int>(s.Int(18));
  if (!s.IsNull(19)) p.group_id = s.Int(19);
  p.group_name = s.Text(20);
  p.group_members_only = s.Text(21) == "members";
  return p;
}

Comment ReadComment(const Stmt& s) {
  Comment c;
  c.id = CommentId{s.Int(0)};
  c.site = SiteId{s.Int(1)};
  c.post = PostId{s.Int(2)};
  if (!s.IsNull(3)) c.author = UserId{s.Int(3)};
  c.author_name = s.Text(4);
  c.body = s.Text(5);
  c.created_at = s.Int(6);
  return c;
}

Category ReadCategory(const Stmt& s) { return Category{CategoryId{s.Int(0)}, SiteId{s.Int(1)}, s.Text(2)}; }

// Runs a statement with RETURNING: did it touch a row?
bool Touched(Stmt& s) {
  const bool found = s.Step();
  if (found) s.Exec();  // finish the statement (stepping past its end would run it again)
  return found;
}

std::int64_t CategoryValue(const std::optional<CategoryId>& c) { return c ? c->value : 0; }

domain::Status Found(bool found) {
  if (!found) return MakeError(ErrorCode::kNotFound, kNoSuchPost);
  return domain::Ok{};
}

}  // namespace

domain::Result<Post> SqliteNewsRepository::CreatePost(SiteId site, UserId author, const PostDraft& draft,
                                                      std::int64_t at) {
  std::int64_t id = 0;
  try {
    auto s = db_.Conn().Prepare(kInsert);
    s.Bind(1, site.value)
        .Bind(2, author.value)
        .Bind(3, draft.title)
        .Bind(4, draft.body_markdown)
        .Bind(5, VisibilityName(draft.visibility))
        .Bind(6, draft.published_at.value_or(at))
        .Bind(7, at)
        .Bind(8, CategoryValue(draft.category));
    if (s.Step()) {
      id = s.Int(0);
      s.Exec();
    }
  } catch (const SqliteError& e) {
    // The site or the author does not exist, or a check the service should have caught.
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchPost, e.what());
    throw;
  }
  auto post = FindPost(site, PostId{id});
  if (!post) return MakeError(ErrorCode::kInternal, kNoSuchPost, "news post vanished after insert");
  return *post;
}

std::optional<Post> SqliteNewsRepository::FindPost(SiteId site, PostId id) {
  auto s = db_.Conn().Prepare(kFind);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!s.Step()) return std::nullopt;
  return ReadPost(s);
}

domain::Status SqliteNewsRepository::UpdatePost(SiteId site, PostId id, const PostDraft& draft, std::int64_t at) {
  auto s = db_.Conn().Prepare(kUpdate);
  s.Bind(1, site.value)
      .Bind(2, id.value)
      .Bind(3, draft.title)
      .Bind(4, draft.body_markdown)
      .Bind(5, VisibilityName(draft.visibility))
      .Bind(6, draft.published_at.value_or(at))
      .Bind(7, at)
      .Bind(8, CategoryValue(draft.category));
  const bool found = s.Step();
  if (found) s.Exec();  // finish the statement (stepping past its end would run it again)
  return Found(found);
}

domain::Status SqliteNewsRepository::SetGroup(SiteId site, PostId id, std::optional<std::int64_t> group) {
  auto s = db_.Conn().Prepare(kSetGroup);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, group);
  const bool found = s.Step();
  if (found) s.Exec();
  return Found(found);
}

domain::Status SqliteNewsRepository::SetPinned(SiteId site, PostId id, bool pinned) {
  auto s = db_.Conn().Prepare(kSetPinned);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, pinned ? 1 : 0);
  const bool found = s.Step();
  if (found) s.Exec();  // finish the statement (stepping past its end would run it again)
  return Found(found);
}

domain::Status SqliteNewsRepository::DeletePost(SiteId site, PostId id) {
  auto s = db_.Conn().Prepare(kDelete);
  s.Bind(1, site.value).Bind(2, id.value);
  const bool found = s.Step();
  if (found) s.Exec();  // finish the statement (stepping past its end would run it again)
  return Found(found);
}

std::vector<Post> SqliteNewsRepository::ListPublished(SiteId site, const ListQuery& q) {
  auto s = db_.Conn().Prepare(kList);
  s.Bind(1, site.value)
      .Bind(2, q.now)
      .Bind(3, q.published_since)
      .Bind(4, q.include_members_only ? 1 : 0)
      .Bind(5, std::max(0, q.limit))
      .Bind(6, std::max(0, q.offset))
      .Bind(7, CategoryValue(q.category))
      .Bind(8, q.group.value_or(0));
  std::vector<Post> out;
  while (s.Step()) out.push_back(ReadPost(s));
  return out;
}

std::optional<std::int64_t> SqliteNewsRepository::NextScheduled(SiteId site, std::int64_t now) {
  auto s = db_.Conn().Prepare(kNextScheduled);
  s.Bind(1, site.value).Bind(2, now);
  if (!s.Step() || s.IsNull(0)) return std::nullopt;
  return s.Int(0);
}

std::vector<SiteId> SqliteNewsRepository::EraseAuthor(UserId author, bool remove) {
  auto& c = db_.Conn();
  Transaction tx(c);
  std::vector<SiteId> sites;
  {
    auto s = c.Prepare(kSitesOfAuthor);
    s.Bind(1, author.value);
    while (s.Step()) sites.push_back(SiteId{s.Int(0)});
  }
  {
    auto s = c.Prepare(kSitesOfCommenter);
    s.Bind(1, author.value);
    while (s.Step()) sites.push_back(SiteId{s.Int(0)});
  }
  for (const char* sql : {remove ? kDeleteByAuthor : kUnlinkAuthor, remove ? kDeleteByCommenter : kUnlinkCommenter,
                          kDeleteThanksOf}) {
    auto s = c.Prepare(sql);
    s.Bind(1, author.value);
    s.Exec();
  }
  tx.Commit();
  std::sort(sites.begin(), sites.end(), [](SiteId a, SiteId b) { return a.value < b.value; });
  sites.erase(std::unique(sites.begin(), sites.end(), [](SiteId a, SiteId b) { return a.value == b.value; }),
              sites.end());
  return sites;
}

domain::Status SqliteNewsRepository::SetImage(SiteId site, PostId id, const Image& image) {
  auto s = db_.Conn().Prepare(kSetImage);
  s.Bind(1, site.value).Bind(2, id.value);
  if (image.key.empty()) {
    s.BindNull(3).Bind(4, "").Bind(5, 0).Bind(6, 0);
  } else {
    s.Bind(3, image.key).Bind(4, image.alt).Bind(5, image.width).Bind(6, image.height);
  }
  return Found(Touched(s));
}

bool SqliteNewsRepository::ImageInUse(SiteId site, const std::string& key) {
  auto s = db_.Conn().Prepare(kImageInUse);
  s.Bind(1, site.value).Bind(2, key);
  return s.Step() && s.Int(0) > 0;
}

std::vector<std::pair<SiteId, std::string>> SqliteNewsRepository::ImagesOfAuthor(UserId author) {
  auto s = db_.Conn().Prepare(kImagesOfAuthor);
  s.Bind(1, author.value);
  std::vector<std::pair<SiteId, std::string>> out;
  while (s.Step()) out.emplace_back(SiteId{s.Int(0)}, s.Text(1));
  return out;
}

domain::Result<Category> SqliteNewsRepository::CreateCategory(SiteId site, const std::string& name, std::int64_t at) {
  std::int64_t id = 0;
  try {
    auto s = db_.Conn().Prepare(kInsertCategory);
    s.Bind(1, site.value).Bind(2, name).Bind(3, at);
    if (s.Step()) {
      id = s.Int(0);
      s.Exec();
    }
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, kCategoryTaken, e.what());
    throw;
  }
  return Category{CategoryId{id}, site, name};
}

domain::Status SqliteNewsRepository::RenameCategory(SiteId site, CategoryId id, const std::string& name) {
  try {
    auto s = db_.Conn().Prepare(kRenameCategory);
    s.Bind(1, site.value).Bind(2, id.value).Bind(3, name);
    if (!Touched(s)) return MakeError(ErrorCode::kNotFound, kNoSuchCategory);
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, kCategoryTaken, e.what());
    throw;
  }
  return domain::Ok{};
}

domain::Status SqliteNewsRepository::DeleteCategory(SiteId site, CategoryId id) {
  auto s = db_.Conn().Prepare(kDeleteCategory);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!Touched(s)) return MakeError(ErrorCode::kNotFound, kNoSuchCategory);
  return domain::Ok{};
}

std::optional<Category> SqliteNewsRepository::FindCategory(SiteId site, CategoryId id) {
  auto s = db_.Conn().Prepare(kFindCategory);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!s.Step()) return std::nullopt;
  return ReadCategory(s);
}

std::vector<Category> SqliteNewsRepository::ListCategories(SiteId site, int limit) {
  auto s = db_.Conn().Prepare(kListCategories);
  s.Bind(1, site.value).Bind(2, std::max(0, limit));
  std::vector<Category> out;
  while (s.Step()) out.push_back(ReadCategory(s));
  return out;
}

domain::Result<Comment> SqliteNewsRepository::AddComment(SiteId site, PostId post, UserId author,
                                                         const std::string& body, std::int64_t at) {
  std::int64_t id = 0;
  try {
    auto s = db_.Conn().Prepare(kInsertComment);
    s.Bind(1, site.value).Bind(2, post.value).Bind(3, author.value).Bind(4, body).Bind(5, at);
    if (!s.Step()) return MakeError(ErrorCode::kNotFound, kNoSuchPost);
    id = s.Int(0);
    s.Exec();
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchPost, e.what());
    throw;
  }
  auto c = FindComment(site, CommentId{id});
  if (!c) return MakeError(ErrorCode::kInternal, kNoSuchComment, "comment vanished after insert");
  return *c;
}

std::optional<Comment> SqliteNewsRepository::FindComment(SiteId site, CommentId id) {
  auto s = db_.Conn().Prepare(kFindComment);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!s.Step()) return std::nullopt;
  return ReadComment(s);
}

domain::Status SqliteNewsRepository::DeleteComment(SiteId site, CommentId id) {
  auto s = db_.Conn().Prepare(kDeleteComment);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!Touched(s)) return MakeError(ErrorCode::kNotFound, kNoSuchComment);
  return domain::Ok{};
}

std::vector<Comment> SqliteNewsRepository::ListComments(SiteId site, PostId post, int limit, int offset) {
  auto s = db_.Conn().Prepare(kListComments);
  s.Bind(1, site.value).Bind(2, post.value).Bind(3, std::max(0, limit)).Bind(4, std::max(0, offset));
  std::vector<Comment> out;
  while (s.Step()) out.push_back(ReadComment(s));
  return out;
}

bool SqliteNewsRepository::AddThanks(SiteId site, PostId post, UserId user, std::int64_t at) {
  auto& c = db_.Conn();
  {
    auto s = c.Prepare(kPostInSite);
    s.Bind(1, site.value).Bind(2, post.value);
    if (!s.Step() || s.Int(0) == 0) return false;
  }
  auto s = c.Prepare(kInsertThanks);
  s.Bind(1, site.value).Bind(2, post.value).Bind(3, user.value).Bind(4, at);
  s.Exec();
  return true;
}

void SqliteNewsRepository::RemoveThanks(SiteId site, PostId post, UserId user) {
  auto s = db_.Conn().Prepare(kDeleteThanks);
  s.Bind(1, site.value).Bind(2, post.value).Bind(3, user.value);
  s.Exec();
}

bool SqliteNewsRepository::HasThanked(SiteId site, PostId post, UserId user) {
  auto s = db_.Conn().Prepare(kHasThanked);
  s.Bind(1, site.value).Bind(2, post.value).Bind(3, user.value);
  return s.Step() && s.Int(0) > 0;
}

int SqliteNewsRepository::CountThanks(SiteId site, PostId post) {
  auto s = db_.Conn().Prepare(kCountThanks);
  s.Bind(1, site.value).Bind(2, post.value);
  return s.Step() ? static_cast<int>(s.Int(0)) : 0;
}

}  // namespace buurtplein::store::sqlite
