#pragma once
#include <cstdint>

#include <nlohmann/json.hpp>

#include "http/context.hpp"

/// The agenda's pages (issue 4 §3): coming events, the archive, an event with its sign-ups,
/// adding, editing and deleting, signing up and cancelling, the live sign-up count for
/// static/js/events.js, the embeddable agenda, and the iCal feeds (feeds.cpp). Routes in the
/// "Agenda" block of src/http/routes.cpp.
namespace buurtplein::http::handlers::events {

domain::Result<Response> List(Context& ctx);
domain::Result<Response> Past(Context& ctx);
domain::Result<Response> Show(Context& ctx);
domain::Result<Response> NewForm(Context& ctx);
domain::Result<Response> Create(Context& ctx);
domain::Result<Response> EditForm(Context& ctx);
domain::Result<Response> Edit(Context& ctx);
domain::Result<Response> Delete(Context& ctx);
domain::Result<Response> SignUp(Context& ctx);
domain::Result<Response> Cancel(Context& ctx);
domain::Result<Response> Counts(Context& ctx);
/// GET …/agenda/{id}/aanmeldingen?datum=<start>&pagina=<n>: everyone who signed up for one date,
/// a page at a time (the organiser and buurtverbinders; 403 for others).
domain::Result<Response> AttendeeList(Context& ctx);
domain::Result<Response> Embed(Context& ctx);

/// iCal feeds: a site's, a city's, one event's.
domain::Result<Response> SiteFeed(Context& ctx);
domain::Result<Response> CityFeed(Context& ctx);
domain::Result<Response> EventFeed(Context& ctx);
/// GET /{city}/{site}/groepen/{id}/agenda.ics — a public group's public events (issue 4 §3, §5).
domain::Result<Response> GroupFeed(Context& ctx);

/// The site home's "coming events" block: {"items", "has_items", "agenda_url", "can_add"}.
/// `cacheable` becomes false for members (members-only events); `expires_at` is lowered to
/// the moment the block changes by itself (the first shown event ends).
nlohmann::json ComingBlock(Context& ctx, bool& cacheable, std::int64_t& expires_at);

}  // namespace buurtplein::http::handlers::events
