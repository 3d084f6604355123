#include "core/calendar.h"

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

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

WorkCalendar RealCalendar() {
  const std::string csv = ReadFile(MINSHENG_SOURCE_DIR "/data/cn-public-holidays-2025-2026.csv");
  auto days = ParseCalendarCsv(csv);
  EXPECT_TRUE(days.has_value()) << (days ? "" : days.error().message);
  return WorkCalendar(days.value_or(std::vector<CalendarDay>{}));
}

// ---------------------------------------------------------------------------------------------
// ParseDate / FormatDate

TEST(ParseDateTest, AcceptsRealDates) {
  struct Case {
    std::string_view text;
    int year;
    unsigned month, day;
  };
  for (const Case& c : std::vector<Case>{{"2026-02-14", 2026, 2, 14},
                                         {"2024-02-29", 2024, 2, 29},
                                         {"2025-12-31", 2025, 12, 31},
                                         {"1970-01-01", 1970, 1, 1}}) {
    auto day = ParseDate(c.text);
    ASSERT_TRUE(day.has_value()) << c.text;
    const std::chrono::year_month_day ymd{*day};
    EXPECT_EQ(int(ymd.year()), c.year) << c.text;
    EXPECT_EQ(unsigned(ymd.month()), c.month) << c.text;
    EXPECT_EQ(unsigned(ymd.day()), c.day) << c.text;
    EXPECT_EQ(FormatDate(*day), c.text);
  }
}

TEST(ParseDateTest, RefusesInvalidDates) {
  for (std::string_view text : {"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-01-00",
                                "2026-2-3", "2026/02/03", "", "20260203", " 2026-02-03",
                                "2026-02-03 ", "2026-02-3x", "२०२६-02-03", "+026-02-03"}) {
    auto day = ParseDate(text);
    ASSERT_FALSE(day.has_value()) << text;
    EXPECT_EQ(day.error().kind, ErrorKind::kInvalid);
    EXPECT_EQ(day.error().code, "invalid_date");
    EXPECT_EQ(day.error().message, "日期格式应为 YYYY-MM-DD");
    EXPECT_EQ(day.error().field, "date");
  }
  EXPECT_EQ(ParseDate("x", "from").error().field, "from");
}

TEST(ParseTimestampTest, ReadsInstantsWithTheirOffset) {
  // 2026-11-18T10:00:00+08:00 is 1794967200 seconds after the epoch.
  const Timestamp t = 1794967200;
  struct Case {
    std::string_view text;
    Timestamp want;
  };
  for (const Case& c : std::vector<Case>{{"2026-11-18T10:00:00+08:00", t},
                                         {"2026-11-18T10:00+08:00", t},
                                         {"2026-11-18T02:00:00Z", t},
                                         {"2026-11-17T21:00:00-05:00", t},
                                         {"2026-11-18T10:00:59+08:00", t + 59},
                                         {"2026-11-18", t - 10 * 3600}}) {
    auto parsed = ParseTimestamp(c.text);
    ASSERT_TRUE(parsed.has_value()) << c.text;
    EXPECT_EQ(*parsed, c.want) << c.text;
  }
}

TEST(ParseTimestampTest, RefusesAnythingElse) {
  for (std::string_view text : {"", "2026-11-18T10:00:00", "2026-11-18 10:00:00+08:00", "2026-11-18T24:00:00Z",
                                "2026-11-18T10:60:00Z", "2026-11-18T10:00:61Z", "2026-11-31T10:00:00Z",
                                "2026-11-18T10:00:00+0800", "2026-11-18T1:00:00Z", "2026-11-18T10:00:00+08:00x",
                                "1794967200"}) {
    auto parsed = ParseTimestamp(text, "now");
    ASSERT_FALSE(parsed.has_value()) << text;
    EXPECT_EQ(parsed.error().code, "invalid_time") << text;
    EXPECT_EQ(parsed.error().field, "now");
  }
}

// ---------------------------------------------------------------------------------------------
// ParseCalendarCsv

TEST(ParseCalendarCsvTest, LoadsTheShippedCalendar) {
  const std::string csv = ReadFile(MINSHENG_SOURCE_DIR "/data/cn-public-holidays-2025-2026.csv");
  ASSERT_FALSE(csv.empty());
  auto days = ParseCalendarCsv(csv);
  ASSERT_TRUE(days.has_value()) << days.error().message;
  ASSERT_EQ(days->size(), 72u);
  EXPECT_EQ(days->front(), (CalendarDay{D("2025-01-01"), DayKind::kHoliday, "元旦"}));
  EXPECT_EQ(days->back(), (CalendarDay{D("2026-10-10"), DayKind::kWorkday, "国庆节调休上班"}));
  const WorkCalendar calendar(*days);
  EXPECT_EQ(calendar.Years(), (std::vector<int>{2025, 2026}));
  EXPECT_EQ(calendar.Days().size(), 72u);
}

