#pragma once
#include <nlohmann/json.hpp>

#include "http/context.hpp"

/// Ask & offer pages (vraag & aanbod, issue 4 §4): the board with filters, the archive, a
/// listing, posting and editing, responding (opens a conversation), marking as matched,
/// renewing and closing. Routes in the [market] block of src/http/routes.cpp.
namespace buurtplein::http::handlers::market {

domain::Result<Response> List(Context& ctx);
domain::Result<Response> Archive(Context& ctx);
domain::Result<Response> Show(Context& ctx);
domain::Result<Response> NewForm(Context& ctx);
domain::Result<Response> Create(Context& ctx);
domain::Result<Response> EditForm(Context& ctx);
domain::Result<Response> Edit(Context& ctx);
domain::Result<Response> Respond(Context& ctx);
domain::Result<Response> MarkMatched(Context& ctx);
domain::Result<Response> Renew(Context& ctx);
domain::Result<Response> Close(Context& ctx);

/// The site home's block: the newest open asks and offers this viewer may see and the site's
/// match count: {"items", "has_items", "market_url", "can_post", "match_count", "has_matches"}.
/// `cacheable` becomes false when the block shows members-only listings.
nlohmann::json SiteHomeBlock(Context& ctx, bool& cacheable);

/// The city portal's block: {"match_count", "has_matches"} over every site of the city.
nlohmann::json CityBlock(Context& ctx);

}  // namespace buurtplein::http::handlers::market
