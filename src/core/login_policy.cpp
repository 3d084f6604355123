#include "core/login_policy.h"

#include <algorithm>

namespace minsheng {
namespace {

// The attempts as they count now: a lock that ran out, or failures forgotten, start afresh.
LoginAttempts Current(const LoginPolicy& p, LoginAttempts a, Timestamp now) {
  if (a.locked_until != 0 && now >= a.locked_until) a = {};
  if (a.failures > 0 && now - a.last_failure >= p.forget_after && a.locked_until == 0) a = {};
  return a;
}

// The wait after `failures` consecutive failures: none while free, then first_delay, twice that … up to
// max_delay. Times are whole seconds; a wait counts from the failure (when it was answered).
std::int64_t Delay(const LoginPolicy& p, int failures) {
  const int over = failures - p.free_failures;
  if (over < 0) return 0;
  if (over >= 30) return p.max_delay;
  return std::min<std::int64_t>(p.first_delay << over, p.max_delay);
}

}  // namespace

LoginVerdict CheckLogin(const LoginPolicy& policy, const LoginAttempts& attempts, Timestamp now) {
  const LoginAttempts a = Current(policy, attempts, now);
  if (a.locked_until != 0) return {LoginVerdict::Kind::kLocked, a.locked_until, 0};
  const Timestamp allowed_at = a.failures > 0 ? a.last_failure + Delay(policy, a.failures) : 0;
  if (now < allowed_at) return {LoginVerdict::Kind::kThrottled, allowed_at, 0};
  return {LoginVerdict::Kind::kAllowed, 0, policy.lock_after > 0 ? policy.lock_after - a.failures : 0};
}

LoginAttempts AfterFailure(const LoginPolicy& policy, LoginAttempts attempts, Timestamp now) {
  LoginAttempts a = Current(policy, attempts, now);
  a.failures += 1;
  a.last_failure = now;
  if (policy.lock_after > 0 && a.failures >= policy.lock_after) a.locked_until = now + policy.lock_seconds;
  return a;
}

}  // namespace minsheng
