// The agenda's calendar arithmetic: Amsterdam wall-clock time across daylight saving, the RRULE
// subset (weekly, monthly by day and by n-th weekday, INTERVAL, COUNT/UNTIL, EXDATE), and the
// occurrences the EventService expands from it.
#include <gtest/gtest.h>

#include "domain/events/event_service.hpp"
#include "domain/events/local_time.hpp"
#include "domain/events/rrule.hpp"

namespace buurtplein::domain::events {
namespace {

LocalDate D(int y, int m, int d) { return {y, m, d}; }

TEST(EventsLocalTime, WinterAndSummerOffsets) {
  // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
  EXPECT_EQ(ToUtc({D(2026, 1, 15), 12, 0}), 1768474800);   // 11:00 UTC
  EXPECT_EQ(ToUtc({D(2026, 7, 15), 12, 0}), 1784109600);   // 10:00 UTC
  EXPECT_EQ(AmsterdamOffset(1774746000 - 1), 3600);          // 29 March 00:59:59 UTC
  EXPECT_EQ(AmsterdamOffset(1774746000), 7200);              // 29 March 01:00 UTC
  EXPECT_EQ(AmsterdamOffset(1792890000 - 1), 7200);          // 25 October 00:59:59 UTC
  EXPECT_EQ(AmsterdamOffset(1792890000), 3600);
  const auto l = ToLocal(1784109600);
  EXPECT_EQ(l.date, D(2026, 7, 15));
  EXPECT_EQ(l.hour, 12);
}

TEST(EventsLocalTime, SkippedAndRepeatedHours) {
  // 29 March 2026 02:30 does not exist: it is taken as 03:30 summer time (01:30 UTC).
  EXPECT_EQ(ToLocal(ToUtc({D(2026, 3, 29), 2, 30})).hour, 3);
  // 25 October 2026 02:30 happens twice: the first (summer time, 00:30 UTC).
  EXPECT_EQ(ToUtc({D(2026, 10, 25), 2, 30}), 1792888200);
}

TEST(EventsLocalTime, ParsesAndFormats) {
  EXPECT_EQ(FormatDateTime(*ParseDateTime("2026-12-08T19:30")), "2026-12-08T19:30");
  EXPECT_EQ(FormatDateTime(*ParseDateTime("2026-12-08 19:30:00")), "2026-12-08T19:30");
  EXPECT_FALSE(ParseDateTime("2026-12-08T24:00"));
  EXPECT_FALSE(ParseDate("2026-02-30"));
  EXPECT_FALSE(ParseDate("26-12-08"));
  EXPECT_EQ(Weekday(D(2026, 12, 8)), 1);  // a Tuesday
}

TEST(EventsRRule, WeeklyStaysAtTheSameLocalTimeAcrossDaylightSaving) {
  // Every Tuesday 19:30 from 13 October 2026: the clocks go back on 25 October.
  const auto rule = ParseRRule("FREQ=WEEKLY;COUNT=4", D(2026, 10, 13));
  ASSERT_TRUE(rule.ok());
  const auto dates = ExpandDates(*rule, D(2026, 10, 13), D(2026, 1, 1), D(2027, 12, 31), {}, 10);
  ASSERT_EQ(dates.size(), 4u);
  EXPECT_EQ(dates[3], D(2026, 11, 3));
  for (const auto& d : dates) EXPECT_EQ(ToLocal(ToUtc({d, 19, 30})).hour, 19);
  // 13 and 20 October are summer time (17:30 UTC), 27 October and 3 November winter time (18:30 UTC).
  EXPECT_EQ(ToUtc({dates[1], 19, 30}) % 86400, 17 * 3600 + 1800);
  EXPECT_EQ(ToUtc({dates[2], 19, 30}) % 86400, 18 * 3600 + 1800);
  // And in March the other way round.
  const auto spring = ExpandDates(*rule, D(2027, 3, 23), D(2027, 1, 1), D(2027, 12, 31), {}, 10);
  ASSERT_EQ(spring.size(), 4u);
  EXPECT_EQ(ToUtc({spring[0], 19, 30}) % 86400, 18 * 3600 + 1800);  // 23 March: winter time
  EXPECT_EQ(ToUtc({spring[1], 19, 30}) % 86400, 17 * 3600 + 1800);  // 30 March: summer time
}

TEST(EventsRRule, MonthlyByNthWeekdayAndLast) {
  // The 2nd Tuesday: 8 December 2026, 12 January, 9 February 2027.
  auto rule = ParseRRule("FREQ=MONTHLY;BYDAY=2TU;COUNT=3", D(2026, 12, 8));
  ASSERT_TRUE(rule.ok());
  EXPECT_EQ(ExpandDates(*rule, D(2026, 12, 8), D(2026, 1, 1), D(2028, 1, 1), {}, 10),
            (std::vector<LocalDate>{D(2026, 12, 8), D(2027, 1, 12), D(2027, 2, 9)}));
  // The last Friday.
  rule = ParseRRule("FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=2;COUNT=3", D(2026, 11, 27));
  ASSERT_TRUE(rule.ok());
  EXPECT_EQ(ExpandDates(*rule, D(2026, 11, 27), D(2026, 1, 1), D(2028, 1, 1), {}, 10),
            (std::vector<LocalDate>{D(2026, 11, 27), D(2027, 1, 29), D(2027, 3, 26)}));
  EXPECT_EQ(FormatRRule(*rule), "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;COUNT=3");
}

TEST(EventsRRule, MonthlyByDaySkipsMonthsWithoutThatDay) {
  auto rule = ParseRRule("FREQ=MONTHLY;UNTIL=20270501", D(2027, 1, 31));
  ASSERT_TRUE(rule.ok());
  EXPECT_EQ(rule->month_day, 31);
  EXPECT_EQ(ExpandDates(*rule, D(2027, 1, 31), D(2027, 1, 1), D(2028, 1, 1), {}, 10),
            (std::vector<LocalDate>{D(2027, 1, 31), D(2027, 3, 31)}));
  EXPECT_EQ(LastDate(*rule, D(2027, 1, 31), {}), D(2027, 3, 31));
}

TEST(EventsRRule, IntervalUntilAndExceptions) {
  auto rule = ParseRRule("FREQ=WEEKLY;INTERVAL=2;UNTIL=20270131", D(2026, 12, 1));
  ASSERT_TRUE(rule.ok());
  const std::vector<LocalDate> ex = {D(2026, 12, 29)};
  EXPECT_EQ(ExpandDates(*rule, D(2026, 12, 1), D(2026, 1, 1), D(2028, 1, 1), ex, 10),
            (std::vector<LocalDate>{D(2026, 12, 1), D(2026, 12, 15), D(2027, 1, 12), D(2027, 1, 26)}));
  // COUNT counts the dates the rule makes, before exceptions are taken out.
  rule = ParseRRule("FREQ=WEEKLY;COUNT=3", D(2026, 12, 1));
  EXPECT_EQ(ExpandDates(*rule, D(2026, 12, 1), D(2026, 1, 1), D(2028, 1, 1), {D(2026, 12, 8)}, 10),
            (std::vector<LocalDate>{D(2026, 12, 1), D(2026, 12, 15)}));
  // A window: only the dates from `from` to `to`, and never more than `max`.
  rule = ParseRRule("FREQ=WEEKLY;BYDAY=MO,TH", D(2026, 11, 30));
  ASSERT_TRUE(rule.ok());
  EXPECT_EQ(ExpandDates(*rule, D(2026, 11, 30), D(2026, 12, 10), D(2026, 12, 31), {}, 3),
            (std::vector<LocalDate>{D(2026, 12, 10), D(2026, 12, 14), D(2026, 12, 17)}));
  EXPECT_FALSE(LastDate(*rule, D(2026, 11, 30), {}));  // no end
}

TEST(EventsRRule, RefusesWhatIsOutsideTheSubset) {
  const LocalDate tue = D(2026, 12, 8);
  for (const char* bad : {"", "FREQ=DAILY", "FREQ=YEARLY", "FREQ=WEEKLY;COUNT=0", "FREQ=WEEKLY;COUNT=521",
                          "FREQ=WEEKLY;INTERVAL=0", "FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;BYDAY=WE",
                          "FREQ=WEEKLY;COUNT=2;UNTIL=20270101", "FREQ=WEEKLY;UNTIL=20261201",
                          "FREQ=WEEKLY;UNTIL=20400101", "FREQ=MONTHLY;BYDAY=3TU", "FREQ=MONTHLY;BYMONTHDAY=9",
                          "FREQ=MONTHLY;BYDAY=6TU", "FREQ=WEEKLY;BYSETPOS=1", "FREQ=WEEKLY;WKST=SU", "garbage"}) {
    auto r = ParseRRule(bad, tue);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.error().field, "repeat");
    }
  }
  EXPECT_TRUE(ParseRRule("FREQ=MONTHLY;BYDAY=+2TU", tue).ok());
  EXPECT_TRUE(ParseRRule("UNTIL=20270101T225959Z;FREQ=WEEKLY", tue).ok());
}

