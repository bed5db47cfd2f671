#include "domain/directory/opening_hours.hpp"

#include <gtest/gtest.h>

#include "domain/common/amsterdam_time.hpp"

namespace buurtplein::domain::directory {

namespace {

// Amsterdam wall-clock time → Unix seconds (pinned against zoneinfo in amsterdam_time_test).
std::int64_t Local(int y, int mo, int d, int h, int mi) { return AmsterdamToUnix(DaysFromCivil(y, mo, d), h * 60 + mi); }

WeeklyHours Day(int weekday, int opens, int closes) { return WeeklyHours{weekday, opens, closes, std::nullopt, std::nullopt}; }

// Monday to Friday 9:00–17:00, Saturday 10:00–12:00.
OpeningHours Office() {
  OpeningHours h;
  for (int d = 1; d <= 5; ++d) h.weekly.push_back(Day(d, 9 * 60, 17 * 60));
  h.weekly.push_back(Day(6, 10 * 60, 12 * 60));
  return h;
}

void ExpectOpen(const OpeningHours& h, std::int64_t at, std::optional<std::int64_t> next) {
  const OpenNow now = OpenAt(h, at);
  EXPECT_EQ(now.state, OpenState::kOpen);
  EXPECT_EQ(now.next_change, next);
}

void ExpectClosed(const OpeningHours& h, std::int64_t at, std::optional<std::int64_t> next) {
  const OpenNow now = OpenAt(h, at);
  EXPECT_EQ(now.state, OpenState::kClosed);
  EXPECT_EQ(now.next_change, next);
}

}  // namespace

// 30 November 2026 is a Monday.

TEST(OpenAt, UnknownWithoutHours) {
  EXPECT_EQ(OpenAt({}, Local(2026, 11, 30, 10, 0)).state, OpenState::kUnknown);
  OpeningHours only_closed_days;
  only_closed_days.exceptions.push_back({"2026-12-24", true, {}, ""});
  only_closed_days.closed_on_public_holidays = true;
  EXPECT_EQ(OpenAt(only_closed_days, Local(2026, 11, 30, 10, 0)).state, OpenState::kUnknown);
  EXPECT_FALSE(OpenAt({}, Local(2026, 11, 30, 10, 0)).next_change);
}

TEST(OpenAt, OpenAndClosedThroughTheWeek) {
  const OpeningHours h = Office();
  ExpectClosed(h, Local(2026, 11, 30, 8, 59), Local(2026, 11, 30, 9, 0));
  ExpectOpen(h, Local(2026, 11, 30, 9, 0), Local(2026, 11, 30, 17, 0));
  ExpectOpen(h, Local(2026, 11, 30, 16, 59), Local(2026, 11, 30, 17, 0));
  ExpectClosed(h, Local(2026, 11, 30, 17, 0), Local(2026, 12, 1, 9, 0));  // closing time is closed
  ExpectOpen(h, Local(2026, 12, 4, 12, 0), Local(2026, 12, 4, 17, 0));     // Friday
  ExpectClosed(h, Local(2026, 12, 4, 18, 0), Local(2026, 12, 5, 10, 0));   // to Saturday morning
  ExpectOpen(h, Local(2026, 12, 5, 11, 30), Local(2026, 12, 5, 12, 0));
  ExpectClosed(h, Local(2026, 12, 5, 12, 0), Local(2026, 12, 7, 9, 0));    // over Sunday
  ExpectClosed(h, Local(2026, 12, 6, 23, 59), Local(2026, 12, 7, 9, 0));
}

TEST(OpenAt, SeveralTimesOnOneDay) {
  OpeningHours h;
  h.weekly = {Day(3, 13 * 60, 17 * 60), Day(3, 9 * 60, 12 * 60)};  // Wednesday, out of order
  ExpectOpen(h, Local(2026, 12, 2, 9, 30), Local(2026, 12, 2, 12, 0));
  ExpectClosed(h, Local(2026, 12, 2, 12, 30), Local(2026, 12, 2, 13, 0));
  ExpectClosed(h, Local(2026, 12, 2, 17, 30), Local(2026, 12, 9, 9, 0));  // a week on
}

TEST(OpenAt, AcrossMidnight) {
  OpeningHours h;
  h.weekly = {Day(5, 22 * 60, 2 * 60)};  // Friday 22:00 to Saturday 02:00
  ExpectClosed(h, Local(2026, 12, 4, 21, 59), Local(2026, 12, 4, 22, 0));
  ExpectOpen(h, Local(2026, 12, 4, 23, 0), Local(2026, 12, 5, 2, 0));
  ExpectOpen(h, Local(2026, 12, 5, 1, 0), Local(2026, 12, 5, 2, 0));  // Saturday: Friday's hours
  ExpectClosed(h, Local(2026, 12, 5, 2, 0), Local(2026, 12, 11, 22, 0));
  ExpectClosed(h, Local(2026, 12, 3, 23, 0), Local(2026, 12, 4, 22, 0));  // Thursday night is not

  // Closing at midnight, written 0 or 1440, ends exactly at the next day's 0:00.
  OpeningHours evening;
  evening.weekly = {Day(1, 18 * 60, 0), Day(2, 18 * 60, 1440)};
  ExpectOpen(evening, Local(2026, 11, 30, 23, 59), Local(2026, 12, 1, 0, 0));
  ExpectOpen(evening, Local(2026, 12, 1, 23, 59), Local(2026, 12, 2, 0, 0));
}

TEST(OpenAt, AdjoiningHoursMergeIntoOneOpening) {
  OpeningHours h;
  h.weekly = {Day(1, 0, 0), Day(2, 0, 12 * 60)};  // all Monday, Tuesday morning
  ExpectOpen(h, Local(2026, 11, 30, 10, 0), Local(2026, 12, 1, 12, 0));

  OpeningHours always;
  for (int d = 1; d <= 7; ++d) always.weekly.push_back(Day(d, 0, 0));
  ExpectOpen(always, Local(2026, 11, 30, 10, 0), std::nullopt);  // no change within 14 days
}

TEST(OpenAt, NextChangeOnlyWithinFourteenDays) {
  OpeningHours h;
  WeeklyHours later = Day(1, 9 * 60, 17 * 60);
  later.valid_from = "2026-12-14";
  h.weekly = {later};
  ExpectClosed(h, Local(2026, 11, 30, 10, 0), Local(2026, 12, 14, 9, 0));  // 14 days minus an hour
  ExpectClosed(h, Local(2026, 11, 30, 9, 0), Local(2026, 12, 14, 9, 0));   // exactly 14 days
  ExpectClosed(h, Local(2026, 11, 30, 8, 59), std::nullopt);               // one minute too far
}

TEST(OpenAt, ValidityPeriods) {
  OpeningHours h;
  WeeklyHours winter = Day(1, 9 * 60, 17 * 60);
  winter.valid_to = "2026-12-07";
  WeeklyHours from_december = Day(1, 10 * 60, 12 * 60);
  from_december.valid_from = "2026-12-14";
  h.weekly = {winter, from_december};
  ExpectOpen(h, Local(2026, 12, 7, 16, 0), Local(2026, 12, 7, 17, 0));   // valid_to is inclusive
  ExpectClosed(h, Local(2026, 12, 7, 18, 0), Local(2026, 12, 14, 10, 0));
  ExpectOpen(h, Local(2026, 12, 14, 10, 0), Local(2026, 12, 14, 12, 0));  // valid_from is inclusive
  ExpectClosed(h, Local(2026, 12, 14, 16, 0), Local(2026, 12, 21, 10, 0));
}

TEST(OpenAt, ExceptionDays) {
  OpeningHours h = Office();
  h.exceptions.push_back({"2026-12-07", true, {}, "Studiedag"});                 // a Monday
  h.exceptions.push_back({"2026-12-10", false, {{9 * 60, 12 * 60}}, "Korter"});  // a Thursday
  h.exceptions.push_back({"2026-12-13", false, {{14 * 60, 16 * 60}}, "Open zondag"});
  ExpectClosed(h, Local(2026, 12, 7, 10, 0), Local(2026, 12, 8, 9, 0));
  ExpectClosed(h, Local(2026, 12, 5, 13, 0), Local(2026, 12, 8, 9, 0));  // skips the closed Monday
  ExpectOpen(h, Local(2026, 12, 10, 11, 0), Local(2026, 12, 10, 12, 0));
  ExpectClosed(h, Local(2026, 12, 10, 12, 0), Local(2026, 12, 11, 9, 0));
  ExpectOpen(h, Local(2026, 12, 13, 15, 0), Local(2026, 12, 13, 16, 0));  // a Sunday
}

TEST(OpenAt, PublicHolidays) {
  OpeningHours h = Office();
  // Eerste Kerstdag 2026 is a Friday; open without the holiday rule.
  ExpectOpen(h, Local(2026, 12, 25, 10, 0), Local(2026, 12, 25, 17, 0));
  h.closed_on_public_holidays = true;
  // Tweede Kerstdag, Saturday the 26th, is closed too.
  ExpectClosed(h, Local(2026, 12, 25, 10, 0), Local(2026, 12, 28, 9, 0));
  ExpectClosed(h, Local(2026, 12, 24, 18, 0), Local(2026, 12, 28, 9, 0));
  ExpectOpen(h, Local(2027, 1, 2, 11, 0), Local(2027, 1, 2, 12, 0));  // but 2 January is not
  // Goede Vrijdag (3 April 2026) is no general day off; Tweede Paasdag (6 April) is.
  ExpectOpen(h, Local(2026, 4, 3, 10, 0), Local(2026, 4, 3, 17, 0));
  ExpectClosed(h, Local(2026, 4, 6, 10, 0), Local(2026, 4, 7, 9, 0));
  ExpectClosed(h, Local(2026, 4, 27, 10, 0), Local(2026, 4, 28, 9, 0));  // Koningsdag, a Monday
  // An exception on a holiday wins.
  h.exceptions.push_back({"2026-12-25", false, {{11 * 60, 14 * 60}}, "Kerstlunch"});
  ExpectOpen(h, Local(2026, 12, 25, 12, 0), Local(2026, 12, 25, 14, 0));
}

TEST(OpenAt, SummerTimeStartsLastSundayOfMarch) {
  // 29 March 2026: at 02:00 CET the clock goes to 03:00 CEST. Open 01:00–04:00 that Sunday:
  // two real hours.
  OpeningHours h;
  h.weekly = {Day(7, 60, 240)};
  ExpectClosed(h, 1774742400 - 1800, 1774742400);      // 00:30 CET; opens 01:00 CET
  ExpectOpen(h, 1774744200, 1774749600);               // 01:30 CET; closes 04:00 CEST
  ExpectOpen(h, 1774742400 + 3600 - 1, 1774749600);    // 01:59:59 CET, just before the jump
  ExpectOpen(h, 1774742400 + 3600, 1774749600);        // 03:00 CEST, just after it
  ExpectOpen(h, 1774747800, 1774749600);               // 03:30 CEST
  ExpectClosed(h, 1774749600, Local(2026, 4, 5, 1, 0));

  // Saturday 18:00 CET to Sunday 09:00 CEST is 14 real hours, not 15.
  OpeningHours daily;
  for (int d = 1; d <= 7; ++d) daily.weekly.push_back(Day(d, 9 * 60, 17 * 60));
  ExpectClosed(daily, 1774717200, 1774767600);
  EXPECT_EQ(1774767600 - 1774717200, 14 * 3600);

  // Opening at 02:30, a time that does not exist that day, opens at 03:30 CEST.
  OpeningHours gap;
  gap.weekly = {Day(7, 150, 300)};
  ExpectClosed(gap, 1774744200, 1774747800);
}

TEST(OpenAt, SummerTimeEndsLastSundayOfOctober) {
  // 25 October 2026: at 03:00 CEST the clock goes back to 02:00 CET. Open 01:00–04:00 that
  // Sunday: four real hours, and 02:30 happens twice, open both times.
  OpeningHours h;
  h.weekly = {Day(7, 60, 240)};
  ExpectClosed(h, 1792877400, 1792882800);  // Saturday 23:30 CEST; opens 01:00 CEST
  ExpectOpen(h, 1792882800, 1792897200);    // 01:00 CEST; closes 04:00 CET
  ExpectOpen(h, 1792888200, 1792897200);    // the first 02:30 (CEST)
  ExpectOpen(h, 1792891800, 1792897200);    // the second 02:30 (CET)
  EXPECT_EQ(1792897200 - 1792882800, 4 * 3600);
  ExpectClosed(h, 1792897200, Local(2026, 11, 1, 1, 0));

  // Closing at 02:30 that night means the first 02:30.
  OpeningHours late;
  late.weekly = {Day(6, 22 * 60, 150)};
  ExpectOpen(late, 1792877400, 1792888200);
  ExpectClosed(late, 1792891800, Local(2026, 10, 31, 22, 0));
}

TEST(Validate, AcceptsAndNormalises) {
  OpeningHours h;
  h.weekly = {Day(2, 9 * 60, 17 * 60), Day(1, 13 * 60, 0), Day(1, 9 * 60, 12 * 60)};
  h.exceptions = {{"2026-12-31", true, {{9 * 60, 12 * 60}}, "  Oudjaar "},
                  {"2026-12-24", false, {{13 * 60, 15 * 60}, {9 * 60, 12 * 60}}, ""}};
  const auto r = Validate(h);
  ASSERT_TRUE(r.ok()) << r.error().field;
  ASSERT_EQ(r->weekly.size(), 3u);
  EXPECT_EQ(r->weekly[0].weekday, 1);
  EXPECT_EQ(r->weekly[0].opens_minute, 9 * 60);
  EXPECT_EQ(r->weekly[1].closes_minute, 1440);  // midnight written 0 becomes 1440
  EXPECT_EQ(r->weekly[2].weekday, 2);
  ASSERT_EQ(r->exceptions.size(), 2u);
  EXPECT_EQ(r->exceptions[0].date, "2026-12-24");
  EXPECT_EQ(r->exceptions[0].hours.front(), (std::pair<int, int>{9 * 60, 12 * 60}));
  EXPECT_TRUE(r->exceptions[1].hours.empty());  // closed: no hours kept
  EXPECT_EQ(r->exceptions[1].note, "Oudjaar");
}

TEST(Validate, NamesTheFieldAtFault) {
  const auto first = [](const OpeningHours& h) {
    const auto r = Validate(h);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return std::pair<std::string, std::string>{};
    EXPECT_EQ(r.error().code, ErrorCode::kValidation);
    return std::pair{r.error().field, r.error().public_message};
  };
  using P = std::pair<std::string, std::string>;
  OpeningHours h = Office();
  h.weekly[1].weekday = 8;
  EXPECT_EQ(first(h), (P{"weekly_1_weekday", "Choose a day of the week."}));
  h = Office();
  h.weekly[0].weekday = 0;
  EXPECT_EQ(first(h), (P{"weekly_0_weekday", "Choose a day of the week."}));
  h = Office();
  h.weekly[2].opens_minute = 1440;
  EXPECT_EQ(first(h), (P{"weekly_2_opens", "Enter a time like 9:00 or 17:30."}));
  h = Office();
  h.weekly[2].closes_minute = -1;
  EXPECT_EQ(first(h), (P{"weekly_2_closes", "Enter a time like 9:00 or 17:30."}));
  h = Office();
  h.weekly[0].valid_from = "2026-02-30";
  EXPECT_EQ(first(h), (P{"weekly_0_valid_from", "Enter a date like 2026-12-24."}));
  h = Office();
  h.weekly[0].valid_to = "morgen";
  EXPECT_EQ(first(h), (P{"weekly_0_valid_to", "Enter a date like 2026-12-24."}));
  h = Office();
  h.weekly[0].valid_from = "2026-12-01";
  h.weekly[0].valid_to = "2026-11-30";
  EXPECT_EQ(first(h), (P{"weekly_0_valid_to", "The end date may not be before the start date."}));

  h = Office();
  h.exceptions = {{"2026-12-24", true, {}, ""}, {"2026-12-24", true, {}, ""}};
  EXPECT_EQ(first(h), (P{"exceptions_1_date", "This date is listed twice."}));
  h.exceptions = {{"24-12-2026", true, {}, ""}};
  EXPECT_EQ(first(h), (P{"exceptions_0_date", "Enter a date like 2026-12-24."}));
  h.exceptions = {{"2026-12-24", false, {}, ""}};
  EXPECT_EQ(first(h), (P{"exceptions_0_hours", "Enter the opening hours for this day, or mark it as closed."}));
  h.exceptions = {{"2026-12-24", false, {{600, 2000}}, ""}};
  EXPECT_EQ(first(h), (P{"exceptions_0_hours", "Enter a time like 9:00 or 17:30."}));
  h.exceptions = {{"2026-12-24", false, std::vector<std::pair<int, int>>(6, {600, 700}), ""}};
  EXPECT_EQ(first(h), (P{"exceptions_0_hours", "Enter at most 5 opening times for one day."}));
  h.exceptions = {{"2026-12-24", true, {}, std::string(201, 'a')}};
  EXPECT_EQ(first(h), (P{"exceptions_0_note", "Keep the note to at most 200 characters."}));
  h.exceptions = {{"2026-12-24", true, {}, "Kerst\navond"}};
  EXPECT_EQ(first(h), (P{"exceptions_0_note", "This text contains characters we cannot use."}));
  h.exceptions = {{"2026-12-24", true, {}, std::string(200, 'a')}};
  EXPECT_TRUE(Validate(h).ok());

  h = {};
  h.weekly.assign(kMaxWeeklyHours + 1, Day(1, 600, 700));
  EXPECT_EQ(first(h), (P{"weekly", "Enter at most 35 opening times."}));
  h = {};
  for (int i = 0; i <= static_cast<int>(kMaxExceptionDays); ++i) {
    h.exceptions.push_back({FormatIsoDate(CivilFromDays(DaysFromCivil(2027, 1, 1) + i)), true, {}, ""});
  }
  EXPECT_EQ(first(h), (P{"exceptions", "Enter at most 60 special days."}));
}

TEST(Validate, ValidateAllListsEveryProblem) {
  OpeningHours h = Office();
  h.weekly[0].weekday = 9;
  h.weekly[3].opens_minute = -5;
  h.exceptions = {{"2026-13-01", true, {}, ""}};
  const auto errors = ValidateAll(h);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "weekly_0_weekday");
  EXPECT_EQ(errors[1].field, "weekly_3_opens");
  EXPECT_EQ(errors[2].field, "exceptions_0_date");
  EXPECT_TRUE(ValidateAll(Office()).empty());
}

