#include "core/risk_assessment.h"

#include <gtest/gtest.h>

#include <vector>

namespace minsheng {
namespace {

// The 2/3 bar at exactly 2/3, one short and one over, in exact integers.
TEST(RiskAssessmentTest, MoreThanTwoThirdsPasses) {
  struct Case {
    std::int64_t supporters, respondents;
    bool passed;
  };
  for (const Case& c : std::vector<Case>{
           {6, 9, false},   // exactly two thirds does not pass
           {5, 9, false},   // one short
           {7, 9, true},    // one over
           {2, 3, false},   // exactly two thirds
           {3, 3, true},
           {20, 30, false}, // exactly two thirds
           {21, 30, true},
           {67, 100, true}, // 67% > 66.67%
           {66, 100, false},
           {1, 1, true},
           {0, 1, false},
           {0, 0, false},   // no respondent never passes
       }) {
    EXPECT_EQ(PassesTwoThirds(c.supporters, c.respondents), c.passed) << c.supporters << "/" << c.respondents;
  }
}

// A supporter scores support 4 or 5; the report's means and share.
TEST(RiskAssessmentTest, ReportCountsSupportersOfFourOrFive) {
  // 9 respondents: 6 supporters (4 or 5), one 3 (neutral) and two low: exactly 2/3 → vetoed.
  std::vector<RiskResponse> nine = {{5, 4, 4}, {5, 5, 5}, {4, 3, 4}, {4, 4, 3}, {4, 4, 4},
                                    {5, 3, 3}, {3, 3, 3}, {2, 2, 2}, {1, 1, 1}};
  RiskReport r = ReportOf(nine);
  EXPECT_EQ(r.respondents, 9);
  EXPECT_EQ(r.supporters, 6);
  EXPECT_DOUBLE_EQ(r.support_share, 6.0 / 9.0);
  EXPECT_DOUBLE_EQ(r.mean_support, 33.0 / 9.0);
  EXPECT_DOUBLE_EQ(r.mean_satisfaction, 29.0 / 9.0);
  EXPECT_DOUBLE_EQ(r.mean_confidence, 29.0 / 9.0);
  EXPECT_FALSE(r.passed);
  // One neutral respondent more becomes a supporter: 7 of 9 → passes.
  nine[6].support = 4;
  r = ReportOf(nine);
  EXPECT_EQ(r.supporters, 7);
  EXPECT_TRUE(r.passed);
  // Nobody answered.
  r = ReportOf({});
  EXPECT_EQ(r.respondents, 0);
  EXPECT_DOUBLE_EQ(r.support_share, 0.0);
  EXPECT_FALSE(r.passed);
}

TEST(RiskAssessmentTest, ScoresOneToFiveEach) {
  struct Case {
    RiskResponse response;
    std::string field;  // "" when valid
  };
  for (const Case& c : std::vector<Case>{
           {{1, 1, 1}, ""},
           {{5, 5, 5}, ""},
           {{0, 3, 3}, "support"},
           {{6, 3, 3}, "support"},
           {{3, 0, 3}, "satisfaction"},
           {{3, 3, 6}, "confidence"},
       }) {
    auto r = CheckRiskResponse(c.response);
    if (c.field.empty()) {
      EXPECT_TRUE(r.has_value());
    } else {
      ASSERT_FALSE(r.has_value()) << c.field;
      EXPECT_EQ(r.error().field, c.field);
      EXPECT_EQ(r.error().code, "out_of_range");
    }
  }
  EXPECT_EQ(ParseRiskStatus("vetoed"), RiskStatus::kVetoed);
  EXPECT_EQ(ParseRiskStatus("nope"), std::nullopt);
}

// Responses and the decision while collecting; nothing once decided (passed or vetoed is final).
TEST(RiskAssessmentTest, StepsAllowedAndRefused) {
  EXPECT_EQ(AllowedRiskActions(RiskStatus::kCollecting), (std::vector<std::string>{"respond", "decide"}));
  EXPECT_TRUE(AllowedRiskActions(RiskStatus::kPassed).empty());
  EXPECT_TRUE(AllowedRiskActions(RiskStatus::kVetoed).empty());
}

}  // namespace
}  // namespace minsheng
