#include "http/handlers/events/pages.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "domain/events/event_service.hpp"
#include "domain/events/local_time.hpp"
#include "domain/events/rrule.hpp"
#include "domain/mail/mail_service.hpp"
#include "http/handlers/form_page.hpp"
#include "http/handlers/groups/organiser.hpp"
// [village] >>>
#include "http/handlers/events/organisation.hpp"
// [village] <<<
#include "http/shell.hpp"
#include "view/dates.hpp"
#include "view/i18n.hpp"
#include "view/markdown.hpp"

namespace buurtplein::http::handlers::events {

using domain::ErrorCode;
using domain::Result;
using domain::events::Event;
using domain::events::EventDraft;
using domain::events::EventId;
using domain::events::EventService;
using domain::events::Occurrence;
using domain::events::SignUpStatus;
using domain::events::Viewer;
using domain::events::Visibility;
using view::Msg;

namespace {

constexpr const char* kTemplateForm = "events/form";
constexpr std::size_t kShownOccurrences = 8;

domain::AppError NoEvent() {
  return domain::MakeError(ErrorCode::kNotFound, "This event does not exist, or you cannot see it.");
}
domain::AppError BadForm() {
  return domain::MakeError(ErrorCode::kBadRequest, "This form could not be read. Please try again.");
}

Viewer ViewerOf(const Context& ctx) {
  Viewer viewer = Viewer::Of(ctx.auth ? std::optional<domain::UserId>(ctx.auth->user.id) : std::nullopt, ctx.membership);
  // [proevents] >>> a professional working in the site adds events as their organisation (0013)
  if (ctx.auth && ctx.professional) viewer.professional_organisation = ctx.professional->organisation_id;
  // [proevents] <<<
  return viewer;
}

EventService& Service(const Context& ctx) { return *ctx.services.events; }

template <typename T>
std::optional<T> ParseNumber(const std::string& raw) {
  T v{};
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (ec != std::errc() || p != raw.data() + raw.size() || raw.empty()) return std::nullopt;
  return v;
}

std::optional<EventId> ParseEventId(const std::string& raw) {
  auto v = ParseNumber<std::int64_t>(raw);
  if (!v || *v <= 0) return std::nullopt;
  return EventId{*v};
}

std::string AgendaUrl(const Context& ctx) { return ctx.site_url + "agenda/"; }
std::string EventUrl(const Context& ctx, EventId id) { return AgendaUrl(ctx) + std::to_string(id.value); }

// The site's base address from the configuration (never from the Host header: pages are cached).
std::string SiteBase(const Context& ctx) {
  return domain::mail::SiteBaseUrl(ctx.services.options.public_url, *ctx.city, *ctx.site);
}

// "webcal://host/path" for an absolute http(s) URL.
std::string Webcal(const std::string& url) {
  auto colon = url.find("://");
  return colon == std::string::npos ? url : "webcal" + url.substr(colon);
}

const char* WeekdayName(int weekday, view::Lang lang) {
  static constexpr const char* kNl[] = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"};
  static constexpr const char* kEn[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return lang == view::Lang::kEn ? kEn[weekday] : kNl[weekday];
}

std::string Clock(std::int64_t t) {
  const auto l = domain::events::ToLocal(t);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", l.hour, l.minute);
  return buf;
}

// "dinsdag 8 december 2026, 19:30–21:30", or for a whole day "dinsdag 8 december 2026".
std::string When(const Context& ctx, const Event& e, std::int64_t start, std::int64_t end) {
  const auto first = domain::events::ToLocal(start).date;
  std::string out = std::string(WeekdayName(domain::events::Weekday(first), ctx.lang)) + " " +
                    view::FormatDate(start, ctx.lang);
  if (e.all_day) {
    const std::int64_t last = end - 12 * 3600;  // the last day's noon: the end is the next midnight
    if (domain::events::ToLocal(last).date != first) out += " – " + view::FormatDate(last, ctx.lang);
    return out;
  }
  out += ", " + Clock(start) + "–";
  if (domain::events::ToLocal(end).date != first) out += view::FormatDate(end, ctx.lang) + ", ";
  return out + Clock(end);
}

std::string Replace(std::string text, std::string_view what, const std::string& with) {
  if (auto at = text.find(what); at != std::string::npos) text.replace(at, what.size(), with);
  return text;
}

// "Every week on Tuesday", "Every month on the 2nd Tuesday", …
std::string RepeatText(const Context& ctx, const Event& e) {
  if (!e.recurring()) return "";
  const auto start = e.all_day ? domain::events::ParseDate(e.start_local)
                               : std::optional<domain::events::LocalDate>(
                                     domain::events::ParseDateTime(e.start_local).value_or(domain::events::LocalDateTime{}).date);
  if (!start) return "";
  auto rule = domain::events::ParseRRule(e.rrule, *start);
  if (!rule) return "";
  std::string out;
  const std::string n = std::to_string(rule->interval);
  if (rule->frequency == domain::events::Frequency::kWeekly) {
    out = rule->interval == 1 ? ctx.T(Msg("Every week on {day}")) : Replace(ctx.T(Msg("Every {n} weeks on {day}")), "{n}", n);
    std::string days;
    for (std::size_t i = 0; i < rule->weekdays.size(); ++i) {
      if (i) days += ", ";
      days += WeekdayName(rule->weekdays[i], ctx.lang);
    }
    out = Replace(out, "{day}", days);
  } else if (rule->nth_weekday) {
    out = rule->interval == 1 ? ctx.T(Msg("Every month on the {nth} {day}"))
                              : Replace(ctx.T(Msg("Every {n} months on the {nth} {day}")), "{n}", n);
    const int k = rule->nth_weekday->n;
    std::string nth = k == -1 ? ctx.T(Msg("last")) : std::to_string(k) + (ctx.lang == view::Lang::kEn ? (k == 1 ? "st" : k == 2 ? "nd" : k == 3 ? "rd" : "th") : "e");
    out = Replace(Replace(out, "{nth}", nth), "{day}", WeekdayName(rule->nth_weekday->weekday, ctx.lang));
  } else {
    out = rule->interval == 1 ? ctx.T(Msg("Every month on day {d}"))
                              : Replace(ctx.T(Msg("Every {n} months on day {d}")), "{n}", n);
    out = Replace(out, "{d}", std::to_string(rule->month_day.value_or(start->day)));
  }
  if (rule->count) out += ", " + Replace(ctx.T(Msg("{n} times")), "{n}", std::to_string(*rule->count));
  if (rule->until) {
    out += ", " + ctx.T(Msg("until")) + " " + view::FormatDate(domain::events::StartOfDay(*rule->until) + 12 * 3600, ctx.lang);
  }
  return out;
}

// Mustache shows a section for any string, even an empty one: an empty text is `false`.
nlohmann::json Optional(const std::string& text) { return text.empty() ? nlohmann::json(false) : nlohmann::json(text); }

std::string Organiser(const Context& ctx, const Event& e) {
  if (!e.organisation_ref_name.empty()) return e.organisation_ref_name;  // [village] a sociale-kaart organisation
  if (!e.organisation_name.empty()) return e.organisation_name;
  return e.organiser ? e.organiser_name : ctx.T(Msg("a former neighbour"));
}

// An occurrence as a list shows it.
nlohmann::json OccurrenceView(const Context& ctx, const Occurrence& o) {
  const Event& e = o.event;
  return {{"id", std::to_string(e.id.value)},
          {"url", EventUrl(ctx, e.id)},
          {"title", e.title},
          {"when", When(ctx, e, o.start_at, o.end_at)},
          {"start_iso", e.all_day ? view::LocalIso(o.start_at).substr(0, 10) : view::LocalIso(o.start_at)},
          {"place", e.place_name},
          {"is_members_only", e.visibility == Visibility::kMembers},
          {"is_recurring", e.recurring()},
          {"group", groups::OrganisingGroup(ctx, e.group_id, e.group_name, e.group_members_only)},
          {"organisation", OrganisingOrganisation(ctx, e)},  // [village]
          {"summary", Optional(view::MarkdownSummary(e.description_markdown, 160))}};
}

nlohmann::json Pagination(const std::string& base, const domain::events::OccurrencePage& page) {
  nlohmann::json j = {{"has_pages", page.page > 1 || page.has_more}};
  if (page.page > 1) j["prev_url"] = page.page == 2 ? base : base + "?page=" + std::to_string(page.page - 1);
  if (page.has_more) j["next_url"] = base + "?page=" + std::to_string(page.page + 1);
  return j;
}

std::optional<int> PageNumber(const Context& ctx) {
  const std::string raw = ctx.req.Query("page");
  if (raw.empty()) return 1;
  auto page = ParseNumber<int>(raw);
  if (!page || *page < 1) return std::nullopt;
  return page;
}

// When a page listing these occurrences changes by itself: when the first of them ends (then
// it leaves the list), and at least once a day.
std::int64_t ExpiryOf(const std::vector<Occurrence>& items, std::int64_t now) {
  std::int64_t at = now + 24 * 3600;
  for (const auto& o : items) at = std::min(at, o.end_at);
  return std::max(at, now + 1);
}

// ---- The form -------------------------------------------------------------------------------

struct FormFields {
  std::string title, description, place, address, organisation, latitude, longitude;
  std::string date, start_time, end_time, end_date;
  bool all_day = false;
  std::string repeat = "none";  // none, weekly, monthly_day, monthly_weekday
  std::string interval = "1", count, until, exdates;
  bool signup = false;
  std::string capacity;
  Visibility visibility = Visibility::kPublic;
  std::string group;  // a group as organiser ("" none)
  std::string organisation_id;  // [village] a sociale-kaart organisation as organiser ("" none)
};

nlohmann::json FormValues(const FormFields& f) {
  return {{"title", f.title},
          {"description", f.description},
          {"place", f.place},
          {"address", f.address},
          {"organisation", f.organisation},
          {"latitude", f.latitude},
          {"longitude", f.longitude},
          {"date", f.date},
          {"start_time", f.start_time},
          {"end_time", f.end_time},
          {"end_date", f.end_date},
          {"all_day", f.all_day},
          {"repeat_none", f.repeat == "none"},
          {"repeat_weekly", f.repeat == "weekly"},
          {"repeat_monthly_day", f.repeat == "monthly_day"},
          {"repeat_monthly_weekday", f.repeat == "monthly_weekday"},
          {"interval", f.interval},
          {"count", f.count},
          {"until", f.until},
          {"exdates", f.exdates},
          {"signup", f.signup},
          {"capacity", f.capacity},
          {"visibility_public", f.visibility == Visibility::kPublic},
          {"visibility_members", f.visibility == Visibility::kMembers}};
}

FormFields Submitted(const Context& ctx) {
  const auto& r = ctx.req;
  FormFields f;
  f.title = r.Form("title");
  f.description = r.Form("description");
  f.place = r.Form("place");
  f.address = r.Form("address");
  f.organisation = r.Form("organisation");
  f.group = r.Form("group");
  f.organisation_id = r.Form("organisation_id");  // [village]
  f.latitude = r.Form("latitude");
  f.longitude = r.Form("longitude");
  f.date = r.Form("date");
  f.start_time = r.Form("start_time");
  f.end_time = r.Form("end_time");
  f.end_date = r.Form("end_date");
  f.all_day = r.Form("all_day") == "1";
  f.repeat = r.Form("repeat").empty() ? "none" : r.Form("repeat");
  f.interval = r.Form("interval").empty() ? "1" : r.Form("interval");
  f.count = r.Form("count");
  f.until = r.Form("until");
  f.exdates = r.Form("exdates");
  f.signup = r.Form("signup") == "1";
  f.capacity = r.Form("capacity");
  f.visibility = r.Form("visibility") == "members" ? Visibility::kMembers : Visibility::kPublic;
  return f;
}

FormFields FieldsOf(const Event& e) {
  FormFields f;
  f.title = e.title;
  f.description = e.description_markdown;
  f.place = e.place_name;
  f.address = e.address;
  f.organisation = e.organisation_name;
  if (e.group_id) f.group = std::to_string(*e.group_id);
  if (e.organisation_id) f.organisation_id = std::to_string(*e.organisation_id);  // [village]
  if (e.latitude) f.latitude = std::to_string(*e.latitude);
  if (e.longitude) f.longitude = std::to_string(*e.longitude);
  f.all_day = e.all_day;
  f.date = e.start_local.substr(0, 10);
  if (e.all_day) {
    if (e.end_local != e.start_local) f.end_date = e.end_local;
  } else {
    f.start_time = e.start_local.size() >= 16 ? e.start_local.substr(11, 5) : "";
    f.end_time = e.end_local.size() >= 16 ? e.end_local.substr(11, 5) : "";
    if (e.end_local.substr(0, 10) != f.date) f.end_date = e.end_local.substr(0, 10);
  }
  if (e.recurring()) {
    if (auto start = domain::events::ParseDate(f.date)) {
      if (auto rule = domain::events::ParseRRule(e.rrule, *start)) {
        f.repeat = rule->frequency == domain::events::Frequency::kWeekly ? "weekly"
                   : rule->nth_weekday                                  ? "monthly_weekday"
                                                                        : "monthly_day";
        f.interval = std::to_string(rule->interval);
        if (rule->count) f.count = std::to_string(*rule->count);
        if (rule->until) f.until = domain::events::FormatDate(*rule->until);
      }
    }
    f.exdates = e.exdates;
  }
  f.signup = e.signup;
  if (e.capacity) f.capacity = std::to_string(*e.capacity);
  f.visibility = e.visibility;
  return f;
}

domain::AppError WithField(domain::AppError e, const char* field) {
  e.field = field;
  return e;
}

// The form's fields as a draft; the service checks the rest.
Result<EventDraft> ReadDraft(const FormFields& f) {
  EventDraft d;
  d.title = f.title;
  d.description_markdown = f.description;
  d.place_name = f.place;
  d.address = f.address;
  d.organisation_name = f.organisation;
  if (!f.latitude.empty() || !f.longitude.empty()) {
    auto lat = ParseNumber<double>(f.latitude);
    auto lon = ParseNumber<double>(f.longitude);
    if (!lat || !lon) {
      return WithField(domain::MakeError(ErrorCode::kValidation, "Give both coordinates, latitude between -90 and 90 and longitude between -180 and 180, or neither."), "latitude");
    }
    d.latitude = lat;
    d.longitude = lon;
  }
  d.all_day = f.all_day;
  if (f.all_day) {
    d.start_local = f.date;
    d.end_local = f.end_date;
  } else {
    // Missing times make the text invalid: the service names the field, after the title.
    d.start_local = f.date + "T" + f.start_time;
    d.end_local = (f.end_date.empty() ? f.date : f.end_date) + "T" + f.end_time;
    // An end time before the start time on the same day: the event goes on past midnight.
    if (f.end_date.empty() && f.end_time < f.start_time) {
      if (auto day = domain::events::ParseDate(f.date)) {
        d.end_local = domain::events::FormatDate(domain::events::AddDays(*day, 1)) + "T" + f.end_time;
      }
    }
  }
  if (f.repeat != "none") {
    auto start = domain::events::ParseDate(f.date);
    auto interval = ParseNumber<int>(f.interval);
    if (!interval || *interval < 1 || *interval > domain::events::kMaxInterval) {
      return WithField(domain::MakeError(ErrorCode::kValidation, "Repeat every 1 to 52 weeks or months."), "interval");
    }
    std::string rule;
    if (f.repeat == "weekly") {
      rule = "FREQ=WEEKLY";
    } else if (f.repeat == "monthly_day") {
      rule = "FREQ=MONTHLY";
    } else if (f.repeat == "monthly_weekday") {
      rule = "FREQ=MONTHLY";
      if (start) {
        // The start's place in its month: the 1st … 4th, or the last when it is the 5th.
        static constexpr const char* kDays[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
        const int nth = (start->day - 1) / 7 + 1;
        rule += ";BYDAY=" + std::string(nth == 5 ? "-1" : std::to_string(nth)) + kDays[domain::events::Weekday(*start)];
      }
    } else {
      return BadForm();
    }
    rule += ";INTERVAL=" + std::to_string(*interval);
    if (!f.count.empty()) {
      auto count = ParseNumber<int>(f.count);
      if (!count || *count < 1 || *count > domain::events::kMaxCount) {
        return WithField(domain::MakeError(ErrorCode::kValidation, "Give how many times, from 1 to 520, or leave it empty."), "count");
      }
      rule += ";COUNT=" + std::to_string(*count);
    }
    if (!f.until.empty()) {
      auto until = domain::events::ParseDate(f.until);
      if (!until) return WithField(domain::MakeError(ErrorCode::kValidation, "Give the last date as on a calendar, for example 2026-05-01."), "until");
      const auto text = domain::events::FormatDate(*until);
      rule += ";UNTIL=" + text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2);
    }
    d.rrule = rule;
    d.exdates = f.exdates;
  }
  d.signup = f.signup;
  if (!f.capacity.empty()) {
    auto capacity = ParseNumber<int>(f.capacity);
    if (!capacity) return WithField(domain::MakeError(ErrorCode::kValidation, "The number of places is a whole number from 1 to 10,000."), "capacity");
    d.capacity = capacity;
  }
  d.visibility = f.visibility;
  return d;
}

Response FormPage(Context& ctx, bool editing, const std::string& action, const FormFields& f,
                  const domain::AppError* error, int status, std::optional<std::int64_t> current_group = std::nullopt,
                  const Event* current = nullptr) {
  nlohmann::json extra = {{"editing", editing}, {"action", action}, {"agenda_url", AgendaUrl(ctx)}};
  groups::AddGroupChoices(ctx, current_group, f.group, extra);
  AddOrganisationChoices(ctx, current, f.organisation_id, extra);  // [village]
  // [proevents] >>>
  if (ViewerOf(ctx).professional()) AddProfessionalOrganisationChoice(ctx, current, f.organisation_id, extra);
  // [proevents] <<<
  if (editing) extra["action_delete"] = action.substr(0, action.size() - std::string_view("bewerken").size()) + "verwijderen";
  return handlers::FormPage(ctx, kTemplateForm, ctx.T(editing ? Msg("Edit event") : Msg("Add an event")),
                            FormValues(f), error, status, extra);
}

// The JSON-LD of an event page (schema.org Event), safe inside <script>: "</" never appears.
std::string JsonLd(const Context& ctx, const Event& e, const Occurrence& next, const std::string& url) {
  nlohmann::json location = {{"@type", "Place"}, {"name", e.place_name}};
  if (!e.address.empty()) location["address"] = e.address;
  if (e.latitude && e.longitude) {
    location["geo"] = {{"@type", "GeoCoordinates"}, {"latitude", *e.latitude}, {"longitude", *e.longitude}};
  }
  auto iso = [&](std::int64_t t) {
    if (e.all_day) return view::LocalIso(t).substr(0, 10);
    const int offset = domain::events::AmsterdamOffset(t);
    return view::LocalIso(t) + ":00" + (offset == 7200 ? "+02:00" : "+01:00");
  };
  nlohmann::json j = {{"@context", "https://schema.org"},
                      {"@type", "Event"},
                      {"name", e.title},
                      {"description", view::MarkdownSummary(e.description_markdown, 500)},
                      {"startDate", iso(next.start_at)},
                      {"endDate", iso(e.all_day ? next.end_at - 12 * 3600 : next.end_at)},
                      {"eventStatus", "https://schema.org/EventScheduled"},
                      {"eventAttendanceMode", "https://schema.org/OfflineEventAttendanceMode"},
                      {"location", location},
                      {"url", url},
                      {"organizer", {{"@type", e.organisation_name.empty() ? "Person" : "Organization"},
                                     {"name", Organiser(ctx, e)}}}};
  // [village] >>> a sociale-kaart organisation: an Organization with the address of its page
  if (e.organisation_id && !e.organisation_uuid.empty()) {
    j["organizer"] = {{"@type", "Organization"},
                      {"name", e.organisation_ref_name},
                      {"url", ctx.PublicUrl(ctx.city_url + "sociale-kaart/organisaties/" + e.organisation_uuid)}};
  }
  // [village] <<<
  if (e.capacity) j["maximumAttendeeCapacity"] = *e.capacity;
  // Inside a script element "</script" would end it early and "<!--" changes how it is read:
  // every "<" (only ever inside JSON strings) is written as the JSON escape of "<" instead.
  std::string out;
  for (char c : j.dump()) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::int64_t> OccurrenceParam(const Context& ctx) {
  auto v = ParseNumber<std::int64_t>(ctx.req.Form("occurrence"));
  if (!v) return std::nullopt;
  return v;
}

}  // namespace

nlohmann::json ComingBlock(Context& ctx, bool& cacheable, std::int64_t& expires_at) {
  const Viewer viewer = ViewerOf(ctx);
  const auto next = Service(ctx).Next(ctx.site->id, viewer, 5);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& o : next) items.push_back(OccurrenceView(ctx, o));
  if (viewer.member) cacheable = false;
  const std::int64_t expiry = ExpiryOf(next, Service(ctx).Now());
  if (expires_at == 0 || expiry < expires_at) expires_at = expiry;
  return {{"items", items},
          {"has_items", !items.empty()},
          {"agenda_url", AgendaUrl(ctx)},
          {"can_add", viewer.member}};
}

Result<Response> List(Context& ctx) {
  const Viewer viewer = ViewerOf(ctx);
  auto page_number = PageNumber(ctx);
  if (!page_number) return NoEvent();
  auto page = Service(ctx).Coming(ctx.site->id, viewer, *page_number);
  if (page.items.empty() && page.page > 1) return NoEvent();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& o : page.items) items.push_back(OccurrenceView(ctx, o));
  auto data = ctx.PageData(ctx.T(Msg("Agenda")) + " – " + ctx.site->name);
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["can_add"] = viewer.member || viewer.professional();  // [proevents] professionals too
  data["new_url"] = AgendaUrl(ctx) + "nieuw";
  data["past_url"] = AgendaUrl(ctx) + "archief";
  data["embed_url"] = AgendaUrl(ctx) + "embed";
  data.update(Pagination(AgendaUrl(ctx), page));
  const std::string feed = domain::mail::Link(SiteBase(ctx), "agenda.ics");
  data["feed_url"] = ctx.site_url + "agenda.ics";
  data["webcal_url"] = Webcal(feed);
  AddAlternate(data, "text/calendar", ctx.T(Msg("Agenda")) + " – " + ctx.site->name, feed);
  if (ctx.req.Query("deleted") == "1") data["notice"] = ctx.T(Msg("The event is deleted."));
  auto r = ctx.Page("events/list", std::move(data));
  r.cacheable = !viewer.member;
  r.cache_expires_at = ExpiryOf(page.items, Service(ctx).Now());
  return r;
}

Result<Response> Past(Context& ctx) {
  const Viewer viewer = ViewerOf(ctx);
  auto page_number = PageNumber(ctx);
  if (!page_number) return NoEvent();
  auto page = Service(ctx).Past(ctx.site->id, viewer, *page_number);
  if (page.items.empty() && page.page > 1) return NoEvent();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& o : page.items) items.push_back(OccurrenceView(ctx, o));
  auto data = ctx.PageData(ctx.T(Msg("Past events")) + " – " + ctx.site->name);
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["agenda_url"] = AgendaUrl(ctx);
  data.update(Pagination(AgendaUrl(ctx) + "archief", page));
  auto r = ctx.Page("events/past", std::move(data));
  r.cacheable = !viewer.member;
  // An event moves into the archive when it ends, without a change to the site.
  r.cache_expires_at = Service(ctx).Now() + 3600;
  return r;
}