TEST(Hsds, WritesOneScheduleForEachTimeAndPeriod) {
  OpeningHours h = Office();
  h.weekly.push_back(Day(3, 19 * 60, 0));  // Wednesday evening until midnight
  WeeklyHours summer = Day(6, 9 * 60, 13 * 60);
  summer.valid_from = "2027-06-01";
  summer.valid_to = "2027-08-31";
  h.weekly.push_back(summer);
  h.closed_on_public_holidays = true;
  const auto s = ToHsdsSchedules(h);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].freq, "WEEKLY");
  EXPECT_EQ(s[0].byday, "MO,TU,WE,TH,FR");
  EXPECT_EQ(s[0].opens_at, "09:00");
  EXPECT_EQ(s[0].closes_at, "17:00");
  EXPECT_FALSE(s[0].valid_from);
  EXPECT_EQ(s[0].description, "Mon–Fri 9:00–17:00, closed on public holidays");
  EXPECT_EQ(s[1].byday, "WE");
  EXPECT_EQ(s[1].opens_at, "19:00");
  EXPECT_EQ(s[1].closes_at, "00:00");
  EXPECT_EQ(s[2].byday, "SA");
  EXPECT_EQ(s[2].opens_at, "09:00");
  EXPECT_EQ(s[2].valid_from, "2027-06-01");
  EXPECT_EQ(s[2].valid_to, "2027-08-31");
  EXPECT_EQ(s[2].description, "1 June 2027 to 31 August 2027: Sat 9:00–13:00, closed on public holidays");
  EXPECT_EQ(s[3].byday, "SA");
  EXPECT_EQ(s[3].opens_at, "10:00");
  EXPECT_EQ(s[3].closes_at, "12:00");
}

