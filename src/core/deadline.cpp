#include "core/deadline.h"

#include <algorithm>

namespace minsheng {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

// The earliest instant t >= start such that WorkingSecondsBetween(start, t) >= need.
Timestamp AfterWorkingSeconds(const WorkCalendar& calendar, Timestamp start, std::int64_t need) {
  if (need <= 0) return start;
  for (sys_days day = LocalDay(start);; day += days{1}) {
    if (!calendar.IsWorkingDay(day)) continue;
    const Timestamp segment_start = std::max(start, LocalDayStart(day));
    const std::int64_t length = LocalDayStart(day + days{1}) - segment_start;
    if (need <= length) return segment_start + need;
    need -= length;
  }
}

}  // namespace

std::int64_t WorkingSecondsBetween(const WorkCalendar& calendar, Timestamp a, Timestamp b) {
  if (b < a) return -WorkingSecondsBetween(calendar, b, a);
  std::int64_t total = 0;
  for (sys_days day = LocalDay(a); LocalDayStart(day) < b; day += days{1}) {
    if (!calendar.IsWorkingDay(day)) continue;
    const Timestamp from = std::max(a, LocalDayStart(day));
    const Timestamp to = std::min(b, LocalDayStart(day + days{1}));
    total += to - from;
  }
  return total;
}

Deadline ComputeDeadline(const WorkCalendar& calendar, Timestamp start, int working_days) {
  if (working_days <= 0) return {start, start, start};
  const sys_days last_day = calendar.AddWorkingDays(LocalDay(start), working_days);
  const Timestamp due = LocalDayStart(last_day + days{1});
  const std::int64_t working = WorkingSecondsBetween(calendar, start, due);
  // Round up, so that warn_at is never before the 80% mark.
  const std::int64_t need = (working * kWarnPercent + 99) / 100;
  return {start, due, AfterWorkingSeconds(calendar, start, need)};
}

Urgency UrgencyAt(const Deadline& deadline, Timestamp now) {
  if (now > deadline.due) return Urgency::kRed;
  if (now >= deadline.warn_at) return Urgency::kYellow;
  return Urgency::kNormal;
}

std::string_view UrgencyName(Urgency urgency) {
  switch (urgency) {
    case Urgency::kNormal:
      return "normal";
    case Urgency::kYellow:
      return "yellow";
    case Urgency::kRed:
      return "red";
  }
  return "normal";
}

Timestamp ExtendDue(const WorkCalendar& calendar, Timestamp due, int extra_working_days) {
  if (extra_working_days <= 0) return due;
  // A due at 00:00 means the end of the previous day, so take the day of the last second before it.
  const sys_days last_day = LocalDay(due - 1);
  const std::int64_t time_of_day = due - LocalDayStart(last_day);  // in (0, 86400]
  return LocalDayStart(calendar.AddWorkingDays(last_day, extra_working_days)) + time_of_day;
}

}  // namespace minsheng
