// Issue 13: what stands before GET /api/v1/public/metrics, which anyone may call without logging in.
// A per-address rate limit (429 rate_limited with Retry-After) and a short cache of whole answers, keyed by
// the normalized query, so that a burst of identical questions costs one computation and one JSON text.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "api/rate_limiter.h"
#include "core/error.h"

namespace minsheng::api {

struct PublicMetricsOptions {
  std::chrono::seconds cache_ttl{60};  // an answer is served from the cache this long; 0: no cache
  int per_minute = 120;                // calls per client address per minute (a burst of as many); 0: no limit
};

class PublicMetricsGate {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  static constexpr std::size_t kMaxEntries = 512;  // distinct queries cached at once

  explicit PublicMetricsGate(PublicMetricsOptions options);

  // Spends one call of `address`: ok, or 429 rate_limited with the seconds until the next call is allowed.
  Status Admit(const std::string& address);
  Status Admit(const std::string& address, TimePoint now);  // for tests

  // The JSON text cached for `key` if younger than the TTL.
  std::optional<std::string> Find(const std::string& key);
  std::optional<std::string> Find(const std::string& key, TimePoint now);
  // Caches `body` for `key` (no-op with a TTL of 0). When full, expired answers go first, then all.
  void Store(const std::string& key, std::string body);
  void Store(const std::string& key, std::string body, TimePoint now);

  const PublicMetricsOptions& options() const { return options_; }

 private:
  struct Entry {
    std::string body;
    TimePoint at;
  };
  const PublicMetricsOptions options_;
  RateLimiter limiter_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> cache_;  // guarded by mutex_
};

}  // namespace minsheng::api