TEST(Hsds, RoundTripKeepsTheWeeklyHours) {
  OpeningHours h = Office();
  h.weekly.push_back(Day(5, 22 * 60, 2 * 60));
  h.weekly.push_back(Day(7, 0, 0));
  WeeklyHours summer = Day(6, 9 * 60, 13 * 60);
  summer.valid_from = "2027-06-01";
  h.weekly.push_back(summer);
  const auto canonical = Validate(h);
  ASSERT_TRUE(canonical.ok());
  const auto back = FromHsdsSchedules(ToHsdsSchedules(*canonical));
  ASSERT_TRUE(back.ok()) << back.error().field;
  ASSERT_EQ(back->weekly.size(), canonical->weekly.size());
  for (std::size_t i = 0; i < back->weekly.size(); ++i) {
    const auto& a = back->weekly[i];
    const auto& b = canonical->weekly[i];
    EXPECT_EQ(a.weekday, b.weekday) << i;
    EXPECT_EQ(a.opens_minute, b.opens_minute) << i;
    EXPECT_EQ(a.closes_minute, b.closes_minute) << i;
    EXPECT_EQ(a.valid_from, b.valid_from) << i;
    EXPECT_EQ(a.valid_to, b.valid_to) << i;
  }
  EXPECT_EQ(Describe(*back, true), Describe(*canonical, true));
}

