#include "app/case_plan_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/appeal_note.h"
#include "app/appeal_service.h"
#include "app/audit.h"
#include "core/calendar.h"
#include "core/lifecycle.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;
using store::PlanStepRecord;
using store::Tx;

constexpr std::size_t kMaxLeaderStreets = 50;

PlanStep CoreStep(const PlanStepRecord& r) {
  auto due = ParseDate(r.due_date);
  auto state = ParseStepState(r.status);
  return PlanStep{.id = r.id, .title = r.title, .unit_id = r.unit_id, .due = due ? *due : std::chrono::sys_days{},
                  .state = state ? *state : StepState::kOpen};
}

std::vector<PlanStep> CoreSteps(const std::vector<PlanStepRecord>& records) {
  std::vector<PlanStep> out;
  for (const auto& r : records)
    if (r.status != StepStateName(StepState::kRemoved)) out.push_back(CoreStep(r));
  return out;
}

Error AppealMissing() { return Error::NotFound("诉求不存在", "id"); }

// The appeal the actor owns and may plan now: as a missing one outside the actor's scope, kForbidden unless
// its case owner, kConflict while finished.
Result<store::AppealRecord> LoadOwnedCase(Tx& tx, const Actor& actor, Id id) {
  MS_ASSIGN(found, store::FindAppeal(tx, id));
  if (!found) return Fail(AppealMissing());
  MS_TRY(CheckCanSeeAppeal(tx, actor, *found));
  if (found->case_owner_id != actor.user_id) return Fail(Error::Forbidden("只有该诉求的包案领导可以制定和修改方案"));
  auto state = ParseState(found->status);
  if (state && IsFinished(*state)) {
    Error e = Error::Conflict("invalid_transition",
                              "诉求已" + std::string(StateLabel(*state)) + "，包案方案不能再修改");
    return Fail(std::move(e));  // allowed: none
  }
  return std::move(*found);
}

std::string Summary(const PlanRevision& r, bool first) {
  if (first) return "制定包案方案，共 " + std::to_string(r.written.size()) + " 个步骤";
  std::vector<std::string> parts;
  if (r.added > 0) parts.push_back("新增 " + std::to_string(r.added) + " 步");
  if (!r.revised.empty()) parts.push_back("修改 " + std::to_string(r.revised.size()) + " 步");
  if (!r.removed.empty()) parts.push_back("删除 " + std::to_string(r.removed.size()) + " 步");
  if (r.reordered) parts.push_back("调整顺序");
  std::string out = "修改包案方案：";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "，" : "") + parts[i];
  return out;
}

}  // namespace

CasePlan PlanOf(std::vector<PlanStepRecord> steps, std::chrono::sys_days today) {
  CasePlan out;
  std::erase_if(steps, [](const auto& s) { return s.status == StepStateName(StepState::kRemoved); });
  out.progress = ProgressOf(CoreSteps(steps), today);
  out.as_of = today;
  out.steps = std::move(steps);
  return out;
}

CasePlanService::CasePlanService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