namespace {

// An event page built for its shell (docs/decisions/0012-page-shells.md): rendered with marks
// instead of the viewer's own bits when `marked` comes back true. Each date with sign-up has a
// hole 's' whose three versions (not signed up, signed up, on the waiting list) are rendered
// here, with marks for the CSRF token ('c') and the place on the waiting list ('p').
struct ShellBuild {
  bool marked = false;
  std::vector<std::int64_t> not_for_users;  ///< the organiser (their own edit button)
  std::int64_t expires_at = 0;              ///< when the page changes by itself
  std::vector<std::int64_t> occurrences;    ///< per 's' hole: the date's start
  std::vector<std::string> pieces;          ///< per 's' hole: none, confirmed, waiting
};

// How long an event page's shell lives at most (the site's changes make it stale at once).
constexpr std::int64_t kShellMaxAge = 60;
// Sign-ups listed per date on the event page; the rest on the attendee page.
constexpr int kAttendeesOnPage = 20;

std::string ShellKey(const Context& ctx) { return shell::Key(ctx, "event"); }

// The member's own part of one date: their status and the sign-up or cancel form.
nlohmann::json SignUpState(const std::string& event_url, std::int64_t occurrence, bool is_full, const std::string& csrf,
                           std::optional<SignUpStatus> status, const std::string& position) {
  return {{"url", event_url},
          {"occurrence", std::to_string(occurrence)},
          {"csrf", csrf},
          {"is_full", is_full},
          {"is_confirmed", status == SignUpStatus::kConfirmed},
          {"is_waiting", status == SignUpStatus::kWaiting},
          {"waiting_position", position},
          {"is_signed_up", status.has_value()}};
}

std::string AttendeesUrl(Context& ctx, EventId id, std::int64_t occurrence) {
  return EventUrl(ctx, id) + "/aanmeldingen?datum=" + std::to_string(occurrence);
}

Result<Response> ShowPage(Context& ctx, EventId id, ShellBuild* build) {
  const Viewer viewer = ViewerOf(ctx);
  auto& service = Service(ctx);
  auto event = service.Find(ctx.site->id, id, viewer);
  if (!event) return event.error();
  const Event& e = *event;
  const std::int64_t now = service.Now();
  auto occurrences = service.OccurrencesOf(e, now, kShownOccurrences);
  const bool over = occurrences.empty();
  const Occurrence shown = over ? Occurrence{e, e.start_at, e.end_at} : occurrences.front();
  const bool can_change = EventService::MayChange(e, viewer);
  const std::string login_url = "/account/login?next=" + EventUrl(ctx, e.id);
  if (build) {
    // The organiser sees their own edit button: never from (or into) a shared shell.
    if (e.organiser) build->not_for_users.push_back(e.organiser->value);
    build->expires_at = ExpiryOf(occurrences, now);
    if (!ctx.auth || (e.organiser && *e.organiser == ctx.auth->user.id)) build = nullptr;
  }
  // The viewer's own sign-ups, one query for all shown dates (not for a shell).
  std::vector<domain::events::OwnSignUp> mine;
  if (e.signup && viewer.member && !build && !over) mine = service.MySignUps(ctx.site->id, e.id, shown.start_at, viewer);
  const std::string csrf = (can_change || viewer.member) ? ctx.CsrfToken() : std::string();
  const std::string event_url = EventUrl(ctx, e.id);

  nlohmann::json dates = nlohmann::json::array();
  for (const auto& o : occurrences) {
    nlohmann::json d = {{"when", When(ctx, e, o.start_at, o.end_at)},
                        {"start_iso", e.all_day ? view::LocalIso(o.start_at).substr(0, 10) : view::LocalIso(o.start_at)},
                        {"occurrence", std::to_string(o.start_at)}};
    if (e.signup) {
      const auto counts = service.Counts(ctx.site->id, e.id, o.start_at);
      const bool is_full = e.capacity && counts.confirmed >= *e.capacity;
      d["confirmed"] = counts.confirmed;
      d["waiting"] = counts.waiting;
      d["has_waiting"] = counts.waiting > 0;
      d["has_capacity"] = e.capacity.has_value();
      d["capacity"] = e.capacity.value_or(0);
      d["places_left"] = e.capacity ? std::max(0, *e.capacity - counts.confirmed) : 0;
      d["is_full"] = is_full;
      d["counts_url"] = event_url + "/aanmeldingen.json?occurrence=" + std::to_string(o.start_at);
      d["can_sign_up"] = viewer.member;
      if (viewer.member && build) {
        build->occurrences.push_back(o.start_at);
        const std::string& c = shell::Mark('c');
        for (const auto status : {std::optional<SignUpStatus>(), std::optional(SignUpStatus::kConfirmed),
                                  std::optional(SignUpStatus::kWaiting)}) {
          build->pieces.push_back(ctx.services.renderer.Render(
              "events/signup_state", ctx.lang, SignUpState(event_url, o.start_at, is_full, c, status, shell::Mark('p'))));
        }
        d["state_html"] = shell::Mark('s');
      } else if (viewer.member) {
        std::optional<SignUpStatus> status;
        int position = 0;
        for (const auto& m : mine) {
          if (m.occurrence_start == o.start_at) status = m.status, position = m.position;
        }
        d["state_html"] = ctx.services.renderer.Render(
            "events/signup_state", ctx.lang, SignUpState(event_url, o.start_at, is_full, csrf, status, std::to_string(position)));
      }
      if (can_change) {
        // The first sign-ups; the attendee page has them all, a page at a time.
        auto people = service.Attendees(ctx.site->id, e, o.start_at, viewer, 1, kAttendeesOnPage);
        nlohmann::json list = nlohmann::json::array();
        if (people) {
          for (const auto& a : people->items) list.push_back({{"name", a.user_name}, {"waiting", a.status == SignUpStatus::kWaiting}});
          if (people->has_more) d["all_attendees_url"] = AttendeesUrl(ctx, e.id, o.start_at);
        }
        d["attendees"] = list;
        d["has_attendees"] = !list.empty();
      }
    }
    dates.push_back(std::move(d));
  }

  const std::string url = domain::mail::Link(SiteBase(ctx), "agenda/" + std::to_string(e.id.value));
  nlohmann::json shown_event = {{"id", std::to_string(e.id.value)},
                         {"url", event_url},
                         {"title", e.title},
                         {"description_html", view::MarkdownToHtml(e.description_markdown)},
                         {"has_description", !e.description_markdown.empty()},
                         {"when", When(ctx, e, shown.start_at, shown.end_at)},
                         {"start_iso", e.all_day ? view::LocalIso(shown.start_at).substr(0, 10) : view::LocalIso(shown.start_at)},
                         {"repeat", Optional(RepeatText(ctx, e))},
                         {"place", e.place_name},
                         {"address", Optional(e.address)},
                         {"has_geo", e.latitude.has_value()},
                         {"organiser", Organiser(ctx, e)},
                         {"group", groups::OrganisingGroup(ctx, e.group_id, e.group_name, e.group_members_only)},
                         {"organisation", OrganisingOrganisation(ctx, e)},  // [village]
                         {"is_members_only", e.visibility == Visibility::kMembers},
                         {"is_over", over},
                         {"signup", e.signup},
                         {"can_change", can_change},
                         {"dates", dates},
                         {"login_url", login_url},
                         {"ics_url", event_url + "/agenda.ics"}};
  if (e.latitude && e.longitude) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=17/%.6f/%.6f", *e.latitude,
                  *e.longitude, *e.latitude, *e.longitude);
    shown_event["map_url"] = buf;
  }
  auto data = ctx.PageData(e.title + " – " + ctx.site->name);
  const nlohmann::json page_data = build ? data : nlohmann::json();
  data["event"] = shown_event;
  data["agenda_url"] = AgendaUrl(ctx);
  data["needs_events_js"] = e.signup && !over;
  if (!csrf.empty()) data["csrf"] = csrf;
  if (ctx.req.Query("saved") == "1") data["notice"] = ctx.T(Msg("Your event is saved."));
  const std::string signed_up = ctx.req.Query("aangemeld");
  if (signed_up == "ja") data["notice"] = ctx.T(Msg("You are signed up. See you there!"));
  if (signed_up == "wachtlijst") data["notice"] = ctx.T(Msg("The event is full. You are on the waiting list: if someone cancels, you move up and get a mail."));
  if (signed_up == "af") data["notice"] = ctx.T(Msg("You have cancelled your sign-up."));
  if (e.visibility == Visibility::kPublic) {
    data["og"] = {{"type", "website"},
                  {"title", e.title},
                  {"description", When(ctx, e, shown.start_at, shown.end_at) + " · " + e.place_name + ". " +
                                      view::MarkdownSummary(e.description_markdown, 200)},
                  {"site_name", ctx.site->name},
                  {"url", url}};
    data["json_ld"] = JsonLd(ctx, e, shown, url);
    data["webcal_url"] = Webcal(domain::mail::Link(SiteBase(ctx), "agenda/" + std::to_string(e.id.value) + "/agenda.ics"));
  }
  if (build) {
    build->marked = shell::MarkViewer(data, page_data);
    if (!build->marked) return ShowPage(ctx, id, nullptr);  // something else is the viewer's own
  }
  auto r = ctx.Page("events/show", std::move(data));
  r.cacheable = e.visibility == Visibility::kPublic && !viewer.member;
  r.cache_expires_at = ExpiryOf(occurrences, now);
  return r;
}

