#pragma once
#include <optional>
#include <utility>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/events/model.hpp"

namespace buurtplein::domain::events {

/// Events and sign-ups. Every site-scoped method takes the site first and never sees or changes
/// another site's events: an event id of site B is "not found" through site A.
class EventRepository {
 public:
  virtual ~EventRepository() = default;
  /// Stores a new event (draft cleaned). kNotFound when the site or organiser does not exist.
  virtual Result<Event> CreateEvent(SiteId site, UserId organiser, const EventDraft& draft, std::int64_t at) = 0;
  /// The event whatever its visibility; nullopt when not in this site.
  virtual std::optional<Event> FindEvent(SiteId site, EventId id) = 0;
  /// Replaces every field the organiser writes; kNotFound when not in this site.
  virtual Status UpdateEvent(SiteId site, EventId id, const EventDraft& draft, std::int64_t at) = 0;
  /// Deletes the event and its sign-ups; kNotFound when not in this site.
  virtual Status DeleteEvent(SiteId site, EventId id) = 0;

  /// Single (not recurring) events that have not ended at `now`, by start then id.
  virtual std::vector<Event> ListComingSingle(SiteId site, std::int64_t now, bool include_members_only, int limit,
                                              int offset) = 0;
  /// Recurring events whose last occurrence has not ended at `now` (or without end), by start.
  virtual std::vector<Event> ListComingSeries(SiteId site, std::int64_t now, bool include_members_only,
                                              int limit) = 0;
  /// Events whose last occurrence ended at or before `now`, latest start first.
  virtual std::vector<Event> ListPast(SiteId site, std::int64_t now, bool include_members_only, int limit,
                                      int offset) = 0;
  /// Public events of every site of a city that had not ended at `since` (or without end), by
  /// start, at most `limit` from `offset` (the city's iCal feed and API).
  virtual std::vector<Event> ListPublicOfCity(CityId city, std::int64_t since, int limit, int offset) = 0;
  /// Public events of a site that had not ended at `since`, by start (the site's iCal feed and API).
  virtual std::vector<Event> ListPublicOfSite(SiteId site, std::int64_t since, int limit, int offset) = 0;
  /// Events a group of the site organises that had not ended at `since`, by start: public ones,
  /// and members-only ones too when `include_members_only` (the group's page and iCal feed;
  /// `group_id` is the groups feature's id).
  virtual std::vector<Event> ListOfGroup(SiteId site, std::int64_t group_id, std::int64_t since,
                                         bool include_members_only, int limit, int offset) = 0;
  /// Every event of the site (any visibility, past ones too) with an id above `after`, by id, at
  /// most `limit` (the search rebuild walks a site in batches).
  virtual std::vector<Event> ListEventsAfter(SiteId site, EventId after, int limit) = 0;
  /// Makes a group of the site the organiser (nullopt: none); kNotFound when not in this site.
  /// Who may do so is the groups feature's rule.
  virtual Status SetGroup(SiteId site, EventId id, std::optional<std::int64_t> group_id) = 0;

  /// Signs `user` up for one occurrence, in one transaction that holds the event's row: a
  /// place when fewer than the capacity have one, else the waiting list. Exactly `capacity`
  /// people get a place however many ask at once. kNotFound when the event is not in the site,
  /// kConflict when it takes no sign-ups.
  virtual Result<SignUpOutcome> SignUp(SiteId site, EventId id, std::int64_t occurrence_start, UserId user,
                                       std::int64_t at) = 0;
  /// Removes the sign-up; when it had a place, the first on the waiting list gets it, in the
  /// same transaction.
  virtual Result<CancelOutcome> Cancel(SiteId site, EventId id, std::int64_t occurrence_start, UserId user) = 0;
  /// The user's sign-up for the occurrence, if any, and their place on the waiting list (1 =
  /// first; 0 when confirmed).
  virtual std::optional<std::pair<SignUpStatus, int>> FindSignUp(SiteId site, EventId id,
                                                                  std::int64_t occurrence_start, UserId user) = 0;
  /// The user's sign-ups for the event's occurrences starting at or after `from`, earliest
  /// first, at most `limit`, each with its place on the waiting list (one query).
  virtual std::vector<OwnSignUp> ListOwnSignUps(SiteId site, EventId id, UserId user, std::int64_t from,
                                                int limit) = 0;
  virtual SignUpCounts CountSignUps(SiteId site, EventId id, std::int64_t occurrence_start) = 0;
  /// Sign-ups of an occurrence, confirmed first, then the waiting list in order; at most `limit`.
  virtual std::vector<Attendee> ListSignUps(SiteId site, EventId id, std::int64_t occurrence_start, int limit,
                                          int offset) = 0;

  /// Account deletion (every site): removes the user's sign-ups, moving people up the waiting
  /// lists as a cancellation does.
  virtual std::vector<ErasedSignUp> EraseAttendee(UserId user) = 0;
  /// Account deletion: removes the user's events (`remove`) or unlinks them; returns the
  /// events (and their sites) the user organised.
  virtual std::vector<std::pair<SiteId, EventId>> EraseOrganiser(UserId user, bool remove) = 0;
};

}  // namespace buurtplein::domain::events
