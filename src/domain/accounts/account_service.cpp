#include "domain/accounts/account_service.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>

#include "domain/accounts/two_factor_service.hpp"
#include "domain/common/text.hpp"
#include "domain/security/passwords.hpp"
#include "domain/security/rate_limiter.hpp"
#include "domain/security/tokens.hpp"
#include "domain/security/totp.hpp"

namespace buurtplein::domain::accounts {

namespace {

constexpr const char* kBadLogin = "The e-mail address or password is not right.";

std::string Trim(std::string_view s) { return std::string(TrimView(s)); }

Status ValidateDisplayName(std::string_view name) {
  std::size_t n = 0;
  std::string clean;
  if (!CopyCleanText(name, false, clean, n) || n < 2 || n > 60) {
    auto e = MakeError(ErrorCode::kValidation, "Your name must be 2 to 60 characters.");
    e.field = "display_name";
    return e;
  }
  return Ok{};
}

// Holds an answer back until `floor` has passed since it was made (see equal_time_ms). It runs on
// a worker thread, never an I/O thread; these requests are throttled per IP and per address.
class EqualTime {
 public:
  explicit EqualTime(long floor_ms)
      : until_(std::chrono::steady_clock::now() + std::chrono::milliseconds(floor_ms)) {}
  ~EqualTime() { std::this_thread::sleep_until(until_); }
  EqualTime(const EqualTime&) = delete;
  EqualTime& operator=(const EqualTime&) = delete;

 private:
  std::chrono::steady_clock::time_point until_;
};

}  // namespace

AccountService::AccountService(Store& store, const security::CommonPasswords& common, security::RateLimiter& limiter,
                               AccountMailer& mailer, const Clock& clock, AccountSettings settings)
    : store_(store), common_(common), limiter_(limiter), mailer_(mailer), clock_(clock), settings_(settings) {}

Result<std::string> AccountService::NormaliseEmail(std::string_view email) {
  std::string e = Trim(email);
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto at = e.find('@');
  const bool ok = !e.empty() && e.size() <= 254 && at != std::string::npos && at > 0 && at == e.rfind('@') &&
                  e.find('.', at) != std::string::npos && e.back() != '.' &&
                  std::none_of(e.begin(), e.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7F; });
  if (!ok) {
    auto err = MakeError(ErrorCode::kValidation, "Please enter a valid e-mail address, like name@example.nl.");
    err.field = "email";
    return err;
  }
  return e;
}

Status AccountService::Throttle(const std::string& key, int limit, long window_seconds) {
  const auto now = security::RateLimiter::Clock::time_point(std::chrono::seconds(clock_.Now()));
  auto d = limiter_.Check(key, limit, std::chrono::seconds(window_seconds), now);
  if (d.allowed) return Ok{};
  auto e = MakeError(ErrorCode::kRateLimited, "Too many attempts. Please wait a moment and try again.");
  e.retry_after_seconds = static_cast<long>(d.retry_after_seconds);
  return e;
}

std::string AccountService::StartToken(UserId user, TokenPurpose purpose, long ttl, std::string_view new_email) {
  // A new link makes the older ones of the same kind useless.
  store_.tokens().DeleteTokens(user, purpose);
  const std::string token = security::NewToken();
  AccountToken t;
  t.token_hash = security::HashToken(token);
  t.user = user;
  t.purpose = purpose;
  t.new_email = std::string(new_email);
  t.created_at = clock_.Now();
  t.expires_at = t.created_at + ttl;
  if (auto s = store_.tokens().CreateToken(t); !s) throw std::runtime_error(s.error().internal_detail);
  return token;
}

