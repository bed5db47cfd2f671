#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/common/ids.hpp"

namespace buurtplein::domain::events {

using EventId = Id<struct EventTag>;

/// Who may see an event: everyone, or the site's verified members only (as news).
enum class Visibility { kPublic, kMembers };

/// An event in a site's agenda. Times: the first occurrence's start and end as UTC Unix seconds,
/// and the same as Amsterdam wall-clock text, which recurrence works from. A recurring event is
/// one row; its occurrences are expanded from the rule when a list needs them.
struct Event {
  EventId id;
  SiteId site;
  std::optional<UserId> organiser;     ///< the resident who added it; nullopt once they left
  std::string organiser_name;          ///< their display name ("" without organiser)
  std::optional<std::int64_t> group_id;///< a group of the site as organiser
  std::string group_name;              ///< its name ("" without group)
  bool group_members_only = false;     ///< the group is seen by the site's members only
  std::string organisation_name;       ///< an organisation as organiser, free text ("" none)
  std::optional<std::int64_t> organisation_id;  ///< a sociale-kaart organisation of the city as organiser
  std::string organisation_ref_name;   ///< its name ("" without organisation_id)
  std::string organisation_uuid;       ///< its uuid: the address of its sociale-kaart page
  std::string title;                   ///< at most kMaxTitleLength code points
  std::string description_markdown;    ///< Markdown, at most kMaxDescriptionLength
  std::string place_name;              ///< "Buurthuis De Klokkenberg"
  std::string address;                 ///< "Klokkenberg 12, Nijmegen" ("" unknown)
  std::optional<double> latitude;      ///< -90..90, with longitude or not at all
  std::optional<double> longitude;     ///< -180..180
  bool all_day = false;
  std::string start_local;             ///< "2026-12-08T19:30", or "2026-12-08" when all day
  std::string end_local;               ///< same form; all day: the last day (inclusive)
  std::int64_t start_at = 0;           ///< UTC of the first occurrence's start
  std::int64_t end_at = 0;             ///< UTC of its end (all day: the next midnight)
  std::string rrule;                   ///< "" for a single event, else FormatRRule text
  std::string exdates;                 ///< dates left out of the series: "2026-12-22,2026-12-29"
  std::optional<std::int64_t> last_end_at;  ///< end of the last occurrence; nullopt: no end
  bool signup = false;                 ///< members can sign up
  std::optional<int> capacity;         ///< places per occurrence; nullopt: no limit
  Visibility visibility = Visibility::kPublic;
  std::optional<std::string> image_key;///< an image (the image pipeline comes with news)
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;

  bool recurring() const { return !rrule.empty(); }
};

/// What the organiser writes. Clean() checks it and fills the computed fields.
struct EventDraft {
  std::string title;
  std::string description_markdown;
  std::string place_name;
  std::string address;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string organisation_name;
  std::optional<std::int64_t> group_id;
  /// A sociale-kaart organisation of the site's city (the store refuses any other); who may name
  /// it is the caller's check (decision 0013).
  std::optional<std::int64_t> organisation_id;
  bool all_day = false;
  std::string start_local;
  std::string end_local;
  std::string rrule;
  std::string exdates;
  bool signup = false;
  std::optional<int> capacity;
  Visibility visibility = Visibility::kPublic;
  // Computed by EventService::Clean from the fields above:
  std::int64_t start_at = 0;
  std::int64_t end_at = 0;
  std::optional<std::int64_t> last_end_at;
};

inline constexpr std::size_t kMaxTitleLength = 140;
inline constexpr std::size_t kMaxDescriptionLength = 20000;
inline constexpr std::size_t kMaxPlaceLength = 140;
inline constexpr std::size_t kMaxAddressLength = 200;
inline constexpr int kMaxCapacity = 10000;

/// One occurrence of an event: the event and this occurrence's start and end (UTC). The start
/// is the key of sign-ups.
struct Occurrence {
  Event event;
  std::int64_t start_at = 0;
  std::int64_t end_at = 0;
};

/// Whether a sign-up has a place or waits for one.
enum class SignUpStatus { kConfirmed, kWaiting };

/// One person signed up for one occurrence.
struct Attendee {
  std::int64_t id = 0;
  EventId event;
  std::int64_t occurrence_start = 0;
  UserId user;
  std::string user_name;
  SignUpStatus status = SignUpStatus::kConfirmed;
  std::int64_t created_at = 0;
};

/// The viewer's own sign-up for one occurrence (the event page's "you are signed up").
struct OwnSignUp {
  std::int64_t occurrence_start = 0;
  SignUpStatus status = SignUpStatus::kConfirmed;
  int position = 0;  ///< place on the waiting list (1 = first); 0 when confirmed
};

/// The answer to a sign-up.
struct SignUpOutcome {
  SignUpStatus status = SignUpStatus::kConfirmed;
  bool already = false;  ///< was signed up before; nothing changed
};

/// The answer to a cancellation.
struct CancelOutcome {
  bool was_signed_up = false;
  std::optional<UserId> promoted;  ///< who moved up from the waiting list
};

/// Sign-ups for one occurrence.
struct SignUpCounts {
  int confirmed = 0;
  int waiting = 0;
};

/// A sign-up removed by account deletion, and who moved up in its place.
struct ErasedSignUp {
  SiteId site;
  EventId event;
  std::int64_t occurrence_start = 0;
  std::optional<UserId> promoted;
};

/// One page of a list.
/// One page of who signed up for an occurrence (confirmed first, then the waiting list).
struct AttendeePage {
  std::vector<Attendee> items;
  int page = 1;
  bool has_more = false;
};

struct OccurrencePage {
  std::vector<Occurrence> items;
  int page = 1;
  bool has_more = false;
};

}  // namespace buurtplein::domain::events
