// The hot-spot rule at its edges: the minimum count, the threshold, a flat history (MAD 0) and a spread one.
#include "core/hotspot.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace minsheng {
namespace {

std::vector<std::int64_t> Flat(std::int64_t n) { return std::vector<std::int64_t>(12, n); }

struct Case {
  const char* what;
  std::vector<std::int64_t> history;
  std::int64_t count;
  double baseline;
  double mad;
  double score;
  bool warning;
};

const std::vector<Case> kCases = {
    {"1 → 3 is noise: under the minimum count", Flat(1), 3, 1, 0, 2.0, false},
    {"none before, 4 now: a high score under the minimum count", Flat(0), 4, 0, 0, 4.0, false},
    {"none before, 5 now: the minimum count and past the threshold", Flat(0), 5, 0, 0, 5.0, true},
    {"a flat 4 a week: √4 is the spread, 11 is exactly at the threshold", Flat(4), 11, 4, 0, 3.5, true},
    {"a flat 4 a week, 10 now: just under", Flat(4), 10, 4, 0, 3.0, false},
    // Sorted: 7 8 9 9 10 10 10 10 11 11 12 13: median 10, deviations' median 1 (1.48 < √10 = 3.16).
    {"a usual spread, 22 now", {10, 12, 8, 11, 9, 10, 13, 7, 10, 11, 9, 10}, 22, 10, 1, 12 / std::sqrt(10.0), true},
    {"a usual spread, 20 now", {10, 12, 8, 11, 9, 10, 13, 7, 10, 11, 9, 10}, 20, 10, 1, 10 / std::sqrt(10.0), false},
    // Median 10, every deviation 10: the MAD (14.8) is the scale, not √10.
    {"a wide spread: 60 is usual enough", {0, 20, 0, 20, 0, 20, 0, 20, 0, 20, 0, 20}, 60, 10, 10, 50 / 14.826, false},
    {"a wide spread: 62 is not", {0, 20, 0, 20, 0, 20, 0, 20, 0, 20, 0, 20}, 62, 10, 10, 52 / 14.826, true},
    {"a fall is never a warning", Flat(30), 5, 30, 0, -25 / std::sqrt(30.0), false},
    {"no history at all", {}, 6, 0, 0, 6.0, true},
};

TEST(HotspotTest, ScoresEachCaseOfTheTable) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.what);
    const HotspotScore s = ScoreWeek(c.count, c.history);
    EXPECT_DOUBLE_EQ(s.baseline, c.baseline);
    EXPECT_DOUBLE_EQ(s.mad, c.mad);
    EXPECT_NEAR(s.score, c.score, 1e-9);
    EXPECT_EQ(s.warning, c.warning);
  }
}

TEST(HotspotTest, TheOrderOfTheWeeksDoesNotMatter) {
  std::vector<std::int64_t> history = {3, 9, 0, 4, 4, 7, 1, 2, 6, 5, 8, 3};
  const HotspotScore first = ScoreWeek(17, history);
  std::reverse(history.begin(), history.end());
  std::rotate(history.begin(), history.begin() + 5, history.end());
  const HotspotScore second = ScoreWeek(17, history);
  EXPECT_DOUBLE_EQ(first.baseline, second.baseline);
  EXPECT_DOUBLE_EQ(first.mad, second.mad);
  EXPECT_DOUBLE_EQ(first.score, second.score);
  EXPECT_DOUBLE_EQ(first.baseline, 4);  // sorted: 0 1 2 3 3 4 4 5 6 7 8 9
}

TEST(HotspotTest, TheRuleSetsTheMinimumAndTheThreshold) {
  EXPECT_FALSE(ScoreWeek(5, Flat(0), {.min_count = 6}).warning);
  EXPECT_TRUE(ScoreWeek(4, Flat(0), {.min_count = 4}).warning);  // 4 is past 3.5 too
  EXPECT_FALSE(ScoreWeek(11, Flat(4), {.threshold = 3.6}).warning);
}

}  // namespace
}  // namespace minsheng
