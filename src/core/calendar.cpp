#include "core/calendar.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace minsheng {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::string_view kWhitespace = " \t\r\n";

std::string_view Trim(std::string_view s) {
  const auto begin = s.find_first_not_of(kWhitespace);
  if (begin == std::string_view::npos) return {};
  const auto end = s.find_last_not_of(kWhitespace);
  return s.substr(begin, end - begin + 1);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses `count` ASCII digits starting at text[pos].
int Digits(std::string_view text, size_t pos, size_t count) {
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

// Removes surrounding double quotes from a CSV field and unescapes "" inside.
std::string Unquote(std::string_view field) {
  if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
    std::string out;
    field = field.substr(1, field.size() - 2);
    for (size_t i = 0; i < field.size(); ++i) {
      out.push_back(field[i]);
      if (field[i] == '"' && i + 1 < field.size() && field[i + 1] == '"') ++i;
    }
    return out;
  }
  return std::string(field);
}

Error CalendarError(size_t line, std::string_view what) {
  return Error::Invalid("invalid_calendar",
                        "日历第 " + std::to_string(line) + " 行：" + std::string(what), "calendar");
}

// Floor division, so that instants before 1970 land on the right day.
std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

Result<sys_days> ParseDate(std::string_view text, std::string_view field) {
  auto invalid = [&] {
    return Fail(Error::Invalid("invalid_date", "日期格式应为 YYYY-MM-DD", std::string(field)));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return invalid();
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(text[i])) return invalid();
  }
  const std::chrono::year_month_day ymd{std::chrono::year{Digits(text, 0, 4)},
                                        std::chrono::month{unsigned(Digits(text, 5, 2))},
                                        std::chrono::day{unsigned(Digits(text, 8, 2))}};
  if (!ymd.ok()) return invalid();
  return sys_days{ymd};
}

