#include "domain/common/amsterdam_time.hpp"

#include <gtest/gtest.h>

namespace buurtplein::domain {

// Expected Unix times come from Python's zoneinfo (Europe/Amsterdam, tzdata).
TEST(AmsterdamTime, ConvertsWallClockTimesWithSummerTime) {
  const std::int64_t mar29 = DaysFromCivil(2026, 3, 29);  // last Sunday of March 2026
  EXPECT_EQ(AmsterdamToUnix(mar29, 60), 1774742400);       // 01:00 CET
  EXPECT_EQ(AmsterdamToUnix(mar29, 90), 1774744200);       // 01:30 CET
  EXPECT_EQ(AmsterdamToUnix(mar29, 210), 1774747800);      // 03:30 CEST
  EXPECT_EQ(AmsterdamToUnix(mar29, 240), 1774749600);      // 04:00 CEST
  EXPECT_EQ(AmsterdamToUnix(mar29, 150), 1774747800);      // 02:30 does not exist: read as 03:30

  const std::int64_t oct25 = DaysFromCivil(2026, 10, 25);  // last Sunday of October 2026
  EXPECT_EQ(AmsterdamToUnix(oct25, 60), 1792882800);       // 01:00 CEST
  EXPECT_EQ(AmsterdamToUnix(oct25, 150), 1792888200);      // 02:30 happens twice: the first
  EXPECT_EQ(AmsterdamToUnix(oct25, 240), 1792897200);      // 04:00 CET
  EXPECT_EQ(AmsterdamToUnix(DaysFromCivil(2026, 10, 24), 23 * 60 + 30), 1792877400);
  EXPECT_EQ(AmsterdamToUnix(DaysFromCivil(2026, 11, 30), 600), 1796029200);
}

TEST(AmsterdamTime, OffsetAndLocalDayAroundTheChanges) {
  EXPECT_EQ(AmsterdamUtcOffset(1774744200), 3600);  // 01:30 CET, 29 March 2026
  EXPECT_EQ(AmsterdamUtcOffset(1774747800), 7200);  // 03:30 CEST
  EXPECT_EQ(AmsterdamUtcOffset(1792888200), 7200);  // first 02:30, 25 October 2026
  EXPECT_EQ(AmsterdamUtcOffset(1792891800), 3600);  // second 02:30
  // 23:30 UTC on 28 March is 00:30 on 29 March in Amsterdam.
  EXPECT_EQ(AmsterdamLocalDay(1774742400 - 1800), DaysFromCivil(2026, 3, 29));
  EXPECT_EQ(AmsterdamLocalDay(1774742400 - 3601), DaysFromCivil(2026, 3, 28));
}

TEST(AmsterdamTime, CivilDatesAndWeekdays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(IsoWeekday(0), 4);  // Thursday
  EXPECT_EQ(IsoWeekday(DaysFromCivil(2026, 11, 30)), 1);
  EXPECT_EQ(IsoWeekday(DaysFromCivil(2026, 11, 29)), 7);
  EXPECT_EQ(IsoWeekday(DaysFromCivil(1969, 12, 28)), 7);
  EXPECT_EQ(CivilFromDays(DaysFromCivil(2028, 2, 29)), (CivilDate{2028, 2, 29}));
  EXPECT_EQ(FormatIsoDate({2026, 4, 5}), "2026-04-05");
}

TEST(AmsterdamTime, ParsesOnlyRealIsoDates) {
  EXPECT_EQ(ParseIsoDate("2026-12-24"), (CivilDate{2026, 12, 24}));
  EXPECT_EQ(ParseIsoDate("2028-02-29"), (CivilDate{2028, 2, 29}));
  EXPECT_FALSE(ParseIsoDate("2026-02-29"));
  EXPECT_FALSE(ParseIsoDate("2026-04-31"));
  EXPECT_FALSE(ParseIsoDate("2026-13-01"));
  EXPECT_FALSE(ParseIsoDate("2026-1-01"));
  EXPECT_FALSE(ParseIsoDate("24-12-2026"));
  EXPECT_FALSE(ParseIsoDate("2026-12-24T10:00"));
  EXPECT_FALSE(ParseIsoDate(""));
}

}  // namespace buurtplein::domain
