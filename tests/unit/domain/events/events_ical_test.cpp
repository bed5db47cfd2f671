// iCalendar text of the agenda feeds: escaping, folding at 75 octets with CRLF, and a whole
// calendar read back by libical (times in Europe/Amsterdam, all-day dates, RRULE, EXDATE, URL).
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>
#include <string>

#include "domain/events/event_service.hpp"
#include "domain/events/ical.hpp"
#include "domain/events/local_time.hpp"

namespace buurtplein::domain::events {
namespace {

TEST(EventsIcal, EscapesText) {
  EXPECT_EQ(EscapeText("a,b;c\\d\ne\r"), "a\\,b\\;c\\\\d\\ne");
}

TEST(EventsIcal, FoldsAt75OctetsWithoutSplittingCharacters) {
  const std::string line = "SUMMARY:" + std::string(100, 'x') + "ë" + std::string(100, 'y');
  const std::string folded = FoldLine(line);
  std::size_t start = 0;
  std::string unfolded;
  while (start < folded.size()) {
    const auto end = folded.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u);
    std::string part = folded.substr(start, end - start);
    if (start > 0) {
      ASSERT_EQ(part.front(), ' ');
      part.erase(0, 1);
    }
    // No part starts with a UTF-8 continuation byte.
    if (!part.empty()) {
      EXPECT_NE(static_cast<unsigned char>(part.front()) & 0xC0, 0x80);
    }
    unfolded += part;
    start = end + 2;
  }
  EXPECT_EQ(unfolded, line);
  EXPECT_EQ(FoldLine("SHORT:1"), "SHORT:1\r\n");
}

Event Sample(std::int64_t id, const std::string& start, const std::string& end, bool all_day) {
  EventDraft d;
  d.title = "Koffie, thee; en \"meer\"";
  d.description_markdown = "Regel 1\nRegel 2 met een lange tekst " + std::string(120, 'z');
  d.place_name = "Buurthuis De Klokkenberg";
  d.address = "Voorbeeldstraat 1, Nijmegen";
  d.latitude = 51.84;
  d.longitude = 5.85;
  d.all_day = all_day;
  d.start_local = start;
  d.end_local = end;
  auto c = EventService::Clean(d);
  EXPECT_TRUE(c.ok());
  Event e;
  e.id = EventId{id};
  e.title = c->title;
  e.description_markdown = c->description_markdown;
  e.place_name = c->place_name;
  e.address = c->address;
  e.latitude = c->latitude;
  e.longitude = c->longitude;
  e.all_day = c->all_day;
  e.start_local = c->start_local;
  e.end_local = c->end_local;
  e.start_at = c->start_at;
  e.end_at = c->end_at;
  e.organiser_name = "Anna";
  e.created_at = 1'790'000'000;
  e.updated_at = 1'790'000'100;
  return e;
}

struct IcalDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

TEST(EventsIcal, LibicalReadsTheCalendar) {
  Event single = Sample(1, "2026-10-20T19:30", "2026-10-20T21:00", false);
  Event series = Sample(2, "2026-10-13T19:30", "2026-10-13T21:00", false);
  series.rrule = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261110";
  series.exdates = "2026-10-27";
  Event day = Sample(3, "2026-12-12", "2026-12-13", true);
  const std::string text = BuildCalendar(
      {"Agenda Oost", "buurtplein.example"},
      {{single, "https://buurtplein.example/nijmegen/oost/agenda/1"},
       {series, "https://buurtplein.example/nijmegen/oost/agenda/2"},
       {day, "https://buurtplein.example/nijmegen/oost/agenda/3"}});

  // Every line ends in CRLF and is at most 75 octets.
  for (std::size_t start = 0; start < text.size();) {
    const auto end = text.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u);
    EXPECT_EQ(text.substr(start, end - start).find('\n'), std::string::npos);
    start = end + 2;
  }

