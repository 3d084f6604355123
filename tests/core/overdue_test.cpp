#include "core/overdue.h"

#include <gtest/gtest.h>

namespace minsheng {
namespace {

using S = AppealState;
constexpr Timestamp kNow = 1790000000;
constexpr Timestamp kDay = 86400;

struct OverdueCase {
  const char* name;
  S state;
  AppealDues dues;
  std::optional<Timestamp> due;
  int overdue_days;
};

TEST(OverdueTest, OnlyTheDeadlineOfTheCurrentStateCounts) {
  const AppealDues past_reply{.accept = kNow - 9 * kDay, .contact = kNow - 8 * kDay, .reply = kNow - 3 * kDay,
                              .resolve = kNow + 5 * kDay};
  const OverdueCase cases[] = {
      {"dispatched: accepting", S::kDispatched, past_reply, kNow - 9 * kDay, 9},
      {"dispatched without accept_due: the reply", S::kDispatched, {.reply = kNow + kDay}, kNow + kDay, 0},
      {"accepted: first contact", S::kAccepted, past_reply, kNow - 8 * kDay, 8},
      {"in progress: the reply", S::kInProgress, past_reply, kNow - 3 * kDay, 3},
      {"replied: the reply was met or missed, the resolution counts", S::kReplied, past_reply, kNow + 5 * kDay, 0},
      {"replied past the resolution", S::kReplied, {.reply = kNow - 9 * kDay, .resolve = kNow - kDay}, kNow - kDay, 1},
      {"closed long ago: never overdue", S::kClosed, past_reply, std::nullopt, 0},
      {"rejected", S::kRejected, past_reply, std::nullopt, 0},
      {"merged", S::kMerged, past_reply, std::nullopt, 0},
      {"reopened: waits for a new dispatch", S::kReopened, past_reply, std::nullopt, 0},
      {"received", S::kReceived, {}, std::nullopt, 0},
      {"in progress, due this instant: met", S::kInProgress, {.reply = kNow}, kNow, 0},
      {"in progress, a second late: a day", S::kInProgress, {.reply = kNow - 1}, kNow - 1, 1},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CurrentDue(c.state, c.dues), c.due) << c.name;
    EXPECT_EQ(IsOverdue(c.state, c.dues, kNow), c.overdue_days > 0) << c.name;
    EXPECT_EQ(OverdueDays(c.state, c.dues, kNow), c.overdue_days) << c.name;
  }
}

TEST(OverdueTest, NamesTheDeadlines) {
  EXPECT_EQ(DueName(DueKind::kResolve), "resolve_due");
  ASSERT_EQ(DuesOf(S::kAccepted).size(), 2u);
  EXPECT_EQ(DuesOf(S::kAccepted)[0], DueKind::kContact);
  EXPECT_TRUE(DuesOf(S::kClosed).empty());
}

}  // namespace
}  // namespace minsheng
