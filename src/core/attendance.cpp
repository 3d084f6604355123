#include "core/attendance.h"

#include <algorithm>
#include <array>

namespace minsheng {
namespace {

struct Named {
  Attendance value;
  std::string_view name;
  std::string_view label;
};
constexpr std::array kNames = {
    Named{Attendance::kOnTime, "on_time", "准时"},       Named{Attendance::kLate, "late", "迟到"},
    Named{Attendance::kLeftEarly, "left_early", "早退"}, Named{Attendance::kAbsent, "absent", "缺勤"},
    Named{Attendance::kCameAndLeft, "came_and_left", "签到即走"},
};

}  // namespace

std::string_view AttendanceName(Attendance a) {
  for (const auto& n : kNames)
    if (n.value == a) return n.name;
  return "unknown";
}

std::string_view AttendanceLabel(Attendance a) {
  for (const auto& n : kNames)
    if (n.value == a) return n.label;
  return "未知";
}

std::optional<Attendance> ParseAttendance(std::string_view name) {
  for (const auto& n : kNames)
    if (n.name == name) return n.value;
  return std::nullopt;
}

std::optional<Attendance> DecideAttendance(const ShiftTimes& s, const AttendanceRules& rules, Timestamp now) {
  if (!s.check_in_at) {
    if (now >= s.ends_at) return Attendance::kAbsent;
    return std::nullopt;
  }
  std::optional<Timestamp> out = s.check_out_at;
  if (!out) {
    if (now < s.ends_at + kCheckOutAfterEndSeconds) return std::nullopt;
    out = s.ends_at;  // never checked out: taken to have stayed to the end
  }
  const Timestamp present_from = std::max(*s.check_in_at, s.starts_at);
  const Timestamp present_to = std::min(*out, s.ends_at);
  const std::int64_t present = std::max<std::int64_t>(0, present_to - present_from);
  if (present < std::int64_t{rules.min_stay_minutes} * 60) return Attendance::kCameAndLeft;
  if (*s.check_in_at > s.starts_at + std::int64_t{rules.grace_minutes} * 60) return Attendance::kLate;
  if (*out < s.ends_at) return Attendance::kLeftEarly;
  return Attendance::kOnTime;
}

Status CheckInAllowed(const ShiftTimes& s, Timestamp now) {
  if (s.check_in_at) return Fail(Error::Conflict("already_checked_in", "本班次已签到"));
  if (now < s.starts_at - kCheckInBeforeStartSeconds)
    return Fail(Error::Conflict("too_early", "班次开始前 30 分钟内才能签到"));
  if (now >= s.ends_at) return Fail(Error::Conflict("shift_over", "班次已结束，不能签到"));
  return {};
}

Status CheckOutAllowed(const ShiftTimes& s, Timestamp now) {
  if (!s.check_in_at) return Fail(Error::Conflict("not_checked_in", "尚未签到，不能签退"));
  if (s.check_out_at) return Fail(Error::Conflict("already_checked_out", "本班次已签退"));
  if (now >= s.ends_at + kCheckOutAfterEndSeconds)
    return Fail(Error::Conflict("shift_over", "班次结束已超过 2 小时，不能再签退"));
  return {};
}

}  // namespace minsheng
