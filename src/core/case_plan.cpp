#include "core/case_plan.h"

#include <algorithm>
#include <array>
#include <set>

#include "core/calendar.h"
#include "core/named_values.h"
#include "core/transition_table.h"

namespace minsheng {
namespace {

using S = StepState;
using A = StepAction;

constexpr std::array kStates = {
    Named<S>{S::kOpen, "open", "进行中"},
    Named<S>{S::kDone, "done", "已完成"},
    Named<S>{S::kRemoved, "removed", "已删除"},
};

constexpr std::array kActions = {
    Named<A>{A::kRevise, "revise", "修改"},
    Named<A>{A::kComplete, "complete", "标记完成"},
    Named<A>{A::kRemove, "remove", "删除"},
};

// Only an open step moves; done and removed are final.
constexpr std::array kTransitions = {
    Transition<S, A>{S::kOpen, A::kRevise, S::kOpen},
    Transition<S, A>{S::kOpen, A::kComplete, S::kDone},
    Transition<S, A>{S::kOpen, A::kRemove, S::kRemoved},
};

std::size_t CodePoints(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
}

std::string StepField(std::size_t i, std::string_view name) {
  return "steps[" + std::to_string(i) + "]." + std::string(name);
}

Error DoneStepChanged(const PlanStep& step, std::string_view what) {
  Error e = Error::Conflict("invalid_transition", "步骤“" + step.title + "”已完成，不能" + std::string(what));
  for (A a : StepActionsFrom(step.state)) e.allowed.emplace_back(StepActionName(a));
  return e;
}

}  // namespace

std::string_view StepStateName(StepState state) { return NameOf(kStates, state); }
std::string_view StepStateLabel(StepState state) { return LabelOf(kStates, state); }
Result<StepState> ParseStepState(std::string_view name) { return ParseNamed(kStates, name, "步骤状态", "status"); }
std::string_view StepActionName(StepAction action) { return NameOf(kActions, action); }
std::string_view StepActionLabel(StepAction action) { return LabelOf(kActions, action); }

Result<StepState> NextStepState(StepState from, StepAction action) {
  return NextFrom(kTransitions, kActions, from, action,
                  "步骤" + std::string(StepStateLabel(from)) + "，不能" + std::string(StepActionLabel(action)));
}

std::vector<StepAction> StepActionsFrom(StepState from) { return ActionsFrom(kTransitions, from); }

Result<PlanRevision> RevisePlan(const std::vector<PlanStep>& steps, const std::vector<StepDraft>& drafts,
                                std::chrono::sys_days today) {
  if (drafts.empty()) return Fail(Error::Invalid("missing_field", "方案至少要有一个步骤", "steps"));
  if (drafts.size() > kMaxPlanSteps)
    return Fail(Error::Invalid("invalid_value", "方案最多 " + std::to_string(kMaxPlanSteps) + " 个步骤", "steps"));
  auto find = [&](std::int64_t id) -> const PlanStep* {
    for (const auto& s : steps)
      if (s.id == id && s.state != S::kRemoved) return &s;
    return nullptr;
  };
  PlanRevision out;
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    const StepDraft& d = drafts[i];
    PlanStep step{.id = 0, .title = Trim(d.title), .unit_id = d.unit_id};
    if (step.title.empty()) return Fail(Error::Invalid("missing_field", "请填写步骤内容", StepField(i, "title")));
    if (CodePoints(step.title) > kMaxStepTitle)
      return Fail(Error::Invalid("too_long", "步骤内容最多 " + std::to_string(kMaxStepTitle) + " 字",
                                 StepField(i, "title")));
    if (step.unit_id < 1) return Fail(Error::Invalid("missing_field", "请选择责任单位", StepField(i, "unit_id")));
    MS_ASSIGN(due, ParseDate(d.due_date, StepField(i, "due_date")));
    step.due = due;
    const PlanStep* old = nullptr;
    if (d.id) {
      old = find(*d.id);
      if (old == nullptr) return Fail(Error::Invalid("invalid_value", "方案中没有这个步骤", StepField(i, "id")));
      if (!seen.insert(*d.id).second)
        return Fail(Error::Invalid("invalid_value", "同一步骤不能出现两次", StepField(i, "id")));
      step.id = old->id;
      step.state = old->state;
    }
    const bool moved = old == nullptr || old->due != step.due;
    const bool changed = old != nullptr && (old->title != step.title || old->unit_id != step.unit_id || moved);
    if (old != nullptr && changed && old->state == S::kDone) return Fail(DoneStepChanged(*old, "修改"));
    if (moved && step.due < today)
      return Fail(Error::Invalid("invalid_value", "完成时限不能早于今天（" + FormatDate(today) + "）",
                                 StepField(i, "due_date")));
    if (old == nullptr) ++out.added;
    if (changed) out.revised.push_back(step.id);
    out.written.push_back(std::move(step));
  }
  // Steps left out are removed — unless done: what has been done stays in the plan.
  std::vector<std::int64_t> kept_before;
  for (const auto& s : steps) {
    if (s.state == S::kRemoved) continue;
    if (seen.contains(s.id)) {
      kept_before.push_back(s.id);
      continue;
    }
    if (s.state == S::kDone) return Fail(DoneStepChanged(s, "删除"));
    out.removed.push_back(s.id);
  }
  std::vector<std::int64_t> kept_now;
  for (const auto& s : out.written)
    if (s.id != 0) kept_now.push_back(s.id);
  out.reordered = kept_now != kept_before;
  return out;
}

bool StepOverdue(const PlanStep& step, std::chrono::sys_days today) {
  return step.state == S::kOpen && step.due < today;
}

PlanProgress ProgressOf(const std::vector<PlanStep>& steps, std::chrono::sys_days today) {
  PlanProgress p;
  const PlanStep* next = nullptr;
  for (const auto& s : steps) {
    if (s.state == S::kRemoved) continue;
    ++p.total;
    if (s.state == S::kDone) ++p.done;
    if (StepOverdue(s, today)) ++p.overdue;
    if (s.state == S::kOpen && (next == nullptr || s.due < next->due)) next = &s;
  }
  if (next != nullptr) p.next_id = next->id;
  return p;
}

}  // namespace minsheng
