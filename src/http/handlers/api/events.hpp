#pragma once
#include "http/context.hpp"

/// The JSON API's agenda (issue 4 §10, docs/api/README.md): public events that have not ended,
/// a page at a time, by first start. Members-only events never appear, whoever asks; no person
/// is named. A recurring event is one item, with its next occurrence.
namespace buurtplein::http::handlers::api {

/// GET /api/v1/cities/{city}/events — public coming events of every site of the city.
domain::Result<Response> CityEvents(Context& ctx);
/// GET /api/v1/cities/{city}/sites/{site}/events — the site's public coming events.
domain::Result<Response> SiteEvents(Context& ctx);
/// GET /api/v1/cities/{city}/sites/{site}/events/{id} — one public event (also a past one).
domain::Result<Response> SiteEvent(Context& ctx);

}  // namespace buurtplein::http::handlers::api
