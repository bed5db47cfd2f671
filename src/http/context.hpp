#pragma once
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/accounts/account_service.hpp"
#include "domain/accounts/membership_service.hpp"
#include "domain/accounts/policy.hpp"
#include "domain/accounts/privacy_service.hpp"
#include "domain/accounts/role_service.hpp"
#include "domain/mail/mailbox.hpp"
#include "domain/accounts/two_factor_service.hpp"
#include "domain/news/news_service.hpp"
#include "domain/profiles/profile_service.hpp"
#include "domain/security/csrf.hpp"
#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/page_cache.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "view/i18n.hpp"
#include "view/renderer.hpp"

// Services of features, declared here so the context does not pull in their headers
// [agenda] >>>
namespace buurtplein::domain::events {
class EventService;
}
// [agenda] <<<

// [market] >>>
namespace buurtplein::domain::market {
class MarketService;
}
// [market] <<<

// [messages] >>>
namespace buurtplein::domain::messages {
class MessageService;
}
// [messages] <<<

// [groups] >>>
namespace buurtplein::domain::groups {
class GroupService;
}
// [groups] <<<

// [questions] >>>
namespace buurtplein::domain::questions {
class QuestionService;
}
// [questions] <<<

// [search] >>>
namespace buurtplein::domain::search {
class SearchService;
}
// [search] <<<

// [api] >>>
namespace buurtplein::domain::feeds {
class FeedService;
}
// [api] <<<

// [directory] >>>
namespace buurtplein::domain::directory {
class DirectoryService;
}
// [directory] <<<

// [newsx] >>>
// [newsx] <<<

// [roles] >>>
namespace buurtplein::domain::roles {
class ProfessionalService;
}
// [roles] <<<


namespace buurtplein::http {

/// Settings of the HTTP layer, from the configuration.
struct HttpOptions {
  bool trust_proxy = false;      ///< take https from X-Forwarded-Proto (behind a reverse proxy)
  std::string tile_url;          ///< map tile URL template; empty: boundaries only
  std::string tile_attribution;  ///< shown with the tiles
  bool log_json = false;         ///< request log as JSON lines
  bool dev_mode = false;         ///< development pages (make run)
  std::string public_url = "http://localhost:8080/";  ///< base of links in mails, ends in '/'
};

/// Everything a handler may use, wired once by the composition root (src/app).
struct Services {
  domain::Store& store;
  domain::sites::SiteService& sites;
  const view::Catalogs& catalogs;
  const view::Renderer& renderer;
  const StaticFiles& static_files;
  PageCache& cache;
  Metrics& metrics;
  HttpOptions options;
  domain::accounts::AccountService* accounts = nullptr;
  domain::accounts::TwoFactorService* two_factor = nullptr;
  domain::accounts::MembershipService* memberships = nullptr;  ///< joining and verification
  const domain::security::CsrfKey* csrf_key = nullptr;
  domain::accounts::PrivacyService* privacy = nullptr;  ///< download my data, delete my account
  domain::accounts::RoleService* roles = nullptr;  ///< board, buurtverbinders, operators (/beheer/)
  domain::profiles::ProfileService* profiles = nullptr;  ///< residents' profiles and photos
  domain::news::NewsService* news = nullptr;  ///< neighbourhood news (issue 4 §2)
  // [agenda] >>>
  domain::events::EventService* events = nullptr;  ///< the agenda (issue 4 §3)
  // [agenda] <<<

  // [market] >>>
  domain::market::MarketService* market = nullptr;  ///< ask & offer, matches (issue 4 §4)
  // [market] <<<

  // [messages] >>>
  domain::messages::MessageService* messages = nullptr;  ///< private messages (issue 4 §7)
  // [messages] <<<

  // [groups] >>>
  domain::groups::GroupService* groups = nullptr;  ///< groups and initiatives (issue 4 §5)
  // [groups] <<<

  // [questions] >>>
  domain::questions::QuestionService* questions = nullptr;  ///< buurtvragen (issue 4 §6)
  // [questions] <<<

  // [search] >>>
  domain::search::SearchService* search = nullptr;  ///< site and city search (issue 4 §8)
  // [search] <<<

  // [api] >>>
  domain::feeds::FeedService* feeds = nullptr;  ///< public news for Atom feeds and the JSON API
  // [api] <<<