Result<Timestamp> ParseTimestamp(std::string_view text, std::string_view field) {
  auto invalid = [&] {
    return Fail(Error::Invalid("invalid_time", "时间格式应为 YYYY-MM-DDTHH:MM:SS+08:00", std::string(field)));
  };
  if (text.size() == 10) {
    auto day = ParseDate(text, field);
    if (!day) return invalid();
    return LocalDayStart(*day);
  }
  if (text.size() < 17 || text[10] != 'T' || text[13] != ':') return invalid();
  auto day = ParseDate(text.substr(0, 10), field);
  if (!day) return invalid();
  auto two = [&](size_t pos) -> int {
    return pos + 1 < text.size() && IsDigit(text[pos]) && IsDigit(text[pos + 1]) ? int(Digits(text, pos, 2)) : -1;
  };
  const int hour = two(11), minute = two(14);
  size_t pos = 16;
  int second = 0;
  if (pos < text.size() && text[pos] == ':') {
    second = two(pos + 1);
    pos += 3;
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return invalid();
  std::int64_t offset = 0;
  const std::string_view zone = text.substr(std::min(pos, text.size()));
  if (zone == "Z") {
    offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const int oh = two(pos + 1), om = two(pos + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return invalid();
    offset = (zone[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  } else {
    return invalid();
  }
  const Timestamp midnight_utc = std::int64_t{day->time_since_epoch().count()} * 86400;
  return midnight_utc + hour * 3600 + minute * 60 + second - offset;
}

std::string FormatDate(sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buffer;
}

std::string_view DayKindName(DayKind kind) {
  return kind == DayKind::kHoliday ? "holiday" : "workday";
}

Result<std::vector<CalendarDay>> ParseCalendarCsv(std::string_view csv) {
  if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);
  std::vector<CalendarDay> out;
  std::set<sys_days> seen;
  bool first_content_line = true;
  size_t line_number = 0;
  while (!csv.empty()) {
    ++line_number;
    const auto newline = csv.find('\n');
    std::string_view line = Trim(csv.substr(0, newline));
    csv = newline == std::string_view::npos ? std::string_view{} : csv.substr(newline + 1);
    if (line.empty()) continue;

    const auto comma1 = line.find(',');
    const std::string_view date_field = Trim(line.substr(0, comma1));
    if (first_content_line) {
      first_content_line = false;
      if (EqualsIgnoreCase(date_field, "date")) continue;  // the header
    }
    if (comma1 == std::string_view::npos) return Fail(CalendarError(line_number, "缺少类型列（holiday 或 workday）"));
    const std::string_view rest = line.substr(comma1 + 1);
    const auto comma2 = rest.find(',');
    const std::string_view kind_field = Trim(rest.substr(0, comma2));
    const std::string_view name_field =
        comma2 == std::string_view::npos ? std::string_view{} : Trim(rest.substr(comma2 + 1));

    auto day = ParseDate(date_field);
    if (!day) {
      return Fail(CalendarError(line_number,
                                "日期“" + std::string(date_field) + "”格式应为 YYYY-MM-DD"));
    }
    DayKind kind;
    if (EqualsIgnoreCase(kind_field, "holiday")) {
      kind = DayKind::kHoliday;
    } else if (EqualsIgnoreCase(kind_field, "workday")) {
      kind = DayKind::kWorkday;
    } else {
      return Fail(CalendarError(
          line_number, "类型“" + std::string(kind_field) + "”应为 holiday（放假）或 workday（调休上班）"));
    }
    if (!seen.insert(*day).second) {
      return Fail(CalendarError(line_number, "日期 " + std::string(date_field) + " 重复出现"));
    }
    out.push_back({*day, kind, Unquote(name_field)});
  }
  return out;
}

WorkCalendar::WorkCalendar(const std::vector<CalendarDay>& days) {
  for (const auto& day : days) Set(day);
}

void WorkCalendar::Set(const CalendarDay& day) { days_.insert_or_assign(day.day, day); }

bool WorkCalendar::Unset(sys_days day) { return days_.erase(day) > 0; }

bool WorkCalendar::IsWorkingDay(sys_days day) const {
  if (const auto it = days_.find(day); it != days_.end()) {
    return it->second.kind == DayKind::kWorkday;
  }
  const std::chrono::weekday weekday{day};
  return weekday != std::chrono::Saturday && weekday != std::chrono::Sunday;
}

sys_days WorkCalendar::AddWorkingDays(sys_days day, int n) const {
  // Terminates: only finitely many days are marked, and every unmarked Monday is a working day.
  const days step{n >= 0 ? 1 : -1};
  for (int remaining = n >= 0 ? n : -n; remaining > 0;) {
    day += step;
    if (IsWorkingDay(day)) --remaining;
  }
  return day;
}

int WorkCalendar::WorkingDaysBetween(sys_days from, sys_days to) const {
  if (to < from) return -WorkingDaysBetween(to, from);
  int count = 0;
  for (sys_days day = from + days{1}; day <= to; day += days{1}) {
    if (IsWorkingDay(day)) ++count;
  }
  return count;
}

std::optional<CalendarDay> WorkCalendar::Find(sys_days day) const {
  if (const auto it = days_.find(day); it != days_.end()) return it->second;
  return std::nullopt;
}

std::vector<CalendarDay> WorkCalendar::Days() const {
  std::vector<CalendarDay> out;
  out.reserve(days_.size());
  for (const auto& [day, entry] : days_) out.push_back(entry);
  return out;
}

std::vector<int> WorkCalendar::Years() const {
  std::vector<int> out;
  for (const auto& [day, entry] : days_) {
    const int year = int(std::chrono::year_month_day{day}.year());
    if (out.empty() || out.back() != year) out.push_back(year);
  }
  return out;
}

sys_days LocalDay(Timestamp t) {
  return sys_days{days{FloorDiv(t + kLocalUtcOffsetSeconds, kSecondsPerDay)}};
}

std::int32_t LocalDayNumber(Timestamp t) { return static_cast<std::int32_t>(LocalDay(t).time_since_epoch().count()); }

Timestamp LocalDayStart(sys_days d) {
  return Timestamp{d.time_since_epoch().count()} * kSecondsPerDay - kLocalUtcOffsetSeconds;
}

}  // namespace minsheng
