#include "domain/events/ical.hpp"

#include <cstdio>

#include "domain/events/local_time.hpp"
#include "domain/events/rrule.hpp"

namespace buurtplein::domain::events {

namespace {

std::string Basic(const LocalDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return buf;
}

std::string Basic(const LocalDateTime& t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d%02d00", t.hour, t.minute);
  return Basic(t.date) + buf;
}

std::string UtcStamp(std::int64_t utc) {
  const std::int64_t days = utc >= 0 ? utc / 86400 : (utc - 86399) / 86400;
  const std::int64_t secs = utc - days * 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d%02d%02dZ", static_cast<int>(secs / 3600), static_cast<int>(secs % 3600 / 60),
                static_cast<int>(secs % 60));
  return Basic(DateFromDays(days)) + buf;
}

constexpr const char* kTimezone =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Amsterdam\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

void Line(std::string& out, std::string_view line) { out += FoldLine(line); }

void AddEvent(std::string& out, const FeedInfo& info, const FeedEntry& entry) {
  const Event& e = entry.event;
  out += "BEGIN:VEVENT\r\n";
  Line(out, "UID:event-" + std::to_string(e.id.value) + "@" + info.uid_domain);
  Line(out, "DTSTAMP:" + UtcStamp(e.updated_at));
  Line(out, "CREATED:" + UtcStamp(e.created_at));
  Line(out, "LAST-MODIFIED:" + UtcStamp(e.updated_at));
  std::optional<LocalDateTime> start_time;
  if (e.all_day) {
    auto start = ParseDate(e.start_local);
    auto last = ParseDate(e.end_local);
    if (start && last) {
      Line(out, "DTSTART;VALUE=DATE:" + Basic(*start));
      Line(out, "DTEND;VALUE=DATE:" + Basic(AddDays(*last, 1)));  // DTEND is exclusive
    }
  } else {
    start_time = ParseDateTime(e.start_local);
    auto end = ParseDateTime(e.end_local);
    if (start_time && end) {
      Line(out, "DTSTART;TZID=Europe/Amsterdam:" + Basic(*start_time));
      Line(out, "DTEND;TZID=Europe/Amsterdam:" + Basic(*end));
    }
  }
  if (e.recurring() && (e.all_day || start_time)) {
    const auto start_date = e.all_day ? ParseDate(e.start_local) : std::optional<LocalDate>(start_time->date);
    if (start_date) {
      auto rule = ParseRRule(e.rrule, *start_date);
      if (rule) {
        auto until = rule->until;
        rule->until.reset();
        std::string text = FormatRRule(*rule);
        if (until) {
          // With a local DTSTART, UNTIL must be UTC (RFC 5545 3.3.10); with a date, a date.
          text += ";UNTIL=" + (e.all_day ? Basic(*until) : UtcStamp(ToUtc({*until, start_time->hour, start_time->minute})));
        }
        Line(out, "RRULE:" + text);
      }
      if (auto ex = ParseDateList(e.exdates); ex && !ex->empty()) {
        std::string list;
        for (const auto& d : *ex) {
          if (!list.empty()) list += ",";
          list += e.all_day ? Basic(d) : Basic(LocalDateTime{d, start_time->hour, start_time->minute});
        }
        Line(out, std::string(e.all_day ? "EXDATE;VALUE=DATE:" : "EXDATE;TZID=Europe/Amsterdam:") + list);
      }
    }
  }
  Line(out, "SUMMARY:" + EscapeText(e.title));
  if (!e.description_markdown.empty()) Line(out, "DESCRIPTION:" + EscapeText(e.description_markdown));
  std::string location = e.place_name;
  if (!e.address.empty()) location += (location.empty() ? "" : ", ") + e.address;
  if (!location.empty()) Line(out, "LOCATION:" + EscapeText(location));
  if (e.latitude && e.longitude) {
    char geo[64];
    std::snprintf(geo, sizeof geo, "GEO:%.6f;%.6f", *e.latitude, *e.longitude);
    Line(out, geo);
  }
  std::string organiser = !e.organisation_ref_name.empty() ? e.organisation_ref_name
                          : !e.organisation_name.empty()   ? e.organisation_name
                                                           : e.organiser_name;
  if (!organiser.empty()) Line(out, "X-BUURTPLEIN-ORGANISER:" + EscapeText(organiser));
  Line(out, "URL:" + entry.url);
  Line(out, "CLASS:PUBLIC");
  out += "END:VEVENT\r\n";
}

}  // namespace

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default:
        // Other control characters are not allowed in TEXT values.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') break;
        out += c;
    }
  }
  return out;
}

std::string FoldLine(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3 + 2);
  std::size_t pos = 0;
  std::size_t limit = 75;  // the first line 75 octets; the next ones a space and 74
  while (line.size() - pos > limit) {
    std::size_t cut = pos + limit;
    // Never split a UTF-8 character: step back over continuation bytes (10xxxxxx).
    while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(pos, cut - pos));
    out += "\r\n ";
    pos = cut;
    limit = 74;
  }
  out.append(line.substr(pos));
  out += "\r\n";
  return out;
}

std::string BuildCalendar(const FeedInfo& info, const std::vector<FeedEntry>& entries) {
  std::string out;
  out.reserve(1024 + entries.size() * 600);
  out += "BEGIN:VCALENDAR\r\n";
  out += "VERSION:2.0\r\n";
  out += "PRODID:-//Buurtplein//Agenda//NL\r\n";
  out += "CALSCALE:GREGORIAN\r\n";
  out += "METHOD:PUBLISH\r\n";
  Line(out, "X-WR-CALNAME:" + EscapeText(info.name));
  out += "X-WR-TIMEZONE:Europe/Amsterdam\r\n";
  out += kTimezone;
  for (const auto& entry : entries) AddEvent(out, info, entry);
  out += "END:VCALENDAR\r\n";
  return out;
}

}  // namespace buurtplein::domain::events
