#include "app/risk_assessment_service.h"

#include "app/audit.h"
#include "app/region_scope.h"
#include "core/access.h"

namespace minsheng::app {
namespace {

using store::Id;
using store::Tx;

Error NotFound() { return Error::NotFound("稳定风险评估不存在", "id"); }

bool InRegion(const Actor& actor, const std::string& path) {
  return actor.DistrictWide() || path.starts_with(actor.region_path);
}

Error InvalidTransition(RiskStatus status) {
  Error e = Error::Conflict("invalid_transition", "该评估已作出结论（" + std::string(RiskStatusLabel(status)) +
                                                      "），不能再更改");
  e.allowed = AllowedRiskActions(status);
  return e;
}

}  // namespace

RiskAssessmentService::RiskAssessmentService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

Result<RiskAssessmentView> RiskAssessmentService::Load(Tx& tx, const Actor& actor, Id id) {
  MS_ASSIGN(found, store::FindRiskAssessment(tx, id));
  if (!found || !InRegion(actor, found->region_path)) return Fail(NotFound());
  RiskAssessmentView view;
  view.status = ParseRiskStatus(found->status).value_or(RiskStatus::kCollecting);
  MS_ASSIGN(responses, store::ListRiskResponses(tx, id));
  std::vector<RiskResponse> scores;
  for (const auto& r : responses) scores.push_back({r.support, r.satisfaction, r.confidence});
  view.report = ReportOf(scores);
  if (found->vote_id) {
    MS_ASSIGN(vote, store::FindVote(tx, *found->vote_id));
    if (vote) view.vote_title = vote->title;
  }
  view.assessment = std::move(*found);
  return view;
}

Result<RiskAssessmentView> RiskAssessmentService::Create(const Actor& actor, const RiskAssessmentInput& in) {
  MS_TRY(RequireOperation(actor, Operation::kManageRiskAssessments, "组织稳定风险评估"));
  return WriteValue<RiskAssessmentView>(db_, [&](Tx& tx) -> Result<RiskAssessmentView> {
    MS_ASSIGN(region, RegionInScope(tx, actor, in.region_id));
    if (region.level == "district" && !actor.DistrictWide())
      return Fail(Error::Invalid("invalid_value", "评估区域应为街镇、社区或网格", "region_id"));
    if (in.vote_id) {
      MS_ASSIGN(vote, store::FindVote(tx, *in.vote_id));
      if (!vote || !InRegion(actor, vote->region_path))
        return Fail(Error::Invalid("invalid_value", "所关联的投票不存在", "vote_id"));
      if (!vote->major) return Fail(Error::Invalid("invalid_value", "只有重大事项的投票需要稳定风险评估", "vote_id"));
    }
    const Timestamp now = clock_.Now();
    store::RiskAssessmentRecord a;
    a.street_id = region.street_id;
    a.region_id = region.id;
    a.title = in.title;
    a.description = in.description;
    a.vote_id = in.vote_id;
    a.created_by = actor.user_id;
    a.created_at = now;
    MS_ASSIGN(id, store::InsertRiskAssessment(tx, a));
    return Load(tx, actor, id);
  });
}

Result<std::vector<RiskAssessmentView>> RiskAssessmentService::List(const Actor& actor,
                                                                    const std::optional<std::string>& status) {
  MS_TRY(RequireOperation(actor, Operation::kReadVotes, "查看实事项目投票和稳定风险评估"));
  if (status && !ParseRiskStatus(*status))
    return Fail(Error::Invalid("invalid_value", "状态应为 collecting、passed 或 vetoed", "status"));
  store::RiskAssessmentFilter f;
  if (!actor.DistrictWide()) f.scope_path = actor.region_path;
  f.status = status;
  return ReadMayLagValue<std::vector<RiskAssessmentView>>(
      db_, [&](Tx& tx) -> Result<std::vector<RiskAssessmentView>> {
        MS_ASSIGN(items, store::ListRiskAssessments(tx, f));
        std::vector<RiskAssessmentView> out;
        for (const auto& a : items) {
          MS_ASSIGN(view, Load(tx, actor, a.id));
          out.push_back(std::move(view));
        }
        return out;
      });
}

Result<RiskAssessmentView> RiskAssessmentService::Get(const Actor& actor, Id id) {
  MS_TRY(RequireOperation(actor, Operation::kReadVotes, "查看实事项目投票和稳定风险评估"));
  return ReadValue<RiskAssessmentView>(db_, [&](Tx& tx) { return Load(tx, actor, id); });
}

Result<RiskAssessmentView> RiskAssessmentService::Respond(const Actor& actor, Id id, const RiskResponse& response) {
  MS_TRY(RequireOperation(actor, Operation::kManageRiskAssessments, "组织稳定风险评估"));
  MS_TRY(CheckRiskResponse(response));
  return WriteValue<RiskAssessmentView>(db_, [&](Tx& tx) -> Result<RiskAssessmentView> {
    MS_ASSIGN(view, Load(tx, actor, id));
    if (view.status != RiskStatus::kCollecting) return Fail(InvalidTransition(view.status));
    MS_TRY(store::InsertRiskResponse(tx, {.assessment_id = id, .street_id = view.assessment.street_id,
                                          .support = response.support, .satisfaction = response.satisfaction,
                                          .confidence = response.confidence, .created_by = actor.user_id,
                                          .created_at = clock_.Now()}));
    return Load(tx, actor, id);
  });
}

Result<RiskAssessmentView> RiskAssessmentService::Decide(const Actor& actor, Id id) {
  MS_TRY(RequireOperation(actor, Operation::kManageRiskAssessments, "组织稳定风险评估"));
  return WriteValue<RiskAssessmentView>(db_, [&](Tx& tx) -> Result<RiskAssessmentView> {
    MS_ASSIGN(view, Load(tx, actor, id));
    if (view.status != RiskStatus::kCollecting) return Fail(InvalidTransition(view.status));
    if (view.report.respondents == 0)
      return Fail(Error::Conflict("no_responses", "还没有录入任何问卷，不能作出结论"));
    const RiskStatus decided = view.report.passed ? RiskStatus::kPassed : RiskStatus::kVetoed;
    const Timestamp now = clock_.Now();
    MS_ASSIGN(changed, store::DecideRiskAssessment(tx, id, std::string(RiskStatusName(decided)),
                                                   static_cast<int>(view.report.respondents),
                                                   static_cast<int>(view.report.supporters), actor.user_id, now));
    if (!changed) return Fail(InvalidTransition(RiskStatus::kPassed));
    MS_TRY(Audit(tx, actor, now, "risk_assessment_decide", "risk_assessment", id, view.assessment.street_id,
                 {{"status", RiskStatusName(decided)},
                  {"respondents", view.report.respondents},
                  {"supporters", view.report.supporters}}));
    return Load(tx, actor, id);
  });
}

}  // namespace minsheng::app