TEST(Hsds, ReadsLenientlyButRefusesWhatItCannotRead) {
  HsdsSchedule s;
  s.freq = "weekly";
  s.byday = "mo, we ,FR";
  s.opens_at = "9:00";
  s.closes_at = "17:30:00";
  s.valid_from = "";
  const auto r = FromHsdsSchedules({s});
  ASSERT_TRUE(r.ok()) << r.error().field;
  ASSERT_EQ(r->weekly.size(), 3u);
  EXPECT_EQ(r->weekly[1].weekday, 3);
  EXPECT_EQ(r->weekly[1].opens_minute, 540);
  EXPECT_EQ(r->weekly[1].closes_minute, 17 * 60 + 30);
  EXPECT_FALSE(r->weekly[1].valid_from);

  const auto field = [](HsdsSchedule bad) {
    const auto read = FromHsdsSchedules({HsdsSchedule{"WEEKLY", "MO", "09:00", "17:00", {}, {}, ""}, bad});
    EXPECT_FALSE(read.ok());
    return read.ok() ? std::string() : read.error().field;
  };
  EXPECT_EQ(field({"MONTHLY", "MO", "09:00", "17:00", {}, {}, ""}), "schedules_1_freq");
  EXPECT_EQ(field({"WEEKLY", "2MO", "09:00", "17:00", {}, {}, ""}), "schedules_1_byday");
  EXPECT_EQ(field({"WEEKLY", "", "09:00", "17:00", {}, {}, ""}), "schedules_1_byday");
  EXPECT_EQ(field({"WEEKLY", "MO", "9", "17:00", {}, {}, ""}), "schedules_1_opens_at");
  EXPECT_EQ(field({"WEEKLY", "MO", "24:00", "17:00", {}, {}, ""}), "schedules_1_opens_at");
  EXPECT_EQ(field({"WEEKLY", "MO", "09:00Z", "17:00", {}, {}, ""}), "schedules_1_opens_at");
  EXPECT_EQ(field({"WEEKLY", "MO", "09:00", "17:60", {}, {}, ""}), "schedules_1_closes_at");
  EXPECT_EQ(field({"WEEKLY", "MO", "09:00", "17:00", "2027-02-29", {}, ""}), "schedules_1_valid_from");
  EXPECT_EQ(field({"WEEKLY", "MO", "09:00", "17:00", "2027-03-01", "2027-02-01", ""}), "schedules_1_valid_to");
}

