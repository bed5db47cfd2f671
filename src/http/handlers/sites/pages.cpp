#include "http/handlers/sites/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "http/handlers/news/pages.hpp"
// [agenda] >>>
#include "http/handlers/events/pages.hpp"
// [agenda] <<<

// [market] >>>
#include "http/handlers/market/pages.hpp"
// [market] <<<

// [messages] >>>
// [messages] <<<

// [groups] >>>
#include "http/handlers/groups/pages.hpp"
// [groups] <<<

// [questions] >>>
#include "http/handlers/questions/pages.hpp"
// [questions] <<<

// [search] >>>
// [search] <<<

// [api] >>>
// [api] <<<

// [directory] >>>
#include "http/handlers/directory/pages.hpp"
// [directory] <<<

// [newsx] >>>
// [newsx] <<<

#include "http/shell.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::sites {

using domain::sites::Area;
using domain::sites::AreaLevel;
using domain::sites::City;
using domain::sites::Site;
using view::Msg;

namespace {

std::unordered_map<std::string, Area> AreasByCode(Context& ctx, const City& city, AreaLevel level) {
  std::unordered_map<std::string, Area> out;
  for (auto& a : ctx.services.store.areas().ListAreas(city.gemeente_code, level)) out.emplace(a.code, std::move(a));
  return out;
}

// Only the site's own buurten (a city may have hundreds).
std::unordered_map<std::string, Area> SiteAreas(Context& ctx, const Site& site) {
  std::unordered_map<std::string, Area> out;
  for (const auto& code : site.buurt_codes) {
    if (auto a = ctx.services.store.areas().FindArea(code)) out.emplace(code, std::move(*a));
  }
  return out;
}

nlohmann::json MapData(Context& ctx, const std::string& geojson_url, double lat, double lon, int zoom) {
  return {{"geojson_url", geojson_url},
          {"tile_url", ctx.services.options.tile_url},
          {"tile_attribution", ctx.services.options.tile_attribution},
          {"center_lat", fmt::format("{:.5f}", lat)},
          {"center_lon", fmt::format("{:.5f}", lon)},
          {"zoom", std::to_string(zoom)}};
}

// One GeoJSON feature per buurt: its polygon where known, else its CBS label point.
nlohmann::json BuurtFeatures(const City& city, const std::vector<Site>& sites,
                             const std::unordered_map<std::string, Area>& buurten,
                             const std::unordered_set<std::string>* only) {
  std::unordered_map<std::string, const Site*> site_of;
  for (const auto& s : sites) {
    for (const auto& code : s.buurt_codes) site_of[code] = &s;
  }
  nlohmann::json features = nlohmann::json::array();
  std::vector<const Area*> ordered;
  for (const auto& [code, a] : buurten) {
    if (!only || only->count(code)) ordered.push_back(&a);
  }
  std::sort(ordered.begin(), ordered.end(), [](const Area* a, const Area* b) { return a->code < b->code; });
  for (const Area* a : ordered) {
    nlohmann::json geometry;
    if (!a->geometry_json.empty()) {
      geometry = nlohmann::json::parse(a->geometry_json, nullptr, false);
    }
    if (geometry.is_discarded() || geometry.is_null()) {
      geometry = {{"type", "Point"}, {"coordinates", {a->lon, a->lat}}};
    }
    auto it = site_of.find(a->code);
    const Site* s = it == site_of.end() ? nullptr : it->second;
    features.push_back({{"type", "Feature"},
                        {"geometry", std::move(geometry)},
                        {"properties",
                         {{"code", a->code},
                          {"name", a->name},
                          {"site_name", s ? s->name : ""},
                          {"site_url", s ? SiteUrl(city, *s) : ""},
                          {"colour", s ? s->primary_colour : ""}}}});
  }
  return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

Response Json(const nlohmann::json& j) {
  Response r;
  r.content_type = "application/json";
  r.body = j.dump();
  r.cacheable = true;
  return r;
}

}  // namespace

domain::Result<Response> PlatformHome(Context& ctx) {
  nlohmann::json cities = nlohmann::json::array();
  const auto& dir = *ctx.directory;
  for (const auto& c : dir.cities) {
    cities.push_back({{"name", c.name},
                      {"url", CityUrl(c)},
                      {"site_count", std::to_string(dir.SitesOf(c).size())},
                      {"association_name", c.association_name}});
  }
  auto data = ctx.PageData(ctx.T(Msg("Buurtplein: the online village square of your neighbourhood")));
  data["cities"] = std::move(cities);
  auto r = ctx.Page("sites/platform_home", std::move(data));
  r.cacheable = true;
  return r;
}

domain::Result<Response> CityPortal(Context& ctx) {
  const City& city = *ctx.city;
  const auto buurten = AreasByCode(ctx, city, AreaLevel::kBuurt);
  const auto& sites = ctx.directory->SitesOf(city);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : sites) {
    nlohmann::json names = nlohmann::json::array();
    for (const auto& code : s.buurt_codes) {
      auto it = buurten.find(code);
      names.push_back({{"name", it == buurten.end() ? code : it->second.name}});
    }
    list.push_back({{"name", s.name},
                    {"tagline", s.tagline},
                    {"url", SiteUrl(city, s)},
                    {"is_building", s.status == domain::sites::SiteStatus::kBuilding},
                    {"buurt_count", std::to_string(s.buurt_codes.size())},
                    {"buurten", std::move(names)}});
  }
  auto data = ctx.PageData(city.name + " – " + ctx.T(Msg("all neighbourhood sites")));
  data["site_count"] = std::to_string(sites.size());
  data["sites"] = std::move(list);
  data["needs_map"] = true;
  data["map"] = MapData(ctx, ctx.city_url + "map.geojson", city.lat, city.lon, 12);
  data["market"] = handlers::market::CityBlock(ctx);  // [market] the city's matches
  AddAlternate(data, "text/calendar", ctx.T(Msg("Agenda")) + " – " + city.name, ctx.PublicUrl(ctx.city_url + "agenda.ics"));
  auto r = ctx.Page("sites/city_portal", std::move(data));
  r.cacheable = true;
  return r;
}

