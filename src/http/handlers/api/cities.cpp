// Cities and their neighbourhood sites, from the in-memory site directory (no database).
#include "http/handlers/api/api.hpp"
#include "http/handlers/api/json.hpp"

#include "domain/mail/mail_service.hpp"

namespace buurtplein::http::handlers::api {

namespace {

nlohmann::json CityJson(const Context& ctx, const domain::sites::City& c) {
  const std::string base = "cities/" + c.slug;
  return {{"slug", c.slug},
          {"name", c.name},
          {"gemeente_code", c.gemeente_code},
          {"association_name", c.association_name},
          {"site_count", ctx.directory->SitesOf(c).size()},
          {"url", ctx.PublicUrl(CityUrl(c))},
          {"atom_url", ctx.PublicUrl(CityUrl(c) + "nieuws.atom")},
          {"sites_api_url", ApiUrl(ctx, base + "/sites")},
          {"news_api_url", ApiUrl(ctx, base + "/news")}};
}

nlohmann::json SiteJson(const Context& ctx, const domain::sites::City& c, const domain::sites::Site& s) {
  const std::string base = domain::mail::SiteBaseUrl(ctx.services.options.public_url, c, s);
  return {{"slug", s.slug},
          {"city", c.slug},
          {"name", s.name},
          {"tagline", s.tagline},
          {"status", s.status == domain::sites::SiteStatus::kLive ? "live" : "building"},
          {"buurt_codes", s.buurt_codes},
          {"url", base},
          {"atom_url", domain::mail::Link(base, "nieuws.atom")},
          {"news_api_url", ApiUrl(ctx, "cities/" + c.slug + "/sites/" + s.slug + "/news")}};
}

}  // namespace

domain::Result<Response> Cities(Context& ctx) {
  auto paging = ReadPaging(ctx);
  if (!paging) return paging.error();
  return SliceResponse(ctx, ctx.directory->cities, *paging, [&](const auto& c) { return CityJson(ctx, c); });
}

domain::Result<Response> City(Context& ctx) { return Json(CityJson(ctx, *ctx.city)); }

domain::Result<Response> CitySites(Context& ctx) {
  auto paging = ReadPaging(ctx);
  if (!paging) return paging.error();
  return SliceResponse(ctx, ctx.directory->SitesOf(*ctx.city), *paging,
                       [&](const auto& s) { return SiteJson(ctx, *ctx.city, s); });
}

domain::Result<Response> Site(Context& ctx) { return Json(SiteJson(ctx, *ctx.city, *ctx.site)); }

}  // namespace buurtplein::http::handlers::api
