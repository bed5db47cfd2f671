#include "store/postgres/events_repository.hpp"

#include <algorithm>

namespace buurtplein::store::postgres {

using domain::CityId;
using domain::ErrorCode;
using domain::MakeError;
using domain::SiteId;
using domain::UserId;
using domain::events::CancelOutcome;
using domain::events::ErasedSignUp;
using domain::events::OwnSignUp;
using domain::events::Event;
using domain::events::EventDraft;
using domain::events::EventId;
using domain::events::Attendee;
using domain::events::SignUpCounts;
using domain::events::SignUpOutcome;
using domain::events::SignUpStatus;
using domain::events::Visibility;

namespace {

// Every statement names the site (or, for the city feed, the city): another site's events and
// sign-ups are never read or changed. Never an e-mail address: these rows are shown to people.
#define BP_EVENT_COLUMNS                                                                                     \
  "e.id, e.site_id, e.organiser_id, coalesce(u.display_name, ''), e.group_id, e.organisation_name, e.title, " \
  "e.description_markdown, e.place_name, e.address, e.latitude, e.longitude, e.all_day::int, e.start_local, " \
  "e.end_local, e.start_at, e.end_at, e.rrule, e.exdates, e.last_end_at, e.signup::int, e.capacity, "          \
  "e.visibility, e.image_key, e.created_at, e.updated_at, coalesce(g.name, ''), coalesce(g.visibility, 'public'), "      \
  "e.organisation_id, coalesce(o.name, ''), coalesce(o.uuid, '') "
#define BP_EVENT_FROM                                                      \
  "FROM events e LEFT JOIN users u ON u.id = e.organiser_id "                \
  "LEFT JOIN site_groups g ON g.id = e.group_id AND g.site_id = e.site_id "  \
  "LEFT JOIN directory_organizations o ON o.id = e.organisation_id "
constexpr const char* kInsert =
    "INSERT INTO events (site_id, organiser_id, group_id, organisation_name, title, description_markdown, place_name, "
    "address, latitude, longitude, all_day, start_local, end_local, start_at, end_at, rrule, exdates, last_end_at, "
    "signup, capacity, visibility, created_at, updated_at, organisation_id) VALUES ($1, $2, "
    "(SELECT id FROM site_groups WHERE site_id = $1 AND id = $3::bigint), $4, $5, $6, $7, $8, $9, $10, "
    "$11::boolean, $12, $13, $14, $15, $16, $17, $18, $19::boolean, $20, $21, $22, $22, "
    "(SELECT o.id FROM directory_organizations o JOIN sites s ON s.city_id = o.city_id WHERE s.id = $1 AND o.id = $23::bigint)) RETURNING id";
constexpr const char* kFind = "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM "WHERE e.site_id = $1 AND e.id = $2";
constexpr const char* kUpdate =
    "UPDATE events SET group_id = (SELECT id FROM site_groups WHERE site_id = $1 AND id = $3::bigint), "
    "organisation_name = $4, title = $5, description_markdown = $6, place_name = $7, "
    "address = $8, latitude = $9, longitude = $10, all_day = $11::boolean, start_local = $12, end_local = $13, "
    "start_at = $14, end_at = $15, rrule = $16, exdates = $17, last_end_at = $18, signup = $19::boolean, "
    "capacity = $20, visibility = $21, updated_at = $22, organisation_id = "
    "(SELECT o.id FROM directory_organizations o JOIN sites s ON s.city_id = o.city_id WHERE s.id = $1 AND o.id = $23::bigint) "
    "WHERE site_id = $1 AND id = $2 RETURNING id";
// An organisation is only ever one of the event's city: the insert and update above set NULL
// for any other, and the repository refuses one before writing.
constexpr const char* kOrganisationInCity =
    "SELECT 1 FROM directory_organizations o JOIN sites s ON s.city_id = o.city_id WHERE s.id = $1 AND o.id = $2";
constexpr const char* kDelete = "DELETE FROM events WHERE site_id = $1 AND id = $2 RETURNING id";
constexpr const char* kComingSingle =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM
    "WHERE e.site_id = $1 AND e.rrule = '' AND e.end_at > $2 AND (e.visibility = 'public' OR $3::int = 1) "
    "ORDER BY e.start_at, e.id LIMIT $4 OFFSET $5";
constexpr const char* kComingSeries =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM
    "WHERE e.site_id = $1 AND e.rrule <> '' AND (e.last_end_at IS NULL OR e.last_end_at > $2) "
    "AND (e.visibility = 'public' OR $3::int = 1) ORDER BY e.start_at, e.id LIMIT $4";
constexpr const char* kPast =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM
    "WHERE e.site_id = $1 AND e.last_end_at IS NOT NULL AND e.last_end_at <= $2 "
    "AND (e.visibility = 'public' OR $3::int = 1) ORDER BY e.start_at DESC, e.id DESC LIMIT $4 OFFSET $5";
constexpr const char* kPublicOfCity =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM "JOIN sites s ON s.id = e.site_id "
    "WHERE s.city_id = $1 AND e.visibility = 'public' AND (e.last_end_at IS NULL OR e.last_end_at > $2) "
    "ORDER BY e.start_at, e.id LIMIT $3 OFFSET $4";
constexpr const char* kPublicOfSite =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM
    "WHERE e.site_id = $1 AND e.visibility = 'public' AND (e.last_end_at IS NULL OR e.last_end_at > $2) "
    "ORDER BY e.start_at, e.id LIMIT $3 OFFSET $4";
constexpr const char* kOfGroup =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM
    "WHERE e.site_id = $1 AND e.group_id = $2 AND (e.visibility = 'public' OR $4::int = 1) "
    "AND (e.last_end_at IS NULL OR e.last_end_at > $3) ORDER BY e.start_at, e.id LIMIT $5 OFFSET $6";
constexpr const char* kAfter =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM "WHERE e.site_id = $1 AND e.id > $2 ORDER BY e.id LIMIT $3";
// A group is only ever one of the event's own site: another site's id becomes NULL.
constexpr const char* kSetGroup =
    "UPDATE events SET group_id = (SELECT id FROM site_groups WHERE site_id = $1 AND id = $3::bigint) "
    "WHERE site_id = $1 AND id = $2 RETURNING id";
// FOR UPDATE: sign-ups and cancellations of one event wait for each other here, so counting
// and inserting happen as one step.
constexpr const char* kLockEvent =
    "SELECT signup::int, capacity FROM events WHERE site_id = $1 AND id = $2 FOR UPDATE";
constexpr const char* kOwnSignUp =
    "SELECT status, id FROM event_signups WHERE site_id = $1 AND event_id = $2 AND occurrence_start = $3 "
    "AND user_id = $4";
constexpr const char* kCountConfirmed =
    "SELECT count(*) FROM event_signups WHERE site_id = $1 AND event_id = $2 AND occurrence_start = $3 "
    "AND status = 'confirmed'";
constexpr const char* kInsertSignUp =
    "INSERT INTO event_signups (site_id, event_id, occurrence_start, user_id, status, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kDeleteSignUp =
    "DELETE FROM event_signups WHERE site_id = $1 AND event_id = $2 AND occurrence_start = $3 AND user_id = $4 "
    "RETURNING status";
constexpr const char* kPromoteFirst =
    "UPDATE event_signups SET status = 'confirmed' WHERE id = (SELECT id FROM event_signups WHERE site_id = $1 "
    "AND event_id = $2 AND occurrence_start = $3 AND status = 'waiting' ORDER BY id LIMIT 1) RETURNING user_id";
constexpr const char* kWaitingPosition =
    "SELECT count(*) FROM event_signups WHERE site_id = $1 AND event_id = $2 AND occurrence_start = $3 "
    "AND status = 'waiting' AND id <= $4";
constexpr const char* kOwnSignUps =
    "SELECT g.occurrence_start, g.status, CASE WHEN g.status = 'waiting' THEN (SELECT count(*) FROM event_signups w "
    "WHERE w.site_id = g.site_id AND w.event_id = g.event_id AND w.occurrence_start = g.occurrence_start "
    "AND w.status = 'waiting' AND w.id <= g.id) ELSE 0 END FROM event_signups g "
    "WHERE g.site_id = $1 AND g.event_id = $2 AND g.user_id = $3 AND g.occurrence_start >= $4 "
    "ORDER BY g.occurrence_start LIMIT $5";
constexpr const char* kCounts =
    "SELECT count(*) FILTER (WHERE status = 'confirmed'), count(*) FILTER (WHERE status = 'waiting') "
    "FROM event_signups WHERE site_id = $1 AND event_id = $2 AND occurrence_start = $3";
constexpr const char* kListSignUps =
    "SELECT g.id, g.event_id, g.occurrence_start, g.user_id, coalesce(u.display_name, ''), g.status, g.created_at "
    "FROM event_signups g JOIN users u ON u.id = g.user_id "
    "WHERE g.site_id = $1 AND g.event_id = $2 AND g.occurrence_start = $3 "
    "ORDER BY g.status = 'waiting', g.id LIMIT $4 OFFSET $5";
constexpr const char* kSignUpsOfUser =
    "SELECT site_id, event_id, occurrence_start FROM event_signups WHERE user_id = $1 ORDER BY id";
constexpr const char* kEventsOfOrganiser = "SELECT site_id, id FROM events WHERE organiser_id = $1 ORDER BY id";
constexpr const char* kUnlinkOrganiser = "UPDATE events SET organiser_id = NULL WHERE organiser_id = $1";
constexpr const char* kDeleteByOrganiser = "DELETE FROM events WHERE organiser_id = $1";
#undef BP_EVENT_COLUMNS
#undef BP_EVENT_FROM

constexpr const char* kNoSuchEvent = "This event does not exist, or you cannot see it.";

const char* VisibilityName(Visibility v) { return v == Visibility::kMembers ? "members" : "public"; }

Event ReadEvent(const Result& r, int row) {
  Event e;
  e.id = EventId{r.Int(row, 0)};
  e.site = SiteId{r.Int(row, 1)};
  if (!r.IsNull(row, 2)) e.organiser = UserId{r.Int(row, 2)};
  e.organiser_name = r.Text(row, 3);
  if (!r.IsNull(row, 4)) e.group_id = r.Int(row, 4);
  e.organisation_name = r.Text(row, 5);
  e.title = r.Text(row, 6);
  e.description_markdown = r.Text(row, 7);
  e.place_name = r.Text(row, 8);
  e.address = r.Text(row, 9);
  if (!r.IsNull(row, 10)) e.latitude = r.Double(row, 10);
  if (!r.IsNull(row, 11)) e.longitude = r.Double(row, 11);
  e.all_day = r.Int(row, 12) != 0;
  e.start_local = r.Text(row, 13);
  e.end_local = r.Text(row, 14);
  e.start_at = r.Int(row, 15);
  e.end_at = r.Int(row, 16);
  e.rrule = r.Text(row, 17);
  e.exdates = r.Text(row, 18);
  if (!r.IsNull(row, 19)) e.last_end_at = r.Int(row, 19);
  e.signup = r.Int(row, 20) != 0;
  if (!r.IsNull(row, 21)) e.capacity = static_cast<int>(r.Int(row, 21));
  e.visibility = r.Text(row, 22) == "members" ? Visibility::kMembers : Visibility::kPublic;
  if (!r.IsNull(row, 23)) e.image_key = r.Text(row, 23);
  e.created_at = r.Int(row, 24);
  e.updated_at = r.Int(row, 25);
  e.group_name = r.Text(row, 26);
  e.group_members_only = r.Text(row, 27) == "members";
  if (!r.IsNull(row, 28)) e.organisation_id = r.Int(row, 28);
  e.organisation_ref_name = r.Text(row, 29);
  e.organisation_uuid = r.Text(row, 30);
  return e;
}

// $3 … $23 of kInsert and kUpdate.
Params& AddDraft(Params& p, const EventDraft& d, std::int64_t at) {
  return p.Add(d.group_id)
      .Add(d.organisation_name)
      .Add(d.title)
      .Add(d.description_markdown)
      .Add(d.place_name)
      .Add(d.address)
      .Add(d.latitude)
      .Add(d.longitude)
      .Add(d.all_day ? "true" : "false")
      .Add(d.start_local)
      .Add(d.end_local)
      .Add(d.start_at)
      .Add(d.end_at)
      .Add(d.rrule)
      .Add(d.exdates)
      .Add(d.last_end_at)
      .Add(d.signup ? "true" : "false")
      .Add(d.capacity)
      .Add(VisibilityName(d.visibility))
      .Add(at)
      .Add(d.organisation_id);
}

std::vector<Event> ReadAll(const Result& r) {
  std::vector<Event> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadEvent(r, i));
  return out;
}

domain::AppError NoSuchOrganisation() {
  return MakeError(ErrorCode::kForbidden, "This organisation is not on the sociale kaart of this city.");
}

domain::Status Found(const Result& r) {
  if (r.Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchEvent);
  return domain::Ok{};
}

SignUpStatus StatusOf(const std::string& s) { return s == "waiting" ? SignUpStatus::kWaiting : SignUpStatus::kConfirmed; }

}  // namespace

