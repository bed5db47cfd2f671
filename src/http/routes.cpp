// Every URL of Buurtplein, in one table. Literal routes come before parameterised ones.
#include "http/app.hpp"
#include "http/handlers/accounts/pages.hpp"
#include "http/handlers/accounts/privacy.hpp"
#include "http/handlers/dev/mail.hpp"
#include "http/handlers/membership/membership.hpp"
#include "http/handlers/news/pages.hpp"
#include "http/handlers/accounts/two_factor.hpp"
#include "http/handlers/ops/ops.hpp"
#include "http/handlers/profiles/pages.hpp"
#include "http/handlers/sites/api.hpp"
#include "http/handlers/sites/pages.hpp"

// Feature includes (one marked block per feature, so parallel work merges cleanly)
// [agenda] >>>
// [agenda] <<<

// [market] >>>
// [market] <<<

// [messages] >>>
// [messages] <<<

// [groups] >>>
// [groups] <<<

// [questions] >>>
// [questions] <<<

// [search] >>>
// [search] <<<

// [api] >>>
// [api] <<<

// [directory] >>>
#include "http/handlers/directory/pages.hpp"
#include "http/handlers/hsds/api.hpp"
// [directory] <<<

// [newsx] >>>
// [newsx] <<<


namespace buurtplein::http {

void AddRoutes(Router& r) {
  namespace ops = handlers::ops;
  namespace sites = handlers::sites;
  namespace acc = handlers::accounts;
  namespace dev = handlers::dev;
  using enum Method;
  using enum Scope;
  using enum domain::accounts::Access;
  constexpr std::size_t kForm = 16 * 1024;  // a form's body

  // Operations
  r.Add({kGet, "/healthz", "ops.healthz", ops::Healthz, 16 * 1024, kPlatform, kPublic});
  r.Add({kGet, "/readyz", "ops.readyz", ops::Readyz, 16 * 1024, kPlatform, kPublic});
  r.Add({kGet, "/metrics", "ops.metrics", ops::MetricsText, 16 * 1024, kPlatform, kPublic});

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
  r.Add({kGet, "/account/email", "account.email_form", acc::EmailForm, kForm, kPlatform, kAccount});
  r.Add({kPost, "/account/email", "account.email", acc::Email, kForm, kPlatform, kAccount});
  r.Add({kGet, "/account/email/confirm/{token}", "account.email_confirm", acc::EmailConfirm, kForm, kPlatform,
         kPublic});
  r.Add({kGet, "/account/password", "account.password_form", acc::PasswordForm, kForm, kPlatform, kAccount});
  r.Add({kPost, "/account/password", "account.password", acc::Password, kForm, kPlatform, kAccount});
  r.Add({kGet, "/privacy", "page.privacy", acc::Privacy, kForm, kPlatform, kPublic});

  // Two-step login (two-factor authentication). kAccount: reachable for an operator or
  // buurtverbinder who still has to set it up, because without a secret their session's
  // second factor counts as done.
  r.Add({kGet, "/account/two-factor", "account.two_factor", acc::TwoFactorStatus, kForm, kPlatform, kAccount});
  r.Add({kGet, "/account/two-factor/setup", "account.two_factor_setup_form", acc::TwoFactorSetupForm, kForm,
         kPlatform, kAccount});
  r.Add({kPost, "/account/two-factor/setup", "account.two_factor_setup", acc::TwoFactorSetup, kForm, kPlatform,
         kAccount});
  r.Add({kGet, "/account/two-factor/disable", "account.two_factor_disable_form", acc::TwoFactorDisableForm, kForm,
         kPlatform, kAccount});
  r.Add({kPost, "/account/two-factor/disable", "account.two_factor_disable", acc::TwoFactorDisable, kForm,
         kPlatform, kAccount});
  r.Add({kGet, "/account/two-factor/recovery-codes", "account.recovery_codes_form", acc::RecoveryCodesForm, kForm,
         kPlatform, kAccount});
  r.Add({kPost, "/account/two-factor/recovery-codes", "account.recovery_codes", acc::RecoveryCodes, kForm,
         kPlatform, kAccount});

  // Privacy: download my data, delete my account (issue 3 §6)
  r.Add({kGet, "/account/export", "account.export", acc::ExportData, kForm, kPlatform, kAccount});
  r.Add({kGet, "/account/delete", "account.delete_form", acc::DeleteAccountForm, kForm, kPlatform, kAccount});
  r.Add({kPost, "/account/delete", "account.delete", acc::DeleteAccount, kForm, kPlatform, kAccount});
  r.Add({kGet, "/account/goodbye", "account.goodbye", acc::Goodbye, kForm, kPlatform, kPublic});

  // Profiles (issue 3 §5): the owner edits theirs; a site's verified members see the profiles
  // of its verified members (anyone else's: 404). The form takes a photo of up to 10 MB.
  {
    namespace prof = handlers::profiles;
    constexpr std::size_t kPhotoUpload = 10 * 1024 * 1024;
    r.Add({kGet, "/account/profile", "profile.edit_form", prof::EditForm, kForm, kPlatform, kAccount});
    r.Add({kPost, "/account/profile", "profile.edit", prof::Edit, kPhotoUpload, kPlatform, kAccount});
    r.Add({kGet, "/account/profile/photo", "profile.own_photo", prof::OwnPhoto, kForm, kPlatform, kAccount});
    r.Add({kGet, "/{city}/{site}/people/{user_id}", "profile.show", prof::Show, kForm, kSite, kSiteMember});
    r.Add({kGet, "/{city}/{site}/people/{user_id}/photo", "profile.photo", prof::Photo, kForm, kSite, kSiteMember});
  }

  // Membership (issue 3 §3): joining a neighbourhood and the three ways to be verified as living
  // there — a household code from a flyer, approval by a buurtverbinder (who alone sees the
  // postcode and house number), an invitation from a verified neighbour.
  {
    namespace mem = handlers::membership;
    constexpr std::size_t kAddressList = 128 * 1024;  // up to 500 addresses, or 500 codes
    r.Add({kGet, "/{city}/{site}/join", "membership.join_form", mem::JoinForm, kForm, kSite, kAccount});
    r.Add({kPost, "/{city}/{site}/join", "membership.join", mem::Join, kForm, kSite, kAccount});
    r.Add({kGet, "/{city}/{site}/members/pending", "membership.pending", mem::Pending, kForm, kSite,
           kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/members/{user}/approve", "membership.approve", mem::Approve, kForm, kSite,
           kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/members/{user}/reject", "membership.reject", mem::Reject, kForm, kSite,
           kSiteBuurtverbinder});
    r.Add({kGet, "/{city}/{site}/household-codes", "membership.codes_form", mem::HouseholdCodesForm, kForm, kSite,
           kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/household-codes", "membership.codes", mem::GenerateHouseholdCodes, kAddressList,
           kSite, kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/household-codes/csv", "membership.codes_csv", mem::HouseholdCodesCsv, kAddressList,
           kSite, kSiteBuurtverbinder});
    r.Add({kPost, "/{city}/{site}/household-codes/flyers", "membership.codes_flyers", mem::HouseholdCodesFlyers,
           kAddressList, kSite, kSiteBuurtverbinder});
    r.Add({kGet, "/{city}/{site}/invite", "membership.invite_form", mem::InviteForm, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/invite", "membership.invite", mem::Invite, kForm, kSite, kSiteMember});
    r.Add({kGet, "/{city}/{site}/invitation/{token}", "membership.invitation", mem::InvitationForm, kForm, kSite,
           kAccount});
    r.Add({kPost, "/{city}/{site}/invitation/{token}", "membership.accept_invitation", mem::AcceptInvitation, kForm,
           kSite, kAccount});
  }

  // News (issue 4 §2): anyone reads public news; verified members post and see members-only
  // news; the author or a buurtverbinder edits and deletes (checked by the NewsService: 403);
  // buurtverbinders pin. "nieuw" comes before "{id}".
  {
    namespace nws = handlers::news;
    constexpr std::size_t kNewsForm = 256 * 1024;  // 20,000 characters, percent-encoded
    r.Add({kGet, "/{city}/{site}/nieuws/", "news.list", nws::List, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/nieuws/nieuw", "news.new_form", nws::NewForm, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/nieuws/nieuw", "news.create", nws::Create, kNewsForm, kSite, kSiteMember});
    r.Add({kGet, "/{city}/{site}/nieuws/{id}", "news.show", nws::Show, kForm, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/nieuws/{id}/bewerken", "news.edit_form", nws::EditForm, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/nieuws/{id}/bewerken", "news.edit", nws::Edit, kNewsForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/nieuws/{id}/verwijderen", "news.delete", nws::Delete, kForm, kSite, kSiteMember});
    r.Add({kPost, "/{city}/{site}/nieuws/{id}/vastzetten", "news.pin", nws::Pin, kForm, kSite, kSiteBuurtverbinder});
  }

  // [agenda] >>>
  // [agenda] <<<

  // [market] >>>
  // [market] <<<

  // [messages] >>>
  // [messages] <<<

  // [groups] >>>
  // [groups] <<<

  // [questions] >>>
  // [questions] <<<

  // [search] >>>
  // [search] <<<

  // [api] >>>
  // [api] <<<

  // [directory] >>>
  // Sociale kaart (issue 5). The HSDS 3.0 API of each city: open data, read-only JSON.
  {
    namespace hsds = handlers::hsds;
    constexpr std::size_t kNoBody = 16 * 1024;
    r.Add({kGet, "/{city}/hsds/", "hsds.root", hsds::Root, kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/services", "hsds.services", hsds::Services, kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/services/{id}", "hsds.service", hsds::Service, kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/organizations", "hsds.organizations", hsds::Organizations, kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/organizations/{id}", "hsds.organization", hsds::Organization, kNoBody, kCity,
           kPublic});
    r.Add({kGet, "/{city}/hsds/service_at_locations", "hsds.service_at_locations", hsds::ServiceAtLocations, kNoBody,
           kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/service_at_locations/{id}", "hsds.service_at_location", hsds::ServiceAtLocation,
           kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/taxonomies", "hsds.taxonomies", hsds::Taxonomies, kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/hsds/taxonomy_terms", "hsds.taxonomy_terms", hsds::TaxonomyTerms, kNoBody, kCity, kPublic});
  }
  // Finding help: the whole city, and what serves one site's buurten; a service and an
  // organisation page. Organisation admins and the association change entries (checked by the
  // DirectoryService: 403 for anyone else).
  {
    namespace dir = handlers::directory;
    constexpr std::size_t kNoBody = 16 * 1024;
    constexpr std::size_t kEntryForm = 64 * 1024;
    r.Add({kGet, "/{city}/sociale-kaart/", "directory.city", dir::CityList, kNoBody, kCity, kPublic});
    r.Add({kGet, "/{city}/sociale-kaart/map.geojson", "directory.city_map", dir::CityMapGeoJson, kNoBody, kCity,
           kPublic});
    r.Add({kGet, "/{city}/sociale-kaart/diensten/{id}", "directory.service", dir::ShowService, kNoBody, kCity,
           kPublic});
    r.Add({kGet, "/{city}/sociale-kaart/diensten/{id}/bewerken", "directory.service_edit_form", dir::EditServiceForm,
           kNoBody, kCity, kAccount});
    r.Add({kPost, "/{city}/sociale-kaart/diensten/{id}/bewerken", "directory.service_edit", dir::EditService,
           kEntryForm, kCity, kAccount});
    r.Add({kPost, "/{city}/sociale-kaart/diensten/{id}/controleren", "directory.service_verify", dir::VerifyService,
           kNoBody, kCity, kOperator});
    r.Add({kGet, "/{city}/sociale-kaart/mijn-profiel", "directory.professional_form", dir::ProfessionalForm, kNoBody,
         kCity, kAccount});
  r.Add({kPost, "/{city}/sociale-kaart/mijn-profiel", "directory.professional_save", dir::SaveProfessional, kEntryForm,
         kCity, kAccount});
  r.Add({kGet, "/{city}/sociale-kaart/organisaties/{id}", "directory.organization", dir::ShowOrganization, kNoBody,
           kCity, kPublic});
    r.Add({kGet, "/{city}/{site}/sociale-kaart/", "directory.site", dir::SiteList, kNoBody, kSite, kPublic});
    r.Add({kGet, "/{city}/{site}/sociale-kaart/map.geojson", "directory.site_map", dir::SiteMapGeoJson, kNoBody, kSite,
           kPublic});
  }
  // [directory] <<<

  // [newsx] >>>
  // [newsx] <<<

  // Development mail: the .eml files of `make run` (404 outside development mode; issue 3 §2)
  r.Add({kGet, "/dev/mail", "dev.mail", dev::MailList, kForm, kPlatform, kDevelopment});
  r.Add({kGet, "/dev/mail/{file}", "dev.mail_show", dev::MailShow, kForm, kPlatform, kDevelopment});

  // JSON API (read-only)
  r.Add({kGet, "/api/v1/cities", "api.cities", sites::ApiCities, 16 * 1024, kPlatform, kPublic});
  r.Add({kGet, "/api/v1/cities/{city}/sites", "api.city_sites", sites::ApiCitySites, 16 * 1024, kCity, kPublic});

  // Platform, city portals, neighbourhood sites
  r.Add({kGet, "/", "platform.home", sites::PlatformHome, 16 * 1024, kPlatform, kPublic});
  r.Add({kGet, "/{city}/", "city.portal", sites::CityPortal, 16 * 1024, kCity, kPublic});
  r.Add({kGet, "/{city}/map.geojson", "city.map", sites::CityMapGeoJson, 16 * 1024, kCity, kPublic});
  r.Add({kGet, "/{city}/{site}/", "site.home", sites::SiteHome, 16 * 1024, kSite, kPublic});
  r.Add({kGet, "/{city}/{site}/map.geojson", "site.map", sites::SiteMapGeoJson, 16 * 1024, kSite, kPublic});
  r.Add({kGet, "/{city}/{site}/theme.css", "site.theme", sites::SiteTheme, 16 * 1024, kSite, kPublic});
}

}  // namespace buurtplein::http
