#include "core/rollup.h"

#include <algorithm>
#include <chrono>
#include <string>

namespace minsheng {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(TallyColumn::kCauseFirst)> kNames = {
    "total",          "dispatched",  "contacted",  "responded_on_time",  "replied",  "closed",
    "closed_on_time", "called_back", "resolved",   "satisfied",          "reopened", "open",
    "open_day_sum",   "repeats",     "supervised", "manually_supervised"};

const std::array<std::string, kCauseCount>& CauseColumns() {
  static const auto kColumns = [] {
    std::array<std::string, kCauseCount> out;
    std::size_t i = 0;
    for (auto cause : AllCauses()) out[i++] = "cause_" + std::string(CauseName(cause));
    return out;
  }();
  return kColumns;
}

std::chrono::sys_days Days(std::int32_t day) { return std::chrono::sys_days(std::chrono::days(day)); }
std::int32_t DayNumber(std::chrono::sys_days d) { return static_cast<std::int32_t>(d.time_since_epoch().count()); }

std::int32_t NextMonthStart(std::int32_t day) {
  const std::chrono::year_month_day ymd(Days(day));
  const auto next = std::chrono::year_month(ymd.year(), ymd.month()) + std::chrono::months(1);
  return DayNumber(std::chrono::sys_days(next / 1));
}

}  // namespace

std::string_view TallyColumnName(std::size_t column) {
  if (column < kNames.size()) return kNames[column];
  return CauseColumns().at(column - kNames.size());
}

Tally& Tally::operator+=(const Tally& other) {
  for (std::size_t i = 0; i < n.size(); ++i) n[i] += other.n[i];
  return *this;
}

Tally& Tally::operator-=(const Tally& other) {
  for (std::size_t i = 0; i < n.size(); ++i) n[i] -= other.n[i];
  return *this;
}

bool Tally::IsZero() const {
  return std::all_of(n.begin(), n.end(), [](std::int64_t x) { return x == 0; });
}

Tally TallyOf(const TallyInput& a) {
  Tally t;
  using C = TallyColumn;
  t[C::kTotal] = 1;
  t[C::kDispatched] = a.dispatched;
  t[C::kContacted] = a.dispatched && a.contacted;
  t[C::kRespondedOnTime] = a.contacted_on_time;
  t[C::kReplied] = a.replied;
  t[C::kClosed] = a.closed;
  t[C::kClosedOnTime] = a.closed && a.closed_on_time;
  t[C::kCalledBack] = a.called_back;
  t[C::kResolved] = a.called_back && a.resolved;
  t[C::kSatisfied] = a.called_back && a.satisfied;
  t[C::kReopened] = a.reopened;
  t[C::kOpen] = !a.finished;
  t[C::kOpenDaySum] = a.finished ? 0 : a.day;
  t[C::kRepeats] = a.repeats;
  t[C::kSupervised] = a.supervised;
  t[C::kManuallySupervised] = a.manually_supervised;
  for (std::size_t i = 0; i < kCauseCount; ++i) t.n[static_cast<std::size_t>(C::kCauseFirst) + i] = a.causes[i];
  return t;
}

MetricCounts CountsOf(const Tally& t, std::int32_t today) {
  using C = TallyColumn;
  MetricCounts c;
  c.total = t[C::kTotal];
  c.dispatched = t[C::kDispatched];
  c.response_due = t[C::kContacted];
  c.responded_on_time = t[C::kRespondedOnTime];
  c.replied = t[C::kReplied];
  c.closed = t[C::kClosed];
  c.closed_on_time = t[C::kClosedOnTime];
  c.called_back = t[C::kCalledBack];
  c.resolved = t[C::kResolved];
  c.satisfied = t[C::kSatisfied];
  c.reopened = t[C::kReopened];
  c.open = t[C::kOpen];
  c.open_age_days_sum = c.open * today - t[C::kOpenDaySum];
  c.repeats = t[C::kRepeats];
  c.supervised = t[C::kSupervised];
  c.manually_supervised = t[C::kManuallySupervised];
  for (std::size_t i = 0; i < kCauseCount; ++i) c.causes[i] = t.n[static_cast<std::size_t>(C::kCauseFirst) + i];
  return c;
}

std::string_view RollupSpanName(RollupSpan span) {
  switch (span) {
    case RollupSpan::kDay:
      return "day";
    case RollupSpan::kWeek:
      return "week";
    case RollupSpan::kMonth:
      return "month";
  }
  return "day";
}

std::int32_t WeekStart(std::int32_t day) {
  // 1970-01-01 was a Thursday: Monday is 3 days before it.
  return day - ((day % 7 + 7 + 3) % 7);
}

std::int32_t MonthStart(std::int32_t day) {
  const std::chrono::year_month_day ymd(Days(day));
  return DayNumber(std::chrono::sys_days(ymd.year() / ymd.month() / 1));
}

std::array<RollupPeriod, 3> PeriodsOf(std::int32_t day) {
  return {RollupPeriod{RollupSpan::kDay, day}, RollupPeriod{RollupSpan::kWeek, WeekStart(day)},
          RollupPeriod{RollupSpan::kMonth, MonthStart(day)}};
}

std::vector<RollupPeriod> CoverDays(std::int32_t from_day, std::int32_t to_day, GroupBy group_by,
                                    std::optional<GroupBy> then_by) {
  auto by = [&](GroupBy g) { return group_by == g || then_by == g; };
  const bool by_week = by(GroupBy::kWeek), by_month = by(GroupBy::kMonth);
  std::vector<RollupPeriod> out;
  // [a, b) in whole weeks from Monday and single days around them; grouped by month, never across a 1st.
  auto weeks_and_days = [&](std::int32_t a, std::int32_t b) {
    for (std::int32_t d = a; d < b;) {
      const std::int32_t end = by_month ? std::min(b, NextMonthStart(d)) : b;
      const std::int32_t monday = WeekStart(d) == d ? d : WeekStart(d) + 7;
      for (; d < std::min(monday, end); ++d) out.push_back({RollupSpan::kDay, d});
      for (; d + 7 <= end; d += 7) out.push_back({RollupSpan::kWeek, d});
      for (; d < end; ++d) out.push_back({RollupSpan::kDay, d});
    }
  };
  if (!by_week) {
    std::int32_t month = MonthStart(from_day) == from_day ? from_day : NextMonthStart(from_day);
    if (NextMonthStart(month) <= to_day) {
      weeks_and_days(from_day, month);
      for (; NextMonthStart(month) <= to_day; month = NextMonthStart(month)) out.push_back({RollupSpan::kMonth, month});
      weeks_and_days(month, to_day);
      return out;
    }
  }
  weeks_and_days(from_day, to_day);
  return out;
}

}  // namespace minsheng
