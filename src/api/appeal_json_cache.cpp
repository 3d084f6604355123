#include "api/appeal_json_cache.h"

#include "api/appeal_json.h"

namespace minsheng::api {

std::shared_ptr<const std::string> AppealJsonCache::RecordsJson(const app::AppealDetail& detail) {
  const std::int64_t id = detail.appeal.id, version = detail.appeal.version;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it != entries_.end() && it->second.version == version) return it->second.json;
  }
  // Written outside the lock: readers of other appeals do not wait for it.
  auto json = std::make_shared<const std::string>(AppealDetailRecordsJson(detail));
  std::lock_guard lock(mutex_);
  auto [slot, added] = entries_.try_emplace(id);
  slot->second = {version, json};
  if (added) order_.push_back(id);
  // Full: the oldest quarter goes, as in the detail cache.
  if (entries_.size() > capacity_)
    for (std::size_t n = capacity_ / 4 + 1; n > 0 && !order_.empty(); --n) {
      entries_.erase(order_.front());
      order_.pop_front();
    }
  return json;
}

}  // namespace minsheng::api
