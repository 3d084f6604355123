// Assisting units' written opinions (协办意见): each assisting unit of a dispatch owes the lead unit an
// opinion by a deadline (by default 3 working days before the lead unit's reply deadline); the lead unit
// may not reply while one is missing unless the coordinator waived it. Pure rules: the opinion's state
// machine as one table, the reply gate and the default deadline.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/error.h"

namespace minsheng {

enum class OpinionState { kPending, kGiven, kWaived };
enum class OpinionAction {
  kGive,   // the assisting unit's handler writes the opinion
  kWaive,  // the coordinator waives it, with a reason
};

std::string_view OpinionStateName(OpinionState state);   // "pending"
std::string_view OpinionStateLabel(OpinionState state);  // "待提交"
Result<OpinionState> ParseOpinionState(std::string_view name);
std::string_view OpinionActionName(OpinionAction action);  // "opinion", "waive_opinion"
std::string_view OpinionActionLabel(OpinionAction action);

// The state `action` leads to from `from`, or kConflict "opinion_closed" (given or waived already) whose
// `allowed` lists what is possible from `from` (nothing once closed).
Result<OpinionState> NextOpinionState(OpinionState from, OpinionAction action);

// Working days before the reply deadline by which an assisting opinion is due, by default.
inline constexpr int kOpinionDaysBeforeReply = 3;

// The default opinion deadline for a dispatch at `dispatched_at` with the lead unit's reply deadline
// `reply_due`: the same time of day kOpinionDaysBeforeReply working days before it; never before the end
// of the first working day after the dispatch, and never after `reply_due` itself.
Timestamp OpinionDue(const WorkCalendar& calendar, Timestamp dispatched_at, Timestamp reply_due);

// One assisting unit's opinion as the reply gate sees it.
struct OpinionGateEntry {
  std::string unit_name;
  OpinionState state = OpinionState::kPending;
};

// The lead unit may reply once no opinion is pending: else kConflict "opinions_missing" whose message
// names the units still owing one, in the order given.
Status CheckOpinionsIn(const std::vector<OpinionGateEntry>& opinions);

// Whether a pending opinion due at `due` is overdue at `now` (a given or waived one never is).
bool OpinionOverdue(OpinionState state, Timestamp due, Timestamp now);

}  // namespace minsheng
