#include "domain/events/local_time.hpp"

#include <cstdio>

namespace buurtplein::domain::events {

namespace {

// 01:00 UTC on the last Sunday of `month` (March or October) in `year`.
std::int64_t LastSundayOneUtc(int year, int month) {
  const std::int64_t days = DaysFromDate({year, month, 31});
  return (days - (Weekday({year, month, 31}) + 1) % 7) * 86400 + 3600;
}

bool Digits(std::string_view s, std::size_t from, std::size_t n, int& out) {
  if (from + n > s.size()) return false;
  out = 0;
  for (std::size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t DaysFromDate(const LocalDate& date) {
  int y = date.year - (date.month <= 2);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 +
                       static_cast<unsigned>(date.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

LocalDate DateFromDays(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe) + static_cast<int>(era) * 400 + (m <= 2);
  return {y, m, d};
}

LocalDate AddDays(const LocalDate& d, std::int64_t n) { return DateFromDays(DaysFromDate(d) + n); }

int Weekday(const LocalDate& d) {
  const std::int64_t days = DaysFromDate(d);
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) return 29;
  return kDays[month - 1];
}

bool IsValidDate(int year, int month, int day) {
  return year >= 1970 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

int AmsterdamOffset(std::int64_t utc) {
  const int year = DateFromDays(utc >= 0 ? utc / 86400 : (utc - 86399) / 86400).year;
  return utc >= LastSundayOneUtc(year, 3) && utc < LastSundayOneUtc(year, 10) ? 7200 : 3600;
}

LocalDateTime ToLocal(std::int64_t utc) {
  const std::int64_t t = utc + AmsterdamOffset(utc);
  const std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const std::int64_t secs = t - days * 86400;
  return {DateFromDays(days), static_cast<int>(secs / 3600), static_cast<int>(secs % 3600 / 60)};
}

std::int64_t ToUtc(const LocalDateTime& local) {
  const std::int64_t wall = DaysFromDate(local.date) * 86400 + local.hour * 3600 + local.minute * 60;
  const std::int64_t summer = wall - 7200;
  if (AmsterdamOffset(summer) == 7200) return summer;  // also the first of a repeated October hour
  const std::int64_t winter = wall - 3600;
  // Either winter time, or the hour skipped in March: then `winter` lies an hour later on the
  // clock (02:30 becomes 03:30 summer time).
  return winter;
}

std::int64_t StartOfDay(const LocalDate& date) { return ToUtc({date, 0, 0}); }

std::optional<LocalDate> ParseDate(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4, y) || !Digits(s, 5, 2, m) ||
      !Digits(s, 8, 2, d) || !IsValidDate(y, m, d)) {
    return std::nullopt;
  }
  return LocalDate{y, m, d};
}

std::optional<LocalDateTime> ParseDateTime(std::string_view s) {
  if (s.size() != 16 && !(s.size() == 19 && s[16] == ':' && s.substr(17) == "00")) return std::nullopt;
  auto date = ParseDate(s.substr(0, 10));
  int h = 0, min = 0;
  if (!date || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || !Digits(s, 11, 2, h) || !Digits(s, 14, 2, min) ||
      h > 23 || min > 59) {
    return std::nullopt;
  }
  return LocalDateTime{*date, h, min};
}

std::string FormatDate(const LocalDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string FormatDateTime(const LocalDateTime& t) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "T%02d:%02d", t.hour, t.minute);
  return FormatDate(t.date) + buf;
}

std::int64_t WallMinutesBetween(const LocalDateTime& a, const LocalDateTime& b) {
  auto minutes = [](const LocalDateTime& t) { return DaysFromDate(t.date) * 1440 + t.hour * 60 + t.minute; };
  return minutes(b) - minutes(a);
}

LocalDateTime AddWallMinutes(const LocalDateTime& t, std::int64_t minutes) {
  const std::int64_t total = DaysFromDate(t.date) * 1440 + t.hour * 60 + t.minute + minutes;
  const std::int64_t days = total >= 0 ? total / 1440 : (total - 1439) / 1440;
  const std::int64_t rest = total - days * 1440;
  return {DateFromDays(days), static_cast<int>(rest / 60), static_cast<int>(rest % 60)};
}

}  // namespace buurtplein::domain::events