// One hole's piece with the viewer's CSRF token and waiting-list place filled in.
std::string FillPiece(const std::string& piece, const std::string& csrf, int position) {
  std::string out = shell::Replace(piece, 'c', csrf);
  return shell::Replace(out, 'p', std::to_string(position));
}

}  // namespace

Result<Response> Show(Context& ctx) {
  auto id = ParseEventId(ctx.Param("id"));
  if (!id) return NoEvent();
  // Anonymous pages come from the page cache; a query (a notice after a form) is rendered.
  if (!ctx.auth || !ctx.req.query.empty()) return ShowPage(ctx, *id, nullptr);
  // Logged in: the page is the same for everyone in the audience except the name, CSRF token,
  // unread badge and the person's own sign-ups (holes), and except for the organiser.
  const std::int64_t user = ctx.auth->user.id.value;
  const std::string key = ShellKey(ctx);
  const std::int64_t now = shell::UnixNow();
  auto f = ctx.services.cache.FindFragment(key, now);
  if (f && std::find(f->not_for_users.begin(), f->not_for_users.end(), user) != f->not_for_users.end()) {
    return ShowPage(ctx, *id, nullptr);
  }
  if (!f) {
    const std::uint64_t generation = ctx.services.cache.Generation(ctx.site->id);
    ShellBuild build;
    auto r = ShowPage(ctx, *id, &build);
    if (!r || !build.marked) return r;
    auto made = std::make_shared<Fragment>();
    made->site = ctx.site->id;
    made->generation = generation;
    made->expires_at = std::min(now + kShellMaxAge, std::max(build.expires_at, now + 1));
    made->not_for_users = std::move(build.not_for_users);
    made->piece_keys = std::move(build.occurrences);
    made->pieces = std::move(build.pieces);
    shell::Cut(*made, r->body, "ncus");
    // The person's own CSRF token in the page (a form the marks missed): never shared.
    const std::string csrf = view::TemplateEscape(ctx.CsrfToken());
    if (csrf.empty() || r->body.find(csrf) == std::string::npos) ctx.services.cache.StoreFragment(key, made);
    f = made;
  }
  // The person's own sign-ups for the shown dates: one query, only when the page has any.
  const Viewer viewer = ViewerOf(ctx);
  std::vector<domain::events::OwnSignUp> mine;
  if (!f->piece_keys.empty() && viewer.member) {
    mine = Service(ctx).MySignUps(ctx.site->id, *id, f->piece_keys.front(), viewer);
  }
  const std::string csrf = f->piece_keys.empty() ? std::string() : view::TemplateEscape(ctx.CsrfToken());
  std::size_t next = 0;
  Response r;
  r.body = shell::Join(ctx, *f, [&](char hole) -> std::string {
    if (hole != 's' || next >= f->piece_keys.size() || 3 * next + 2 >= f->pieces.size()) return "";
    const std::size_t i = next++;
    std::size_t variant = 0;
    int position = 0;
    for (const auto& m : mine) {
      if (m.occurrence_start != f->piece_keys[i]) continue;
      variant = m.status == SignUpStatus::kWaiting ? 2 : 1;
      position = m.position;
    }
    return FillPiece(f->pieces[3 * i + variant], csrf, position);
  });
  return r;
}

