#include "core/time_buckets.h"

#include <gtest/gtest.h>

#include "core/calendar.h"

namespace minsheng {
namespace {

std::chrono::sys_days Day(const char* text) { return *ParseDate(text); }

TEST(TimeBucketKey, WeeksStartOnMondayAndMonthsAreYearMonth) {
  struct Case {
    GroupBy group_by;
    const char* day;
    const char* key;
  };
  const Case cases[] = {
      {GroupBy::kWeek, "2026-11-16", "2026-11-16"},  // a Monday is its own week
      {GroupBy::kWeek, "2026-11-22", "2026-11-16"},  // Sunday ends it
      {GroupBy::kWeek, "2026-11-23", "2026-11-23"},
      {GroupBy::kWeek, "2026-01-01", "2025-12-29"},  // across the new year
      {GroupBy::kWeek, "2024-03-01", "2024-02-26"},  // leap year
      {GroupBy::kMonth, "2026-11-30", "2026-11"},
      {GroupBy::kMonth, "2026-01-01", "2026-01"},
  };
  for (const Case& c : cases) EXPECT_EQ(TimeBucketKey(c.group_by, Day(c.day)), c.key) << c.day;
}

TEST(TimeBucketsBetween, ListsEveryOverlappingBucketInOrder) {
  auto weeks = TimeBucketsBetween(GroupBy::kWeek, Day("2026-10-01"), Day("2026-10-20"), 100);
  ASSERT_TRUE(weeks);
  EXPECT_EQ(*weeks, (std::vector<std::string>{"2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19"}));
  auto months = TimeBucketsBetween(GroupBy::kMonth, Day("2025-11-15"), Day("2026-02-01"), 100);
  ASSERT_TRUE(months);
  EXPECT_EQ(*months, (std::vector<std::string>{"2025-11", "2025-12", "2026-01", "2026-02"}));
  auto one = TimeBucketsBetween(GroupBy::kMonth, Day("2026-02-03"), Day("2026-02-03"), 100);
  ASSERT_TRUE(one);
  EXPECT_EQ(*one, std::vector<std::string>{"2026-02"});
  auto none = TimeBucketsBetween(GroupBy::kWeek, Day("2026-02-03"), Day("2026-02-01"), 100);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(TimeBucketsBetween, RefusesMoreThanTheLimitButAllowsExactlyIt) {
  auto exact = TimeBucketsBetween(GroupBy::kMonth, Day("2026-01-10"), Day("2026-12-31"), 12);
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->size(), 12u);
  auto over = TimeBucketsBetween(GroupBy::kMonth, Day("2026-01-10"), Day("2027-01-01"), 12);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, "invalid_value");
  EXPECT_EQ(over.error().field, "from");
}

TEST(TimeBucketName, ReadsAsPeopleWriteDates) {
  EXPECT_EQ(TimeBucketName(GroupBy::kMonth, "2026-03"), "2026年3月");
  EXPECT_EQ(TimeBucketName(GroupBy::kMonth, "2026-11"), "2026年11月");
  EXPECT_EQ(TimeBucketName(GroupBy::kWeek, "2026-11-16"), "11月16日—11月22日");
  EXPECT_EQ(TimeBucketName(GroupBy::kWeek, "2025-12-29"), "2025年12月29日—2026年1月4日");
}

TEST(TimeBucketDays, GivesTheFirstAndLastDayOfEachBucket) {
  struct Case {
    GroupBy group_by;
    std::string key;
    std::string first, last;
  };
  for (const Case& c : std::vector<Case>{{GroupBy::kWeek, "2026-11-16", "2026-11-16", "2026-11-22"},
                                         {GroupBy::kWeek, "2025-12-29", "2025-12-29", "2026-01-04"},
                                         {GroupBy::kMonth, "2026-02", "2026-02-01", "2026-02-28"},
                                         {GroupBy::kMonth, "2024-02", "2024-02-01", "2024-02-29"},
                                         {GroupBy::kMonth, "2026-12", "2026-12-01", "2026-12-31"}}) {
    auto range = TimeBucketDays(c.group_by, c.key);
    ASSERT_TRUE(range.has_value()) << c.key;
    EXPECT_EQ(FormatDate(range->first), c.first) << c.key;
    EXPECT_EQ(FormatDate(range->second), c.last) << c.key;
    EXPECT_EQ(TimeBucketKey(c.group_by, range->first), c.key);
    EXPECT_EQ(TimeBucketKey(c.group_by, range->second), c.key);
  }
  // Not a bucket key: a Tuesday as a week, a bad month, another grouping.
  EXPECT_FALSE(TimeBucketDays(GroupBy::kWeek, "2026-11-17"));
  EXPECT_FALSE(TimeBucketDays(GroupBy::kMonth, "2026-13"));
  EXPECT_FALSE(TimeBucketDays(GroupBy::kMonth, "2026-1"));
  EXPECT_FALSE(TimeBucketDays(GroupBy::kDepartment, "2026-11"));
}

}  // namespace
}  // namespace minsheng
