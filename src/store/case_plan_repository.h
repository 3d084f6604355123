// Reads and writes the case owner's plan (case_plan_steps) and which streets each leader answers for
// (leader_streets), migration 0021. Written once against store::Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

// One step of an appeal's plan (包案方案).
struct PlanStepRecord {
  Id id = 0;
  Id appeal_id = 0;
  OptId street_id;
  int position = 0;
  std::string title;
  Id unit_id = 0;
  std::string due_date;          // "YYYY-MM-DD"
  std::string status = "open";   // open | done | removed
  OptId done_by;
  std::optional<Timestamp> done_at;
  std::string done_note;
  Id created_by = 0;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
  std::string unit_name;     // read only: the responsible unit's name
  std::string done_by_name;  // read only: who marked it done ("" when open)
};

// A street a leader answers for.
struct LeaderStreetRecord {
  Id leader_id = 0;
  Id street_id = 0;
  std::string street_name;  // read only
};

// The streets `leader_id` answers for, by street id.
Result<std::vector<LeaderStreetRecord>> ListLeaderStreets(Tx& tx, Id leader_id);
// Every (leader, street) pair, by leader then street (the admin's users page).
Result<std::vector<LeaderStreetRecord>> ListAllLeaderStreets(Tx& tx);
// Makes `street_ids` the leader's streets: rows for other streets are dropped, new ones added.
Status ReplaceLeaderStreets(Tx& tx, Id leader_id, const std::vector<Id>& street_ids, Timestamp at, Id by);
// The active leaders who answer for `street_id`, lowest id first.
Result<std::vector<Id>> LeadersOfStreet(Tx& tx, Id street_id);

// Every step of the appeal's plan (removed ones too), in plan order.
Result<std::vector<PlanStepRecord>> ListPlanSteps(Tx& tx, Id appeal_id);
// The steps (not removed) of the plans of `appeal_ids`, in plan order per appeal.
Result<std::vector<PlanStepRecord>> ListPlanStepsOf(Tx& tx, const std::vector<Id>& appeal_ids);
Result<Id> InsertPlanStep(Tx& tx, const PlanStepRecord& step);
// Writes a step's position, title, unit, due date, status and done fields, and updated_at.
Status UpdatePlanStep(Tx& tx, const PlanStepRecord& step);

}  // namespace minsheng::store
