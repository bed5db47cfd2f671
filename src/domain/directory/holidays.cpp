#include "domain/directory/holidays.hpp"

#include <algorithm>

namespace buurtplein::domain::directory {

CivilDate EasterSunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return {year, month, day};
}

std::vector<PublicHoliday> DutchPublicHolidays(int year) {
  const std::int64_t easter = DaysFromCivil(EasterSunday(year));
  const auto at = [](std::int64_t days) { return FormatIsoDate(CivilFromDays(days)); };
  const auto fixed = [year](int month, int day) { return FormatIsoDate({year, month, day}); };
  const std::int64_t april27 = DaysFromCivil(year, 4, 27);
  const std::int64_t kings_day = IsoWeekday(april27) == 7 ? april27 - 1 : april27;

  std::vector<PublicHoliday> out = {
      {fixed(1, 1), "Nieuwjaarsdag", "New Year's Day", true},
      {at(easter - 2), "Goede Vrijdag", "Good Friday", false},
      {at(easter), "Eerste Paasdag", "Easter Sunday", true},
      {at(easter + 1), "Tweede Paasdag", "Easter Monday", true},
      {at(kings_day), "Koningsdag", "King's Day", true},
      {fixed(5, 5), "Bevrijdingsdag", "Liberation Day", true},
      {at(easter + 39), "Hemelvaartsdag", "Ascension Day", true},
      {at(easter + 49), "Eerste Pinksterdag", "Whit Sunday", true},
      {at(easter + 50), "Tweede Pinksterdag", "Whit Monday", true},
      {fixed(12, 25), "Eerste Kerstdag", "Christmas Day", true},
      {fixed(12, 26), "Tweede Kerstdag", "Boxing Day", true},
  };
  // ISO dates sort as strings; stable keeps Bevrijdingsdag before Hemelvaartsdag on one day.
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.date < y.date; });
  return out;
}

bool IsDutchGeneralHoliday(const CivilDate& date) {
  const std::string iso = FormatIsoDate(date);
  for (const auto& h : DutchPublicHolidays(date.year)) {
    if (h.date == iso && h.general_day_off) return true;
  }
  return false;
}

}  // namespace buurtplein::domain::directory
