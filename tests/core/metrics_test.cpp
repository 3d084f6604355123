#include "core/metrics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace minsheng {
namespace {

// A hand-computed fixture: 100 appeals registered in the period.
MetricCounts Fixture() {
  MetricCounts c;
  c.total = 100;
  c.dispatched = 80;
  c.response_due = 60;
  c.responded_on_time = 45;  // 45/60 = 0.75
  c.replied = 50;            // 50/80 = 0.625
  c.closed = 40;
  c.closed_on_time = 30;     // 30/40 = 0.75
  c.called_back = 40;        // 40/50 = 0.8
  c.resolved = 28;           // 28/40 = 0.7
  c.satisfied = 34;          // 34/40 = 0.85
  c.reopened = 4;            // 4/40 = 0.1
  c.open = 20;
  c.open_age_days_sum = 150;  // 150/20 = 7.5 days
  c.overdue = 5;
  return c;
}

struct RateCase {
  const char* name;
  std::optional<double> Rates::*member;
  std::optional<double> expected;
};

void ExpectRates(const Rates& rates, const std::vector<RateCase>& cases) {
  for (const RateCase& c : cases) {
    const std::optional<double>& actual = rates.*c.member;
    ASSERT_EQ(actual.has_value(), c.expected.has_value()) << c.name;
    if (actual) {
      EXPECT_FALSE(std::isnan(*actual)) << c.name;
      EXPECT_DOUBLE_EQ(*actual, *c.expected) << c.name;
    }
  }
}

TEST(MetricsTest, RatesFromHandComputedFixture) {
  ExpectRates(ComputeRates(Fixture()), {
                                           {"response", &Rates::response_rate, 0.75},
                                           {"resolution", &Rates::resolution_rate, 0.7},
                                           {"satisfaction", &Rates::satisfaction_rate, 0.85},
                                           {"on_time", &Rates::on_time_rate, 0.75},
                                           {"reply", &Rates::reply_rate, 0.625},
                                           {"callback", &Rates::callback_rate, 0.8},
                                           {"reopen", &Rates::reopen_rate, 0.1},
                                           {"backlog_age", &Rates::backlog_age_days, 7.5},
                                       });
}

TEST(MetricsTest, ZeroDenominatorsGiveNoValue) {
  ExpectRates(ComputeRates(MetricCounts{}), {
                                                {"response", &Rates::response_rate, std::nullopt},
                                                {"resolution", &Rates::resolution_rate, std::nullopt},
                                                {"satisfaction", &Rates::satisfaction_rate, std::nullopt},
                                                {"on_time", &Rates::on_time_rate, std::nullopt},
                                                {"reply", &Rates::reply_rate, std::nullopt},
                                                {"callback", &Rates::callback_rate, std::nullopt},
                                                {"reopen", &Rates::reopen_rate, std::nullopt},
                                                {"backlog_age", &Rates::backlog_age_days, std::nullopt},
                                            });
  // Replied but nobody called back yet: callback rate is 0, the callback-based rates do not exist.
  MetricCounts c;
  c.dispatched = 10;
  c.replied = 4;
  c.response_due = 5;
  c.responded_on_time = 0;
  ExpectRates(ComputeRates(c), {
                                   {"response", &Rates::response_rate, 0.0},
                                   {"reply", &Rates::reply_rate, 0.4},
                                   {"callback", &Rates::callback_rate, 0.0},
                                   {"resolution", &Rates::resolution_rate, std::nullopt},
                                   {"satisfaction", &Rates::satisfaction_rate, std::nullopt},
                                   {"reopen", &Rates::reopen_rate, std::nullopt},
                                   {"on_time", &Rates::on_time_rate, std::nullopt},
                                   {"backlog_age", &Rates::backlog_age_days, std::nullopt},
                               });
}

TEST(MetricsTest, CountsAdd) {
  MetricCounts sum;
  sum += Fixture();
  sum += Fixture();
  const MetricCounts f = Fixture();
  MetricCounts doubled;
  // Every field is summed: compare field by field through a pointer table.
  for (std::int64_t MetricCounts::*m :
       {&MetricCounts::total, &MetricCounts::dispatched, &MetricCounts::response_due,
        &MetricCounts::responded_on_time, &MetricCounts::replied, &MetricCounts::closed,
        &MetricCounts::closed_on_time, &MetricCounts::called_back, &MetricCounts::resolved,
        &MetricCounts::satisfied, &MetricCounts::reopened, &MetricCounts::open,
        &MetricCounts::open_age_days_sum, &MetricCounts::overdue}) {
    EXPECT_EQ(sum.*m, 2 * (f.*m));
    doubled.*m = 2 * (f.*m);
  }
  EXPECT_EQ(sum, doubled);
  // Rates of the sum are pooled, not averaged.
  MetricCounts a, b;
  a.called_back = 1, a.resolved = 1;
  b.called_back = 3, b.resolved = 0;
  a += b;
  EXPECT_DOUBLE_EQ(*ComputeRates(a).resolution_rate, 0.25);
}

TEST(MetricsTest, ParseRankingWeights) {
  struct Case {
    std::string_view spec;
    RankingWeights expected;
  };
  for (const Case& c : std::vector<Case>{
           {"", RankingWeights{}},
           {"  ", RankingWeights{}},
           {"response:1", {1, 0, 0, 0, 0, 0, 0}},
           {"response:0.3, resolution : 0.4 ,satisfaction:0.3", {0.3, 0.4, 0.3, 0, 0, 0, 0}},
           {"on_time:1,reply:2,callback:3", {0, 0, 0, 1, 2, 3, 0}},
           {"response_rate:2,satisfaction_rate:1,resolution:0", {2, 0, 1, 0, 0, 0, 0}},
           {"satisfaction:1e-1", {0, 0, 0.1, 0, 0, 0, 0}},
           {"evaluation:0.2,response:0.8", {0.8, 0, 0, 0, 0, 0, 0.2}},
       }) {
    auto weights = ParseRankingWeights(c.spec);
    ASSERT_TRUE(weights.has_value()) << c.spec << ": " << weights.error().message;
    EXPECT_EQ(*weights, c.expected) << c.spec;
  }
  for (std::string_view spec : {"speed:1", "response:-1", "response:abc", "response:0,resolution:0",
                                "response:1,response:2", "response", "response:", "response:nan",
                                "response:inf", "response:1,", "response:0.3x", ",response:1",
                                "backlog_age:1", "reopen:1", "Response:1"}) {
    auto weights = ParseRankingWeights(spec);
    ASSERT_FALSE(weights.has_value()) << spec;
    EXPECT_EQ(weights.error().kind, ErrorKind::kInvalid) << spec;
    EXPECT_EQ(weights.error().code, "invalid_weights") << spec;
    EXPECT_EQ(weights.error().field, "weights") << spec;
    EXPECT_FALSE(weights.error().message.empty()) << spec;
  }
}

TEST(MetricsTest, FormatRankingWeightsRoundTrips) {
  EXPECT_EQ(FormatRankingWeights(RankingWeights{}),
            "response:0.24,resolution:0.28,satisfaction:0.28,on_time:0,reply:0,callback:0,evaluation:0.2");
  for (const RankingWeights& w : {RankingWeights{}, RankingWeights{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0},
                                  RankingWeights{0, 0, 0, 0, 0, 1, 0}, RankingWeights{0, 0, 0, 0, 0, 0, 1}}) {
    auto parsed = ParseRankingWeights(FormatRankingWeights(w));
    ASSERT_TRUE(parsed.has_value()) << FormatRankingWeights(w);
    EXPECT_EQ(*parsed, w);
  }
}

TEST(MetricsTest, ScoreRenormalisesOverExistingRates) {
  const Rates full = ComputeRates(Fixture());
  struct Case {
    const char* why;
    Rates rates;
    RankingWeights weights;
    std::optional<double> expected;
  };
  Rates no_callback = full;  // response 0.75 only, of the default three
  no_callback.resolution_rate.reset();
  no_callback.satisfaction_rate.reset();
  Rates no_response = full;  // (0.35·0.7 + 0.35·0.85) / 0.7 = 0.775
  no_response.response_rate.reset();
  Rates evaluated = full;  // evaluation 0.5: (0.24·0.75 + 0.28·0.7 + 0.28·0.85 + 0.2·0.5) / 1 = 0.714
  evaluated.evaluation = 0.5;
  Rates only_evaluated;
  only_evaluated.evaluation = 0.9;
  Rates perfect;
  perfect.response_rate = perfect.resolution_rate = perfect.satisfaction_rate = 1.0;
  for (const Case& c : std::vector<Case>{
           {"defaults without evaluation: 0.3·0.75 + 0.35·0.7 + 0.35·0.85", full, {}, 76.75},
           {"defaults with evaluation", evaluated, {}, 71.4},
           {"evaluation alone", only_evaluated, {}, 90.0},
           {"evaluation weighted 0", evaluated, {0.3, 0.35, 0.35, 0, 0, 0, 0}, 76.75},
           {"missing callback rates", no_callback, {}, 75.0},
           {"missing response rate", no_response, {}, 77.5},
           {"nothing", Rates{}, {}, std::nullopt},
           {"only on-time weighted", full, {0, 0, 0, 1, 0, 0, 0}, 75.0},
           {"weights only matter by ratio", full, {3, 3.5, 3.5, 0, 0, 0, 0}, 76.75},
           {"reply and callback", full, {0, 0, 0, 0, 1, 1, 0}, 71.25},
           {"perfect", perfect, {}, 100.0},
           {"weighted rate absent", no_callback, {0, 1, 1, 0, 0, 0, 0}, std::nullopt},
       }) {
    const std::optional<double> score = Score(c.rates, c.weights);
    ASSERT_EQ(score.has_value(), c.expected.has_value()) << c.why;
    if (score) {
      EXPECT_NEAR(*score, *c.expected, 1e-9) << c.why;
    }
  }
}

TEST(MetricsTest, GroupBy) {
  for (GroupBy g : {GroupBy::kDepartment, GroupBy::kRegion, GroupBy::kCategory, GroupBy::kChannel,
                    GroupBy::kDeputy, GroupBy::kWeek, GroupBy::kMonth}) {
    auto parsed = ParseGroupBy(GroupByName(g));
    ASSERT_TRUE(parsed.has_value()) << GroupByName(g);
    EXPECT_EQ(*parsed, g);
  }
  EXPECT_EQ(GroupByName(GroupBy::kDepartment), "department");
  EXPECT_EQ(GroupByName(GroupBy::kDeputy), "deputy");
  for (std::string_view text : {"", "Department", "street", "department "}) {
    auto parsed = ParseGroupBy(text);
    ASSERT_FALSE(parsed.has_value()) << text;
    EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalid);
    EXPECT_EQ(parsed.error().code, "invalid_group_by");
    EXPECT_EQ(parsed.error().field, "group_by");
    EXPECT_NE(parsed.error().message.find("department"), std::string::npos);
    EXPECT_EQ(parsed.error().allowed,
              (std::vector<std::string>{"department", "region", "category", "channel", "deputy", "week", "month"}));
  }
}

}  // namespace
}  // namespace minsheng
