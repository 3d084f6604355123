// Deadlines counted in working days (办理时限), their yellow/red warnings, and extensions (延期).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/calendar.h"
#include "core/clock.h"

namespace minsheng {

// A deadline running from `start` to `due`; the appeal turns yellow at `warn_at`.
struct Deadline {
  Timestamp start = 0;
  Timestamp due = 0;      // the last instant that still counts as on time (on or before due)
  Timestamp warn_at = 0;  // start <= warn_at <= due

  friend bool operator==(const Deadline&, const Deadline&) = default;
};

// The fraction of working time after which a deadline turns yellow (DESIGN.md §2: 80%).
inline constexpr int kWarnPercent = 80;

// The deadline for something started at `start` that must be done within `working_days` working
// days. The day of `start` itself does not count: `due` is the end (24:00 CST, i.e. 00:00 of the
// next day) of the `working_days`-th working day after the local day of `start`. So 1 working day
// from a Friday is due at the end of Monday; holidays are skipped and make-up workdays count.
// `warn_at` is the earliest instant at which 80% of the working time between start and due (see
// WorkingSecondsBetween) has elapsed. working_days <= 0 gives start == warn_at == due.
Deadline ComputeDeadline(const WorkCalendar& calendar, Timestamp start, int working_days);

// The number of seconds in [a, b) that fall on working days (local CST days, whole days count).
// Negative of WorkingSecondsBetween(b, a) when b < a.
std::int64_t WorkingSecondsBetween(const WorkCalendar& calendar, Timestamp a, Timestamp b);

// The state of a deadline as seen at `now`.
enum class Urgency {
  kNormal,  // before warn_at
  kYellow,  // from warn_at up to and including due
  kRed,     // after due (overdue, 超期)
};

// Urgency of `deadline` at `now`: red if now > due, else yellow if now >= warn_at, else normal.
Urgency UrgencyAt(const Deadline& deadline, Timestamp now);

// "normal" / "yellow" / "red".
std::string_view UrgencyName(Urgency urgency);

// The due instant after an approved extension of `extra_working_days`: the same time of day on the
// working day that many working days after the deadline's last day (for the usual end-of-day due,
// the end of that working day). extra_working_days <= 0 returns `due` unchanged.
Timestamp ExtendDue(const WorkCalendar& calendar, Timestamp due, int extra_working_days);

}  // namespace minsheng
