// Attendance on a duty shift at every boundary, and the check-in / check-out windows.
#include "core/attendance.h"

#include <gtest/gtest.h>

namespace minsheng {
namespace {

constexpr Timestamp kStart = 1794963600;  // 2026-11-18T09:00:00+08:00
constexpr Timestamp kEnd = kStart + 3 * 3600;
constexpr std::int64_t kMin = 60;
using std::nullopt;
using A = Attendance;

struct Case {
  const char* what;
  std::optional<Timestamp> in, out;
  Timestamp now;
  std::optional<Attendance> want;
};

TEST(DecideAttendance, EveryBoundary) {
  const AttendanceRules rules{.grace_minutes = 10, .min_stay_minutes = 30};
  const Case cases[] = {
      // No check-in: open until the end, absent from the end on.
      {"no check-in, a second before the end", nullopt, nullopt, kEnd - 1, nullopt},
      {"no check-in, at the end", nullopt, nullopt, kEnd, A::kAbsent},
      {"no check-in, long after", nullopt, nullopt, kEnd + 86400, A::kAbsent},
      // Late: after start + grace.
      {"in at the start", kStart, kEnd, kEnd, A::kOnTime},
      {"in 30 min early", kStart - 30 * kMin, kEnd, kEnd, A::kOnTime},
      {"in at start + grace exactly", kStart + 10 * kMin, kEnd, kEnd, A::kOnTime},
      {"in a second past the grace", kStart + 10 * kMin + 1, kEnd, kEnd, A::kLate},
      // Left early: out before the end.
      {"out a second before the end", kStart, kEnd - 1, kEnd, A::kLeftEarly},
      {"out at the end", kStart, kEnd, kEnd, A::kOnTime},
      {"out after the end", kStart, kEnd + 3600, kEnd + 3600, A::kOnTime},
      // Came and left: present less than the minimum.
      {"present exactly the minimum", kStart, kStart + 30 * kMin, kStart + 30 * kMin, A::kLeftEarly},
      {"present a second short", kStart, kStart + 30 * kMin - 1, kStart + 30 * kMin, A::kCameAndLeft},
      {"early arrival does not count as present", kStart - 20 * kMin, kStart + 20 * kMin, kEnd, A::kCameAndLeft},
      {"in near the end, out after it: short", kEnd - 29 * kMin, kEnd + 3600, kEnd + 3600, A::kCameAndLeft},
      {"in near the end, out after it: enough", kEnd - 30 * kMin, kEnd + 3600, kEnd + 3600, A::kLate},
      // Precedence.
      {"late and left early: late", kStart + 11 * kMin, kEnd - 1, kEnd, A::kLate},
      {"late and came and left: came and left", kStart + 11 * kMin, kStart + 20 * kMin, kEnd, A::kCameAndLeft},
      // Checked in, never checked out: open during the check-out window, then as if out at the end.
      {"no check-out, window open", kStart, nullopt, kEnd + kCheckOutAfterEndSeconds - 1, nullopt},
      {"no check-out, window closed", kStart, nullopt, kEnd + kCheckOutAfterEndSeconds, A::kOnTime},
      {"no check-out, came late", kStart + 11 * kMin, nullopt, kEnd + kCheckOutAfterEndSeconds, A::kLate},
      {"no check-out, in 10 min before the end", kEnd - 10 * kMin, nullopt, kEnd + kCheckOutAfterEndSeconds,
       A::kCameAndLeft},
      {"checked in, during the shift", kStart, nullopt, kStart + 3600, nullopt},
  };
  for (const auto& c : cases) {
    ShiftTimes s{.starts_at = kStart, .ends_at = kEnd, .check_in_at = c.in, .check_out_at = c.out};
    EXPECT_EQ(DecideAttendance(s, rules, c.now), c.want) << c.what;
  }
}

TEST(DecideAttendance, UsesTheStudiosRules) {
  ShiftTimes s{.starts_at = kStart, .ends_at = kEnd, .check_in_at = kStart + 15 * kMin, .check_out_at = kEnd};
  EXPECT_EQ(DecideAttendance(s, {.grace_minutes = 10, .min_stay_minutes = 30}, kEnd), A::kLate);
  EXPECT_EQ(DecideAttendance(s, {.grace_minutes = 15, .min_stay_minutes = 30}, kEnd), A::kOnTime);
  EXPECT_EQ(DecideAttendance(s, {.grace_minutes = 15, .min_stay_minutes = 180}, kEnd), A::kCameAndLeft);
}

TEST(CheckInAllowed, Window) {
  ShiftTimes s{.starts_at = kStart, .ends_at = kEnd};
  struct W { Timestamp now; const char* code; };
  const W cases[] = {{kStart - 30 * kMin - 1, "too_early"}, {kStart - 30 * kMin, ""}, {kStart, ""},
                     {kEnd - 1, ""}, {kEnd, "shift_over"}};
  for (const auto& c : cases) {
    auto r = CheckInAllowed(s, c.now);
    EXPECT_EQ(r ? std::string() : r.error().code, c.code) << c.now - kStart;
  }
  s.check_in_at = kStart;
  EXPECT_EQ(CheckInAllowed(s, kStart + 1).error().code, "already_checked_in");
}

TEST(CheckOutAllowed, Window) {
  ShiftTimes s{.starts_at = kStart, .ends_at = kEnd};
  EXPECT_EQ(CheckOutAllowed(s, kStart).error().code, "not_checked_in");
  s.check_in_at = kStart;
  EXPECT_TRUE(CheckOutAllowed(s, kStart + 1).has_value());
  EXPECT_TRUE(CheckOutAllowed(s, kEnd + kCheckOutAfterEndSeconds - 1).has_value());
  EXPECT_EQ(CheckOutAllowed(s, kEnd + kCheckOutAfterEndSeconds).error().code, "shift_over");
  s.check_out_at = kEnd;
  EXPECT_EQ(CheckOutAllowed(s, kEnd + 1).error().code, "already_checked_out");
}

TEST(AttendanceNames, RoundTrip) {
  for (A a : {A::kOnTime, A::kLate, A::kLeftEarly, A::kAbsent, A::kCameAndLeft})
    EXPECT_EQ(ParseAttendance(AttendanceName(a)), a);
  EXPECT_EQ(ParseAttendance("present"), nullopt);
}

}  // namespace
}  // namespace minsheng
