// Open public asks and offers, and public groups, of a site: from their services as an
// anonymous visitor sees them, whoever asks. Members-only, closed, matched and expired listings
// and members-only groups never appear; no person is named.
#include "domain/groups/group_service.hpp"
#include "domain/mail/mail_service.hpp"
#include "domain/market/market_service.hpp"
#include "http/handlers/api/json.hpp"
#include "http/handlers/api/market_groups.hpp"
#include "view/feeds.hpp"
#include "view/markdown.hpp"

namespace buurtplein::http::handlers::api {

namespace {

// The absolute address of a page of the request's site ("groepen/3").
std::string SitePageUrl(const Context& ctx, const std::string& path) {
  return domain::mail::Link(domain::mail::SiteBaseUrl(ctx.services.options.public_url, *ctx.city, *ctx.site), path);
}

nlohmann::json ListingJson(const Context& ctx, const domain::market::Listing& l) {
  return {{"id", l.id.value},
          {"city", ctx.city->slug},
          {"site", ctx.site->slug},
          {"kind", std::string(domain::market::KindName(l.kind))},
          {"category", std::string(domain::market::CategoryName(l.category))},
          {"title", l.title},
          {"summary", view::MarkdownSummary(l.body_markdown, 200)},
          {"body_markdown", l.body_markdown},
          {"body_html", view::MarkdownToHtml(l.body_markdown)},
          {"created_at", view::Rfc3339Utc(l.created_at)},
          {"expires_at", view::Rfc3339Utc(l.expires_at)},
          {"url", SitePageUrl(ctx, "vraag-aanbod/" + std::to_string(l.id.value))}};
}

nlohmann::json GroupJson(const Context& ctx, const domain::groups::Group& g) {
  return {{"id", g.id.value},
          {"city", ctx.city->slug},
          {"site", ctx.site->slug},
          {"name", g.name},
          {"summary", view::MarkdownSummary(g.description_markdown, 200)},
          {"description_markdown", g.description_markdown},
          {"description_html", view::MarkdownToHtml(g.description_markdown)},
          {"meeting_place", g.meeting_place.empty() ? nlohmann::json(nullptr) : nlohmann::json(g.meeting_place)},
          {"open", g.is_open},
          {"member_count", g.member_count},
          {"created_at", view::Rfc3339Utc(g.created_at)},
          {"url", SitePageUrl(ctx, "groepen/" + std::to_string(g.id.value))}};
}

}  // namespace

domain::Result<Response> SiteListings(Context& ctx) {
  auto paging = ReadPaging(ctx);
  if (!paging) return paging.error();
  const auto page = ctx.services.market->List(ctx.site->id, domain::market::Viewer{}, std::nullopt, std::nullopt,
                                              paging->page, false, paging->per_page);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& l : page.listings) items.push_back(ListingJson(ctx, l));
  return ListResponse(ctx, std::move(items), *paging, page.has_more);
}

domain::Result<Response> SiteGroups(Context& ctx) {
  auto paging = ReadPaging(ctx);
  if (!paging) return paging.error();
  const auto page = ctx.services.groups->List(ctx.site->id, domain::groups::Viewer{}, paging->page, paging->per_page);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& g : page.groups) items.push_back(GroupJson(ctx, g));
  return ListResponse(ctx, std::move(items), *paging, page.has_more);
}

}  // namespace buurtplein::http::handlers::api
