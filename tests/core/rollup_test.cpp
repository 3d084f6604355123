// core/rollup.h: one appeal's tally, and the stored periods that answer a range of days.
#include "core/rollup.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>

namespace minsheng {
namespace {

std::int32_t Day(int y, unsigned m, unsigned d) {
  return static_cast<std::int32_t>(
      std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d))
          .time_since_epoch()
          .count());
}

TEST(RollupTest, WeeksStartOnMondayAndMonthsOnTheFirst) {
  struct Case {
    std::int32_t day, week, month;
  };
  for (const Case& c : {Case{Day(2026, 11, 30), Day(2026, 11, 30), Day(2026, 11, 1)},  // a Monday
                        Case{Day(2026, 12, 6), Day(2026, 11, 30), Day(2026, 12, 1)},   // the Sunday after
                        Case{Day(1970, 1, 1), Day(1969, 12, 29), Day(1970, 1, 1)},     // a Thursday, day 0
                        Case{Day(1969, 12, 31), Day(1969, 12, 29), Day(1969, 12, 1)},  // before day 0
                        Case{Day(2028, 2, 29), Day(2028, 2, 28), Day(2028, 2, 1)}}) {  // a leap day
    EXPECT_EQ(WeekStart(c.day), c.week) << c.day;
    EXPECT_EQ(MonthStart(c.day), c.month) << c.day;
    const auto periods = PeriodsOf(c.day);
    EXPECT_EQ(periods[0], (RollupPeriod{RollupSpan::kDay, c.day}));
    EXPECT_EQ(periods[1], (RollupPeriod{RollupSpan::kWeek, c.week}));
    EXPECT_EQ(periods[2], (RollupPeriod{RollupSpan::kMonth, c.month}));
  }
}

std::int32_t LastDay(const RollupPeriod& p) {  // exclusive
  switch (p.span) {
    case RollupSpan::kDay:
      return p.first_day + 1;
    case RollupSpan::kWeek:
      return p.first_day + 7;
    case RollupSpan::kMonth: {
      std::int32_t d = p.first_day;
      while (MonthStart(d) == p.first_day) ++d;
      return d;
    }
  }
  return p.first_day;
}

TEST(RollupTest, CoverDaysCoversEachDayOnceWithPeriodsThatFallInOneGroup) {
  std::mt19937 rng(20261201);
  const std::vector<std::optional<GroupBy>> groupings = {GroupBy::kDepartment, GroupBy::kWeek, GroupBy::kMonth,
                                                         std::nullopt};
  for (int i = 0; i < 2000; ++i) {
    const std::int32_t from = Day(2025, 1, 1) + std::uniform_int_distribution<int>(0, 700)(rng);
    const std::int32_t to = from + std::uniform_int_distribution<int>(1, 400)(rng);
    const GroupBy group_by = *groupings[std::uniform_int_distribution<std::size_t>(0, 2)(rng)];
    const auto then_by = groupings[std::uniform_int_distribution<std::size_t>(0, 3)(rng)];
    const auto cover = CoverDays(from, to, group_by, then_by);
    std::int32_t next = from;
    for (const auto& p : cover) {
      ASSERT_EQ(p.first_day, next) << "contiguous, in order";
      next = LastDay(p);
      if (group_by == GroupBy::kWeek || then_by == GroupBy::kWeek) {
        EXPECT_NE(p.span, RollupSpan::kMonth);
      }
      if ((group_by == GroupBy::kMonth || then_by == GroupBy::kMonth) && p.span == RollupSpan::kWeek) {
        EXPECT_EQ(MonthStart(p.first_day), MonthStart(p.first_day + 6)) << "a week inside one month";
      }
    }
    EXPECT_EQ(next, to);
  }
}

TEST(RollupTest, AYearByDepartmentReadsTwelveMonthsAndHalfAYearByWeekReadsItsWeeks) {
  EXPECT_EQ(CoverDays(Day(2026, 1, 1), Day(2027, 1, 1), GroupBy::kDepartment, std::nullopt).size(), 12u);
  // 2026-06-01 is a Monday: 26 whole weeks, then 2 days.
  const auto weeks = CoverDays(Day(2026, 6, 1), Day(2026, 12, 2), GroupBy::kWeek, std::nullopt);
  EXPECT_EQ(weeks.size(), 28u);
  // The dashboard's default, the 181 days up to 2026-11-30: June 2–7 by day, three weeks, June 29–30 by day, then
  // July to November by month.
  EXPECT_EQ(CoverDays(Day(2026, 6, 2), Day(2026, 12, 1), GroupBy::kDepartment, std::nullopt).size(), 16u);
}

TEST(RollupTest, TallyCountsOneAppealAsTheMetricsDefineIt) {
  TallyInput open{.day = 100, .dispatched = true, .contacted = true, .contacted_on_time = true};
  const MetricCounts a = CountsOf(TallyOf(open), 110);
  EXPECT_EQ(a.total, 1);
  EXPECT_EQ(a.open, 1);
  EXPECT_EQ(a.open_age_days_sum, 10);
  EXPECT_EQ(a.response_due, 1);  // contacted
  EXPECT_EQ(a.responded_on_time, 1);
  TallyInput closed{.day = 100,
                    .finished = true,
                    .closed = true,
                    .dispatched = true,
                    .replied = true,
                    .closed_on_time = true,
                    .called_back = true,
                    .resolved = true,
                    .satisfied = true,
                    .repeats = true,
                    .causes = {2, 0, 0, 0, 1}};
  const MetricCounts b = CountsOf(TallyOf(closed), 110);
  EXPECT_EQ(b.open, 0);
  EXPECT_EQ(b.open_age_days_sum, 0);
  EXPECT_EQ(b.response_due, 0);  // dispatched, not contacted: the clock decides, not the tally
  EXPECT_EQ(b.closed_on_time, 1);
  EXPECT_EQ(b.satisfied, 1);
  EXPECT_EQ(b.repeats, 1);
  EXPECT_EQ(b.causes[0], 2);
  EXPECT_EQ(b.causes[4], 1);
  Tally both = TallyOf(open);
  both += TallyOf(closed);
  both -= TallyOf(open);
  EXPECT_EQ(both, TallyOf(closed));
  EXPECT_FALSE(both.IsZero());
  both -= TallyOf(closed);
  EXPECT_TRUE(both.IsZero());
}

}  // namespace
}  // namespace minsheng
