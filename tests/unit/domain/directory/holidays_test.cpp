#include "domain/directory/holidays.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace buurtplein::domain::directory {

namespace {

std::vector<std::string> Dates(int year) {
  std::vector<std::string> out;
  for (const auto& h : DutchPublicHolidays(year)) out.push_back(h.date + " " + h.name_nl);
  return out;
}

}  // namespace

TEST(EasterSunday, KnownDates) {
  EXPECT_EQ(EasterSunday(2024), (CivilDate{2024, 3, 31}));
  EXPECT_EQ(EasterSunday(2025), (CivilDate{2025, 4, 20}));
  EXPECT_EQ(EasterSunday(2026), (CivilDate{2026, 4, 5}));
  EXPECT_EQ(EasterSunday(2027), (CivilDate{2027, 3, 28}));
  EXPECT_EQ(EasterSunday(2038), (CivilDate{2038, 4, 25}));  // latest possible
  EXPECT_EQ(EasterSunday(2285), (CivilDate{2285, 3, 22}));  // earliest possible
}

TEST(DutchPublicHolidays, Year2024) {
  EXPECT_EQ(Dates(2024), (std::vector<std::string>{
                             "2024-01-01 Nieuwjaarsdag", "2024-03-29 Goede Vrijdag", "2024-03-31 Eerste Paasdag",
                             "2024-04-01 Tweede Paasdag", "2024-04-27 Koningsdag", "2024-05-05 Bevrijdingsdag",
                             "2024-05-09 Hemelvaartsdag", "2024-05-19 Eerste Pinksterdag",
                             "2024-05-20 Tweede Pinksterdag", "2024-12-25 Eerste Kerstdag", "2024-12-26 Tweede Kerstdag"}));
}

TEST(DutchPublicHolidays, Year2025KingsDayMovesToSaturday) {
  EXPECT_EQ(Dates(2025), (std::vector<std::string>{
                             "2025-01-01 Nieuwjaarsdag", "2025-04-18 Goede Vrijdag", "2025-04-20 Eerste Paasdag",
                             "2025-04-21 Tweede Paasdag", "2025-04-26 Koningsdag", "2025-05-05 Bevrijdingsdag",
                             "2025-05-29 Hemelvaartsdag", "2025-06-08 Eerste Pinksterdag",
                             "2025-06-09 Tweede Pinksterdag", "2025-12-25 Eerste Kerstdag", "2025-12-26 Tweede Kerstdag"}));
}

TEST(DutchPublicHolidays, Year2026) {
  EXPECT_EQ(Dates(2026), (std::vector<std::string>{
                             "2026-01-01 Nieuwjaarsdag", "2026-04-03 Goede Vrijdag", "2026-04-05 Eerste Paasdag",
                             "2026-04-06 Tweede Paasdag", "2026-04-27 Koningsdag", "2026-05-05 Bevrijdingsdag",
                             "2026-05-14 Hemelvaartsdag", "2026-05-24 Eerste Pinksterdag",
                             "2026-05-25 Tweede Pinksterdag", "2026-12-25 Eerste Kerstdag", "2026-12-26 Tweede Kerstdag"}));
}

TEST(DutchPublicHolidays, Year2027) {
  EXPECT_EQ(Dates(2027), (std::vector<std::string>{
                             "2027-01-01 Nieuwjaarsdag", "2027-03-26 Goede Vrijdag", "2027-03-28 Eerste Paasdag",
                             "2027-03-29 Tweede Paasdag", "2027-04-27 Koningsdag", "2027-05-05 Bevrijdingsdag",
                             "2027-05-06 Hemelvaartsdag", "2027-05-16 Eerste Pinksterdag",
                             "2027-05-17 Tweede Pinksterdag", "2027-12-25 Eerste Kerstdag", "2027-12-26 Tweede Kerstdag"}));
}

TEST(DutchPublicHolidays, EnglishNamesAndGoodFridayIsNoGeneralDayOff) {
  const auto list = DutchPublicHolidays(2026);
  ASSERT_EQ(list.size(), 11u);
  EXPECT_EQ(list[1].name_en, "Good Friday");
  EXPECT_FALSE(list[1].general_day_off);
  EXPECT_EQ(list[4].name_en, "King's Day");
  EXPECT_EQ(list[8].name_en, "Whit Monday");
  for (const auto& h : list) {
    if (h.name_nl != "Goede Vrijdag") {
      EXPECT_TRUE(h.general_day_off) << h.name_nl;
    }
  }
  EXPECT_FALSE(IsDutchGeneralHoliday({2026, 4, 3}));  // Goede Vrijdag
  EXPECT_TRUE(IsDutchGeneralHoliday({2026, 4, 6}));
  EXPECT_TRUE(IsDutchGeneralHoliday({2026, 5, 5}));  // Bevrijdingsdag, also outside a lustrum year
  EXPECT_TRUE(IsDutchGeneralHoliday({2025, 4, 26}));
  EXPECT_FALSE(IsDutchGeneralHoliday({2025, 4, 27}));
  EXPECT_FALSE(IsDutchGeneralHoliday({2026, 11, 30}));
}

TEST(DutchPublicHolidays, BevrijdingsdagAndHemelvaartsdagOnOneDayAreBothListed) {
  const auto list = DutchPublicHolidays(2016);  // Easter 27 March 2016: Hemelvaart on 5 May
  int on_may5 = 0;
  for (const auto& h : list) on_may5 += h.date == "2016-05-05";
  EXPECT_EQ(on_may5, 2);
  EXPECT_EQ(list.size(), 11u);
}

}  // namespace buurtplein::domain::directory