Result<Response> AttendeeList(Context& ctx) {
  auto id = ParseEventId(ctx.Param("id"));
  if (!id) return NoEvent();
  const Viewer viewer = ViewerOf(ctx);
  auto& service = Service(ctx);
  auto event = service.Find(ctx.site->id, *id, viewer);
  if (!event) return event.error();
  auto start = ParseNumber<std::int64_t>(ctx.req.Query("datum"));
  if (!start) return NoEvent();
  auto occurrence = service.OccurrenceAt(*event, *start);
  if (!occurrence || !event->signup) return NoEvent();
  int page = 1;
  if (const std::string raw = ctx.req.Query("pagina"); !raw.empty()) {
    auto n = ParseNumber<int>(raw);
    if (!n || *n < 1) return NoEvent();
    page = *n;
  }
  auto people = service.Attendees(ctx.site->id, *event, *start, viewer, page);
  if (!people) return people.error();
  if (people->items.empty() && page > 1) return NoEvent();
  const auto counts = service.Counts(ctx.site->id, event->id, *start);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& a : people->items) list.push_back({{"name", a.user_name}, {"waiting", a.status == SignUpStatus::kWaiting}});
  auto data = ctx.PageData(ctx.T(Msg("Who signed up")) + " – " + event->title + " – " + ctx.site->name);
  data["event_title"] = event->title;
  data["event_url"] = EventUrl(ctx, event->id);
  data["when"] = When(ctx, *event, occurrence->start_at, occurrence->end_at);
  data["start_iso"] = event->all_day ? view::LocalIso(occurrence->start_at).substr(0, 10) : view::LocalIso(occurrence->start_at);
  data["confirmed"] = counts.confirmed;
  data["waiting"] = counts.waiting;
  data["attendees"] = list;
  data["has_attendees"] = !list.empty();
  const std::string base = AttendeesUrl(ctx, event->id, *start);
  if (people->page > 1) data["prev_url"] = people->page == 2 ? base : base + "&pagina=" + std::to_string(people->page - 1);
  if (people->has_more) data["next_url"] = base + "&pagina=" + std::to_string(people->page + 1);
  data["has_pages"] = people->page > 1 || people->has_more;
  return ctx.Page("events/attendees", std::move(data));
}

