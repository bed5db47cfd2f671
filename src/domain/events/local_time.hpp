#pragma once
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/// Calendar arithmetic in Europe/Amsterdam for the agenda: recurrence works on local wall-clock
/// dates and times (a weekly 19:30 event stays 19:30 across the change to and from summer time),
/// and is stored as UTC Unix seconds. The rules are the EU's since 1996: summer time from the last
/// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC (view/dates.hpp uses the
/// same rule for display; the domain cannot depend on the view).
namespace buurtplein::domain::events {

/// A date on the calendar.
struct LocalDate {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
  auto operator<=>(const LocalDate&) const = default;
};

/// A date and a wall-clock time in Amsterdam, to the minute.
struct LocalDateTime {
  LocalDate date;
  int hour = 0;    ///< 0..23
  int minute = 0;  ///< 0..59
  auto operator<=>(const LocalDateTime&) const = default;
};

/// Days since 1970-01-01 of a date, and back.
std::int64_t DaysFromDate(const LocalDate& d);
LocalDate DateFromDays(std::int64_t days);
/// The date `n` days later (or earlier).
LocalDate AddDays(const LocalDate& d, std::int64_t n);
/// 0 = Monday … 6 = Sunday.
int Weekday(const LocalDate& d);
int DaysInMonth(int year, int month);
bool IsValidDate(int year, int month, int day);

/// The offset of Amsterdam from UTC at a moment: 3600 (CET) or 7200 (CEST).
int AmsterdamOffset(std::int64_t utc);
/// The wall-clock time in Amsterdam at a moment.
LocalDateTime ToLocal(std::int64_t utc);
/// The moment a wall-clock time in Amsterdam happens. A time in the hour skipped in March
/// (02:00–03:00) is taken an hour later; a time in the hour repeated in October is the first.
std::int64_t ToUtc(const LocalDateTime& local);
/// Midnight at the start of `date`, in Amsterdam.
std::int64_t StartOfDay(const LocalDate& date);

/// "2026-12-08" and "2026-12-08T19:30" (also with a space, or seconds ":00").
std::optional<LocalDate> ParseDate(std::string_view text);
std::optional<LocalDateTime> ParseDateTime(std::string_view text);
std::string FormatDate(const LocalDate& d);          ///< "2026-12-08"
std::string FormatDateTime(const LocalDateTime& t);  ///< "2026-12-08T19:30"
/// Minutes between two wall-clock times (b - a), ignoring daylight saving.
std::int64_t WallMinutesBetween(const LocalDateTime& a, const LocalDateTime& b);
/// The wall-clock time `minutes` later.
LocalDateTime AddWallMinutes(const LocalDateTime& t, std::int64_t minutes);

}  // namespace buurtplein::domain::events