bool PostgresEventRepository::OrganisationInCity(SiteId site, const EventDraft& draft) {
  if (!draft.organisation_id) return true;
  auto c = pool_.Acquire();
  return c->Exec(kOrganisationInCity, Params().Add(site.value).Add(*draft.organisation_id)).Rows() > 0;
}

domain::Result<Event> PostgresEventRepository::CreateEvent(SiteId site, UserId organiser, const EventDraft& draft,
                                                           std::int64_t at) {
  if (!OrganisationInCity(site, draft)) return NoSuchOrganisation();
  std::int64_t id = 0;
  {
    auto c = pool_.Acquire();
    try {
      Params p;
      p.Add(site.value).Add(organiser.value);
      const Result r = c->Exec(kInsert, AddDraft(p, draft, at));
      id = r.Int(0, 0);
    } catch (const PostgresError& e) {
      if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchEvent, e.what());
      throw;
    }
  }
  auto event = FindEvent(site, EventId{id});
  if (!event) return MakeError(ErrorCode::kInternal, kNoSuchEvent, "event vanished after insert");
  return *event;
}

std::optional<Event> PostgresEventRepository::FindEvent(SiteId site, EventId id) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFind, Params().Add(site.value).Add(id.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadEvent(r, 0);
}

domain::Status PostgresEventRepository::UpdateEvent(SiteId site, EventId id, const EventDraft& draft, std::int64_t at) {
  if (!OrganisationInCity(site, draft)) return NoSuchOrganisation();
  auto c = pool_.Acquire();
  Params p;
  p.Add(site.value).Add(id.value);
  return Found(c->Exec(kUpdate, AddDraft(p, draft, at)));
}

