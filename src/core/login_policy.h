// How repeated failed logins slow down and lock (OWASP ASVS V2.2.1): a few failures are free, then each
// further attempt waits twice as long as the one before, and after many the account is locked for a
// while (an admin may lift it). The same rule, with its own numbers, slows down one client address.
#pragma once

#include <cstdint>

#include "core/clock.h"

namespace minsheng {

struct LoginPolicy {
  int free_failures = 5;          // consecutive failures before attempts must wait
  std::int64_t first_delay = 5;   // the first wait, in seconds; each further failure doubles it
  std::int64_t max_delay = 60;    // the longest wait between attempts, in seconds
  int lock_after = 10;            // consecutive failures that lock (0: never locks)
  std::int64_t lock_seconds = 900;
  std::int64_t forget_after = 3600;  // failures older than this (since the last one) no longer count
};

// Per account: 5 free, waits of 5, 10, 20, 40, 60 s, locked for 15 minutes after 10.
inline constexpr LoginPolicy kAccountLoginPolicy{};
// Per client address: 20 free (many users may share an office's address), waits up to 5 minutes, no lock.
inline constexpr LoginPolicy kAddressLoginPolicy{.free_failures = 20, .first_delay = 5, .max_delay = 300,
                                                 .lock_after = 0, .lock_seconds = 0, .forget_after = 600};

// The failed logins of one account or address.
struct LoginAttempts {
  int failures = 0;               // consecutive, since the last success or lock
  Timestamp last_failure = 0;     // 0: none
  Timestamp locked_until = 0;     // 0: not locked
};

struct LoginVerdict {
  enum class Kind { kAllowed, kThrottled, kLocked };
  Kind kind = Kind::kAllowed;
  Timestamp retry_at = 0;  // when an attempt is allowed again (kThrottled, kLocked)
  int attempts_before_lock = 0;  // for kAllowed with a lock_after: failures left before the lock
};

// Whether an attempt may be checked now (without looking at the password).
LoginVerdict CheckLogin(const LoginPolicy& policy, const LoginAttempts& attempts, Timestamp now);

// The attempts after one more failure at `now` (locks when it reaches lock_after).
LoginAttempts AfterFailure(const LoginPolicy& policy, LoginAttempts attempts, Timestamp now);

}  // namespace minsheng
