#include "domain/events/rrule.hpp"

#include <algorithm>
#include <charconv>

namespace buurtplein::domain::events {

namespace {

constexpr std::string_view kDayNames[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

AppError Invalid() {
  auto e = MakeError(ErrorCode::kValidation, "This repetition is not possible. Choose weekly or monthly, with an end.");
  e.field = "repeat";
  return e;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (true) {
    auto next = s.find(sep, pos);
    out.push_back(s.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

std::optional<int> Int(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<int> DayIndex(std::string_view s) {
  for (int i = 0; i < 7; ++i) {
    if (s == kDayNames[i]) return i;
  }
  return std::nullopt;
}

// The n-th (or last, n = -1) `weekday` of a month; nullopt when the month has no such day.
std::optional<LocalDate> NthOfMonth(int year, int month, const NthWeekday& nth) {
  const int dim = DaysInMonth(year, month);
  if (nth.n > 0) {
    const int first = Weekday({year, month, 1});
    const int day = 1 + (nth.weekday - first + 7) % 7 + 7 * (nth.n - 1);
    if (day > dim) return std::nullopt;
    return LocalDate{year, month, day};
  }
  const int last = Weekday({year, month, dim});
  return LocalDate{year, month, dim - (last - nth.weekday + 7) % 7};
}

// Calls `emit` with each date the rule makes, in order, until it returns false. Bounded: a
// series makes at most kMaxCount dates when counted and stops at UNTIL or `to` otherwise.
template <typename Emit>
void Generate(const Recurrence& rule, const LocalDate& start, const LocalDate& to, Emit emit) {
  int made = 0;
  const LocalDate last = rule.until && *rule.until < to ? *rule.until : to;
  auto take = [&](const LocalDate& d) {
    if (d < start) return true;
    if (d > last) return false;
    if (rule.count && made >= *rule.count) return false;
    ++made;
    return emit(d);
  };
  if (rule.frequency == Frequency::kWeekly) {
    const std::int64_t monday = DaysFromDate(start) - Weekday(start);
    for (std::int64_t week = 0;; ++week) {
      const std::int64_t base = monday + week * 7 * rule.interval;
      if (DateFromDays(base) > last) return;
      for (int wd : rule.weekdays) {
        if (!take(DateFromDays(base + wd))) return;
      }
    }
  }
  for (std::int64_t k = 0;; ++k) {
    const std::int64_t months = static_cast<std::int64_t>(start.year) * 12 + (start.month - 1) + k * rule.interval;
    const int year = static_cast<int>(months / 12);
    const int month = static_cast<int>(months % 12) + 1;
    if (LocalDate{year, month, 1} > last) return;
    std::optional<LocalDate> d;
    if (rule.nth_weekday) {
      d = NthOfMonth(year, month, *rule.nth_weekday);
    } else if (rule.month_day && *rule.month_day <= DaysInMonth(year, month)) {
      d = LocalDate{year, month, *rule.month_day};
    }
    if (d && !take(*d)) return;
  }
}

}  // namespace

Result<Recurrence> ParseRRule(std::string_view text, const LocalDate& start) {
  Recurrence r;
  bool have_freq = false;
  std::string_view byday;
  for (auto part : Split(text, ';')) {
    if (part.empty()) continue;
    auto eq = part.find('=');
    if (eq == std::string_view::npos) return Invalid();
    auto key = part.substr(0, eq);
    auto value = part.substr(eq + 1);
    if (key == "FREQ") {
      if (value == "WEEKLY") {
        r.frequency = Frequency::kWeekly;
      } else if (value == "MONTHLY") {
        r.frequency = Frequency::kMonthly;
      } else {
        return Invalid();
      }
      have_freq = true;
    } else if (key == "INTERVAL") {
      auto v = Int(value);
      if (!v || *v < 1 || *v > kMaxInterval) return Invalid();
      r.interval = *v;
    } else if (key == "COUNT") {
      auto v = Int(value);
      if (!v || *v < 1 || *v > kMaxCount) return Invalid();
      r.count = *v;
    } else if (key == "UNTIL") {
      // A date, or a date-time of which only the date counts ("20261231T225959Z").
      if (value.size() < 8) return Invalid();
      auto y = Int(value.substr(0, 4)), m = Int(value.substr(4, 2)), d = Int(value.substr(6, 2));
      if (!y || !m || !d || !IsValidDate(*y, *m, *d)) return Invalid();
      r.until = LocalDate{*y, *m, *d};
    } else if (key == "BYDAY") {
      byday = value;
    } else if (key == "BYMONTHDAY") {
      auto v = Int(value);
      if (!v || *v < 1 || *v > 31) return Invalid();
      r.month_day = *v;
    } else if (key == "WKST") {
      if (value != "MO") return Invalid();
    } else {
      return Invalid();
    }
  }
  if (!have_freq || (r.count && r.until)) return Invalid();
  if (r.until && (*r.until < start || DaysFromDate(*r.until) - DaysFromDate(start) > kMaxUntilDays)) return Invalid();
  if (r.frequency == Frequency::kWeekly) {
    if (r.month_day) return Invalid();
    if (byday.empty()) {
      r.weekdays.push_back(Weekday(start));
    } else {
      for (auto d : Split(byday, ',')) {
        auto idx = DayIndex(d);
        if (!idx) return Invalid();
        r.weekdays.push_back(*idx);
      }
    }
    std::sort(r.weekdays.begin(), r.weekdays.end());
    r.weekdays.erase(std::unique(r.weekdays.begin(), r.weekdays.end()), r.weekdays.end());
    if (std::find(r.weekdays.begin(), r.weekdays.end(), Weekday(start)) == r.weekdays.end()) return Invalid();
  } else {
    if (!byday.empty()) {
      if (r.month_day || byday.size() < 3 || byday.find(',') != std::string_view::npos) return Invalid();
      auto idx = DayIndex(byday.substr(byday.size() - 2));
      auto n = Int(byday.substr(0, byday.size() - 2).front() == '+' ? byday.substr(1, byday.size() - 3)
                                                                     : byday.substr(0, byday.size() - 2));
      if (!idx || !n || !((*n >= 1 && *n <= 5) || *n == -1)) return Invalid();
      r.nth_weekday = NthWeekday{*n, *idx};
      auto first = NthOfMonth(start.year, start.month, *r.nth_weekday);
      if (!first || *first != start) return Invalid();
    } else {
      if (!r.month_day) r.month_day = start.day;
      if (*r.month_day != start.day) return Invalid();
    }
  }
  return r;
}

std::string FormatRRule(const Recurrence& r) {
  std::string out = r.frequency == Frequency::kWeekly ? "FREQ=WEEKLY" : "FREQ=MONTHLY";
  if (r.interval != 1) out += ";INTERVAL=" + std::to_string(r.interval);
  if (r.frequency == Frequency::kWeekly) {
    out += ";BYDAY=";
    for (std::size_t i = 0; i < r.weekdays.size(); ++i) {
      if (i) out += ",";
      out += kDayNames[r.weekdays[i]];
    }
  } else if (r.nth_weekday) {
    out += ";BYDAY=" + std::to_string(r.nth_weekday->n) + std::string(kDayNames[r.nth_weekday->weekday]);
  } else if (r.month_day) {
    out += ";BYMONTHDAY=" + std::to_string(*r.month_day);
  }
  if (r.count) out += ";COUNT=" + std::to_string(*r.count);
  if (r.until) {
    const auto d = FormatDate(*r.until);
    out += ";UNTIL=" + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2);
  }
  return out;
}

std::vector<LocalDate> ExpandDates(const Recurrence& rule, const LocalDate& start, const LocalDate& from,
                                   const LocalDate& to, const std::vector<LocalDate>& exdates, std::size_t max) {
  std::vector<LocalDate> out;
  if (max == 0 || to < from) return out;
  Generate(rule, start, to, [&](const LocalDate& d) {
    if (d < from || std::binary_search(exdates.begin(), exdates.end(), d)) return true;
    out.push_back(d);
    return out.size() < max;
  });
  return out;
}

std::optional<LocalDate> LastDate(const Recurrence& rule, const LocalDate& start, const std::vector<LocalDate>& exdates) {
  if (!rule.count && !rule.until) return std::nullopt;
  std::optional<LocalDate> last;
  Generate(rule, start, LocalDate{9999, 12, 31}, [&](const LocalDate& d) {
    if (!std::binary_search(exdates.begin(), exdates.end(), d)) last = d;
    return true;
  });
  return last.value_or(start);
}

std::optional<std::vector<LocalDate>> ParseDateList(std::string_view text) {
  std::vector<LocalDate> out;
  for (auto part : Split(text, ',')) {
    while (!part.empty() && (part.front() == ' ' || part.front() == '\n' || part.front() == '\r')) part.remove_prefix(1);
    while (!part.empty() && (part.back() == ' ' || part.back() == '\n' || part.back() == '\r')) part.remove_suffix(1);
    if (part.empty()) continue;
    auto d = ParseDate(part);
    if (!d) return std::nullopt;
    out.push_back(*d);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string FormatDateList(const std::vector<LocalDate>& dates) {
  std::string out;
  for (const auto& d : dates) {
    if (!out.empty()) out += ",";
    out += FormatDate(d);
  }
  return out;
}

}  // namespace buurtplein::domain::events
