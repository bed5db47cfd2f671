#pragma once
#include <algorithm>
#include <cstddef>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/context.hpp"

/// What every endpoint of the read-only JSON API (/api/v1/, issue 4 §10) shares: page
/// parameters, the list envelope and JSON responses. A feature adds an endpoint the same way:
/// read ReadPaging, ask its service for one page (one row more than asked: is there a next?),
/// answer ListResponse; describe it in docs/api/openapi.json (a test checks real responses
/// against it). Errors are returned as AppError: the app answers them as
/// {"error": {"status", "code", "message", "request_id"}} under /api/.
namespace buurtplein::http::handlers::api {

/// ?page= (from 1) and ?per_page= (1..kMaxPerPage, default kDefaultPerPage).
struct Paging {
  int page = 1;
  int per_page = 25;
  /// Rows to skip for this page.
  std::size_t Offset() const { return static_cast<std::size_t>(page - 1) * static_cast<std::size_t>(per_page); }
};

inline constexpr int kDefaultPerPage = 25;
inline constexpr int kMaxPerPage = 100;

/// Reads the page parameters; 400 (kBadRequest) when they are not numbers in range.
domain::Result<Paging> ReadPaging(const Context& ctx);

/// A JSON response; anonymous requests without a query string are served from the page cache.
Response Json(const nlohmann::json& body);

/// The list envelope: {"items": [...], "page", "per_page", "total" (when known, else null),
/// "links": {"self", "next", "prev"}} with absolute links (null when there is no such page).
Response ListResponse(const Context& ctx, nlohmann::json items, const Paging& paging, bool has_more,
                      std::optional<std::size_t> total = std::nullopt);

/// One page of a list held in memory (cities, sites): the envelope with its total.
template <typename T, typename ToJson>
Response SliceResponse(const Context& ctx, const std::vector<T>& all, const Paging& paging, ToJson to_json) {
  nlohmann::json items = nlohmann::json::array();
  const std::size_t from = paging.Offset();
  const std::size_t to = std::min(all.size(), from + static_cast<std::size_t>(paging.per_page));
  for (std::size_t i = from; i < to; ++i) items.push_back(to_json(all[i]));
  return ListResponse(ctx, std::move(items), paging, to < all.size(), all.size());
}

/// The API address of `path` under /api/v1/ (absolute, from public_url).
std::string ApiUrl(const Context& ctx, const std::string& path);

}  // namespace buurtplein::http::handlers::api
