// Attendance on a duty shift (值班考勤): pure rules, no storage. A shift is one deputy's time slot at a
// studio; the deputy checks in and out, and the shift's attendance is decided from those instants and the
// studio's rules.
//
// The states, by precedence (the first that applies wins):
//   absent         no check-in by the shift's end (decided by the server's sweep at the end);
//   came_and_left  checked in, but the time present within the shift is shorter than min_stay_minutes;
//   late           checked in after starts_at + grace_minutes;
//   left_early     checked out before ends_at;
//   on_time        otherwise.
// "Time present within the shift" is min(check-out, end) − max(check-in, start): arriving early or
// staying on adds nothing. A deputy who checked in but never checked out is taken to have stayed to the
// shift's end (people forget to check out; they did come): once the check-out window has closed
// (kCheckOutAfterEndSeconds after the end) the sweep decides the shift as if they had checked out at
// its end, leaving check_out_at empty.
#pragma once

#include <optional>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"

namespace minsheng {

enum class Attendance { kOnTime, kLate, kLeftEarly, kAbsent, kCameAndLeft };

// "on_time", "late", "left_early", "absent", "came_and_left".
std::string_view AttendanceName(Attendance a);
// 准时, 迟到, 早退, 缺勤, 签到即走.
std::string_view AttendanceLabel(Attendance a);
std::optional<Attendance> ParseAttendance(std::string_view name);

// A studio's attendance settings.
struct AttendanceRules {
  int grace_minutes = 10;     // checking in up to this long after the start is on time
  int min_stay_minutes = 30;  // a shorter time present is "came and left"
};

// A deputy may check in from this long before the start until the end.
inline constexpr std::int64_t kCheckInBeforeStartSeconds = 30 * 60;
// A deputy may check out from the check-in until this long after the end.
inline constexpr std::int64_t kCheckOutAfterEndSeconds = 2 * 3600;

struct ShiftTimes {
  Timestamp starts_at = 0;
  Timestamp ends_at = 0;
  std::optional<Timestamp> check_in_at;
  std::optional<Timestamp> check_out_at;
};

// The shift's attendance as known at `now`, or nullopt while it is still open: not checked in before its
// end, or checked in and neither checked out nor past the check-out window.
std::optional<Attendance> DecideAttendance(const ShiftTimes& shift, const AttendanceRules& rules, Timestamp now);

// Whether the deputy may check in at `now`: kConflict "already_checked_in", "too_early" (more than
// 30 minutes before the start) or "shift_over" (at or after the end).
Status CheckInAllowed(const ShiftTimes& shift, Timestamp now);
// Whether the deputy may check out at `now`: kConflict "not_checked_in", "already_checked_out" or
// "shift_over" (the check-out window after the end has closed).
Status CheckOutAllowed(const ShiftTimes& shift, Timestamp now);

}  // namespace minsheng
