#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace buurtplein::domain {

// Europe/Amsterdam wall-clock time for the domain, with the EU summer-time rule (from the last
// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC). view/dates.cpp has the same
// rule for formatting; the domain may not depend on view, so it is repeated here (the lead may
// let view/dates use this file later).

/// A calendar date.
struct CivilDate {
  int year = 1970;
  int month = 1;  ///< 1–12
  int day = 1;    ///< 1–31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

/// Days since 1970-01-01 for a (proleptic Gregorian) date; Howard Hinnant's days_from_civil.
std::int64_t DaysFromCivil(int year, int month, int day);
inline std::int64_t DaysFromCivil(const CivilDate& d) { return DaysFromCivil(d.year, d.month, d.day); }
/// The date `days` days after 1970-01-01.
CivilDate CivilFromDays(std::int64_t days);
/// ISO weekday of a day number: 1 = Monday … 7 = Sunday.
int IsoWeekday(std::int64_t days);

/// Parses "YYYY-MM-DD" (a real calendar date, years 1900–9999); nullopt otherwise.
std::optional<CivilDate> ParseIsoDate(std::string_view text);
/// "YYYY-MM-DD".
std::string FormatIsoDate(const CivilDate& date);

/// Offset of Europe/Amsterdam from UTC at `unix_seconds`: 3600 (CET) or 7200 (CEST).
int AmsterdamUtcOffset(std::int64_t unix_seconds);
/// The local date in Amsterdam at `unix_seconds`, as a day number (days since 1970-01-01).
std::int64_t AmsterdamLocalDay(std::int64_t unix_seconds);

/// The Unix time of a wall-clock time in Amsterdam: day number `local_day` plus `minute`
/// minutes after local midnight (may be ≥ 1440 for the next day). As RFC 5545 does: a wall time
/// that occurs twice (October, 02:00–03:00) means the first one (summer time); a wall time that
/// does not exist (March, 02:00–03:00) is read with the offset before the gap, so 02:30 is 03:30.
std::int64_t AmsterdamToUnix(std::int64_t local_day, int minute);

}  // namespace buurtplein::domain
