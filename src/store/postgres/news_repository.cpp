#include "store/postgres/news_repository.hpp"

#include <algorithm>

namespace buurtplein::store::postgres {

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
  "n.pinned::int, n.published_at, n.created_at, n.updated_at "
constexpr const char* kInsert =
    "INSERT INTO news_posts (site_id, author_id, title, body_markdown, visibility, pinned, published_at, created_at, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, false, $6, $7, $7) RETURNING id";
constexpr const char* kFind =
    "SELECT " BP_NEWS_COLUMNS "FROM news_posts n LEFT JOIN users u ON u.id = n.author_id "
    "WHERE n.site_id = $1 AND n.id = $2";
constexpr const char* kUpdate =
    "UPDATE news_posts SET title = $3, body_markdown = $4, visibility = $5, published_at = $6, updated_at = $7 "
    "WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kSetPinned =
    "UPDATE news_posts SET pinned = $3::boolean WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kDelete = "DELETE FROM news_posts WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kList =
    "SELECT " BP_NEWS_COLUMNS "FROM news_posts n LEFT JOIN users u ON u.id = n.author_id "
    "WHERE n.site_id = $1 AND n.published_at <= $2 AND n.published_at >= $3 "
    "AND (n.visibility = 'public' OR $4::int = 1) "
    "ORDER BY n.pinned DESC, n.published_at DESC, n.id DESC LIMIT $5 OFFSET $6";
constexpr const char* kNextScheduled =
    "SELECT min(published_at) FROM news_posts WHERE site_id = $1 AND published_at > $2";
constexpr const char* kSitesOfAuthor = "SELECT DISTINCT site_id FROM news_posts WHERE author_id = $1 ORDER BY site_id";
constexpr const char* kUnlinkAuthor = "UPDATE news_posts SET author_id = NULL WHERE author_id = $1";
constexpr const char* kDeleteByAuthor = "DELETE FROM news_posts WHERE author_id = $1";
#undef BP_NEWS_COLUMNS

constexpr const char* kNoSuchPost = "This news item does not exist, or you cannot see it.";

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
  return p;
}

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
                                            .Add(at));
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
                                    .Add(at)));
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
                                      .Add(std::max(0, q.offset)));
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
  c->Exec(remove ? kDeleteByAuthor : kUnlinkAuthor, Params().Add(author.value));
  tx.Commit();
  return sites;
}

}  // namespace buurtplein::store::postgres
