// Every URL of Buurtplein, in one table. Literal routes come before parameterised ones.
#include "http/app.hpp"
#include "http/handlers/accounts/pages.hpp"
#include "http/handlers/ops/ops.hpp"
#include "http/handlers/sites/api.hpp"
#include "http/handlers/sites/pages.hpp"

namespace buurtplein::http {

void AddRoutes(Router& r) {
  namespace ops = handlers::ops;
  namespace sites = handlers::sites;
  namespace acc = handlers::accounts;
  using enum Method;
  using enum Scope;
  using enum domain::accounts::Access;
  constexpr std::size_t kForm = 16 * 1024;  // a form's body

  // Operations
  r.Add({kGet, "/healthz", "ops.healthz", ops::Healthz});
  r.Add({kGet, "/readyz", "ops.readyz", ops::Readyz});
  r.Add({kGet, "/metrics", "ops.metrics", ops::MetricsText});

  // Accounts (platform-wide: one account for every site)
  r.Add({kGet, "/account/signup", "account.signup_form", acc::SignupForm, kForm, kPlatform, kAnonymousOnly});
  r.Add({kPost, "/account/signup", "account.signup", acc::Signup, kForm, kPlatform, kAnonymousOnly});
  r.Add({kGet, "/account/check-mail", "account.check_mail", acc::CheckMail, kForm, kPlatform, kPublic});
  r.Add({kPost, "/account/verify/resend", "account.verify_resend", acc::ResendVerification, kForm, kPlatform,
         kAccount});
  r.Add({kGet, "/account/verify/{token}", "account.verify", acc::Verify, kForm, kPlatform, kPublic});
  r.Add({kGet, "/account/login", "account.login_form", acc::LoginForm, kForm, kPlatform, kAnonymousOnly});
  r.Add({kPost, "/account/login", "account.login", acc::Login, kForm, kPlatform, kAnonymousOnly});
  r.Add({kGet, "/account/login/second-factor", "account.second_factor_form", acc::SecondFactorForm, kForm, kPlatform,
         kPendingSecondFactor});
  r.Add({kPost, "/account/login/second-factor", "account.second_factor", acc::SecondFactor, kForm, kPlatform,
         kPendingSecondFactor});
  r.Add({kPost, "/account/logout", "account.logout", acc::Logout, kForm, kPlatform, kPublic});
  r.Add({kGet, "/account/", "account.home", acc::Account, kForm, kPlatform, kAccount});
  r.Add({kGet, "/account/sessions", "account.sessions", acc::Sessions, kForm, kPlatform, kAccount});
  r.Add({kPost, "/account/sessions/end-others", "account.sessions_end_others", acc::EndOtherSessions, kForm,
         kPlatform, kAccount});
  r.Add({kPost, "/account/sessions/{id}/end", "account.session_end", acc::EndSession, kForm, kPlatform, kAccount});
  r.Add({kGet, "/account/reset", "account.reset_request_form", acc::ResetRequestForm, kForm, kPlatform, kPublic});
  r.Add({kPost, "/account/reset", "account.reset_request", acc::ResetRequest, kForm, kPlatform, kPublic});
  r.Add({kGet, "/account/reset/{token}", "account.reset_form", acc::ResetForm, kForm, kPlatform, kPublic});
  r.Add({kPost, "/account/reset/{token}", "account.reset", acc::Reset, kForm, kPlatform, kPublic});
  r.Add({kGet, "/account/password", "account.password_form", acc::PasswordForm, kForm, kPlatform, kAccount});
  r.Add({kPost, "/account/password", "account.password", acc::Password, kForm, kPlatform, kAccount});
  r.Add({kGet, "/privacy", "page.privacy", acc::Privacy, kForm, kPlatform, kPublic});

  // JSON API (read-only)
  r.Add({kGet, "/api/v1/cities", "api.cities", sites::ApiCities});
  r.Add({kGet, "/api/v1/cities/{city}/sites", "api.city_sites", sites::ApiCitySites, 16 * 1024, kCity});

  // Platform, city portals, neighbourhood sites
  r.Add({kGet, "/", "platform.home", sites::PlatformHome});
  r.Add({kGet, "/{city}/", "city.portal", sites::CityPortal, 16 * 1024, kCity});
  r.Add({kGet, "/{city}/map.geojson", "city.map", sites::CityMapGeoJson, 16 * 1024, kCity});
  r.Add({kGet, "/{city}/{site}/", "site.home", sites::SiteHome, 16 * 1024, kSite});
  r.Add({kGet, "/{city}/{site}/map.geojson", "site.map", sites::SiteMapGeoJson, 16 * 1024, kSite});
  r.Add({kGet, "/{city}/{site}/theme.css", "site.theme", sites::SiteTheme, 16 * 1024, kSite});
}

}  // namespace buurtplein::http
