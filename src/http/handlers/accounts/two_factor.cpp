#include "http/handlers/accounts/two_factor.hpp"

#include "http/handlers/form_page.hpp"
#include "view/i18n.hpp"
#include "view/qr_svg.hpp"

namespace buurtplein::http::handlers::accounts {

using domain::ErrorCode;
using domain::Result;
using view::Msg;

namespace {

constexpr const char* kStatusUrl = "/account/two-factor";

// "ABCDEFGH…" → "ABCD EFGH …": easier to read and type.
std::string InGroupsOfFour(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(s[i]);
  }
  return out;
}

// The set-up page: the secret as a QR code, as text and as a link, and the form for the code.
Result<Response> SetupPage(Context& ctx, const domain::AppError* error) {
  auto setup = ctx.services.two_factor->StartSetup(*ctx.auth);
  if (!setup) return setup.error();
  const nlohmann::json extra = {{"secret_groups", InGroupsOfFour(setup->secret_base32)},
                                {"otpauth_uri", setup->otpauth_uri},
                                {"qr_src", view::QrSvgDataUri(setup->otpauth_uri)}};
  auto r = FormPage(ctx, "accounts/two_factor_setup", ctx.T(Msg("Turn on two-step login")), nlohmann::json::object(),
                    error, error ? StatusFor(*error) : 200, extra);
  if (error && error->retry_after_seconds > 0) r.SetHeader("Retry-After", std::to_string(error->retry_after_seconds));
  return r;
}

// New recovery codes, shown once, in the response to the form that made them.
Response CodesPage(Context& ctx, const std::vector<std::string>& codes, bool just_enabled) {
  auto data = ctx.PageData(ctx.T(Msg("Your recovery codes")));
  data["codes"] = codes;
  data["just_enabled"] = just_enabled;
  return ctx.Page("accounts/two_factor_codes", std::move(data));
}

}  // namespace

Result<Response> TwoFactorStatus(Context& ctx) {
  const auto state = ctx.services.two_factor->State(ctx.auth->user);
  auto data = ctx.PageData(ctx.T(Msg("Two-step login")));
  data["csrf"] = ctx.CsrfToken();
  data["enabled"] = state.enabled;
  data["required"] = state.required;
  data["codes_left"] = state.recovery_codes_left;
  data["few_codes_left"] = state.enabled && state.recovery_codes_left <= 3;
  if (ctx.req.Query("done") == "off") data["notice"] = ctx.T(Msg("Two-step login is off now."));
  return ctx.Page("accounts/two_factor", std::move(data));
}

Result<Response> TwoFactorSetupForm(Context& ctx) {
  if (!ctx.auth->user.totp_secret.empty()) return Redirect(303, kStatusUrl);
  return SetupPage(ctx, nullptr);
}

Result<Response> TwoFactorSetup(Context& ctx) {
  if (!ctx.auth->user.totp_secret.empty()) return Redirect(303, kStatusUrl);
  auto codes = ctx.services.two_factor->ConfirmSetup(*ctx.auth, ctx.req.Form("code"));
  if (!codes) return SetupPage(ctx, &codes.error());
  return CodesPage(ctx, *codes, true);
}

Result<Response> TwoFactorDisableForm(Context& ctx) {
  if (ctx.auth->user.totp_secret.empty()) return Redirect(303, kStatusUrl);
  return FormPage(ctx, "accounts/two_factor_disable", ctx.T(Msg("Turn off two-step login")), nlohmann::json::object());
}

Result<Response> TwoFactorDisable(Context& ctx) {
  if (ctx.auth->user.totp_secret.empty()) return Redirect(303, kStatusUrl);
  auto s = ctx.services.two_factor->Disable(*ctx.auth, ctx.req.Form("current_password"), ctx.req.Form("code"));
  if (!s) {
    return Refused(ctx, "accounts/two_factor_disable", ctx.T(Msg("Turn off two-step login")), nlohmann::json::object(),
                   s.error());
  }
  return Redirect(303, std::string(kStatusUrl) + "?done=off");
}

Result<Response> RecoveryCodesForm(Context& ctx) {
  if (ctx.auth->user.totp_secret.empty()) return Redirect(303, kStatusUrl);
  return FormPage(ctx, "accounts/two_factor_regenerate", ctx.T(Msg("New recovery codes")), nlohmann::json::object());
}

Result<Response> RecoveryCodes(Context& ctx) {
  if (ctx.auth->user.totp_secret.empty()) return Redirect(303, kStatusUrl);
  auto codes = ctx.services.two_factor->RegenerateRecoveryCodes(*ctx.auth, ctx.req.Form("current_password"));
  if (!codes) {
    return Refused(ctx, "accounts/two_factor_regenerate", ctx.T(Msg("New recovery codes")), nlohmann::json::object(),
                   codes.error());
  }
  return CodesPage(ctx, *codes, false);
}

}  // namespace buurtplein::http::handlers::accounts
