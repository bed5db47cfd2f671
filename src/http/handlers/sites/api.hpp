#pragma once
#include "http/context.hpp"

/// Read-only JSON API for cities and sites, under /api/v1/.
namespace buurtplein::http::handlers::sites {

domain::Result<Response> ApiCities(Context& ctx);
domain::Result<Response> ApiCitySites(Context& ctx);

}  // namespace buurtplein::http::handlers::sites
