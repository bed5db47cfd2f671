#pragma once
#include "http/context.hpp"

/// The HSDS 3.0 API of a city's sociale kaart (issue 5 §7), under /{city}/hsds/: read-only JSON
/// in the shapes of data/hsds/compiled (Open Referral, CC BY-SA 4.0). Lists page with the HSDS
/// paging fields and take search, taxonomy_term_id, page and per_page.
namespace buurtplein::http::handlers::hsds {

domain::Result<Response> Root(Context& ctx);
domain::Result<Response> Services(Context& ctx);
domain::Result<Response> Service(Context& ctx);
domain::Result<Response> Organizations(Context& ctx);
domain::Result<Response> Organization(Context& ctx);
domain::Result<Response> ServiceAtLocations(Context& ctx);
domain::Result<Response> ServiceAtLocation(Context& ctx);
domain::Result<Response> Taxonomies(Context& ctx);
domain::Result<Response> TaxonomyTerms(Context& ctx);

}  // namespace buurtplein::http::handlers::hsds
