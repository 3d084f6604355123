// A fixed number of slots for work that must not run too many at once (public reports, PDF prints), taken with
// a time limit. A mutex and a condition variable rather than std::counting_semaphore: g++ 12's libstdc++ can
// lose a release's wake-up there (GCC bug 98033), leaving a waiter asleep until its time runs out with a slot free.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <utility>

namespace minsheng::app {

class Slots {
 public:
  explicit Slots(int count) : free_(count) {}

  // Held from a successful TryTake until it is destroyed.
  class Held {
   public:
    explicit Held(Slots* slots) : slots_(slots) {}
    Held(Held&& other) noexcept : slots_(std::exchange(other.slots_, nullptr)) {}
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;
    Held& operator=(Held&&) = delete;
    ~Held() {
      if (slots_ != nullptr) slots_->Give();
    }
    explicit operator bool() const { return slots_ != nullptr; }

   private:
    Slots* slots_;
  };

  // A slot, waiting up to `wait` for one to be free; an empty Held when none was.
  Held TryTake(std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    if (!freed_.wait_for(lock, wait, [&] { return free_ > 0; })) return Held(nullptr);
    --free_;
    return Held(this);
  }

 private:
  void Give() {
    {
      std::lock_guard lock(mutex_);
      ++free_;
    }
    freed_.notify_one();
  }

  std::mutex mutex_;
  std::condition_variable freed_;
  int free_;
};

}  // namespace minsheng::app
