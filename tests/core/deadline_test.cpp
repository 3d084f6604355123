#include "core/deadline.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace minsheng {
namespace {

using std::chrono::sys_days;

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

// Back to "YYYY-MM-DD HH:MM" (CST), for readable failures.
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
  EXPECT_FALSE(days->empty());
  return WorkCalendar(days.value_or(std::vector<CalendarDay>{}));
}

TEST(DeadlineTest, DueDatesWithRealCalendar) {
  const WorkCalendar calendar = RealCalendar();
  struct Case {
    std::string_view start;
    int working_days;
    std::string_view due;  // 00:00 of the day after the last working day
  };
  for (const Case& c : std::vector<Case>{
           // Plain weeks.
           {"2025-03-07 10:00", 1, "2025-03-11 00:00"},  // Friday + 1 → end of Monday
           {"2025-03-07 23:59", 1, "2025-03-11 00:00"},
           {"2025-03-08 12:00", 1, "2025-03-11 00:00"},  // from a Saturday
           {"2025-03-10 00:00", 1, "2025-03-12 00:00"},
           {"2025-03-10 09:00", 7, "2025-03-20 00:00"},
           {"2025-03-10 09:00", 15, "2025-04-01 00:00"},
           // Spring Festival 2026: 02-14 Sat make-up, 02-15..23 off, 02-28 Sat make-up.
           {"2026-02-13 09:00", 1, "2026-02-15 00:00"},  // due at the end of the make-up Saturday
           {"2026-02-13 09:00", 2, "2026-02-25 00:00"},
           {"2026-02-12 15:00", 7, "2026-03-01 00:00"},  // ends on the make-up Saturday 02-28
           {"2026-02-16 10:00", 1, "2026-02-25 00:00"},  // registered during the holiday
           {"2026-02-24 10:00", 7, "2026-03-05 00:00"},
           // National Day 2025: 09-28 Sun make-up, 10-01..08 off, 10-11 Sat make-up.
           {"2025-09-26 17:00", 1, "2025-09-29 00:00"},  // make-up Sunday counts
           {"2025-09-26 17:00", 2, "2025-09-30 00:00"},
           {"2025-09-30 10:00", 1, "2025-10-10 00:00"},
           {"2025-09-30 10:00", 3, "2025-10-12 00:00"},
           {"2025-09-30 10:00", 7, "2025-10-17 00:00"},
       }) {
    const Deadline deadline = ComputeDeadline(calendar, At(c.start), c.working_days);
    EXPECT_EQ(deadline.start, At(c.start));
    EXPECT_EQ(Show(deadline.due), c.due) << c.start << " + " << c.working_days;
    EXPECT_GE(deadline.warn_at, deadline.start);
    EXPECT_LE(deadline.warn_at, deadline.due);
  }
}

TEST(DeadlineTest, ZeroOrNegativeWorkingDays) {
  const WorkCalendar calendar;
  const Timestamp start = At("2025-03-07 10:00");
  for (int n : {0, -1, -7}) {
    EXPECT_EQ(ComputeDeadline(calendar, start, n), (Deadline{start, start, start})) << n;
  }
}

TEST(DeadlineTest, WarnAtEightyPercentOfWorkingTime) {
  const WorkCalendar calendar = RealCalendar();
  struct Case {
    std::string_view start;
    int working_days;
    std::string_view warn_at;
    std::string_view why;
  };
  for (const Case& c : std::vector<Case>{
           // Mon 00:00, due end of Tue: 48 h working, 38.4 h → Tue 14:24.
           {"2025-03-10 00:00", 1, "2025-03-11 14:24", "no weekend"},
           // Fri 10:00, due end of Mon: 14 h Fri + 24 h Mon = 38 h, 30.4 h → Mon 16:24.
           // (Wall-clock 80% of 86 h would be Sun 06:48.)
           {"2025-03-07 10:00", 1, "2025-03-10 16:24", "weekend inside"},
           // Sat 12:00, due end of Mon: only Mon counts, 19.2 h → Mon 19:12.
           {"2025-03-08 12:00", 1, "2025-03-10 19:12", "start on a day off"},
           // Fri 02-13 00:00, due end of 02-24: Fri + make-up Sat + Tue = 72 h, 57.6 h → Tue 09:36.
           {"2026-02-13 00:00", 2, "2026-02-24 09:36", "Spring Festival inside"},
           // Tue 09-30 00:00, due end of 10-09: 48 h, 38.4 h → 10-09 14:24.
           {"2025-09-30 00:00", 1, "2025-10-09 14:24", "National Day inside"},
           // Mon 00:00 + 5, due end of next Mon: 6 working days = 144 h, 115.2 h → Fri 19:12.
           {"2025-03-10 00:00", 5, "2025-03-14 19:12", "exactly one week of work"},
       }) {
    const Deadline deadline = ComputeDeadline(calendar, At(c.start), c.working_days);
    EXPECT_EQ(Show(deadline.warn_at), c.warn_at) << c.why;
  }
}