Status AccountService::SignUp(std::string_view display_name, std::string_view email, std::string_view password,
                              const RequestInfo& info) {
  if (auto s = Throttle("signup:ip:" + info.ip, 10, 3600); !s) return s;
  const std::string name = Trim(display_name);
  if (auto s = ValidateDisplayName(name); !s) return s;
  auto normalised = NormaliseEmail(email);
  if (!normalised) return normalised.error();
  if (auto s = security::CheckPasswordPolicy(password, common_, *normalised, name); !s) {
    auto e = s.error();
    e.field = "password";
    return e;
  }
  // From here the answer is the same for a new and a registered address, and so is its time.
  EqualTime equal_time(settings_.equal_time_ms);
  // Verification mails to one address are limited too, so nobody can flood a mailbox.
  if (auto s = Throttle("mail:" + *normalised, 5, 3600); !s) return s;

  NewUser nu;
  nu.email = *normalised;
  nu.display_name = name;
  nu.password_hash = security::HashPassword(password);  // ~80 ms; handlers run off the I/O threads
  nu.created_at = clock_.Now();
  auto created = store_.users().CreateUser(nu);
  if (!created) {
    if (created.error().code != ErrorCode::kConflict) return created.error();
    mailer_.SendAlreadyRegistered(*normalised, info.base_url + "account/login", info.base_url + "account/reset");
    return Ok{};
  }
  const std::string token = StartToken(created->id, TokenPurpose::kVerifyEmail, settings_.verify_token_seconds);
  mailer_.SendVerification(*created, info.base_url + "account/verify/" + token);
  return Ok{};
}

Status AccountService::ResendVerification(const Authenticated& auth, const RequestInfo& info) {
  if (auth.user.email_verified_at) return Ok{};
  if (auto s = Throttle("mail:" + auth.user.email, 5, 3600); !s) return s;
  const std::string token = StartToken(auth.user.id, TokenPurpose::kVerifyEmail, settings_.verify_token_seconds);
  mailer_.SendVerification(auth.user, info.base_url + "account/verify/" + token);
  return Ok{};
}

Result<UserId> AccountService::VerifyEmail(std::string_view token) {
  auto t = store_.tokens().ConsumeToken(security::HashToken(token), TokenPurpose::kVerifyEmail, clock_.Now());
  if (!t) return MakeError(ErrorCode::kNotFound, "This link is not valid (any more).");
  if (auto s = store_.users().SetEmailVerified(t->user, clock_.Now()); !s) return s.error();
  return t->user;
}

Result<LoginOutcome> AccountService::Login(std::string_view email, std::string_view password,
                                           const RequestInfo& info) {
  // Per IP: stops floods (the 11th attempt within a minute waits). Per account: slows guessing
  // at one account without locking its owner out — they can still reset their password.
  if (auto s = Throttle("login:ip:" + info.ip, 10, 60); !s) return s.error();
  auto normalised = NormaliseEmail(email);
  if (!normalised) {
    security::VerifyAgainstDummy(password);
    return MakeError(ErrorCode::kValidation, kBadLogin);
  }
  if (auto s = Throttle("login:account:" + *normalised, 20, 15 * 60); !s) return s.error();
  auto user = store_.users().FindUserByEmail(*normalised);
  if (!user) {
    security::VerifyAgainstDummy(password);  // the same work, so timing does not tell
    return MakeError(ErrorCode::kValidation, kBadLogin);
  }
  if (!security::VerifyPassword(user->password_hash, password)) {
    return MakeError(ErrorCode::kValidation, kBadLogin);
  }
  // Checked after the password, so it tells nothing to someone who does not know it.
  if (user->is_demo && !settings_.allow_demo_logins) {
    return MakeError(ErrorCode::kValidation,
                     "This is a demo account. Demo accounts only work on a demo server started with make run.");
  }
  if (security::NeedsRehash(user->password_hash)) {
    store_.users().SetPasswordHash(user->id, security::HashPassword(password));
  }
  LoginOutcome out;
  out.token = security::NewToken();  // a fresh token at every login: no session fixation
  Session s;
  s.token_hash = security::HashToken(out.token);
  s.user = user->id;
  s.created_at = s.last_seen_at = clock_.Now();
  const bool elevated = IsElevated(*user);
  s.expires_at = s.created_at + (elevated ? settings_.elevated_absolute_seconds : settings_.session_absolute_seconds);
  s.user_agent = info.user_agent.substr(0, 200);
  s.ip = info.ip;
  s.second_factor_done = user->totp_secret.empty();
  auto created = store_.sessions().CreateSession(s);
  if (!created) return created.error();
  out.session = *created;
  out.needs_second_factor = !user->totp_secret.empty();
  return out;
}