Result<CasePlan> CasePlanService::WritePlan(const Actor& actor, Id id, const std::vector<StepDraft>& drafts,
                                            const std::string& note) {
  MS_TRY(RequireOperation(actor, Operation::kOwnCases, "处理包案"));
  const Timestamp now = clock_.Now();
  const auto today = LocalDay(now);
  return WriteValue<CasePlan>(db_, [&](Tx& tx) -> Result<CasePlan> {
    MS_ASSIGN(appeal, LoadOwnedCase(tx, actor, id));
    MS_ASSIGN(stored, store::ListPlanSteps(tx, id));
    const std::vector<PlanStep> current = CoreSteps(stored);
    MS_ASSIGN(revision, RevisePlan(current, drafts, today));
    for (std::size_t i = 0; i < revision.written.size(); ++i) {
      MS_ASSIGN(unit, store::FindDepartment(tx, revision.written[i].unit_id));
      if (!unit || !unit->active)
        return Fail(Error::Invalid("invalid_value", "责任单位不存在", "steps[" + std::to_string(i) + "].unit_id"));
    }
    if (revision.Empty()) return PlanOf(std::move(stored), today);
    auto record_of = [&](Id step_id) -> PlanStepRecord* {
      for (auto& r : stored)
        if (r.id == step_id) return &r;
      return nullptr;
    };
    for (std::size_t i = 0; i < revision.written.size(); ++i) {
      const PlanStep& s = revision.written[i];
      if (s.id == 0) {
        MS_TRY(store::InsertPlanStep(tx, {.appeal_id = id, .street_id = appeal.street_id,
                                          .position = static_cast<int>(i), .title = s.title, .unit_id = s.unit_id,
                                          .due_date = FormatDate(s.due), .created_by = actor.user_id,
                                          .created_at = now, .updated_at = now}));
        continue;
      }
      PlanStepRecord* r = record_of(s.id);
      const bool changed = std::find(revision.revised.begin(), revision.revised.end(), s.id) != revision.revised.end();
      if (!changed && r->position == static_cast<int>(i)) continue;
      r->position = static_cast<int>(i);
      r->title = s.title;
      r->unit_id = s.unit_id;
      r->due_date = FormatDate(s.due);
      r->updated_at = now;
      MS_TRY(store::UpdatePlanStep(tx, *r));
    }
    for (Id removed : revision.removed) {
      PlanStepRecord* r = record_of(removed);
      MS_TRY(NextStepState(StepState::kOpen, StepAction::kRemove));
      r->status = StepStateName(StepState::kRemoved);
      r->updated_at = now;
      MS_TRY(store::UpdatePlanStep(tx, *r));
    }
    const bool first = current.empty();
    std::string text = Summary(revision, first);
    if (!note.empty()) text += "。" + note;
    MS_TRY(NoteOnAppeal(tx, actor, appeal, now,
                        {.action = first ? "plan_written" : "plan_revised",
                         .note = std::move(text),
                         .data = {{"steps", revision.written.size()},
                                  {"added", revision.added},
                                  {"revised", revision.revised},
                                  {"removed", revision.removed}}}));
    MS_ASSIGN(fresh, store::ListPlanSteps(tx, id));
    return PlanOf(std::move(fresh), today);
  });
}

Result<CasePlan> CasePlanService::CompleteStep(const Actor& actor, Id id, Id step_id, const std::string& note) {
  MS_TRY(RequireOperation(actor, Operation::kOwnCases, "处理包案"));
  const Timestamp now = clock_.Now();
  const auto today = LocalDay(now);
  return WriteValue<CasePlan>(db_, [&](Tx& tx) -> Result<CasePlan> {
    MS_ASSIGN(appeal, LoadOwnedCase(tx, actor, id));
    MS_ASSIGN(stored, store::ListPlanSteps(tx, id));
    auto it = std::find_if(stored.begin(), stored.end(), [&](const auto& s) {
      return s.id == step_id && s.status != StepStateName(StepState::kRemoved);
    });
    if (it == stored.end()) return Fail(Error::Invalid("invalid_value", "方案中没有这个步骤", "step_id"));
    MS_ASSIGN(from, ParseStepState(it->status));
    MS_ASSIGN(to, NextStepState(from, StepAction::kComplete));
    if (note.find_first_not_of(" \t\r\n") == std::string::npos)
      return Fail(Error::Invalid("missing_field", "请填写完成情况", "note"));
    it->status = StepStateName(to);
    it->done_by = actor.user_id;
    it->done_at = now;
    it->done_note = note;
    it->updated_at = now;
    MS_TRY(store::UpdatePlanStep(tx, *it));
    const auto due = ParseDate(it->due_date);
    const bool late = due && today > *due;
    MS_TRY(NoteOnAppeal(tx, actor, appeal, now,
                        {.action = "plan_step_done",
                         .note = "步骤“" + it->title + "”已完成" + (late ? "（超过完成时限）" : "") + "：" + note,
                         .data = {{"step_id", it->id}, {"on_time", !late}}}));
    MS_ASSIGN(fresh, store::ListPlanSteps(tx, id));
    return PlanOf(std::move(fresh), today);
  });
}