TEST(Describe, WeekInDutchAndEnglish) {
  const OpeningHours h = Office();
  EXPECT_EQ(Describe(h, true), "ma–vr 9:00–17:00, za 10:00–12:00, zo gesloten");
  EXPECT_EQ(Describe(h, false), "Mon–Fri 9:00–17:00, Sat 10:00–12:00, Sun closed");

  OpeningHours split;
  split.weekly = {Day(1, 540, 720), Day(3, 540, 720), Day(5, 540, 720), Day(2, 780, 1020), Day(2, 540, 720)};
  EXPECT_EQ(Describe(split, true), "ma/wo/vr 9:00–12:00, di 9:00–12:00 en 13:00–17:00, do/za–zo gesloten");
  EXPECT_EQ(Describe(split, false), "Mon/Wed/Fri 9:00–12:00, Tue 9:00–12:00 and 13:00–17:00, Thu/Sat–Sun closed");

  OpeningHours every_day;
  for (int d = 1; d <= 7; ++d) every_day.weekly.push_back(Day(d, 22 * 60, 0));
  EXPECT_EQ(Describe(every_day, true), "ma–zo 22:00–24:00");

  EXPECT_EQ(Describe({}, true), "Geen vaste openingstijden");
  EXPECT_EQ(Describe({}, false), "No regular opening hours");
}

