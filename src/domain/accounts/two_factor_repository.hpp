#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/model.hpp"
#include "domain/common/app_error.hpp"

namespace buurtplein::domain::accounts {

/// A TOTP secret shown on the set-up page and not confirmed with a code yet.
struct PendingTotp {
  UserId user;
  std::string secret;  ///< Base32, like users.totp_secret
  UnixTime created_at = 0;
};

/// An account's current recovery codes: the per-user salt and the hashes of the unused codes
/// (security::HashRecoveryCode). The codes themselves are shown once and never stored.
struct RecoveryCodeSet {
  std::string salt;
  std::vector<std::string> hashes;
  UnixTime created_at = 0;
};

/// Storage of two-factor authentication besides users.totp_secret: the pending secret and the
/// recovery codes. Platform-level like accounts; every method names the account.
class TwoFactorRepository {
 public:
  virtual ~TwoFactorRepository() = default;
  /// Stores a secret awaiting confirmation; replaces an older pending one. kNotFound when the
  /// account does not exist.
  virtual Status SetPendingTotp(UserId user, std::string_view secret, UnixTime created_at) = 0;
  virtual std::optional<PendingTotp> FindPendingTotp(UserId user) = 0;
  /// In one transaction: makes the pending secret `secret` the account's active one (with
  /// `last_step` as the last used TOTP step), removes it from pending and replaces the recovery
  /// codes with `codes`. kConflict when `secret` is no longer the pending one (set-up restarted
  /// in another tab meanwhile): then nothing changes.
  virtual Status EnableTotp(UserId user, std::string_view secret, std::int64_t last_step,
                            const RecoveryCodeSet& codes) = 0;
  /// In one transaction: turns two-factor authentication off (empty secret) and removes the
  /// pending secret and the recovery codes. kNotFound when the account does not exist.
  virtual Status DisableTotp(UserId user) = 0;
  /// Replaces the account's recovery codes (a new salt and new hashes) in one transaction.
  virtual Status ReplaceRecoveryCodes(UserId user, const RecoveryCodeSet& codes) = 0;
  /// The salt and the unused codes' hashes; nullopt when the account has no set.
  virtual std::optional<RecoveryCodeSet> FindRecoveryCodes(UserId user) = 0;
  /// Uses one code: removes its hash, in one statement, and says whether it was there. Of two
  /// requests with the same code exactly one gets true.
  virtual bool ConsumeRecoveryCode(UserId user, std::string_view code_hash) = 0;
};

}  // namespace buurtplein::domain::accounts
