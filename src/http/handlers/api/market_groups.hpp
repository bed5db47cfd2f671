#pragma once
#include "http/context.hpp"

/// The JSON API's asks & offers and groups (docs/api/README.md): public items only, whoever
/// asks (members-only listings and groups never appear), a page at a time.
namespace buurtplein::http::handlers::api {

/// GET /api/v1/cities/{city}/sites/{site}/listings — the site's open public asks and offers,
/// newest first.
domain::Result<Response> SiteListings(Context& ctx);
/// GET /api/v1/cities/{city}/sites/{site}/groups — the site's public groups, by name.
domain::Result<Response> SiteGroups(Context& ctx);

}  // namespace buurtplein::http::handlers::api
