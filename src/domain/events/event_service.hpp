#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/privacy_service.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/events/ical.hpp"
#include "domain/events/model.hpp"
#include "domain/news/news_service.hpp"
#include "domain/search/indexer.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::events {

/// Who looks at the agenda: as for news (logged in, verified member, buurtverbinder), and a
/// professional working in the site who is no member of it (docs/decisions/0013).
struct Viewer : news::Viewer {
  /// A professional working in the site, not a member of it: the organisation their role names
  /// (accounts::ProfessionalIn). They add public events as that organisation and change their own.
  std::optional<std::int64_t> professional_organisation;

  Viewer() = default;
  Viewer(const news::Viewer& v) : news::Viewer(v) {}  // NOLINT: a news viewer is an agenda viewer
  /// A professional who is a member of the site is a member here (they post as residents do).
  bool professional() const { return professional_organisation.has_value() && !member; }
};

/// Tells someone they moved up from the waiting list (the HTTP layer sends a mail).
class SignUpNotifier {
 public:
  virtual ~SignUpNotifier() = default;
  virtual void MovedUp(const Event& event, std::int64_t occurrence_start, UserId user) = 0;
};

/// Where a site lives, for search documents: its city and the path of its pages ("/nijmegen/oost/").
struct SitePlace {
  CityId city;
  std::string path;
};
using SiteLocator = std::function<std::optional<SitePlace>(SiteId)>;

/// One page of events (not occurrences): the JSON API's lists and a group's page.
struct EventPage {
  std::vector<Event> events;
  bool has_more = false;
};

/// The agenda: verified members add events, and professionals working in the site add public
/// events as their organisation (decision 0013); the organiser or a buurtverbinder edits and
/// deletes them; verified members sign up for an occurrence (a place, or the waiting list) and
/// cancel (the first waiting moves up and hears about it). Members-only events are seen by the
/// site's verified members only. After every change the change listener hears the site, and
/// the search indexer (when wired) gets the event.
class EventService final : public accounts::ContentEraser {
 public:
  EventService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  /// Occurrences per list page, the highest page served, and how far ahead series are expanded.
  static constexpr int kPageSize = 10;
  static constexpr int kMaxPage = 50;
  static constexpr std::int64_t kWindowSeconds = 366LL * 24 * 3600;
  /// At most this many series of one site are expanded for a list.
  static constexpr int kMaxSeries = 200;
  /// Events in an iCal feed, at most.
  static constexpr int kMaxFeedEvents = 500;

  void SetChangeListener(std::function<void(SiteId)> listener) { on_change_ = std::move(listener); }
  /// The search index (may stay null: then nothing is indexed).
  void SetIndexer(search::Indexer* indexer) { indexer_ = indexer; }
  /// Where sites live, for the documents' city and URL (the runtime wires it).
  void SetSiteLocator(SiteLocator locator) { locator_ = std::move(locator); }
  void SetNotifier(SignUpNotifier* notifier) { notifier_ = notifier; }

  /// A verified member adds an event; a professional working in the site (not a member) adds a
  /// public event as the organisation their role names (kForbidden for another organisation, none,
  /// or members-only). kForbidden for anyone else.
  Result<Event> Create(SiteId site, const Viewer& viewer, const EventDraft& draft);
  /// The event when this viewer may see it; kNotFound otherwise (also another site's event).
  Result<Event> Find(SiteId site, EventId id, const Viewer& viewer);
  /// The organiser or a buurtverbinder changes an event (kNotFound / kForbidden as Find / MayChange).
  /// The draft's group_id replaces the event's group: who may name a group is the caller's check.
  /// A professional organiser keeps the event public and named after their organisation.
  Result<Event> Edit(SiteId site, EventId id, const Viewer& viewer, const EventDraft& draft);
  Status Delete(SiteId site, EventId id, const Viewer& viewer);

  /// Page `page` (from 1) of the coming occurrences (not ended yet), soonest first.
  OccurrencePage Coming(SiteId site, const Viewer& viewer, int page);
  /// The next `limit` occurrences (site home).
  std::vector<Occurrence> Next(SiteId site, const Viewer& viewer, int limit = 5);
  /// Page `page` of events that are over, latest first.
  OccurrencePage Past(SiteId site, const Viewer& viewer, int page);
  /// The event's occurrences that have not ended at `from`, at most `max` (within the window).
  std::vector<Occurrence> OccurrencesOf(const Event& event, std::int64_t from, std::size_t max) const;
  /// The occurrence of `event` that starts at `start`, if the series has one there.
  std::optional<Occurrence> OccurrenceAt(const Event& event, std::int64_t start) const;

