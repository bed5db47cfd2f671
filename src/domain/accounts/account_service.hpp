#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/accounts/model.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::security {
class CommonPasswords;
class RateLimiter;
}  // namespace buurtplein::domain::security

namespace buurtplein::domain::accounts {

/// Sends the mails of the account flows. Implemented where mail texts are rendered (src/http),
/// so this service needs no templates. `base_url` is the site's own address ("https://…/").
class AccountMailer {
 public:
  virtual ~AccountMailer() = default;
  virtual void SendVerification(const User& user, const std::string& link) = 0;
  /// Someone signed up with an address that already has an account: tell its owner, instead
  /// of telling the person signing up (no account enumeration).
  virtual void SendAlreadyRegistered(std::string_view email, const std::string& login_link,
                                     const std::string& reset_link) = 0;
  virtual void SendPasswordReset(const User& user, const std::string& link) = 0;
  virtual void SendPasswordChanged(const User& user) = 0;
  /// To the new address: confirm it with the link.
  virtual void SendEmailChange(const User& user, std::string_view new_email, const std::string& link) = 0;
  /// To the old address: a change to another address was asked for.
  virtual void SendEmailChangeNotice(const User& user) = 0;
};

/// Lifetimes and limits of sessions and tokens.
struct AccountSettings {
  long session_idle_seconds = 24 * 3600;           ///< residents: a day without activity
  long session_absolute_seconds = 30 * 24 * 3600;  ///< residents: log in again after 30 days
  long elevated_idle_seconds = 30 * 60;            ///< buurtverbinders, board members, operators
  long elevated_absolute_seconds = 12 * 3600;      ///< idem (docs/decisions/0005)
  long verify_token_seconds = 48 * 3600;
  long reset_token_seconds = 30 * 60;
  bool allow_demo_logins = false;                  ///< demo accounts log in (development mode only)
  /// Sign-up, reset and e-mail change take at least this long, whether or not the address has an
  /// account: the writes and the mail of one case do not show in the response time.
  long equal_time_ms = 250;
};

/// Who is asking, for throttling and the sessions page.
struct RequestInfo {
  std::string ip;
  std::string user_agent;
  std::string base_url;  ///< e.g. "http://localhost:8080/" — links in mails start here
};

/// A logged-in request: the account and its session.
struct Authenticated {
  User user;
  Session session;
  bool elevated = false;  ///< a buurtverbinder, board member or operator: stricter timeouts apply
};

/// A successful password check.
struct LoginOutcome {
  std::string token;  ///< for the session cookie; shown to nobody else
  Session session;
  bool needs_second_factor = false;
};

/// Sign-up, e-mail verification, login with optional second factor, sessions, password reset.
/// Built to OWASP ASVS level 2: Argon2id, hashed single-use tokens, no account enumeration,
/// throttling per IP and per account without lock-out.
class AccountService {
 public:
  AccountService(Store& store, const security::CommonPasswords& common, security::RateLimiter& limiter,
                 AccountMailer& mailer, const Clock& clock, AccountSettings settings = {});

  /// Normalises an address (trim, lower case) and checks its form; kValidation when wrong.
  static Result<std::string> NormaliseEmail(std::string_view email);

  /// Creates the account and mails a verification link. When the address is taken the answer is
  /// the same, and the owner gets a mail instead: the response never tells who is registered.
  Status SignUp(std::string_view display_name, std::string_view email, std::string_view password,
                const RequestInfo& info);
  /// Sends a new verification link to a logged-in user whose address is not confirmed yet.
  Status ResendVerification(const Authenticated& auth, const RequestInfo& info);
  /// Confirms the address from a verification link; kNotFound when the link is not valid.
  Result<UserId> VerifyEmail(std::string_view token);
  /// Checks e-mail and password; on success starts a session (a new token every login).
  Result<LoginOutcome> Login(std::string_view email, std::string_view password, const RequestInfo& info);
  /// Checks a TOTP or recovery code for a session that needs it.
  Status CompleteSecondFactor(const Authenticated& auth, std::string_view code, const RequestInfo& info);
  /// The session behind a cookie token, if valid now (touching its idle timer); nullopt if not.
  std::optional<Authenticated> Authenticate(std::string_view token);
  /// Ends the session behind the token.
  void Logout(std::string_view token);
  /// Mails a reset link if the address has an account; the same answer either way.
  Status RequestPasswordReset(std::string_view email, const RequestInfo& info);
  /// Checks a reset link without using it (to show the form).
  bool ResetTokenLooksValid(std::string_view token);
  /// Sets a new password from a reset link; ends every session of the account.
  Status ResetPassword(std::string_view token, std::string_view new_password, const RequestInfo& info);
  /// Changes the password (the current one is required); ends every other session.
  Status ChangePassword(const Authenticated& auth, std::string_view current, std::string_view new_password,
                        const RequestInfo& info);
  /// Starts a change of e-mail address (the current password is required): the new address gets
  /// a confirmation link, the old one a notice. When the new address belongs to another
  /// account, nothing is sent and the answer is the same (no enumeration).
  Status RequestEmailChange(const Authenticated& auth, std::string_view new_email, std::string_view password,
                            const RequestInfo& info);
  /// Sets the new address from its confirmation link; kNotFound when the link is not valid,
  /// kConflict when the address was taken meanwhile.
  Status ConfirmEmailChange(std::string_view token);

 private:
  Status Throttle(const std::string& key, int limit, long window_seconds);
  /// Roles that see other people's data get the short session timeouts.
  bool IsElevated(const User& user);
  std::string StartToken(UserId user, TokenPurpose purpose, long ttl, std::string_view new_email = {});

  Store& store_;
  const security::CommonPasswords& common_;
  security::RateLimiter& limiter_;
  AccountMailer& mailer_;
  const Clock& clock_;
  AccountSettings settings_;
};

}  // namespace buurtplein::domain::accounts
