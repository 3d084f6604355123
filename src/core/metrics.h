// The numbers everybody sees (DESIGN.md §3), defined once, here. The store layer only sums
// MetricCounts per group; every rate, score and ranking is computed from them by this file.
//
// The section below is Markdown for the README.
//
// ## How the numbers are counted (指标口径)
//
// All numbers are over the appeals registered in the chosen period, grouped by department, region,
// category, channel or deputy. A deadline is met when the act happens **on or before** the deadline
// instant; deadlines are counted in working days on the holiday calendar (see 工作日历).
//
// | number | definition |
// |---|---|
// | response rate (响应率) | appeals whose first contact with the resident (首次联系) was made on time ÷ appeals whose
// first contact is due: dispatched appeals whose first-contact deadline has passed, or that have already been contacted
// (an appeal still inside its window and not yet contacted is not counted either way) | | resolution rate (解决率) |
// called-back appeals whose latest callback (回访) says resolved (已解决) ÷ called-back appeals | | satisfaction rate
// (满意率) | called-back appeals whose latest callback is satisfied (满意) or basically satisfied (基本满意) ÷
// called-back appeals | | on-time completion rate (按期办结率) | closed appeals whose latest reply was on or before the
// reply deadline (including approved extensions) ÷ closed appeals | | reply rate (答复率) | appeals with a reply (答复)
// ÷ dispatched appeals | | callback rate (回访率) | appeals called back at least once ÷ replied appeals | | reopen rate
// (重办率) | appeals reopened (重办) at least once ÷ called-back appeals | | backlog age (积压时长) | average age of
// the appeals still open (not closed, rejected or merged), in calendar days since the day of registration (registered
// yesterday: 1) | | overdue (超期件数) | appeals past the deadline that matters in their current state (core/overdue.h:
// accepting, first contact, the reply, or once replied the resolution; never a finished appeal); a count, not a rate |
// | repeat rate (重复诉求率) | appeals that repeat an earlier one (重复诉求: the same phone, or the same address with a
// similar title, within 90 days of it being open or closed, or linked by a registrar) ÷ appeals | | dissatisfaction
// causes (不满意原因) | the coded causes dissatisfied callbacks gave on the group's appeals (推诿扯皮,
// 答复不及时或敷衍, 代表只当二传手, 问题未解决, 其他): counts, one per cause per callback |
//
// A rate whose denominator is zero is shown as "—" (no data), never as 0%.
//
// **Ranking score (综合得分).** A weighted mean of the rates above and of the department's public
// evaluation score (评议得分, ÷ 100; see 评议计分), on a 0–100 scale. Default weights: response 0.24,
// resolution 0.28, satisfaction 0.28, evaluation 0.2 (on-time, reply and callback 0). A rate with no
// data is left out and the remaining weights are rescaled to add up to 1, so a unit is not punished
// or rewarded for having no called-back appeals or no evaluation (without one, the defaults weigh the
// three rates 0.3, 0.35, 0.35); a unit with none of the weighted rates has no score. Weights are
// configurable as `response:0.24,resolution:0.28,satisfaction:0.28,on_time:0,reply:0,callback:0,evaluation:0.2`.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/dissatisfaction.h"
#include "core/error.h"

namespace minsheng {

// Counts summed per group from the appeals table (or from the daily rollups). Every field counts
// appeals registered in the period and belonging to the group.
struct MetricCounts {
  std::int64_t total = 0;              // registered in the period
  std::int64_t dispatched = 0;         // ever dispatched (派单), even if later returned and re-routed
  std::int64_t response_due = 0;       // dispatched, and first-contact deadline passed or contacted
  std::int64_t responded_on_time = 0;  // first contact made on or before its deadline
  std::int64_t replied = 0;            // a reply (答复) exists
  std::int64_t closed = 0;             // closed (办结)
  std::int64_t closed_on_time = 0;     // closed, latest reply on or before the reply deadline
  std::int64_t called_back = 0;        // at least one callback (回访)
  std::int64_t resolved = 0;           // latest callback says resolved
  std::int64_t satisfied = 0;          // latest callback satisfied or basically satisfied
  std::int64_t reopened = 0;           // reopened (重办) at least once
  std::int64_t open = 0;               // not closed, rejected or merged
  std::int64_t open_age_days_sum = 0;  // sum over the open ones of their age in calendar days
  std::int64_t overdue = 0;            // past the deadline of its current state (core/overdue.h)
  std::int64_t repeats = 0;            // repeats an earlier appeal (core/repeat.h)
  std::int64_t supervised = 0;         // at least one supervision notice issued by the deadline sweep
  std::int64_t manually_supervised = 0;  // at least one notice a supervisor issued by hand (督办单)
  // Causes given by dissatisfied callbacks, indexed by DissatisfactionCause (core/dissatisfaction.h).
  std::array<std::int64_t, kCauseCount> causes{};

