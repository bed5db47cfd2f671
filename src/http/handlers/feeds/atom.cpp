#include "http/handlers/feeds/atom.hpp"

#include <algorithm>

#include "domain/feeds/feed_service.hpp"
#include "domain/mail/mail_service.hpp"
#include "view/feeds.hpp"
#include "view/i18n.hpp"
#include "view/markdown.hpp"

namespace buurtplein::http::handlers::feeds {

using domain::feeds::FeedService;
using domain::news::Post;
using view::Msg;

namespace {

view::AtomEntry Entry(const Context& ctx, const domain::sites::City& city, const domain::sites::Site& site,
                      const Post& p, bool with_site) {
  view::AtomEntry e;
  e.link = PostPageUrl(ctx, city, site, p.id);
  e.id = e.link;
  e.title = p.title;
  e.author_name = PublicAuthorName(ctx, p);
  e.published = p.published_at;
  // A post written before its (scheduled) publication was updated no later than it appeared.
  e.updated = std::max(p.updated_at, p.published_at);
  e.summary = view::MarkdownSummary(p.body_markdown, 200);
  e.content_html = view::MarkdownToHtml(p.body_markdown);
  if (with_site) e.category = site.name;
  return e;
}

Response AtomResponse(view::AtomFeed& feed, const domain::feeds::PublicPage& page, std::int64_t now) {
  feed.updated = 0;
  for (const auto& e : feed.entries) feed.updated = std::max(feed.updated, e.updated);
  if (feed.entries.empty()) feed.updated = now;
  Response r;
  r.content_type = "application/atom+xml; charset=utf-8";
  r.body = view::WriteAtom(feed);
  // A scheduled post appears without a write to the site: until then the feed is not cached.
  r.cacheable = !page.next_change.has_value();
  return r;
}

}  // namespace

std::string PostPageUrl(const Context& ctx, const domain::sites::City& city, const domain::sites::Site& site,
                        domain::news::PostId id) {
  return domain::mail::Link(domain::mail::SiteBaseUrl(ctx.services.options.public_url, city, site),
                            "nieuws/" + std::to_string(id.value));
}

std::string PublicAuthorName(const Context& ctx, const Post& post) {
  return post.author && !post.author_name.empty() ? post.author_name : ctx.T(Msg("a former neighbour"));
}

domain::Result<Response> SiteNewsAtom(Context& ctx) {
  FeedService& service = *ctx.services.feeds;
  const auto page = service.SiteNews(ctx.site->id, 1, FeedService::kFeedEntries);
  view::AtomFeed feed;
  feed.lang = std::string(view::LangCode(ctx.lang));
  feed.self_url = ctx.PublicUrl(ctx.site_url + "nieuws.atom");
  feed.id = feed.self_url;
  feed.html_url = ctx.PublicUrl(ctx.site_url + "nieuws/");
  feed.title = ctx.T(Msg("News")) + " – " + ctx.site->name;
  feed.subtitle = ctx.site->tagline;
  feed.author_name = ctx.site->name;
  for (const auto& p : page.posts) feed.entries.push_back(Entry(ctx, *ctx.city, *ctx.site, p, false));
  return AtomResponse(feed, page, service.Now());
}

domain::Result<Response> CityNewsAtom(Context& ctx) {
  FeedService& service = *ctx.services.feeds;
  const auto page = service.CityNews(ctx.city->id, 1, FeedService::kFeedEntries);
  view::AtomFeed feed;
  feed.lang = std::string(view::LangCode(ctx.lang));
  feed.self_url = ctx.PublicUrl(ctx.city_url + "nieuws.atom");
  feed.id = feed.self_url;
  feed.html_url = ctx.PublicUrl(ctx.city_url);
  feed.title = ctx.T(Msg("News")) + " – " + ctx.city->name;
  feed.subtitle = ctx.city->association_name;
  feed.author_name = ctx.city->association_name.empty() ? "Buurtplein " + ctx.city->name : ctx.city->association_name;
  for (const auto& p : page.posts) {
    const domain::sites::City* city = nullptr;
    const auto* site = ctx.directory->FindSiteById(p.site, &city);
    if (!site || !city || city->id != ctx.city->id) continue;  // a site removed since the query
    feed.entries.push_back(Entry(ctx, *city, *site, p, true));
  }
  return AtomResponse(feed, page, service.Now());
}

}  // namespace buurtplein::http::handlers::feeds