  /// A verified member signs up for the occurrence starting at `occurrence_start`.
  Result<SignUpOutcome> SignUp(SiteId site, EventId id, std::int64_t occurrence_start, const Viewer& viewer);
  /// The member cancels; the first on the waiting list moves up and is told.
  Result<CancelOutcome> Cancel(SiteId site, EventId id, std::int64_t occurrence_start, const Viewer& viewer);
  /// The viewer's sign-up for an occurrence and their place on the waiting list.
  std::optional<std::pair<SignUpStatus, int>> MySignUp(SiteId site, EventId id, std::int64_t occurrence_start,
                                                       const Viewer& viewer);
  /// The viewer's sign-ups for the event's occurrences from `from` on (at most kMaxOwnSignUps,
  /// earliest first), with their places on the waiting lists: one query for the whole page.
  std::vector<OwnSignUp> MySignUps(SiteId site, EventId id, std::int64_t from, const Viewer& viewer);
  static constexpr int kMaxOwnSignUps = 100;
  SignUpCounts Counts(SiteId site, EventId id, std::int64_t occurrence_start);
  /// Who signed up, page `page` (from 1) of `per_page` (for the organiser and buurtverbinders
  /// only; kForbidden otherwise). Pages beyond kMaxPage are empty.
  Result<AttendeePage> Attendees(SiteId site, const Event& event, std::int64_t occurrence_start, const Viewer& viewer,
                                 int page = 1, int per_page = kAttendeesPerPage);
  static constexpr int kAttendeesPerPage = 50;

  /// Public events for a feed: of a site, of a city (not ended more than 30 days ago).
  std::vector<Event> FeedOfSite(SiteId site);
  std::vector<Event> FeedOfCity(CityId city);
  /// Public events a group of the site organises (for GroupCalendar in ical.hpp).
  std::vector<Event> FeedOfGroup(SiteId site, std::int64_t group_id);
  /// Page `page` (from 1, `per_page` events) of a site's / a city's public events that have not
  /// ended, by first start (the JSON API: members-only events never appear).
  EventPage PublicComingOfSite(SiteId site, int page, int per_page);
  EventPage PublicComingOfCity(CityId city, int page, int per_page);
  /// Page `page` of the coming events a group of the site organises that this viewer may see.
  EventPage ComingOfGroup(SiteId site, std::int64_t group_id, const Viewer& viewer, int page, int per_page);

  /// The search rebuild: puts every event of the site (members-only and past ones too, the same
  /// documents a write puts) through `indexer`, in batches of kReindexBatch; returns how many.
  long Reindex(SiteId site, search::Indexer& indexer);
  static constexpr int kReindexBatch = 200;

  /// Account deletion: sign-ups go (people move up); events are removed or stay without name.
  Status EraseContent(UserId user, accounts::ContentChoice choice) override;

  std::int64_t Now() const { return clock_.Now(); }
  /// May this viewer edit and delete the event? A buurtverbinder, or its organiser while a member
  /// or a professional working in the site.
  static bool MayChange(const Event& event, const Viewer& viewer);
  /// Checks and cleans a draft and computes its UTC times; the first problem, with its field.
  static Result<EventDraft> Clean(const EventDraft& draft);

 private:
  bool MaySee(const Event& event, const Viewer& viewer) const;
  /// What a professional (not a member) may put in a draft: their organisation, public only.
  static Status CheckProfessionalDraft(const EventDraft& draft, const Viewer& viewer,
                                       std::optional<std::int64_t> current_organisation);
  void Changed(SiteId site) {
    if (on_change_) on_change_(site);
  }
  std::optional<search::Document> DocumentOf(const Event& event) const;
  void Index(const Event& event);
  void Unindex(EventId id);

  Store& store_;
  const Clock& clock_;
  std::function<void(SiteId)> on_change_;
  search::Indexer* indexer_ = nullptr;
  SiteLocator locator_;
  SignUpNotifier* notifier_ = nullptr;
};

}  // namespace buurtplein::domain::events