  // [directory] >>>
  domain::directory::DirectoryService* directory = nullptr;  ///< the sociale kaart (issue 5)
  // [directory] <<<

  // [newsx] >>>
  // [newsx] <<<
  // [roles] >>>
  domain::roles::ProfessionalService* professionals = nullptr;  ///< professionals in sites (issue 3 §4, 5 §6)
  // [roles] <<<

  const domain::mail::Mailbox* dev_mailbox = nullptr;   ///< the .eml files (mail_transport "file")
};

/// One request on its way through a handler: the tenant resolved once, the language chosen.
struct Context {
  const Request& req;
  const Services& services;
  Params params;
  view::Lang lang = view::Lang::kNl;
  std::shared_ptr<const domain::sites::Directory> directory;
  const domain::sites::City* city = nullptr;  ///< set for city and site routes
  const domain::sites::Site* site = nullptr;  ///< set for site routes
  std::string city_url;  ///< "/nijmegen/"
  std::string site_url;  ///< "/nijmegen/oost/", or "/" on the site's own host name
  std::optional<domain::accounts::Authenticated> auth;      ///< the logged-in user, if any
  std::optional<domain::accounts::Membership> membership;   ///< their membership of `site`
  // [roles] >>>
  /// Set when the logged-in user is a professional working in `site` (the policy decides).
  std::optional<domain::accounts::ProfessionalRole> professional;
  // [roles] <<<
  std::string session_token;  ///< the cookie's token, for logout

  /// The CSRF token for forms on this page; for a visitor who is not logged in it is bound to a
  /// random cookie, set on this response when absent.
  std::string CsrfToken() const;
  /// What the CSRF token is bound to: the session, or the visitor's CSRF cookie ("" if none).
  std::string CsrfBinding() const;
  /// Set-Cookie values the app adds to the response.
  mutable std::vector<std::string> set_cookies;
  /// A CSRF cookie created during this request (internal to CsrfToken).
  mutable std::string new_csrf_cookie_;

  /// Information for the account service (IP, browser, base URL for mail links).
  domain::accounts::RequestInfo Info() const;

  /// A path parameter of the matched route.
  const std::string& Param(std::string_view name) const;
  /// Translates a msgid into the request's language.
  std::string T(const std::string& msgid) const { return services.catalogs.Translate(lang, msgid); }
  /// The data every page layout needs: language, assets, branding of the city and site, and
  /// the head: OpenGraph defaults ("og": type website, title = page title, the site's tagline as
  /// description, the canonical URL from public_url, site name, locale; a handler changes fields
  /// or sets "image") and "alternates" (feeds of the page: on every page of a site its news
  /// feed, on city pages the city's; add more with AddAlternate).
  nlohmann::json PageData(const std::string& page_title) const;
  // [village] >>>
  /// The unread count after the header's messages link, as HTML (" <span …>(2)</span>…", ""
  /// with nothing unread); nullopt when the viewer has no messages link here (not a verified
  /// member of the site). One COUNT query; the site home's cached shell fills it in per request.
  std::optional<std::string> UnreadBadgeHtml() const;
  // [village] <<<
  /// The absolute public address of `path` (a path as routed here, e.g. ctx.site_url +
  /// "nieuws/3"), from the configured public_url and the site's own host name, never from the
  /// request's Host header: pages with it are cached and served to everyone.
  std::string PublicUrl(const std::string& path) const;
  /// Renders a page template inside the base layout as an HTML response.
  Response Page(const std::string& template_name, nlohmann::json data) const;
};

/// Cookie names; the __Host- forms are used over HTTPS (bound to the host, Secure, Path=/).
inline constexpr const char* kSessionCookie = "bp_session";
inline constexpr const char* kSecureSessionCookie = "__Host-bp_session";
inline constexpr const char* kCsrfCookie = "bp_csrf";
inline constexpr const char* kSecureCsrfCookie = "__Host-bp_csrf";

/// Adds a `<link rel="alternate" type=… title=… href=…>` to the page's head (feed
/// autodiscovery: Atom, iCal, …). `page_data` is what Context::PageData returned.
void AddAlternate(nlohmann::json& page_data, const std::string& type, const std::string& title,
                  const std::string& href);

/// URL of the city portal and of a site (path form).
std::string CityUrl(const domain::sites::City& city);
std::string SiteUrl(const domain::sites::City& city, const domain::sites::Site& site);

}  // namespace buurtplein::http
