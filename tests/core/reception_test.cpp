#include "core/reception.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/calendar.h"

namespace minsheng {
namespace {

// "YYYY-MM-DD HH:MM" in China Standard Time.
Timestamp At(std::string_view text) {
  auto day = ParseDate(text.substr(0, 10));
  EXPECT_TRUE(day.has_value()) << text;
  const int hour = (text[11] - '0') * 10 + (text[12] - '0');
  const int minute = (text[14] - '0') * 10 + (text[15] - '0');
  return LocalDayStart(day.value_or(std::chrono::sys_days{})) + hour * 3600 + minute * 60;
}

// The 3-calendar-day rule (seed 001) at its edge: the hour of publication does not matter, the local date does.
TEST(ReceptionTest, ThreeCalendarDaysBeforeTheStart) {
  struct Case {
    std::string_view published;
    std::string_view starts;
    bool in_time;
  };
  for (const Case& c : std::vector<Case>{
           {"2026-11-18 10:00", "2026-11-21 00:00", true},   // Wednesday → Saturday 00:00: the earliest start
           {"2026-11-18 10:00", "2026-11-20 23:59", false},  // a minute before it
           {"2026-11-18 23:59", "2026-11-21 00:00", true},   // late on the day of publication still counts
           {"2026-11-18 00:00", "2026-11-20 23:59", false},  // early on the day does not win a day
           {"2026-11-18 10:00", "2026-11-21 09:00", true},
           {"2026-11-18 10:00", "2026-11-18 15:00", false},  // the same day
           {"2026-11-18 10:00", "2026-11-10 09:00", false},  // in the past
           {"2026-12-30 16:00", "2027-01-02 08:00", true},   // across a year
           {"2026-12-30 16:00", "2027-01-01 20:00", false},
           {"2026-02-27 12:00", "2026-03-02 00:00", true},   // across the end of February
           {"2026-02-27 12:00", "2026-03-01 23:00", false},
       }) {
    EXPECT_EQ(AnnouncedInTime(At(c.published), At(c.starts)), c.in_time) << c.published << " → " << c.starts;
  }
}

// UTC midnight is not the day's edge: 2026-11-20 16:00 UTC is 2026-11-21 00:00 CST.
TEST(ReceptionTest, DaysAreChinaStandardTimeDays) {
  const Timestamp published = At("2026-11-18 07:59");  // 2026-11-17 23:59 UTC
  EXPECT_EQ(EarliestReceptionStart(published), At("2026-11-21 00:00"));
  EXPECT_EQ(EarliestReceptionStart(At("2026-11-18 08:00")), At("2026-11-21 00:00"));
  EXPECT_EQ(EarliestReceptionStart(At("2026-11-17 23:59")), At("2026-11-20 00:00"));
}

}  // namespace
}  // namespace minsheng
