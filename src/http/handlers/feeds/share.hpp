#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "http/context.hpp"

/// Share links for content pages (issue 4 §9): plain links, so the page makes no request to a
/// third party when it loads; the copy-link button is enhanced by static/js/share.js and falls
/// back to a read-only field with the address.
namespace buurtplein::http::handlers::feeds {

/// {"url", "mailto_url", "whatsapp_url"} for the template block in templates/news/show.mustache.
nlohmann::json ShareLinks(const Context& ctx, const std::string& title, const std::string& absolute_url);

}  // namespace buurtplein::http::handlers::feeds
