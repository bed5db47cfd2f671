#pragma once
#include <optional>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/market/model.hpp"

namespace buurtplein::domain::market {

/// Asks and offers and their matches. Every site-scoped method takes the site first and never
/// sees or changes another site's listings: a listing id of site B is "not found" through site A.
class MarketRepository {
 public:
  virtual ~MarketRepository() = default;
  /// Stores a new open listing. kNotFound when the site or author does not exist.
  virtual Result<Listing> CreateListing(SiteId site, UserId author, const ListingDraft& draft, std::int64_t at,
                                        std::int64_t expires_at) = 0;
  /// The listing, whatever its status or visibility; nullopt when not in this site.
  virtual std::optional<Listing> FindListing(SiteId site, ListingId id) = 0;
  /// Replaces kind, category, title, text and visibility; kNotFound when not in this site.
  virtual Status UpdateListing(SiteId site, ListingId id, const ListingDraft& draft, std::int64_t at) = 0;
  /// Open again until `expires_at`, reminder reset; kNotFound when not in this site.
  virtual Status RenewListing(SiteId site, ListingId id, std::int64_t at, std::int64_t expires_at) = 0;
  /// Closed without a match; kNotFound when not in this site.
  virtual Status CloseListing(SiteId site, ListingId id, std::int64_t at) = 0;
  /// In one transaction: the listing becomes matched and a match is recorded. kNotFound when
  /// not in this site, kConflict when it is no longer open or already matched.
  virtual Result<Match> RecordMatch(SiteId site, ListingId id, UserId poster, UserId helper, std::int64_t at) = 0;
  /// The match of a listing, if any.
  virtual std::optional<Match> FindMatch(SiteId site, ListingId id) = 0;
  /// Newest first (id breaks ties); at most query.limit.
  virtual std::vector<Listing> ListListings(SiteId site, const ListQuery& query) = 0;
  /// The members other than the poster who started a conversation about the listing, at most
  /// `limit`, in order of their first response.
  virtual std::vector<Responder> ListResponders(SiteId site, ListingId id, int limit) = 0;
  /// Matches made on the site, and in every site of the city.
  virtual std::int64_t CountMatches(SiteId site) = 0;
  virtual std::int64_t CountCityMatches(CityId city) = 0;

  /// Background job (every site): open listings expiring in (now, due_before] without a reminder
  /// yet, with their author's address; at most `limit`, soonest first.
  virtual std::vector<DueReminder> DueReminders(std::int64_t now, std::int64_t due_before, int limit) = 0;
  /// Claims the listing's reminder (sets reminded_at when not set yet); kNotFound when not in
  /// this site or already claimed, so with several servers only one sends it.
  virtual Status MarkReminded(SiteId site, ListingId id, std::int64_t at) = 0;
  /// Background job: open listings past their expiry become expired; returns the sites that had
  /// any (their cached pages must go).
  virtual std::vector<SiteId> ExpireListings(std::int64_t now) = 0;

  /// Account deletion (every site): removes the author's listings (`remove`) or unlinks them;
  /// matches stay as counts without the person. Returns the sites concerned.
  virtual std::vector<SiteId> EraseAuthor(UserId author, bool remove) = 0;
};

}  // namespace buurtplein::domain::market
