#include "http/handlers/sites/api.hpp"

#include <algorithm>
#include <charconv>

#include "view/i18n.hpp"

namespace buurtplein::http::handlers::sites {

using view::Msg;

namespace {

// Reads ?page= and ?per_page= (1-based page; per_page 1..100, default 25).
domain::Result<std::pair<int, int>> Paging(const Request& req) {
  auto parse = [](const std::string& s, int dflt, int& out) {
    if (s.empty()) {
      out = dflt;
      return true;
    }
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
  };
  int page = 1, per_page = 25;
  if (!parse(req.Query("page"), 1, page) || page < 1 || !parse(req.Query("per_page"), 25, per_page) ||
      per_page < 1 || per_page > 100) {
    return domain::MakeError(domain::ErrorCode::kBadRequest,
                             Msg("page must be a number from 1, per_page a number from 1 to 100."));
  }
  return std::make_pair(page, per_page);
}

Response Json(const nlohmann::json& j) {
  Response r;
  r.content_type = "application/json";
  r.body = j.dump();
  r.cacheable = true;
  return r;
}

}  // namespace

domain::Result<Response> ApiCities(Context& ctx) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : ctx.directory->cities) {
    items.push_back({{"slug", c.slug},
                     {"name", c.name},
                     {"gemeente_code", c.gemeente_code},
                     {"association_name", c.association_name},
                     {"site_count", ctx.directory->SitesOf(c).size()},
                     {"url", CityUrl(c)}});
  }
  return Json({{"items", items}, {"total", items.size()}});
}

domain::Result<Response> ApiCitySites(Context& ctx) {
  auto paging = Paging(ctx.req);
  if (!paging) return paging.error();
  auto [page, per_page] = *paging;
  const auto& all = ctx.directory->SitesOf(*ctx.city);
  nlohmann::json items = nlohmann::json::array();
  const std::size_t from = static_cast<std::size_t>(page - 1) * static_cast<std::size_t>(per_page);
  for (std::size_t i = from; i < all.size() && i < from + static_cast<std::size_t>(per_page); ++i) {
    const auto& s = all[i];
    items.push_back({{"slug", s.slug},
                     {"name", s.name},
                     {"tagline", s.tagline},
                     {"status", s.status == domain::sites::SiteStatus::kLive ? "live" : "building"},
                     {"buurt_codes", s.buurt_codes},
                     {"url", SiteUrl(*ctx.city, s)}});
  }
  const std::size_t total = all.size();
  return Json({{"items", items},
               {"page", page},
               {"per_page", per_page},
               {"total", total},
               {"total_pages", (total + static_cast<std::size_t>(per_page) - 1) / static_cast<std::size_t>(per_page)}});
}

}  // namespace buurtplein::http::handlers::sites
