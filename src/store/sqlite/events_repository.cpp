#include "store/sqlite/events_repository.hpp"

#include <algorithm>

namespace buurtplein::store::sqlite {

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
  "e.description_markdown, e.place_name, e.address, e.latitude, e.longitude, e.all_day, e.start_local, "     \
  "e.end_local, e.start_at, e.end_at, e.rrule, e.exdates, e.last_end_at, e.signup, e.capacity, e.visibility, " \
  "e.image_key, e.created_at, e.updated_at, coalesce(g.name, ''), coalesce(g.visibility, 'public'), "      \
  "e.organisation_id, coalesce(o.name, ''), coalesce(o.uuid, '') "
#define BP_EVENT_FROM                                                      \
  "FROM events e LEFT JOIN users u ON u.id = e.organiser_id "                \
  "LEFT JOIN site_groups g ON g.id = e.group_id AND g.site_id = e.site_id "  \
  "LEFT JOIN directory_organizations o ON o.id = e.organisation_id "
constexpr const char* kInsert =
    "INSERT INTO events (site_id, organiser_id, group_id, organisation_name, title, description_markdown, place_name, "
    "address, latitude, longitude, all_day, start_local, end_local, start_at, end_at, rrule, exdates, last_end_at, "
    "signup, capacity, visibility, created_at, updated_at, organisation_id) VALUES (?1, ?2, "
    "(SELECT id FROM site_groups WHERE site_id = ?1 AND id = ?3), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
    "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22, "
    "(SELECT o.id FROM directory_organizations o JOIN sites s ON s.city_id = o.city_id WHERE s.id = ?1 AND o.id = ?23)) RETURNING id";
constexpr const char* kFind = "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM "WHERE e.site_id = ?1 AND e.id = ?2";
constexpr const char* kUpdate =
    "UPDATE events SET group_id = (SELECT id FROM site_groups WHERE site_id = ?1 AND id = ?3), "
    "organisation_name = ?4, title = ?5, description_markdown = ?6, place_name = ?7, "
    "address = ?8, latitude = ?9, longitude = ?10, all_day = ?11, start_local = ?12, end_local = ?13, start_at = ?14, "
    "end_at = ?15, rrule = ?16, exdates = ?17, last_end_at = ?18, signup = ?19, capacity = ?20, visibility = ?21, "
    "updated_at = ?22, organisation_id = "
    "(SELECT o.id FROM directory_organizations o JOIN sites s ON s.city_id = o.city_id WHERE s.id = ?1 AND o.id = ?23) "
    "WHERE site_id = ?1 AND id = ?2 RETURNING id";
// An organisation is only ever one of the event's city: the insert and update above set NULL
// for any other, and the repository refuses one before writing.
constexpr const char* kOrganisationInCity =
    "SELECT 1 FROM directory_organizations o JOIN sites s ON s.city_id = o.city_id WHERE s.id = ?1 AND o.id = ?2";
constexpr const char* kDelete = "DELETE FROM events WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kComingSingle =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM
    "WHERE e.site_id = ?1 AND e.rrule = '' AND e.end_at > ?2 AND (e.visibility = 'public' OR ?3 = 1) "
    "ORDER BY e.start_at, e.id LIMIT ?4 OFFSET ?5";
constexpr const char* kComingSeries =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM
    "WHERE e.site_id = ?1 AND e.rrule <> '' AND (e.last_end_at IS NULL OR e.last_end_at > ?2) "
    "AND (e.visibility = 'public' OR ?3 = 1) ORDER BY e.start_at, e.id LIMIT ?4";
constexpr const char* kPast =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM
    "WHERE e.site_id = ?1 AND e.last_end_at IS NOT NULL AND e.last_end_at <= ?2 "
    "AND (e.visibility = 'public' OR ?3 = 1) ORDER BY e.start_at DESC, e.id DESC LIMIT ?4 OFFSET ?5";
constexpr const char* kPublicOfCity =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM "JOIN sites s ON s.id = e.site_id "
    "WHERE s.city_id = ?1 AND e.visibility = 'public' AND (e.last_end_at IS NULL OR e.last_end_at > ?2) "
    "ORDER BY e.start_at, e.id LIMIT ?3 OFFSET ?4";
constexpr const char* kPublicOfSite =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM
    "WHERE e.site_id = ?1 AND e.visibility = 'public' AND (e.last_end_at IS NULL OR e.last_end_at > ?2) "
    "ORDER BY e.start_at, e.id LIMIT ?3 OFFSET ?4";
constexpr const char* kOfGroup =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM
    "WHERE e.site_id = ?1 AND e.group_id = ?2 AND (e.visibility = 'public' OR ?4 = 1) "
    "AND (e.last_end_at IS NULL OR e.last_end_at > ?3) ORDER BY e.start_at, e.id LIMIT ?5 OFFSET ?6";
constexpr const char* kAfter =
    "SELECT " BP_EVENT_COLUMNS BP_EVENT_FROM "WHERE e.site_id = ?1 AND e.id > ?2 ORDER BY e.id LIMIT ?3";
// A group is only ever one of the event's own site: another site's id becomes NULL.
constexpr const char* kSetGroup =
    "UPDATE events SET group_id = (SELECT id FROM site_groups WHERE site_id = ?1 AND id = ?3) "
    "WHERE site_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kSignUpRules = "SELECT signup, capacity FROM events WHERE site_id = ?1 AND id = ?2";
constexpr const char* kOwnSignUp =
    "SELECT status, id FROM event_signups WHERE site_id = ?1 AND event_id = ?2 AND occurrence_start = ?3 "
    "AND user_id = ?4";
constexpr const char* kCountConfirmed =
    "SELECT count(*) FROM event_signups WHERE site_id = ?1 AND event_id = ?2 AND occurrence_start = ?3 "
    "AND status = 'confirmed'";
constexpr const char* kInsertSignUp =
    "INSERT INTO event_signups (site_id, event_id, occurrence_start, user_id, status, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kDeleteSignUp =
    "DELETE FROM event_signups WHERE site_id = ?1 AND event_id = ?2 AND occurrence_start = ?3 AND user_id = ?4 "
    "RETURNING status";
constexpr const char* kPromoteFirst =
    "UPDATE event_signups SET status = 'confirmed' WHERE id = (SELECT id FROM event_signups WHERE site_id = ?1 "
    "AND event_id = ?2 AND occurrence_start = ?3 AND status = 'waiting' ORDER BY id LIMIT 1) RETURNING user_id";
constexpr const char* kWaitingPosition =
    "SELECT count(*) FROM event_signups WHERE site_id = ?1 AND event_id = ?2 AND occurrence_start = ?3 "
    "AND status = 'waiting' AND id <= ?4";
constexpr const char* kOwnSignUps =
    "SELECT g.occurrence_start, g.status, CASE WHEN g.status = 'waiting' THEN (SELECT count(*) FROM event_signups w "
    "WHERE w.site_id = g.site_id AND w.event_id = g.event_id AND w.occurrence_start = g.occurrence_start "
    "AND w.status = 'waiting' AND w.id <= g.id) ELSE 0 END FROM event_signups g "
    "WHERE g.site_id = ?1 AND g.event_id = ?2 AND g.user_id = ?3 AND g.occurrence_start >= ?4 "
    "ORDER BY g.occurrence_start LIMIT ?5";
constexpr const char* kCounts =
    "SELECT coalesce(sum(status = 'confirmed'), 0), coalesce(sum(status = 'waiting'), 0) FROM event_signups "
    "WHERE site_id = ?1 AND event_id = ?2 AND occurrence_start = ?3";
constexpr const char* kListSignUps =
    "SELECT g.id, g.event_id, g.occurrence_start, g.user_id, coalesce(u.display_name, ''), g.status, g.created_at "
    "FROM event_signups g JOIN users u ON u.id = g.user_id "
    "WHERE g.site_id = ?1 AND g.event_id = ?2 AND g.occurrence_start = ?3 "
    "ORDER BY g.status = 'waiting', g.id LIMIT ?4 OFFSET ?5";
constexpr const char* kSignUpsOfUser =
    "SELECT site_id, event_id, occurrence_start FROM event_signups WHERE user_id = ?1 ORDER BY id";
constexpr const char* kEventsOfOrganiser = "SELECT site_id, id FROM events WHERE organiser_id = ?1 ORDER BY id";
constexpr const char* kUnlinkOrganiser = "UPDATE events SET organiser_id = NULL WHERE organiser_id = ?1";
constexpr const char* kDeleteByOrganiser = "DELETE FROM events WHERE organiser_id = ?1";
#undef BP_EVENT_COLUMNS
#undef BP_EVENT_FROM

constexpr const char* kNoSuchEvent = "This event does not exist, or you cannot see it.";

const char* VisibilityName(Visibility v) { return v == Visibility::kMembers ? "members" : "public"; }

Event ReadEvent(const Stmt& s) {
  Event e;
  e.id = EventId{s.Int(0)};
  e.site = SiteId{s.Int(1)};
  if (!s.IsNull(2)) e.organiser = UserId{s.Int(2)};
  e.organiser_name = s.Text(3);
  if (!s.IsNull(4)) e.group_id = s.Int(4);
  e.organisation_name = s.Text(5);
  e.title = s.Text(6);
  e.description_markdown = s.Text(7);
  e.place_name = s.Text(8);
  e.address = s.Text(9);
  if (!s.IsNull(10)) e.latitude = s.Double(10);
  if (!s.IsNull(11)) e.longitude = s.Double(11);
  e.all_day = s.Int(12) != 0;
  e.start_local = s.Text(13);
  e.end_local = s.Text(14);
  e.start_at = s.Int(15);
  e.end_at = s.Int(16);
  e.rrule = s.Text(17);
  e.exdates = s.Text(18);
  if (!s.IsNull(19)) e.last_end_at = s.Int(19);
  e.signup = s.Int(20) != 0;
  if (!s.IsNull(21)) e.capacity = static_cast<int>(s.Int(21));
  e.visibility = s.Text(22) == "members" ? Visibility::kMembers : Visibility::kPublic;
  if (!s.IsNull(23)) e.image_key = s.Text(23);
  e.created_at = s.Int(24);
  e.updated_at = s.Int(25);
  e.group_name = s.Text(26);
  e.group_members_only = s.Text(27) == "members";
  if (!s.IsNull(28)) e.organisation_id = s.Int(28);
  e.organisation_ref_name = s.Text(29);
  e.organisation_uuid = s.Text(30);
  return e;
}

// Binds ?3 … ?23 of kInsert and kUpdate.
void BindDraft(Stmt& s, const EventDraft& d, std::int64_t at) {
  s.Bind(3, d.group_id)
      .Bind(4, d.organisation_name)
      .Bind(5, d.title)
      .Bind(6, d.description_markdown)
      .Bind(7, d.place_name)
      .Bind(8, d.address)
      .Bind(9, d.latitude)
      .Bind(10, d.longitude)
      .Bind(11, d.all_day ? 1 : 0)
      .Bind(12, d.start_local)
      .Bind(13, d.end_local)
      .Bind(14, d.start_at)
      .Bind(15, d.end_at)
      .Bind(16, d.rrule)
      .Bind(17, d.exdates)
      .Bind(18, d.last_end_at)
      .Bind(19, d.signup ? 1 : 0)
      .Bind(20, d.capacity)
      .Bind(21, VisibilityName(d.visibility))
      .Bind(22, at)
      .Bind(23, d.organisation_id);
}

std::vector<Event> ReadAll(Stmt& s) {
  std::vector<Event> out;
  while (s.Step()) out.push_back(ReadEvent(s));
  return out;
}

domain::AppError NoSuchOrganisation() {
  return MakeError(ErrorCode::kForbidden, "This organisation is not on the sociale kaart of this city.");
}

domain::Status Found(bool found) {
  if (!found) return MakeError(ErrorCode::kNotFound, kNoSuchEvent);
  return domain::Ok{};
}

// Runs a write transaction, again when it could not get the database's write lock within the
// busy timeout: under a burst of writers (a hundred sign-ups at the same moment) a transaction
// can wait longer than that, and as it changed nothing yet it can simply try again.
template <typename F>
auto WithWriteRetry(F&& run) {
  for (int attempt = 1;; ++attempt) {
    try {
      return run();
    } catch (const SqliteError& e) {
      if ((e.code() & 0xff) != SQLITE_BUSY || attempt >= 5) throw;
    }
  }
}

}  // namespace

