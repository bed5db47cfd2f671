#include "domain/directory/opening_hours.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "domain/common/amsterdam_time.hpp"
#include "domain/common/text.hpp"
#include "domain/directory/holidays.hpp"

namespace buurtplein::domain::directory {

namespace {

constexpr std::int64_t kHorizon = 14 * 86400;

AppError At(AppError e, std::string field) {
  e.field = std::move(field);
  return e;
}

std::string Name(std::string_view list, std::size_t i, std::string_view what) {
  return std::string(list) + "_" + std::to_string(i) + "_" + std::string(what);
}

bool OpensOk(int m) { return m >= 0 && m <= 1439; }
bool ClosesOk(int m) { return m >= 0 && m <= 1440; }
// Midnight that ends the day: 0 and 1440 mean the same as a closing time.
int CanonicalCloses(int m) { return m == 0 ? 1440 : m; }

// ---- OpenAt ----------------------------------------------------------------------------------

struct Interval {
  std::int64_t start, end;  // Unix seconds, [start, end)
};

void AddInterval(std::vector<Interval>& out, std::int64_t day, int opens, int closes) {
  if (!OpensOk(opens) || !ClosesOk(closes)) return;
  const std::int64_t start = AmsterdamToUnix(day, opens);
  const std::int64_t end = closes <= opens ? AmsterdamToUnix(day + 1, closes) : AmsterdamToUnix(day, closes);
  if (end > start) out.push_back({start, end});
}

bool HasHours(const OpeningHours& h) {
  if (!h.weekly.empty()) return true;
  return std::any_of(h.exceptions.begin(), h.exceptions.end(),
                     [](const ExceptionDay& e) { return !e.closed && !e.hours.empty(); });
}

// Day numbers of the general holidays of the years asked for, computed once per year.
class HolidayDays {
 public:
  bool Contains(std::int64_t day) {
    const int year = CivilFromDays(day).year;
    if (years_.insert(year).second) {
      for (const auto& h : DutchPublicHolidays(year)) {
        if (h.general_day_off) days_.insert(DaysFromCivil(*ParseIsoDate(h.date)));
      }
    }
    return days_.count(day) > 0;
  }

 private:
  std::set<int> years_;
  std::set<std::int64_t> days_;
};

std::optional<std::int64_t> DayOf(const std::optional<std::string>& iso) {
  if (!iso) return std::nullopt;
  const auto d = ParseIsoDate(*iso);
  if (!d) return std::nullopt;
  return DaysFromCivil(*d);
}

// ---- Describe --------------------------------------------------------------------------------

constexpr std::array<const char*, 7> kDaysNl = {"ma", "di", "wo", "do", "vr", "za", "zo"};
constexpr std::array<const char*, 7> kDaysEn = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<const char*, 12> kMonthsNl = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                                   "juli",    "augustus", "september", "oktober", "november", "december"};
constexpr std::array<const char*, 12> kMonthsEn = {"January", "February", "March",     "April",   "May",      "June",
                                                   "July",    "August",   "September", "October", "November", "December"};

std::string Clock(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d:%02d", minute / 60, minute % 60);
  return buf;
}

std::string Span(int opens, int closes) { return Clock(opens) + "–" + Clock(CanonicalCloses(closes)); }

std::string HumanDate(const std::string& iso, bool dutch) {
  const auto d = ParseIsoDate(iso);
  if (!d) return iso;
  const auto& months = dutch ? kMonthsNl : kMonthsEn;
  return std::to_string(d->day) + " " + months[static_cast<std::size_t>(d->month - 1)] + " " + std::to_string(d->year);
}

std::string JoinSpans(std::vector<std::pair<int, int>> spans, bool dutch) {
  std::sort(spans.begin(), spans.end());
  std::string out;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (i > 0) out += dutch ? " en " : " and ";
    out += Span(spans[i].first, spans[i].second);
  }
  return out;
}

// "ma–vr", "ma/wo/vr", "ma–wo/vr": consecutive days become a range, separate runs join with '/'.
std::string DayList(const std::vector<int>& days, bool dutch) {
  const auto& names = dutch ? kDaysNl : kDaysEn;
  std::string out;
  for (std::size_t i = 0; i < days.size();) {
    std::size_t j = i;
    while (j + 1 < days.size() && days[j + 1] == days[j] + 1) ++j;
    if (!out.empty()) out += "/";
    out += names[static_cast<std::size_t>(days[i] - 1)];
    if (j > i) out += std::string("–") + names[static_cast<std::size_t>(days[j] - 1)];
    i = j + 1;
  }
  return out;
}