domain::Result<Response> CityMapGeoJson(Context& ctx) {
  const City& city = *ctx.city;
  return Json(BuurtFeatures(city, ctx.directory->SitesOf(city), AreasByCode(ctx, city, AreaLevel::kBuurt), nullptr));
}

// The site home's body is the same for everyone in one audience of a site: it is rendered once
// per site, address, language and audience and kept as a fragment (docs/decisions/
// 0008-fragment-cache.md). Only the layout (header with the person's name, CSRF token of the
// log-out form) is rendered per request. So a block on the site home must depend on the
// viewer only through Audience() below; a block for one person belongs in the layout.
namespace {

// How long a site home fragment lives at most: blocks that change with time alone (this
// week's news, an ask or offer that expires) drop out within this; coming events and scheduled
// news set an exact expiry.
constexpr std::int64_t kHomeFragmentMaxAge = 60;

// Layout data a site home brings along (from its blocks): kept with the fragment.
constexpr const char* kHomeLayoutKeys[] = {"alternates", "og", "scripts", "needs_map"};

using shell::Audience;
using shell::UnixNow;

std::string HomeFragmentKey(const Context& ctx) { return shell::Key(ctx, "home"); }

// The layout data that is the same for everyone in the audience, with marks instead of the
// viewer's name, token and unread badge; nullopt when PageData has anything else about the
// viewer (a field added later), so the shell is never shared by mistake.
std::optional<nlohmann::json> ShellData(const Context& ctx, const Fragment& f) {
  auto data = ctx.PageData(ctx.site->name);
  if (!shell::MarkViewer(data, nlohmann::json(data))) return std::nullopt;
  for (const auto& [k, v] : f.data.items()) data[k] = v;
  return data;
}

// Renders the layout around the fragment once with marks and cuts the page at them.
void MakeShell(const Context& ctx, Fragment& f) {
  auto data = ShellData(ctx, f);
  if (!data) return;
  const std::string page = ctx.services.renderer.RenderInLayout(ctx.lang, std::move(*data), f.html);
  shell::Cut(f, page, "ncu");
  // Marks somewhere the viewer's data cannot go (anonymous page with a hole): no shell.
  if (!ctx.auth && !f.page_holes.empty()) {
    f.page_parts.clear();
    f.page_holes.clear();
  }
}

Response HomeInLayout(Context& ctx, const Fragment& f) {
  Response r;
  r.cacheable = f.page_cacheable;
  r.cache_expires_at = f.page_expires_at;
  if (!f.page_parts.empty()) {
    r.body = shell::Join(ctx, f);
    return r;
  }
  auto data = ctx.PageData(ctx.site->name);
  for (const auto& [k, v] : f.data.items()) data[k] = v;
  r.body = ctx.services.renderer.RenderInLayout(ctx.lang, std::move(data), f.html);
  return r;
}

}  // namespace

