// What one appeal adds to the per-period counts behind the metrics (DESIGN.md §5, "Numbers at scale"), and
// which stored periods answer a question about a range of days. Pure: the store keeps the counts (per day,
// week and month of registration) and folds each appeal change into them as "after minus before".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/dissatisfaction.h"
#include "core/metrics.h"

namespace minsheng {

// The counted columns, in the order of Tally::n and of the SQL columns TallyColumnName names.
enum class TallyColumn {
  kTotal,
  kDispatched,
  kContacted,
  kRespondedOnTime,
  kReplied,
  kClosed,
  kClosedOnTime,
  kCalledBack,
  kResolved,
  kSatisfied,
  kReopened,
  kOpen,
  kOpenDaySum,
  kRepeats,
  kSupervised,
  kManuallySupervised,
  kCauseFirst,  // then one column per DissatisfactionCause, in its order
};
inline constexpr std::size_t kTallyColumns = static_cast<std::size_t>(TallyColumn::kCauseFirst) + kCauseCount;

// "total", "dispatched", …, "cause_buck_passing", …: the column names of appeal_rollups.
std::string_view TallyColumnName(std::size_t column);

// The counts of a group of appeals. Everything MetricCounts holds but what depends on the clock: `contacted`
// is the part of response_due already known (dispatched and contacted), `open_day_sum` the sum of the open
// appeals' registration days (so that their age is open × today − open_day_sum), and overdue is not here.
struct Tally {
  std::array<std::int64_t, kTallyColumns> n{};

  std::int64_t& operator[](TallyColumn c) { return n[static_cast<std::size_t>(c)]; }
  std::int64_t operator[](TallyColumn c) const { return n[static_cast<std::size_t>(c)]; }
  Tally& operator+=(const Tally& other);
  Tally& operator-=(const Tally& other);
  bool IsZero() const;
  friend bool operator==(const Tally&, const Tally&) = default;
};

// The facts about one appeal that its tally depends on.
struct TallyInput {
  std::int32_t day = 0;   // local day of registration, days since 1970-01-01
  bool finished = false;  // closed, merged or rejected
  bool closed = false;
  bool dispatched = false;
  bool contacted = false;  // first contact made
  bool contacted_on_time = false;
  bool replied = false;
  bool closed_on_time = false;
  bool called_back = false;
  bool resolved = false;   // latest callback
  bool satisfied = false;  // latest callback satisfied or basically satisfied
  bool reopened = false;
  bool repeats = false;
  bool supervised = false;
  bool manually_supervised = false;
  std::array<std::int64_t, kCauseCount> causes{};
  friend bool operator==(const TallyInput&, const TallyInput&) = default;
};

// One appeal's tally: the definitions of core/metrics.h, for a single appeal.
Tally TallyOf(const TallyInput& appeal);

// The metric counts of a tally on local day `today` (days since 1970-01-01). response_due holds only the
// contacted part and overdue is 0: the store adds what the clock decides from the open appeals themselves.
MetricCounts CountsOf(const Tally& tally, std::int32_t today);

// The stored periods: a day, a week from Monday, a month from its 1st; `first_day` is its first local day.
enum class RollupSpan { kDay, kWeek, kMonth };
std::string_view RollupSpanName(RollupSpan span);  // "day", "week", "month"
struct RollupPeriod {
  RollupSpan span = RollupSpan::kDay;
  std::int32_t first_day = 0;
  friend bool operator==(const RollupPeriod&, const RollupPeriod&) = default;
};

std::int32_t WeekStart(std::int32_t day);   // the Monday on or before `day`
std::int32_t MonthStart(std::int32_t day);  // the 1st of its month
// The day, week and month that hold `day`, in that order.
std::array<RollupPeriod, 3> PeriodsOf(std::int32_t day);

// Stored periods that together cover the days [from_day, to_day) exactly once, as few as possible (months,
// then weeks, then days). A report grouped by week (group_by or then_by) cannot use months, and one grouped by
// month cannot use a week that crosses into another month: each stored period must fall in one group.
std::vector<RollupPeriod> CoverDays(std::int32_t from_day, std::int32_t to_day, GroupBy group_by,
                                    std::optional<GroupBy> then_by);

}  // namespace minsheng
