#include "core/five_ones.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace minsheng {
namespace {

std::vector<std::string> Names(const std::vector<DutyActivity>& activities) {
  std::vector<std::string> out;
  for (DutyActivity a : activities) out.emplace_back(DutyActivityName(a));
  return out;
}

TEST(FiveOnes, MissingAreTheActivitiesWithNoCount) {
  struct Case {
    DutyActivityCounts counts;  // meeting, proposal, investigation, opinion_report, good_deed
    std::vector<std::string> missing;
  };
  const std::vector<Case> cases = {
      {{0, 0, 0, 0, 0}, {"meeting", "proposal", "investigation", "opinion_report", "good_deed"}},
      {{1, 1, 1, 1, 1}, {}},
      {{3, 0, 2, 0, 1}, {"proposal", "opinion_report"}},
      {{0, 1, 1, 1, 1}, {"meeting"}},
      {{1, 1, 1, 1, 0}, {"good_deed"}},
  };
  for (const Case& c : cases) EXPECT_EQ(Names(MissingFiveOnes(c.counts)), c.missing);
}

TEST(FiveOnes, NamesRoundTripAndHaveLabels) {
  for (DutyActivity a : kDutyActivities) {
    EXPECT_EQ(ParseDutyActivity(DutyActivityName(a)), a);
    EXPECT_FALSE(DutyActivityLabel(a).empty());
  }
  EXPECT_EQ(ParseDutyActivity("vote"), std::nullopt);
}

}  // namespace
}  // namespace minsheng
