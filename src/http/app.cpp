#include "http/app.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "domain/security/csrf.hpp"
// [roles] >>>
#include "domain/roles/professional_service.hpp"
// [roles] <<<
#include "http/gzip.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http {

using view::Msg;

namespace {


std::string BodyEtag(std::string_view body) {
  unsigned char hash[12];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(body.data()), body.size(), nullptr, 0);
  char hex[25];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return std::string("\"") + hex + "\"";
}

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.empty()) return false;
  if (if_none_match == "*") return true;
  return if_none_match.find(etag) != std::string_view::npos;
}

struct StatusText {
  const char* title;
  const char* message;
};

StatusText TextFor(int status) {
  switch (status) {
    case 400: return {Msg("This request is not right"), Msg("Your browser sent a request we do not understand.")};
    case 401: return {Msg("Please log in"), Msg("You need to log in to see this page.")};
    case 403: return {Msg("Not allowed"), Msg("You are not allowed to do this.")};
    case 404: return {Msg("Page not found"), Msg("This page does not exist (any more).")};
    case 405: return {Msg("Not possible here"), Msg("This page cannot be used in this way.")};
    case 408: return {Msg("Too slow"), Msg("The request took too long. Please try again.")};
    case 409: return {Msg("Conflict"), Msg("This clashes with something that already exists.")};
    case 413: return {Msg("Too large"), Msg("What you sent is too large.")};
    case 422: return {Msg("Please check your input"), Msg("Something you entered is not right.")};
    case 429: return {Msg("Too many requests"), Msg("Please wait a moment and try again.")};
    case 431: return {Msg("Request headers too large"), Msg("Your browser sent too much information with this request. Deleting cookies for this site may help.")};
    case 503: return {Msg("Temporarily unavailable"), Msg("Buurtplein is very busy or under maintenance. Please try again in a minute.")};
    default: return {Msg("Something went wrong"), Msg("Something went wrong on our side. We have logged it. Please try again later.")};
  }
}

std::string_view CodeName(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthenticated";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 409: return "conflict";
    case 413: return "payload_too_large";
    case 422: return "validation";
    case 429: return "rate_limited";
    case 431: return "headers_too_large";
    case 503: return "unavailable";
    default: return "internal";
  }
}

bool IsApi(std::string_view path) { return path.rfind("/api/", 0) == 0; }

// Pages do not depend on the Host header (links are relative; canonical URLs come from the
// configuration) except that a site's own host name maps to that site: only such hosts are
// part of the key, so random Host headers cannot fill or flush the cache.
std::string CacheKey(const Request& req, view::Lang lang, const domain::sites::Directory& directory) {
  std::string key;
  key.reserve(req.path.size() + 64);
  std::string_view host = req.Header("host");
  if (auto colon = host.rfind(':'); colon != std::string_view::npos && host.find(']') == std::string_view::npos) {
    host = host.substr(0, colon);
  }
  std::string lower(host);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (directory.FindSiteByHost(lower)) key.append(lower);
  key.push_back('\0');
  key.append(req.path);
  key.push_back('\0');
  key.append(view::LangCode(lang));
  return key;
}

}  // namespace