Result<Response> NewForm(Context& ctx) {
  return FormPage(ctx, false, AgendaUrl(ctx) + "nieuw", FormFields{}, nullptr, 200);
}

Result<Response> Create(Context& ctx) {
  const std::string action = AgendaUrl(ctx) + "nieuw";
  const FormFields f = Submitted(ctx);
  auto draft = ReadDraft(f);
  if (!draft) {
    if (draft.error().code != ErrorCode::kValidation) return draft.error();
    return FormPage(ctx, false, action, f, &draft.error(), 422);
  }
  auto group = groups::ReadGroupChoice(ctx, f.group, std::nullopt);
  if (!group) return group.error();
  draft->group_id = *group;
  // [village] >>>
  auto organisation = ReadOrganisationChoice(ctx, f.organisation_id, std::nullopt);
  if (!organisation) return organisation.error();
  draft->organisation_id = *organisation;
  // [village] <<<
  auto event = Service(ctx).Create(ctx.site->id, ViewerOf(ctx), *draft);
  if (!event) {
    if (event.error().code != ErrorCode::kValidation) return event.error();
    return FormPage(ctx, false, action, f, &event.error(), 422);
  }
  return Redirect(303, EventUrl(ctx, event->id) + "?saved=1");
}

Result<Response> EditForm(Context& ctx) {
  auto id = ParseEventId(ctx.Param("id"));
  if (!id) return NoEvent();
  const Viewer viewer = ViewerOf(ctx);
  auto event = Service(ctx).Find(ctx.site->id, *id, viewer);
  if (!event) return event.error();
  if (!EventService::MayChange(*event, viewer)) {
    return domain::MakeError(ErrorCode::kForbidden, "Only the organiser or a buurtverbinder can change this event.");
  }
  return FormPage(ctx, true, EventUrl(ctx, *id) + "/bewerken", FieldsOf(*event), nullptr, 200, event->group_id,
                  &*event);
}

