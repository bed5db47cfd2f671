#pragma once
#include "http/context.hpp"

/// Pages of the platform, the city portals and the neighbourhood sites.
namespace buurtplein::http::handlers::sites {

domain::Result<Response> PlatformHome(Context& ctx);
domain::Result<Response> CityPortal(Context& ctx);
domain::Result<Response> CityMapGeoJson(Context& ctx);
domain::Result<Response> SiteHome(Context& ctx);
domain::Result<Response> SiteMapGeoJson(Context& ctx);
domain::Result<Response> SiteTheme(Context& ctx);

}  // namespace buurtplein::http::handlers::sites
