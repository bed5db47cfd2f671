#include "store/postgres/market_repository.hpp"

#include <algorithm>

namespace buurtplein::store::postgres {

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
    "created_at, updated_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $8, $9) RETURNING id";
constexpr const char* kFind =
    "SELECT " BP_LISTING_COLUMNS "FROM market_listings l LEFT JOIN users u ON u.id = l.author_id "
    "WHERE l.site_id = $1 AND l.id = $2";
constexpr const char* kUpdate =
    "UPDATE market_listings SET kind = $3, category = $4, title = $5, body_markdown = $6, visibility = $7, "
    "updated_at = $8 WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kRenew =
    "UPDATE market_listings SET status = 'open', expires_at = $4, reminded_at = NULL, closed_at = NULL, "
    "updated_at = $3 WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kClose =
    "UPDATE market_listings SET status = 'closed', closed_at = $3, updated_at = $3 "
    "WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kSetMatched =
    "UPDATE market_listings SET status = 'matched', closed_at = $3, updated_at = $3 "
    "WHERE site_id = $1 AND id = $2 AND status = 'open' RETURNING id";
constexpr const char* kInsertMatch =
    "INSERT INTO market_matches (site_id, listing_id, poster_id, helper_id, matched_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr const char* kFindMatch =
    "SELECT m.id, m.site_id, m.listing_id, m.poster_id, m.helper_id, coalesce(u.display_name, ''), m.matched_at "
    "FROM market_matches m LEFT JOIN users u ON u.id = m.helper_id WHERE m.site_id = $1 AND m.listing_id = $2";
constexpr const char* kList =
    "SELECT " BP_LISTING_COLUMNS "FROM market_listings l LEFT JOIN users u ON u.id = l.author_id "
    "WHERE l.site_id = $1 "
    "AND (($3 = 0 AND l.status = 'open' AND l.expires_at > $2) OR ($3 = 1 AND (l.status <> 'open' OR l.expires_at <= $2))) "
    "AND (l.visibility = 'public' OR $4 = 1) AND ($5 = '' OR l.kind = $5) AND ($6 = '' OR l.category = $6) "
    "ORDER BY l.created_at DESC, l.id DESC LIMIT $7 OFFSET $8";
constexpr const char* kResponders =
    "SELECT cm.user_id, coalesce(u.display_name, '') FROM conversations c "
    "JOIN market_listings l ON l.id = c.listing_id AND l.site_id = c.site_id "
    "JOIN conversation_members cm ON cm.conversation_id = c.id "
    "JOIN users u ON u.id = cm.user_id "
    "WHERE c.site_id = $1 AND c.listing_id = $2 AND (l.author_id IS NULL OR cm.user_id <> l.author_id) "
    "GROUP BY cm.user_id, u.display_name ORDER BY min(c.id) LIMIT $3";
constexpr const char* kCountMatches = "SELECT count(*) FROM market_matches WHERE site_id = $1";
constexpr const char* kCountCityMatches =
    "SELECT count(*) FROM market_matches m JOIN sites s ON s.id = m.site_id WHERE s.city_id = $1";
constexpr const char* kDueReminders =
    "SELECT " BP_LISTING_COLUMNS ", u.email FROM market_listings l JOIN users u ON u.id = l.author_id "
    "WHERE l.status = 'open' AND l.expires_at > $1 AND l.expires_at <= $2 AND l.reminded_at IS NULL "
    "ORDER BY l.expires_at, l.id LIMIT $3";
constexpr const char* kMarkReminded =
    "UPDATE market_listings SET reminded_at = $3 WHERE site_id = $1 AND id = $2 AND reminded_at IS NULL RETURNING id";
constexpr const char* kSitesToExpire =
    "SELECT DISTINCT site_id FROM market_listings WHERE status = 'open' AND expires_at <= $1 ORDER BY site_id";
constexpr const char* kExpire =
    "UPDATE market_listings SET status = 'expired', closed_at = expires_at WHERE status = 'open' AND expires_at <= $1";
constexpr const char* kSitesOfAuthor =
    "SELECT DISTINCT site_id FROM market_listings WHERE author_id = $1 ORDER BY site_id";
constexpr const char* kUnlinkAuthor = "UPDATE market_listings SET author_id = NULL WHERE author_id = $1";
constexpr const char* kDeleteByAuthor = "DELETE FROM market_listings WHERE author_id = $1";
#undef BP_LISTING_COLUMNS

constexpr const char* kNoSuchListing = "This ask or offer does not exist, or you cannot see it.";
constexpr const char* kNotOpen = "This ask or offer is already closed.";

Listing ReadListing(const Result& r, int row) {
  Listing l;
  l.id = ListingId{r.Int(row, 0)};
  l.site = SiteId{r.Int(row, 1)};
  if (!r.IsNull(row, 2)) l.author = UserId{r.Int(row, 2)};
  l.author_name = r.Text(row, 3);
  l.kind = ParseKind(r.Text(row, 4)).value_or(Kind::kAsk);
  l.category = ParseCategory(r.Text(row, 5)).value_or(Category::kOverig);
  l.title = r.Text(row, 6);
  l.body_markdown = r.Text(row, 7);
  l.visibility = r.Text(row, 8) == "members" ? Visibility::kMembers : Visibility::kPublic;
  l.status = ParseStatus(r.Text(row, 9));
  l.created_at = r.Int(row, 10);
  l.updated_at = r.Int(row, 11);
  l.expires_at = r.Int(row, 12);
  if (!r.IsNull(row, 13)) l.reminded_at = r.Int(row, 13);
  if (!r.IsNull(row, 14)) l.closed_at = r.Int(row, 14);
  return l;
}

const char* VisibilityName(Visibility v) { return v == Visibility::kMembers ? "members" : "public"; }

domain::Status Found(const Result& r) {
  if (r.Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchListing);
  return domain::Ok{};
}

}  // namespace