Result<Response> Edit(Context& ctx) {
  auto id = ParseEventId(ctx.Param("id"));
  if (!id) return NoEvent();
  const std::string action = EventUrl(ctx, *id) + "/bewerken";
  // Another site's event, or one this viewer cannot see: 404 before the form is even read.
  auto existing = Service(ctx).Find(ctx.site->id, *id, ViewerOf(ctx));
  if (!existing) return existing.error();
  const FormFields f = Submitted(ctx);
  auto draft = ReadDraft(f);
  if (!draft) {
    if (draft.error().code != ErrorCode::kValidation) return draft.error();
    return FormPage(ctx, true, action, f, &draft.error(), 422, existing->group_id, &*existing);
  }
  auto group = groups::ReadGroupChoice(ctx, f.group, existing->group_id);
  if (!group) return group.error();
  draft->group_id = *group;
  // [village] >>>
  auto organisation = ReadOrganisationChoice(ctx, f.organisation_id, existing->organisation_id);
  if (!organisation) return organisation.error();
  draft->organisation_id = *organisation;
  // [village] <<<
  auto event = Service(ctx).Edit(ctx.site->id, *id, ViewerOf(ctx), *draft);
  if (!event) {
    if (event.error().code != ErrorCode::kValidation) return event.error();
    return FormPage(ctx, true, action, f, &event.error(), 422, existing->group_id, &*existing);
  }
  return Redirect(303, EventUrl(ctx, *id) + "?saved=1");
}

