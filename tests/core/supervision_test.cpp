#include "core/supervision.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace minsheng {
namespace {

using S = SupervisionState;
using A = SupervisionAction;
using std::chrono::sys_days;
using namespace std::chrono_literals;

TEST(SupervisionStateMachine, EveryStateAndAction) {
  struct Row {
    S from;
    A action;
    std::optional<S> to;  // nullopt: refused
    std::vector<std::string> allowed;  // when refused
  };
  const Row rows[] = {
      {S::kIssued, A::kAnswer, S::kAnswered, {}},
      {S::kIssued, A::kClose, std::nullopt, {"answer", "escalate"}},
      {S::kIssued, A::kEscalate, S::kEscalated, {}},
      {S::kAnswered, A::kAnswer, std::nullopt, {"close", "escalate"}},
      {S::kAnswered, A::kClose, S::kClosed, {}},
      {S::kAnswered, A::kEscalate, S::kEscalated, {}},
      {S::kClosed, A::kAnswer, std::nullopt, {}},
      {S::kClosed, A::kClose, std::nullopt, {}},
      {S::kClosed, A::kEscalate, std::nullopt, {}},
      {S::kEscalated, A::kAnswer, std::nullopt, {}},
      {S::kEscalated, A::kClose, std::nullopt, {}},
      {S::kEscalated, A::kEscalate, std::nullopt, {}},
  };
  for (const auto& r : rows) {
    const std::string what =
        std::string(SupervisionStateName(r.from)) + " + " + std::string(SupervisionActionName(r.action));
    auto next = NextSupervisionState(r.from, r.action);
    if (r.to) {
      ASSERT_TRUE(next.has_value()) << what;
      EXPECT_EQ(*next, *r.to) << what;
    } else {
      ASSERT_FALSE(next.has_value()) << what;
      EXPECT_EQ(next.error().kind, ErrorKind::kConflict) << what;
      EXPECT_EQ(next.error().code, "invalid_transition") << what;
      EXPECT_EQ(next.error().allowed, r.allowed) << what;
    }
  }
}

TEST(SupervisionStateMachine, NamesAndLabelsRoundTrip) {
  struct Row {
    S state;
    std::string_view name;
    std::string_view label;
  };
  const Row rows[] = {{S::kIssued, "issued", "已下发"},
                      {S::kAnswered, "answered", "已反馈"},
                      {S::kClosed, "closed", "已办结"},
                      {S::kEscalated, "escalated", "已提级"}};
  for (const auto& r : rows) {
    EXPECT_EQ(SupervisionStateName(r.state), r.name);
    EXPECT_EQ(SupervisionStateLabel(r.state), r.label);
    auto parsed = ParseSupervisionState(r.name);
    ASSERT_TRUE(parsed.has_value()) << r.name;
    EXPECT_EQ(*parsed, r.state);
  }
  auto bad = ParseSupervisionState("open");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "status");
}

TEST(SupervisionOverdue, OnlyAnIssuedNoticePastItsDeadline) {
  const Timestamp deadline = 1'000'000;
  struct Row {
    S state;
    Timestamp now;
    bool overdue;
  };
  const Row rows[] = {
      {S::kIssued, deadline, false},     {S::kIssued, deadline + 1, true},
      {S::kAnswered, deadline + 1, false}, {S::kClosed, deadline + 1, false},
      {S::kEscalated, deadline + 1, false},
  };
  for (const auto& r : rows)
    EXPECT_EQ(SupervisionOverdue(r.state, deadline, r.now), r.overdue)
        << SupervisionStateName(r.state) << " at +" << r.now - deadline;
}

TEST(InspectionKind, Parse) {
  auto on_site = ParseInspectionKind("on_site");
  ASSERT_TRUE(on_site.has_value());
  EXPECT_EQ(*on_site, InspectionKind::kOnSite);
  EXPECT_EQ(InspectionKindLabel(InspectionKind::kFollowUp), "跟踪督查");
  auto bad = ParseInspectionKind("remote");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "invalid_value");
  EXPECT_EQ(bad.error().field, "kind");
  EXPECT_EQ(bad.error().allowed, (std::vector<std::string>{"on_site", "follow_up"}));
}

// An instant in China Standard Time: `day` at hh:mm:ss.
Timestamp At(sys_days day, int h, int m = 0, int s = 0) { return LocalDayStart(day) + h * 3600 + m * 60 + s; }

std::string Name(std::optional<WarningKind> w) { return w ? std::string(WarningKindName(*w)) : "none"; }

// 2026-11-16 is a Monday. Wednesday 11-18 is made a holiday in `with_holiday`.
const sys_days kMon = sys_days{std::chrono::year{2026} / 11 / 16};

WorkCalendar WithHoliday() {
  WorkCalendar calendar;
  calendar.Set(CalendarDay{kMon + std::chrono::days(2), DayKind::kHoliday, "测试假日"});
  return calendar;
}

