#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/amsterdam_time.hpp"

namespace buurtplein::domain::directory {

// Dutch public holidays (feestdagen).
//
// Choices, so a reader need not guess:
// - A day counts as a general day off (`general_day_off`) when the Algemene termijnenwet
//   (article 3) names it: Nieuwjaarsdag, Eerste en Tweede Paasdag, Koningsdag, Bevrijdingsdag,
//   Hemelvaartsdag, Eerste en Tweede Pinksterdag, Eerste en Tweede Kerstdag. "Closed on public
//   holidays" (OpeningHours::closed_on_public_holidays) closes on exactly these days.
// - Goede Vrijdag is listed (many people know it as a holiday) but is not a general day off:
//   the law does not name it and most employers stay open, so it does not close a place.
// - Bevrijdingsdag (5 May) is listed and counts every year, as the law names it every year;
//   that many collective agreements give the day off only every fifth year (2025, 2030, …) is
//   not something a place's opening hours can know.
// - Koningsdag is 27 April, or 26 April when the 27th is a Sunday (the rule since 2014; earlier
//   years are computed with the same rule, not with Koninginnedag).
// - Easter uses the Anonymous Gregorian algorithm (Meeus/Jones/Butcher).

/// One public holiday.
struct PublicHoliday {
  std::string date;     ///< YYYY-MM-DD
  std::string name_nl;  ///< "Tweede Pinksterdag"
  std::string name_en;  ///< "Whit Monday"
  bool general_day_off = true;  ///< named in the Algemene termijnenwet; false for Goede Vrijdag
};

/// Easter Sunday of `year` (Gregorian).
CivilDate EasterSunday(int year);

/// The Dutch public holidays of `year`, sorted by date (Bevrijdingsdag and Hemelvaartsdag may
/// fall on the same day, as in 2016: then both are listed).
std::vector<PublicHoliday> DutchPublicHolidays(int year);

/// True when `date` is a general day off (see above; Goede Vrijdag is not).
bool IsDutchGeneralHoliday(const CivilDate& date);

}  // namespace buurtplein::domain::directory
