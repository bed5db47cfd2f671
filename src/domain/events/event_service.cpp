#include "domain/events/event_service.hpp"

#include <algorithm>
#include <cmath>

#include "domain/common/text.hpp"
#include "domain/events/local_time.hpp"
#include "domain/events/rrule.hpp"

namespace buurtplein::domain::events {

namespace {

AppError NoEvent() { return MakeError(ErrorCode::kNotFound, "This event does not exist, or you cannot see it."); }
AppError NotYours() {
  return MakeError(ErrorCode::kForbidden, "Only the organiser or a buurtverbinder can change this event.");
}

AppError WithField(AppError e, const char* field) {
  e.field = field;
  return e;
}

enum class LineCheck { kOk, kBad, kEmpty, kTooLong };

// Cleans one line of text into `out`.
LineCheck CleanLine(const std::string& in, std::string& out, std::size_t max, bool required) {
  std::size_t n = 0;
  if (!CopyCleanText(TrimView(in), false, out, n)) return LineCheck::kBad;
  if (required && n == 0) return LineCheck::kEmpty;
  if (n > max) return LineCheck::kTooLong;
  return LineCheck::kOk;
}

// The Markdown description reduced to its words, for the search index.
std::string PlainWords(const std::string& markdown) {
  std::string out;
  out.reserve(markdown.size());
  for (char c : markdown) {
    if (c == '*' || c == '_' || c == '#' || c == '`' || c == '>' || c == '[' || c == ']' || c == '|') continue;
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

bool Earlier(const Occurrence& a, const Occurrence& b) {
  if (a.start_at != b.start_at) return a.start_at < b.start_at;
  return a.event.id.value < b.event.id.value;
}

}  // namespace

Result<EventDraft> EventService::Clean(const EventDraft& draft) {
  EventDraft out = draft;
  switch (CleanLine(draft.title, out.title, kMaxTitleLength, true)) {
    case LineCheck::kOk: break;
    case LineCheck::kBad: return WithField(MakeError(ErrorCode::kValidation, "The title contains characters we cannot use."), "title");
    case LineCheck::kEmpty: return WithField(MakeError(ErrorCode::kValidation, "Give your event a title."), "title");
    case LineCheck::kTooLong: return WithField(MakeError(ErrorCode::kValidation, "The title is longer than 140 characters."), "title");
  }
  {
    std::size_t n = 0;
    if (!CopyCleanText(TrimView(draft.description_markdown), true, out.description_markdown, n)) {
      return WithField(MakeError(ErrorCode::kValidation, "The description contains characters we cannot use."), "description");
    }
    if (n > kMaxDescriptionLength) {
      return WithField(MakeError(ErrorCode::kValidation, "The description is longer than 20,000 characters."), "description");
    }
  }
  switch (CleanLine(draft.place_name, out.place_name, kMaxPlaceLength, true)) {
    case LineCheck::kOk: break;
    case LineCheck::kBad: return WithField(MakeError(ErrorCode::kValidation, "The place contains characters we cannot use."), "place");
    case LineCheck::kEmpty: return WithField(MakeError(ErrorCode::kValidation, "Say where the event takes place."), "place");
    case LineCheck::kTooLong: return WithField(MakeError(ErrorCode::kValidation, "The place is longer than 140 characters."), "place");
  }
  switch (CleanLine(draft.address, out.address, kMaxAddressLength, false)) {
    case LineCheck::kOk: break;
    case LineCheck::kBad: return WithField(MakeError(ErrorCode::kValidation, "The address contains characters we cannot use."), "address");
    case LineCheck::kEmpty: break;
    case LineCheck::kTooLong: return WithField(MakeError(ErrorCode::kValidation, "The address is longer than 200 characters."), "address");
  }
  switch (CleanLine(draft.organisation_name, out.organisation_name, kMaxPlaceLength, false)) {
    case LineCheck::kOk: break;
    case LineCheck::kBad: return WithField(MakeError(ErrorCode::kValidation, "The organisation contains characters we cannot use."), "organisation");
    case LineCheck::kEmpty: break;
    case LineCheck::kTooLong: return WithField(MakeError(ErrorCode::kValidation, "The organisation is longer than 140 characters."), "organisation");
  }
  if (draft.latitude.has_value() != draft.longitude.has_value() ||
      (draft.latitude && (!std::isfinite(*draft.latitude) || *draft.latitude < -90 || *draft.latitude > 90)) ||
      (draft.longitude && (!std::isfinite(*draft.longitude) || *draft.longitude < -180 || *draft.longitude > 180))) {
    return WithField(MakeError(ErrorCode::kValidation, "Give both coordinates, latitude between -90 and 90 and longitude between -180 and 180, or neither."), "latitude");
  }

  // Times: local wall-clock text in, UTC out.
  LocalDate start_date;
  std::int64_t duration_minutes = 0;
  if (draft.all_day) {
    auto start = ParseDate(draft.start_local);
    if (!start) return WithField(MakeError(ErrorCode::kValidation, "Give the date as on a calendar, for example 2026-05-01."), "date");
    auto last = draft.end_local.empty() ? start : ParseDate(draft.end_local);
    if (!last) return WithField(MakeError(ErrorCode::kValidation, "Give the end date as on a calendar, for example 2026-05-01."), "end_date");
    if (*last < *start) return WithField(MakeError(ErrorCode::kValidation, "The event cannot end before it starts."), "end_date");
    if (DaysFromDate(*last) - DaysFromDate(*start) > 14) {
      return WithField(MakeError(ErrorCode::kValidation, "An event lasts at most 14 days."), "end_date");
    }
    out.start_local = FormatDate(*start);
    out.end_local = FormatDate(*last);
    out.start_at = StartOfDay(*start);
    out.end_at = StartOfDay(AddDays(*last, 1));
    start_date = *start;
    duration_minutes = (DaysFromDate(*last) - DaysFromDate(*start) + 1) * 1440;
  } else {
    auto start = ParseDateTime(draft.start_local);
    if (!start) {
      return WithField(MakeError(ErrorCode::kValidation, "Give the date and start time as on a calendar, for example 2026-05-01 19:30."), "date");
    }
    auto end = ParseDateTime(draft.end_local);
    if (!end) return WithField(MakeError(ErrorCode::kValidation, "Give the end time, for example 21:00."), "end_time");
    duration_minutes = WallMinutesBetween(*start, *end);
    if (duration_minutes <= 0) return WithField(MakeError(ErrorCode::kValidation, "The event cannot end before it starts."), "end_time");
    if (duration_minutes > 14 * 1440) return WithField(MakeError(ErrorCode::kValidation, "An event lasts at most 14 days."), "end_time");
    out.start_local = FormatDateTime(*start);
    out.end_local = FormatDateTime(*end);
    out.start_at = ToUtc(*start);
    out.end_at = ToUtc(*end);
    if (out.end_at <= out.start_at) return WithField(MakeError(ErrorCode::kValidation, "The event cannot end before it starts."), "end_time");
    start_date = start->date;
  }

  out.last_end_at = out.end_at;
  out.exdates.clear();
  if (!TrimView(draft.rrule).empty()) {
    auto rule = ParseRRule(TrimView(draft.rrule), start_date);
    if (!rule) return rule.error();
    out.rrule = FormatRRule(*rule);
    auto ex = ParseDateList(draft.exdates);
    if (!ex) {
      return WithField(MakeError(ErrorCode::kValidation, "Give the dates to skip as 2026-05-01, separated by commas."), "exdates");
    }
    if (ex->size() > 100) return WithField(MakeError(ErrorCode::kValidation, "Skip at most 100 dates."), "exdates");
    out.exdates = FormatDateList(*ex);
    out.last_end_at.reset();
    if (auto last = LastDate(*rule, start_date, *ex)) {
      if (draft.all_day) {
        out.last_end_at = StartOfDay(AddDays(*last, duration_minutes / 1440));
      } else {
        const auto s = ParseDateTime(out.start_local);
        out.last_end_at = ToUtc(AddWallMinutes(LocalDateTime{*last, s->hour, s->minute}, duration_minutes));
      }
    }
  } else {
    out.rrule.clear();
  }

  if (draft.capacity) {
    if (*draft.capacity < 1 || *draft.capacity > kMaxCapacity) {
      return WithField(MakeError(ErrorCode::kValidation, "The number of places is a whole number from 1 to 10,000."), "capacity");
    }
    out.signup = true;
  }
  return out;
}

bool EventService::MayChange(const Event& event, const Viewer& viewer) {
  if (!viewer.user) return false;
  if (!viewer.member && !viewer.professional()) return false;
  return viewer.buurtverbinder || (event.organiser && *event.organiser == *viewer.user);
}

Status EventService::CheckProfessionalDraft(const EventDraft& draft, const Viewer& viewer,
                                            std::optional<std::int64_t> current_organisation) {
  if (!viewer.professional()) return Ok{};
  // Professionals are no members: they speak for their organisation, in public (decision 0013).
  const bool own = draft.organisation_id && *draft.organisation_id == *viewer.professional_organisation;
  const bool kept = draft.organisation_id && current_organisation && *draft.organisation_id == *current_organisation;
  if (!own && !kept) {
    return MakeError(ErrorCode::kForbidden, "As a professional you add events as your organisation.");
  }
  if (draft.visibility != Visibility::kPublic) {
    return MakeError(ErrorCode::kForbidden, "Events of professionals are for everyone: only members add members-only events.");
  }
  return Ok{};
}

bool EventService::MaySee(const Event& event, const Viewer& viewer) const {
  return event.visibility == Visibility::kPublic || viewer.member;
}

std::optional<search::Document> EventService::DocumentOf(const Event& e) const {
  if (!locator_) return std::nullopt;
  auto place = locator_(e.site);
  if (!place) return std::nullopt;
  search::Document d;
  d.kind = search::Kind::kEvent;
  d.item_id = e.id.value;
  d.city = place->city;
  d.site = e.site;
  d.title = e.title;
  d.body = PlainWords(e.description_markdown) + " " + e.place_name + " " + e.address + " " + e.organisation_name + " " +
           e.organisation_ref_name;
  d.url = place->path + "agenda/" + std::to_string(e.id.value);
  d.members_only = e.visibility == Visibility::kMembers;
  d.when = e.start_at;
  return d;
}

void EventService::Index(const Event& e) {
  if (!indexer_) return;
  if (auto d = DocumentOf(e)) indexer_->Put(*d);
}

long EventService::Reindex(SiteId site, search::Indexer& indexer) {
  long n = 0;
  EventId after{0};
  for (auto batch = store_.events().ListEventsAfter(site, after, kReindexBatch); !batch.empty();
       batch = store_.events().ListEventsAfter(site, after, kReindexBatch)) {
    for (const auto& e : batch) {
      if (auto d = DocumentOf(e)) {
        indexer.Put(*d);
        ++n;
      }
    }
    after = batch.back().id;
  }
  return n;
}

void EventService::Unindex(EventId id) {
  if (indexer_) indexer_->Drop(search::Kind::kEvent, id.value);
}

Result<Event> EventService::Create(SiteId site, const Viewer& viewer, const EventDraft& draft) {
  if (!viewer.user || (!viewer.member && !viewer.professional())) {
    return MakeError(ErrorCode::kForbidden, "Only verified members of this neighbourhood can add events.");
  }
  auto clean = Clean(draft);
  if (!clean) return clean.error();
  // After the form's own problems, so a professional sees those first (a 422 with the form).
  if (auto s = CheckProfessionalDraft(*clean, viewer, std::nullopt); !s) return s.error();
  const std::int64_t now = clock_.Now();
  if (clean->last_end_at && *clean->last_end_at <= now) {
    return WithField(MakeError(ErrorCode::kValidation, "This event is already over. Choose a date in the future."), "date");
  }
  auto event = store_.events().CreateEvent(site, *viewer.user, *clean, now);
  if (event) {
    Changed(site);
    Index(*event);
  }
  return event;
}

Result<Event> EventService::Find(SiteId site, EventId id, const Viewer& viewer) {
  auto event = store_.events().FindEvent(site, id);
  if (!event || !MaySee(*event, viewer)) return NoEvent();
  return *event;
}

Result<Event> EventService::Edit(SiteId site, EventId id, const Viewer& viewer, const EventDraft& draft) {
  auto event = Find(site, id, viewer);
  if (!event) return event.error();
  if (!MayChange(*event, viewer)) return NotYours();
  auto clean = Clean(draft);
  if (!clean) return clean.error();
  if (auto s = CheckProfessionalDraft(*clean, viewer, event->organisation_id); !s) return s.error();
  // The organising group and organisation: the caller has checked who may name them
  // (http/handlers/groups/organiser, http/handlers/events/organisation); the store only ever keeps
  // a group of the event's own site and an organisation of its city.
  if (auto s = store_.events().UpdateEvent(site, id, *clean, clock_.Now()); !s) return s.error();
  Changed(site);
  auto changed = Find(site, id, viewer);
  if (changed) Index(*changed);
  return changed;
}

Status EventService::Delete(SiteId site, EventId id, const Viewer& viewer) {
  auto event = Find(site, id, viewer);
  if (!event) return event.error();
  if (!MayChange(*event, viewer)) return NotYours();
  if (auto s = store_.events().DeleteEvent(site, id); !s) return s;
  Changed(site);
  Unindex(id);
  return Ok{};
}

std::vector<Occurrence> EventService::OccurrencesOf(const Event& e, std::int64_t from, std::size_t max) const {
  std::vector<Occurrence> out;
  if (max == 0) return out;
  if (!e.recurring()) {
    if (e.end_at > from) out.push_back({e, e.start_at, e.end_at});
    return out;
  }
  std::optional<LocalDate> start_date;
  std::optional<LocalDateTime> start_time;
  std::int64_t minutes = 0;
  if (e.all_day) {
    start_date = ParseDate(e.start_local);
    auto last = ParseDate(e.end_local);
    if (!start_date || !last) return out;
    minutes = (DaysFromDate(*last) - DaysFromDate(*start_date) + 1) * 1440;
  } else {
    start_time = ParseDateTime(e.start_local);
    auto end = ParseDateTime(e.end_local);
    if (!start_time || !end) return out;
    start_date = start_time->date;
    minutes = WallMinutesBetween(*start_time, *end);
  }
  auto rule = ParseRRule(e.rrule, *start_date);
  auto ex = ParseDateList(e.exdates);
  if (!rule || !ex) return out;
  // Occurrences that started up to their length before `from` may still be going on.
  const LocalDate first = AddDays(ToLocal(from).date, -(minutes / 1440 + 1));
  const LocalDate last = ToLocal(from + kWindowSeconds).date;
  for (const auto& d : ExpandDates(*rule, *start_date, first, last, *ex, max + minutes / 1440 + 2)) {
    Occurrence o{e, 0, 0};
    if (e.all_day) {
      o.start_at = StartOfDay(d);
      o.end_at = StartOfDay(AddDays(d, minutes / 1440));
    } else {
      const LocalDateTime s{d, start_time->hour, start_time->minute};
      o.start_at = ToUtc(s);
      o.end_at = ToUtc(AddWallMinutes(s, minutes));
    }
    if (o.end_at <= from) continue;
    out.push_back(std::move(o));
    if (out.size() >= max) break;
  }
  return out;
}

std::optional<Occurrence> EventService::OccurrenceAt(const Event& event, std::int64_t start) const {
  if (!event.recurring()) {
    if (start != event.start_at) return std::nullopt;
    return Occurrence{event, event.start_at, event.end_at};
  }
  // Expand from just before `start`: the occurrence that starts there comes first.
  for (auto& o : OccurrencesOf(event, start, 3)) {
    if (o.start_at == start) return o;
    if (o.start_at > start) break;
  }
  return std::nullopt;
}

OccurrencePage EventService::Coming(SiteId site, const Viewer& viewer, int page) {
  OccurrencePage out;
  out.page = std::max(1, page);
  if (out.page > kMaxPage) return out;
  const std::int64_t now = clock_.Now();
  const std::size_t need = static_cast<std::size_t>(out.page) * kPageSize + 1;
  std::vector<Occurrence> all;
  for (auto& e : store_.events().ListComingSingle(site, now, viewer.member, static_cast<int>(need), 0)) {
    all.push_back({e, e.start_at, e.end_at});
  }
  for (const auto& e : store_.events().ListComingSeries(site, now, viewer.member, kMaxSeries)) {
    for (auto& o : OccurrencesOf(e, now, need)) all.push_back(std::move(o));
  }
  std::sort(all.begin(), all.end(), Earlier);
  const std::size_t from = static_cast<std::size_t>(out.page - 1) * kPageSize;
  if (all.size() > from + kPageSize) out.has_more = out.page < kMaxPage;
  for (std::size_t i = from; i < all.size() && i < from + kPageSize; ++i) out.items.push_back(std::move(all[i]));
  return out;
}

std::vector<Occurrence> EventService::Next(SiteId site, const Viewer& viewer, int limit) {
  auto page = Coming(site, viewer, 1);
  if (page.items.size() > static_cast<std::size_t>(std::max(0, limit))) page.items.resize(std::max(0, limit));
  return std::move(page.items);
}

OccurrencePage EventService::Past(SiteId site, const Viewer& viewer, int page) {
  OccurrencePage out;
  out.page = std::max(1, page);
  if (out.page > kMaxPage) return out;
  auto events = store_.events().ListPast(site, clock_.Now(), viewer.member, kPageSize + 1, (out.page - 1) * kPageSize);
  if (events.size() > static_cast<std::size_t>(kPageSize)) {
    out.has_more = out.page < kMaxPage;
    events.resize(kPageSize);
  }
  for (auto& e : events) out.items.push_back({e, e.start_at, e.end_at});
  return out;
}

Result<SignUpOutcome> EventService::SignUp(SiteId site, EventId id, std::int64_t occurrence_start, const Viewer& viewer) {
  if (!viewer.user || !viewer.member) {
    return MakeError(ErrorCode::kForbidden, "Only verified members of this neighbourhood can sign up.");
  }
  auto event = Find(site, id, viewer);
  if (!event) return event.error();
  if (!event->signup) return MakeError(ErrorCode::kConflict, "You do not need to sign up for this event.");
  auto occurrence = OccurrenceAt(*event, occurrence_start);
  if (!occurrence) return MakeError(ErrorCode::kNotFound, "This event does not take place on that date.");
  if (occurrence->end_at <= clock_.Now()) return MakeError(ErrorCode::kConflict, "This event is already over.");
  auto outcome = store_.events().SignUp(site, id, occurrence_start, *viewer.user, clock_.Now());
  if (outcome && !outcome->already) Changed(site);
  return outcome;
}

Result<CancelOutcome> EventService::Cancel(SiteId site, EventId id, std::int64_t occurrence_start, const Viewer& viewer) {
  if (!viewer.user || !viewer.member) {
    return MakeError(ErrorCode::kForbidden, "Only verified members of this neighbourhood can sign up.");
  }
  auto event = Find(site, id, viewer);
  if (!event) return event.error();
  auto outcome = store_.events().Cancel(site, id, occurrence_start, *viewer.user);
  if (!outcome) return outcome;
  if (outcome->was_signed_up) Changed(site);
  if (outcome->promoted && notifier_) notifier_->MovedUp(*event, occurrence_start, *outcome->promoted);
  return outcome;
}

std::optional<std::pair<SignUpStatus, int>> EventService::MySignUp(SiteId site, EventId id,
                                                                   std::int64_t occurrence_start, const Viewer& viewer) {
  if (!viewer.user) return std::nullopt;
  return store_.events().FindSignUp(site, id, occurrence_start, *viewer.user);
}

SignUpCounts EventService::Counts(SiteId site, EventId id, std::int64_t occurrence_start) {
  return store_.events().CountSignUps(site, id, occurrence_start);
}

Result<AttendeePage> EventService::Attendees(SiteId site, const Event& event, std::int64_t occurrence_start,
                                             const Viewer& viewer, int page, int per_page) {
  if (!MayChange(event, viewer)) return NotYours();
  AttendeePage out;
  out.page = std::max(1, page);
  per_page = std::clamp(per_page, 1, 500);
  if (out.page > kMaxPage) return out;
  out.items = store_.events().ListSignUps(site, event.id, occurrence_start, per_page + 1, (out.page - 1) * per_page);
  if (out.items.size() > static_cast<std::size_t>(per_page)) {
    out.items.resize(per_page);
    out.has_more = out.page < kMaxPage;
  }
  return out;
}

std::vector<OwnSignUp> EventService::MySignUps(SiteId site, EventId id, std::int64_t from, const Viewer& viewer) {
  if (!viewer.user) return {};
  return store_.events().ListOwnSignUps(site, id, *viewer.user, from, kMaxOwnSignUps);
}

std::vector<Event> EventService::FeedOfSite(SiteId site) {
  return store_.events().ListPublicOfSite(site, clock_.Now() - 30 * 24 * 3600, kMaxFeedEvents, 0);
}

std::vector<Event> EventService::FeedOfCity(CityId city) {
  return store_.events().ListPublicOfCity(city, clock_.Now() - 30 * 24 * 3600, kMaxFeedEvents, 0);
}

std::vector<Event> EventService::FeedOfGroup(SiteId site, std::int64_t group_id) {
  return store_.events().ListOfGroup(site, group_id, clock_.Now() - 30 * 24 * 3600, false, kMaxFeedEvents, 0);
}

namespace {

// One row more than asked tells whether there is a next page.
EventPage Paged(std::vector<Event> rows, int per_page) {
  EventPage page;
  page.has_more = rows.size() > static_cast<std::size_t>(per_page);
  if (page.has_more) rows.resize(static_cast<std::size_t>(per_page));
  page.events = std::move(rows);
  return page;
}

int OffsetOf(int page, int per_page) { return (std::max(page, 1) - 1) * per_page; }

}  // namespace

EventPage EventService::PublicComingOfSite(SiteId site, int page, int per_page) {
  per_page = std::max(per_page, 1);
  return Paged(store_.events().ListPublicOfSite(site, clock_.Now(), per_page + 1, OffsetOf(page, per_page)), per_page);
}

EventPage EventService::PublicComingOfCity(CityId city, int page, int per_page) {
  per_page = std::max(per_page, 1);
  return Paged(store_.events().ListPublicOfCity(city, clock_.Now(), per_page + 1, OffsetOf(page, per_page)), per_page);
}

EventPage EventService::ComingOfGroup(SiteId site, std::int64_t group_id, const Viewer& viewer, int page,
                                      int per_page) {
  per_page = std::max(per_page, 1);
  return Paged(store_.events().ListOfGroup(site, group_id, clock_.Now(), viewer.member, per_page + 1,
                                           OffsetOf(page, per_page)),
               per_page);
}

Status EventService::EraseContent(UserId user, accounts::ContentChoice choice) {
  std::vector<SiteId> changed;
  for (const auto& erased : store_.events().EraseAttendee(user)) {
    changed.push_back(erased.site);
    if (erased.promoted && notifier_) {
      if (auto event = store_.events().FindEvent(erased.site, erased.event)) {
        notifier_->MovedUp(*event, erased.occurrence_start, *erased.promoted);
      }
    }
  }
  const bool remove = choice == accounts::ContentChoice::kRemove;
  for (const auto& [site, id] : store_.events().EraseOrganiser(user, remove)) {
    changed.push_back(site);
    if (remove) Unindex(id);
  }
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  for (SiteId site : changed) Changed(site);
  return Ok{};
}

}  // namespace buurtplein::domain::events