domain::Status PostgresEventRepository::DeleteEvent(SiteId site, EventId id) {
  auto c = pool_.Acquire();
  return Found(c->Exec(kDelete, Params().Add(site.value).Add(id.value)));
}

std::vector<Event> PostgresEventRepository::ListComingSingle(SiteId site, std::int64_t now, bool members, int limit,
                                                             int offset) {
  auto c = pool_.Acquire();
  return ReadAll(c->Exec(kComingSingle, Params()
                                            .Add(site.value)
                                            .Add(now)
                                            .Add(members ? 1 : 0)
                                            .Add(std::max(0, limit))
                                            .Add(std::max(0, offset))));
}

std::vector<Event> PostgresEventRepository::ListComingSeries(SiteId site, std::int64_t now, bool members, int limit) {
  auto c = pool_.Acquire();
  return ReadAll(
      c->Exec(kComingSeries, Params().Add(site.value).Add(now).Add(members ? 1 : 0).Add(std::max(0, limit))));
}

std::vector<Event> PostgresEventRepository::ListPast(SiteId site, std::int64_t now, bool members, int limit,
                                                     int offset) {
  auto c = pool_.Acquire();
  return ReadAll(c->Exec(
      kPast,
      Params().Add(site.value).Add(now).Add(members ? 1 : 0).Add(std::max(0, limit)).Add(std::max(0, offset))));
}

