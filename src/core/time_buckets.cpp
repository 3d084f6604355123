#include "core/time_buckets.h"

#include <cstdio>

#include "core/calendar.h"

namespace minsheng {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

sys_days WeekStart(sys_days day) {
  const unsigned iso = std::chrono::weekday{day}.iso_encoding();  // Monday 1 .. Sunday 7
  return day - days(iso - 1);
}

std::string MonthKey(std::chrono::year_month m) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u", int(m.year()), unsigned(m.month()));
  return buffer;
}

std::string MonthKey(sys_days day) {
  const year_month_day ymd{day};
  return MonthKey(ymd.year() / ymd.month());
}

}  // namespace

std::string TimeBucketKey(GroupBy group_by, sys_days day) {
  return group_by == GroupBy::kWeek ? FormatDate(WeekStart(day)) : MonthKey(day);
}

std::optional<std::pair<sys_days, sys_days>> TimeBucketDays(GroupBy group_by, const std::string& key) {
  if (group_by == GroupBy::kWeek) {
    auto start = ParseDate(key);
    if (!start || WeekStart(*start) != *start) return std::nullopt;
    return std::pair{*start, *start + days(6)};
  }
  if (group_by != GroupBy::kMonth || key.size() != 7) return std::nullopt;
  auto first = ParseDate(key + "-01");
  if (!first) return std::nullopt;
  const year_month_day ymd{*first};
  return std::pair{*first, sys_days{ymd.year() / ymd.month() / std::chrono::last}};
}

Result<std::vector<std::string>> TimeBucketsBetween(GroupBy group_by, sys_days first, sys_days last,
                                                    std::size_t max_buckets) {
  std::vector<std::string> out;
  if (last < first) return out;
  if (group_by == GroupBy::kWeek) {
    for (sys_days d = WeekStart(first); d <= last; d += days(7)) {
      if (out.size() == max_buckets) break;
      out.push_back(FormatDate(d));
    }
  } else {
    const year_month_day a{first};
    const year_month_day b{last};
    for (auto m = a.year() / a.month(); m <= b.year() / b.month(); m += std::chrono::months(1)) {
      if (out.size() == max_buckets) break;
      out.push_back(MonthKey(m));
    }
  }
  if (out.size() == max_buckets && TimeBucketKey(group_by, last) != out.back())
    return Fail(Error::Invalid("invalid_value",
                               std::string("时间范围过长：按") + (group_by == GroupBy::kWeek ? "周" : "月") +
                                   "分组最多 " + std::to_string(max_buckets) + " 段",
                               "from"));
  return out;
}

std::string TimeBucketName(GroupBy group_by, const std::string& key) {
  if (group_by == GroupBy::kMonth) {
    if (key.size() != 7) return key;
    const int month = (key[5] - '0') * 10 + (key[6] - '0');
    return key.substr(0, 4) + "年" + std::to_string(month) + "月";
  }
  auto start = ParseDate(key);
  if (!start) return key;
  const year_month_day a{*start};
  const year_month_day b{*start + days(6)};
  const auto md = [](const year_month_day& ymd) {
    return std::to_string(unsigned(ymd.month())) + "月" + std::to_string(unsigned(ymd.day())) + "日";
  };
  if (a.year() == b.year()) return md(a) + "—" + md(b);
  return std::to_string(int(a.year())) + "年" + md(a) + "—" + std::to_string(int(b.year())) + "年" + md(b);
}

}  // namespace minsheng