TEST(ParseCalendarCsvTest, AcceptsBomCrlfBlankLinesNoHeaderAndQuotes) {
  auto days = ParseCalendarCsv(
      "\xEF\xBB\xBF" "date,kind,name\r\n2026-01-01,holiday,元旦\r\n\r\n"
      "2026-01-04, WORKDAY ,\"调休, \"\"上班\"\"\"\r\n2026-01-02,holiday\n");
  ASSERT_TRUE(days.has_value()) << days.error().message;
  ASSERT_EQ(days->size(), 3u);
  EXPECT_EQ((*days)[1], (CalendarDay{D("2026-01-04"), DayKind::kWorkday, "调休, \"上班\""}));
  EXPECT_EQ((*days)[2], (CalendarDay{D("2026-01-02"), DayKind::kHoliday, ""}));

  auto no_header = ParseCalendarCsv("2026-01-01,holiday,元旦");
  ASSERT_TRUE(no_header.has_value());
  EXPECT_EQ(no_header->size(), 1u);

  auto empty = ParseCalendarCsv("date,kind,name\n");
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->empty());
}

TEST(ParseCalendarCsvTest, NamesTheBadLine) {
  struct Case {
    std::string csv;
    std::string expected_line;  // "第 N 行"
  };
  for (const Case& c : std::vector<Case>{
           {"date,kind,name\n2026-01-01,holiday,元旦\n2026-02-30,holiday,x\n", "第 3 行"},
           {"date,kind,name\n2026-01-01,vacation,元旦\n", "第 2 行"},
           {"date,kind,name\n2026-01-01,holiday,a\n\n2026-01-01,workday,b\n", "第 4 行"},
           {"date,kind,name\n2026-01-01\n", "第 2 行"},
           {"date,kind,name\n2026-01-01,,元旦\n", "第 2 行"},
           {"2026-01-01,holiday,a\nnot a line\n", "第 2 行"},
       }) {
    auto days = ParseCalendarCsv(c.csv);
    ASSERT_FALSE(days.has_value()) << c.csv;
    EXPECT_EQ(days.error().kind, ErrorKind::kInvalid);
    EXPECT_EQ(days.error().code, "invalid_calendar");
    EXPECT_NE(days.error().message.find(c.expected_line), std::string::npos)
        << days.error().message << " should name " << c.expected_line;
  }
}

// ---------------------------------------------------------------------------------------------
// WorkCalendar with the real 2025–2026 data

TEST(WorkCalendarTest, IsWorkingDayWithRealCalendar) {
  const WorkCalendar calendar = RealCalendar();
  struct Case {
    std::string_view day;
    bool working;
  };
  for (const Case& c : std::vector<Case>{
           {"2025-03-07", true},   // plain Friday
           {"2025-03-08", false},  // plain Saturday
           {"2025-03-09", false},  // plain Sunday
           {"2025-03-10", true},   // plain Monday
           {"2026-02-13", true},   // Friday before Spring Festival
           {"2026-02-14", true},   // Saturday, make-up workday
           {"2026-02-15", false},  // Sunday, holiday
           {"2026-02-16", false},  // Monday, holiday
           {"2026-02-23", false},  // Monday, last day of the holiday
           {"2026-02-24", true},   // Tuesday, back to work
           {"2026-02-28", true},   // Saturday, make-up workday
           {"2026-03-01", false},  // Sunday
           {"2025-09-28", true},   // Sunday, make-up workday
           {"2025-10-01", false},  // National Day
           {"2025-10-08", false},  // Wednesday, still holiday
           {"2025-10-09", true},   // Thursday
           {"2025-10-11", true},   // Saturday, make-up workday
           {"2025-10-12", false},  // Sunday
       }) {
    EXPECT_EQ(calendar.IsWorkingDay(D(c.day)), c.working) << c.day;
  }
}

TEST(WorkCalendarTest, AddWorkingDaysWithRealCalendar) {
  const WorkCalendar calendar = RealCalendar();
  struct Case {
    std::string_view from;
    int n;
    std::string_view expected;
  };
  for (const Case& c : std::vector<Case>{
           {"2025-03-07", 0, "2025-03-07"},
           {"2025-03-07", 1, "2025-03-10"},  // Friday + 1 → Monday
           {"2025-03-08", 1, "2025-03-10"},  // from a Saturday
           {"2025-03-03", 5, "2025-03-10"},
           {"2026-02-13", 1, "2026-02-14"},  // make-up Saturday counts
           {"2026-02-13", 2, "2026-02-24"},  // Spring Festival skipped
           {"2026-02-12", 7, "2026-02-28"},  // 7-day reply rule across the festival
           {"2026-02-14", 1, "2026-02-24"},
           {"2026-02-18", 1, "2026-02-24"},  // from inside the holiday
           {"2025-09-26", 1, "2025-09-28"},  // make-up Sunday
           {"2025-09-30", 1, "2025-10-09"},  // National Day skipped
           {"2025-09-30", 3, "2025-10-11"},  // make-up Saturday
           {"2025-12-31", 1, "2026-01-04"},  // New Year 2026 and its make-up Sunday
           {"2026-02-24", -1, "2026-02-14"},
           {"2025-03-10", -1, "2025-03-07"},
       }) {
    EXPECT_EQ(FormatDate(calendar.AddWorkingDays(D(c.from), c.n)), c.expected)
        << c.from << " + " << c.n;
  }
}

