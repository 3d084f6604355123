// Roster generation: which days get slots (holidays, make-up workdays), rotation, times, bad input.
#include "core/duty_roster.h"

#include <gtest/gtest.h>

#include <set>

namespace minsheng {
namespace {

using std::chrono::sys_days;

sys_days D(std::string_view text) { return ParseDate(text).value(); }

// Spring Festival 2026: Sat 02-14 make-up workday, 02-15 … 02-23 holidays, Sat 02-28 make-up workday.
WorkCalendar SpringFestival() {
  WorkCalendar c;
  c.Set({D("2026-02-14"), DayKind::kWorkday, "春节调休上班"});
  for (int d = 15; d <= 23; ++d) c.Set({D("2026-02-" + std::to_string(d)), DayKind::kHoliday, "春节"});
  c.Set({D("2026-02-28"), DayKind::kWorkday, "春节调休上班"});
  return c;
}

std::vector<std::string> Days(const std::vector<PlannedShift>& shifts) {
  std::vector<std::string> out;
  for (const auto& s : shifts) {
    std::string day = FormatDate(LocalDay(s.starts_at));
    if (out.empty() || out.back() != day) out.push_back(day);
  }
  return out;
}

TEST(RosterDay, HolidaysAndMakeUpWorkdays) {
  const WorkCalendar cal = SpringFestival();
  const std::vector<int> saturdays = {6}, weekdays = {1, 2, 3, 4, 5}, wednesdays = {3};
  struct Case { const char* day; const std::vector<int>& pattern; bool want; };
  const Case cases[] = {
      {"2026-02-14", saturdays, true},    // make-up workday on a Saturday: a Saturday roster works it
      {"2026-02-14", weekdays, true},     // and a working-days roster does too
      {"2026-02-14", wednesdays, false},  // a Wednesday roster does not
      {"2026-02-21", saturdays, false},   // a holiday Saturday
      {"2026-02-18", wednesdays, false},  // a holiday Wednesday
      {"2026-02-16", weekdays, false},    // a holiday Monday
      {"2026-02-24", weekdays, true},     // the first working Tuesday after
      {"2026-02-25", wednesdays, true},
      {"2026-02-07", saturdays, true},    // a plain Saturday
      {"2026-02-08", weekdays, false},    // a plain Sunday
  };
  for (const auto& c : cases) EXPECT_EQ(RosterDay(D(c.day), c.pattern, cal), c.want) << c.day;
}

TEST(PlanRoster, AcrossTheSpringFestivalWeek) {
  const WorkCalendar cal = SpringFestival();
  const WeeklyPattern p{.weekdays = {1, 2, 3, 4, 5}, .start_minute = 9 * 60, .end_minute = 12 * 60, .per_shift = 1};
  auto shifts = PlanRoster(D("2026-02-09"), D("2026-03-01"), p, {11, 12, 13}, cal);
  ASSERT_TRUE(shifts.has_value());
  EXPECT_EQ(Days(*shifts), (std::vector<std::string>{"2026-02-09", "2026-02-10", "2026-02-11", "2026-02-12",
                                                     "2026-02-13", "2026-02-14", "2026-02-24", "2026-02-25",
                                                     "2026-02-26", "2026-02-27", "2026-02-28"}));
  EXPECT_EQ(FormatDate(LocalDay(shifts->front().starts_at)), "2026-02-09");
  EXPECT_EQ(shifts->front().starts_at, ParseTimestamp("2026-02-09T09:00:00+08:00").value());
  EXPECT_EQ(shifts->front().ends_at, ParseTimestamp("2026-02-09T12:00:00+08:00").value());
}

TEST(PlanRoster, RotatesThroughMembersInOrder) {
  const WeeklyPattern p{.weekdays = {6}, .start_minute = 9 * 60, .end_minute = 12 * 60, .per_shift = 2};
  auto shifts = PlanRoster(D("2026-11-01"), D("2026-11-30"), p, {1, 2, 3}, WorkCalendar{});
  ASSERT_TRUE(shifts.has_value());
  ASSERT_EQ(shifts->size(), 8u);  // four Saturdays, two each
  std::vector<std::int64_t> users;
  for (const auto& s : *shifts) users.push_back(s.user_id);
  EXPECT_EQ(users, (std::vector<std::int64_t>{1, 2, 3, 1, 2, 3, 1, 2}));
  EXPECT_EQ((*shifts)[0].starts_at, (*shifts)[1].starts_at);  // one slot, two deputies
  EXPECT_NE((*shifts)[1].user_id, (*shifts)[0].user_id);
  auto continued = PlanRoster(D("2026-12-01"), D("2026-12-07"), p, {1, 2, 3}, WorkCalendar{}, 8);
  ASSERT_TRUE(continued.has_value());
  ASSERT_EQ(continued->size(), 2u);
  EXPECT_EQ((*continued)[0].user_id, 3);
  EXPECT_EQ((*continued)[1].user_id, 1);
}

TEST(PlanRoster, LeavesTakenSlotsWithoutMovingTheRotation) {
  const WeeklyPattern p{.weekdays = {6}, .start_minute = 9 * 60, .end_minute = 12 * 60, .per_shift = 1};
  const Timestamp second_saturday = ParseTimestamp("2026-11-14T09:00:00+08:00").value();
  int skipped = -1;
  auto shifts = PlanRoster(D("2026-11-01"), D("2026-11-30"), p, {1, 2, 3}, WorkCalendar{}, 0,
                           [&](Timestamp s, Timestamp e) { return s < second_saturday + 3600 && e > second_saturday; },
                           &skipped);
  ASSERT_TRUE(shifts.has_value());
  EXPECT_EQ(skipped, 1);
  ASSERT_EQ(shifts->size(), 3u);
  EXPECT_EQ(FormatDate(LocalDay((*shifts)[1].starts_at)), "2026-11-21");
  EXPECT_EQ((*shifts)[1].user_id, 2);  // the rotation did not move on for the skipped Saturday
}

TEST(PlanRoster, RefusesBadInput) {
  const WeeklyPattern good{.weekdays = {6}, .start_minute = 540, .end_minute = 720, .per_shift = 2};
  struct Case { const char* what; sys_days from, to; WeeklyPattern p; std::vector<std::int64_t> members;
                const char* field; };
  auto with = [&](auto change) { WeeklyPattern p = good; change(p); return p; };
  const Case cases[] = {
      {"to before from", D("2026-11-02"), D("2026-11-01"), good, {1, 2}, "to"},
      {"over 366 days", D("2026-01-01"), D("2027-01-02"), good, {1, 2}, "to"},
      {"no weekdays", D("2026-11-01"), D("2026-11-30"), with([](auto& p) { p.weekdays = {}; }), {1, 2}, "weekdays"},
      {"weekday 8", D("2026-11-01"), D("2026-11-30"), with([](auto& p) { p.weekdays = {8}; }), {1, 2}, "weekdays"},
      {"end before start", D("2026-11-01"), D("2026-11-30"), with([](auto& p) { p.end_minute = 540; }), {1, 2}, "end"},
      {"nobody per shift", D("2026-11-01"), D("2026-11-30"), with([](auto& p) { p.per_shift = 0; }), {1, 2}, "per_shift"},
      {"more per shift than members", D("2026-11-01"), D("2026-11-30"), good, {1}, "per_shift"},
      {"no members", D("2026-11-01"), D("2026-11-30"), good, {}, "members"},
  };
  for (const auto& c : cases) {
    auto r = PlanRoster(c.from, c.to, c.p, c.members, WorkCalendar{});
    ASSERT_FALSE(r.has_value()) << c.what;
    EXPECT_EQ(r.error().field, c.field) << c.what;
  }
  EXPECT_TRUE(PlanRoster(D("2026-01-01"), D("2027-01-01"), good, {1, 2}, WorkCalendar{}).has_value());  // 366 days
}

TEST(MinuteOfDay, ParsesAndFormats) {
  EXPECT_EQ(ParseMinuteOfDay("09:30", "start").value(), 570);
  EXPECT_EQ(ParseMinuteOfDay("00:00", "start").value(), 0);
  EXPECT_EQ(ParseMinuteOfDay("24:00", "end").value(), 1440);
  for (const char* bad : {"9:30", "09:60", "24:01", "25:00", "0930", "ab:cd", ""})
    EXPECT_EQ(ParseMinuteOfDay(bad, "start").error().field, "start") << bad;
  EXPECT_EQ(FormatMinuteOfDay(570), "09:30");
}

}  // namespace
}  // namespace minsheng