domain::Result<Response> SiteHome(Context& ctx) {
  const City& city = *ctx.city;
  const Site& site = *ctx.site;
  const std::string fragment_key = HomeFragmentKey(ctx);
  const std::int64_t now = UnixNow();
  if (auto f = ctx.services.cache.FindFragment(fragment_key, now)) return HomeInLayout(ctx, *f);
  // Taken before anything is read: a change while the body is built leaves it stale.
  const std::uint64_t generation = ctx.services.cache.Generation(site.id);
  const auto buurten = SiteAreas(ctx, site);
  nlohmann::json list = nlohmann::json::array();
  std::unordered_set<std::string> covered(site.buurt_codes.begin(), site.buurt_codes.end());
  double lat = 0, lon = 0;
  for (const auto& code : site.buurt_codes) {
    auto it = buurten.find(code);
    if (it == buurten.end()) continue;
    list.push_back({{"code", code}, {"name", it->second.name}});
    lat += it->second.lat;
    lon += it->second.lon;
  }
  if (!list.empty()) {
    lat /= static_cast<double>(list.size());
    lon /= static_cast<double>(list.size());
  } else {
    lat = city.lat;
    lon = city.lon;
  }
  // Inhabitants are known per wijk (CBS 2024): count the wijken this site covers entirely.
  std::string inhabitants;
  if (!covered.empty()) {
    std::unordered_map<std::string, std::pair<long, long>> wijk_cover;  // wijk → (covered, total)
    for (const auto& [code, a] : buurten) ++wijk_cover[a.wijk_code].first;
    for (auto& [wijk, wc] : wijk_cover) wc.second = ctx.services.store.areas().CountBuurtenOfWijk(city.gemeente_code, wijk);
    long total = 0;
    bool complete = true;
    for (const auto& [wijk, wc] : wijk_cover) {
      if (wc.first == 0) continue;
      if (wc.first != wc.second) {
        complete = false;
        break;
      }
      auto w = ctx.services.store.areas().FindArea(wijk);
      if (!w || !w->inhabitants) {
        complete = false;
        break;
      }
      total += *w->inhabitants;
    }
    if (complete && total > 0) {
      inhabitants = std::to_string(total);
      // Dutch thousands separator: 12.345
      for (int i = static_cast<int>(inhabitants.size()) - 3; i > 0; i -= 3) inhabitants.insert(i, ".");
    }
  }
  auto data = ctx.PageData(site.name);
  data["buurten"] = std::move(list);
  data["buurt_count"] = std::to_string(site.buurt_codes.size());
  data["inhabitants"] = inhabitants;
  data["needs_map"] = true;
  data["map"] = MapData(ctx, ctx.site_url + "map.geojson", lat, lon, 14);
  bool cacheable = true;  // not with members-only news, nor while a scheduled post waits
  std::int64_t cache_expires_at = 0;  // blocks lower it to when they change by themselves
  data["news"] = handlers::news::ThisWeek(ctx, cacheable);
  // [agenda] >>>
  data["events"] = handlers::events::ComingBlock(ctx, cacheable, cache_expires_at);
  AddAlternate(data, "text/calendar", ctx.T(view::Msg("Agenda")) + " – " + ctx.site->name,
               ctx.PublicUrl(ctx.site_url + "agenda.ics"));
  // [agenda] <<<

  // [market] >>>
  data["market"] = handlers::market::SiteHomeBlock(ctx, cacheable);
  // [market] <<<

  // [messages] >>>
  // [messages] <<<

  // [groups] >>>
  data["groups"] = handlers::groups::ActiveGroups(ctx, cacheable);
  // [groups] <<<

  // [questions] >>>
  data["questions"] = handlers::questions::WaitingQuestions(ctx, cacheable);
  // [questions] <<<

  // [search] >>>
  // [search] <<<

  // [api] >>>
  // [api] <<<

  // [directory] >>>
  if (ctx.services.directory) data["directory"] = handlers::directory::SiteHomeBlock(ctx);
  // [directory] <<<

  // [newsx] >>>
  // [newsx] <<<

  auto f = std::make_shared<Fragment>();
  f->site = site.id;
  f->generation = generation;
  f->page_cacheable = cacheable;
  f->page_expires_at = cache_expires_at;
  f->expires_at = now + kHomeFragmentMaxAge;
  if (cache_expires_at != 0) f->expires_at = std::min(f->expires_at, cache_expires_at);
  if (ctx.services.news) {
    if (auto next = ctx.services.news->NextScheduled(site.id)) f->expires_at = std::min(f->expires_at, *next);
  }
  f->data = nlohmann::json::object();
  for (const char* k : kHomeLayoutKeys) {
    if (data.contains(k)) f->data[k] = data[k];
  }
  const std::string csrf = data.value("csrf", std::string());
  f->html = ctx.services.renderer.Render("sites/site_home", ctx.lang, data);
  MakeShell(ctx, *f);
  // A body with the person's CSRF token (a form of one viewer) must never be shared.
  if (csrf.empty() || f->html.find(csrf) == std::string::npos) ctx.services.cache.StoreFragment(fragment_key, f);
  return HomeInLayout(ctx, *f);
}

domain::Result<Response> SiteMapGeoJson(Context& ctx) {
  const City& city = *ctx.city;
  std::unordered_set<std::string> only(ctx.site->buurt_codes.begin(), ctx.site->buurt_codes.end());
  return Json(BuurtFeatures(city, ctx.directory->SitesOf(city), SiteAreas(ctx, *ctx.site), &only));
}

domain::Result<Response> SiteTheme(Context& ctx) {
  // The site's colours as CSS custom properties: no inline styles, so the CSP stays strict.
  // Colours are validated as #rrggbb when a site is saved, so they are safe to emit.
  Response r;
  r.content_type = "text/css; charset=utf-8";
  r.body = fmt::format(":root{{--site-primary:{};--site-accent:{};}}\n", ctx.site->primary_colour,
                       ctx.site->accent_colour);
  r.cacheable = true;
  return r;
}

}  // namespace buurtplein::http::handlers::sites