// One validity period: days with the same hours grouped, then (if asked) the closed days.
std::string DescribeWeek(const std::vector<const WeeklyHours*>& entries, bool dutch, bool closed_days) {
  std::array<std::vector<std::pair<int, int>>, 7> per_day;
  for (const WeeklyHours* w : entries) {
    if (w->weekday < 1 || w->weekday > 7 || !OpensOk(w->opens_minute) || !ClosesOk(w->closes_minute)) continue;
    per_day[static_cast<std::size_t>(w->weekday - 1)].emplace_back(w->opens_minute, CanonicalCloses(w->closes_minute));
  }
  std::vector<std::pair<std::string, std::vector<int>>> groups;  // hours text → weekdays, in weekday order
  std::vector<int> closed;
  for (int day = 1; day <= 7; ++day) {
    auto& spans = per_day[static_cast<std::size_t>(day - 1)];
    if (spans.empty()) {
      closed.push_back(day);
      continue;
    }
    const std::string text = JoinSpans(spans, dutch);
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == text; });
    if (it == groups.end()) {
      groups.push_back({text, {day}});
    } else {
      it->second.push_back(day);
    }
  }
  std::string out;
  for (const auto& [text, days] : groups) {
    if (!out.empty()) out += ", ";
    out += DayList(days, dutch) + " " + text;
  }
  if (closed_days && !groups.empty() && !closed.empty()) out += ", " + DayList(closed, dutch) + (dutch ? " gesloten" : " closed");
  return out;
}

std::string Period(const std::optional<std::string>& from, const std::optional<std::string>& to, bool dutch) {
  if (from && to) {
    return dutch ? "van " + HumanDate(*from, true) + " t/m " + HumanDate(*to, true)
                 : HumanDate(*from, false) + " to " + HumanDate(*to, false);
  }
  if (from) return (dutch ? "vanaf " : "from ") + HumanDate(*from, dutch);
  if (to) return (dutch ? "t/m " : "until ") + HumanDate(*to, dutch);
  return {};
}

std::string DescribeImpl(const OpeningHours& h, bool dutch, std::optional<std::int64_t> today) {
  // Validity periods: the always-valid hours first, then by start date.
  using Key = std::pair<std::optional<std::string>, std::optional<std::string>>;
  std::map<Key, std::vector<const WeeklyHours*>> periods;
  for (const auto& w : h.weekly) {
    if (today) {
      const auto to = DayOf(w.valid_to);
      if (to && *to < *today) continue;  // over
    }
    periods[{w.valid_from, w.valid_to}].push_back(&w);
  }
  // Closed days only when there is one set of hours: with several periods they would contradict.
  const bool closed_days = periods.size() == 1;
  std::string out;
  for (const auto& [key, entries] : periods) {
    const std::string week = DescribeWeek(entries, dutch, closed_days);
    if (week.empty()) continue;
    if (!out.empty()) out += "; ";
    const std::string period = Period(key.first, key.second, dutch);
    out += period.empty() ? week : period + ": " + week;
  }
  if (out.empty()) out = dutch ? "Geen vaste openingstijden" : "No regular opening hours";
  if (h.closed_on_public_holidays) out += dutch ? ", gesloten op feestdagen" : ", closed on public holidays";

  std::vector<const ExceptionDay*> ahead;
  for (const auto& e : h.exceptions) {
    const auto day = ParseIsoDate(e.date);
    if (!day) continue;
    if (today && DaysFromCivil(*day) < *today) continue;
    ahead.push_back(&e);
  }
  std::sort(ahead.begin(), ahead.end(), [](const auto* a, const auto* b) { return a->date < b->date; });
  if (!ahead.empty()) {
    out += dutch ? ". Afwijkend: " : ". Special days: ";
    for (std::size_t i = 0; i < ahead.size() && i < 3; ++i) {
      const ExceptionDay& e = *ahead[i];
      if (i > 0) out += "; ";
      out += HumanDate(e.date, dutch) + " ";
      out += e.closed || e.hours.empty() ? (dutch ? "gesloten" : "closed") : JoinSpans(e.hours, dutch);
      if (!e.note.empty()) out += " (" + e.note + ")";
    }
    if (ahead.size() > 3) out += dutch ? "; en meer" : "; and more";
  }
  return out;
}

// ---- HSDS ------------------------------------------------------------------------------------

constexpr std::array<const char*, 7> kByDay = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