TEST(DeadlineTest, WarnAtIsTheEarliestInstantPastEightyPercent) {
  const WorkCalendar calendar = RealCalendar();
  // Every 7 hours over 2025-09-01 .. 2026-03-31, for several lengths.
  for (Timestamp start = At("2025-09-01 00:00"); start < At("2026-03-31 00:00"); start += 7 * 3600 + 13) {
    for (int n : {1, 2, 7, 15}) {
      const Deadline d = ComputeDeadline(calendar, start, n);
      const std::int64_t total = WorkingSecondsBetween(calendar, d.start, d.due);
      ASSERT_GT(total, 0);
      const std::int64_t at_warn = WorkingSecondsBetween(calendar, d.start, d.warn_at);
      ASSERT_GE(at_warn * 100, total * kWarnPercent) << Show(start) << " n=" << n;
      ASSERT_LT((at_warn - 1) * 100, total * kWarnPercent) << Show(start) << " n=" << n;
      ASSERT_EQ(calendar.WorkingDaysBetween(LocalDay(start), LocalDay(d.due - 1)), n);
      ASSERT_TRUE(calendar.IsWorkingDay(LocalDay(d.due - 1)));
      ASSERT_TRUE(calendar.IsWorkingDay(LocalDay(d.warn_at - 1)));
    }
  }
}

TEST(DeadlineTest, WorkingSecondsBetween) {
  const WorkCalendar calendar = RealCalendar();
  struct Case {
    std::string_view a, b;
    std::int64_t hours;
  };
  for (const Case& c : std::vector<Case>{
           {"2025-03-07 12:00", "2025-03-10 12:00", 24},  // Fri noon → Mon noon
           {"2025-03-07 12:00", "2025-03-07 18:00", 6},
           {"2025-03-08 00:00", "2025-03-10 00:00", 0},   // the weekend
           {"2026-02-15 00:00", "2026-02-24 00:00", 0},   // the Spring Festival
           {"2026-02-14 06:00", "2026-02-24 06:00", 24},  // 18 h Sat + 6 h Tue
           {"2025-03-10 00:00", "2025-03-17 00:00", 120},
       }) {
    EXPECT_EQ(WorkingSecondsBetween(calendar, At(c.a), At(c.b)), c.hours * 3600) << c.a << " → " << c.b;
    EXPECT_EQ(WorkingSecondsBetween(calendar, At(c.b), At(c.a)), -c.hours * 3600) << c.b << " → " << c.a;
  }
}

TEST(DeadlineTest, UrgencyAt) {
  const WorkCalendar calendar;
  const Deadline d = ComputeDeadline(calendar, At("2025-03-07 10:00"), 1);
  struct Case {
    Timestamp now;
    Urgency expected;
  };
  for (const Case& c : std::vector<Case>{
           {d.start - 1, Urgency::kNormal},
           {d.start, Urgency::kNormal},
           {d.warn_at - 1, Urgency::kNormal},
           {d.warn_at, Urgency::kYellow},
           {d.due - 1, Urgency::kYellow},
           {d.due, Urgency::kYellow},  // on the deadline is still on time
           {d.due + 1, Urgency::kRed},
       }) {
    EXPECT_EQ(UrgencyAt(d, c.now), c.expected) << Show(c.now);
  }
  EXPECT_EQ(UrgencyName(Urgency::kNormal), "normal");
  EXPECT_EQ(UrgencyName(Urgency::kYellow), "yellow");
  EXPECT_EQ(UrgencyName(Urgency::kRed), "red");
}

TEST(DeadlineTest, ExtendDue) {
  const WorkCalendar calendar = RealCalendar();
  struct Case {
    std::string_view due;
    int extra;
    std::string_view expected;
  };
  for (const Case& c : std::vector<Case>{
           {"2026-02-15 00:00", 1, "2026-02-25 00:00"},  // end of make-up Sat → end of 02-24
           {"2026-02-15 00:00", 5, "2026-03-01 00:00"},  // → end of make-up Sat 02-28
           {"2025-03-11 00:00", 1, "2025-03-12 00:00"},
           {"2025-03-08 00:00", 1, "2025-03-11 00:00"},  // end of Friday → end of Monday
           {"2025-03-07 15:00", 1, "2025-03-10 15:00"},  // not at midnight: keeps the time of day
           {"2025-09-30 00:00", 2, "2025-10-10 00:00"},  // end of 09-29 → 09-30, 10-09
           {"2025-03-11 00:00", 0, "2025-03-11 00:00"},
           {"2025-03-11 00:00", -3, "2025-03-11 00:00"},
       }) {
    EXPECT_EQ(Show(ExtendDue(calendar, At(c.due), c.extra)), c.expected) << c.due << " + " << c.extra;
  }
  // Extending n working days by m equals a deadline of n + m working days.
  for (Timestamp start = At("2025-09-20 00:00"); start < At("2026-03-10 00:00"); start += 11 * 3600) {
    for (int n : {1, 2, 7}) {
      for (int m : {1, 3, 7}) {
        ASSERT_EQ(ExtendDue(calendar, ComputeDeadline(calendar, start, n).due, m),
                  ComputeDeadline(calendar, start, n + m).due)
            << Show(start) << " n=" << n << " m=" << m;
      }
    }
  }
}

}  // namespace
}  // namespace minsheng