std::vector<Event> PostgresEventRepository::ListPublicOfCity(CityId city, std::int64_t since, int limit, int offset) {
  auto c = pool_.Acquire();
  return ReadAll(c->Exec(kPublicOfCity,
                         Params().Add(city.value).Add(since).Add(std::max(0, limit)).Add(std::max(0, offset))));
}

std::vector<Event> PostgresEventRepository::ListPublicOfSite(SiteId site, std::int64_t since, int limit, int offset) {
  auto c = pool_.Acquire();
  return ReadAll(c->Exec(kPublicOfSite,
                         Params().Add(site.value).Add(since).Add(std::max(0, limit)).Add(std::max(0, offset))));
}

std::vector<Event> PostgresEventRepository::ListOfGroup(SiteId site, std::int64_t group_id, std::int64_t since,
                                                       bool include_members_only, int limit, int offset) {
  auto c = pool_.Acquire();
  return ReadAll(c->Exec(kOfGroup, Params()
                                       .Add(site.value)
                                       .Add(group_id)
                                       .Add(since)
                                       .Add(include_members_only ? 1 : 0)
                                       .Add(std::max(0, limit))
                                       .Add(std::max(0, offset))));
}

std::vector<Event> PostgresEventRepository::ListEventsAfter(SiteId site, EventId after, int limit) {
  auto c = pool_.Acquire();
  return ReadAll(c->Exec(kAfter, Params().Add(site.value).Add(after.value).Add(std::max(0, limit))));
}

