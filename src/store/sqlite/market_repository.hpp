#pragma once
#include "domain/market/repositories.hpp"
#include "store/sqlite/connection.hpp"

namespace buurtplein::store::sqlite {

class SqliteMarketRepository final : public domain::market::MarketRepository {
 public:
  explicit SqliteMarketRepository(Database& db) : db_(db) {}
  domain::Result<domain::market::Listing> CreateListing(domain::SiteId site, domain::UserId author,
                                                        const domain::market::ListingDraft& draft, std::int64_t at,
                                                        std::int64_t expires_at) override;
  std::optional<domain::market::Listing> FindListing(domain::SiteId site, domain::market::ListingId id) override;
  domain::Status UpdateListing(domain::SiteId site, domain::market::ListingId id,
                               const domain::market::ListingDraft& draft, std::int64_t at) override;
  domain::Status RenewListing(domain::SiteId site, domain::market::ListingId id, std::int64_t at,
                              std::int64_t expires_at) override;
  domain::Status CloseListing(domain::SiteId site, domain::market::ListingId id, std::int64_t at) override;
  domain::Result<domain::market::Match> RecordMatch(domain::SiteId site, domain::market::ListingId id,
                                                    domain::UserId poster, domain::UserId helper,
                                                    std::int64_t at) override;
  std::optional<domain::market::Match> FindMatch(domain::SiteId site, domain::market::ListingId id) override;
  std::vector<domain::market::Listing> ListListings(domain::SiteId site,
                                                    const domain::market::ListQuery& query) override;
  std::vector<domain::market::Responder> ListResponders(domain::SiteId site, domain::market::ListingId id,
                                                        int limit) override;
  std::int64_t CountMatches(domain::SiteId site) override;
  std::int64_t CountCityMatches(domain::CityId city) override;
  std::vector<domain::market::DueReminder> DueReminders(std::int64_t now, std::int64_t due_before,
                                                        int limit) override;
  domain::Status MarkReminded(domain::SiteId site, domain::market::ListingId id, std::int64_t at) override;
  std::vector<domain::SiteId> ExpireListings(std::int64_t now) override;
  std::vector<domain::SiteId> EraseAuthor(domain::UserId author, bool remove) override;

 private:
  Database& db_;
};

}  // namespace buurtplein::store::sqlite
