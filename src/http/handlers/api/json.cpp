#include "http/handlers/api/json.hpp"

#include <charconv>

#include "domain/mail/mail_service.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::api {

using view::Msg;

namespace {

bool ParseInt(const std::string& s, int dflt, int& out) {
  if (s.empty()) {
    out = dflt;
    return true;
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::string PageLink(const Context& ctx, int page, int per_page) {
  std::string url = domain::mail::Link(ctx.services.options.public_url, ctx.req.path);
  url += "?page=" + std::to_string(page);
  if (per_page != kDefaultPerPage) url += "&per_page=" + std::to_string(per_page);
  return url;
}

}  // namespace

domain::Result<Paging> ReadPaging(const Context& ctx) {
  Paging p;
  if (ctx.req.query.empty()) return p;
  if (!ParseInt(ctx.req.Query("page"), 1, p.page) || p.page < 1 ||
      !ParseInt(ctx.req.Query("per_page"), kDefaultPerPage, p.per_page) || p.per_page < 1 ||
      p.per_page > kMaxPerPage) {
    return domain::MakeError(domain::ErrorCode::kBadRequest,
                             Msg("page must be a number from 1, per_page a number from 1 to 100."));
  }
  return p;
}

Response Json(const nlohmann::json& body) {
  Response r;
  r.content_type = "application/json";
  r.body = body.dump();
  r.cacheable = true;
  return r;
}

Response ListResponse(const Context& ctx, nlohmann::json items, const Paging& paging, bool has_more,
                      std::optional<std::size_t> total) {
  nlohmann::json links = {{"self", PageLink(ctx, paging.page, paging.per_page)},
                          {"next", has_more ? nlohmann::json(PageLink(ctx, paging.page + 1, paging.per_page)) : nullptr},
                          {"prev", paging.page > 1 ? nlohmann::json(PageLink(ctx, paging.page - 1, paging.per_page))
                                                   : nullptr}};
  return Json({{"items", std::move(items)},
               {"page", paging.page},
               {"per_page", paging.per_page},
               {"total", total ? nlohmann::json(*total) : nullptr},
               {"links", std::move(links)}});
}

std::string ApiUrl(const Context& ctx, const std::string& path) {
  return domain::mail::Link(ctx.services.options.public_url, "api/v1/" + path);
}

}  // namespace buurtplein::http::handlers::api
