#include "core/access.h"

#include <array>
#include <concepts>

namespace minsheng {
namespace {

constexpr unsigned Bit(Role r) { return 1u << static_cast<unsigned>(r); }
constexpr unsigned Roles(std::same_as<Role> auto... r) { return (Bit(r) | ...); }
constexpr unsigned kEveryRole = Roles(Role::kAdmin, Role::kRegistrar, Role::kCoordinator, Role::kHandler,
                                      Role::kDeputy, Role::kLeader, Role::kSupervisor);

struct Grant {
  Operation operation;
  std::string_view name;
  unsigned roles;
};

// The table. The dashboard's roles are those the README gives it; handlers and registrars work cases
// and see their own queues, not every unit's numbers.
constexpr std::array kGrants = {
    Grant{Operation::kReadReference, "read_reference", kEveryRole},
    Grant{Operation::kReadAppeals, "read_appeals", kEveryRole},
    Grant{Operation::kReadNotices, "read_notices", kEveryRole},
    Grant{Operation::kDecideExtension, "decide_extension", Roles(Role::kAdmin, Role::kCoordinator, Role::kLeader)},
    Grant{Operation::kViewDashboard, "view_dashboard",
          Roles(Role::kAdmin, Role::kCoordinator, Role::kSupervisor, Role::kLeader, Role::kDeputy)},
    Grant{Operation::kPickCaseUsers, "pick_case_users", Roles(Role::kAdmin, Role::kCoordinator)},
    Grant{Operation::kManageUsers, "manage_users", Roles(Role::kAdmin)},
    Grant{Operation::kManageReference, "manage_reference", Roles(Role::kAdmin)},
    Grant{Operation::kReadAuditLog, "read_audit_log", Roles(Role::kAdmin)},
    Grant{Operation::kReadGrids, "read_grids", kEveryRole},
    Grant{Operation::kManageGrids, "manage_grids", Roles(Role::kAdmin, Role::kCoordinator)},
    Grant{Operation::kReadDeputyRecords, "read_deputy_records",
          Roles(Role::kAdmin, Role::kCoordinator, Role::kLeader, Role::kSupervisor, Role::kDeputy)},
    Grant{Operation::kRecordDeputyWork, "record_deputy_work", Roles(Role::kAdmin, Role::kCoordinator, Role::kDeputy)},
    Grant{Operation::kKeepFieldLogs, "keep_field_logs",
          Roles(Role::kAdmin, Role::kRegistrar, Role::kCoordinator, Role::kDeputy, Role::kLeader)},
    Grant{Operation::kHoldReceptions, "hold_receptions",
          Roles(Role::kAdmin, Role::kCoordinator, Role::kDeputy, Role::kLeader)},
    // A deputy's assistants are registrars (a studio's staff) or fellow deputies: see deputy_case_service.h.
    Grant{Operation::kFollowCase, "follow_case", Roles(Role::kDeputy, Role::kRegistrar)},
    Grant{Operation::kManageDeputyAssistants, "manage_deputy_assistants", Roles(Role::kAdmin, Role::kCoordinator)},
    Grant{Operation::kViewDeputyFigures, "view_deputy_figures",
          Roles(Role::kAdmin, Role::kCoordinator, Role::kSupervisor, Role::kLeader, Role::kDeputy)},
    Grant{Operation::kReadStudios, "read_studios", kEveryRole},
    Grant{Operation::kManageStudios, "manage_studios", Roles(Role::kAdmin, Role::kCoordinator)},
    Grant{Operation::kCheckInDuty, "check_in_duty", Roles(Role::kDeputy)},
    // issue 11, public evaluation
    Grant{Operation::kReadEvaluations, "read_evaluations", kEveryRole},
    Grant{Operation::kManageEvaluations, "manage_evaluations", Roles(Role::kAdmin, Role::kCoordinator)},
    Grant{Operation::kEvaluateUnits, "evaluate_units", Roles(Role::kDeputy)},
    // Proposals (issue 11).
    Grant{Operation::kReadProposals, "read_proposals", kEveryRole},
    Grant{Operation::kKeepProposals, "keep_proposals",
          Roles(Role::kAdmin, Role::kCoordinator, Role::kDeputy, Role::kRegistrar)},
    Grant{Operation::kAssignProposals, "assign_proposals", Roles(Role::kAdmin, Role::kCoordinator)},
    Grant{Operation::kHandleProposals, "handle_proposals", Roles(Role::kAdmin, Role::kHandler)},
    Grant{Operation::kRateProposals, "rate_proposals", Roles(Role::kAdmin, Role::kDeputy, Role::kRegistrar)},
    // Votes and risk assessments (issue 11, part C): the street office runs them; deputies, leaders and
    // supervisors follow them; units (handlers) have no part in them.
    Grant{Operation::kReadVotes, "read_votes",
          Roles(Role::kAdmin, Role::kRegistrar, Role::kCoordinator, Role::kDeputy, Role::kLeader, Role::kSupervisor)},
    Grant{Operation::kManageVotes, "manage_votes", Roles(Role::kAdmin, Role::kCoordinator)},
    Grant{Operation::kManageRiskAssessments, "manage_risk_assessments", Roles(Role::kAdmin, Role::kCoordinator)},
    // Consultations (issue 11, part A).
    Grant{Operation::kReadConsultations, "read_consultations", kEveryRole},
    Grant{Operation::kManageConsultations, "manage_consultations", Roles(Role::kAdmin, Role::kCoordinator)},
    Grant{Operation::kProposeTopics, "propose_topics", Roles(Role::kAdmin, Role::kCoordinator, Role::kDeputy)},
    // The message wall (issue 12): supervisors and leaders watch it, deputies follow their street's.
    Grant{Operation::kReadWall, "read_wall", kEveryRole},
    Grant{Operation::kModerateWall, "moderate_wall", Roles(Role::kAdmin, Role::kRegistrar, Role::kCoordinator)},
    Grant{Operation::kReplyWall, "reply_wall", Roles(Role::kAdmin, Role::kRegistrar, Role::kCoordinator, Role::kHandler)},
    // Issue 12: opinions come from an assisting unit and reviews from the lead unit's head (handlers bound to a
    // unit, which an admin is not); the coordinator who dispatched waives a missing opinion.
    Grant{Operation::kGiveOpinion, "give_opinion", Roles(Role::kHandler)},
    Grant{Operation::kWaiveOpinion, "waive_opinion", Roles(Role::kAdmin, Role::kCoordinator)},
    Grant{Operation::kReviewReplies, "review_replies", Roles(Role::kHandler)},
    // Issue 12, repeat appeals.
    Grant{Operation::kLinkRepeats, "link_repeats", Roles(Role::kAdmin, Role::kRegistrar, Role::kCoordinator)},
    // Issue 12, bulletins: the dashboard's roles read them; supervisors, leaders and admins publish.
    Grant{Operation::kReadBulletins, "read_bulletins",
          Roles(Role::kAdmin, Role::kCoordinator, Role::kSupervisor, Role::kLeader, Role::kDeputy)},
    Grant{Operation::kPublishBulletins, "publish_bulletins", Roles(Role::kAdmin, Role::kSupervisor, Role::kLeader)},
    // Issue 12, the case owner's plan: only the leader who owns a case writes its plan.
    Grant{Operation::kOwnCases, "own_cases", Roles(Role::kLeader)},
    // Issue 12, manual supervision: the supervision office and the street's coordinators supervise; the unit answers.
    Grant{Operation::kSupervise, "supervise", Roles(Role::kAdmin, Role::kCoordinator, Role::kSupervisor)},
    Grant{Operation::kAnswerSupervision, "answer_supervision", Roles(Role::kHandler)},
};

constexpr std::array kOperations = [] {
  std::array<Operation, kGrants.size()> out{};
  for (std::size_t i = 0; i < kGrants.size(); ++i) out[i] = kGrants[i].operation;
  return out;
}();

const Grant* Find(Operation operation) {
  for (const auto& g : kGrants)
    if (g.operation == operation) return &g;
  return nullptr;
}

}  // namespace

bool RoleMayDo(Role role, Operation operation) {
  const Grant* g = Find(operation);
  return g != nullptr && (g->roles & Bit(role)) != 0;
}

std::string_view OperationName(Operation operation) {
  const Grant* g = Find(operation);
  return g != nullptr ? g->name : "unknown";
}

std::span<const Operation> AllOperations() { return kOperations; }

}  // namespace minsheng