  // Adds every field of `other` (to total groups, or days of a rollup).
  MetricCounts& operator+=(const MetricCounts& other);
  friend bool operator==(const MetricCounts&, const MetricCounts&) = default;
};

// The rates of a group, each in [0, 1] (backlog age in days); nullopt when the denominator is 0.
struct Rates {
  std::optional<double> response_rate;      // responded_on_time / response_due
  std::optional<double> resolution_rate;    // resolved / called_back
  std::optional<double> satisfaction_rate;  // satisfied / called_back
  std::optional<double> on_time_rate;       // closed_on_time / closed
  std::optional<double> reply_rate;         // replied / dispatched
  std::optional<double> callback_rate;      // called_back / replied
  std::optional<double> reopen_rate;        // reopened / called_back
  std::optional<double> backlog_age_days;   // open_age_days_sum / open
  std::optional<double> repeat_rate;        // repeats / total
  // Not from the appeals: a department's public evaluation score of the period's years ÷ 100
  // (core/evaluation.h); filled by the metrics service for departments, nullopt otherwise.
  std::optional<double> evaluation;
};

// Computes the rates from counts. Never yields NaN or infinity; a zero (or negative) denominator
// gives nullopt.
Rates ComputeRates(const MetricCounts& counts);

// Weights of the ranking score; only their ratios matter. Defaults as in the README section above.
struct RankingWeights {
  double response = 0.24;
  double resolution = 0.28;
  double satisfaction = 0.28;
  double on_time = 0.0;
  double reply = 0.0;
  double callback = 0.0;
  double evaluation = 0.2;

  friend bool operator==(const RankingWeights&, const RankingWeights&) = default;
};

// Parses "response:0.3,resolution:0.4,satisfaction:0.3". Keys: response, resolution, satisfaction,
// on_time, reply, callback, evaluation (a "_rate" suffix is accepted); a key not mentioned gets weight 0. An empty
// (or all-blank) spec gives the defaults. An unknown or repeated key, a value that is not a finite
// number >= 0, or all weights zero fails with Error::Invalid code "invalid_weights", field "weights".
Result<RankingWeights> ParseRankingWeights(std::string_view spec);

// The canonical spec of `weights`, parseable by ParseRankingWeights (all seven keys, in order).
std::string FormatRankingWeights(const RankingWeights& weights);

// The ranking score in [0, 100]: the weighted mean of the rates that exist and have a positive
// weight, weights renormalised over those; nullopt if there are none.
std::optional<double> Score(const Rates& rates, const RankingWeights& weights);

// What the numbers are grouped by.
// kWeek and kMonth group by the local (CST) week, Monday to Sunday, or month of registration.
enum class GroupBy { kDepartment, kRegion, kCategory, kChannel, kDeputy, kWeek, kMonth };

inline bool IsTimeGroup(GroupBy g) { return g == GroupBy::kWeek || g == GroupBy::kMonth; }

// Parses "department" / "region" / "category" / "channel" / "deputy" / "week" / "month". Anything else fails with
// Error::Invalid code "invalid_group_by", field "group_by", the allowed values in `allowed`.
Result<GroupBy> ParseGroupBy(std::string_view text);

// The inverse of ParseGroupBy.
std::string_view GroupByName(GroupBy group_by);

// What the groups are, for people: "部门", "街道", "分类", "渠道", "代表", "周", "月".
std::string_view GroupByLabel(GroupBy group_by);

}  // namespace minsheng
