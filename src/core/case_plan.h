// The case owner's plan (包案方案, seed 001: 一个问题、一名领导、一套方案、一抓到底): the leader who owns a
// case writes its plan as steps, each with a title, the unit responsible and a due date; revises it while
// steps are open; marks steps done with a note. A step is a small state machine as one table of
// (from, action, to); the plan's validation, revision and progress are pure functions of the steps.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace minsheng {

enum class StepState { kOpen, kDone, kRemoved };

enum class StepAction {
  kRevise,    // change an open step's title, unit or due date
  kComplete,  // mark it done, with a note
  kRemove,    // take it out of the plan (kept as history)
};

std::string_view StepStateName(StepState state);   // "open"
std::string_view StepStateLabel(StepState state);  // "进行中"
Result<StepState> ParseStepState(std::string_view name);
std::string_view StepActionName(StepAction action);   // "revise"
std::string_view StepActionLabel(StepAction action);  // "修改"

// The state `action` leads to from `from`, or kConflict "invalid_transition" with `allowed` (the actions
// possible from `from`, by name) — a done step is final.
Result<StepState> NextStepState(StepState from, StepAction action);
// The actions possible from `from`, in the table's order.
std::vector<StepAction> StepActionsFrom(StepState from);

inline constexpr std::size_t kMaxPlanSteps = 20;
inline constexpr std::size_t kMaxStepTitle = 100;  // code points

// A step as stored: what the rules read.
struct PlanStep {
  std::int64_t id = 0;
  std::string title;
  std::int64_t unit_id = 0;
  std::chrono::sys_days due{};
  StepState state = StepState::kOpen;
};

// A step as the owner writes it: `id` names a step of the plan to keep or revise, none a new one.
struct StepDraft {
  std::optional<std::int64_t> id;
  std::string title;
  std::int64_t unit_id = 0;
  std::string due_date;  // "YYYY-MM-DD"
};

// What a revision does to the stored plan.
struct PlanRevision {
  std::vector<PlanStep> written;        // the plan as written, in its order; id 0 for a new step
  int added = 0;                        // new steps
  std::vector<std::int64_t> revised;    // open steps whose title, unit or due date changed
  std::vector<std::int64_t> removed;    // open steps left out
  bool reordered = false;               // the kept steps are in another order than before
  bool Empty() const { return added == 0 && revised.empty() && removed.empty() && !reordered; }
};

// Checks `drafts` against the plan's current (not removed) `steps` on local day `today` and says what
// changes. kInvalid on the offending field ("steps", "steps[2].title", "steps[0].due_date" …): no steps or
// more than kMaxPlanSteps, an empty or too long title, a unit id below 1, a date that does not parse, a
// new or moved due date before `today`, an id that is not one of the plan's or is repeated. kConflict
// "invalid_transition" (allowed empty) when a done step is changed or left out: revision is allowed only
// while a step is open.
Result<PlanRevision> RevisePlan(const std::vector<PlanStep>& steps, const std::vector<StepDraft>& drafts,
                                std::chrono::sys_days today);

// The plan's progress on local day `today`, over the steps not removed.
struct PlanProgress {
  int total = 0;
  int done = 0;
  int overdue = 0;                      // open steps whose due date is before today
  std::optional<std::int64_t> next_id;  // the open step due first (then the first written)
};
PlanProgress ProgressOf(const std::vector<PlanStep>& steps, std::chrono::sys_days today);

// Whether an open step due on `due` is overdue on `today`: the due date is the last day it may be done.
bool StepOverdue(const PlanStep& step, std::chrono::sys_days today);

}  // namespace minsheng
