#include "core/assisting_opinion.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace minsheng {
namespace {

using S = OpinionState;
using A = OpinionAction;
using std::chrono::sys_days;

TEST(OpinionStateMachine, EveryStateAndAction) {
  struct Row {
    S from;
    A action;
    std::optional<S> to;  // nullopt: refused
  };
  const Row rows[] = {
      {S::kPending, A::kGive, S::kGiven},   {S::kPending, A::kWaive, S::kWaived},
      {S::kGiven, A::kGive, std::nullopt},  {S::kGiven, A::kWaive, std::nullopt},
      {S::kWaived, A::kGive, std::nullopt}, {S::kWaived, A::kWaive, std::nullopt},
  };
  for (const auto& r : rows) {
    const std::string what = std::string(OpinionStateName(r.from)) + " + " + std::string(OpinionActionName(r.action));
    auto next = NextOpinionState(r.from, r.action);
    if (r.to) {
      ASSERT_TRUE(next.has_value()) << what;
      EXPECT_EQ(*next, *r.to) << what;
    } else {
      ASSERT_FALSE(next.has_value()) << what;
      EXPECT_EQ(next.error().kind, ErrorKind::kConflict) << what;
      EXPECT_EQ(next.error().code, "opinion_closed") << what;
      EXPECT_TRUE(next.error().allowed.empty()) << what;
    }
  }
}

// The reply gate: 409 naming every unit still owing its opinion, in order; given and waived ones pass.
TEST(OpinionGate, NamesTheMissingUnits) {
  struct Case {
    std::vector<OpinionGateEntry> opinions;
    bool passes;
    std::string names;  // in the message when refused
  };
  const Case cases[] = {
      {{}, true, ""},
      {{{"民政局", S::kGiven}}, true, ""},
      {{{"民政局", S::kWaived}}, true, ""},
      {{{"民政局", S::kGiven}, {"市场监管局", S::kWaived}}, true, ""},
      {{{"民政局", S::kPending}}, false, "民政局"},
      {{{"民政局", S::kGiven}, {"市场监管局", S::kPending}}, false, "市场监管局"},
      {{{"民政局", S::kPending}, {"市场监管局", S::kPending}}, false, "民政局、市场监管局"},
      {{{"民政局", S::kPending}, {"水务局", S::kWaived}, {"市场监管局", S::kPending}}, false, "民政局、市场监管局"},
  };
  for (const auto& c : cases) {
    auto gate = CheckOpinionsIn(c.opinions);
    EXPECT_EQ(gate.has_value(), c.passes) << c.names;
    if (gate) continue;
    EXPECT_EQ(gate.error().kind, ErrorKind::kConflict);
    EXPECT_EQ(gate.error().code, "opinions_missing");
    EXPECT_EQ(gate.error().field, "opinions");
    EXPECT_NE(gate.error().message.find("：" + c.names + "。"), std::string::npos) << gate.error().message;
  }
}

sys_days D(std::string_view text) {
  auto day = ParseDate(text);
  EXPECT_TRUE(day.has_value()) << text;
  return day.value_or(sys_days{});
}
// "YYYY-MM-DD HH:MM" in China Standard Time.
Timestamp At(std::string_view text) {
  const int hour = (text[11] - '0') * 10 + (text[12] - '0');
  const int minute = (text[14] - '0') * 10 + (text[15] - '0');
  return LocalDayStart(D(text.substr(0, 10))) + hour * 3600 + minute * 60;
}
std::string Show(Timestamp t) {
  const sys_days day = LocalDay(t);
  const std::int64_t seconds = t - LocalDayStart(day);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, " %02d:%02d", int(seconds / 3600), int(seconds % 3600 / 60));
  return FormatDate(day) + buffer;
}
WorkCalendar RealCalendar() {
  std::ifstream in(MINSHENG_SOURCE_DIR "/data/cn-public-holidays-2025-2026.csv", std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  auto days = ParseCalendarCsv(buffer.str());
  EXPECT_TRUE(days.has_value());
  return WorkCalendar(days.value_or(std::vector<CalendarDay>{}));
}

// Three working days before the reply deadline (24:00 is the next day's 00:00), across holidays and make-up
// workdays; never before the end of the first working day after the dispatch, never after the reply deadline.
TEST(OpinionDueTest, ThreeWorkingDaysBeforeTheReplyDeadline) {
  const WorkCalendar calendar = RealCalendar();
  struct Case {
    const char* dispatched;
    const char* reply_due;
    const char* opinion_due;
  };
  const Case cases[] = {
      // Wed 11-18, replies due at the end of Fri 11-27: opinions at the end of Tue 11-24.
      {"2026-11-18 10:00", "2026-11-28 00:00", "2026-11-25 00:00"},
      // Over the National Day holidays: 10-14 back over 10-13, 10-12 and the make-up Saturday 10-10.
      {"2026-09-29 10:00", "2026-10-15 00:00", "2026-10-11 00:00"},
      // Over a weekend: end of Mon 11-30 back to Wed 11-25.
      {"2026-11-18 10:00", "2026-12-01 00:00", "2026-11-26 00:00"},
      // A short deadline (end of Fri 11-20): three days before lies before the dispatch, so the end of the first
      // working day after it (Thu 11-19).
      {"2026-11-18 10:00", "2026-11-21 00:00", "2026-11-20 00:00"},
      // Friday afternoon with a Tuesday deadline: the end of Monday.
      {"2026-11-20 15:00", "2026-11-25 00:00", "2026-11-24 00:00"},
      // Due the same day: never after the reply deadline.
      {"2026-11-18 10:00", "2026-11-19 00:00", "2026-11-19 00:00"},
      // A deadline at another time of day keeps it.
      {"2026-11-18 10:00", "2026-11-27 17:30", "2026-11-24 17:30"},
  };
  for (const auto& c : cases) {
    const Timestamp due = OpinionDue(calendar, At(c.dispatched), At(c.reply_due));
    EXPECT_EQ(Show(due), c.opinion_due) << c.dispatched << " → " << c.reply_due;
  }
}

TEST(OpinionOverdueTest, OnlyPendingOpinionsPastTheirDue) {
  const Timestamp due = At("2026-11-25 00:00");
  EXPECT_FALSE(OpinionOverdue(S::kPending, due, due));
  EXPECT_TRUE(OpinionOverdue(S::kPending, due, due + 1));
  EXPECT_FALSE(OpinionOverdue(S::kGiven, due, due + 86400));
  EXPECT_FALSE(OpinionOverdue(S::kWaived, due, due + 86400));
}

}  // namespace
}  // namespace minsheng
