// The agenda's live iCal feeds (RFC 5545): a site's, a city's and one event's. Public events
// only, whoever asks: feeds are fetched by calendar apps without a session and may be shared.
#include <charconv>

#include "domain/events/event_service.hpp"
#include "domain/events/ical.hpp"
#include "domain/groups/group_service.hpp"
#include "domain/mail/mail_service.hpp"
#include "http/handlers/events/pages.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::events {

using domain::ErrorCode;
using domain::Result;
using domain::events::Event;
using domain::events::FeedEntry;
using view::Msg;

namespace {

// The platform's host name for UIDs: stable whatever host serves the feed.
std::string UidDomain(const Context& ctx) {
  std::string_view url = ctx.services.options.public_url;
  if (auto p = url.find("://"); p != std::string_view::npos) url.remove_prefix(p + 3);
  url = url.substr(0, url.find('/'));
  url = url.substr(0, url.find(':'));
  return url.empty() ? "buurtplein" : std::string(url);
}

FeedEntry Entry(const Context& ctx, const Event& e, const domain::sites::City& city, const domain::sites::Site& site) {
  const std::string base = domain::mail::SiteBaseUrl(ctx.services.options.public_url, city, site);
  return {e, domain::mail::Link(base, "agenda/" + std::to_string(e.id.value))};
}

Response Calendar(const std::string& body, const std::string& filename) {
  Response r;
  r.content_type = "text/calendar; charset=utf-8";
  r.body = body;
  r.SetHeader("Content-Disposition", "inline; filename=\"" + filename + "\"");
  r.cacheable = true;
  return r;
}

domain::AppError NoEvent() {
  return domain::MakeError(ErrorCode::kNotFound, "This event does not exist, or you cannot see it.");
}

}  // namespace

Result<Response> SiteFeed(Context& ctx) {
  std::vector<FeedEntry> entries;
  for (const auto& e : ctx.services.events->FeedOfSite(ctx.site->id)) entries.push_back(Entry(ctx, e, *ctx.city, *ctx.site));
  auto r = Calendar(domain::events::BuildCalendar({ctx.T(Msg("Agenda")) + " " + ctx.site->name, UidDomain(ctx)}, entries),
                    ctx.site->slug + ".ics");
  // Past events drop out of the feed 30 days after they end: refresh daily at least.
  r.cache_expires_at = ctx.services.events->Now() + 24 * 3600;
  return r;
}

Result<Response> CityFeed(Context& ctx) {
  std::vector<FeedEntry> entries;
  for (const auto& e : ctx.services.events->FeedOfCity(ctx.city->id)) {
    const domain::sites::City* city = nullptr;
    const auto* site = ctx.directory->FindSiteById(e.site, &city);
    if (!site || !city || city->id != ctx.city->id) continue;
    entries.push_back(Entry(ctx, e, *city, *site));
  }
  auto r = Calendar(domain::events::BuildCalendar({ctx.T(Msg("Agenda")) + " " + ctx.city->name, UidDomain(ctx)}, entries),
                    ctx.city->slug + ".ics");
  // A city page is invalidated by site changes only through the global generation: keep the
  // feed fresh by time as well.
  r.cache_expires_at = ctx.services.events->Now() + 300;
  return r;
}

Result<Response> EventFeed(Context& ctx) {
  std::int64_t raw = 0;
  const std::string& text = ctx.Param("id");
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), raw);
  if (ec != std::errc() || p != text.data() + text.size() || raw <= 0) return NoEvent();
  // Members-only events have no feed, not even for members: feeds are shared without a login.
  auto event = ctx.services.events->Find(ctx.site->id, domain::events::EventId{raw}, domain::events::Viewer{});
  if (!event) return event.error();
  return Calendar(domain::events::BuildCalendar({event->title, UidDomain(ctx)}, {Entry(ctx, *event, *ctx.city, *ctx.site)}),
                  "event-" + std::to_string(raw) + ".ics");
}

Result<Response> GroupFeed(Context& ctx) {
  std::int64_t raw = 0;
  const std::string& text = ctx.Param("id");
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), raw);
  const auto no_group = [] {
    return domain::MakeError(ErrorCode::kNotFound, "This group does not exist, or you cannot see it.");
  };
  if (ec != std::errc() || p != text.data() + text.size() || raw <= 0) return no_group();
  // As anyone sees the group: a members-only group has no feed, and a feed of a closed group
  // (or any group) carries public events only, since feeds are shared without a login.
  auto group = ctx.services.groups->Find(ctx.site->id, domain::groups::GroupId{raw}, domain::groups::Viewer{});
  if (!group) return no_group();
  std::vector<FeedEntry> entries;
  for (const auto& e : ctx.services.events->FeedOfGroup(ctx.site->id, raw)) {
    entries.push_back(Entry(ctx, e, *ctx.city, *ctx.site));
  }
  auto r = Calendar(domain::events::GroupCalendar(group->name + " – " + ctx.site->name, UidDomain(ctx), entries),
                    "groep-" + std::to_string(raw) + ".ics");
  r.cache_expires_at = ctx.services.events->Now() + 24 * 3600;  // past events drop out (as the site feed)
  return r;
}

}  // namespace buurtplein::http::handlers::events
