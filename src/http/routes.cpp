// Every URL of Buurtplein, in one table. Literal routes come before parameterised ones.
#include "http/app.hpp"
#include "http/handlers/ops/ops.hpp"
#include "http/handlers/sites/api.hpp"
#include "http/handlers/sites/pages.hpp"

namespace buurtplein::http {

void AddRoutes(Router& r) {
  namespace ops = handlers::ops;
  namespace sites = handlers::sites;
  using enum Method;
  using enum Scope;

  // Operations
  r.Add({kGet, "/healthz", "ops.healthz", ops::Healthz});
  r.Add({kGet, "/readyz", "ops.readyz", ops::Readyz});
  r.Add({kGet, "/metrics", "ops.metrics", ops::MetricsText});

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
