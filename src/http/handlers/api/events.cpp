// Public events of a site and of a city, from the EventService as an anonymous visitor sees
// them. Lists change when an event ends, without a write: they are never served from the page
// cache (one event's answer names its next occurrence, so neither is it).
#include "http/handlers/api/events.hpp"

#include <charconv>

#include "domain/events/event_service.hpp"
#include "domain/mail/mail_service.hpp"
#include "http/handlers/api/json.hpp"
#include "view/feeds.hpp"
#include "view/markdown.hpp"

namespace buurtplein::http::handlers::api {

using domain::events::Event;

namespace {

template <typename T>
nlohmann::json OrNull(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json TextOrNull(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

// [village] >>> a sociale-kaart organisation as organiser: its uuid, name and page; null without.
nlohmann::json OrganisationJson(const Context& ctx, const domain::sites::City& city, const Event& e) {
  if (!e.organisation_id || e.organisation_uuid.empty()) return nullptr;
  return {{"id", e.organisation_uuid},
          {"name", e.organisation_ref_name},
          {"url", ctx.PublicUrl(CityUrl(city) + "sociale-kaart/organisaties/" + e.organisation_uuid)}};
}
// [village] <<<

nlohmann::json EventJson(const Context& ctx, const domain::sites::City& city, const domain::sites::Site& site,
                         const Event& e) {
  const std::string base = domain::mail::SiteBaseUrl(ctx.services.options.public_url, city, site);
  const std::string page = "agenda/" + std::to_string(e.id.value);
  const auto next = ctx.services.events->OccurrencesOf(e, ctx.services.events->Now(), 1);
  return {{"id", e.id.value},
          {"city", city.slug},
          {"site", site.slug},
          {"title", e.title},
          {"summary", view::MarkdownSummary(e.description_markdown, 200)},
          {"description_markdown", e.description_markdown},
          {"description_html", view::MarkdownToHtml(e.description_markdown)},
          {"place_name", TextOrNull(e.place_name)},
          {"address", TextOrNull(e.address)},
          {"latitude", OrNull(e.latitude)},
          {"longitude", OrNull(e.longitude)},
          {"all_day", e.all_day},
          {"start_local", e.start_local},
          {"end_local", e.end_local},
          {"start", view::Rfc3339Utc(e.start_at)},
          {"end", view::Rfc3339Utc(e.end_at)},
          {"rrule", TextOrNull(e.rrule)},
          {"next_start", next.empty() ? nlohmann::json(nullptr) : nlohmann::json(view::Rfc3339Utc(next[0].start_at))},
          {"next_end", next.empty() ? nlohmann::json(nullptr) : nlohmann::json(view::Rfc3339Utc(next[0].end_at))},
          {"organisation_name", TextOrNull(e.organisation_name)},
          {"organisation", OrganisationJson(ctx, city, e)},  // [village]
          {"group_id", OrNull(e.group_id)},
          {"signup", e.signup},
          {"capacity", OrNull(e.capacity)},
          {"updated_at", view::Rfc3339Utc(e.updated_at)},
          {"url", domain::mail::Link(base, page)},
          {"ical_url", domain::mail::Link(base, page + "/agenda.ics")}};
}

Response Uncached(Response r) {
  r.cacheable = false;
  return r;
}

domain::AppError NoEvent() {
  return domain::MakeError(domain::ErrorCode::kNotFound, "This event does not exist, or you cannot see it.");
}

}  // namespace

domain::Result<Response> SiteEvents(Context& ctx) {
  auto paging = ReadPaging(ctx);
  if (!paging) return paging.error();
  const auto page = ctx.services.events->PublicComingOfSite(ctx.site->id, paging->page, paging->per_page);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : page.events) items.push_back(EventJson(ctx, *ctx.city, *ctx.site, e));
  return Uncached(ListResponse(ctx, std::move(items), *paging, page.has_more));
}

domain::Result<Response> CityEvents(Context& ctx) {
  auto paging = ReadPaging(ctx);
  if (!paging) return paging.error();
  const auto page = ctx.services.events->PublicComingOfCity(ctx.city->id, paging->page, paging->per_page);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : page.events) {
    const domain::sites::City* city = nullptr;
    const auto* site = ctx.directory->FindSiteById(e.site, &city);
    if (!site || !city || city->id != ctx.city->id) continue;  // a site removed since the query
    items.push_back(EventJson(ctx, *city, *site, e));
  }
  return Uncached(ListResponse(ctx, std::move(items), *paging, page.has_more));
}

domain::Result<Response> SiteEvent(Context& ctx) {
  const std::string& raw = ctx.Param("id");
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || end != raw.data() + raw.size() || id <= 0) return NoEvent();
  // An anonymous viewer: members-only events are "not found" for everyone here.
  auto event = ctx.services.events->Find(ctx.site->id, domain::events::EventId{id}, domain::events::Viewer{});
  if (!event) return NoEvent();
  return Uncached(Json(EventJson(ctx, *ctx.city, *ctx.site, *event)));
}

}  // namespace buurtplein::http::handlers::api
