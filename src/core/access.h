// Who may do what outside the appeal lifecycle (whose actions and roles are in lifecycle.h): one table
// of operations and the staff roles allowed to take them. Region scope and unit binding are checked
// where the objects are loaded; this says only which roles may ask at all.
#pragma once

#include <span>
#include <string_view>

#include "core/lifecycle.h"

namespace minsheng {

enum class Operation {
  kReadReference,     // regions, departments, categories, the calendar: every staff role
  kReadAppeals,       // appeal lists and details (scoped): every staff role
  kReadNotices,       // supervision notices (scoped): every staff role
  kDecideExtension,   // approve or refuse a unit's extension request
  kViewDashboard,     // /metrics, /rankings and the dashboard's export (scoped to the caller's region)
  kPickCaseUsers,     // list the active leaders and deputies a case can be given (and registrars for grids)
  kManageUsers,       // add, change, deactivate users, reset passwords, lift login locks
  kManageReference,   // add or change regions, departments, categories, calendar days
  kReadAuditLog,      // the audit log of personal-data views and admin actions
  kReadGrids,         // grids with their people and visits, leaders' contact points (scoped)
  kManageGrids,       // a grid's people and visit rule, leaders' contact points (in the caller's street)
  kReadDeputyRecords, // a deputy's duty record and activities (a deputy: their own only)
  kRecordDeputyWork,  // record a deputy's activity for the five ones (a deputy: their own only)
  kKeepFieldLogs,     // field logs (民情日志): write, read (a deputy: their own), export the archive (台账)
  kHoldReceptions,    // reception slots (接访日程): publish, list with bookings, cancel, receive a visitor
  kFollowCase,        // record a deputy's contacts and written opinions on a case (the deputy or an assistant)
  kManageDeputyAssistants,  // list, add and remove a deputy's assistants (scoped to the deputy's street)
  kViewDeputyFigures,       // the per-deputy case figures (scoped to the caller's region; a deputy: their own)
  kReadStudios,       // studios, their members, rosters and attendance (scoped): every staff role
  kManageStudios,     // add and change studios, members, rosters; reassign and swap shifts (scoped)
  kCheckInDuty,       // check in and out of one's own duty shift
  // issue 11, public evaluation
  kReadEvaluations,   // evaluation rounds and the yearly table (results of open rounds: managers, leaders, supervisors)
  kManageEvaluations, // open and close rounds in the caller's region, enter residents' paper forms
  kEvaluateUnits,     // a deputy's own evaluation form
  // Proposals (issue 11): read (scoped: a deputy their own, a unit what it was assigned), keep (register,
  // submit: a deputy their own, an assistant for them, the area's staff), assign (交办), handle (the units:
  // contacts, opinions, answers, approval, follow-up) and rate (the deputy's side).
  kReadProposals,
  kKeepProposals,
  kAssignProposals,
  kHandleProposals,
  kRateProposals,
  // Votes and risk assessments (issue 11, part C).
  kReadVotes,              // votes on practical projects and risk assessments with their reports (scoped)
  kManageVotes,            // create a vote, issue voter codes, close it (in the caller's region)
  kManageRiskAssessments,  // create a risk assessment, enter survey responses, decide (in the caller's region)
  // Consultations (issue 11, part A): read (scoped), manage (the area's coordinators and admins), propose topics.
  kReadConsultations,    // consultations with their topics, notes, meeting and actions (scoped): every staff role
  kManageConsultations,  // create, decide, research, meet, publish, track (in the caller's region)
  kProposeTopics,        // add a topic to a consultation collecting them (deputies too, in their region)
  // The message wall (回音墙, issue 12): read the staff queue (scoped: a handler the posts routed to their unit),
  // moderate (publish, hide, turn into an appeal: the area's registrars and coordinators), give the public reply
  // (the moderators, and the handlers of the unit a post was routed to).
  kReadWall,
  kModerateWall,
  kReplyWall,
  // Issue 12, assisting units and reviewed replies: an assisting unit's handler gives its opinion; the
  // coordinator waives a missing one; the lead unit's head approves or sends back a drafted reply.
  kGiveOpinion,
  kWaiveOpinion,
  kReviewReplies,
  // Issue 12, repeat appeals: link an appeal to the earlier one it repeats, or undo a link (registrars,
  // coordinators, admins, in their region).
  kLinkRepeats,
  // Issue 12, bulletins: read the staff list (with publishers); publish a month's or quarter's issue (district-wide
  // staff only: the figures are the whole district's).
  kReadBulletins,
  kPublishBulletins,
  // Issue 12, the case owner's plan: a leader writes and follows the plans of the cases they own (我包的案).
  kOwnCases,
  // Issue 12, manual supervision: issue, close and escalate supervision notices and record inspections (the
  // area's supervisors, coordinators and admins); the addressed unit's handler answers a notice.
  kSupervise,
  kAnswerSupervision,
};

// Whether `role` may take `operation` at all.
bool RoleMayDo(Role role, Operation operation);

// "view_dashboard" …, for logs and tests.
std::string_view OperationName(Operation operation);

// Every operation, in declaration order.
std::span<const Operation> AllOperations();

}  // namespace minsheng
