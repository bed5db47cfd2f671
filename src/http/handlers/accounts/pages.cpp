#include "http/handlers/accounts/pages.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <charconv>
#include <ctime>

#include "http/handlers/form_page.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::accounts {

using domain::ErrorCode;
using domain::Result;
using view::Msg;

namespace {

// Only local paths are followed after login, never another site.
std::string SafeNext(const std::string& next) {
  if (next.size() < 1 || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) {
    return "/account/";
  }
  for (unsigned char c : next) {
    if (c < 0x20 || c == 0x7F || c == '\\') return "/account/";
  }
  return next;
}

std::string SessionCookie(const Context& ctx, const std::string& token, long max_age) {
  CookieOptions o;
  o.secure = ctx.req.secure;
  o.max_age_seconds = max_age;
  return SetCookieValue(ctx.req.secure ? kSecureSessionCookie : kSessionCookie, token, o);
}

std::string FormatTime(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return fmt::format("{:%Y-%m-%d %H:%M} UTC", tm);
}

}  // namespace

Result<Response> SignupForm(Context& ctx) {
  return FormPage(ctx, "accounts/signup", ctx.T(Msg("Sign up")), nlohmann::json::object());
}

Result<Response> Signup(Context& ctx) {
  const auto& req = ctx.req;
  nlohmann::json values = {{"display_name", req.Form("display_name")}, {"email", req.Form("email")}};
  auto s = ctx.services.accounts->SignUp(req.Form("display_name"), req.Form("email"), req.Form("password"), ctx.Info());
  if (!s) return Refused(ctx, "accounts/signup", ctx.T(Msg("Sign up")), values, s.error());
  return Redirect(303, "/account/check-mail");
}

Result<Response> CheckMail(Context& ctx) {
  auto data = ctx.PageData(ctx.T(Msg("Check your e-mail")));
  return ctx.Page("accounts/check_mail", std::move(data));
}

Result<Response> Verify(Context& ctx) {
  auto verified = ctx.services.accounts->VerifyEmail(ctx.Param("token"));
  auto data = ctx.PageData(ctx.T(verified ? Msg("Your e-mail address is confirmed") : Msg("This link is not valid (any more).")));
  data["ok"] = verified.ok();
  auto r = ctx.Page("accounts/verified", std::move(data));
  if (!verified) r.status = 404;
  return r;
}

Result<Response> LoginForm(Context& ctx) {
  return FormPage(ctx, "accounts/login", ctx.T(Msg("Log in")), {{"next", SafeNext(ctx.req.Query("next"))}});
}

Result<Response> Login(Context& ctx) {
  const auto& req = ctx.req;
  const std::string next = SafeNext(req.Form("next"));
  nlohmann::json values = {{"email", req.Form("email")}, {"next", next}};
  auto outcome = ctx.services.accounts->Login(req.Form("email"), req.Form("password"), ctx.Info());
  if (!outcome) return Refused(ctx, "accounts/login", ctx.T(Msg("Log in")), values, outcome.error());
  // The old session (if any) ends: a new token at every login.
  if (!ctx.session_token.empty()) ctx.services.accounts->Logout(ctx.session_token);
  auto r = Redirect(303, outcome->needs_second_factor ? "/account/login/second-factor?next=" + next : next);
  r.headers.emplace_back("Set-Cookie", SessionCookie(ctx, outcome->token, -1));
  return r;
}

Result<Response> SecondFactorForm(Context& ctx) {
  return FormPage(ctx, "accounts/second_factor", ctx.T(Msg("Enter your code")),
                  {{"next", SafeNext(ctx.req.Query("next"))}});
}

Result<Response> SecondFactor(Context& ctx) {
  const std::string next = SafeNext(ctx.req.Form("next"));
  auto s = ctx.services.accounts->CompleteSecondFactor(*ctx.auth, ctx.req.Form("code"), ctx.Info());
  if (!s) return Refused(ctx, "accounts/second_factor", ctx.T(Msg("Enter your code")), {{"next", next}}, s.error());
  return Redirect(303, next);
}

Result<Response> Logout(Context& ctx) {
  if (!ctx.session_token.empty()) ctx.services.accounts->Logout(ctx.session_token);
  auto r = Redirect(303, "/");
  r.headers.emplace_back("Set-Cookie", SessionCookie(ctx, "", 0));
  return r;
}

Result<Response> Account(Context& ctx) {
  const auto& user = ctx.auth->user;
  auto data = ctx.PageData(ctx.T(Msg("Your account")));
  data["account"] = {{"display_name", user.display_name},
                     {"email", user.email},
                     {"email_verified", user.email_verified_at.has_value()},
                     {"two_factor", !user.totp_secret.empty()},
                     {"is_operator", user.is_operator}};
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : ctx.services.store.memberships().ListMembershipsOfUser(user.id)) {
    const domain::sites::City* city = nullptr;
    const domain::sites::Site* site = ctx.directory->FindSiteById(m.site, &city);
    if (!site) continue;
    using domain::accounts::MemberRole;
    using domain::accounts::MemberStatus;
    using domain::accounts::MembershipKind;
    list.push_back(
        {{"site_name", site->name},
         {"site_url", SiteUrl(*city, *site)},
         {"kind_label", ctx.T(m.kind == MembershipKind::kHome ? Msg("my neighbourhood") : Msg("following"))},
         {"role_label", ctx.T(m.role == MemberRole::kBuurtverbinder ? Msg("buurtverbinder") : Msg("member"))},
         {"status_label", ctx.T(m.status == MemberStatus::kVerified  ? Msg("verified")
                                : m.status == MemberStatus::kPending ? Msg("waiting for approval")
                                                                     : Msg("not verified yet"))}});
  }
  data["memberships"] = std::move(list);
  return ctx.Page("accounts/account", std::move(data));
}

