#include "store/sqlite/market_repository.hpp"

#include <algorithm>

namespace buurtplein::store::sqlite {

using domain::CityId;
using domain::ErrorCode;
using domain::MakeError;
using domain::SiteId;
using domain::UserId;
using namespace domain::market;

namespace {

// Every site-scoped statement names the site: a listing of another site is never read or
// changed. The poster's e-mail address is only read for the reminder mail (kDueReminders).
#define BP_LISTING_COLUMNS                                                                                       \
  "l.id, l.site_id, l.author_id, coalesce(u.display_name, ''), l.kind, l.category, l.title, l.body_markdown, " \
  "l.visibility, l.status, l.created_at, l.updated_at, l.expires_at, l.reminded_at, l.closed_at "
constexpr const char* kInsert =
    "INSERT INTO market_listings (site_id, author_id, kind, category, title, body_markdown, visibility, status, "
    "created_at, updated_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?8, ?9) RETURNING id";
constexpr const char* kFind =
    "SELECT " BP_LISTING_COLUMNS "FROM market_listings l LEFT JOIN users u ON u.id = l.author_id "
    "WHERE l.site_id = ?1 AND l.id = ?2";
constexpr const char* kUpdate =
    "UPDATE market_listings SET kind = ?3, category = ?4, title = ?5, body_markdown = ?6, visibility = ?7, "
    "updated_at = ?8 WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kRenew =
    "UPDATE market_listings SET status = 'open', expires_at = ?4, reminded_at = NULL, closed_at = NULL, "
    "updated_at = ?3 WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kClose =
    "UPDATE market_listings SET status = 'closed', closed_at = ?3, updated_at = ?3 "
    "WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kSetMatched =
    "UPDATE market_listings SET status = 'matched', closed_at = ?3, updated_at = ?3 "
    "WHERE site_id = ?1 AND id = ?2 AND status = 'open' RETURNING id";
constexpr const char* kInsertMatch =
    "INSERT INTO market_matches (site_id, listing_id, poster_id, helper_id, matched_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
constexpr const char* kFindMatch =
    "SELECT m.id, m.site_id, m.listing_id, m.poster_id, m.helper_id, coalesce(u.display_name, ''), m.matched_at "
    "FROM market_matches m LEFT JOIN users u ON u.id = m.helper_id WHERE m.site_id = ?1 AND m.listing_id = ?2";
constexpr const char* kList =
    "SELECT " BP_LISTING_COLUMNS "FROM market_listings l LEFT JOIN users u ON u.id = l.author_id "
    "WHERE l.site_id = ?1 "
    "AND ((?3 = 0 AND l.status = 'open' AND l.expires_at > ?2) OR (?3 = 1 AND (l.status <> 'open' OR l.expires_at <= ?2))) "
    "AND (l.visibility = 'public' OR ?4 = 1) AND (?5 = '' OR l.kind = ?5) AND (?6 = '' OR l.category = ?6) "
    "ORDER BY l.created_at DESC, l.id DESC LIMIT ?7 OFFSET ?8";
constexpr const char* kResponders =
    "SELECT cm.user_id, coalesce(u.display_name, '') FROM conversations c "
    "JOIN market_listings l ON l.id = c.listing_id AND l.site_id = c.site_id "
    "JOIN conversation_members cm ON cm.conversation_id = c.id "
    "JOIN users u ON u.id = cm.user_id "
    "WHERE c.site_id = ?1 AND c.listing_id = ?2 AND (l.author_id IS NULL OR cm.user_id <> l.author_id) "
    "GROUP BY cm.user_id, u.display_name ORDER BY min(c.id) LIMIT ?3";
constexpr const char* kCountMatches = "SELECT count(*) FROM market_matches WHERE site_id = ?1";
constexpr const char* kCountCityMatches =
    "SELECT count(*) FROM market_matches m JOIN sites s ON s.id = m.site_id WHERE s.city_id = ?1";
constexpr const char* kDueReminders =
    "SELECT " BP_LISTING_COLUMNS ", u.email FROM market_listings l JOIN users u ON u.id = l.author_id "
    "WHERE l.status = 'open' AND l.expires_at > ?1 AND l.expires_at <= ?2 AND l.reminded_at IS NULL "
    "ORDER BY l.expires_at, l.id LIMIT ?3";
constexpr const char* kMarkReminded =
    "UPDATE market_listings SET reminded_at = ?3 WHERE site_id = ?1 AND id = ?2 AND reminded_at IS NULL RETURNING id";
constexpr const char* kSitesToExpire =
    "SELECT DISTINCT site_id FROM market_listings WHERE status = 'open' AND expires_at <= ?1 ORDER BY site_id";
constexpr const char* kExpire =
    "UPDATE market_listings SET status = 'expired', closed_at = expires_at WHERE status = 'open' AND expires_at <= ?1";
constexpr const char* kSitesOfAuthor =
    "SELECT DISTINCT site_id FROM market_listings WHERE author_id = ?1 ORDER BY site_id";
constexpr const char* kUnlinkAuthor = "UPDATE market_listings SET author_id = NULL WHERE author_id = ?1";
constexpr const char* kDeleteByAuthor = "DELETE FROM market_listings WHERE author_id = ?1";
#undef BP_LISTING_COLUMNS

constexpr const char* kNoSuchListing = "This ask or offer does not exist, or you cannot see it.";
constexpr const char* kNotOpen = "This ask or offer is already closed.";

Listing ReadListing(const Stmt& s) {
  Listing l;
  l.id = ListingId{s.Int(0)};
  l.site = SiteId{s.Int(1)};
  if (!s.IsNull(2)) l.author = UserId{s.Int(2)};
  l.author_name = s.Text(3);
  l.kind = ParseKind(s.Text(4)).value_or(Kind::kAsk);
  l.category = ParseCategory(s.Text(5)).value_or(Category::kOverig);
  l.title = s.Text(6);
  l.body_markdown = s.Text(7);
  l.visibility = s.Text(8) == "members" ? Visibility::kMembers : Visibility::kPublic;
  l.status = ParseStatus(s.Text(9));
  l.created_at = s.Int(10);
  l.updated_at = s.Int(11);
  l.expires_at = s.Int(12);
  if (!s.IsNull(13)) l.reminded_at = s.Int(13);
  if (!s.IsNull(14)) l.closed_at = s.Int(14);
  return l;
}

const char* VisibilityName(Visibility v) { return v == Visibility::kMembers ? "members" : "public"; }

// Runs an UPDATE … RETURNING id; true when it changed a row.
bool Changed(Stmt& s) {
  const bool found = s.Step();
  if (found) s.Exec();  // finish the statement (stepping past its end would run it again)
  return found;
}

domain::Status Found(bool found) {
  if (!found) return MakeError(ErrorCode::kNotFound, kNoSuchListing);
  return domain::Ok{};
}

}  // namespace

domain::Result<Listing> SqliteMarketRepository::CreateListing(SiteId site, UserId author, const ListingDraft& d,
                                                              std::int64_t at, std::int64_t expires_at) {
  std::int64_t id = 0;
  try {
    auto s = db_.Conn().Prepare(kInsert);
    s.Bind(1, site.value)
        .Bind(2, author.value)
        .Bind(3, KindName(d.kind))
        .Bind(4, CategoryName(d.category))
        .Bind(5, d.title)
        .Bind(6, d.body_markdown)
        .Bind(7, VisibilityName(d.visibility))
        .Bind(8, at)
        .Bind(9, expires_at);
    if (s.Step()) {
      id = s.Int(0);
      s.Exec();
    }
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchListing, e.what());
    throw;
  }
  auto listing = FindListing(site, ListingId{id});
  if (!listing) return MakeError(ErrorCode::kInternal, kNoSuchListing, "listing vanished after insert");
  return *listing;
}

