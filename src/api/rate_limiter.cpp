#include "api/rate_limiter.h"

#include <algorithm>
#include <vector>

namespace minsheng::api {

RateLimiter::RateLimiter(int max_events, std::chrono::seconds window, std::size_t max_keys)
    : capacity_(std::max(1, max_events)),
      tokens_per_second_(capacity_ / std::max<double>(1.0, static_cast<double>(window.count()))),
      window_(std::max(window, std::chrono::seconds(1))),
      max_keys_(std::max<std::size_t>(1, max_keys)) {}

bool RateLimiter::Allow(const std::string& key) {
  return Allow(key, std::chrono::steady_clock::now());
}

bool RateLimiter::Allow(const std::string& key, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) Evict(now);
    buckets_.emplace(key, Bucket{capacity_ - 1, now});
    return true;
  }
  Bucket& bucket = it->second;
  if (now > bucket.last) {
    double elapsed = std::chrono::duration<double>(now - bucket.last).count();
    bucket.tokens = std::min(capacity_, bucket.tokens + elapsed * tokens_per_second_);
    bucket.last = now;
  }
  if (bucket.tokens < 1.0) return false;
  bucket.tokens -= 1.0;
  return true;
}

std::size_t RateLimiter::size() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

void RateLimiter::Evict(TimePoint now) {
  // A key idle for a whole window has refilled completely: forgetting it changes nothing.
  std::erase_if(buckets_, [&](const auto& entry) { return now - entry.second.last >= window_; });
  // Still full of active keys: drop the longest idle tenth, so memory stays bounded and the cost
  // of this scan is spread over many insertions.
  if (buckets_.size() >= max_keys_) {
    std::vector<TimePoint> lasts;
    lasts.reserve(buckets_.size());
    for (const auto& entry : buckets_) lasts.push_back(entry.second.last);
    std::size_t drop = std::max<std::size_t>(1, buckets_.size() / 10);
    std::nth_element(lasts.begin(), lasts.begin() + (drop - 1), lasts.end());
    TimePoint cutoff = lasts[drop - 1];
    std::size_t dropped = 0;
    std::erase_if(buckets_, [&](const auto& entry) {
      if (dropped < drop && entry.second.last <= cutoff) {
        ++dropped;
        return true;
      }
      return false;
    });
  }
}

}  // namespace minsheng::api