TEST(WorkCalendarTest, WorkingDaysBetween) {
  const WorkCalendar calendar = RealCalendar();
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2026-02-13"), D("2026-02-28")), 6);
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2026-02-28"), D("2026-02-13")), -6);
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2026-02-14"), D("2026-02-23")), 0);
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2025-03-07"), D("2025-03-07")), 0);
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2025-03-07"), D("2025-03-14")), 5);
  // Consistent with AddWorkingDays.
  for (int n = 1; n <= 20; ++n) {
    const sys_days from = D("2025-09-25");
    EXPECT_EQ(calendar.WorkingDaysBetween(from, calendar.AddWorkingDays(from, n)), n) << n;
  }
}

// ---------------------------------------------------------------------------------------------
// WorkCalendar built by hand

TEST(WorkCalendarTest, PlainWeekWithoutMarks) {
  const WorkCalendar calendar;
  EXPECT_TRUE(calendar.IsWorkingDay(D("2026-02-16")));  // a holiday only if loaded
  EXPECT_FALSE(calendar.IsWorkingDay(D("2026-02-14")));
  EXPECT_EQ(FormatDate(calendar.AddWorkingDays(D("2026-02-13"), 2)), "2026-02-17");
  EXPECT_TRUE(calendar.Years().empty());
  EXPECT_FALSE(calendar.Find(D("2026-02-16")).has_value());
}

TEST(WorkCalendarTest, SetFindDaysYearsUnset) {
  WorkCalendar calendar;
  calendar.Set({D("2027-05-05"), DayKind::kHoliday, "b"});
  calendar.Set({D("2024-06-08"), DayKind::kWorkday, "a"});  // a Saturday
  calendar.Set({D("2027-05-01"), DayKind::kHoliday, "c"});
  calendar.Set({D("2027-05-05"), DayKind::kHoliday, "b2"});  // replaces

  EXPECT_TRUE(calendar.IsWorkingDay(D("2024-06-08")));
  EXPECT_FALSE(calendar.IsWorkingDay(D("2027-05-05")));  // a Wednesday
  EXPECT_EQ(calendar.Find(D("2027-05-05"))->name, "b2");

  const auto days = calendar.Days();
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(FormatDate(days[0].day), "2024-06-08");
  EXPECT_EQ(FormatDate(days[1].day), "2027-05-01");
  EXPECT_EQ(FormatDate(days[2].day), "2027-05-05");
  EXPECT_EQ(calendar.Years(), (std::vector<int>{2024, 2027}));

  // Tuesday 2027-05-04 + 1 → Thursday, skipping the Wednesday holiday.
  EXPECT_EQ(FormatDate(calendar.AddWorkingDays(D("2027-05-04"), 1)), "2027-05-06");
  // Friday 2024-06-07 + 1 → the make-up Saturday.
  EXPECT_EQ(FormatDate(calendar.AddWorkingDays(D("2024-06-07"), 1)), "2024-06-08");

  EXPECT_TRUE(calendar.Unset(D("2027-05-05")));
  EXPECT_FALSE(calendar.Unset(D("2027-05-05")));
  EXPECT_TRUE(calendar.IsWorkingDay(D("2027-05-05")));
}

// ---------------------------------------------------------------------------------------------
// Local time (CST)

TEST(LocalTimeTest, DayBoundariesAreAtMidnightChinaTime) {
  const Timestamp utc_midnight_0212 = Timestamp{D("2026-02-12").time_since_epoch().count()} * 86400;
  // 00:00 CST on 02-13 is 16:00 UTC on 02-12.
  EXPECT_EQ(LocalDayStart(D("2026-02-13")), utc_midnight_0212 + 16 * 3600);
  EXPECT_EQ(FormatDate(LocalDay(utc_midnight_0212 + 16 * 3600 - 1)), "2026-02-12");
  EXPECT_EQ(FormatDate(LocalDay(utc_midnight_0212 + 16 * 3600)), "2026-02-13");
  EXPECT_EQ(FormatDate(LocalDay(utc_midnight_0212)), "2026-02-12");  // 08:00 CST
  EXPECT_EQ(FormatDate(LocalDay(0)), "1970-01-01");
  EXPECT_EQ(FormatDate(LocalDay(-8 * 3600)), "1970-01-01");
  EXPECT_EQ(FormatDate(LocalDay(-8 * 3600 - 1)), "1969-12-31");
  for (const char* day : {"1969-12-31", "2025-10-01", "2026-02-28"}) {
    EXPECT_EQ(LocalDay(LocalDayStart(D(day))), D(day)) << day;
    EXPECT_EQ(LocalDay(LocalDayStart(D(day)) + 86399), D(day)) << day;
  }
}

}  // namespace
}  // namespace minsheng
