#include "store/case_plan_repository.h"

#include <algorithm>

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kStepSelect =
    "SELECT s.id, s.appeal_id, s.street_id, s.position, s.title, s.unit_id, s.due_date, s.status, s.done_by, "
    "s.done_at, s.done_note, s.created_by, s.created_at, s.updated_at, COALESCE(d.name, ''), "
    "COALESCE(u.display_name, '') FROM case_plan_steps s LEFT JOIN departments d ON d.id = s.unit_id "
    "LEFT JOIN users u ON u.id = s.done_by";

PlanStepRecord ReadStep(const Row& r) {
  ColumnReader c(r);
  PlanStepRecord x;
  x.id = c.Int();
  x.appeal_id = c.Int();
  x.street_id = c.OptInt();
  x.position = static_cast<int>(c.Int());
  x.title = c.Text();
  x.unit_id = c.Int();
  x.due_date = c.Text();
  x.status = c.Text();
  x.done_by = c.OptInt();
  x.done_at = c.OptInt();
  x.done_note = c.Text();
  x.created_by = c.Int();
  x.created_at = c.Int();
  x.updated_at = c.Int();
  x.unit_name = c.Text();
  x.done_by_name = c.Text();
  return x;
}

constexpr std::string_view kLeaderStreetSelect =
    "SELECT l.leader_id, l.street_id, COALESCE(r.name, '') FROM leader_streets l "
    "LEFT JOIN regions r ON r.id = l.street_id";

LeaderStreetRecord ReadLeaderStreet(const Row& r) {
  ColumnReader c(r);
  LeaderStreetRecord x;
  x.leader_id = c.Int();
  x.street_id = c.Int();
  x.street_name = c.Text();
  return x;
}

}  // namespace

Result<std::vector<LeaderStreetRecord>> ListLeaderStreets(Tx& tx, Id leader_id) {
  MS_ASSIGN(rows, tx.Query(std::string(kLeaderStreetSelect) + " WHERE l.leader_id = ? ORDER BY l.street_id",
                           {leader_id}));
  return MapRows(rows, ReadLeaderStreet);
}

Result<std::vector<LeaderStreetRecord>> ListAllLeaderStreets(Tx& tx) {
  MS_ASSIGN(rows, tx.Query(std::string(kLeaderStreetSelect) + " ORDER BY l.leader_id, l.street_id"));
  return MapRows(rows, ReadLeaderStreet);
}

Status ReplaceLeaderStreets(Tx& tx, Id leader_id, const std::vector<Id>& street_ids, Timestamp at, Id by) {
  MS_ASSIGN(current, ListLeaderStreets(tx, leader_id));
  for (const auto& c : current)
    if (std::find(street_ids.begin(), street_ids.end(), c.street_id) == street_ids.end())
      MS_TRY(tx.Execute("DELETE FROM leader_streets WHERE leader_id = ? AND street_id = ?", {leader_id, c.street_id}));
  for (Id street : street_ids) {
    const bool had = std::any_of(current.begin(), current.end(), [&](const auto& c) { return c.street_id == street; });
    if (had) continue;
    MS_TRY(tx.Execute("INSERT INTO leader_streets (leader_id, street_id, created_at, created_by) VALUES (?, ?, ?, ?)",
                      {leader_id, street, at, by}));
  }
  return {};
}

Result<std::vector<Id>> LeadersOfStreet(Tx& tx, Id street_id) {
  MS_ASSIGN(rows, tx.Query("SELECT l.leader_id FROM leader_streets l JOIN users u ON u.id = l.leader_id "
                           "WHERE l.street_id = ? AND u.role = 'leader' AND u.active = 1 ORDER BY l.leader_id",
                           {street_id}));
  std::vector<Id> out;
  for (const auto& r : rows) out.push_back(r.Int(0));
  return out;
}

Result<std::vector<PlanStepRecord>> ListPlanSteps(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query(std::string(kStepSelect) + " WHERE s.appeal_id = ? ORDER BY s.position, s.id",
                           {appeal_id}));
  return MapRows(rows, ReadStep);
}

Result<std::vector<PlanStepRecord>> ListPlanStepsOf(Tx& tx, const std::vector<Id>& appeal_ids) {
  if (appeal_ids.empty()) return std::vector<PlanStepRecord>{};
  Params params;
  const std::string in = InList(appeal_ids, params);
  MS_ASSIGN(rows, tx.Query(std::string(kStepSelect) + " WHERE s.appeal_id IN " + in +
                               " AND s.status <> 'removed' ORDER BY s.appeal_id, s.position, s.id",
                           params));
  return MapRows(rows, ReadStep);
}

Result<Id> InsertPlanStep(Tx& tx, const PlanStepRecord& s) {
  return tx.Insert(
      "INSERT INTO case_plan_steps (appeal_id, street_id, position, title, unit_id, due_date, status, created_by, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {s.appeal_id, Nullable(s.street_id), std::int64_t{s.position}, s.title, s.unit_id, s.due_date, s.status,
       s.created_by, s.created_at, s.updated_at});
}

Status UpdatePlanStep(Tx& tx, const PlanStepRecord& s) {
  MS_ASSIGN(changed, tx.Execute("UPDATE case_plan_steps SET position = ?, title = ?, unit_id = ?, due_date = ?, "
                                "status = ?, done_by = ?, done_at = ?, done_note = ?, updated_at = ? WHERE id = ?",
                                {std::int64_t{s.position}, s.title, s.unit_id, s.due_date, s.status,
                                 Nullable(s.done_by), Nullable(s.done_at), s.done_note, s.updated_at, s.id}));
  if (changed != 1) return Fail(Error::NotFound("方案步骤不存在", "step_id"));
  return {};
}

}  // namespace minsheng::store