bool SqliteEventRepository::OrganisationInCity(SiteId site, const EventDraft& draft) {
  if (!draft.organisation_id) return true;
  auto s = db_.Conn().Prepare(kOrganisationInCity);
  s.Bind(1, site.value).Bind(2, *draft.organisation_id);
  return s.Step();
}

domain::Result<Event> SqliteEventRepository::CreateEvent(SiteId site, UserId organiser, const EventDraft& draft,
                                                         std::int64_t at) {
  if (!OrganisationInCity(site, draft)) return NoSuchOrganisation();
  std::int64_t id = 0;
  try {
    auto s = db_.Conn().Prepare(kInsert);
    s.Bind(1, site.value).Bind(2, organiser.value);
    BindDraft(s, draft, at);
    if (s.Step()) {
      id = s.Int(0);
      s.Exec();
    }
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchEvent, e.what());
    throw;
  }
  auto event = FindEvent(site, EventId{id});
  if (!event) return MakeError(ErrorCode::kInternal, kNoSuchEvent, "event vanished after insert");
  return *event;
}

std::optional<Event> SqliteEventRepository::FindEvent(SiteId site, EventId id) {
  auto s = db_.Conn().Prepare(kFind);
  s.Bind(1, site.value).Bind(2, id.value);
  if (!s.Step()) return std::nullopt;
  return ReadEvent(s);
}