domain::Status PostgresEventRepository::SetGroup(SiteId site, EventId id, std::optional<std::int64_t> group_id) {
  auto c = pool_.Acquire();
  return Found(c->Exec(kSetGroup, Params().Add(site.value).Add(id.value).Add(group_id)));
}

domain::Result<SignUpOutcome> PostgresEventRepository::SignUp(SiteId site, EventId id, std::int64_t occurrence,
                                                              UserId user, std::int64_t at) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  const Result rules = c->Exec(kLockEvent, Params().Add(site.value).Add(id.value));
  if (rules.Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchEvent);
  if (rules.Int(0, 0) == 0) return MakeError(ErrorCode::kConflict, "You do not need to sign up for this event.");
  const Result own = c->Exec(kOwnSignUp, Params().Add(site.value).Add(id.value).Add(occurrence).Add(user.value));
  if (own.Rows() > 0) return SignUpOutcome{StatusOf(own.Text(0, 0)), true};
  SignUpStatus status = SignUpStatus::kConfirmed;
  if (!rules.IsNull(0, 1)) {
    const Result n = c->Exec(kCountConfirmed, Params().Add(site.value).Add(id.value).Add(occurrence));
    if (n.Int(0, 0) >= rules.Int(0, 1)) status = SignUpStatus::kWaiting;
  }
  try {
    c->Exec(kInsertSignUp, Params()
                               .Add(site.value)
                               .Add(id.value)
                               .Add(occurrence)
                               .Add(user.value)
                               .Add(status == SignUpStatus::kWaiting ? "waiting" : "confirmed")
                               .Add(at));
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchEvent, e.what());
    throw;
  }
  tx.Commit();
  return SignUpOutcome{status, false};
}

domain::Result<CancelOutcome> PostgresEventRepository::Cancel(SiteId site, EventId id, std::int64_t occurrence,
                                                              UserId user) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  const Result rules = c->Exec(kLockEvent, Params().Add(site.value).Add(id.value));
  if (rules.Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchEvent);
  CancelOutcome out;
  const Result gone = c->Exec(kDeleteSignUp, Params().Add(site.value).Add(id.value).Add(occurrence).Add(user.value));
  if (gone.Rows() > 0) {
    out.was_signed_up = true;
    if (gone.Text(0, 0) == "confirmed") {
      bool room = true;
      if (!rules.IsNull(0, 1)) {
        // The capacity may have been lowered below the places taken: then nobody moves up.
        const Result n = c->Exec(kCountConfirmed, Params().Add(site.value).Add(id.value).Add(occurrence));
        room = n.Int(0, 0) < rules.Int(0, 1);
      }
      if (room) {
        const Result up = c->Exec(kPromoteFirst, Params().Add(site.value).Add(id.value).Add(occurrence));
        if (up.Rows() > 0) out.promoted = UserId{up.Int(0, 0)};
      }
    }
  }
  tx.Commit();
  return out;
}

