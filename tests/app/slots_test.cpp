#include "app/slots.h"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <thread>
#include <vector>

namespace minsheng::app {
namespace {

using std::chrono::milliseconds;

TEST(SlotsTest, NoMoreThanTheCountAtOnceAndAGivenBackSlotIsTakenAgain) {
  Slots slots(2);
  {
    auto a = slots.TryTake(milliseconds(0));
    auto b = slots.TryTake(milliseconds(0));
    EXPECT_TRUE(a);
    EXPECT_TRUE(b);
    EXPECT_FALSE(slots.TryTake(milliseconds(20)));
  }
  auto c = slots.TryTake(milliseconds(0));
  auto d = slots.TryTake(milliseconds(0));
  EXPECT_TRUE(c && d);
}

TEST(SlotsTest, AWaiterWakesWhenASlotIsGivenBack) {
  Slots slots(1);
  std::optional<Slots::Held> held(slots.TryTake(milliseconds(0)));
  ASSERT_TRUE(*held);
  std::atomic<bool> got = false;
  std::thread waiter([&] { got = static_cast<bool>(slots.TryTake(milliseconds(60000))); });
  std::this_thread::sleep_for(milliseconds(20));
  held.reset();
  waiter.join();  // a lost wake-up would keep it asleep for the whole minute
  EXPECT_TRUE(got);
}

// Many takers on few slots, each waiting long enough that none should ever be refused: a refusal is a lost
// wake-up (what std::counting_semaphore in g++ 12's libstdc++ does under contention), an overlap a broken count.
TEST(SlotsTest, ContendedTakersAreNeverRefusedNorOverlapBeyondTheCount) {
  Slots slots(2);
  std::atomic<int> inside = 0, most = 0, refused = 0;
  std::vector<std::thread> takers;
  for (int t = 0; t < 8; ++t)
    takers.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        auto slot = slots.TryTake(milliseconds(10000));
        if (!slot) {
          ++refused;
          continue;
        }
        const int now = ++inside;
        for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        --inside;
      }
    });
  for (auto& t : takers) t.join();
  EXPECT_EQ(refused, 0);
  EXPECT_LE(most, 2);
}

}  // namespace
}  // namespace minsheng::app