Status AccountService::CompleteSecondFactor(const Authenticated& auth, std::string_view code,
                                            const RequestInfo& info) {
  if (auth.user.totp_secret.empty()) return Ok{};
  if (auto s = Throttle("totp:account:" + std::to_string(auth.user.id.value), 10, 15 * 60); !s) return s;
  (void)info;
  // A TOTP code or, when the phone is lost, a recovery code (each works once).
  if (!AcceptSecondFactorCode(store_, auth.user, code, clock_.Now())) {
    auto e = MakeError(ErrorCode::kValidation, "This code is not right. Use the newest code from your app.");
    e.field = "code";
    return e;
  }
  return store_.sessions().SetSecondFactorDone(auth.user.id, auth.session.id);
}

std::optional<Authenticated> AccountService::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  // Session, account and elevated roles in one query (every logged-in request asks).
  auto found = store_.sessions().FindSessionWithUser(security::HashToken(token));
  if (!found) return std::nullopt;
  auto session = std::optional<Session>(std::move(found->session));
  auto user = std::optional<User>(std::move(found->user));
  const auto now = clock_.Now();
  // Asked at every request: a role given after login shortens the session at once.
  const bool elevated = found->elevated;
  const long idle = elevated ? settings_.elevated_idle_seconds : settings_.session_idle_seconds;
  const UnixTime end =
      elevated ? std::min(session->expires_at, session->created_at + settings_.elevated_absolute_seconds)
               : session->expires_at;
  if (now >= end || now - session->last_seen_at > idle) {
    store_.sessions().DeleteSession(user->id, session->id);
    return std::nullopt;
  }
  // Touch at most once a minute: most requests are reads and need no write.
  if (now - session->last_seen_at >= 60) {
    store_.sessions().TouchSession(user->id, session->id, now);
    session->last_seen_at = now;
  }
  return Authenticated{std::move(*user), std::move(*session), elevated};
}

bool AccountService::IsElevated(const User& user) {
  return user.is_operator || store_.city_roles().HoldsElevatedRole(user.id);
}

void AccountService::Logout(std::string_view token) {
  auto session = store_.sessions().FindSessionByTokenHash(security::HashToken(token));
  if (session) store_.sessions().DeleteSession(session->user, session->id);
}

Status AccountService::RequestPasswordReset(std::string_view email, const RequestInfo& info) {
  if (auto s = Throttle("reset:ip:" + info.ip, 10, 3600); !s) return s;
  auto normalised = NormaliseEmail(email);
  if (!normalised) return normalised.error();
  EqualTime equal_time(settings_.equal_time_ms);  // known or not: the same answer, in the same time
  if (auto s = Throttle("mail:" + *normalised, 5, 3600); !s) return Ok{};  // silently: same answer
  auto user = store_.users().FindUserByEmail(*normalised);
  if (!user) return Ok{};
  const std::string token = StartToken(user->id, TokenPurpose::kResetPassword, settings_.reset_token_seconds);
  mailer_.SendPasswordReset(*user, info.base_url + "account/reset/" + token);
  return Ok{};
}

bool AccountService::ResetTokenLooksValid(std::string_view token) {
  // Checked without using the token: the form is shown, the POST consumes it.
  return token.size() >= 20 && token.size() <= 100;
}

