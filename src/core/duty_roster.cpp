#include "core/duty_roster.h"

#include <algorithm>
#include <cstdio>

namespace minsheng {
namespace {

bool Has(const std::vector<int>& weekdays, int day) {
  return std::find(weekdays.begin(), weekdays.end(), day) != weekdays.end();
}

bool CoversWorkingWeek(const std::vector<int>& weekdays) {
  for (int d = 1; d <= 5; ++d)
    if (!Has(weekdays, d)) return false;
  return true;
}

}  // namespace

int IsoWeekday(std::chrono::sys_days day) { return static_cast<int>(std::chrono::weekday(day).iso_encoding()); }

bool RosterDay(std::chrono::sys_days day, const std::vector<int>& weekdays, const WorkCalendar& calendar) {
  const auto mark = calendar.Find(day);
  if (mark && mark->kind == DayKind::kHoliday) return false;
  if (Has(weekdays, IsoWeekday(day))) return true;
  return mark && mark->kind == DayKind::kWorkday && CoversWorkingWeek(weekdays);
}

Status CheckRoster(std::chrono::sys_days from, std::chrono::sys_days to, const WeeklyPattern& p,
                   std::size_t member_count) {
  if (to < from) return Fail(Error::Invalid("invalid_value", "结束日期不能早于开始日期", "to"));
  if ((to - from).count() >= kMaxRosterDays)
    return Fail(Error::Invalid("invalid_value", "一次排班最多 366 天", "to"));
  if (p.weekdays.empty()) return Fail(Error::Invalid("missing_field", "请选择值班的星期", "weekdays"));
  for (int d : p.weekdays)
    if (d < 1 || d > 7) return Fail(Error::Invalid("invalid_value", "星期应为 1（周一）到 7（周日）", "weekdays"));
  if (p.start_minute < 0 || p.start_minute >= 24 * 60)
    return Fail(Error::Invalid("invalid_time", "开始时间应为 HH:MM", "start"));
  if (p.end_minute <= p.start_minute || p.end_minute > 24 * 60)
    return Fail(Error::Invalid("invalid_value", "结束时间应晚于开始时间", "end"));
  if (p.per_shift < 1 || p.per_shift > 10)
    return Fail(Error::Invalid("invalid_value", "每班人数应为 1 到 10", "per_shift"));
  if (member_count == 0) return Fail(Error::Invalid("invalid_value", "工作室还没有成员，不能排班", "members"));
  if (static_cast<std::size_t>(p.per_shift) > member_count)
    return Fail(Error::Invalid("invalid_value",
                               "每班人数（" + std::to_string(p.per_shift) + "）多于工作室成员数（" +
                                   std::to_string(member_count) + "）",
                               "per_shift"));
  return {};
}

Result<std::vector<PlannedShift>> PlanRoster(std::chrono::sys_days from, std::chrono::sys_days to,
                                             const WeeklyPattern& p, const std::vector<std::int64_t>& members,
                                             const WorkCalendar& calendar, std::size_t rotation_start,
                                             const SlotTaken& taken, int* skipped) {
  MS_TRY(CheckRoster(from, to, p, members.size()));
  std::vector<PlannedShift> out;
  std::size_t next = rotation_start % members.size();
  if (skipped != nullptr) *skipped = 0;
  for (auto day = from; day <= to; day += std::chrono::days(1)) {
    if (!RosterDay(day, p.weekdays, calendar)) continue;
    const Timestamp midnight = LocalDayStart(day);
    const Timestamp starts_at = midnight + std::int64_t{p.start_minute} * 60;
    const Timestamp ends_at = midnight + std::int64_t{p.end_minute} * 60;
    if (taken && taken(starts_at, ends_at)) {
      if (skipped != nullptr) ++*skipped;
      continue;
    }
    for (int k = 0; k < p.per_shift; ++k) {
      out.push_back({.starts_at = starts_at, .ends_at = ends_at, .user_id = members[next]});
      next = (next + 1) % members.size();
    }
  }
  return out;
}

Result<int> ParseMinuteOfDay(std::string_view text, std::string_view field) {
  auto fail = [&] { return Fail(Error::Invalid("invalid_time", "时间格式应为 HH:MM", std::string(field))); };
  if (text.size() != 5 || text[2] != ':') return fail();
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (text[i] < '0' || text[i] > '9') return fail();
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return fail();
  return h * 60 + m;
}

std::string FormatMinuteOfDay(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minute / 60) % 100, minute % 60);
  return buf;
}

}  // namespace minsheng
