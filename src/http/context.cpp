#include "http/context.hpp"

#include "domain/mail/mail_service.hpp"
#include "domain/security/tokens.hpp"
#include "view/i18n.hpp"
#include "view/renderer.hpp"

// [village] >>>
#include "domain/messages/message_service.hpp"
// [village] <<<

namespace buurtplein::http {

const std::string& Context::Param(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return kEmpty;
}

std::string CityUrl(const domain::sites::City& city) { return "/" + city.slug + "/"; }

std::string SiteUrl(const domain::sites::City& city, const domain::sites::Site& site) {
  return "/" + city.slug + "/" + site.slug + "/";
}

std::string Context::CsrfBinding() const {
  if (auth) return "s:" + auth->session.token_hash;
  std::string_view cookie = req.Cookie(req.secure ? kSecureCsrfCookie : kCsrfCookie);
  if (cookie.empty()) cookie = new_csrf_cookie_;
  return cookie.empty() ? std::string() : "a:" + std::string(cookie);
}

std::string Context::CsrfToken() const {
  if (!services.csrf_key) return {};
  if (CsrfBinding().empty()) {
    new_csrf_cookie_ = domain::security::NewToken();
    CookieOptions o;
    o.secure = req.secure;
    set_cookies.push_back(SetCookieValue(req.secure ? kSecureCsrfCookie : kCsrfCookie, new_csrf_cookie_, o));
  }
  return domain::security::CsrfTokenFor(*services.csrf_key, CsrfBinding());
}

domain::accounts::RequestInfo Context::Info() const {
  domain::accounts::RequestInfo info;
  info.ip = req.remote_addr;
  info.user_agent = std::string(req.Header("user-agent"));
  info.base_url = services.options.public_url;
  return info;
}

nlohmann::json Context::PageData(const std::string& page_title) const {
  nlohmann::json d;
  d["lang"] = view::LangCode(lang);
  d["is_nl"] = lang == view::Lang::kNl;
  d["is_en"] = lang == view::Lang::kEn;
  d["page_title"] = page_title;
  d["home_url"] = "/";
  d["assets"] = services.static_files.assets();
  d["lang_nl_url"] = req.path + "?lang=nl";
  d["lang_en_url"] = req.path + "?lang=en";
  d["needs_map"] = false;
  if (auth) {
    d["user"] = {{"display_name", auth->user.display_name}, {"account_url", "/account/"}};
    d["csrf"] = CsrfToken();
  }
  if (city) {
    d["city"] = {{"name", city->name},
                 {"slug", city->slug},
                 {"url", city_url},
                 {"association_name", city->association_name}};
  }
  // OpenGraph: every page can be shared with a preview; handlers refine it (og:type article, a
  // summary as description, an image).
  d["og"] = {{"type", "website"},
             {"title", page_title},
             {"description", site && !site->tagline.empty()
                                 ? site->tagline
                                 : T(view::Msg("Buurtplein: an online village square for every neighbourhood"))},
             {"site_name", site ? site->name : city ? "Buurtplein " + city->name : std::string("Buurtplein")},
             {"url", PublicUrl(req.path)},
             {"locale", lang == view::Lang::kNl ? "nl_NL" : "en_GB"}};
  d["alternates"] = nlohmann::json::array();
  if (site) {
    AddAlternate(d, "application/atom+xml", T(view::Msg("News")) + " – " + site->name, PublicUrl(site_url + "nieuws.atom"));
  } else if (city) {
    AddAlternate(d, "application/atom+xml", T(view::Msg("News")) + " – " + city->name, PublicUrl(city_url + "nieuws.atom"));
  }
  if (site) {
    d["site"] = {{"name", site->name},
                 {"tagline", site->tagline},
                 {"url", site_url},
                 {"theme_css_url", site_url + "theme.css"},
                 {"logo_url", site->logo_path.empty() ? "" : "/static/" + site->logo_path},
                 {"is_building", site->status == domain::sites::SiteStatus::kBuilding}};
  }
  // [village] >>>
  // The messages link with its unread count (issue 4 §7) for a verified member of the site: one
  // COUNT per page, only with a login (anonymous pages are cached and never carry it).
  if (auto badge = UnreadBadgeHtml()) {
    d["messages_link"] = {{"url", site_url + "berichten/"}, {"unread_html", std::move(*badge)}};
  }
  // [village] <<<
  return d;
}

// [village] >>>
std::optional<std::string> Context::UnreadBadgeHtml() const {
  if (!auth || !site || !services.messages) return std::nullopt;
  const auto viewer = domain::messages::Viewer::Of(auth->user.id, membership);
  if (!viewer.member) return std::nullopt;
  const std::int64_t unread = services.messages->Unread(site->id, viewer);
  if (unread <= 0) return std::string();
  const std::string n = std::to_string(unread);
  return " <span class=\"unread-count\" aria-hidden=\"true\">(" + n + ")</span><span class=\"visually-hidden\"> (" +
         view::TemplateEscape(n + " " + T(view::Msg("unread"))) + ")</span>";
}
// [village] <<<

std::string Context::PublicUrl(const std::string& path) const {
  if (site && city && path.rfind(site_url, 0) == 0) {
    return domain::mail::Link(domain::mail::SiteBaseUrl(services.options.public_url, *city, *site),
                              std::string_view(path).substr(site_url.size()));
  }
  return domain::mail::Link(services.options.public_url, path);
}

void AddAlternate(nlohmann::json& page_data, const std::string& type, const std::string& title,
                  const std::string& href) {
  page_data["alternates"].push_back({{"type", type}, {"title", title}, {"href", href}});
}

Response Context::Page(const std::string& template_name, nlohmann::json data) const {
  Response r;
  r.body = services.renderer.RenderPage(template_name, lang, std::move(data));
  return r;
}

}  // namespace buurtplein::http