std::optional<Listing> SqliteMarketRepository::FindListing(SiteId site, ListingId id) {
  auto s = db_.Conn().Prepare(kFind);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!s.Step()) return std::nullopt;
  return ReadListing(s);
}

domain::Status SqliteMarketRepository::UpdateListing(SiteId site, ListingId id, const ListingDraft& d,
                                                     std::int64_t at) {
  auto s = db_.Conn().Prepare(kUpdate);
  s.Bind(1, site.value)
      .Bind(2, id.value)
      .Bind(3, KindName(d.kind))
      .Bind(4, CategoryName(d.category))
      .Bind(5, d.title)
      .Bind(6, d.body_markdown)
      .Bind(7, VisibilityName(d.visibility))
      .Bind(8, at);
  return Found(Changed(s));
}

domain::Status SqliteMarketRepository::RenewListing(SiteId site, ListingId id, std::int64_t at,
                                                    std::int64_t expires_at) {
  auto s = db_.Conn().Prepare(kRenew);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, at).Bind(4, expires_at);
  return Found(Changed(s));
}

domain::Status SqliteMarketRepository::CloseListing(SiteId site, ListingId id, std::int64_t at) {
  auto s = db_.Conn().Prepare(kClose);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, at);
  return Found(Changed(s));
}

domain::Result<Match> SqliteMarketRepository::RecordMatch(SiteId site, ListingId id, UserId poster, UserId helper,
                                                          std::int64_t at) {
  auto& c = db_.Conn();
  Transaction tx(c);
  {
    auto s = c.Prepare(kSetMatched);
    s.Bind(1, site.value).Bind(2, id.value).Bind(3, at);
    if (!Changed(s)) {
      if (!FindListing(site, id)) return MakeError(ErrorCode::kNotFound, kNoSuchListing);
      return MakeError(ErrorCode::kConflict, kNotOpen);
    }
  }
  try {
    auto s = c.Prepare(kInsertMatch);
    s.Bind(1, site.value).Bind(2, id.value).Bind(3, poster.value).Bind(4, helper.value).Bind(5, at);
    s.Exec();
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, kNotOpen, e.what());
    throw;
  }
  tx.Commit();
  auto m = FindMatch(site, id);
  if (!m) return MakeError(ErrorCode::kInternal, kNoSuchListing, "match vanished after insert");
  return *m;
}