TEST(EventsRRule, DateLists) {
  auto list = ParseDateList(" 2026-12-29, 2026-12-22,2026-12-29 ");
  ASSERT_TRUE(list);
  EXPECT_EQ(FormatDateList(*list), "2026-12-22,2026-12-29");
  EXPECT_FALSE(ParseDateList("2026-12-32"));
  EXPECT_TRUE(ParseDateList("")->empty());
}

class EventsClean : public ::testing::Test {
 protected:
  static EventDraft Draft() {
    EventDraft d;
    d.title = "  Koffieochtend ";
    d.place_name = "Buurthuis";
    d.start_local = "2026-10-13T19:30";
    d.end_local = "2026-10-13T21:00";
    return d;
  }
};

TEST_F(EventsClean, ComputesUtcTimesAndTheEndOfASeries) {
  auto d = Draft();
  d.rrule = "FREQ=WEEKLY;COUNT=3";
  d.exdates = "2026-10-27";
  auto c = EventService::Clean(d);
  ASSERT_TRUE(c.ok()) << c.error().public_message;
  EXPECT_EQ(c->title, "Koffieochtend");
  EXPECT_EQ(c->start_at, ToUtc({D(2026, 10, 13), 19, 30}));
  EXPECT_EQ(c->end_at - c->start_at, 90 * 60);
  EXPECT_EQ(c->rrule, "FREQ=WEEKLY;BYDAY=TU;COUNT=3");
  // The third date (27 October) is skipped: the series ends on 20 October at 21:00 summer time.
  EXPECT_EQ(c->last_end_at, ToUtc({D(2026, 10, 20), 21, 0}));
  d.rrule = "FREQ=WEEKLY";
  EXPECT_FALSE(EventService::Clean(d)->last_end_at);
}

