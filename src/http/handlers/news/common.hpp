#pragma once
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

#include "http/context.hpp"

/// What the news handlers (pages.cpp, categories.cpp) share.
namespace buurtplein::http::handlers::news {

/// The news viewer of this request: who is logged in, and their membership of the site.
inline domain::news::Viewer ViewerOf(const Context& ctx) {
  return domain::news::Viewer::Of(ctx.auth ? std::optional<domain::UserId>(ctx.auth->user.id) : std::nullopt,
                                  ctx.membership);
}

/// A positive decimal id from a path or query parameter; nullopt for anything else.
inline std::optional<std::int64_t> ParseId(const std::string& raw) {
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace buurtplein::http::handlers::news