domain::Status SqliteEventRepository::UpdateEvent(SiteId site, EventId id, const EventDraft& draft, std::int64_t at) {
  if (!OrganisationInCity(site, draft)) return NoSuchOrganisation();
  auto s = db_.Conn().Prepare(kUpdate);
  s.Bind(1, site.value).Bind(2, id.value);
  BindDraft(s, draft, at);
  const bool found = s.Step();
  if (found) s.Exec();  // finish the statement (stepping past its end would run it again)
  return Found(found);
}

domain::Status SqliteEventRepository::DeleteEvent(SiteId site, EventId id) {
  auto s = db_.Conn().Prepare(kDelete);
  s.Bind(1, site.value).Bind(2, id.value);
  const bool found = s.Step();
  if (found) s.Exec();
  return Found(found);
}

std::vector<Event> SqliteEventRepository::ListComingSingle(SiteId site, std::int64_t now, bool members, int limit,
                                                           int offset) {
  auto s = db_.Conn().Prepare(kComingSingle);
  s.Bind(1, site.value).Bind(2, now).Bind(3, members ? 1 : 0).Bind(4, std::max(0, limit)).Bind(5, std::max(0, offset));
  return ReadAll(s);
}

std::vector<Event> SqliteEventRepository::ListComingSeries(SiteId site, std::int64_t now, bool members, int limit) {
  auto s = db_.Conn().Prepare(kComingSeries);
  s.Bind(1, site.value).Bind(2, now).Bind(3, members ? 1 : 0).Bind(4, std::max(0, limit));
  return ReadAll(s);
}

