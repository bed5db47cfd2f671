#include "domain/common/amsterdam_time.hpp"

#include <cstdio>

namespace buurtplein::domain {

namespace {

// 01:00 UTC on the last Sunday of `month` (March or October) of `year`.
std::int64_t LastSundayOneUtc(int year, int month) {
  const std::int64_t last = DaysFromCivil(year, month, 31);
  return (last - IsoWeekday(last) % 7) * 86400 + 3600;
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

std::int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate CivilFromDays(std::int64_t days) {
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

int IsoWeekday(std::int64_t days) {
  // 1970-01-01 was a Thursday (4).
  const std::int64_t r = ((days % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(r) + 1;
}

std::optional<CivilDate> ParseIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  const auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const CivilDate d{num(0, 4), num(5, 2), num(8, 2)};
  if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  if (CivilFromDays(DaysFromCivil(d)) != d) return std::nullopt;  // 31 April, 29 February 2026
  return d;
}

std::string FormatIsoDate(const CivilDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

int AmsterdamUtcOffset(std::int64_t t) {
  const int year = CivilFromDays(FloorDiv(t, 86400)).year;
  return t >= LastSundayOneUtc(year, 3) && t < LastSundayOneUtc(year, 10) ? 7200 : 3600;
}

std::int64_t AmsterdamLocalDay(std::int64_t t) { return FloorDiv(t + AmsterdamUtcOffset(t), 86400); }

std::int64_t AmsterdamToUnix(std::int64_t local_day, int minute) {
  const std::int64_t wall = local_day * 86400 + static_cast<std::int64_t>(minute) * 60;
  if (AmsterdamUtcOffset(wall - 7200) == 7200) return wall - 7200;  // summer time; first of two
  return wall - 3600;  // winter time, or a gap read with the winter offset from before it
}

}  // namespace buurtplein::domain
