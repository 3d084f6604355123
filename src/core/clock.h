// Time, injectable so that tests and the demo can control it (deadlines depend on it).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace minsheng {

// Seconds since the Unix epoch, UTC. Every timestamp in minsheng is one of these.
using Timestamp = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that only moves when told to; thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start) {}
  Timestamp Now() const override { return now_.load(); }
  void Set(Timestamp t) { now_.store(t); }
  void Advance(std::int64_t seconds) { now_.fetch_add(seconds); }

 private:
  std::atomic<Timestamp> now_;
};

// Another clock shifted by a fixed number of seconds (`minsheng serve --clock-offset`, for tests that
// need "30 days later" against a real server).
class OffsetClock final : public Clock {
 public:
  OffsetClock(const Clock& base, std::int64_t offset_seconds) : base_(base), offset_(offset_seconds) {}
  Timestamp Now() const override { return base_.Now() + offset_; }

 private:
  const Clock& base_;
  std::int64_t offset_;
};

}  // namespace minsheng