  std::unique_ptr<icalcomponent, IcalDeleter> cal(icalparser_parse_string(text.c_str()));
  ASSERT_TRUE(cal);
  ASSERT_EQ(icalcomponent_isa(cal.get()), ICAL_VCALENDAR_COMPONENT);
  EXPECT_EQ(icalcomponent_count_errors(cal.get()), 0);
  icaltimezone* zone = icalcomponent_get_timezone(cal.get(), "Europe/Amsterdam");
  ASSERT_NE(zone, nullptr);

  std::vector<icalcomponent*> events;
  for (auto* c = icalcomponent_get_first_component(cal.get(), ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component(cal.get(), ICAL_VEVENT_COMPONENT)) {
    events.push_back(c);
  }
  ASSERT_EQ(events.size(), 3u);

  // The single event: 19:30 summer time is 17:30 UTC.
  EXPECT_STREQ(icalcomponent_get_uid(events[0]), "event-1@buurtplein.example");
  EXPECT_STREQ(icalcomponent_get_summary(events[0]), "Koffie, thee; en \"meer\"");
  EXPECT_EQ(static_cast<std::int64_t>(icaltime_as_timet_with_zone(icalcomponent_get_dtstart(events[0]), zone)),
            single.start_at);
  EXPECT_EQ(static_cast<std::int64_t>(icaltime_as_timet_with_zone(icalcomponent_get_dtend(events[0]), zone)),
            single.end_at);
  EXPECT_STREQ(icalcomponent_get_location(events[0]), "Buurthuis De Klokkenberg, Voorbeeldstraat 1, Nijmegen");
  EXPECT_NE(std::string(icalcomponent_get_description(events[0])).find("Regel 1\nRegel 2"), std::string::npos);
  auto* url = icalcomponent_get_first_property(events[0], ICAL_URL_PROPERTY);
  ASSERT_NE(url, nullptr);
  EXPECT_STREQ(icalproperty_get_url(url), "https://buurtplein.example/nijmegen/oost/agenda/1");
  EXPECT_NE(icalcomponent_get_first_property(events[0], ICAL_DTSTAMP_PROPERTY), nullptr);

  // The series: Tuesdays 13 October to 10 November without 27 October, always at 19:30 local.
  auto* rrule = icalcomponent_get_first_property(events[1], ICAL_RRULE_PROPERTY);
  ASSERT_NE(rrule, nullptr);
  const icaltimetype start = icalcomponent_get_dtstart(events[1]);
  icalrecur_iterator* it = icalrecur_iterator_new(icalproperty_get_rrule(rrule), start);
  ASSERT_NE(it, nullptr);
  std::vector<std::string> dates;
  for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t); t = icalrecur_iterator_next(it)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
    dates.push_back(buf);
  }
  icalrecur_iterator_free(it);
  EXPECT_EQ(dates, (std::vector<std::string>{"2026-10-13 19:30", "2026-10-20 19:30", "2026-10-27 19:30",
                                             "2026-11-03 19:30", "2026-11-10 19:30"}));
  auto* exdate = icalcomponent_get_first_property(events[1], ICAL_EXDATE_PROPERTY);
  ASSERT_NE(exdate, nullptr);
  const icaltimetype ex = icalproperty_get_exdate(exdate);
  EXPECT_EQ(ex.month, 10);
  EXPECT_EQ(ex.day, 27);
  EXPECT_EQ(ex.hour, 19);
  // 3 November (winter time) 19:30 local is 18:30 UTC.
  icaltimetype nov3 = start;
  nov3.month = 11;
  nov3.day = 3;
  EXPECT_EQ(static_cast<std::int64_t>(icaltime_as_timet_with_zone(nov3, zone)),
            ToUtc({{2026, 11, 3}, 19, 30}));

  // The all-day event: dates, DTEND the day after its last day.
  const icaltimetype day_start = icalcomponent_get_dtstart(events[2]);
  EXPECT_TRUE(day_start.is_date);
  EXPECT_EQ(day_start.day, 12);
  const icaltimetype day_end = icalcomponent_get_dtend(events[2]);
  EXPECT_TRUE(day_end.is_date);
  EXPECT_EQ(day_end.day, 14);
}

}  // namespace
}  // namespace buurtplein::domain::events
