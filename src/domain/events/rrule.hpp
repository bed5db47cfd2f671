#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/events/local_time.hpp"

/// The subset of RFC 5545 recurrence rules the agenda supports: weekly (on one or more weekdays)
/// and monthly (on a day of the month, or on the n-th weekday such as "2nd Tuesday" or "last
/// Friday"), with INTERVAL, and COUNT or UNTIL; exceptions (EXDATE) are kept beside the rule.
/// Rules work on local dates: the time of day comes from the event's start.
namespace buurtplein::domain::events {

enum class Frequency { kWeekly, kMonthly };

/// The n-th weekday of a month: n 1..5, or -1 for the last one.
struct NthWeekday {
  int n = 1;
  int weekday = 0;  ///< 0 = Monday … 6 = Sunday
  bool operator==(const NthWeekday&) const = default;
};

struct Recurrence {
  Frequency frequency = Frequency::kWeekly;
  int interval = 1;                     ///< every `interval` weeks or months, 1..52
  std::vector<int> weekdays;            ///< weekly: BYDAY (0 = Monday), sorted; never empty once parsed
  std::optional<int> month_day;         ///< monthly: BYMONTHDAY 1..31
  std::optional<NthWeekday> nth_weekday;///< monthly: BYDAY with a number ("2TU", "-1FR")
  std::optional<int> count;             ///< COUNT: how many occurrences, 1..kMaxCount
  std::optional<LocalDate> until;       ///< UNTIL: the last date an occurrence may fall on
  bool operator==(const Recurrence&) const = default;
};

inline constexpr int kMaxCount = 520;
inline constexpr int kMaxInterval = 52;
/// UNTIL may lie at most this many days after the start.
inline constexpr int kMaxUntilDays = 5 * 366;

/// Parses "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10" (keys in any order). Missing BYDAY or
/// BYMONTHDAY are taken from `start` (weekly: its weekday; monthly: its day of the month), so
/// the start is always the first occurrence. kValidation for anything outside the subset, or a
/// rule whose first occurrence is not the start.
Result<Recurrence> ParseRRule(std::string_view text, const LocalDate& start);
/// The rule as RRULE value text ("FREQ=MONTHLY;BYDAY=2TU;COUNT=6"), UNTIL as a date.
std::string FormatRRule(const Recurrence& rule);

/// The occurrence dates of a series starting on `start`, in order, from `from` up to and
/// including `to`, without the dates in `exdates`; at most `max`. COUNT counts the dates the
/// rule makes before exceptions are taken out (as RFC 5545 says).
std::vector<LocalDate> ExpandDates(const Recurrence& rule, const LocalDate& start, const LocalDate& from,
                                   const LocalDate& to, const std::vector<LocalDate>& exdates, std::size_t max);
/// The last occurrence date, or nullopt for a series without end.
std::optional<LocalDate> LastDate(const Recurrence& rule, const LocalDate& start, const std::vector<LocalDate>& exdates);

/// "2026-12-15,2026-12-22" ↔ dates (sorted, without duplicates). nullopt when one is malformed.
std::optional<std::vector<LocalDate>> ParseDateList(std::string_view text);
std::string FormatDateList(const std::vector<LocalDate>& dates);

}  // namespace buurtplein::domain::events
