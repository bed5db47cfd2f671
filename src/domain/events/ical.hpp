#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/events/model.hpp"

/// iCalendar (RFC 5545) text for the agenda's live feeds: a site's, a city's, a group's and a
/// single event's. Pure text building, so it is unit-tested without a server; a test parses
/// the output with libical.
namespace buurtplein::domain::events {

/// One event in a feed, with the absolute URL of its page.
struct FeedEntry {
  Event event;
  std::string url;  ///< "https://buurtplein.nl/nijmegen/oost/agenda/12"
};

/// The feed's name and where its UIDs come from.
struct FeedInfo {
  std::string name;        ///< X-WR-CALNAME, e.g. "Agenda Buurtplein Oost"
  std::string uid_domain;  ///< host of the platform: UIDs are "event-12@uid_domain", stable
};

/// A VCALENDAR with a VTIMEZONE for Europe/Amsterdam and one VEVENT per entry: local times with
/// TZID (all-day events as VALUE=DATE), RRULE and EXDATE for series, URL of the event page,
/// DTSTAMP from the event's last change (so the same events give the same bytes). Lines end in
/// CRLF and are folded at 75 octets. The caller leaves members-only events out.
std::string BuildCalendar(const FeedInfo& info, const std::vector<FeedEntry>& entries);

/// A group's feed (issue 4 §5): the groups feature gives its events, in any order.
inline std::string GroupCalendar(const std::string& group_name, const std::string& uid_domain,
                                 const std::vector<FeedEntry>& entries) {
  return BuildCalendar({group_name, uid_domain}, entries);
}

/// TEXT value escaping: backslash, semicolon, comma and line breaks.
std::string EscapeText(std::string_view text);
/// Folds one content line (without its CRLF) at 75 octets, never inside a UTF-8 character;
/// returns it with CRLF line ends.
std::string FoldLine(std::string_view line);

}  // namespace buurtplein::domain::events