TEST(WarningAt, EightyPercentOfWorkingTimeAcrossAHoliday) {
  const WorkCalendar plain;
  const WorkCalendar holiday = WithHoliday();
  // A deadline from Monday 00:00 to the end of Friday: 5 working days plain (yellow after 4 of them,
  // Friday 00:00); with Wednesday off, 4 working days (yellow after 3.2: Friday 04:48).
  const Timestamp start = At(kMon, 0);
  const Timestamp due = At(kMon + std::chrono::days(5), 0);
  struct Row {
    const WorkCalendar* calendar;
    Timestamp now;
    std::string warning;
  };
  const Row rows[] = {
      {&plain, start, "none"},
      {&plain, At(kMon + std::chrono::days(3), 23, 59, 59), "none"},
      {&plain, At(kMon + std::chrono::days(4), 0), "yellow_warning"},
      {&holiday, At(kMon + std::chrono::days(4), 0), "none"},  // the holiday does not count as used
      {&holiday, At(kMon + std::chrono::days(4), 4, 47, 59), "none"},
      {&holiday, At(kMon + std::chrono::days(4), 4, 48), "yellow_warning"},
      {&holiday, due, "yellow_warning"},  // the due instant itself is still on time
      {&holiday, due + 1, "red_warning"},
      {&plain, due + 86400 * 30, "red_warning"},
      {&plain, start - 1, "none"},
  };
  for (const auto& r : rows)
    EXPECT_EQ(Name(WarningAt(*r.calendar, start, due, r.now)), r.warning)
        << (r.calendar == &plain ? "plain" : "holiday") << " at " << r.now - start << "s";
}

TEST(WarningAt, AgreesWithTheComputedDeadlineAcrossAHoliday) {
  // Dispatched Monday 10:00 with 5 working days: Tue, Thu, Fri, Mon, Tue (Wednesday off) → due at the
  // end of Tuesday 11-24; 80% of the 5 days 14 h of working time is used on Monday 11-23 at 21:12.
  const WorkCalendar holiday = WithHoliday();
  const Timestamp start = At(kMon, 10);
  const Deadline d = ComputeDeadline(holiday, start, 5);
  ASSERT_EQ(d.due, At(kMon + std::chrono::days(9), 0));
  EXPECT_EQ(d.warn_at, At(kMon + std::chrono::days(7), 21, 12));
  EXPECT_EQ(Name(WarningAt(holiday, start, d.due, d.warn_at - 1)), "none");
  EXPECT_EQ(Name(WarningAt(holiday, start, d.due, d.warn_at)), "yellow_warning");
  // Without the holiday the same 5 days end on Monday, and the warning comes on Friday.
  const WorkCalendar plain;
  const Deadline p = ComputeDeadline(plain, start, 5);
  EXPECT_EQ(p.due, At(kMon + std::chrono::days(8), 0));
  EXPECT_EQ(Name(WarningAt(plain, start, p.due, At(kMon + std::chrono::days(4), 23))), "yellow_warning");
}

TEST(WarningAt, ADeadlineWithoutWorkingTimeIsYellowAtOnce) {
  const WorkCalendar plain;
  const Timestamp start = At(kMon, 10);
  EXPECT_EQ(Name(WarningAt(plain, start, start, start)), "yellow_warning");
}

TEST(YellowWarningAt, IsTheFirstInstantWarningAtWarns) {
  const WorkCalendar holiday = WithHoliday();
  const Timestamp start = At(kMon, 10);
  const Deadline d = ComputeDeadline(holiday, start, 5);
  EXPECT_EQ(YellowWarningAt(holiday, start, d.due), d.warn_at);
  const WorkCalendar plain;
  const Timestamp due = At(kMon + std::chrono::days(5), 0);
  EXPECT_EQ(YellowWarningAt(plain, At(kMon, 0), due), At(kMon + std::chrono::days(4), 0));
  EXPECT_EQ(YellowWarningAt(plain, start, start), start);  // no working time: at once
}

TEST(NextSweepAt, TheEarliestInstantStillToComeOfWhatTheSweepWatches) {
  const WorkCalendar plain;
  const Timestamp start = At(kMon, 0);
  const Timestamp reply = At(kMon + std::chrono::days(5), 0);
  const Timestamp yellow = At(kMon + std::chrono::days(4), 0);
  const Timestamp resolve = reply + 86400 * 10, escalate = reply + 86400 * 20, opinion = start + 86400 * 2;
  SweepWatch w{
      .with_unit = true, .dispatched_at = start, .reply_due = reply, .resolve_due = resolve, .escalate_due = escalate};
  struct Row {
    const char* what;
    SweepWatch watch;
    Timestamp now;
    std::optional<Timestamp> next;
  };
  SweepWatch replied = w;
  replied.replied = true;
  SweepWatch escalated = replied;
  escalated.escalated = true;
  SweepWatch with_opinion = w;
  with_opinion.opinion_dues = {opinion};
  SweepWatch finished = w;
  finished.with_unit = false;
  const Row rows[] = {
      {"just dispatched: the yellow warning first", w, start, yellow},
      {"yellow served: the reply deadline's notice and red warning", w, yellow, reply + 1},
      {"at the deadline itself nothing is owed yet", w, reply, reply + 1},
      {"past the reply deadline: the resolve deadline", w, reply + 1, resolve + 1},
      {"replied: no reply notice or warning", replied, start, resolve + 1},
      {"past the resolve deadline: the escalation", replied, resolve + 1, escalate + 1},
      {"escalated: nothing more", escalated, resolve + 1, std::nullopt},
      {"an assisting unit's opinion falls due first", with_opinion, start, opinion + 1},
      {"not with a unit: nothing to watch", finished, start, std::nullopt},
  };
  for (const auto& r : rows) EXPECT_EQ(NextSweepAt(plain, r.watch, r.now), r.next) << r.what;
}

}  // namespace
}  // namespace minsheng
