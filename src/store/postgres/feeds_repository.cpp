#include "store/postgres/feeds_repository.hpp"

#include <algorithm>

namespace buurtplein::store::postgres {

using domain::CityId;
using domain::SiteId;
using domain::UserId;
using domain::news::Post;
using domain::news::PostId;
using domain::news::Visibility;

namespace {

// Public and published only, in every statement: these lists leave the platform (feeds, API).
// Never the author's e-mail address: only the display name.
#define BP_PUBLIC_NEWS_COLUMNS                                                                                  \
  "n.id, n.site_id, n.author_id, coalesce(u.display_name, ''), n.title, n.body_markdown, n.pinned::int, "      \
  "n.published_at, n.created_at, n.updated_at "
constexpr const char* kListSite =
    "SELECT " BP_PUBLIC_NEWS_COLUMNS "FROM news_posts n LEFT JOIN users u ON u.id = n.author_id "
    "WHERE n.site_id = $1 AND n.visibility = 'public' AND n.published_at <= $2 "
    "ORDER BY n.published_at DESC, n.id DESC LIMIT $3 OFFSET $4";
constexpr const char* kListCity =
    "SELECT " BP_PUBLIC_NEWS_COLUMNS "FROM news_posts n JOIN sites s ON s.id = n.site_id "
    "LEFT JOIN users u ON u.id = n.author_id "
    "WHERE s.city_id = $1 AND n.visibility = 'public' AND n.published_at <= $2 "
    "ORDER BY n.published_at DESC, n.id DESC LIMIT $3 OFFSET $4";
constexpr const char* kFindSite =
    "SELECT " BP_PUBLIC_NEWS_COLUMNS "FROM news_posts n LEFT JOIN users u ON u.id = n.author_id "
    "WHERE n.site_id = $1 AND n.id = $2 AND n.visibility = 'public' AND n.published_at <= $3";
constexpr const char* kNextScheduledSite =
    "SELECT min(published_at) FROM news_posts WHERE site_id = $1 AND visibility = 'public' AND published_at > $2";
constexpr const char* kNextScheduledCity =
    "SELECT min(n.published_at) FROM news_posts n JOIN sites s ON s.id = n.site_id "
    "WHERE s.city_id = $1 AND n.visibility = 'public' AND n.published_at > $2";
#undef BP_PUBLIC_NEWS_COLUMNS

Post ReadPost(const Result& r, int row) {
  Post p;
  p.id = PostId{r.Int(row, 0)};
  p.site = SiteId{r.Int(row, 1)};
  if (!r.IsNull(row, 2)) p.author = UserId{r.Int(row, 2)};
  p.author_name = r.Text(row, 3);
  p.title = r.Text(row, 4);
  p.body_markdown = r.Text(row, 5);
  p.visibility = Visibility::kPublic;
  p.pinned = r.Int(row, 6) != 0;
  p.published_at = r.Int(row, 7);
  p.created_at = r.Int(row, 8);
  p.updated_at = r.Int(row, 9);
  return p;
}

std::vector<Post> ReadAll(const Result& r) {
  std::vector<Post> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadPost(r, i));
  return out;
}

std::optional<std::int64_t> ReadMin(const Result& r) {
  if (r.Rows() == 0 || r.IsNull(0, 0)) return std::nullopt;
  return r.Int(0, 0);
}

}  // namespace

std::vector<Post> PostgresPublicNewsRepository::ListSite(SiteId site, std::int64_t now, int limit, int offset) {
  auto c = pool_.Acquire();
  return ReadAll(c->Exec(kListSite, Params().Add(site.value).Add(now).Add(std::max(0, limit)).Add(std::max(0, offset))));
}

std::vector<Post> PostgresPublicNewsRepository::ListCity(CityId city, std::int64_t now, int limit, int offset) {
  auto c = pool_.Acquire();
  return ReadAll(c->Exec(kListCity, Params().Add(city.value).Add(now).Add(std::max(0, limit)).Add(std::max(0, offset))));
}

std::optional<Post> PostgresPublicNewsRepository::FindSite(SiteId site, PostId id, std::int64_t now) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindSite, Params().Add(site.value).Add(id.value).Add(now));
  if (r.Rows() == 0) return std::nullopt;
  return ReadPost(r, 0);
}

std::optional<std::int64_t> PostgresPublicNewsRepository::NextScheduledSite(SiteId site, std::int64_t now) {
  auto c = pool_.Acquire();
  return ReadMin(c->Exec(kNextScheduledSite, Params().Add(site.value).Add(now)));
}

std::optional<std::int64_t> PostgresPublicNewsRepository::NextScheduledCity(CityId city, std::int64_t now) {
  auto c = pool_.Acquire();
  return ReadMin(c->Exec(kNextScheduledCity, Params().Add(city.value).Add(now)));
}

}  // namespace buurtplein::store::postgres