int StatusFor(domain::ErrorCode code) {
  using domain::ErrorCode;
  switch (code) {
    case ErrorCode::kBadRequest: return 400;
    case ErrorCode::kValidation: return 422;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kRateLimited: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

bool HasSession(const Request& req) {
  return !req.Cookie(kSessionCookie).empty() || !req.Cookie(kSecureSessionCookie).empty();
}

App::App(Services services) : services_(std::move(services)) {
  AddRoutes(router_);
  std::string img_src = "'self' data:";
  if (!services_.options.tile_url.empty()) {
    // Allow the tile server's origin, and only that.
    const auto& t = services_.options.tile_url;
    auto scheme_end = t.find("://");
    auto host_end = scheme_end == std::string::npos ? std::string::npos : t.find('/', scheme_end + 3);
    std::string origin = t.substr(0, host_end);
    for (const char* ph : {"{s}.", "{s}"}) {
      if (auto p = origin.find(ph); p != std::string::npos) origin.replace(p, std::string_view(ph).size(), "*.");
    }
    img_src += " " + origin;
  }
  csp_ = "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + img_src +
         "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
         "frame-ancestors 'none'";
  // Pages meant for other websites' frames (Response::embeddable) allow any frame ancestor.
  embeddable_csp_ = csp_.substr(0, csp_.rfind("frame-ancestors")) + "frame-ancestors *";
}

bool App::ParseTarget(Request& req) {
  std::string_view target = req.target;
  if (target.empty() || target.front() != '/') return false;
  auto q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  req.query = q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1));
  if (!PercentDecode(raw_path, req.path, false)) return false;
  // No control characters in a path: they have no use in our URLs and could end up in headers.
  for (unsigned char c : req.path) {
    if (c < 0x20 || c == 0x7F) return false;
  }
  // No way out of a path: ".." segments and backslashes are refused outright.
  for (auto seg : SplitPath(req.path)) {
    if (seg == ".." || seg == ".") return false;
  }
  return req.path.find('\\') == std::string::npos;
}

std::optional<std::size_t> App::BodyLimit(const Request& req) const {
  auto match = router_.Find(req.method, req.path);
  if (!match.route) return std::nullopt;
  return match.route->body_limit;
}

view::Lang App::ChooseLang(const Request& req) const {
  view::Lang lang;
  if (!req.query.empty()) {
    if (view::ParseLang(req.Query("lang"), lang)) return lang;
  }
  if (view::ParseLang(req.Cookie("lang"), lang)) return lang;
  return view::NegotiateLang(req.Header("accept-language"));
}

std::optional<Response> App::TryFast(const Request& req) {
  if (req.method != Method::kGet && req.method != Method::kHead) return std::nullopt;
  if (req.path.rfind("/static/", 0) == 0) {
    bool hashed = false;
    const StaticFile* f = services_.static_files.Find(std::string_view(req.path).substr(8), &hashed);
    if (!f) return std::nullopt;  // the handler renders the 404 page
    Response r;
    r.route = "static";
    r.content_type = f->content_type;
    r.SetHeader("ETag", f->etag);
    r.SetHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "public, max-age=300");
    if (!f->gzip_body.empty()) r.SetHeader("Vary", "Accept-Encoding");
    if (EtagMatches(req.Header("if-none-match"), f->etag)) {
      r.status = 304;
    } else if (!f->gzip_body.empty() && AcceptsGzip(req.Header("accept-encoding"))) {
      r.body = f->gzip_body;
      r.SetHeader("Content-Encoding", "gzip");
    } else {
      r.body = f->body;
    }
    Finalize(req, r);
    return r;
  }
  if (!req.query.empty() || HasSession(req)) return std::nullopt;
  auto page = services_.cache.Find(CacheKey(req, ChooseLang(req), *services_.sites.directory()));
  if (!page) return std::nullopt;
  Response r;
  r.route = "cached";
  r.content_type = page->content_type;
  r.embeddable = page->embeddable;
  r.SetHeader("ETag", page->etag);
  r.SetHeader("Cache-Control", "no-cache");
  r.SetHeader("Vary", "Accept-Encoding, Accept-Language, Cookie");
  if (EtagMatches(req.Header("if-none-match"), page->etag)) {
    r.status = 304;
  } else if (!page->gzip_body.empty() && AcceptsGzip(req.Header("accept-encoding"))) {
    r.body = page->gzip_body;
    r.SetHeader("Content-Encoding", "gzip");
  } else {
    r.body = page->body;
  }
  Finalize(req, r);
  return r;
}

