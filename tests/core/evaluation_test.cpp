#include "core/evaluation.h"

#include <gtest/gtest.h>

#include <vector>

namespace minsheng {
namespace {

TEST(EvaluationTest, FormScoreIsTheMeanPointsTimesTwenty) {
  struct Case {
    std::vector<int> points;
    std::size_t criteria;
    std::optional<double> score;  // nullopt: refused
  };
  for (const Case& c : std::vector<Case>{
           {{5, 5, 5}, 3, 100.0},
           {{1, 1, 1}, 3, 20.0},
           {{5, 4, 3}, 3, 80.0},
           {{4, 5}, 2, 90.0},
           {{3}, 1, 60.0},
           {{5, 5}, 3, std::nullopt},     // one criterion not scored
           {{5, 5, 5, 5}, 3, std::nullopt},  // one too many
           {{0, 5, 5}, 3, std::nullopt},  // below the scale
           {{6, 5, 5}, 3, std::nullopt},  // above it
           {{}, 0, std::nullopt},         // a form without criteria
       }) {
    auto score = FormScore(c.points, c.criteria);
    if (c.score) {
      ASSERT_TRUE(score.has_value()) << score.error().message;
      EXPECT_DOUBLE_EQ(*score, *c.score);
    } else {
      ASSERT_FALSE(score.has_value());
      EXPECT_EQ(score.error().code, "invalid_points");
      EXPECT_EQ(score.error().field, "points");
    }
  }
}

TEST(EvaluationTest, DeputiesAndResidentsWeighedByTheDeputyShare) {
  struct Case {
    std::optional<double> deputies, residents;
    double share;
    std::optional<double> combined;
  };
  for (const Case& c : std::vector<Case>{
           {80, 60, 0.5, 70},
           {80, 60, 0.75, 75},
           {80, 60, 0, 60},
           {80, std::nullopt, 0.3, 80},  // one side alone counts whole
           {std::nullopt, 60, 0.7, 60},
           {std::nullopt, std::nullopt, 0.5, std::nullopt},
           {80, 60, 1.5, 80},  // a share beyond 1 is taken as 1
       }) {
    auto combined = CombineScores(c.deputies, c.residents, c.share);
    ASSERT_EQ(combined.has_value(), c.combined.has_value());
    if (combined) {
      EXPECT_DOUBLE_EQ(*combined, *c.combined);
    }
  }
}

TEST(EvaluationTest, BottomIsTheLastTenthAtLeastOne) {
  struct Case {
    int scored, bottom;
  };
  for (const Case& c : std::vector<Case>{{0, 0}, {1, 0}, {2, 1}, {9, 1}, {10, 1}, {11, 2}, {20, 2}, {21, 3}}) {
    EXPECT_EQ(DefaultBottomCount(c.scored), c.bottom) << c.scored;
  }
}

TEST(EvaluationTest, RanksBestFirstTiesShareARankAndTheBottomTies) {
  struct Case {
    std::vector<std::optional<double>> scores;
    int bottom;
    std::vector<int> ranks;
    std::vector<bool> marked;
  };
  for (const Case& c : std::vector<Case>{
           {{70, 90, 80}, 1, {3, 1, 2}, {true, false, false}},
           {{90, 80, 80, 70}, 1, {1, 2, 2, 4}, {false, false, false, true}},
           {{90, 80, 70, 70}, 1, {1, 2, 3, 3}, {false, false, true, true}},  // a tie at the edge: both
           {{90, std::nullopt, 70}, 1, {1, 0, 2}, {false, false, true}},      // unscored: no rank, never bottom
           {{90, 80, 70}, 0, {1, 2, 3}, {false, false, false}},
           {{90, 80}, 5, {1, 2}, {true, true}},  // more bottom than units: all
           {{}, 1, {}, {}},
       }) {
    auto standings = RankEvaluation(c.scores, c.bottom);
    ASSERT_EQ(standings.size(), c.scores.size());
    for (std::size_t i = 0; i < standings.size(); ++i) {
      EXPECT_EQ(standings[i].rank, c.ranks[i]) << "unit " << i;
      EXPECT_EQ(standings[i].bottom, c.marked[i]) << "unit " << i;
    }
  }
}

TEST(EvaluationTest, NamesRoundTrip) {
  for (auto kind : {EvaluatorKind::kDeputy, EvaluatorKind::kResident}) {
    EXPECT_EQ(ParseEvaluatorKind(EvaluatorKindName(kind)).value(), kind);
  }
  for (auto kind : {EvaluationKind::kMeeting, EvaluationKind::kReport}) {
    EXPECT_EQ(ParseEvaluationKind(EvaluationKindName(kind)).value(), kind);
  }
  EXPECT_EQ(ParseEvaluatorKind("public").error().field, "evaluator");
  EXPECT_EQ(ParseEvaluationKind("vote").error().field, "kind");
}

}  // namespace
}  // namespace minsheng