Status AccountService::ResetPassword(std::string_view token, std::string_view new_password,
                                     const RequestInfo& info) {
  if (auto s = Throttle("reset:ip:" + info.ip, 10, 3600); !s) return s;
  // The policy is checked before the token is used, so a weak password does not waste the link.
  if (auto s = security::CheckPasswordPolicy(new_password, common_, "", ""); !s) {
    auto e = s.error();
    e.field = "password";
    return e;
  }
  auto t = store_.tokens().ConsumeToken(security::HashToken(token), TokenPurpose::kResetPassword, clock_.Now());
  if (!t) return MakeError(ErrorCode::kNotFound, "This link is not valid (any more).");
  auto user = store_.users().FindUser(t->user);
  if (!user) return MakeError(ErrorCode::kNotFound, "This link is not valid (any more).");
  store_.users().SetPasswordHash(user->id, security::HashPassword(new_password));
  // The link came by mail, so the mailbox is confirmed too.
  if (!user->email_verified_at) store_.users().SetEmailVerified(user->id, clock_.Now());
  store_.sessions().DeleteOtherSessions(user->id, SessionId{});
  mailer_.SendPasswordChanged(*user);
  return Ok{};
}

Status AccountService::RequestEmailChange(const Authenticated& auth, std::string_view new_email,
                                          std::string_view password, const RequestInfo& info) {
  if (auto s = Throttle("password:account:" + std::to_string(auth.user.id.value), 10, 15 * 60); !s) return s;
  auto normalised = NormaliseEmail(new_email);
  if (!normalised) {
    auto e = normalised.error();
    e.field = "new_email";
    return e;
  }
  if (!security::VerifyPassword(auth.user.password_hash, password)) {
    auto e = MakeError(ErrorCode::kValidation, "Your current password is not right.");
    e.field = "current_password";
    return e;
  }
  if (*normalised == auth.user.email) {
    auto e = MakeError(ErrorCode::kValidation, "This is already your e-mail address.");
    e.field = "new_email";
    return e;
  }
  EqualTime equal_time(settings_.equal_time_ms);  // taken or not: the same answer, in the same time
  if (auto s = Throttle("mail:" + *normalised, 5, 3600); !s) return Ok{};
  if (store_.users().FindUserByEmail(*normalised)) return Ok{};  // taken: the same answer, no mail
  const std::string token =
      StartToken(auth.user.id, TokenPurpose::kChangeEmail, settings_.verify_token_seconds, *normalised);
  mailer_.SendEmailChange(auth.user, *normalised, info.base_url + "account/email/confirm/" + token);
  mailer_.SendEmailChangeNotice(auth.user);
  return Ok{};
}

Status AccountService::ConfirmEmailChange(std::string_view token) {
  auto t = store_.tokens().ConsumeToken(security::HashToken(token), TokenPurpose::kChangeEmail, clock_.Now());
  if (!t) return MakeError(ErrorCode::kNotFound, "This link is not valid (any more).");
  return store_.users().SetEmail(t->user, t->new_email, clock_.Now());
}

Status AccountService::ChangePassword(const Authenticated& auth, std::string_view current,
                                      std::string_view new_password, const RequestInfo& info) {
  if (auto s = Throttle("password:account:" + std::to_string(auth.user.id.value), 10, 15 * 60); !s) return s;
  (void)info;
  if (!security::VerifyPassword(auth.user.password_hash, current)) {
    auto e = MakeError(ErrorCode::kValidation, "Your current password is not right.");
    e.field = "current_password";
    return e;
  }
  if (auto s = security::CheckPasswordPolicy(new_password, common_, auth.user.email, auth.user.display_name); !s) {
    auto e = s.error();
    e.field = "password";
    return e;
  }
  store_.users().SetPasswordHash(auth.user.id, security::HashPassword(new_password));
  store_.sessions().DeleteOtherSessions(auth.user.id, auth.session.id);
  mailer_.SendPasswordChanged(auth.user);
  return Ok{};
}

}  // namespace buurtplein::domain::accounts