Result<Response> Delete(Context& ctx) {
  auto id = ParseEventId(ctx.Param("id"));
  if (!id) return NoEvent();
  if (auto s = Service(ctx).Delete(ctx.site->id, *id, ViewerOf(ctx)); !s) return s.error();
  return Redirect(303, AgendaUrl(ctx) + "?deleted=1");
}

Result<Response> SignUp(Context& ctx) {
  auto id = ParseEventId(ctx.Param("id"));
  if (!id) return NoEvent();
  auto occurrence = OccurrenceParam(ctx);
  if (!occurrence) return BadForm();
  auto outcome = Service(ctx).SignUp(ctx.site->id, *id, *occurrence, ViewerOf(ctx));
  if (!outcome) return outcome.error();
  return Redirect(303, EventUrl(ctx, *id) + "?aangemeld=" +
                           (outcome->status == SignUpStatus::kWaiting ? "wachtlijst" : "ja"));
}

Result<Response> Cancel(Context& ctx) {
  auto id = ParseEventId(ctx.Param("id"));
  if (!id) return NoEvent();
  auto occurrence = OccurrenceParam(ctx);
  if (!occurrence) return BadForm();
  auto outcome = Service(ctx).Cancel(ctx.site->id, *id, *occurrence, ViewerOf(ctx));
  if (!outcome) return outcome.error();
  return Redirect(303, EventUrl(ctx, *id) + "?aangemeld=af");
}