Response App::Handle(const Request& req) {
  Context ctx{req, services_};
  ctx.lang = ChooseLang(req);
  ctx.directory = services_.sites.directory();

  // A site's own host name maps onto its path form: https://oost.example.nl/x → /nijmegen/oost/x.
  std::string host(req.Header("host"));
  if (auto colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos) {
    host.resize(colon);
  }
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string routed_path = req.path;
  bool via_host = false;
  if (const auto* site = ctx.directory->FindSiteByHost(host)) {
    if (const auto* city = ctx.directory->CityOf(*site)) {
      routed_path = "/" + city->slug + "/" + site->slug + req.path;
      via_host = true;
    }
  }

  const bool anonymous_get = (req.method == Method::kGet || req.method == Method::kHead) && !HasSession(req);
  auto match = router_.Find(req.method, routed_path);
  Response resp;
  if (!match.route && match.allow.empty() && routed_path.back() != '/' &&
      (req.method == Method::kGet || req.method == Method::kHead)) {
    // "/nijmegen" → "/nijmegen/": one canonical address per page.
    auto with_slash = router_.Find(Method::kGet, routed_path + "/");
    bool exists = with_slash.route && with_slash.route->scope != Scope::kPlatform;
    if (exists) {
      const auto segs = SplitPath(routed_path);
      const auto* city = ctx.directory->FindCity(segs[0]);
      exists = city && (with_slash.route->scope == Scope::kCity ||
                        (segs.size() > 1 && ctx.directory->FindSite(city->slug, segs[1])));
    }
    if (exists) {
      resp = Redirect(308, req.path + "/" + (req.query.empty() ? "" : "?" + req.query));
      resp.route = "redirect";
      Finalize(req, resp);
      return resp;
    }
  }
  if (!match.route) {
    if (!match.allow.empty()) {
      resp = RenderError(req, ctx.lang, 405, TextFor(405).message, nullptr, {});
      resp.SetHeader("Allow", match.allow);
    } else {
      // An unknown site in a known city: help the visitor on to the city's sites.
      const domain::sites::City* city = nullptr;
      auto segs = SplitPath(routed_path);
      if (!segs.empty()) city = ctx.directory->FindCity(segs[0]);
      resp = RenderError(req, ctx.lang, 404, TextFor(404).message, city, {});
    }
    Finalize(req, resp);
    return resp;
  }

  const std::string cache_key = CacheKey(req, ctx.lang, *ctx.directory);
  ctx.params = std::move(match.params);
  if (match.route->scope != Scope::kPlatform) {
    ctx.city = ctx.directory->FindCity(ctx.Param("city"));
    if (!ctx.city) {
      resp = RenderError(req, ctx.lang, 404, Msg("We do not know this city on Buurtplein."), nullptr, {});
      resp.route = match.route->name;
      Finalize(req, resp);
      return resp;
    }
    ctx.city_url = CityUrl(*ctx.city);
    if (match.route->scope == Scope::kSite) {
      ctx.site = ctx.directory->FindSite(ctx.city->slug, ctx.Param("site"));
      if (!ctx.site) {
        resp = RenderError(req, ctx.lang, 404, Msg("This neighbourhood site does not exist."), ctx.city, {});
        resp.route = match.route->name;
        Finalize(req, resp);
        return resp;
      }
      ctx.site_url = via_host ? "/" : SiteUrl(*ctx.city, *ctx.site);
    }
  }

  const domain::SiteId cache_site = ctx.site ? ctx.site->id : domain::SiteId{};
  const domain::CityId cache_city = ctx.city && !ctx.site ? ctx.city->id : domain::CityId{};
  const std::uint64_t generation = services_.cache.Generation(cache_site, cache_city);
  if (auto refused = Guard(ctx, *match.route)) {
    resp = std::move(*refused);
  } else {
    resp = Dispatch(ctx, match);
  }
  resp.route = match.route->name;
  for (auto& cookie : ctx.set_cookies) resp.headers.emplace_back("Set-Cookie", std::move(cookie));
  if (!ctx.set_cookies.empty()) resp.cacheable = false;

  if (!req.query.empty() && !req.Query("lang").empty()) {
    view::Lang chosen;
    if (view::ParseLang(req.Query("lang"), chosen)) {
      resp.headers.emplace_back("Set-Cookie", std::string("lang=") + std::string(view::LangCode(chosen)) +
                                                  "; Path=/; Max-Age=31536000; SameSite=Lax" +
                                                  (req.secure ? "; Secure" : ""));
    }
  }

  if (resp.status == 200 && resp.cacheable && anonymous_get && req.query.empty()) {
    auto page = std::make_shared<CachedPage>();
    page->body = resp.body;
    page->content_type = resp.content_type;
    page->etag = BodyEtag(page->body);
    if (IsCompressible(page->content_type) && page->body.size() > 256) page->gzip_body = Gzip(page->body);
    page->site = cache_site;
    page->city = cache_city;
    page->generation = generation;
    page->expires_at = resp.cache_expires_at;
    page->embeddable = resp.embeddable;
    services_.cache.Store(cache_key, page);
    resp.SetHeader("ETag", page->etag);
    resp.SetHeader("Cache-Control", "no-cache");
    resp.SetHeader("Vary", "Accept-Encoding, Accept-Language, Cookie");
    if (EtagMatches(req.Header("if-none-match"), page->etag)) {
      resp.status = 304;
      resp.body.clear();
    } else if (!page->gzip_body.empty() && AcceptsGzip(req.Header("accept-encoding"))) {
      resp.body = page->gzip_body;
      resp.SetHeader("Content-Encoding", "gzip");
    }
  }
  Finalize(req, resp);
  return resp;
}

