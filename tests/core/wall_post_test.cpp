#include "core/wall_post.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace minsheng {
namespace {

using S = WallPostState;
using A = WallPostAction;

// "YYYY-MM-DD HH:MM" in China Standard Time.
Timestamp At(std::string_view text) {
  auto day = ParseDate(text.substr(0, 10));
  EXPECT_TRUE(day.has_value()) << text;
  const int hour = (text[11] - '0') * 10 + (text[12] - '0');
  const int minute = (text[14] - '0') * 10 + (text[15] - '0');
  return LocalDayStart(day.value_or(std::chrono::sys_days{})) + hour * 3600 + minute * 60;
}

WorkCalendar RealCalendar() {
  std::ifstream in(MINSHENG_SOURCE_DIR "/data/cn-public-holidays-2025-2026.csv", std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  auto days = ParseCalendarCsv(buffer.str());
  EXPECT_TRUE(days.has_value());
  return WorkCalendar(days.value_or(std::vector<CalendarDay>{}));
}

// Every (state, action) pair: allowed ones lead where the table says, the rest answer invalid_transition
// listing what is allowed.
TEST(WallPostTest, EveryStepAllowedOrRefused) {
  struct Case {
    S from;
    A action;
    bool has_reply;
    std::optional<S> to;  // nullopt: refused
  };
  for (const Case& c : std::vector<Case>{
           {S::kPending, A::kPublish, false, S::kPublished},
           {S::kPending, A::kHide, false, S::kHidden},
           {S::kPending, A::kReply, false, std::nullopt},  // moderated before anything appears
           {S::kPending, A::kAppeal, false, S::kPending},
           {S::kPending, A::kPost, false, std::nullopt},
           {S::kPublished, A::kPublish, false, std::nullopt},
           {S::kPublished, A::kHide, false, S::kHidden},
           {S::kPublished, A::kReply, false, S::kReplied},
           {S::kPublished, A::kAppeal, false, S::kPublished},
           {S::kReplied, A::kPublish, true, std::nullopt},
           {S::kReplied, A::kHide, true, S::kHidden},
           {S::kReplied, A::kReply, true, std::nullopt},  // a public reply is not rewritten
           {S::kReplied, A::kAppeal, true, S::kReplied},
           {S::kHidden, A::kPublish, false, S::kPublished},  // republished by a moderator
           {S::kHidden, A::kPublish, true, S::kReplied},     // … with the reply it had
           {S::kHidden, A::kHide, false, std::nullopt},
           {S::kHidden, A::kReply, false, std::nullopt},
           {S::kHidden, A::kAppeal, false, S::kHidden},
       }) {
    auto next = NextWallPostState(c.from, c.action, {.has_reply = c.has_reply});
    const std::string what = std::string(WallPostStateName(c.from)) + " " + std::string(WallPostActionName(c.action));
    if (c.to) {
      ASSERT_TRUE(next.has_value()) << what;
      EXPECT_EQ(*next, *c.to) << what;
    } else {
      ASSERT_FALSE(next.has_value()) << what;
      EXPECT_EQ(next.error().kind, ErrorKind::kConflict) << what;
      EXPECT_EQ(next.error().code, "invalid_transition") << what;
      std::vector<std::string> allowed;
      for (A a : WallPostActionsFrom(c.from)) allowed.emplace_back(WallPostActionName(a));
      EXPECT_EQ(next.error().allowed, allowed) << what;
    }
  }
}

TEST(WallPostTest, ActionsFromEachState) {
  auto names = [](S s) {
    std::vector<std::string> out;
    for (A a : WallPostActionsFrom(s)) out.emplace_back(WallPostActionName(a));
    return out;
  };
  EXPECT_EQ(names(S::kPending), (std::vector<std::string>{"publish", "hide", "appeal"}));
  EXPECT_EQ(names(S::kPublished), (std::vector<std::string>{"hide", "reply", "appeal"}));
  EXPECT_EQ(names(S::kReplied), (std::vector<std::string>{"hide", "appeal"}));
  EXPECT_EQ(names(S::kHidden), (std::vector<std::string>{"publish", "appeal"}));
}

TEST(WallPostTest, WhoMayTakeEachStep) {
  struct Case {
    A action;
    Operation operation;
  };
  for (const Case& c : std::vector<Case>{{A::kPublish, Operation::kModerateWall},
                                         {A::kHide, Operation::kModerateWall},
                                         {A::kAppeal, Operation::kModerateWall},
                                         {A::kReply, Operation::kReplyWall}})
    EXPECT_EQ(WallPostOperation(c.action), c.operation) << WallPostActionName(c.action);
  struct RoleCase {
    Role role;
    bool moderate, reply;
  };
  for (const RoleCase& c : std::vector<RoleCase>{{Role::kAdmin, true, true},
                                                 {Role::kRegistrar, true, true},
                                                 {Role::kCoordinator, true, true},
                                                 {Role::kHandler, false, true},
                                                 {Role::kDeputy, false, false},
                                                 {Role::kLeader, false, false},
                                                 {Role::kSupervisor, false, false}}) {
    EXPECT_EQ(RoleMayDo(c.role, Operation::kModerateWall), c.moderate) << RoleName(c.role);
    EXPECT_EQ(RoleMayDo(c.role, Operation::kReplyWall), c.reply) << RoleName(c.role);
    EXPECT_TRUE(RoleMayDo(c.role, Operation::kReadWall)) << RoleName(c.role);
  }
}

TEST(WallPostTest, PublicAndOwingStates) {
  struct Case {
    S state;
    bool on_wall, owes;
  };
  for (const Case& c : std::vector<Case>{{S::kPending, false, true},
                                         {S::kPublished, true, true},
                                         {S::kReplied, true, false},
                                         {S::kHidden, false, false}}) {
    EXPECT_EQ(IsOnWall(c.state), c.on_wall) << WallPostStateName(c.state);
    EXPECT_EQ(OwesWallReply(c.state), c.owes) << WallPostStateName(c.state);
  }
}

// Seed 004: 7 working days, the day of posting not counted, holidays skipped and make-up workdays counted.
TEST(WallPostTest, ReplyDueAfterSevenWorkingDays) {
  const WorkCalendar calendar = RealCalendar();
  struct Case {
    std::string_view posted;
    std::string_view due;  // 00:00 after the 7th working day
  };
  for (const Case& c : std::vector<Case>{
           {"2026-11-18 10:00", "2026-11-28 00:00"},  // Wednesday: Thu Fri, Mon–Fri → end of Fri 11-27
           {"2026-11-21 15:00", "2026-12-02 00:00"},  // posted on a Saturday
           // National Day 2026: 10-01..07 off, Saturday 10-10 a make-up workday.
           // 09-30 (1), 10-08 (2), 10-09 (3), 10-10 Sat (4), 10-12 (5), 10-13 (6), 10-14 (7).
           {"2026-09-29 10:00", "2026-10-15 00:00"},
           {"2026-10-01 09:00", "2026-10-16 00:00"},  // posted during the holiday: 10-08 is the first day
           // Spring Festival 2026: 02-14 Sat make-up, 02-15..23 off.
           {"2026-02-12 15:00", "2026-03-01 00:00"},
       }) {
    const Deadline d = WallReplyDeadline(calendar, At(c.posted));
    EXPECT_EQ(d.due, At(std::string(c.due))) << c.posted;
    EXPECT_GT(d.warn_at, d.start) << c.posted;
    EXPECT_LT(d.warn_at, d.due) << c.posted;
  }
}

// In time on the 7th working day, late on the 8th: across National Day 2026.
TEST(WallPostTest, InTimeOnTheSeventhWorkingDayLateOnTheEighth) {
  const WorkCalendar calendar = RealCalendar();
  const Timestamp posted = At("2026-09-29 10:00");
  const Timestamp due = WallReplyDeadline(calendar, posted).due;
  struct Case {
    std::optional<std::string_view> replied;
    std::string_view now;
    WallReplyTiming timing;
    bool overdue;  // for a published post without a reply at `now`
  };
  for (const Case& c : std::vector<Case>{
           {"2026-10-08 09:00", "2026-10-08 09:00", WallReplyTiming::kOnTime, false},  // 2nd working day
           {"2026-10-10 11:00", "2026-10-10 11:00", WallReplyTiming::kOnTime, false},  // the make-up Saturday
           {"2026-10-14 17:30", "2026-10-20 10:00", WallReplyTiming::kOnTime, false},  // 7th working day
           {"2026-10-14 23:59", "2026-10-14 23:59", WallReplyTiming::kOnTime, false},  // its last minute
           {"2026-10-15 09:00", "2026-10-15 09:00", WallReplyTiming::kLate, true},     // 8th working day
           {"2026-10-19 10:00", "2026-10-19 10:00", WallReplyTiming::kLate, true},
           {std::nullopt, "2026-10-07 12:00", WallReplyTiming::kWaiting, false},       // holiday, nothing used
           {std::nullopt, "2026-10-14 23:59", WallReplyTiming::kWaiting, false},
           {std::nullopt, "2026-10-15 00:01", WallReplyTiming::kOverdue, true},
       }) {
    const std::optional<Timestamp> replied =
        c.replied ? std::optional<Timestamp>(At(*c.replied)) : std::nullopt;
    EXPECT_EQ(WallReplyTimingAt(due, replied, At(c.now)), c.timing) << c.replied.value_or("-") << " at " << c.now;
    const Timestamp reply_or_now = replied.value_or(At(c.now));
    EXPECT_EQ(WallPostOverdue(S::kPublished, due, reply_or_now), c.overdue) << c.now;
  }
  // Only a post that still owes its reply is overdue.
  const Timestamp late = At("2026-10-20 10:00");
  EXPECT_TRUE(WallPostOverdue(S::kPending, due, late));
  EXPECT_TRUE(WallPostOverdue(S::kPublished, due, late));
  EXPECT_FALSE(WallPostOverdue(S::kReplied, due, late));
  EXPECT_FALSE(WallPostOverdue(S::kHidden, due, late));
}

TEST(WallPostTest, TimingNamesAndLabels) {
  struct Case {
    WallReplyTiming timing;
    std::string_view name, label;
  };
  for (const Case& c : std::vector<Case>{{WallReplyTiming::kWaiting, "waiting", "待答复"},
                                         {WallReplyTiming::kOverdue, "overdue", "已超期"},
                                         {WallReplyTiming::kOnTime, "on_time", "按时答复"},
                                         {WallReplyTiming::kLate, "late", "逾期答复"}}) {
    EXPECT_EQ(WallReplyTimingName(c.timing), c.name);
    EXPECT_EQ(WallReplyTimingLabel(c.timing), c.label);
  }
}

TEST(WallPostTest, StateNamesRoundTrip) {
  for (S s : AllWallPostStates()) {
    auto parsed = ParseWallPostState(WallPostStateName(s));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, s);
  }
  auto bad = ParseWallPostState("deleted");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "state");
  EXPECT_EQ(bad.error().allowed, (std::vector<std::string>{"pending", "published", "replied", "hidden"}));
}

TEST(WallPostTest, NumbersRedactedOnTheWall) {
  struct Case {
    std::string_view text, shown;
  };
  for (const Case& c : std::vector<Case>{
           {"请回电13812345678谢谢", "请回电138******78谢谢"},
           {"身份证110101199003071234", "身份证110*************34"},
           {"身份证11010119900307123X号", "身份证110*************3X号"},
           {"座机 8765432", "座机 876**32"},
           {"3栋2单元501室，已等了12天", "3栋2单元501室，已等了12天"},  // short numbers stay
           {"123456", "123456"},
           {"", ""},
       })
    EXPECT_EQ(RedactNumbers(c.text), c.shown) << c.text;
}

}  // namespace
}  // namespace minsheng