std::string HsdsTime(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60 % 24, minute % 60);
  return buf;
}

// "9:00", "09:00", "09:00:00", "24:00" → minutes; nullopt for anything else (also a time zone).
std::optional<int> ParseHsdsTime(std::string_view s) {
  s = TrimView(s);
  const auto digits = [](std::string_view d) {
    return !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2) return std::nullopt;
  const std::string_view hh = s.substr(0, colon);
  std::string_view rest = s.substr(colon + 1);
  std::string_view ss;
  if (rest.size() == 5 && rest[2] == ':') {
    ss = rest.substr(3);
    rest = rest.substr(0, 2);
  }
  if (!digits(hh) || rest.size() != 2 || !digits(rest) || (!ss.empty() && (!digits(ss) || ss != "00"))) {
    return std::nullopt;
  }
  const int h = std::stoi(std::string(hh));
  const int m = std::stoi(std::string(rest));
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

}  // namespace

OpenNow OpenAt(const OpeningHours& h, std::int64_t t) {
  if (!HasHours(h)) return {OpenState::kUnknown, std::nullopt};
  const std::int64_t today = AmsterdamLocalDay(t);

  std::map<std::int64_t, const ExceptionDay*> exceptions;
  for (const auto& e : h.exceptions) {
    if (const auto d = ParseIsoDate(e.date)) exceptions.emplace(DaysFromCivil(*d), &e);
  }
  HolidayDays holidays;

  // From yesterday (its hours may run past midnight) to beyond the horizon: 16 days is past
  // 14 × 24 hours even with a summer-time change in between.
  std::vector<Interval> intervals;
  for (std::int64_t day = today - 1; day <= today + 16; ++day) {
    if (auto it = exceptions.find(day); it != exceptions.end()) {
      if (!it->second->closed) {
        for (const auto& [o, c] : it->second->hours) AddInterval(intervals, day, o, c);
      }
      continue;
    }
    if (h.closed_on_public_holidays && holidays.Contains(day)) continue;
    const int weekday = IsoWeekday(day);
    for (const auto& w : h.weekly) {
      if (w.weekday != weekday) continue;
      if (w.valid_from && (!DayOf(w.valid_from) || day < *DayOf(w.valid_from))) continue;
      if (w.valid_to && (!DayOf(w.valid_to) || day > *DayOf(w.valid_to))) continue;
      AddInterval(intervals, day, w.opens_minute, w.closes_minute);
    }
  }
  std::sort(intervals.begin(), intervals.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
  std::vector<Interval> merged;
  for (const Interval& iv : intervals) {
    if (!merged.empty() && iv.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, iv.end);
    } else {
      merged.push_back(iv);
    }
  }

  const auto within = [t](std::int64_t at) -> std::optional<std::int64_t> {
    if (at - t <= kHorizon) return at;
    return std::nullopt;
  };
  for (const Interval& iv : merged) {
    if (iv.end <= t) continue;
    if (iv.start <= t) return {OpenState::kOpen, within(iv.end)};
    return {OpenState::kClosed, within(iv.start)};
  }
  return {OpenState::kClosed, std::nullopt};
}

