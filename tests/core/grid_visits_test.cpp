#include "core/grid_visits.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/calendar.h"

namespace minsheng {
namespace {

using std::chrono::sys_days;

sys_days Day(const char* text) { return *ParseDate(text); }
Timestamp At(const char* text) { return *ParseTimestamp(text); }

TEST(GridVisits, WeekStartIsTheMondayOfTheWeek) {
  struct Case {
    const char* day;
    const char* monday;
  };
  for (const Case& c : std::vector<Case>{{"2026-11-16", "2026-11-16"},   // a Monday itself
                                         {"2026-11-18", "2026-11-16"},   // Wednesday
                                         {"2026-11-22", "2026-11-16"},   // Sunday: still that week
                                         {"2026-11-23", "2026-11-23"},   // the next Monday
                                         {"2026-01-01", "2025-12-29"}})  // across a year
    EXPECT_EQ(FormatDate(WeekStart(Day(c.day))), c.monday) << c.day;
}

TEST(GridVisits, CountsDifferentLocalDaysInTheWeekOnly) {
  struct Case {
    std::string name;
    std::vector<const char*> visits;
    int want;
  };
  const sys_days monday = Day("2026-11-16");
  const std::vector<Case> cases = {
      {"none", {}, 0},
      {"two visits on one day count once", {"2026-11-17T09:00:00+08:00", "2026-11-17T16:00:00+08:00"}, 1},
      {"three days", {"2026-11-16T09:00:00+08:00", "2026-11-18T09:00:00+08:00", "2026-11-22T20:00:00+08:00"}, 3},
      // 00:30 on Monday in China is Sunday in UTC: the local day decides.
      {"Monday just after midnight local time", {"2026-11-16T00:30:00+08:00"}, 1},
      {"Sunday just before midnight local time", {"2026-11-22T23:59:59+08:00"}, 1},
      {"the Sunday before and the Monday after are outside",
       {"2026-11-15T23:59:59+08:00", "2026-11-23T00:00:00+08:00"}, 0},
      {"every day and more", {"2026-11-16T08:00:00+08:00", "2026-11-17T08:00:00+08:00", "2026-11-18T08:00:00+08:00",
                              "2026-11-19T08:00:00+08:00", "2026-11-20T08:00:00+08:00", "2026-11-21T08:00:00+08:00",
                              "2026-11-22T08:00:00+08:00", "2026-11-22T09:00:00+08:00"}, 7},
  };
  for (const Case& c : cases) {
    std::vector<Timestamp> visits;
    for (const char* v : c.visits) visits.push_back(At(v));
    EXPECT_EQ(VisitDaysInWeek(visits, monday), c.want) << c.name;
  }
}

TEST(GridVisits, BehindBelowTheRequiredDays) {
  EXPECT_TRUE(GridBehind(2, kDefaultGridVisitDays));
  EXPECT_FALSE(GridBehind(3, kDefaultGridVisitDays));
  EXPECT_FALSE(GridBehind(5, kDefaultGridVisitDays));
  EXPECT_TRUE(GridBehind(0, 1));
}

}  // namespace
}  // namespace minsheng