TEST_F(EventsClean, AllDayEventsRunFromMidnightToMidnight) {
  auto d = Draft();
  d.all_day = true;
  d.start_local = "2026-12-12";
  d.end_local = "2026-12-13";
  auto c = EventService::Clean(d);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->start_at, ToUtc({D(2026, 12, 12), 0, 0}));
  EXPECT_EQ(c->end_at, ToUtc({D(2026, 12, 14), 0, 0}));
  EXPECT_EQ(c->end_local, "2026-12-13");
}

TEST_F(EventsClean, RefusesWithTheFieldAtFault) {
  auto field_of = [](EventDraft d) {
    auto c = EventService::Clean(d);
    return c.ok() ? std::string("ok") : c.error().field;
  };
  auto d = Draft();
  d.title = " ";
  EXPECT_EQ(field_of(d), "title");
  d = Draft();
  d.place_name = "";
  EXPECT_EQ(field_of(d), "place");
  d = Draft();
  d.end_local = "2026-10-13T19:00";
  EXPECT_EQ(field_of(d), "end_time");
  d = Draft();
  d.latitude = 91;
  d.longitude = 5;
  EXPECT_EQ(field_of(d), "latitude");
  d = Draft();
  d.latitude = 51.8;
  EXPECT_EQ(field_of(d), "latitude");  // one coordinate without the other
  d = Draft();
  d.capacity = 0;
  EXPECT_EQ(field_of(d), "capacity");
  d = Draft();
  d.rrule = "FREQ=DAILY";
  EXPECT_EQ(field_of(d), "repeat");
  d = Draft();
  d.rrule = "FREQ=WEEKLY";
  d.exdates = "morgen";
  EXPECT_EQ(field_of(d), "exdates");
  d = Draft();
  d.capacity = 5;
  EXPECT_TRUE(EventService::Clean(d)->signup);  // places imply sign-up
}

}  // namespace
}  // namespace buurtplein::domain::events