std::vector<AppError> ValidateAll(const OpeningHours& h) {
  std::vector<AppError> errors;
  if (h.weekly.size() > kMaxWeeklyHours) {
    errors.push_back(At(MakeError(ErrorCode::kValidation, "Enter at most 35 opening times."), "weekly"));
  }
  for (std::size_t i = 0; i < h.weekly.size() && i < kMaxWeeklyHours; ++i) {
    const WeeklyHours& w = h.weekly[i];
    if (w.weekday < 1 || w.weekday > 7) {
      errors.push_back(At(MakeError(ErrorCode::kValidation, "Choose a day of the week."), Name("weekly", i, "weekday")));
    }
    if (!OpensOk(w.opens_minute)) {
      errors.push_back(At(MakeError(ErrorCode::kValidation, "Enter a time like 9:00 or 17:30."), Name("weekly", i, "opens")));
    }
    if (!ClosesOk(w.closes_minute)) {
      errors.push_back(At(MakeError(ErrorCode::kValidation, "Enter a time like 9:00 or 17:30."), Name("weekly", i, "closes")));
    }
    const bool from_ok = !w.valid_from || ParseIsoDate(*w.valid_from);
    const bool to_ok = !w.valid_to || ParseIsoDate(*w.valid_to);
    if (!from_ok) {
      errors.push_back(At(MakeError(ErrorCode::kValidation, "Enter a date like 2026-12-24."), Name("weekly", i, "valid_from")));
    }
    if (!to_ok) {
      errors.push_back(At(MakeError(ErrorCode::kValidation, "Enter a date like 2026-12-24."), Name("weekly", i, "valid_to")));
    }
    if (from_ok && to_ok && w.valid_from && w.valid_to && *w.valid_to < *w.valid_from) {
      errors.push_back(At(MakeError(ErrorCode::kValidation, "The end date may not be before the start date."),
                          Name("weekly", i, "valid_to")));
    }
  }

  if (h.exceptions.size() > kMaxExceptionDays) {
    errors.push_back(At(MakeError(ErrorCode::kValidation, "Enter at most 60 special days."), "exceptions"));
  }
  std::set<std::string> dates;
  for (std::size_t i = 0; i < h.exceptions.size() && i < kMaxExceptionDays; ++i) {
    const ExceptionDay& e = h.exceptions[i];
    if (!ParseIsoDate(e.date)) {
      errors.push_back(At(MakeError(ErrorCode::kValidation, "Enter a date like 2026-12-24."), Name("exceptions", i, "date")));
    } else if (!dates.insert(e.date).second) {
      errors.push_back(At(MakeError(ErrorCode::kValidation, "This date is listed twice."), Name("exceptions", i, "date")));
    }
    if (!e.closed) {
      if (e.hours.empty()) {
        errors.push_back(At(MakeError(ErrorCode::kValidation, "Enter the opening hours for this day, or mark it as closed."),
                            Name("exceptions", i, "hours")));
      } else if (e.hours.size() > kMaxHoursPerException) {
        errors.push_back(At(MakeError(ErrorCode::kValidation, "Enter at most 5 opening times for one day."),
                            Name("exceptions", i, "hours")));
      } else if (std::any_of(e.hours.begin(), e.hours.end(),
                             [](const auto& p) { return !OpensOk(p.first) || !ClosesOk(p.second); })) {
        errors.push_back(At(MakeError(ErrorCode::kValidation, "Enter a time like 9:00 or 17:30."), Name("exceptions", i, "hours")));
      }
    }
    std::string note;
    std::size_t length = 0;
    if (!CopyCleanText(TrimView(e.note), false, note, length)) {
      errors.push_back(At(MakeError(ErrorCode::kValidation, "This text contains characters we cannot use."),
                          Name("exceptions", i, "note")));
    } else if (length > kMaxNoteLength) {
      errors.push_back(At(MakeError(ErrorCode::kValidation, "Keep the note to at most 200 characters."),
                          Name("exceptions", i, "note")));
    }
  }
  return errors;
}

Result<OpeningHours> Validate(const OpeningHours& h) {
  auto errors = ValidateAll(h);
  if (!errors.empty()) return std::move(errors.front());

  OpeningHours out = h;
  for (auto& w : out.weekly) w.closes_minute = CanonicalCloses(w.closes_minute);
  std::stable_sort(out.weekly.begin(), out.weekly.end(), [](const WeeklyHours& a, const WeeklyHours& b) {
    return std::tie(a.weekday, a.opens_minute, a.closes_minute) < std::tie(b.weekday, b.opens_minute, b.closes_minute);
  });
  for (auto& e : out.exceptions) {
    std::size_t length = 0;
    std::string note;
    CopyCleanText(TrimView(e.note), false, note, length);
    e.note = std::move(note);
    if (e.closed) e.hours.clear();
    for (auto& p : e.hours) p.second = CanonicalCloses(p.second);
    std::sort(e.hours.begin(), e.hours.end());
  }
  std::sort(out.exceptions.begin(), out.exceptions.end(),
            [](const ExceptionDay& a, const ExceptionDay& b) { return a.date < b.date; });
  return out;
}

