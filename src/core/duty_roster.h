// Duty roster generation (排班): pure rules over the working-day calendar. A weekly pattern (weekdays,
// a daily start and end, deputies per shift) over a period of days, rotating through a studio's members
// in order, gives one planned shift per deputy per time slot.
//
// Which days get a slot: a day whose weekday is in the pattern, unless it is a public holiday (法定节假日,
// even on a weekday). A make-up workday (调休上班, a Saturday or Sunday people work) is a working day: it
// gets a slot when its own weekday is in the pattern, and also when the pattern covers every Monday to
// Friday (a "working days" roster staffs every day people work). Days the calendar does not mark follow the
// plain week.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/calendar.h"
#include "core/error.h"

namespace minsheng {

struct WeeklyPattern {
  std::vector<int> weekdays;  // ISO: 1 Monday … 7 Sunday
  int start_minute = 0;       // minutes after local midnight (China Standard Time)
  int end_minute = 0;         // after start_minute, at most 24 * 60
  int per_shift = 1;          // deputies per time slot
};

struct PlannedShift {
  Timestamp starts_at = 0;
  Timestamp ends_at = 0;
  std::int64_t user_id = 0;
};

// The most days one roster may span.
inline constexpr int kMaxRosterDays = 366;

// Checks the pattern and period: kInvalid with the field named ("weekdays", "start", "end", "per_shift",
// "to", "members").
Status CheckRoster(std::chrono::sys_days from, std::chrono::sys_days to, const WeeklyPattern& pattern,
                   std::size_t member_count);

// Whether `day` gets a slot under `weekdays` (see the file comment).
bool RosterDay(std::chrono::sys_days day, const std::vector<int>& weekdays, const WorkCalendar& calendar);

// Whether a time slot [starts_at, ends_at) is already staffed (and so left out of a new roster).
using SlotTaken = std::function<bool(Timestamp starts_at, Timestamp ends_at)>;

// The shifts from `from` to `to` (both inclusive), slots in time order, each slot's deputies taken in turn
// from `members` (in rotation order), continuing the rotation at `rotation_start` (any non-negative number;
// taken modulo the member count). Slots `taken` says are staffed are left out without moving the rotation on;
// `skipped`, when given, receives how many. Fails as CheckRoster does.
Result<std::vector<PlannedShift>> PlanRoster(std::chrono::sys_days from, std::chrono::sys_days to,
                                             const WeeklyPattern& pattern, const std::vector<std::int64_t>& members,
                                             const WorkCalendar& calendar, std::size_t rotation_start = 0,
                                             const SlotTaken& taken = {}, int* skipped = nullptr);

// "09:30" → 570; kInvalid "invalid_time" on `field` for anything else ("24:00" is allowed: the day's end).
Result<int> ParseMinuteOfDay(std::string_view text, std::string_view field);
// 570 → "09:30".
std::string FormatMinuteOfDay(int minute);

// ISO weekday of a day: 1 Monday … 7 Sunday.
int IsoWeekday(std::chrono::sys_days day);

}  // namespace minsheng