std::vector<Event> SqliteEventRepository::ListPast(SiteId site, std::int64_t now, bool members, int limit, int offset) {
  auto s = db_.Conn().Prepare(kPast);
  s.Bind(1, site.value).Bind(2, now).Bind(3, members ? 1 : 0).Bind(4, std::max(0, limit)).Bind(5, std::max(0, offset));
  return ReadAll(s);
}

std::vector<Event> SqliteEventRepository::ListPublicOfCity(CityId city, std::int64_t since, int limit, int offset) {
  auto s = db_.Conn().Prepare(kPublicOfCity);
  s.Bind(1, city.value).Bind(2, since).Bind(3, std::max(0, limit)).Bind(4, std::max(0, offset));
  return ReadAll(s);
}

std::vector<Event> SqliteEventRepository::ListPublicOfSite(SiteId site, std::int64_t since, int limit, int offset) {
  auto s = db_.Conn().Prepare(kPublicOfSite);
  s.Bind(1, site.value).Bind(2, since).Bind(3, std::max(0, limit)).Bind(4, std::max(0, offset));
  return ReadAll(s);
}

std::vector<Event> SqliteEventRepository::ListOfGroup(SiteId site, std::int64_t group_id, std::int64_t since,
                                                     bool include_members_only, int limit, int offset) {
  auto s = db_.Conn().Prepare(kOfGroup);
  s.Bind(1, site.value).Bind(2, group_id).Bind(3, since).Bind(4, include_members_only ? 1 : 0);
  s.Bind(5, std::max(0, limit)).Bind(6, std::max(0, offset));
  return ReadAll(s);
}

std::vector<Event> SqliteEventRepository::ListEventsAfter(SiteId site, EventId after, int limit) {
  auto s = db_.Conn().Prepare(kAfter);
  s.Bind(1, site.value).Bind(2, after.value).Bind(3, std::max(0, limit));
  return ReadAll(s);
}

