#pragma once
#include "http/context.hpp"

/// The read-only JSON API under /api/v1/ (issue 4 §10), described in docs/api/openapi.json.
namespace buurtplein::http::handlers::api {

/// GET /api/v1/openapi.json — the OpenAPI 3.1 document of this API.
domain::Result<Response> OpenApi(Context& ctx);

/// GET /api/v1/cities — every city, a page at a time.
domain::Result<Response> Cities(Context& ctx);
/// GET /api/v1/cities/{city}
domain::Result<Response> City(Context& ctx);
/// GET /api/v1/cities/{city}/sites — the city's neighbourhood sites, a page at a time.
domain::Result<Response> CitySites(Context& ctx);
/// GET /api/v1/cities/{city}/sites/{site}
domain::Result<Response> Site(Context& ctx);

/// GET /api/v1/cities/{city}/news — public news of every site of the city, newest first.
domain::Result<Response> CityNews(Context& ctx);
/// GET /api/v1/cities/{city}/sites/{site}/news — the site's public news, newest first.
domain::Result<Response> SiteNews(Context& ctx);
/// GET /api/v1/cities/{city}/sites/{site}/news/{id} — one public news item.
domain::Result<Response> SiteNewsItem(Context& ctx);

}  // namespace buurtplein::http::handlers::api
