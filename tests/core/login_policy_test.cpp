#include "core/login_policy.h"

#include <gtest/gtest.h>

#include <vector>

namespace minsheng {
namespace {

using Kind = LoginVerdict::Kind;

// Fails at the times given, each attempt checked first; returns the verdicts in order.
std::vector<LoginVerdict> FailAt(const LoginPolicy& policy, LoginAttempts& a, const std::vector<Timestamp>& times) {
  std::vector<LoginVerdict> out;
  for (Timestamp t : times) {
    out.push_back(CheckLogin(policy, a, t));
    if (out.back().kind == Kind::kAllowed) a = AfterFailure(policy, a, t);
  }
  return out;
}

TEST(LoginPolicy, FiveFreeFailuresThenDoublingWaitsThenALock) {
  LoginAttempts a;
  // Five failures in five seconds are all checked.
  for (const auto& v : FailAt(kAccountLoginPolicy, a, {100, 101, 102, 103, 104})) EXPECT_EQ(v.kind, Kind::kAllowed);
  EXPECT_EQ(a.failures, 5);
  // The sixth must wait 5 s after the fifth, the seventh 10 s after the sixth, then 20, 40 s.
  struct Step {
    Timestamp at;
    Kind want;
    Timestamp retry_at;
  };
  const std::vector<Step> steps = {{108, Kind::kThrottled, 109}, {109, Kind::kAllowed, 0},
                                   {118, Kind::kThrottled, 119}, {119, Kind::kAllowed, 0},
                                   {138, Kind::kThrottled, 139}, {139, Kind::kAllowed, 0},
                                   {178, Kind::kThrottled, 179}, {179, Kind::kAllowed, 0}};
  for (const Step& s : steps) {
    const LoginVerdict v = CheckLogin(kAccountLoginPolicy, a, s.at);
    EXPECT_EQ(v.kind, s.want) << s.at;
    if (s.want == Kind::kThrottled) {
      EXPECT_EQ(v.retry_at, s.retry_at) << s.at;
    }
    if (v.kind == Kind::kAllowed) a = AfterFailure(kAccountLoginPolicy, a, s.at);
  }
  EXPECT_EQ(a.failures, 9);
  // After the ninth the wait is the longest, a minute.
  EXPECT_EQ(CheckLogin(kAccountLoginPolicy, a, 238).retry_at, 239);
  EXPECT_EQ(CheckLogin(kAccountLoginPolicy, a, 239).attempts_before_lock, 1);
  // The tenth failure locks for 15 minutes, whatever the password.
  a = AfterFailure(kAccountLoginPolicy, a, 239);
  EXPECT_EQ(a.locked_until, 239 + 900);
  EXPECT_EQ(CheckLogin(kAccountLoginPolicy, a, 240).kind, Kind::kLocked);
  EXPECT_EQ(CheckLogin(kAccountLoginPolicy, a, 1138).retry_at, 1139);
  // When the lock runs out the account starts afresh.
  const LoginVerdict after = CheckLogin(kAccountLoginPolicy, a, 1139);
  EXPECT_EQ(after.kind, Kind::kAllowed);
  EXPECT_EQ(after.attempts_before_lock, 10);
  EXPECT_EQ(AfterFailure(kAccountLoginPolicy, a, 1139).failures, 1);
}

TEST(LoginPolicy, OldFailuresAreForgottenAndWaitsStopAtTheMaximum) {
  LoginAttempts a{.failures = 7, .last_failure = 1000};
  EXPECT_EQ(CheckLogin(kAccountLoginPolicy, a, 1001).kind, Kind::kThrottled);
  EXPECT_EQ(CheckLogin(kAccountLoginPolicy, a, 1000 + 3600).attempts_before_lock, 10);
  EXPECT_EQ(AfterFailure(kAccountLoginPolicy, a, 1000 + 3600).failures, 1);

  // The longest wait is a minute.
  EXPECT_EQ(CheckLogin(kAccountLoginPolicy, {.failures = 9, .last_failure = 500}, 501).retry_at, 560);
  // An address never locks; its waits grow to five minutes and stay there.
  LoginAttempts addr{.failures = 60, .last_failure = 5000};
  const LoginVerdict v = CheckLogin(kAddressLoginPolicy, addr, 5001);
  EXPECT_EQ(v.kind, Kind::kThrottled);
  EXPECT_EQ(v.retry_at, 5000 + 300);
  addr = AfterFailure(kAddressLoginPolicy, addr, 5300);
  EXPECT_EQ(addr.locked_until, 0);
  // Twenty failures from one address are free.
  LoginAttempts office;
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(CheckLogin(kAddressLoginPolicy, office, 100 + i).kind, Kind::kAllowed) << i;
    office = AfterFailure(kAddressLoginPolicy, office, 100 + i);
  }
  EXPECT_EQ(CheckLogin(kAddressLoginPolicy, office, 119).kind, Kind::kThrottled);
}

}  // namespace
}  // namespace minsheng