domain::Status SqliteEventRepository::SetGroup(SiteId site, EventId id, std::optional<std::int64_t> group_id) {
  auto s = db_.Conn().Prepare(kSetGroup);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, group_id);
  const bool found = s.Step();
  if (found) s.Exec();
  return Found(found);
}

domain::Result<SignUpOutcome> SqliteEventRepository::SignUp(SiteId site, EventId id, std::int64_t occurrence,
                                                            UserId user, std::int64_t at) {
  return WithWriteRetry([&] { return SignUpOnce(site, id, occurrence, user, at); });
}

domain::Result<SignUpOutcome> SqliteEventRepository::SignUpOnce(SiteId site, EventId id, std::int64_t occurrence,
                                                                UserId user, std::int64_t at) {
  auto& c = db_.Conn();
  // BEGIN IMMEDIATE takes the database's write lock before the count: no other sign-up can
  // count or insert between this one's count and insert.
  Transaction tx(c);
  std::optional<int> capacity;
  {
    auto s = c.Prepare(kSignUpRules);
    s.Bind(1, site.value).Bind(2, id.value);
    if (!s.Step()) return MakeError(ErrorCode::kNotFound, kNoSuchEvent);
    if (s.Int(0) == 0) return MakeError(ErrorCode::kConflict, "You do not need to sign up for this event.");
    if (!s.IsNull(1)) capacity = static_cast<int>(s.Int(1));
  }
  {
    auto s = c.Prepare(kOwnSignUp);
    s.Bind(1, site.value).Bind(2, id.value).Bind(3, occurrence).Bind(4, user.value);
    if (s.Step()) {
      return SignUpOutcome{s.Text(0) == "waiting" ? SignUpStatus::kWaiting : SignUpStatus::kConfirmed, true};
    }
  }
  SignUpStatus status = SignUpStatus::kConfirmed;
  if (capacity) {
    auto s = c.Prepare(kCountConfirmed);
    s.Bind(1, site.value).Bind(2, id.value).Bind(3, occurrence);
    s.Step();
    if (s.Int(0) >= *capacity) status = SignUpStatus::kWaiting;
  }
  try {
    c.Prepare(kInsertSignUp)
        .Bind(1, site.value)
        .Bind(2, id.value)
        .Bind(3, occurrence)
        .Bind(4, user.value)
        .Bind(5, status == SignUpStatus::kWaiting ? "waiting" : "confirmed")
        .Bind(6, at)
        .Exec();
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchEvent, e.what());
    throw;
  }
  tx.Commit();
  return SignUpOutcome{status, false};
}

domain::Result<CancelOutcome> SqliteEventRepository::Cancel(SiteId site, EventId id, std::int64_t occurrence,
                                                            UserId user) {
  return WithWriteRetry([&] { return CancelOnce(site, id, occurrence, user); });
}

domain::Result<CancelOutcome> SqliteEventRepository::CancelOnce(SiteId site, EventId id, std::int64_t occurrence,
                                                                UserId user) {
  auto& c = db_.Conn();
  Transaction tx(c);
  std::optional<int> capacity;
  {
    auto s = c.Prepare(kSignUpRules);
    s.Bind(1, site.value).Bind(2, id.value);
    if (!s.Step()) return MakeError(ErrorCode::kNotFound, kNoSuchEvent);
    if (!s.IsNull(1)) capacity = static_cast<int>(s.Int(1));
  }
  CancelOutcome out;
  bool had_place = false;
  {
    auto s = c.Prepare(kDeleteSignUp);
    s.Bind(1, site.value).Bind(2, id.value).Bind(3, occurrence).Bind(4, user.value);
    if (s.Step()) {
      out.was_signed_up = true;
      had_place = s.Text(0) == "confirmed";
      s.Exec();
    }
  }
  if (had_place) {
    bool room = true;
    if (capacity) {
      // The capacity may have been lowered below the number of places taken: then nobody moves up.
      auto s = c.Prepare(kCountConfirmed);
      s.Bind(1, site.value).Bind(2, id.value).Bind(3, occurrence);
      s.Step();
      room = s.Int(0) < *capacity;
    }
    if (room) {
      auto s = c.Prepare(kPromoteFirst);
      s.Bind(1, site.value).Bind(2, id.value).Bind(3, occurrence);
      if (s.Step()) {
        out.promoted = UserId{s.Int(0)};
        s.Exec();
      }
    }
  }
  tx.Commit();
  return out;
}