Result<Response> Sessions(Context& ctx) {
  auto data = ctx.PageData(ctx.T(Msg("Your sessions")));
  data["csrf"] = ctx.CsrfToken();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : ctx.services.store.sessions().ListSessions(ctx.auth->user.id)) {
    list.push_back({{"id", std::to_string(s.id.value)},
                    {"current", s.id == ctx.auth->session.id},
                    {"user_agent", s.user_agent.empty() ? ctx.T(Msg("Unknown browser")) : s.user_agent},
                    {"ip", s.ip},
                    {"created", FormatTime(s.created_at)},
                    {"last_seen", FormatTime(s.last_seen_at)}});
  }
  data["sessions"] = std::move(list);
  return ctx.Page("accounts/sessions", std::move(data));
}

Result<Response> EndSession(Context& ctx) {
  const std::string& raw = ctx.Param("id");
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size()) {
    return domain::MakeError(ErrorCode::kNotFound, "This session does not exist (any more).");
  }
  // Scoped by the user: someone else's session id is simply not found.
  auto s = ctx.services.store.sessions().DeleteSession(ctx.auth->user.id, domain::SessionId{id});
  if (!s) return domain::MakeError(ErrorCode::kNotFound, "This session does not exist (any more).");
  return Redirect(303, "/account/sessions");
}

Result<Response> EndOtherSessions(Context& ctx) {
  ctx.services.store.sessions().DeleteOtherSessions(ctx.auth->user.id, ctx.auth->session.id);
  return Redirect(303, "/account/sessions");
}

Result<Response> ResetRequestForm(Context& ctx) {
  return FormPage(ctx, "accounts/reset_request", ctx.T(Msg("Forgot your password?")), nlohmann::json::object());
}

Result<Response> ResetRequest(Context& ctx) {
  nlohmann::json values = {{"email", ctx.req.Form("email")}};
  auto s = ctx.services.accounts->RequestPasswordReset(ctx.req.Form("email"), ctx.Info());
  if (!s) return Refused(ctx, "accounts/reset_request", ctx.T(Msg("Forgot your password?")), values, s.error());
  return Redirect(303, "/account/check-mail");
}

Result<Response> ResetForm(Context& ctx) {
  if (!ctx.services.accounts->ResetTokenLooksValid(ctx.Param("token"))) {
    return domain::MakeError(ErrorCode::kNotFound, "This link is not valid (any more).");
  }
  return FormPage(ctx, "accounts/reset_form", ctx.T(Msg("Choose a new password")), nlohmann::json::object(), nullptr,
                  200, {{"token", ctx.Param("token")}});
}

Result<Response> Reset(Context& ctx) {
  auto s = ctx.services.accounts->ResetPassword(ctx.Param("token"), ctx.req.Form("password"), ctx.Info());
  if (!s) {
    if (s.error().code == ErrorCode::kNotFound) return s.error();
    return FormPage(ctx, "accounts/reset_form", ctx.T(Msg("Choose a new password")), nlohmann::json::object(),
                    &s.error(), 422, {{"token", ctx.Param("token")}});
  }
  return Redirect(303, "/account/login");
}

Result<Response> EmailForm(Context& ctx) {
  return FormPage(ctx, "accounts/email", ctx.T(Msg("Change your e-mail address")), nlohmann::json::object());
}

Result<Response> Email(Context& ctx) {
  nlohmann::json values = {{"new_email", ctx.req.Form("new_email")}};
  auto s = ctx.services.accounts->RequestEmailChange(*ctx.auth, ctx.req.Form("new_email"),
                                                     ctx.req.Form("current_password"), ctx.Info());
  if (!s) return Refused(ctx, "accounts/email", ctx.T(Msg("Change your e-mail address")), values, s.error());
  return Redirect(303, "/account/check-mail");
}

Result<Response> EmailConfirm(Context& ctx) {
  auto s = ctx.services.accounts->ConfirmEmailChange(ctx.Param("token"));
  if (!s) return s.error();
  return Redirect(303, ctx.auth ? "/account/" : "/account/login");
}

Result<Response> PasswordForm(Context& ctx) {
  return FormPage(ctx, "accounts/password", ctx.T(Msg("Change your password")), nlohmann::json::object());
}

Result<Response> Password(Context& ctx) {
  auto s = ctx.services.accounts->ChangePassword(*ctx.auth, ctx.req.Form("current_password"),
                                                 ctx.req.Form("password"), ctx.Info());
  if (!s) return Refused(ctx, "accounts/password", ctx.T(Msg("Change your password")), nlohmann::json::object(), s.error());
  return Redirect(303, "/account/");
}

Result<Response> ResendVerification(Context& ctx) {
  auto s = ctx.services.accounts->ResendVerification(*ctx.auth, ctx.Info());
  if (!s) return s.error();
  return Redirect(303, "/account/check-mail");
}

Result<Response> Privacy(Context& ctx) {
  auto data = ctx.PageData(ctx.T(Msg("Privacy statement")));
  auto r = ctx.Page("pages/privacy", std::move(data));
  r.cacheable = !ctx.auth;
  return r;
}

}  // namespace buurtplein::http::handlers::accounts
