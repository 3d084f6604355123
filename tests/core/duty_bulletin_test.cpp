#include "core/duty_bulletin.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace minsheng {
namespace {

TEST(DutyBulletin, ScoreRewardsPresenceAndContactAndCostsAbsenceAndRelaying) {
  struct Case {
    std::string name;
    BulletinFigures f;
    int want;
  };
  const std::vector<Case> cases = {
      {"nothing", {}, 0},
      {"two shifts attended", {.shifts_due = 2, .attended = 2}, 4},
      {"attended late once", {.shifts_due = 1, .attended = 1, .late = 1}, 1},
      {"left early once", {.shifts_due = 1, .attended = 1, .left_early = 1}, 1},
      {"came and left", {.shifts_due = 1, .came_and_left = 1}, -1},
      {"absent", {.shifts_due = 1, .absent = 1}, -3},
      {"field work", {.receptions = 3, .visits = 2, .people_met = 40}, 5},
      {"a case followed to close with contacts", {.followed = 1, .closed = 1, .contacts = 2}, 4},
      {"a case only relayed", {.followed = 1, .relayed_only = 1}, -2},
  };
  for (const Case& c : cases) EXPECT_EQ(DutyScore(c.f), c.want) << c.name;
}

TEST(DutyBulletin, RanksByScoreThenAttendanceThenNameAndSharesTies) {
  std::vector<BulletinRow> rows = {
      {1, "丙", {.attended = 1, .receptions = 2}},  // 4
      {2, "甲", {.attended = 2}},                   // 4, more shifts: before 丙
      {3, "乙", {.absent = 1}},                     // -3
      {4, "丁", {.attended = 3, .receptions = 1}},  // 7
      {5, "戊", {.attended = 1, .receptions = 2}},  // 4, as 丙: by name
  };
  RankBulletin(rows);
  std::vector<std::string> order;
  std::vector<int> ranks;
  for (const auto& r : rows) {
    order.push_back(r.name);
    ranks.push_back(r.rank);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"丁", "甲", "丙", "戊", "乙"}));
  EXPECT_EQ(ranks, (std::vector<int>{1, 2, 2, 2, 5}));
  EXPECT_EQ(rows.front().score, 7);
}

}  // namespace
}  // namespace minsheng
