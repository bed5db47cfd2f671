#pragma once
#include "domain/accounts/verification_repository.hpp"
#include "store/postgres/pool.hpp"

namespace buurtplein::store::postgres {

class PostgresVerificationRepository final : public domain::accounts::VerificationRepository {
 public:
  explicit PostgresVerificationRepository(Pool& pool) : pool_(pool) {}
  domain::Result<domain::accounts::Membership> RequestApproval(domain::SiteId site, domain::UserId user,
                                                               std::string_view postcode, std::string_view house_number,
                                                               domain::accounts::UnixTime now) override;
  domain::Status ApprovePending(domain::SiteId site, domain::UserId user, domain::accounts::UnixTime now) override;
  domain::Status RejectPending(domain::SiteId site, domain::UserId user) override;
  domain::Status CreateHouseholdCodes(domain::SiteId site,
                                      const std::vector<domain::accounts::HouseholdCode>& codes) override;
  std::vector<domain::accounts::HouseholdCode> ListHouseholdCodeBatch(domain::SiteId site,
                                                                      std::string_view batch) override;
  domain::Result<domain::accounts::Membership> RedeemHouseholdCode(domain::SiteId site, std::string_view code_hash,
                                                                   domain::UserId user,
                                                                   domain::accounts::UnixTime now) override;
  domain::Result<domain::accounts::Invitation> CreateInvitation(domain::SiteId site,
                                                                const domain::accounts::Invitation& invitation,
                                                                int max_open) override;
  long CountOpenInvitations(domain::SiteId site, domain::UserId inviter, domain::accounts::UnixTime now) override;
  std::optional<domain::accounts::Invitation> FindInvitation(domain::SiteId site,
                                                             std::string_view token_hash) override;
  domain::Result<domain::accounts::Membership> AcceptInvitation(domain::SiteId site, std::string_view token_hash,
                                                                domain::UserId user,
                                                                domain::accounts::UnixTime now) override;

  long DeleteExpiredHouseholdCodes(domain::accounts::UnixTime now) override;
  long DeleteExpiredInvitations(domain::accounts::UnixTime now) override;

 private:
  // Marks a code or invitation used (`use_sql`, RETURNING a row when it applied) and verifies
  // the member, in one transaction.
  domain::Result<domain::accounts::Membership> UseAndVerify(const char* use_sql, domain::SiteId site,
                                                            std::string_view hash, domain::UserId user,
                                                            domain::accounts::UnixTime now,
                                                            domain::accounts::VerificationMethod method);
  Pool& pool_;
};

}  // namespace buurtplein::store::postgres
