#include "domain/accounts/two_factor_service.hpp"

#include <chrono>

#include "domain/security/encoding.hpp"
#include "domain/security/passwords.hpp"
#include "domain/security/rate_limiter.hpp"
#include "domain/security/recovery_codes.hpp"
#include "domain/security/totp.hpp"

namespace buurtplein::domain::accounts {

namespace {

std::string TotpKey(UserId user) { return "totp:account:" + std::to_string(user.value); }
std::string PasswordKey(UserId user) { return "password:account:" + std::to_string(user.value); }

AppError WrongCode() {
  auto e = MakeError(ErrorCode::kValidation, "This code is not right. Use the newest code from your app.");
  e.field = "code";
  return e;
}

}  // namespace

bool AcceptSecondFactorCode(Store& store, const User& user, std::string_view code, UnixTime now) {
  if (user.totp_secret.empty()) return false;
  if (const auto secret = security::Base32Decode(user.totp_secret)) {
    const auto last = user.totp_last_step > 0 ? std::optional<std::int64_t>(user.totp_last_step) : std::nullopt;
    if (const auto step = security::VerifyTotp(*secret, code, std::chrono::sys_seconds{std::chrono::seconds{now}}, last)) {
      // Another request with the same code may have won meanwhile: then this one is a replay.
      return store.users().AdvanceTotpStep(user.id, *step);
    }
  }
  const auto set = store.two_factor().FindRecoveryCodes(user.id);
  if (!set) return false;
  const auto index = security::MatchRecoveryCode(code, set->salt, set->hashes);
  return index && store.two_factor().ConsumeRecoveryCode(user.id, set->hashes[*index]);
}

TwoFactorService::TwoFactorService(Store& store, security::RateLimiter& limiter, const Clock& clock,
                                   TwoFactorSettings settings)
    : store_(store), limiter_(limiter), clock_(clock), settings_(std::move(settings)) {}

Status TwoFactorService::Throttle(const std::string& key, int limit, long window_seconds) {
  const auto now = security::RateLimiter::Clock::time_point(std::chrono::seconds(clock_.Now()));
  auto d = limiter_.Check(key, limit, std::chrono::seconds(window_seconds), now);
  if (d.allowed) return Ok{};
  auto e = MakeError(ErrorCode::kRateLimited, "Too many attempts. Please wait a moment and try again.");
  e.retry_after_seconds = static_cast<long>(d.retry_after_seconds);
  return e;
}

Status TwoFactorService::CheckPassword(const Authenticated& auth, std::string_view password) {
  if (auto s = Throttle(PasswordKey(auth.user.id), 10, 15 * 60); !s) return s;
  if (!security::VerifyPassword(auth.user.password_hash, password)) {
    auto e = MakeError(ErrorCode::kValidation, "Your current password is not right.");
    e.field = "current_password";
    return e;
  }
  return Ok{};
}

RecoveryCodeSet TwoFactorService::NewCodes(std::vector<std::string>& codes_out) {
  codes_out = security::NewRecoveryCodes();
  RecoveryCodeSet set;
  set.salt = security::NewRecoveryCodeSalt();
  set.created_at = clock_.Now();
  for (const auto& code : codes_out) set.hashes.push_back(security::HashRecoveryCode(code, set.salt));
  return set;
}

TwoFactorState TwoFactorService::State(const User& user) {
  TwoFactorState state;
  state.enabled = !user.totp_secret.empty();
  state.required = user.is_operator;
  for (const auto& m : store_.memberships().ListMembershipsOfUser(user.id)) {
    if (m.role == MemberRole::kBuurtverbinder) state.required = true;
  }
  if (state.enabled) {
    if (auto set = store_.two_factor().FindRecoveryCodes(user.id)) state.recovery_codes_left = set->hashes.size();
  }
  return state;
}

Result<TotpSetup> TwoFactorService::StartSetup(const Authenticated& auth) {
  if (!auth.user.totp_secret.empty()) return MakeError(ErrorCode::kConflict, "Two-step login is already on.");
  const auto now = clock_.Now();
  std::string secret;
  // A reload of the page shows the same secret, so a QR code scanned a moment ago still fits.
  if (auto pending = store_.two_factor().FindPendingTotp(auth.user.id);
      pending && now - pending->created_at < settings_.pending_seconds) {
    secret = pending->secret;
  } else {
    secret = security::Base32Encode(security::NewTotpSecret());
    if (auto s = store_.two_factor().SetPendingTotp(auth.user.id, secret, now); !s) return s.error();
  }
  TotpSetup setup;
  setup.secret_base32 = secret;
  setup.otpauth_uri = security::OtpAuthUri(settings_.issuer, auth.user.email, *security::Base32Decode(secret));
  return setup;
}

Result<std::vector<std::string>> TwoFactorService::ConfirmSetup(const Authenticated& auth, std::string_view code) {
  if (!auth.user.totp_secret.empty()) return MakeError(ErrorCode::kConflict, "Two-step login is already on.");
  if (auto s = Throttle(TotpKey(auth.user.id), 10, 15 * 60); !s) return s.error();
  const auto now = clock_.Now();
  auto pending = store_.two_factor().FindPendingTotp(auth.user.id);
  if (!pending || now - pending->created_at >= settings_.pending_seconds) {
    auto e = MakeError(ErrorCode::kValidation, "This set-up has expired. Add the new key below to your app and try again.");
    e.field = "code";
    return e;
  }
  const auto secret = security::Base32Decode(pending->secret);
  const auto step =
      secret ? security::VerifyTotp(*secret, code, std::chrono::sys_seconds{std::chrono::seconds{now}}) : std::nullopt;
  if (!step) return WrongCode();
  std::vector<std::string> codes;
  // The confirming code's step counts as used: it cannot log in a second time.
  if (auto s = store_.two_factor().EnableTotp(auth.user.id, pending->secret, *step, NewCodes(codes)); !s) {
    return s.error();
  }
  // Whoever else was logged in with the password alone is logged out.
  store_.sessions().DeleteOtherSessions(auth.user.id, auth.session.id);
  return codes;
}

Status TwoFactorService::Disable(const Authenticated& auth, std::string_view password, std::string_view code) {
  if (auth.user.totp_secret.empty()) return Ok{};
  if (auto s = CheckPassword(auth, password); !s) return s;
  if (auto s = Throttle(TotpKey(auth.user.id), 10, 15 * 60); !s) return s;
  if (!AcceptSecondFactorCode(store_, auth.user, code, clock_.Now())) return WrongCode();
  return store_.two_factor().DisableTotp(auth.user.id);
}

Result<std::vector<std::string>> TwoFactorService::RegenerateRecoveryCodes(const Authenticated& auth,
                                                                             std::string_view password) {
  if (auth.user.totp_secret.empty()) return MakeError(ErrorCode::kConflict, "Two-step login is off.");
  if (auto s = CheckPassword(auth, password); !s) return s.error();
  std::vector<std::string> codes;
  if (auto s = store_.two_factor().ReplaceRecoveryCodes(auth.user.id, NewCodes(codes)); !s) return s.error();
  return codes;
}

}  // namespace buurtplein::domain::accounts
