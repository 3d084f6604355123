#include "api/appeal_json_cache.h"

namespace minsheng::api {

std::shared_ptr<const AppealJsonParts> AppealJsonCache::PartsOf(const app::AppealDetail& detail) {
  const std::int64_t id = detail.appeal.id, version = detail.appeal.version;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it != entries_.end() && it->second.version == version) return it->second.parts;
  }
  // Written outside the lock: readers of other appeals do not wait for it.
  auto parts = std::make_shared<const AppealJsonParts>(AppealDetailJsonParts(detail));
  std::lock_guard lock(mutex_);
  auto [slot, added] = entries_.try_emplace(id);
  slot->second = {version, parts};
  if (added) order_.push_back(id);
  // Full: the oldest quarter goes, as in the detail cache.
  if (entries_.size() > capacity_)
    for (std::size_t n = capacity_ / 4 + 1; n > 0 && !order_.empty(); --n) {
      entries_.erase(order_.front());
      order_.pop_front();
    }
  return parts;
}

}  // namespace minsheng::api
