// The working-day calendar (工作日历): China's public holidays and make-up workdays (调休), and
// the conversion between Timestamps and local days in China Standard Time.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"

namespace minsheng {

// How a marked day differs from the plain Mon–Fri week.
enum class DayKind {
  kHoliday,  // an official day off (法定节假日), even if it falls Mon–Fri
  kWorkday,  // a make-up workday (调休上班), even if it falls on Sat/Sun
};

// One marked day of the calendar, as loaded from data.
struct CalendarDay {
  std::chrono::sys_days day;
  DayKind kind = DayKind::kHoliday;
  std::string name;  // e.g. "春节", "春节调休上班"; may be empty

  friend bool operator==(const CalendarDay&, const CalendarDay&) = default;
};

// Parses a strict 'YYYY-MM-DD' date (exactly 10 characters, a real calendar date).
// Anything else fails with Error::Invalid("invalid_date", "日期格式应为 YYYY-MM-DD", field).
Result<std::chrono::sys_days> ParseDate(std::string_view text, std::string_view field = "date");

// Parses an instant 'YYYY-MM-DDTHH:MM[:SS]' followed by 'Z' or an offset '+08:00' / '-05:00', or a bare
// 'YYYY-MM-DD' (the start of that day in China Standard Time). Anything else fails with
// Error::Invalid("invalid_time", …, field).
Result<Timestamp> ParseTimestamp(std::string_view text, std::string_view field = "time");

// Formats a day as 'YYYY-MM-DD'.
std::string FormatDate(std::chrono::sys_days day);

// "holiday" / "workday".
std::string_view DayKindName(DayKind kind);

// Parses a calendar CSV: an optional header line `date,kind,name`, then one line per marked day
// `YYYY-MM-DD,holiday|workday,name` (the name is the rest of the line and may be empty or "quoted").
// Blank lines, a UTF-8 BOM and CRLF line ends are accepted. A malformed line or a date listed twice
// fails with Error::Invalid code "invalid_calendar", field "calendar", and a message naming the line.
// The days are returned in file order.
Result<std::vector<CalendarDay>> ParseCalendarCsv(std::string_view csv);

// A set of marked days over the plain week. Mon–Fri are working days unless marked holiday;
// Sat/Sun are days off unless marked workday. Copyable value type; not thread-safe for writes.
class WorkCalendar {
 public:
  WorkCalendar() = default;
  // Builds a calendar from marked days (a later entry for the same date replaces an earlier one).
  explicit WorkCalendar(const std::vector<CalendarDay>& days);

  // Marks a day (replacing any previous mark of that date).
  void Set(const CalendarDay& day);
  // Removes the mark of a day, if any; returns whether there was one.
  bool Unset(std::chrono::sys_days day);

  // Whether people work on this day.
  bool IsWorkingDay(std::chrono::sys_days day) const;

  // The n-th working day strictly after `day` (n >= 1). n == 0 returns `day` itself;
  // n < 0 returns the |n|-th working day strictly before `day`.
  std::chrono::sys_days AddWorkingDays(std::chrono::sys_days day, int n) const;

  // The number of working days in the half-open range (from, to]. If to < from, the negated
  // count of (to, from]; 0 when from == to.
  int WorkingDaysBetween(std::chrono::sys_days from, std::chrono::sys_days to) const;

  // The mark of a day, or nullopt for a plain day.
  std::optional<CalendarDay> Find(std::chrono::sys_days day) const;

  // All marked days, sorted by date.
  std::vector<CalendarDay> Days() const;

  // The distinct years that have at least one marked day, ascending (to tell which years are loaded).
  std::vector<int> Years() const;

 private:
  std::map<std::chrono::sys_days, CalendarDay> days_;
};

// Local time is China Standard Time: UTC+8, no daylight saving.
inline constexpr std::int64_t kLocalUtcOffsetSeconds = 8 * 3600;
inline constexpr std::int64_t kSecondsPerDay = 24 * 3600;

// The local (CST) calendar day that contains instant t.
std::chrono::sys_days LocalDay(Timestamp t);
// The same day as days since 1970-01-01 (the day numbers of the rollups and the hot spots).
std::int32_t LocalDayNumber(Timestamp t);

// The instant 00:00 CST of day d, as UTC epoch seconds.
Timestamp LocalDayStart(std::chrono::sys_days d);

}  // namespace minsheng