std::vector<HsdsSchedule> ToHsdsSchedules(const OpeningHours& h) {
  using Key = std::tuple<int, int, std::optional<std::string>, std::optional<std::string>>;
  std::vector<std::pair<Key, std::set<int>>> groups;  // in order of first weekday and time
  std::vector<const WeeklyHours*> sorted;
  for (const auto& w : h.weekly) {
    if (w.weekday >= 1 && w.weekday <= 7 && OpensOk(w.opens_minute) && ClosesOk(w.closes_minute)) sorted.push_back(&w);
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
    return std::tie(a->weekday, a->opens_minute) < std::tie(b->weekday, b->opens_minute);
  });
  for (const WeeklyHours* w : sorted) {
    Key key{w->opens_minute, CanonicalCloses(w->closes_minute), w->valid_from, w->valid_to};
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == key; });
    if (it == groups.end()) {
      groups.push_back({key, {w->weekday}});
    } else {
      it->second.insert(w->weekday);
    }
  }
  std::vector<HsdsSchedule> out;
  for (const auto& [key, days] : groups) {
    const auto& [opens, closes, from, to] = key;
    HsdsSchedule s;
    for (int d : days) {
      if (!s.byday.empty()) s.byday += ",";
      s.byday += kByDay[static_cast<std::size_t>(d - 1)];
    }
    s.opens_at = HsdsTime(opens);
    s.closes_at = HsdsTime(closes);
    s.valid_from = from;
    s.valid_to = to;
    std::vector<WeeklyHours> part;
    for (int d : days) part.push_back({d, opens, closes, std::nullopt, std::nullopt});
    std::vector<const WeeklyHours*> refs;
    for (const auto& w : part) refs.push_back(&w);
    s.description = DescribeWeek(refs, false, false);
    const std::string period = Period(from, to, false);
    if (!period.empty()) s.description = period + ": " + s.description;
    if (h.closed_on_public_holidays) s.description += ", closed on public holidays";
    out.push_back(std::move(s));
  }
  return out;
}

Result<OpeningHours> FromHsdsSchedules(const std::vector<HsdsSchedule>& schedules) {
  OpeningHours out;
  for (std::size_t i = 0; i < schedules.size(); ++i) {
    const HsdsSchedule& s = schedules[i];
    std::string freq(TrimView(s.freq));
    std::transform(freq.begin(), freq.end(), freq.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (freq != "WEEKLY") {
      return At(MakeError(ErrorCode::kValidation, "We can only read weekly opening hours.", "freq=" + s.freq),
                Name("schedules", i, "freq"));
    }
    std::set<int> days;
    std::string_view rest = s.byday;
    while (true) {
      const std::size_t comma = rest.find(',');
      std::string code(TrimView(rest.substr(0, comma)));
      std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      const auto it = std::find(kByDay.begin(), kByDay.end(), code);
      if (it == kByDay.end()) {
        return At(MakeError(ErrorCode::kValidation, "Choose a day of the week.", "byday=" + s.byday),
                  Name("schedules", i, "byday"));
      }
      days.insert(static_cast<int>(it - kByDay.begin()) + 1);
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
    const auto opens = ParseHsdsTime(s.opens_at);
    if (!opens || *opens > 1439) {
      return At(MakeError(ErrorCode::kValidation, "Enter a time like 9:00 or 17:30.", "opens_at=" + s.opens_at),
                Name("schedules", i, "opens_at"));
    }
    const auto closes = ParseHsdsTime(s.closes_at);
    if (!closes) {
      return At(MakeError(ErrorCode::kValidation, "Enter a time like 9:00 or 17:30.", "closes_at=" + s.closes_at),
                Name("schedules", i, "closes_at"));
    }
    const auto date = [](const std::optional<std::string>& v) -> std::optional<std::string> {
      if (!v || TrimView(*v).empty()) return std::nullopt;
      return std::string(TrimView(*v));
    };
    const auto from = date(s.valid_from);
    const auto to = date(s.valid_to);
    if (from && !ParseIsoDate(*from)) {
      return At(MakeError(ErrorCode::kValidation, "Enter a date like 2026-12-24."), Name("schedules", i, "valid_from"));
    }
    if (to && !ParseIsoDate(*to)) {
      return At(MakeError(ErrorCode::kValidation, "Enter a date like 2026-12-24."), Name("schedules", i, "valid_to"));
    }
    if (from && to && *to < *from) {
      return At(MakeError(ErrorCode::kValidation, "The end date may not be before the start date."),
                Name("schedules", i, "valid_to"));
    }
    for (int d : days) {
      if (out.weekly.size() >= kMaxWeeklyHours) {
        return At(MakeError(ErrorCode::kValidation, "Enter at most 35 opening times."), "schedules");
      }
      out.weekly.push_back({d, *opens, *closes, from, to});
    }
  }
  return Validate(out);
}

std::string Describe(const OpeningHours& h, bool dutch) { return DescribeImpl(h, dutch, std::nullopt); }

std::string Describe(const OpeningHours& h, bool dutch, std::int64_t now) {
  return DescribeImpl(h, dutch, AmsterdamLocalDay(now));
}

}  // namespace buurtplein::domain::directory
