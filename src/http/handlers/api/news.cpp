// Public news (members-only and scheduled posts never appear), from the feed service.
#include <algorithm>
#include <charconv>

#include "domain/feeds/feed_service.hpp"
#include "http/handlers/api/api.hpp"
#include "http/handlers/api/json.hpp"
#include "http/handlers/feeds/atom.hpp"
#include "view/feeds.hpp"
#include "view/markdown.hpp"

namespace buurtplein::http::handlers::api {

using domain::news::Post;

namespace {

nlohmann::json PostJson(const Context& ctx, const domain::sites::City& city, const domain::sites::Site& site,
                        const Post& p) {
  return {{"id", p.id.value},
          {"city", city.slug},
          {"site", site.slug},
          {"title", p.title},
          {"summary", view::MarkdownSummary(p.body_markdown, 200)},
          {"body_markdown", p.body_markdown},
          {"body_html", view::MarkdownToHtml(p.body_markdown)},
          {"author_name", p.author && !p.author_name.empty() ? nlohmann::json(p.author_name) : nullptr},
          {"pinned", p.pinned},
          {"published_at", view::Rfc3339Utc(p.published_at)},
          {"updated_at", view::Rfc3339Utc(std::max(p.updated_at, p.published_at))},
          {"url", feeds::PostPageUrl(ctx, city, site, p.id)}};
}

// A list of news may change without a write when a scheduled post's time comes: not cached then.
Response Uncached(Response r, const domain::feeds::PublicPage& page) {
  if (page.next_change) r.cacheable = false;
  return r;
}

}  // namespace

domain::Result<Response> SiteNews(Context& ctx) {
  auto paging = ReadPaging(ctx);
  if (!paging) return paging.error();
  const auto page = ctx.services.feeds->SiteNews(ctx.site->id, paging->page, paging->per_page);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : page.posts) items.push_back(PostJson(ctx, *ctx.city, *ctx.site, p));
  return Uncached(ListResponse(ctx, std::move(items), *paging, page.has_more), page);
}

domain::Result<Response> CityNews(Context& ctx) {
  auto paging = ReadPaging(ctx);
  if (!paging) return paging.error();
  const auto page = ctx.services.feeds->CityNews(ctx.city->id, paging->page, paging->per_page);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : page.posts) {
    const domain::sites::City* city = nullptr;
    const auto* site = ctx.directory->FindSiteById(p.site, &city);
    if (!site || !city || city->id != ctx.city->id) continue;  // a site removed since the query
    items.push_back(PostJson(ctx, *city, *site, p));
  }
  return Uncached(ListResponse(ctx, std::move(items), *paging, page.has_more), page);
}

domain::Result<Response> SiteNewsItem(Context& ctx) {
  const std::string& raw = ctx.Param("id");
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || end != raw.data() + raw.size() || id <= 0) {
    return domain::MakeError(domain::ErrorCode::kNotFound, "This news item does not exist, or you cannot see it.");
  }
  auto post = ctx.services.feeds->SitePost(ctx.site->id, domain::news::PostId{id});
  if (!post) return post.error();
  return Json(PostJson(ctx, *ctx.city, *ctx.site, *post));
}

}  // namespace buurtplein::http::handlers::api
