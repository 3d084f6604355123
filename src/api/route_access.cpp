#include "api/route_access.h"

#include <array>
#include <string>

namespace minsheng::api {
namespace {

using O = Operation;
using A = Action;
using T = Target;

constexpr Guard kPublic{Guard::Kind::kPublic};
constexpr Guard kSignedIn{Guard::Kind::kSignedIn};
constexpr Guard Op(Operation o) { return {Guard::Kind::kOperation, o, {}}; }
constexpr Guard Act(Action a) { return {Guard::Kind::kAction, {}, a}; }
constexpr bool kMany = true;

// The table. The triage route takes any of deliberate, escalate, explain, merge and reject, and the
// callback route either callback action: their rows name one, and the matrix test checks that core
// gives all of them the same roles.
constexpr std::array kRouteAccess = {
    // method    pattern                                            guard                          target
    RouteAccess{"GET", "/api/v1/health", kPublic},
    RouteAccess{"POST", "/api/v1/auth/login", kPublic},
    RouteAccess{"POST", "/api/v1/auth/logout", kPublic},  // idempotent: ends the token's session if any
    RouteAccess{"GET", "/api/v1/auth/me", kSignedIn},

    RouteAccess{"POST", "/api/v1/appeals", Act(A::kRegister), T::kNewAppeal},
    RouteAccess{"GET", "/api/v1/appeals", Op(O::kReadAppeals), T::kAppealList, kMany},
    RouteAccess{"GET", "/api/v1/appeals/{id}", Op(O::kReadAppeals), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/dispatch", Act(A::kDispatch), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/triage", Act(A::kDeliberate), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/accept", Act(A::kAccept), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/return", Act(A::kReturn), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/contact", Act(A::kContact), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/reply", Act(A::kReply), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/callback", Act(A::kCallbackSatisfied), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/reopen", Act(A::kReopen), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/close", Act(A::kClose), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/extension", Act(A::kRequestExtension), T::kAppeal},
    RouteAccess{"POST", "/api/v1/extensions/{id}/decision", Op(O::kDecideExtension), T::kExtension},
    RouteAccess{"GET", "/api/v1/supervision-notices", Op(O::kReadNotices), T::kNoticeList, kMany},

    // Following a case (issue 10).
    RouteAccess{"POST", "/api/v1/appeals/{id}/deputy-contacts", Op(O::kFollowCase), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/deputy-opinions", Op(O::kFollowCase), T::kAppeal},
    RouteAccess{"GET", "/api/v1/deputies", Op(O::kViewDeputyFigures), T::kDeputyList, kMany},
    RouteAccess{"GET", "/api/v1/deputies/{user_id}/assistants", Op(O::kManageDeputyAssistants), T::kDeputy},
    RouteAccess{"POST", "/api/v1/deputies/{user_id}/assistants", Op(O::kManageDeputyAssistants), T::kDeputy},
    RouteAccess{"DELETE", "/api/v1/deputies/{user_id}/assistants/{assistant_id}", Op(O::kManageDeputyAssistants),
                T::kDeputyAssistant},

    RouteAccess{"GET", "/api/v1/regions", Op(O::kReadReference)},
    RouteAccess{"POST", "/api/v1/regions", Op(O::kManageReference)},
    RouteAccess{"GET", "/api/v1/departments", Op(O::kReadReference)},
    RouteAccess{"POST", "/api/v1/departments", Op(O::kManageReference)},
    RouteAccess{"GET", "/api/v1/categories", Op(O::kReadReference)},
    RouteAccess{"POST", "/api/v1/categories", Op(O::kManageReference)},
    RouteAccess{"PUT", "/api/v1/categories/{id}", Op(O::kManageReference), T::kCategory},
    RouteAccess{"GET", "/api/v1/calendar", Op(O::kReadReference)},
    RouteAccess{"POST", "/api/v1/calendar", Op(O::kManageReference)},
    RouteAccess{"GET", "/api/v1/users", Op(O::kPickCaseUsers), T::kUserList, kMany},  // admins: every user
    RouteAccess{"POST", "/api/v1/users", Op(O::kManageUsers)},
    RouteAccess{"PATCH", "/api/v1/users/{id}", Op(O::kManageUsers), T::kUser},
    RouteAccess{"POST", "/api/v1/users/{id}/password", Op(O::kManageUsers), T::kUser},
    RouteAccess{"POST", "/api/v1/users/{id}/unlock", Op(O::kManageUsers), T::kUser},

    RouteAccess{"GET", "/api/v1/metrics", Op(O::kViewDashboard), T::kRegionNumbers, kMany},
    RouteAccess{"GET", "/api/v1/metrics/export.xlsx", Op(O::kViewDashboard), T::kRegionNumbers, kMany},
    RouteAccess{"GET", "/api/v1/hotspots", Op(O::kViewDashboard), T::kRegionNumbers, kMany},  // issue 14
    RouteAccess{"GET", "/api/v1/rankings", Op(O::kViewDashboard), T::kRegionNumbers, kMany},

    RouteAccess{"GET", "/api/v1/audit-log", Op(O::kReadAuditLog), T::kNone, kMany},
    RouteAccess{"GET", "/api/v1/audit-log/export.csv", Op(O::kReadAuditLog), T::kNone, kMany},

    RouteAccess{"GET", "/api/v1/grids", Op(O::kReadGrids), T::kRegionNumbers, kMany},
    RouteAccess{"GET", "/api/v1/grids/{id}", Op(O::kReadGrids), T::kGrid, kMany},
    RouteAccess{"PUT", "/api/v1/grids/{id}", Op(O::kManageGrids), T::kGrid},
    RouteAccess{"POST", "/api/v1/grids/{id}/members", Op(O::kManageGrids), T::kGrid},
    RouteAccess{"DELETE", "/api/v1/grids/{id}/members/{user_id}", Op(O::kManageGrids), T::kGrid},
    RouteAccess{"GET", "/api/v1/leaders/{id}/contact-points", Op(O::kReadGrids), T::kLeader, kMany},
    RouteAccess{"POST", "/api/v1/leaders/{id}/contact-points", Op(O::kManageGrids), T::kLeader},
    RouteAccess{"DELETE", "/api/v1/leaders/{id}/contact-points/{region_id}", Op(O::kManageGrids), T::kLeader},

    RouteAccess{"GET", "/api/v1/deputies/{user_id}/activities", Op(O::kReadDeputyRecords), T::kDeputy, kMany},
    RouteAccess{"POST", "/api/v1/deputies/{user_id}/activities", Op(O::kRecordDeputyWork), T::kDeputy},
    RouteAccess{"GET", "/api/v1/deputies/{user_id}/record", Op(O::kReadDeputyRecords), T::kDeputy, kMany},
    RouteAccess{"GET", "/api/v1/studios/{id}/bulletin", Op(O::kReadStudios), T::kStudio, kMany},
    RouteAccess{"GET", "/api/v1/studios/{id}/bulletin.xlsx", Op(O::kReadStudios), T::kStudio, kMany},
    RouteAccess{"GET", "/api/v1/bulletins", Op(O::kViewDeputyFigures), T::kRegionNumbers, kMany},
    RouteAccess{"GET", "/api/v1/bulletins/export.xlsx", Op(O::kViewDeputyFigures), T::kRegionNumbers, kMany},
    RouteAccess{"GET", "/api/v1/field-logs", Op(O::kKeepFieldLogs), T::kFieldLogList, kMany},
    RouteAccess{"POST", "/api/v1/field-logs", Op(O::kKeepFieldLogs), T::kNewInRegion},
    RouteAccess{"GET", "/api/v1/field-logs/export.xlsx", Op(O::kKeepFieldLogs), T::kNone, kMany},  // scoped rows
    RouteAccess{"GET", "/api/v1/field-logs/{id}", Op(O::kKeepFieldLogs), T::kFieldLog},
    RouteAccess{"PATCH", "/api/v1/field-logs/{id}", Op(O::kKeepFieldLogs), T::kFieldLog},
    RouteAccess{"POST", "/api/v1/field-logs/{id}/appeal", Act(A::kRegister), T::kFieldLog},
    RouteAccess{"POST", "/api/v1/reception-slots", Op(O::kHoldReceptions), T::kNewInRegion},
    RouteAccess{"GET", "/api/v1/reception-slots", Op(O::kHoldReceptions), T::kSlotList, kMany},
    RouteAccess{"POST", "/api/v1/reception-slots/{id}/cancel", Op(O::kHoldReceptions), T::kReceptionSlot},
    RouteAccess{"POST", "/api/v1/bookings/{id}/receive", Op(O::kHoldReceptions), T::kBooking},
    RouteAccess{"GET", "/api/v1/studios", Op(O::kReadStudios), T::kStudioList, kMany},
    RouteAccess{"POST", "/api/v1/studios", Op(O::kManageStudios), T::kNewStudio},
    RouteAccess{"GET", "/api/v1/studios/{id}", Op(O::kReadStudios), T::kStudio},
    RouteAccess{"PATCH", "/api/v1/studios/{id}", Op(O::kManageStudios), T::kStudio},
    RouteAccess{"POST", "/api/v1/studios/{id}/members", Op(O::kManageStudios), T::kStudio},
    RouteAccess{"DELETE", "/api/v1/studios/{id}/members/{user_id}", Op(O::kManageStudios), T::kStudio},
    RouteAccess{"POST", "/api/v1/studios/{id}/roster", Op(O::kManageStudios), T::kStudio},
    RouteAccess{"GET", "/api/v1/studios/{id}/shifts", Op(O::kReadStudios), T::kStudio, kMany},
    RouteAccess{"GET", "/api/v1/studios/{id}/attendance", Op(O::kReadStudios), T::kStudio, kMany},
    RouteAccess{"GET", "/api/v1/duty-shifts", Op(O::kReadStudios), T::kShiftList, kMany},
    RouteAccess{"POST", "/api/v1/duty-shifts/swap", Op(O::kManageStudios), T::kDutyShift},
    RouteAccess{"POST", "/api/v1/duty-shifts/{id}/reassign", Op(O::kManageStudios), T::kDutyShift},
    RouteAccess{"POST", "/api/v1/duty-shifts/{id}/check-in", Op(O::kCheckInDuty), T::kDutyShift},
    RouteAccess{"POST", "/api/v1/duty-shifts/{id}/check-out", Op(O::kCheckInDuty), T::kDutyShift},

    RouteAccess{"GET", "/api/v1/public/regions", kPublic},
    RouteAccess{"GET", "/api/v1/public/categories", kPublic},
    RouteAccess{"GET", "/api/v1/public/metrics", kPublic, T::kNone, kMany},
    RouteAccess{"POST", "/api/v1/public/appeals", kPublic},
    RouteAccess{"GET", "/api/v1/public/appeals/{receipt_code}", kPublic, T::kReceiptCode},
    RouteAccess{"POST", "/api/v1/public/appeals/{receipt_code}/callback", kPublic, T::kReceiptCode},
    RouteAccess{"GET", "/api/v1/public/reception-slots", kPublic, T::kNone, kMany},
    RouteAccess{"POST", "/api/v1/public/reception-slots/{id}/bookings", kPublic, T::kPublicSlot},

    // Public evaluation (issue 11).
    RouteAccess{"POST", "/api/v1/evaluations", Op(O::kManageEvaluations), T::kNewEvaluation},
    RouteAccess{"GET", "/api/v1/evaluations", Op(O::kReadEvaluations), T::kNone, kMany},
    RouteAccess{"GET", "/api/v1/evaluations/table", Op(O::kReadEvaluations), T::kNone, kMany},
    RouteAccess{"GET", "/api/v1/evaluations/{id}", Op(O::kReadEvaluations), T::kEvaluation, kMany},
    RouteAccess{"POST", "/api/v1/evaluations/{id}/forms", Op(O::kEvaluateUnits), T::kEvaluation},
    RouteAccess{"POST", "/api/v1/evaluations/{id}/resident-forms", Op(O::kManageEvaluations), T::kEvaluation},
    RouteAccess{"POST", "/api/v1/evaluations/{id}/close", Op(O::kManageEvaluations), T::kEvaluation},
    RouteAccess{"GET", "/api/v1/public/evaluations/table", kPublic, T::kNone, kMany},
    // Proposals (issue 11).
    RouteAccess{"POST", "/api/v1/proposals", Op(O::kKeepProposals), T::kNewInRegion},
    RouteAccess{"GET", "/api/v1/proposals", Op(O::kReadProposals), T::kProposalList, kMany},
    RouteAccess{"GET", "/api/v1/proposals/figures", Op(O::kReadProposals), T::kRegionNumbers, kMany},
    RouteAccess{"GET", "/api/v1/proposals/{id}", Op(O::kReadProposals), T::kProposal},
    RouteAccess{"PATCH", "/api/v1/proposals/{id}", Op(O::kKeepProposals), T::kProposal},
    RouteAccess{"POST", "/api/v1/proposals/{id}/submit", Op(O::kKeepProposals), T::kProposal},
    RouteAccess{"POST", "/api/v1/proposals/{id}/assign", Op(O::kAssignProposals), T::kProposal},
    RouteAccess{"POST", "/api/v1/proposals/{id}/contacts", Op(O::kHandleProposals), T::kProposal},
    RouteAccess{"POST", "/api/v1/proposals/{id}/opinions", Op(O::kHandleProposals), T::kProposal},
    RouteAccess{"POST", "/api/v1/proposals/{id}/answer", Op(O::kHandleProposals), T::kProposal},
    RouteAccess{"POST", "/api/v1/proposals/{id}/approve", Op(O::kHandleProposals), T::kProposal},
    RouteAccess{"POST", "/api/v1/proposals/{id}/rate", Op(O::kRateProposals), T::kProposal},
    RouteAccess{"POST", "/api/v1/proposals/{id}/follow-up", Op(O::kHandleProposals), T::kProposal},
    // Votes on practical projects and risk assessments (issue 11, part C).
    RouteAccess{"POST", "/api/v1/votes", Op(O::kManageVotes), T::kNewInRegion},
    RouteAccess{"GET", "/api/v1/votes", Op(O::kReadVotes), T::kVoteList, kMany},
    RouteAccess{"GET", "/api/v1/votes/{id}", Op(O::kReadVotes), T::kVote},
    RouteAccess{"POST", "/api/v1/votes/{id}/voter-codes", Op(O::kManageVotes), T::kVote},
    RouteAccess{"POST", "/api/v1/votes/{id}/close", Op(O::kManageVotes), T::kVote},
    RouteAccess{"GET", "/api/v1/public/votes", kPublic, T::kNone, kMany},
    RouteAccess{"GET", "/api/v1/public/votes/{id}", kPublic, T::kPublicVote},
    RouteAccess{"POST", "/api/v1/public/votes/{id}/ballots", kPublic, T::kPublicVote},
    RouteAccess{"GET", "/api/v1/public/votes/{id}/results", kPublic, T::kPublicVote, kMany},
    RouteAccess{"POST", "/api/v1/risk-assessments", Op(O::kManageRiskAssessments), T::kNewInRegion},
    RouteAccess{"GET", "/api/v1/risk-assessments", Op(O::kReadVotes), T::kRiskAssessmentList, kMany},
    RouteAccess{"GET", "/api/v1/risk-assessments/{id}", Op(O::kReadVotes), T::kRiskAssessment},
    RouteAccess{"POST", "/api/v1/risk-assessments/{id}/responses", Op(O::kManageRiskAssessments), T::kRiskAssessment},
    RouteAccess{"POST", "/api/v1/risk-assessments/{id}/decide", Op(O::kManageRiskAssessments), T::kRiskAssessment},
    // Consultations (issue 11, part A).
    RouteAccess{"POST", "/api/v1/consultations", Op(O::kManageConsultations), T::kNewInRegion},
    RouteAccess{"GET", "/api/v1/consultations", Op(O::kReadConsultations), T::kConsultationList, kMany},
    RouteAccess{"GET", "/api/v1/consultations/{id}", Op(O::kReadConsultations), T::kConsultation},
    RouteAccess{"POST", "/api/v1/consultations/{id}/topics", Op(O::kProposeTopics), T::kConsultation},
    RouteAccess{"POST", "/api/v1/consultations/{id}/appeals", Op(O::kManageConsultations), T::kConsultation},
    RouteAccess{"POST", "/api/v1/consultations/{id}/submit", Op(O::kManageConsultations), T::kConsultation},
    RouteAccess{"POST", "/api/v1/consultations/{id}/decide", Op(O::kManageConsultations), T::kConsultation},
    RouteAccess{"POST", "/api/v1/consultations/{id}/research", Op(O::kManageConsultations), T::kConsultation},
    RouteAccess{"POST", "/api/v1/consultations/{id}/meeting", Op(O::kManageConsultations), T::kConsultation},
    RouteAccess{"POST", "/api/v1/consultations/{id}/publish", Op(O::kManageConsultations), T::kConsultation},
    RouteAccess{"POST", "/api/v1/consultations/{id}/dispatch", Op(O::kManageConsultations), T::kConsultation},
    RouteAccess{"POST", "/api/v1/consultations/{id}/actions", Op(O::kManageConsultations), T::kConsultation},
    RouteAccess{"POST", "/api/v1/consultations/{id}/actions/{action_id}/done", Op(O::kManageConsultations),
                T::kConsultation},
    RouteAccess{"POST", "/api/v1/consultations/{id}/track", Op(O::kManageConsultations), T::kConsultation},
    RouteAccess{"POST", "/api/v1/consultations/{id}/done", Op(O::kManageConsultations), T::kConsultation},
    RouteAccess{"GET", "/api/v1/public/consultations", kPublic, T::kNone, kMany},
    RouteAccess{"GET", "/api/v1/public/consultations/{id}", kPublic, T::kPublicConsultation},
    RouteAccess{"POST", "/api/v1/public/consultations/{id}/comments", kPublic, T::kPublicConsultation},
    // The message wall (issue 12).
    RouteAccess{"POST", "/api/v1/public/wall", kPublic},
    RouteAccess{"GET", "/api/v1/public/wall", kPublic, T::kNone, kMany},
    RouteAccess{"GET", "/api/v1/wall", Op(O::kReadWall), T::kWallPostList, kMany},
    RouteAccess{"GET", "/api/v1/wall/{id}", Op(O::kReadWall), T::kWallPost},
    RouteAccess{"POST", "/api/v1/wall/{id}/publish", Op(O::kModerateWall), T::kWallPost},
    RouteAccess{"POST", "/api/v1/wall/{id}/hide", Op(O::kModerateWall), T::kWallPost},
    RouteAccess{"POST", "/api/v1/wall/{id}/reply", Op(O::kReplyWall), T::kWallPost},
    RouteAccess{"POST", "/api/v1/wall/{id}/appeal", Op(O::kModerateWall), T::kWallPost},
    // Issue 12, assisting units and reviewed replies.
    RouteAccess{"POST", "/api/v1/appeals/{id}/opinion", Op(O::kGiveOpinion), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/opinion/waive", Op(O::kWaiveOpinion), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/reply/approve", Op(O::kReviewReplies), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/reply/send-back", Op(O::kReviewReplies), T::kAppeal},
    RouteAccess{"PUT", "/api/v1/departments/{id}/review-replies", Op(O::kManageReference), T::kDepartment},
    // Issue 12, repeat appeals.
    RouteAccess{"POST", "/api/v1/appeals/{id}/repeat-of", Op(O::kLinkRepeats), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/repeat-of/remove", Op(O::kLinkRepeats), T::kAppeal},
    RouteAccess{"GET", "/api/v1/public/callback-causes", kPublic},
    // Issue 12, bulletins.
    RouteAccess{"POST", "/api/v1/bulletins", Op(O::kPublishBulletins), T::kDistrictWide},
    RouteAccess{"POST", "/api/v1/bulletins/preview", Op(O::kPublishBulletins), T::kDistrictWide, kMany},
    RouteAccess{"GET", "/api/v1/bulletins/issues", Op(O::kReadBulletins), T::kNone, kMany},
    RouteAccess{"GET", "/api/v1/public/bulletins", kPublic, T::kNone, kMany},
    RouteAccess{"GET", "/api/v1/public/bulletins/{id}", kPublic, T::kBulletin, kMany},
    // Issue 12, the case owner's plan.
    RouteAccess{"PUT", "/api/v1/appeals/{id}/plan", Op(O::kOwnCases), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/plan/done", Op(O::kOwnCases), T::kAppeal},
    RouteAccess{"GET", "/api/v1/owned-cases", Op(O::kOwnCases), T::kAppealList, kMany},
    RouteAccess{"GET", "/api/v1/leaders/{id}/streets", Op(O::kReadReference), T::kLeader},
    RouteAccess{"PUT", "/api/v1/leaders/{id}/streets", Op(O::kManageUsers), T::kLeader},
    // Issue 12, manual supervision and the workbench's notices (warnings).
    RouteAccess{"POST", "/api/v1/appeals/{id}/supervision", Op(O::kSupervise), T::kAppeal},
    RouteAccess{"GET", "/api/v1/appeals/{id}/supervision", Op(O::kReadNotices), T::kAppeal},
    RouteAccess{"POST", "/api/v1/appeals/{id}/inspections", Op(O::kSupervise), T::kAppeal},
    RouteAccess{"GET", "/api/v1/supervision", Op(O::kReadNotices), T::kManualNoticeList, kMany},
    RouteAccess{"GET", "/api/v1/supervision/{id}", Op(O::kReadNotices), T::kManualNotice},
    RouteAccess{"POST", "/api/v1/supervision/{id}/answer", Op(O::kAnswerSupervision), T::kManualNotice},
    RouteAccess{"POST", "/api/v1/supervision/{id}/close", Op(O::kSupervise), T::kManualNotice},
    RouteAccess{"POST", "/api/v1/supervision/{id}/escalate", Op(O::kSupervise), T::kManualNotice},
    RouteAccess{"GET", "/api/v1/notices", kSignedIn},
    RouteAccess{"POST", "/api/v1/notices/{id}/read", kSignedIn, T::kStaffNotice},
    RouteAccess{"POST", "/api/v1/notices/read-all", kSignedIn},
};

bool IsTriageAction(Action a) { return ParseTriageRoute(ActionName(a)).has_value(); }

// The refusal, worded as the use case behind the route words it (app/appeal_service.cpp,
// reference_service.cpp, metrics_service.cpp), so that checking here first changes no message.
Error Refusal(const Guard& guard, Role role) {
  const std::string who = "您的角色（" + std::string(RoleLabel(role)) + "）";
  if (guard.kind == Guard::Kind::kAction) {
    if (guard.action == Action::kRegister) return Error::Forbidden(who + "不能登记诉求");
    const std::string_view label = IsTriageAction(guard.action) ? "梳理" : ActionLabel(guard.action);
    return Error::Forbidden(who + "不能执行“" + std::string(label) + "”");
  }
  switch (guard.operation) {
    case Operation::kDecideExtension: return Error::Forbidden("只有街镇枢纽、包案领导或管理员可以审批延期");
    case Operation::kViewDashboard: return Error::Forbidden(who + "不能查看统计数据");
    case Operation::kManageGrids: return Error::Forbidden(who + "不能管理网格和领导联系点");
    case Operation::kReadDeputyRecords: return Error::Forbidden(who + "不能查看代表履职档案");
    case Operation::kRecordDeputyWork: return Error::Forbidden(who + "不能记录代表履职活动");
    case Operation::kKeepFieldLogs: return Error::Forbidden(who + "不能记录民情日志");
    case Operation::kHoldReceptions: return Error::Forbidden(who + "不能安排接访");
    case Operation::kFollowCase: return Error::Forbidden(who + "不能记录代表联系或书面意见");
    case Operation::kManageDeputyAssistants: return Error::Forbidden("只有系统管理员或街镇枢纽可以管理代表助理");
    case Operation::kViewDeputyFigures: return Error::Forbidden(who + "不能查看代表履职数据");
    case Operation::kManageStudios: return Error::Forbidden("只有管理员或街镇枢纽可以管理工作室");
    case Operation::kCheckInDuty: return Error::Forbidden("只有代表委员可以值班签到");
    case Operation::kManageEvaluations: return Error::Forbidden(who + "不能组织评议");
    case Operation::kEvaluateUnits: return Error::Forbidden("只有代表委员可以填写代表评议表");
    // Proposals (issue 11), worded as app/proposal_service.cpp words them.
    case Operation::kReadProposals: return Error::Forbidden(who + "不能查看建议提案");
    case Operation::kKeepProposals: return Error::Forbidden(who + "不能登记或提交建议提案");
    case Operation::kAssignProposals: return Error::Forbidden(who + "不能交办建议提案");
    case Operation::kHandleProposals: return Error::Forbidden(who + "不能办理建议提案");
    case Operation::kRateProposals: return Error::Forbidden(who + "不能评价建议提案答复");
    // Votes and risk assessments (issue 11, part C).
    case Operation::kReadVotes: return Error::Forbidden(who + "不能查看实事项目投票和稳定风险评估");
    case Operation::kManageVotes: return Error::Forbidden(who + "不能组织实事项目投票");
    case Operation::kManageRiskAssessments: return Error::Forbidden(who + "不能组织稳定风险评估");
    // Consultations (issue 11, part A).
    case Operation::kReadConsultations: return Error::Forbidden(who + "不能查看协商议事");
    case Operation::kManageConsultations: return Error::Forbidden(who + "不能管理协商议事");
    case Operation::kProposeTopics: return Error::Forbidden(who + "不能提出议题");
    // The message wall (issue 12), worded as app/wall_service.cpp words them.
    case Operation::kReadWall: return Error::Forbidden(who + "不能查看回音墙留言");
    case Operation::kModerateWall: return Error::Forbidden(who + "不能审核回音墙留言");
    case Operation::kReplyWall: return Error::Forbidden(who + "不能答复回音墙留言");
    // Issue 12, bulletins, worded as app/bulletin_service.cpp words them.
    case Operation::kReadBulletins: return Error::Forbidden(who + "不能查看通报");
    case Operation::kPublishBulletins: return Error::Forbidden(who + "不能发布通报");
    case Operation::kOwnCases: return Error::Forbidden(who + "不能处理包案");  // issue 12, the case owner's plan
    // Manual supervision (issue 12), worded as app/supervision_service.cpp words them.
    case Operation::kSupervise: return Error::Forbidden(who + "不能督办");
    case Operation::kAnswerSupervision: return Error::Forbidden(who + "不能反馈督办单");
    default: return Error::Forbidden("只有系统管理员可以执行此操作");
  }
}

}  // namespace

std::span<const RouteAccess> RouteAccessTable() { return kRouteAccess; }

const RouteAccess* FindRouteAccess(std::string_view method, std::string_view pattern) {
  for (const auto& row : kRouteAccess)
    if (row.pattern == pattern && row.method == method) return &row;
  return nullptr;
}

bool RouteAllows(const RouteAccess& row, Role role) {
  switch (row.guard.kind) {
    case Guard::Kind::kPublic:
    case Guard::Kind::kSignedIn: return true;
    case Guard::Kind::kOperation: return RoleMayDo(role, row.guard.operation);
    case Guard::Kind::kAction: return RoleMay(role, row.guard.action);
  }
  return false;
}

Status CheckRouteAccess(std::string_view method, std::string_view pattern, const app::Actor& actor) {
  const RouteAccess* row = FindRouteAccess(method, pattern);
  // Closed by default: a staff route nobody has given a row is refused to everyone, never open to all.
  if (row == nullptr)
    return Fail(Error::Forbidden("接口 " + std::string(method) + " " + std::string(pattern) +
                                 " 没有权限规则（src/api/route_access.cpp）"));
  if (!actor.IsStaff() || !RouteAllows(*row, actor.role)) return Fail(Refusal(row->guard, actor.role));
  return {};
}

std::string GuardName(const Guard& guard) {
  switch (guard.kind) {
    case Guard::Kind::kPublic: return "public";
    case Guard::Kind::kSignedIn: return "signed in";
    case Guard::Kind::kOperation: return "operation " + std::string(OperationName(guard.operation));
    case Guard::Kind::kAction: return "action " + std::string(ActionName(guard.action));
  }
  return "?";
}

// Issue 13, no slow work on the I/O threads: the cost classes (RouteDispatch in route_access.h).
namespace {

struct MethodPattern {
  std::string_view method;
  std::string_view pattern;
};

// Answered from memory, no database: cheaper on the I/O thread than the hop to a worker and back.
constexpr MethodPattern kInlineRoutes[] = {
    {"GET", "/api/v1/public/callback-causes"},  // a constant list
};

// Issue 13: a few rows by primary key, read on the I/O thread's own connection where it has one (Dispatch::kPointRead).
constexpr MethodPattern kPointReadRoutes[] = {
    {"GET", "/api/v1/appeals/{id}"},  // an audited view is recorded on a worker (Response::finish)
};

// Files built from many rows (workbooks, CSV, PDF prints) and the bulletins printed or previewed.
constexpr MethodPattern kBulkRoutes[] = {
    {"GET", "/api/v1/metrics/export.xlsx"},
    {"GET", "/api/v1/audit-log/export.csv"},
    {"GET", "/api/v1/studios/{id}/bulletin.xlsx"},
    {"GET", "/api/v1/bulletins/export.xlsx"},
    {"GET", "/api/v1/field-logs/export.xlsx"},
    {"POST", "/api/v1/bulletins"},          // prints the issue to PDF (chromium)
    {"POST", "/api/v1/bulletins/preview"},  // a whole period's numbers
    {"GET", "/api/v1/public/bulletins/{id}"},  // "12.pdf", "12.xlsx": files of a published issue
};

bool Lists(std::span<const MethodPattern> names, std::string_view method, std::string_view pattern) {
  for (const auto& n : names)
    if (n.method == method && n.pattern == pattern) return true;
  return false;
}

}  // namespace

Dispatch RouteDispatch(std::string_view method, std::string_view pattern) {
  if (Lists(kBulkRoutes, method, pattern)) return Dispatch::kBulk;
  const RouteAccess* row = FindRouteAccess(method, pattern);
  if (Lists(kInlineRoutes, method, pattern) && (row == nullptr || !row->reads_many)) return Dispatch::kInline;
  if (Lists(kPointReadRoutes, method, pattern) && (row == nullptr || !row->reads_many)) return Dispatch::kPointRead;
  return Dispatch::kWorker;
}

}  // namespace minsheng::api
