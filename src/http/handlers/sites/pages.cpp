#include "http/handlers/sites/pages.hpp"

#include <fmt/format.h>

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

domain::Result<Response> SiteHome(Context& ctx) {
  const City& city = *ctx.city;
  const Site& site = *ctx.site;
  const auto buurten = AreasByCode(ctx, city, AreaLevel::kBuurt);
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
    std::unordered_map<std::string, std::pair<int, int>> wijk_cover;  // wijk → (covered, total)
    for (const auto& [code, a] : buurten) {
      auto& wc = wijk_cover[a.wijk_code];
      ++wc.second;
      if (covered.count(code)) ++wc.first;
    }
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

  auto r = ctx.Page("sites/site_home", std::move(data));
  r.cacheable = cacheable;
  r.cache_expires_at = cache_expires_at;
  return r;
}

domain::Result<Response> SiteMapGeoJson(Context& ctx) {
  const City& city = *ctx.city;
  std::unordered_set<std::string> only(ctx.site->buurt_codes.begin(), ctx.site->buurt_codes.end());
  return Json(BuurtFeatures(city, ctx.directory->SitesOf(city), AreasByCode(ctx, city, AreaLevel::kBuurt), &only));
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