Result<OwnedCasePage> CasePlanService::OwnedCases(const Actor& actor, int page, int page_size, bool finished) {
  MS_TRY(RequireOperation(actor, Operation::kOwnCases, "处理包案"));
  const auto today = LocalDay(clock_.Now());
  return ReadValue<OwnedCasePage>(db_, [&](Tx& tx) -> Result<OwnedCasePage> {
    store::AppealFilter f;
    f.case_owner_id = actor.user_id;
    f.open_only = !finished;
    if (!actor.DistrictWide()) f.scope_path = actor.region_path;
    f.order = store::AppealFilter::Order::kDue;
    f.page = page;
    f.page_size = page_size;
    MS_ASSIGN(appeals, store::ListAppeals(tx, f));
    std::vector<Id> ids;
    for (const auto& a : appeals.items) ids.push_back(a.id);
    MS_ASSIGN(steps, store::ListPlanStepsOf(tx, ids));
    OwnedCasePage out;
    out.total = appeals.total;
    for (auto& a : appeals.items) {
      std::vector<PlanStepRecord> mine;
      for (const auto& s : steps)
        if (s.appeal_id == a.id) mine.push_back(s);
      out.items.push_back({std::move(a), PlanOf(std::move(mine), today)});
    }
    return out;
  });
}

Result<std::vector<store::LeaderStreetRecord>> CasePlanService::LeaderStreets(const Actor& actor, Id leader_id) {
  MS_TRY(RequireOperation(actor, Operation::kReadReference, "查看领导分管街道"));
  return ReadValue<std::vector<store::LeaderStreetRecord>>(
      db_, [&](Tx& tx) -> Result<std::vector<store::LeaderStreetRecord>> {
        MS_ASSIGN(leader, store::FindUser(tx, leader_id));
        if (!leader || leader->role != "leader") return Fail(Error::NotFound("领导不存在", "id"));
        return store::ListLeaderStreets(tx, leader_id);
      });
}

Result<std::vector<store::LeaderStreetRecord>> CasePlanService::SetLeaderStreets(const Actor& actor, Id leader_id,
                                                                                  const std::vector<Id>& street_ids) {
  MS_TRY(RequireOperation(actor, Operation::kManageUsers, "设置领导分管街道"));
  const Timestamp now = clock_.Now();
  return WriteValue<std::vector<store::LeaderStreetRecord>>(
      db_, [&](Tx& tx) -> Result<std::vector<store::LeaderStreetRecord>> {
        MS_ASSIGN(leader, store::FindUser(tx, leader_id));
        if (!leader || leader->role != "leader") return Fail(Error::NotFound("领导不存在", "id"));
        std::vector<Id> streets;
        for (Id street : street_ids) {
          if (std::find(streets.begin(), streets.end(), street) != streets.end()) continue;
          MS_ASSIGN(region, store::FindRegion(tx, street));
          if (!region || region->level != "street")
            return Fail(Error::Invalid("invalid_value", "不是街道（镇）：" + std::to_string(street), "street_ids"));
          streets.push_back(street);
        }
        if (streets.size() > kMaxLeaderStreets)
          return Fail(Error::Invalid("invalid_value", "分管街道过多", "street_ids"));
        MS_TRY(store::ReplaceLeaderStreets(tx, leader_id, streets, now, actor.user_id));
        MS_TRY(Audit(tx, actor, now, "leader_streets", "user", leader_id, std::nullopt,
                     {{"leader", leader->display_name}, {"street_ids", streets}}));
        return store::ListLeaderStreets(tx, leader_id);
      });
}

}  // namespace minsheng::app
