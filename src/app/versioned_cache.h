// Issue 13: a bounded cache of values kept for one version of a record (an appeal's detail, its JSON), handed out
// shared and never changed. A value is current while its record has the version it was kept for; every change to
// the record must bump that version. Full, the oldest quarter of the ids goes (clearing it all made every reader
// miss at once). Safe from any thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace minsheng::app {

template <typename Value>
class VersionedCache {
 public:
  explicit VersionedCache(std::size_t capacity) : capacity_(capacity) {}
  VersionedCache(const VersionedCache&) = delete;
  VersionedCache& operator=(const VersionedCache&) = delete;

  // The value kept for `id` at `version`, else null.
  std::shared_ptr<const Value> Find(std::int64_t id, std::int64_t version) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end() || it->second.version != version) return nullptr;
    return it->second.value;
  }

  // Keeps `value` for `id` at `version`, in place of what was kept for it.
  void Put(std::int64_t id, std::int64_t version, std::shared_ptr<const Value> value) {
    std::lock_guard lock(mutex_);
    auto [slot, added] = entries_.try_emplace(id);
    slot->second = {version, std::move(value)};
    if (added) order_.push_back(id);
    if (entries_.size() > capacity_)
      for (std::size_t n = std::max<std::size_t>(1, capacity_ / 4); n > 0 && !order_.empty(); --n) {
        entries_.erase(order_.front());
        order_.pop_front();
      }
  }

 private:
  struct Entry {
    std::int64_t version = 0;
    std::shared_ptr<const Value> value;
  };
  const std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::int64_t, Entry> entries_;  // GUARDED_BY(mutex_)
  std::deque<std::int64_t> order_;                   // the kept ids, oldest first; GUARDED_BY(mutex_)
};

}  // namespace minsheng::app
