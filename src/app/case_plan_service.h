// The case owner's plan (包案方案, issue 12; seed 001: 一个问题、一名领导、一套方案、一抓到底). The leader
// who owns a case (appeals.case_owner_id) writes its plan as steps (title, responsible unit, due date),
// revises it while the steps are open, and marks steps done with a note; each change is one event on the
// appeal's timeline and bumps its version. Which streets each leader answers for (leader_streets) is set
// here too: escalations give an appeal to its street's leader (app/case_owner.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "core/case_plan.h"
#include "core/clock.h"
#include "store/appeal_repository.h"
#include "store/case_plan_repository.h"
#include "store/database.h"

namespace minsheng::app {

// An appeal's plan: its steps (not removed) in order, and its progress on the day it was read.
struct CasePlan {
  std::vector<store::PlanStepRecord> steps;
  PlanProgress progress;
  std::chrono::sys_days as_of{};  // the local day the progress was counted on
};

// One case of a leader's "我包的案" queue.
struct OwnedCase {
  store::AppealRecord appeal;
  CasePlan plan;
};
struct OwnedCasePage {
  std::vector<OwnedCase> items;
  std::int64_t total = 0;
};

// The plan of `steps` (as stored, removed ones too) on local day `today`: removed steps left out.
CasePlan PlanOf(std::vector<store::PlanStepRecord> steps, std::chrono::sys_days today);

class CasePlanService {
 public:
  CasePlanService(store::Database& db, const Clock& clock);

  // Writes or revises the plan of appeal `id` (core/case_plan.h RevisePlan): only its case owner
  // (kForbidden for anyone else; kNotFound as for a missing id outside the actor's scope), only while the
  // appeal is not finished (kConflict invalid_transition). Responsible units must exist and be active
  // (kInvalid steps[i].unit_id). One event, plan_written for the first plan else plan_revised, naming what
  // changed; nothing is written (no event) when nothing changed. `note` (optional) goes on the event.
  Result<CasePlan> WritePlan(const Actor& actor, store::Id id, const std::vector<StepDraft>& steps,
                             const std::string& note);
  // Marks an open step of the plan done with `note` (required: kInvalid note): the owner only, as WritePlan;
  // a step not in the plan is kInvalid step_id, a done one kConflict invalid_transition. Event plan_step_done.
  Result<CasePlan> CompleteStep(const Actor& actor, store::Id id, store::Id step_id, const std::string& note);
  // The actor's own cases (a leader's 我包的案) in their scope, the next deadline first, with each plan; only
  // the open ones unless `finished` too.
  Result<OwnedCasePage> OwnedCases(const Actor& actor, int page, int page_size, bool finished = false);

  // The streets a leader answers for (every staff member may read them; kNotFound unless a leader).
  Result<std::vector<store::LeaderStreetRecord>> LeaderStreets(const Actor& actor, store::Id leader_id);
  // The admin sets a leader's streets (an empty list clears them); every id must be a street (kInvalid
  // street_ids). Audited as leader_streets.
  Result<std::vector<store::LeaderStreetRecord>> SetLeaderStreets(const Actor& actor, store::Id leader_id,
                                                                  const std::vector<store::Id>& street_ids);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace minsheng::app
