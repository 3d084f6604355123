// Issue 13: the public numbers' rate limit and cache (api/public_metrics_gate.h), on explicit times.
#include "api/public_metrics_gate.h"

#include <gtest/gtest.h>

namespace minsheng::api {
namespace {

using namespace std::chrono_literals;
using TimePoint = PublicMetricsGate::TimePoint;

TEST(PublicMetricsGateTest, LimitsEachAddressAndSaysWhenToComeBack) {
  PublicMetricsGate gate({.cache_ttl = 30s, .per_minute = 3});
  const TimePoint t0{};
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(gate.Admit("10.0.0.1", t0 + std::chrono::milliseconds(i))) << i;
  auto refused = gate.Admit("10.0.0.1", t0 + 1s);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kRateLimited);
  EXPECT_EQ(refused.error().code, "rate_limited");
  EXPECT_EQ(refused.error().retry_after_seconds, 20);  // 60 s / 3 calls
  EXPECT_TRUE(gate.Admit("10.0.0.2", t0 + 1s));       // another address has its own calls
  EXPECT_TRUE(gate.Admit("10.0.0.1", t0 + 21s));      // one call regained after 20 s
  EXPECT_FALSE(gate.Admit("10.0.0.1", t0 + 22s));
}

TEST(PublicMetricsGateTest, RetryAfterIsAtLeastOneSecondAndZeroMeansNoLimit) {
  struct Case {
    int per_minute;
    int retry_after;
  };
  for (const auto& c : {Case{1, 60}, Case{7, 9}, Case{60, 1}, Case{1000, 1}}) {
    PublicMetricsGate gate({.cache_ttl = 0s, .per_minute = c.per_minute});
    Status last;
    for (int i = 0; i <= c.per_minute && last; ++i) last = gate.Admit("a", TimePoint{});
    ASSERT_FALSE(last) << c.per_minute;
    EXPECT_EQ(last.error().retry_after_seconds, c.retry_after) << c.per_minute;
  }
  PublicMetricsGate unlimited({.cache_ttl = 0s, .per_minute = 0});
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(unlimited.Admit("a", TimePoint{})) << i;
}

TEST(PublicMetricsGateTest, CachesAnswersForTheTtl) {
  PublicMetricsGate gate({.cache_ttl = 30s, .per_minute = 0});
  const TimePoint t0{};
  EXPECT_EQ(gate.Find("department||1|2|", t0), std::nullopt);
  gate.Store("department||1|2|", R"({"total":1})", t0);
  EXPECT_EQ(gate.Find("department||1|2|", t0 + 29s), R"({"total":1})");
  EXPECT_EQ(gate.Find("street||1|2|", t0 + 1s), std::nullopt);
  EXPECT_EQ(gate.Find("department||1|2|", t0 + 30s), std::nullopt);  // expired
  gate.Store("department||1|2|", R"({"total":2})", t0 + 30s);
  EXPECT_EQ(gate.Find("department||1|2|", t0 + 31s), R"({"total":2})");
}

TEST(PublicMetricsGateTest, NoCacheWithATtlOfZero) {
  PublicMetricsGate gate({.cache_ttl = 0s, .per_minute = 0});
  gate.Store("k", "{}", TimePoint{});
  EXPECT_EQ(gate.Find("k", TimePoint{}), std::nullopt);
}

TEST(PublicMetricsGateTest, MemoryIsBounded) {
  PublicMetricsGate gate({.cache_ttl = 30s, .per_minute = 0});
  const TimePoint t0{};
  for (std::size_t i = 0; i < PublicMetricsGate::kMaxEntries; ++i) gate.Store(std::to_string(i) + "old", "{}", t0);
  // Full of fresh answers: a new one clears them all; full of expired ones: the expired go.
  gate.Store("new", "1", t0 + 1s);
  EXPECT_EQ(gate.Find("0old", t0 + 1s), std::nullopt);
  EXPECT_EQ(gate.Find("new", t0 + 1s), "1");
  for (std::size_t i = 1; i < PublicMetricsGate::kMaxEntries; ++i) gate.Store(std::to_string(i) + "a", "{}", t0 + 1s);
  gate.Store("late", "2", t0 + 40s);
  EXPECT_EQ(gate.Find("late", t0 + 40s), "2");
  EXPECT_EQ(gate.Find("1a", t0 + 40s), std::nullopt);
}

}  // namespace
}  // namespace minsheng::api