domain::Result<Listing> PostgresMarketRepository::CreateListing(SiteId site, UserId author, const ListingDraft& d,
                                                                std::int64_t at, std::int64_t expires_at) {
  std::int64_t id = 0;
  {
    auto c = pool_.Acquire();
    try {
      const Result r = c->Exec(kInsert, Params()
                                            .Add(site.value)
                                            .Add(author.value)
                                            .Add(KindName(d.kind))
                                            .Add(CategoryName(d.category))
                                            .Add(d.title)
                                            .Add(d.body_markdown)
                                            .Add(VisibilityName(d.visibility))
                                            .Add(at)
                                            .Add(expires_at));
      id = r.Int(0, 0);
    } catch (const PostgresError& e) {
      if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchListing, e.what());
      throw;
    }
  }
  auto listing = FindListing(site, ListingId{id});
  if (!listing) return MakeError(ErrorCode::kInternal, kNoSuchListing, "listing vanished after insert");
  return *listing;
}

std::optional<Listing> PostgresMarketRepository::FindListing(SiteId site, ListingId id) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFind, Params().Add(site.value).Add(id.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadListing(r, 0);
}

domain::Status PostgresMarketRepository::UpdateListing(SiteId site, ListingId id, const ListingDraft& d,
                                                       std::int64_t at) {
  auto c = pool_.Acquire();
  return Found(c->Exec(kUpdate, Params()
                                    .Add(site.value)
                                    .Add(id.value)
                                    .Add(KindName(d.kind))
                                    .Add(CategoryName(d.category))
                                    .Add(d.title)
                                    .Add(d.body_markdown)
                                    .Add(VisibilityName(d.visibility))
                                    .Add(at)));
}

domain::Status PostgresMarketRepository::RenewListing(SiteId site, ListingId id, std::int64_t at,
                                                      std::int64_t expires_at) {
  auto c = pool_.Acquire();
  return Found(c->Exec(kRenew, Params().Add(site.value).Add(id.value).Add(at).Add(expires_at)));
}

domain::Status PostgresMarketRepository::CloseListing(SiteId site, ListingId id, std::int64_t at) {
  auto c = pool_.Acquire();
  return Found(c->Exec(kClose, Params().Add(site.value).Add(id.value).Add(at)));
}