std::optional<Response> App::Guard(Context& ctx, const Route& route) {
  using domain::accounts::Decision;
  const Request& req = ctx.req;
  // Who is asking: the session behind the cookie, and their membership of this site.
  ctx.session_token = std::string(req.Cookie(req.secure ? kSecureSessionCookie : kSessionCookie));
  if (!ctx.session_token.empty() && services_.accounts) {
    ctx.auth = services_.accounts->Authenticate(ctx.session_token);
    if (!ctx.auth) {
      // An ended or expired session: remove the cookie so the browser stops sending it.
      CookieOptions o;
      o.secure = req.secure;
      o.max_age_seconds = 0;
      ctx.set_cookies.push_back(SetCookieValue(req.secure ? kSecureSessionCookie : kSessionCookie, "", o));
    }
  }
  // Membership of this site and a role in its city's association: one query.
  bool city_board = false, professional_profile = false;
  if (ctx.auth && ctx.site) {
    auto standing = services_.store.memberships().FindStanding(ctx.site->id, ctx.site->city_id, ctx.auth->user.id);
    ctx.membership = std::move(standing.membership);
    city_board = standing.city_board;
    professional_profile = standing.has_professional_profile;
  }
  // [roles] >>>
  // A professional working in this site (the sociale kaart's link and profile; one query).
  if (professional_profile && services_.professionals) {
    ctx.professional = services_.professionals->RoleIn(*ctx.site, ctx.auth->user.id);
  }
  // [roles] <<<

  domain::accounts::Actor actor;
  if (ctx.auth) {
    actor.logged_in = true;
    actor.second_factor_done = ctx.auth->session.second_factor_done;
    actor.operator_ = ctx.auth->user.is_operator;
    actor.email_verified = ctx.auth->user.email_verified_at.has_value();
    actor.has_totp = !ctx.auth->user.totp_secret.empty();
    actor.membership = ctx.membership;
    actor.professional = ctx.professional.has_value();
    // The association board of the request's city (one indexed lookup on city and site pages).
    if (ctx.site) actor.city_board = city_board;
    else if (ctx.city) actor.city_board = !services_.store.city_roles().FindCityRoles(ctx.city->id, ctx.auth->user.id).empty();
  }
  switch (domain::accounts::Decide(actor, route.access, services_.options.dev_mode)) {
    case Decision::kAllow: break;
    case Decision::kNeedLogin: {
      if (req.method != Method::kGet && req.method != Method::kHead) {
        return RenderError(req, ctx.lang, 401, TextFor(401).message, nullptr, {});
      }
      std::string next;
      PercentEncode(req.target, next);
      return Redirect(303, "/account/login?next=" + next);
    }
    case Decision::kNeedSecondFactor: return Redirect(303, "/account/login/second-factor");
    case Decision::kNeedTwoFactorSetup: return Redirect(303, "/account/two-factor");
    case Decision::kAlreadyLoggedIn: return Redirect(303, "/account/");
    case Decision::kForbidden: return RenderError(req, ctx.lang, 403, TextFor(403).message, nullptr, {});
    case Decision::kNotFound: return RenderError(req, ctx.lang, 404, TextFor(404).message, nullptr, {});
  }

  // Every state-changing request: from our own pages (Origin, else Referer) and with the form's
  // CSRF token, bound to the session or, before login, to the visitor's CSRF cookie.
  if (req.method != Method::kGet && req.method != Method::kHead && req.method != Method::kOptions) {
    auto header = [&req](std::string_view name) -> std::optional<std::string_view> {
      for (const auto& [k, v] : req.headers) {
        if (k == name) return std::string_view(v);
      }
      return std::nullopt;
    };
    const bool origin_ok =
        domain::security::OriginAllowed(header("origin"), header("referer"), req.Header("host"), req.secure);
    const std::string binding = ctx.CsrfBinding();
    const bool token_ok = services_.csrf_key && !binding.empty() &&
                          domain::security::VerifyCsrf(*services_.csrf_key, binding, req.Form("csrf"));
    if (!origin_ok || !token_ok) {
      spdlog::info("request {}: refused, {}", req.request_id, origin_ok ? "CSRF token missing or wrong" : "cross-origin");
      return RenderError(req, ctx.lang, 403,
                         Msg("This form has expired or did not come from this site. Go back, reload the page and try again."),
                         nullptr, {});
    }
  }
  return std::nullopt;
}

