#include "view/dates.hpp"

#include <gtest/gtest.h>

namespace buurtplein::view {
namespace {

// 2026-03-29 01:00 UTC: summer time starts; 2026-10-25 01:00 UTC: it ends.
constexpr std::int64_t kSummerStarts2026 = 1774746000;
constexpr std::int64_t kSummerEnds2026 = 1792890000;

TEST(Dates, AmsterdamOffsetFollowsDaylightSaving) {
  EXPECT_EQ(AmsterdamOffset(kSummerStarts2026 - 1), 3600);
  EXPECT_EQ(AmsterdamOffset(kSummerStarts2026), 7200);
  EXPECT_EQ(AmsterdamOffset(kSummerEnds2026 - 1), 7200);
  EXPECT_EQ(AmsterdamOffset(kSummerEnds2026), 3600);
}

TEST(Dates, FormatsInAmsterdamTime) {
  // 2026-11-29 23:30 UTC is 30 November 00:30 in Amsterdam.
  EXPECT_EQ(FormatDate(1795995000, Lang::kNl), "30 november 2026");
  EXPECT_EQ(FormatDateTime(1795995000, Lang::kEn), "30 November 2026, 00:30");
  EXPECT_EQ(LocalIso(kSummerStarts2026), "2026-03-29T03:00");
}

TEST(Dates, ParsesLocalTimesBothSidesOfDaylightSaving) {
  std::int64_t t = 0;
  ASSERT_TRUE(ParseLocalIso("2026-11-30T00:30", t));
  EXPECT_EQ(t, 1795995000);
  ASSERT_TRUE(ParseLocalIso("2026-03-29T03:00", t));
  EXPECT_EQ(t, kSummerStarts2026);
  ASSERT_TRUE(ParseLocalIso("2026-07-01T12:00:00", t));
  EXPECT_EQ(LocalIso(t), "2026-07-01T12:00");
  EXPECT_FALSE(ParseLocalIso("2026-04-31T10:00", t));
  EXPECT_FALSE(ParseLocalIso("morgen", t));
  EXPECT_FALSE(ParseLocalIso("2026-07-01T12:00x", t));
}

}  // namespace
}  // namespace buurtplein::view