std::optional<Match> SqliteMarketRepository::FindMatch(SiteId site, ListingId id) {
  auto s = db_.Conn().Prepare(kFindMatch);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!s.Step()) return std::nullopt;
  Match m;
  m.id = MatchId{s.Int(0)};
  m.site = SiteId{s.Int(1)};
  if (!s.IsNull(2)) m.listing = ListingId{s.Int(2)};
  if (!s.IsNull(3)) m.poster = UserId{s.Int(3)};
  if (!s.IsNull(4)) m.helper = UserId{s.Int(4)};
  m.helper_name = s.Text(5);
  m.matched_at = s.Int(6);
  return m;
}

std::vector<Listing> SqliteMarketRepository::ListListings(SiteId site, const ListQuery& q) {
  auto s = db_.Conn().Prepare(kList);
  s.Bind(1, site.value)
      .Bind(2, q.now)
      .Bind(3, q.archive ? 1 : 0)
      .Bind(4, q.include_members_only ? 1 : 0)
      .Bind(5, q.kind ? KindName(*q.kind) : std::string_view(""))
      .Bind(6, q.category ? CategoryName(*q.category) : std::string_view(""))
      .Bind(7, std::max(0, q.limit))
      .Bind(8, std::max(0, q.offset));
  std::vector<Listing> out;
  while (s.Step()) out.push_back(ReadListing(s));
  return out;
}

std::vector<Responder> SqliteMarketRepository::ListResponders(SiteId site, ListingId id, int limit) {
  auto s = db_.Conn().Prepare(kResponders);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, std::max(0, limit));
  std::vector<Responder> out;
  while (s.Step()) out.push_back({UserId{s.Int(0)}, s.Text(1)});
  return out;
}

std::int64_t SqliteMarketRepository::CountMatches(SiteId site) {
  auto s = db_.Conn().Prepare(kCountMatches);
  s.Bind(1, site.value);
  return s.Step() ? s.Int(0) : 0;
}

std::int64_t SqliteMarketRepository::CountCityMatches(CityId city) {
  auto s = db_.Conn().Prepare(kCountCityMatches);
  s.Bind(1, city.value);
  return s.Step() ? s.Int(0) : 0;
}

std::vector<DueReminder> SqliteMarketRepository::DueReminders(std::int64_t now, std::int64_t due_before, int limit) {
  auto s = db_.Conn().Prepare(kDueReminders);
  s.Bind(1, now).Bind(2, due_before).Bind(3, std::max(0, limit));
  std::vector<DueReminder> out;
  while (s.Step()) {
    DueReminder d;
    d.listing = ReadListing(s);
    d.name = d.listing.author_name;
    d.email = s.Text(15);
    out.push_back(std::move(d));
  }
  return out;
}

domain::Status SqliteMarketRepository::MarkReminded(SiteId site, ListingId id, std::int64_t at) {
  auto s = db_.Conn().Prepare(kMarkReminded);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, at);
  return Found(Changed(s));
}

std::vector<SiteId> SqliteMarketRepository::ExpireListings(std::int64_t now) {
  auto& c = db_.Conn();
  Transaction tx(c);
  std::vector<SiteId> sites;
  {
    auto s = c.Prepare(kSitesToExpire);
    s.Bind(1, now);
    while (s.Step()) sites.push_back(SiteId{s.Int(0)});
  }
  if (!sites.empty()) {
    auto s = c.Prepare(kExpire);
    s.Bind(1, now);
    s.Exec();
  }
  tx.Commit();
  return sites;
}

std::vector<SiteId> SqliteMarketRepository::EraseAuthor(UserId author, bool remove) {
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
