#pragma once
#include "domain/news/model.hpp"
#include "http/context.hpp"

/// Atom feeds (RFC 4287) of public news: per site and per city (issue 4 §9). Served through
/// the page cache; a news write empties the site's and its city's cached pages.
namespace buurtplein::http::handlers::feeds {

/// GET /{city}/{site}/nieuws.atom — the site's newest public news.
domain::Result<Response> SiteNewsAtom(Context& ctx);
/// GET /{city}/nieuws.atom — the newest public news of every site of the city.
domain::Result<Response> CityNewsAtom(Context& ctx);

/// The absolute public address of a post's page (its Atom id and link, the API's "url").
std::string PostPageUrl(const Context& ctx, const domain::sites::City& city, const domain::sites::Site& site,
                        domain::news::PostId id);
/// The author as shown outside the platform: the display name, or "a former neighbour".
std::string PublicAuthorName(const Context& ctx, const domain::news::Post& post);

}  // namespace buurtplein::http::handlers::feeds