Response App::Dispatch(Context& ctx, const Router::Match& match) {
  try {
    auto result = match.route->handler(ctx);
    if (result) return std::move(result).value();
    const auto& err = result.error();
    Response r = RenderError(ctx.req, ctx.lang, StatusFor(err.code), err.public_message, ctx.city, err.internal_detail);
    if (err.retry_after_seconds > 0) r.SetHeader("Retry-After", std::to_string(err.retry_after_seconds));
    return r;
  } catch (const std::exception& e) {
    return RenderError(ctx.req, ctx.lang, 500, TextFor(500).message, nullptr, e.what());
  }
}

Response App::ErrorPage(const Request& req, int status) {
  Response r = RenderError(req, ChooseLang(req), status, TextFor(status).message, nullptr, {});
  Finalize(req, r);
  return r;
}

Response App::RenderError(const Request& req, view::Lang lang, int status, const std::string& message,
                          const domain::sites::City* city, const std::string& internal_detail) {
  if (status >= 500) {
    spdlog::error("request {} failed: {}", req.request_id, internal_detail);
  } else if (!internal_detail.empty()) {
    spdlog::debug("request {}: {}", req.request_id, internal_detail);
  }
  Response r;
  r.status = status;
  const auto& catalogs = services_.catalogs;
  const std::string title = catalogs.Translate(lang, TextFor(status).title);
  const std::string text = catalogs.Translate(lang, message);
  if (IsApi(req.path)) {
    r.content_type = "application/json";
    nlohmann::json j = {{"error",
                         {{"status", status},
                          {"code", CodeName(status)},
                          {"message", text},
                          {"request_id", req.request_id}}}};
    r.body = j.dump();
    return r;
  }
  try {
    Context ctx{req, services_};
    ctx.lang = lang;
    nlohmann::json d = ctx.PageData(title);
    d["status"] = status;
    d["title"] = title;
    d["message"] = text;
    d["request_id"] = req.request_id;
    d["show_request_id"] = status >= 500;
    if (city) {
      nlohmann::json sites = nlohmann::json::array();
      for (const auto& s : services_.sites.directory()->SitesOf(*city)) {
        sites.push_back({{"name", s.name}, {"url", SiteUrl(*city, s)}});
      }
      d["city"] = {{"name", city->name}, {"slug", city->slug}, {"url", CityUrl(*city)}, {"sites", sites}};
    }
    r.body = services_.renderer.RenderPage("errors/error", lang, std::move(d));
  } catch (const std::exception& e) {
    // The error page itself failed: a plain page that cannot fail.
    spdlog::error("request {}: error page failed: {}", req.request_id, e.what());
    r.content_type = "text/plain; charset=utf-8";
    r.body = title + "\n" + text + "\n" + req.request_id + "\n";
  }
  return r;
}

