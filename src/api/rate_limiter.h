// Per-key rate limiting (e.g. per client address), thread-safe, with bounded memory.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace minsheng::api {

// A token bucket per key: each key may spend up to `max_events` at once, and regains them evenly
// over `window` (so a sustained max_events per window). Keys idle for a full window are forgotten
// when the table reaches `max_keys`.
class RateLimiter {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  RateLimiter(int max_events, std::chrono::seconds window, std::size_t max_keys = 100000);

  // Spends one event for `key` now; false if `key` has none left.
  bool Allow(const std::string& key);

  // Same, at the given time (for tests). Times must not go backwards per key.
  bool Allow(const std::string& key, TimePoint now);

  // Number of keys currently tracked.
  std::size_t size() const;

 private:
  struct Bucket {
    double tokens;
    TimePoint last;
  };
  void Evict(TimePoint now);  // requires mutex_ held

  const double capacity_;
  const double tokens_per_second_;
  const std::chrono::steady_clock::duration window_;
  const std::size_t max_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;  // guarded by mutex_
};

}  // namespace minsheng::api