std::optional<std::pair<SignUpStatus, int>> SqliteEventRepository::FindSignUp(SiteId site, EventId id,
                                                                              std::int64_t occurrence, UserId user) {
  auto& c = db_.Conn();
  std::int64_t row = 0;
  SignUpStatus status;
  {
    auto s = c.Prepare(kOwnSignUp);
    s.Bind(1, site.value).Bind(2, id.value).Bind(3, occurrence).Bind(4, user.value);
    if (!s.Step()) return std::nullopt;
    status = s.Text(0) == "waiting" ? SignUpStatus::kWaiting : SignUpStatus::kConfirmed;
    row = s.Int(1);
  }
  if (status == SignUpStatus::kConfirmed) return std::make_pair(status, 0);
  auto s = c.Prepare(kWaitingPosition);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, occurrence).Bind(4, row);
  s.Step();
  return std::make_pair(status, static_cast<int>(s.Int(0)));
}

std::vector<OwnSignUp> SqliteEventRepository::ListOwnSignUps(SiteId site, EventId id, UserId user,
                                                            std::int64_t from, int limit) {
  auto s = db_.Conn().Prepare(kOwnSignUps);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, user.value).Bind(4, from).Bind(5, std::max(0, limit));
  std::vector<OwnSignUp> out;
  while (s.Step()) {
    OwnSignUp o;
    o.occurrence_start = s.Int(0);
    o.status = s.Text(1) == "waiting" ? SignUpStatus::kWaiting : SignUpStatus::kConfirmed;
    o.position = static_cast<int>(s.Int(2));
    out.push_back(o);
  }
  return out;
}

SignUpCounts SqliteEventRepository::CountSignUps(SiteId site, EventId id, std::int64_t occurrence) {
  auto s = db_.Conn().Prepare(kCounts);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, occurrence);
  s.Step();
  return {static_cast<int>(s.Int(0)), static_cast<int>(s.Int(1))};
}

std::vector<Attendee> SqliteEventRepository::ListSignUps(SiteId site, EventId id, std::int64_t occurrence, int limit,
                                                       int offset) {
  auto s = db_.Conn().Prepare(kListSignUps);
  s.Bind(1, site.value).Bind(2, id.value).Bind(3, occurrence).Bind(4, std::max(0, limit)).Bind(5, std::max(0, offset));
  std::vector<Attendee> out;
  while (s.Step()) {
    Attendee g;
    g.id = s.Int(0);
    g.event = EventId{s.Int(1)};
    g.occurrence_start = s.Int(2);
    g.user = UserId{s.Int(3)};
    g.user_name = s.Text(4);
    g.status = s.Text(5) == "waiting" ? SignUpStatus::kWaiting : SignUpStatus::kConfirmed;
    g.created_at = s.Int(6);
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<ErasedSignUp> SqliteEventRepository::EraseAttendee(UserId user) {
  std::vector<ErasedSignUp> out;
  {
    auto s = db_.Conn().Prepare(kSignUpsOfUser);
    s.Bind(1, user.value);
    while (s.Step()) out.push_back({SiteId{s.Int(0)}, EventId{s.Int(1)}, s.Int(2), std::nullopt});
  }
  // One cancellation each, so the waiting lists move up exactly as when the person cancels.
  for (auto& e : out) {
    if (auto r = Cancel(e.site, e.event, e.occurrence_start, user)) e.promoted = r->promoted;
  }
  return out;
}

std::vector<std::pair<SiteId, EventId>> SqliteEventRepository::EraseOrganiser(UserId user, bool remove) {
  auto& c = db_.Conn();
  Transaction tx(c);
  std::vector<std::pair<SiteId, EventId>> out;
  {
    auto s = c.Prepare(kEventsOfOrganiser);
    s.Bind(1, user.value);
    while (s.Step()) out.emplace_back(SiteId{s.Int(0)}, EventId{s.Int(1)});
  }
  c.Prepare(remove ? kDeleteByOrganiser : kUnlinkOrganiser).Bind(1, user.value).Exec();
  tx.Commit();
  return out;
}

}  // namespace buurtplein::store::sqlite