void App::Finalize(const Request& req, Response& resp) const {
  resp.SetHeader("Content-Security-Policy", resp.embeddable ? embeddable_csp_ : csp_);
  resp.SetHeader("X-Content-Type-Options", "nosniff");
  resp.SetHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  if (!resp.embeddable) resp.SetHeader("X-Frame-Options", "DENY");
  resp.SetHeader("X-Request-Id", req.request_id);
  if (req.secure) resp.SetHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  // The read-only JSON API may be called from any other website (issue 4 §10); it reads no
  // cookie-protected data, so no credentials are allowed.
  if (IsApi(req.path) && (req.method == Method::kGet || req.method == Method::kHead)) {
    resp.SetHeader("Access-Control-Allow-Origin", "*");
  }
  if (HasSession(req) && resp.route != "static") {
    // Nothing rendered for a logged-in person is stored by any cache, their browser's included.
    // Static files are the same bytes for everyone and read no cookie: they keep their caching
    // (docs/decisions/0005).
    resp.SetHeader("Cache-Control", "no-store");
  } else if (resp.GetHeader("Cache-Control").empty()) {
    resp.SetHeader("Cache-Control", resp.status >= 400 ? "no-store" : "no-cache");
  }
  if (resp.GetHeader("Content-Encoding").empty() && resp.body.size() > 256 && IsCompressible(resp.content_type) &&
      AcceptsGzip(req.Header("accept-encoding"))) {
    resp.body = Gzip(resp.body);
    resp.SetHeader("Content-Encoding", "gzip");
    resp.SetHeader("Vary", "Accept-Encoding");
  }
}

void App::Complete(const Request& req, const Response& resp, double seconds) {
  services_.metrics.Observe(resp.route, resp.status, seconds);
  // Links from mails carry secrets in the path: log the route's start, never the token.
  std::string_view logged_path = req.path;
  for (std::string_view secret_prefix : {"/account/verify/", "/account/reset/", "/account/email/confirm/"}) {
    if (logged_path.rfind(secret_prefix, 0) == 0 && logged_path.size() > secret_prefix.size()) {
      logged_path = secret_prefix;
    }
  }
  // Invitation links (/{city}/{site}/invitation/{token}) too: keep the path up to the token.
  if (auto at = logged_path.find("/invitation/"); at != std::string_view::npos) {
    logged_path = logged_path.substr(0, at + 12);
  }
  if (services_.options.log_json) {
    nlohmann::json j = {{"method", MethodName(req.method)}, {"route", resp.route},   {"path", logged_path},
                        {"status", resp.status},            {"ms", seconds * 1000}, {"request_id", req.request_id}};
    spdlog::info("{}", j.dump());
  } else {
    spdlog::info("{} {} {} {} {:.3f}ms {}", MethodName(req.method), logged_path, resp.route, resp.status,
                 seconds * 1000, req.request_id);
  }
}

}  // namespace buurtplein::http