TEST(Describe, HolidaysExceptionsAndPeriods) {
  OpeningHours h;
  for (int d = 1; d <= 5; ++d) h.weekly.push_back(Day(d, 540, 1020));
  h.closed_on_public_holidays = true;
  h.exceptions = {{"2026-12-31", true, {}, ""},
                  {"2026-12-24", false, {{540, 720}}, "Kerstavond"},
                  {"2027-01-02", false, {{600, 660}}, ""},
                  {"2027-01-05", true, {}, ""}};
  EXPECT_EQ(Describe(h, true),
            "ma–vr 9:00–17:00, za–zo gesloten, gesloten op feestdagen. Afwijkend: 24 december 2026 9:00–12:00 "
            "(Kerstavond); 31 december 2026 gesloten; 2 januari 2027 10:00–11:00; en meer");
  EXPECT_EQ(Describe(h, false),
            "Mon–Fri 9:00–17:00, Sat–Sun closed, closed on public holidays. Special days: 24 December 2026 "
            "9:00–12:00 (Kerstavond); 31 December 2026 closed; 2 January 2027 10:00–11:00; and more");
  // From 25 December 2026 on, Christmas Eve is past.
  EXPECT_EQ(Describe(h, true, Local(2026, 12, 25, 12, 0)),
            "ma–vr 9:00–17:00, za–zo gesloten, gesloten op feestdagen. Afwijkend: 31 december 2026 gesloten; "
            "2 januari 2027 10:00–11:00; 5 januari 2027 gesloten");

  OpeningHours periods;
  WeeklyHours winter = Day(2, 600, 960);
  winter.valid_to = "2027-03-31";
  WeeklyHours summer = Day(2, 540, 1080);
  summer.valid_from = "2027-04-01";
  WeeklyHours market = Day(6, 480, 780);
  market.valid_from = "2027-06-01";
  market.valid_to = "2027-08-31";
  periods.weekly = {summer, winter, market, Day(4, 600, 720)};
  EXPECT_EQ(Describe(periods, true),
            "do 10:00–12:00; t/m 31 maart 2027: di 10:00–16:00; vanaf 1 april 2027: di 9:00–18:00; "
            "van 1 juni 2027 t/m 31 augustus 2027: za 8:00–13:00");
  // Once the winter hours are over they are no longer described.
  EXPECT_EQ(Describe(periods, false, Local(2027, 4, 2, 12, 0)),
            "Thu 10:00–12:00; from 1 April 2027: Tue 9:00–18:00; 1 June 2027 to 31 August 2027: Sat 8:00–13:00");

  OpeningHours only_summer;
  only_summer.weekly = {market};
  EXPECT_EQ(Describe(only_summer, true), "van 1 juni 2027 t/m 31 augustus 2027: za 8:00–13:00, ma–vr/zo gesloten");
}

}  // namespace buurtplein::domain::directory
