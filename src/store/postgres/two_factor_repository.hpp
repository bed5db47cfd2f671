#pragma once
#include "domain/accounts/two_factor_repository.hpp"
#include "store/postgres/pool.hpp"

namespace buurtplein::store::postgres {

class PostgresTwoFactorRepository final : public domain::accounts::TwoFactorRepository {
 public:
  explicit PostgresTwoFactorRepository(Pool& pool) : pool_(pool) {}
  domain::Status SetPendingTotp(domain::UserId user, std::string_view secret,
                                domain::accounts::UnixTime created_at) override;
  std::optional<domain::accounts::PendingTotp> FindPendingTotp(domain::UserId user) override;
  domain::Status EnableTotp(domain::UserId user, std::string_view secret, std::int64_t last_step,
                            const domain::accounts::RecoveryCodeSet& codes) override;
  domain::Status DisableTotp(domain::UserId user) override;
  domain::Status ReplaceRecoveryCodes(domain::UserId user, const domain::accounts::RecoveryCodeSet& codes) override;
  std::optional<domain::accounts::RecoveryCodeSet> FindRecoveryCodes(domain::UserId user) override;
  bool ConsumeRecoveryCode(domain::UserId user, std::string_view code_hash) override;

 private:
  Pool& pool_;
};

}  // namespace buurtplein::store::postgres