std::optional<std::pair<SignUpStatus, int>> PostgresEventRepository::FindSignUp(SiteId site, EventId id,
                                                                                std::int64_t occurrence, UserId user) {
  auto c = pool_.Acquire();
  const Result own = c->Exec(kOwnSignUp, Params().Add(site.value).Add(id.value).Add(occurrence).Add(user.value));
  if (own.Rows() == 0) return std::nullopt;
  const SignUpStatus status = StatusOf(own.Text(0, 0));
  if (status == SignUpStatus::kConfirmed) return std::make_pair(status, 0);
  const Result pos =
      c->Exec(kWaitingPosition, Params().Add(site.value).Add(id.value).Add(occurrence).Add(own.Int(0, 1)));
  return std::make_pair(status, static_cast<int>(pos.Int(0, 0)));
}

std::vector<OwnSignUp> PostgresEventRepository::ListOwnSignUps(SiteId site, EventId id, UserId user,
                                                              std::int64_t from, int limit) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kOwnSignUps, Params()
                                            .Add(site.value)
                                            .Add(id.value)
                                            .Add(user.value)
                                            .Add(from)
                                            .Add(static_cast<std::int64_t>(std::max(0, limit))));
  std::vector<OwnSignUp> out;
  for (int i = 0; i < r.Rows(); ++i) {
    OwnSignUp o;
    o.occurrence_start = r.Int(i, 0);
    o.status = StatusOf(r.Text(i, 1));
    o.position = static_cast<int>(r.Int(i, 2));
    out.push_back(o);
  }
  return out;
}

SignUpCounts PostgresEventRepository::CountSignUps(SiteId site, EventId id, std::int64_t occurrence) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kCounts, Params().Add(site.value).Add(id.value).Add(occurrence));
  return {static_cast<int>(r.Int(0, 0)), static_cast<int>(r.Int(0, 1))};
}

std::vector<Attendee> PostgresEventRepository::ListSignUps(SiteId site, EventId id, std::int64_t occurrence, int limit,
                                                         int offset) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kListSignUps, Params()
                                             .Add(site.value)
                                             .Add(id.value)
                                             .Add(occurrence)
                                             .Add(std::max(0, limit))
                                             .Add(std::max(0, offset)));
  std::vector<Attendee> out;
  for (int i = 0; i < r.Rows(); ++i) {
    Attendee g;
    g.id = r.Int(i, 0);
    g.event = EventId{r.Int(i, 1)};
    g.occurrence_start = r.Int(i, 2);
    g.user = UserId{r.Int(i, 3)};
    g.user_name = r.Text(i, 4);
    g.status = StatusOf(r.Text(i, 5));
    g.created_at = r.Int(i, 6);
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<ErasedSignUp> PostgresEventRepository::EraseAttendee(UserId user) {
  std::vector<ErasedSignUp> out;
  {
    auto c = pool_.Acquire();
    const Result r = c->Exec(kSignUpsOfUser, Params().Add(user.value));
    for (int i = 0; i < r.Rows(); ++i) {
      out.push_back({SiteId{r.Int(i, 0)}, EventId{r.Int(i, 1)}, r.Int(i, 2), std::nullopt});
    }
  }
  // One cancellation each, so the waiting lists move up exactly as when the person cancels.
  for (auto& e : out) {
    if (auto r = Cancel(e.site, e.event, e.occurrence_start, user)) e.promoted = r->promoted;
  }
  return out;
}

std::vector<std::pair<SiteId, EventId>> PostgresEventRepository::EraseOrganiser(UserId user, bool remove) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  const Result r = c->Exec(kEventsOfOrganiser, Params().Add(user.value));
  std::vector<std::pair<SiteId, EventId>> out;
  for (int i = 0; i < r.Rows(); ++i) out.emplace_back(SiteId{r.Int(i, 0)}, EventId{r.Int(i, 1)});
  c->Exec(remove ? kDeleteByOrganiser : kUnlinkOrganiser, Params().Add(user.value));
  tx.Commit();
  return out;
}

}  // namespace buurtplein::store::postgres
