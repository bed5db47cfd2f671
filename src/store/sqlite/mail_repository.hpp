#pragma once
#include "domain/mail/repositories.hpp"
#include "store/sqlite/connection.hpp"

namespace buurtplein::store::sqlite {

class SqliteOutboxRepository final : public domain::mail::OutboxRepository {
 public:
  explicit SqliteOutboxRepository(Database& db) : db_(db) {}
  domain::Result<domain::mail::Message> Enqueue(const domain::mail::Message& message) override;
  std::vector<domain::mail::Message> ClaimDue(domain::mail::Time now, int limit,
                                              domain::mail::Time lease_until) override;
  domain::Status ReleaseClaim(domain::mail::MessageId id) override;
  domain::Status MarkSent(domain::mail::MessageId id, domain::mail::Time now) override;
  domain::Status MarkFailed(domain::mail::MessageId id, std::string_view error,
                            std::optional<domain::mail::Time> next_attempt) override;
  std::optional<domain::mail::Message> FindMessage(domain::SiteId site, domain::mail::MessageId id) override;
  std::vector<domain::mail::Message> ListForSite(domain::SiteId site, int limit) override;
  std::vector<domain::mail::Message> ListRecent(int limit) override;

 private:
  Database& db_;
};

}  // namespace buurtplein::store::sqlite
