#include "core/bulletin.h"

#include <gtest/gtest.h>

#include "core/calendar.h"

namespace minsheng {
namespace {

using K = BulletinKind;
using std::chrono::sys_days;

sys_days Day(std::string_view text) {
  auto d = ParseDate(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(sys_days{});
}

TEST(BulletinTest, ParsesMonthsAndQuarters) {
  struct Case {
    std::string_view text;
    bool quarter;
    std::optional<BulletinPeriod> want;  // nullopt: refused
  };
  const Case cases[] = {
      {"2026-10", false, BulletinPeriod{K::kMonth, 2026, 10}},
      {"2026-01", false, BulletinPeriod{K::kMonth, 2026, 1}},
      {"2026-12", false, BulletinPeriod{K::kMonth, 2026, 12}},
      {"2026-13", false, std::nullopt},
      {"2026-00", false, std::nullopt},
      {"2026-1", false, std::nullopt},
      {"2026/10", false, std::nullopt},
      {"26-10", false, std::nullopt},
      {"1999-10", false, std::nullopt},
      {"2026-10-01", false, std::nullopt},
      {"", false, std::nullopt},
      {"abcd-ef", false, std::nullopt},
      {"2026-Q3", true, BulletinPeriod{K::kQuarter, 2026, 3}},
      {"2026-q1", true, BulletinPeriod{K::kQuarter, 2026, 1}},
      {"2026-Q4", true, BulletinPeriod{K::kQuarter, 2026, 4}},
      {"2026-Q5", true, std::nullopt},
      {"2026-Q0", true, std::nullopt},
      {"2026-3", true, std::nullopt},
      {"2026-Q12", true, std::nullopt},
  };
  for (const auto& c : cases) {
    auto got = c.quarter ? ParseBulletinQuarter(c.text) : ParseBulletinMonth(c.text);
    if (c.want) {
      ASSERT_TRUE(got.has_value()) << c.text;
      EXPECT_EQ(*got, *c.want) << c.text;
      EXPECT_EQ(PeriodKey(*got), c.quarter ? std::string(c.text.substr(0, 5)) + "Q" + std::string(c.text.substr(6))
                                           : std::string(c.text));
    } else {
      ASSERT_FALSE(got.has_value()) << c.text;
      EXPECT_EQ(got.error().code, c.quarter ? "invalid_quarter" : "invalid_month") << c.text;
      EXPECT_EQ(got.error().field, c.quarter ? "quarter" : "month") << c.text;
    }
  }
}

TEST(BulletinTest, PreviousPeriodDaysAndLabels) {
  struct Case {
    BulletinPeriod period;
    std::string previous;
    std::string first_day;
    std::string end_day;  // the day after the last
    std::string label;
    std::vector<std::string> months;
  };
  const Case cases[] = {
      {{K::kMonth, 2026, 10}, "2026-09", "2026-10-01", "2026-11-01", "2026年10月", {"2026-10"}},
      {{K::kMonth, 2026, 1}, "2025-12", "2026-01-01", "2026-02-01", "2026年1月", {"2026-01"}},
      {{K::kMonth, 2026, 12}, "2026-11", "2026-12-01", "2027-01-01", "2026年12月", {"2026-12"}},
      {{K::kMonth, 2024, 2}, "2024-01", "2024-02-01", "2024-03-01", "2024年2月", {"2024-02"}},
      {{K::kQuarter, 2026, 3}, "2026-Q2", "2026-07-01", "2026-10-01", "2026年第三季度", {"2026-07", "2026-08", "2026-09"}},
      {{K::kQuarter, 2026, 1}, "2025-Q4", "2026-01-01", "2026-04-01", "2026年第一季度", {"2026-01", "2026-02", "2026-03"}},
      {{K::kQuarter, 2026, 4}, "2026-Q3", "2026-10-01", "2027-01-01", "2026年第四季度", {"2026-10", "2026-11", "2026-12"}},
  };
  for (const auto& c : cases) {
    const std::string key = PeriodKey(c.period);
    EXPECT_EQ(PeriodKey(PreviousPeriod(c.period)), c.previous) << key;
    const auto [first, end] = PeriodDays(c.period);
    EXPECT_EQ(FormatDate(first), c.first_day) << key;
    EXPECT_EQ(FormatDate(end), c.end_day) << key;
    EXPECT_EQ(PeriodLabel(c.period), c.label) << key;
    std::vector<std::string> months;
    for (const auto& m : MonthsOf(c.period)) months.push_back(PeriodKey(m));
    EXPECT_EQ(months, c.months) << key;
  }
}

TEST(BulletinTest, OnlyEndedPeriodsArePublished) {
  struct Case {
    BulletinPeriod period;
    std::string today;
    bool ended;
  };
  const Case cases[] = {
      {{K::kMonth, 2026, 10}, "2026-11-18", true},
      {{K::kMonth, 2026, 10}, "2026-11-01", true},
      {{K::kMonth, 2026, 10}, "2026-10-31", false},
      {{K::kMonth, 2026, 11}, "2026-11-18", false},
      {{K::kQuarter, 2026, 3}, "2026-10-01", true},
      {{K::kQuarter, 2026, 4}, "2026-11-18", false},
  };
  for (const auto& c : cases) EXPECT_EQ(PeriodEnded(c.period, Day(c.today)), c.ended) << PeriodKey(c.period) << " " << c.today;
}

TEST(BulletinTest, RateChangesInPercentagePoints) {
  struct Case {
    std::optional<double> current, previous;
    std::optional<double> points;  // nullopt: no change told
    std::string_view direction;
    std::string_view arrow;
  };
  const Case cases[] = {
      {87.5, 80.0, 7.5, "up", "↑"},
      {80.0, 87.5, -7.5, "down", "↓"},
      {66.7, 66.7, 0.0, "flat", "→"},
      {66.72, 66.7, 0.0, "flat", "→"},
      {66.8, 66.7, 0.1, "up", "↑"},
      {100.0, 0.0, 100.0, "up", "↑"},
      {std::nullopt, 50.0, std::nullopt, "", ""},
      {50.0, std::nullopt, std::nullopt, "", ""},
  };
  for (const auto& c : cases) {
    auto got = ChangeOf(c.current, c.previous);
    ASSERT_EQ(got.has_value(), c.points.has_value());
    if (!got) continue;
    EXPECT_DOUBLE_EQ(got->points, *c.points);
    EXPECT_EQ(got->direction, c.direction);
    EXPECT_EQ(got->arrow, c.arrow);
  }
}

TEST(BulletinTest, PercentsAndRankChanges) {
  EXPECT_EQ(Percent(0.87456), 87.5);
  EXPECT_EQ(Percent(1.0), 100.0);
  EXPECT_EQ(Percent(2.0 / 3.0), 66.7);
  EXPECT_EQ(Percent(std::nullopt), std::nullopt);
  EXPECT_EQ(RankChange(2, 5), 3);   // moved up three places
  EXPECT_EQ(RankChange(5, 2), -3);  // down three
  EXPECT_EQ(RankChange(1, 1), 0);
  EXPECT_EQ(RankChange(1, std::nullopt), std::nullopt);
}

TEST(BulletinTest, SupersedingNeedsANote) {
  struct Case {
    bool has_current;
    std::string note;
    bool ok;
  };
  const Case cases[] = {
      {false, "", true}, {false, "补录", true}, {true, "更正满意率", true}, {true, "", false}, {true, "  \n", false},
  };
  for (const auto& c : cases) {
    auto got = CheckSupersede(c.has_current, c.note);
    EXPECT_EQ(got.has_value(), c.ok) << c.note;
    if (!got) {
      EXPECT_EQ(got.error().code, "note_required");
      EXPECT_EQ(got.error().field, "note");
      EXPECT_EQ(got.error().kind, ErrorKind::kConflict);
    }
  }
  EXPECT_EQ(BulletinKindName(K::kQuarter), "quarter");
  EXPECT_EQ(BulletinKindLabel(K::kMonth), "月度通报");
}

}  // namespace
}  // namespace minsheng