Result<Response> Counts(Context& ctx) {
  auto id = ParseEventId(ctx.Param("id"));
  if (!id) return NoEvent();
  auto occurrence = ParseNumber<std::int64_t>(ctx.req.Query("occurrence"));
  if (!occurrence) return NoEvent();
  auto& service = Service(ctx);
  auto event = service.Find(ctx.site->id, *id, ViewerOf(ctx));
  if (!event) return event.error();
  if (!event->signup || !service.OccurrenceAt(*event, *occurrence)) return NoEvent();
  const auto counts = service.Counts(ctx.site->id, *id, *occurrence);
  nlohmann::json j = {{"confirmed", counts.confirmed}, {"waiting", counts.waiting}};
  if (event->capacity) {
    j["capacity"] = *event->capacity;
    j["places_left"] = std::max(0, *event->capacity - counts.confirmed);
  }
  Response r;
  r.content_type = "application/json";
  r.body = j.dump();
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Result<Response> Embed(Context& ctx) {
  // Anonymous view whoever asks: the page is shown on another website and reads no session.
  const Viewer anonymous;
  auto page = Service(ctx).Coming(ctx.site->id, anonymous, 1);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& o : page.items) {
    auto v = OccurrenceView(ctx, o);
    v["url"] = domain::mail::Link(SiteBase(ctx), "agenda/" + std::to_string(o.event.id.value));
    items.push_back(std::move(v));
  }
  nlohmann::json data = {{"lang", view::LangCode(ctx.lang)},
                         {"page_title", ctx.T(Msg("Agenda")) + " – " + ctx.site->name},
                         {"site_name", ctx.site->name},
                         {"items", items},
                         {"has_items", !items.empty()},
                         {"agenda_url", domain::mail::Link(SiteBase(ctx), "agenda/")},
                         {"assets", ctx.services.static_files.assets()}};
  Response r;
  r.body = ctx.services.renderer.Render("events/embed", ctx.lang, data);
  r.embeddable = true;
  r.cacheable = true;
  r.cache_expires_at = ExpiryOf(page.items, Service(ctx).Now());
  return r;
}

}  // namespace buurtplein::http::handlers::events
