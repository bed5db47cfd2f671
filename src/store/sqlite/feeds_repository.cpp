#include "store/sqlite/feeds_repository.hpp"

#include <algorithm>

namespace buurtplein::store::sqlite {

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
  "n.id, n.site_id, n.author_id, coalesce(u.display_name, ''), n.title, n.body_markdown, n.pinned, "           \
  "n.published_at, n.created_at, n.updated_at "
constexpr const char* kListSite =
    "SELECT " BP_PUBLIC_NEWS_COLUMNS "FROM news_posts n LEFT JOIN users u ON u.id = n.author_id "
    "WHERE n.site_id = ?1 AND n.visibility = 'public' AND n.published_at <= ?2 "
    "ORDER BY n.published_at DESC, n.id DESC LIMIT ?3 OFFSET ?4";
constexpr const char* kListCity =
    "SELECT " BP_PUBLIC_NEWS_COLUMNS "FROM news_posts n JOIN sites s ON s.id = n.site_id "
    "LEFT JOIN users u ON u.id = n.author_id "
    "WHERE s.city_id = ?1 AND n.visibility = 'public' AND n.published_at <= ?2 "
    "ORDER BY n.published_at DESC, n.id DESC LIMIT ?3 OFFSET ?4";
constexpr const char* kFindSite =
    "SELECT " BP_PUBLIC_NEWS_COLUMNS "FROM news_posts n LEFT JOIN users u ON u.id = n.author_id "
    "WHERE n.site_id = ?1 AND n.id = ?2 AND n.visibility = 'public' AND n.published_at <= ?3";
constexpr const char* kNextScheduledSite =
    "SELECT min(published_at) FROM news_posts WHERE site_id = ?1 AND visibility = 'public' AND published_at > ?2";
constexpr const char* kNextScheduledCity =
    "SELECT min(n.published_at) FROM news_posts n JOIN sites s ON s.id = n.site_id "
    "WHERE s.city_id = ?1 AND n.visibility = 'public' AND n.published_at > ?2";
#undef BP_PUBLIC_NEWS_COLUMNS

Post ReadPost(const Stmt& s) {
  Post p;
  p.id = PostId{s.Int(0)};
  p.site = SiteId{s.Int(1)};
  if (!s.IsNull(2)) p.author = UserId{s.Int(2)};
  p.author_name = s.Text(3);
  p.title = s.Text(4);
  p.body_markdown = s.Text(5);
  p.visibility = Visibility::kPublic;
  p.pinned = s.Int(6) != 0;
  p.published_at = s.Int(7);
  p.created_at = s.Int(8);
  p.updated_at = s.Int(9);
  return p;
}

std::vector<Post> ReadAll(Stmt& s) {
  std::vector<Post> out;
  while (s.Step()) out.push_back(ReadPost(s));
  return out;
}

std::optional<std::int64_t> ReadMin(Stmt& s) {
  if (!s.Step() || s.IsNull(0)) return std::nullopt;
  return s.Int(0);
}

}  // namespace

std::vector<Post> SqlitePublicNewsRepository::ListSite(SiteId site, std::int64_t now, int limit, int offset) {
  auto s = db_.Conn().Prepare(kListSite);
  s.Bind(1, site.value).Bind(2, now).Bind(3, std::max(0, limit)).Bind(4, std::max(0, offset));
  return ReadAll(s);
}

std::vector<Post> SqlitePublicNewsRepository::ListCity(CityId city, std::int64_t now, int limit, int offset) {
  auto s = db_.Conn().Prepare(kListCity);
  s.Bind(1, city.value).Bind(2, now).Bind(3, std::max(0, limit)).Bind(4, std::max(0, offset));
  return ReadAll(s);
}

std::optional<Post> SqlitePublicNewsRepository::FindSite(SiteId site, PostId id, std::int64_t now) {
  auto s = db_.Conn().Prepare(kFindSite);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, now);
  if (!s.Step()) return std::nullopt;
  return ReadPost(s);
}

std::optional<std::int64_t> SqlitePublicNewsRepository::NextScheduledSite(SiteId site, std::int64_t now) {
  auto s = db_.Conn().Prepare(kNextScheduledSite);
  s.Bind(1, site.value).Bind(2, now);
  return ReadMin(s);
}

std::optional<std::int64_t> SqlitePublicNewsRepository::NextScheduledCity(CityId city, std::int64_t now) {
  auto s = db_.Conn().Prepare(kNextScheduledCity);
  s.Bind(1, city.value).Bind(2, now);
  return ReadMin(s);
}

}  // namespace buurtplein::store::sqlite
