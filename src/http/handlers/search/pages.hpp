#pragma once
#include "http/context.hpp"

/// Search pages (issue 4 §8): one search box per site and one per city, results ranked with
/// highlighted snippets, a filter by kind, pages of results. Works without JavaScript (a GET
/// form). Routes in the "search" block of src/http/routes.cpp.
namespace buurtplein::http::handlers::search {

/// /{city}/{site}/zoeken?q=…&soort=…&pagina=…: the site's content and the city-wide content.
domain::Result<Response> SiteSearch(Context& ctx);
/// /{city}/zoeken?q=…&soort=…&pagina=…: every site of the city.
domain::Result<Response> CitySearch(Context& ctx);

}  // namespace buurtplein::http::handlers::search
