#include "api/public_metrics_gate.h"

#include <algorithm>

namespace minsheng::api {

PublicMetricsGate::PublicMetricsGate(PublicMetricsOptions options)
    : options_(options), limiter_(std::max(1, options.per_minute), std::chrono::seconds(60)) {}

Status PublicMetricsGate::Admit(const std::string& address) { return Admit(address, std::chrono::steady_clock::now()); }

Status PublicMetricsGate::Admit(const std::string& address, TimePoint now) {
  if (options_.per_minute <= 0 || limiter_.Allow(address, now)) return {};
  // The bucket regains one call every 60 / per_minute seconds.
  const int wait = std::max(1, (60 + options_.per_minute - 1) / options_.per_minute);
  return Fail(Error::RetryLater(ErrorKind::kRateLimited, "rate_limited", "公开数据查询过于频繁，请稍后再试", wait));
}

std::optional<std::string> PublicMetricsGate::Find(const std::string& key) {
  return Find(key, std::chrono::steady_clock::now());
}

std::optional<std::string> PublicMetricsGate::Find(const std::string& key, TimePoint now) {
  if (options_.cache_ttl.count() <= 0) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto it = cache_.find(key);
  if (it == cache_.end() || now - it->second.at >= options_.cache_ttl) return std::nullopt;
  return it->second.body;
}

void PublicMetricsGate::Store(const std::string& key, std::string body) {
  Store(key, std::move(body), std::chrono::steady_clock::now());
}

void PublicMetricsGate::Store(const std::string& key, std::string body, TimePoint now) {
  if (options_.cache_ttl.count() <= 0) return;
  std::lock_guard lock(mutex_);
  if (cache_.size() >= kMaxEntries && !cache_.contains(key)) {
    std::erase_if(cache_, [&](const auto& entry) { return now - entry.second.at >= options_.cache_ttl; });
    if (cache_.size() >= kMaxEntries) cache_.clear();
  }
  cache_[key] = {std::move(body), now};
}

}  // namespace minsheng::api
