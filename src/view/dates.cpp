#include "view/dates.hpp"

#include <array>
#include <cstdio>

namespace buurtplein::view {

namespace {

struct Civil {
  int year, month, day, hour, minute, second;
};

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Civil CivilFrom(std::int64_t t) {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  std::int64_t secs = t - days * 86400;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe) + static_cast<int>(era) * 400 + (m <= 2);
  return {y, m, d, static_cast<int>(secs / 3600), static_cast<int>(secs % 3600 / 60), static_cast<int>(secs % 60)};
}

// 01:00 UTC on the last Sunday of `month` in `year`.
std::int64_t LastSundayOneUtc(int year, int month) {
  const int last_day = month == 3 || month == 10 ? 31 : 30;
  const std::int64_t days = DaysFromCivil(year, month, last_day);
  const std::int64_t weekday = ((days % 7) + 11) % 7;  // 1970-01-01 was a Thursday (4); 0 = Sunday
  return (days - weekday) * 86400 + 3600;
}

constexpr std::array<const char*, 12> kMonthsNl = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                                   "juli",    "augustus", "september", "oktober", "november", "december"};
constexpr std::array<const char*, 12> kMonthsEn = {"January", "February", "March",     "April",   "May",      "June",
                                                   "July",    "August",   "September", "October", "November", "December"};

Civil Local(std::int64_t t) { return CivilFrom(t + AmsterdamOffset(t)); }

}  // namespace

int AmsterdamOffset(std::int64_t t) {
  const int year = CivilFrom(t).year;
  return t >= LastSundayOneUtc(year, 3) && t < LastSundayOneUtc(year, 10) ? 7200 : 3600;
}

std::string FormatDate(std::int64_t t, Lang lang) {
  const Civil c = Local(t);
  const auto& months = lang == Lang::kEn ? kMonthsEn : kMonthsNl;
  return std::to_string(c.day) + " " + months[static_cast<std::size_t>(c.month - 1)] + " " + std::to_string(c.year);
}

std::string FormatDateTime(std::int64_t t, Lang lang) {
  const Civil c = Local(t);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", c.hour, c.minute);
  return FormatDate(t, lang) + ", " + buf;
}

std::string LocalIso(std::int64_t t) {
  const Civil c = Local(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", c.year, c.month, c.day, c.hour, c.minute);
  return buf;
}

bool ParseLocalIso(const std::string& text, std::int64_t& out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5) return false;
  if (static_cast<std::size_t>(n) != text.size()) {
    int n2 = 0;
    if (std::sscanf(text.c_str() + n, ":%2d%n", &s, &n2) != 1 || static_cast<std::size_t>(n + n2) != text.size()) {
      return false;
    }
  }
  if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return false;
  if (CivilFrom(DaysFromCivil(y, mo, d) * 86400).day != d) return false;  // 31 april
  const std::int64_t wall = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  // Try winter time first; if the result is in summer time, use that offset.
  std::int64_t utc = wall - 3600;
  if (AmsterdamOffset(utc) == 7200) utc = wall - 7200;
  out = utc;
  return true;
}

}  // namespace buurtplein::view
