#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "http/context.hpp"

// Helpers shared by the membership pages (not part of the route table's interface).
namespace buurtplein::http::handlers::membership {

/// A membership form page, optionally refused with `error` (its status is the error's status,
/// Retry-After kept for rate limits).
Response FormPageOf(Context& ctx, const std::string& tmpl, const std::string& title, const nlohmann::json& values,
                    const domain::AppError* error = nullptr, const nlohmann::json& extra = nlohmann::json::object());

/// The absolute address of a page of the request's site, from the configured public URL:
/// "http://localhost:8080/nijmegen/oost/join". For links that leave the browser (flyers, CSV, invitations).
std::string PublicSiteUrl(const Context& ctx, const std::string& rest);

}  // namespace buurtplein::http::handlers::membership
