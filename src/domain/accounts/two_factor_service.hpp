#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/account_service.hpp"
#include "domain/accounts/model.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::security {
class RateLimiter;
}  // namespace buurtplein::domain::security

namespace buurtplein::domain::accounts {

/// Settings of two-factor authentication.
struct TwoFactorSettings {
  std::string issuer = "Buurtplein";  ///< the name authenticator apps show
  long pending_seconds = 3600;        ///< a set-up page's secret is reused this long
};

/// What the status page shows.
struct TwoFactorState {
  bool enabled = false;
  std::size_t recovery_codes_left = 0;
  bool required = false;  ///< the account is an operator or a buurtverbinder somewhere
};

/// A secret to set up in an authenticator app (not active until confirmed with a code).
struct TotpSetup {
  std::string secret_base32;  ///< for typing: Base32, upper case
  std::string otpauth_uri;    ///< for the QR code and the link
};

/// Checks a second-factor code of `user`: a TOTP code (each time step once) or one of their
/// recovery codes (each once; used up in the same statement that accepts it). True when
/// accepted. Used at login (AccountService::CompleteSecondFactor) and by TwoFactorService.
bool AcceptSecondFactorCode(Store& store, const User& user, std::string_view code, UnixTime now);

/// Two-factor authentication with TOTP (RFC 6238) and recovery codes: set up, confirm, turn
/// off, new recovery codes. Required for buurtverbinders and operators (the policy sends them
/// to the set-up page), optional for everyone else. Code and password attempts are throttled
/// per account, with the same keys as the login's second step and password change.
class TwoFactorService {
 public:
  TwoFactorService(Store& store, security::RateLimiter& limiter, const Clock& clock, TwoFactorSettings settings = {});

  TwoFactorState State(const User& user);
  /// A secret for the set-up page: the pending one while it is fresh, else a new one (stored as
  /// pending). kConflict when two-factor authentication is on already.
  Result<TotpSetup> StartSetup(const Authenticated& auth);
  /// Turns two-factor authentication on when `code` fits the pending secret, ends the account's
  /// other sessions, and returns new recovery codes to show once. kValidation (field "code")
  /// for a wrong code or when there is no (fresh) pending secret; kConflict when set-up was
  /// restarted meanwhile or is on already; kRateLimited.
  Result<std::vector<std::string>> ConfirmSetup(const Authenticated& auth, std::string_view code);
  /// Turns it off; needs the current password and a code (TOTP or recovery code).
  Status Disable(const Authenticated& auth, std::string_view password, std::string_view code);
  /// New recovery codes (the old ones stop working); needs the current password.
  Result<std::vector<std::string>> RegenerateRecoveryCodes(const Authenticated& auth, std::string_view password);

 private:
  Status Throttle(const std::string& key, int limit, long window_seconds);
  Status CheckPassword(const Authenticated& auth, std::string_view password);
  RecoveryCodeSet NewCodes(std::vector<std::string>& codes_out);

  Store& store_;
  security::RateLimiter& limiter_;
  const Clock& clock_;
  TwoFactorSettings settings_;
};

}  // namespace buurtplein::domain::accounts
