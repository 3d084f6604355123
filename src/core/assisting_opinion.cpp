#include "core/assisting_opinion.h"

#include <algorithm>
#include <array>

#include "core/transition_table.h"

namespace minsheng {
namespace {

using S = OpinionState;
using A = OpinionAction;

struct StateInfo {
  S state;
  std::string_view name;
  std::string_view label;
};
constexpr std::array kStates = {
    StateInfo{S::kPending, "pending", "待提交"},
    StateInfo{S::kGiven, "given", "已提交"},
    StateInfo{S::kWaived, "waived", "已免于提交"},
};

struct ActionInfo {
  A action;
  std::string_view name;
  std::string_view label;
};
constexpr std::array kActions = {
    ActionInfo{A::kGive, "opinion", "提交协办意见"},
    ActionInfo{A::kWaive, "waive_opinion", "免于协办意见"},
};

struct Row {
  S from;
  A action;
  S to;
};
// An opinion is given or waived once; either closes it.
constexpr std::array kTransitions = {
    Row{S::kPending, A::kGive, S::kGiven},
    Row{S::kPending, A::kWaive, S::kWaived},
};

}  // namespace

std::string_view OpinionStateName(OpinionState s) {
  for (const auto& i : kStates) if (i.state == s) return i.name;
  return "unknown";
}
std::string_view OpinionStateLabel(OpinionState s) {
  for (const auto& i : kStates) if (i.state == s) return i.label;
  return "未知";
}
Result<OpinionState> ParseOpinionState(std::string_view name) {
  for (const auto& i : kStates) if (i.name == name) return i.state;
  return Fail(Error::Invalid("invalid_value", "未知的协办意见状态：" + std::string(name), "status"));
}
std::string_view OpinionActionName(OpinionAction a) {
  for (const auto& i : kActions) if (i.action == a) return i.name;
  return "unknown";
}
std::string_view OpinionActionLabel(OpinionAction a) {
  for (const auto& i : kActions) if (i.action == a) return i.label;
  return "未知";
}

Result<OpinionState> NextOpinionState(OpinionState from, OpinionAction action) {
  if (const Row* t = RowWhere(kTransitions, [&](const Row& t) { return t.from == from && t.action == action; }))
    return t->to;
  Error e = Error::Conflict("opinion_closed", "该协办单位的意见" + std::string(OpinionStateLabel(from)) +
                                                 "，不能再" + std::string(OpinionActionLabel(action)));
  for (A a : ActionsWhere(kTransitions, [&](const Row& t) { return t.from == from; }))
    e.allowed.emplace_back(OpinionActionName(a));
  return Fail(std::move(e));
}

Timestamp OpinionDue(const WorkCalendar& calendar, Timestamp dispatched_at, Timestamp reply_due) {
  // A due at 00:00 means the end of the previous day: count back from the day of the last second before it.
  const auto last_day = LocalDay(reply_due - 1);
  const Timestamp time_of_day = reply_due - LocalDayStart(last_day);  // in (0, 86400]
  const Timestamp before = LocalDayStart(calendar.AddWorkingDays(last_day, -kOpinionDaysBeforeReply)) + time_of_day;
  // At least the end of the first working day after the dispatch, so that a short deadline leaves time.
  const Timestamp earliest = LocalDayStart(calendar.AddWorkingDays(LocalDay(dispatched_at), 1) + std::chrono::days(1));
  return std::min(std::max(before, earliest), reply_due);
}

Status CheckOpinionsIn(const std::vector<OpinionGateEntry>& opinions) {
  std::string missing;
  for (const auto& o : opinions) {
    if (o.state != S::kPending) continue;
    missing += missing.empty() ? "" : "、";
    missing += o.unit_name;
  }
  if (missing.empty()) return {};
  Error e = Error::Conflict("opinions_missing", "协办单位意见尚未提交：" + missing + "。请待协办意见提交，或由街镇枢纽免于提交后再答复");
  e.field = "opinions";
  return Fail(std::move(e));
}

bool OpinionOverdue(OpinionState state, Timestamp due, Timestamp now) {
  return state == S::kPending && now > due;
}

}  // namespace minsheng