domain::Result<Match> PostgresMarketRepository::RecordMatch(SiteId site, ListingId id, UserId poster, UserId helper,
                                                            std::int64_t at) {
  {
    auto c = pool_.Acquire();
    Transaction tx(*c);
    const Result r = c->Exec(kSetMatched, Params().Add(site.value).Add(id.value).Add(at));
    if (r.Rows() == 0) {
      const Result exists = c->Exec(kFind, Params().Add(site.value).Add(id.value));
      if (exists.Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchListing);
      return MakeError(ErrorCode::kConflict, kNotOpen);
    }
    try {
      c->Exec(kInsertMatch, Params().Add(site.value).Add(id.value).Add(poster.value).Add(helper.value).Add(at));
    } catch (const PostgresError& e) {
      if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, kNotOpen, e.what());
      throw;
    }
    tx.Commit();
  }
  auto m = FindMatch(site, id);
  if (!m) return MakeError(ErrorCode::kInternal, kNoSuchListing, "match vanished after insert");
  return *m;
}

std::optional<Match> PostgresMarketRepository::FindMatch(SiteId site, ListingId id) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindMatch, Params().Add(site.value).Add(id.value));
  if (r.Rows() == 0) return std::nullopt;
  Match m;
  m.id = MatchId{r.Int(0, 0)};
  m.site = SiteId{r.Int(0, 1)};
  if (!r.IsNull(0, 2)) m.listing = ListingId{r.Int(0, 2)};
  if (!r.IsNull(0, 3)) m.poster = UserId{r.Int(0, 3)};
  if (!r.IsNull(0, 4)) m.helper = UserId{r.Int(0, 4)};
  m.helper_name = r.Text(0, 5);
  m.matched_at = r.Int(0, 6);
  return m;
}

std::vector<Listing> PostgresMarketRepository::ListListings(SiteId site, const ListQuery& q) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kList, Params()
                                      .Add(site.value)
                                      .Add(q.now)
                                      .Add(q.archive ? 1 : 0)
                                      .Add(q.include_members_only ? 1 : 0)
                                      .Add(q.kind ? KindName(*q.kind) : std::string_view(""))
                                      .Add(q.category ? CategoryName(*q.category) : std::string_view(""))
                                      .Add(std::max(0, q.limit))
                                      .Add(std::max(0, q.offset)));
  std::vector<Listing> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadListing(r, i));
  return out;
}

std::vector<Responder> PostgresMarketRepository::ListResponders(SiteId site, ListingId id, int limit) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kResponders, Params().Add(site.value).Add(id.value).Add(std::max(0, limit)));
  std::vector<Responder> out;
  for (int i = 0; i < r.Rows(); ++i) out.push_back({UserId{r.Int(i, 0)}, r.Text(i, 1)});
  return out;
}

std::int64_t PostgresMarketRepository::CountMatches(SiteId site) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kCountMatches, Params().Add(site.value));
  return r.Rows() ? r.Int(0, 0) : 0;
}

std::int64_t PostgresMarketRepository::CountCityMatches(CityId city) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kCountCityMatches, Params().Add(city.value));
  return r.Rows() ? r.Int(0, 0) : 0;
}

std::vector<DueReminder> PostgresMarketRepository::DueReminders(std::int64_t now, std::int64_t due_before,
                                                                int limit) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kDueReminders, Params().Add(now).Add(due_before).Add(std::max(0, limit)));
  std::vector<DueReminder> out;
  for (int i = 0; i < r.Rows(); ++i) {
    DueReminder d;
    d.listing = ReadListing(r, i);
    d.name = d.listing.author_name;
    d.email = r.Text(i, 15);
    out.push_back(std::move(d));
  }
  return out;
}

domain::Status PostgresMarketRepository::MarkReminded(SiteId site, ListingId id, std::int64_t at) {
  auto c = pool_.Acquire();
  return Found(c->Exec(kMarkReminded, Params().Add(site.value).Add(id.value).Add(at)));
}

std::vector<SiteId> PostgresMarketRepository::ExpireListings(std::int64_t now) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  const Result r = c->Exec(kSitesToExpire, Params().Add(now));
  std::vector<SiteId> sites;
  for (int i = 0; i < r.Rows(); ++i) sites.push_back(SiteId{r.Int(i, 0)});
  if (!sites.empty()) c->Exec(kExpire, Params().Add(now));
  tx.Commit();
  return sites;
}

std::vector<SiteId> PostgresMarketRepository::EraseAuthor(UserId author, bool remove) {
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
