#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/common/app_error.hpp"

namespace buurtplein::domain::directory {

// Opening hours of a place or service on the sociale kaart, evaluated in Europe/Amsterdam.
//
// Minutes are wall-clock minutes after local midnight. An interval belongs to the day it opens
// on: Friday 22:00–02:00 is open until 02:00 on Saturday, even when Saturday is a closed
// exception or a holiday. closes_minute <= opens_minute means it closes the next day; so
// 0–0 (or 0–1440) is open all day. Wall times in the summer-time change follow RFC 5545: one that
// occurs twice means the first, one that does not exist (02:00–03:00 in March) moves an hour on.

/// Regular hours on one weekday; several entries per weekday are allowed (9:00–12:00, 13:00–17:00).
struct WeeklyHours {
  int weekday = 1;        ///< 1 = Monday … 7 = Sunday
  int opens_minute = 0;   ///< 0–1439, after local midnight
  int closes_minute = 0;  ///< 0–1440; <= opens_minute: closes after midnight
  std::optional<std::string> valid_from;  ///< YYYY-MM-DD, inclusive; none: always
  std::optional<std::string> valid_to;    ///< YYYY-MM-DD, inclusive; none: always
};

/// A day that differs from the regular hours (and from the holiday rule): closed, or special hours.
struct ExceptionDay {
  std::string date;  ///< YYYY-MM-DD
  bool closed = true;
  std::vector<std::pair<int, int>> hours;  ///< when not closed: (opens, closes) minutes that day
  std::string note;  ///< "Kerstavond", shown as it is; at most 200 characters
};

/// All opening hours of one place or service.
struct OpeningHours {
  std::vector<WeeklyHours> weekly;
  std::vector<ExceptionDay> exceptions;
  /// Closed on the general Dutch public holidays (see holidays.hpp; not on Goede Vrijdag).
  /// An exception on that date wins.
  bool closed_on_public_holidays = false;
};

enum class OpenState {
  kOpen,
  kClosed,
  kUnknown,  ///< no hours given: no weekly hours and no exception with hours
};

/// Whether a place is open at a moment, and when that changes.
struct OpenNow {
  OpenState state = OpenState::kUnknown;
  /// Unix seconds of the next opening (when closed) or closing (when open), if within 14 days.
  std::optional<std::int64_t> next_change;
};

/// Limits on what Validate accepts, so nothing stores or evaluates an unbounded list.
inline constexpr std::size_t kMaxWeeklyHours = 35;    ///< 5 intervals on each day of the week
inline constexpr std::size_t kMaxExceptionDays = 60;
inline constexpr std::size_t kMaxHoursPerException = 5;
inline constexpr std::size_t kMaxNoteLength = 200;    ///< code points

/// Open or closed at `unix_seconds`, evaluated in Europe/Amsterdam.
OpenNow OpenAt(const OpeningHours& hours, std::int64_t unix_seconds);

/// Checks the hours and returns them in a canonical form: weekly sorted by weekday and opening
/// time, exceptions by date, closing at midnight written as 1440, a closed exception without
/// hours. The first problem is a kValidation AppError whose .field names it (0-based index):
/// "weekly", "weekly_<i>_weekday", "weekly_<i>_opens", "weekly_<i>_closes",
/// "weekly_<i>_valid_from", "weekly_<i>_valid_to", "exceptions", "exceptions_<i>_date",
/// "exceptions_<i>_hours", "exceptions_<i>_note".
Result<OpeningHours> Validate(const OpeningHours& hours);
/// Every problem, for a form that shows them all at once (empty when valid).
std::vector<AppError> ValidateAll(const OpeningHours& hours);

/// An Open Referral HSDS 3.0 schedule (schedule.json), only the fields we read and write.
/// The caller converts it to and from JSON (the domain does not link a JSON library).
struct HsdsSchedule {
  std::string freq = "WEEKLY";
  std::string byday;      ///< "MO,TU,WE"
  std::string opens_at;   ///< "09:00"
  std::string closes_at;  ///< "17:00"; "00:00" for midnight
  std::optional<std::string> valid_from;  ///< YYYY-MM-DD
  std::optional<std::string> valid_to;    ///< YYYY-MM-DD
  std::string description;  ///< English, "Mon–Fri 9:00–17:00"
};

/// The weekly hours as HSDS schedules: one per (opening time, closing time, validity), with the
/// weekdays in byday. HSDS has no exception dates: exceptions are left out, and "closed on
/// public holidays" is only said in the description.
std::vector<HsdsSchedule> ToHsdsSchedules(const OpeningHours& hours);
/// Reads WEEKLY HSDS schedules (times "HH:MM" or "HH:MM:SS", without a time zone: they are
/// Amsterdam time). Errors name the field as "schedules_<i>_<name>". The result is validated.
Result<OpeningHours> FromHsdsSchedules(const std::vector<HsdsSchedule>& schedules);

/// A short text for people: "ma–vr 9:00–17:00, za 10:00–12:00, zo gesloten" (dutch) or
/// "Mon–Fri 9:00–17:00, Sat 10:00–12:00, Sun closed", then holidays and the first three
/// exceptions by date.
std::string Describe(const OpeningHours& hours, bool dutch);
/// As above, but lists only exceptions from the Amsterdam date of `now_unix_seconds` on.
std::string Describe(const OpeningHours& hours, bool dutch, std::int64_t now_unix_seconds);

}  // namespace buurtplein::domain::directory
