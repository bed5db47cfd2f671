#include "store/sqlite/news_repository.hpp"

#include <algorithm>

namespace buurtplein::store::sqlite {

using domain::ErrorCode;
using domain::MakeError;
using domain::SiteId;
using domain::UserId;
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
  "n.pinned, n.published_at, n.created_at, n.updated_at "
constexpr const char* kInsert =
    "INSERT INTO news_posts (site_id, author_id, title, body_markdown, visibility, pinned, published_at, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?7) RETURNING id";
constexpr const char* kFind =
    "SELECT " BP_NEWS_COLUMNS "FROM news_posts n LEFT JOIN users u ON u.id = n.author_id "
    "WHERE n.site_id = ?1 AND n.id = ?2";
constexpr const char* kUpdate =
    "UPDATE news_posts SET title = ?3, body_markdown = ?4, visibility = ?5, published_at = ?6, updated_at = ?7 "
    "WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kSetPinned =
    "UPDATE news_posts SET pinned = ?3 WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kDelete = "DELETE FROM news_posts WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kList =
    "SELECT " BP_NEWS_COLUMNS "FROM news_posts n LEFT JOIN users u ON u.id = n.author_id "
    "WHERE n.site_id = ?1 AND n.published_at <= ?2 AND n.published_at >= ?3 "
    "AND (n.visibility = 'public' OR ?4 = 1) "
    "ORDER BY n.pinned DESC, n.published_at DESC, n.id DESC LIMIT ?5 OFFSET ?6";
constexpr const char* kNextScheduled =
    "SELECT min(published_at) FROM news_posts WHERE site_id = ?1 AND published_at > ?2";
constexpr const char* kSitesOfAuthor = "SELECT DISTINCT site_id FROM news_posts WHERE author_id = ?1 ORDER BY site_id";
constexpr const char* kUnlinkAuthor = "UPDATE news_posts SET author_id = NULL WHERE author_id = ?1";
constexpr const char* kDeleteByAuthor = "DELETE FROM news_posts WHERE author_id = ?1";
#undef BP_NEWS_COLUMNS

constexpr const char* kNoSuchPost = "This news item does not exist, or you cannot see it.";

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
  return p;
}

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
        .Bind(7, at);
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
      .Bind(7, at);
  const bool found = s.Step();
  if (found) s.Exec();  // finish the statement (stepping past its end would run it again)
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
      .Bind(6, std::max(0, q.offset));
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
    auto s = c.Prepare(remove ? kDeleteByAuthor : kUnlinkAuthor);
    s.Bind(1, author.value);
    s.Exec();
  }
  tx.Commit();
  return sites;
}

}  // namespace buurtplein::store::sqlite
