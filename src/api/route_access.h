// Who may call each route of the JSON API: ONE table, a row per (method, pattern) the router serves.
// A row says what guards the route — public, any signed-in staff member, an Operation of core/access.h
// or a lifecycle Action of core/lifecycle.h — and what its path (or query, or body) names, so that the
// authorization matrix test (tests/api/authorization_matrix_dbtest.cpp) knows how to ask in and out of
// scope. Which roles may do an Operation or Action is core's answer (RoleMayDo, RoleMay); no role is
// listed here. Staff(...) (handler_support.h) enforces the row before the handler runs.
//
// Adding a route: add its row to kRouteAccess in route_access.cpp (one line). The matrix test fails for a
// route without a row and for a row without a route; a staff route without a row answers 403.
#pragma once

#include <span>
#include <string_view>

#include "api/router.h"
#include "app/actor.h"
#include "core/access.h"
#include "core/error.h"
#include "core/lifecycle.h"

namespace minsheng::api {

// What a route requires of its caller.
struct Guard {
  enum class Kind { kPublic, kSignedIn, kOperation, kAction };
  Kind kind = Kind::kPublic;
  Operation operation{};  // kOperation only
  Action action{};        // kAction only
};

// What the request names that region scope or unit binding applies to.
enum class Target {
  kNone,           // nothing scoped (reference data, one's own session, the public side)
  kAppeal,         // {id} is an appeal: out of scope answers as a missing one (404)
  kExtension,      // {id} is an extension request, scoped by its appeal (404 out of scope)
  kUser,           // {id} is a user (user management is installation-wide: no region scope)
  kCategory,       // {id} is a category (installation-wide)
  kReceiptCode,    // {receipt_code} of the public tracking page (no login, no scope)
  kNewAppeal,      // the body's region_id: outside the caller's region → 403
  kAppealList,     // a list of appeals, filtered to the caller's scope
  kNoticeList,     // a list of supervision notices, filtered to the caller's scope
  kUserList,       // leaders and deputies to pick from: the caller's region and above
  kRegionNumbers,  // numbers over the caller's region; region_id outside it → 403
  kGrid,           // {id} is a grid region: out of scope answers as a missing one (404)
  kLeader,         // {id} is a leader (leaders serve the whole district: no region scope)
  kDeputy,         // {user_id} is a deputy, scoped by the deputy's region (404 outside the caller's; for a
                   // deputy: anyone but themselves is outside)
  kDeputyAssistant,  // {user_id} a deputy as kDeputy, {assistant_id} one of their assistants
  kDeputyList,     // deputies with their figures: the caller's region (a deputy: themselves)
  kNewInRegion,    // a new field log or reception slot: the body's region_id outside the caller's region → 403
  kFieldLog,       // {id} is a field log: a deputy's or leader's own, else in region scope (404 out of scope)
  kFieldLogList,   // a list of field logs, filtered to the caller's scope
  kReceptionSlot,  // {id} is a reception slot: its host, or in region scope (404 out of scope)
  kBooking,        // {id} is a booking, scoped by its slot (404 out of scope)
  kSlotList,       // a list of reception slots, filtered to the caller's region
  kPublicSlot,     // {id} of a reception slot on the portal (no login, no scope)
  kStudio,         // {id} is a studio (and {user_id} one of its members): out of scope answers 404
  kNewStudio,      // the body's region_id: outside the caller's region → 403
  kStudioList,     // a list of studios, filtered to the caller's scope
  kDutyShift,      // {id} is a duty shift, scoped by its studio (a deputy's own shift too): 404 out of scope
  kShiftList,      // a list of duty shifts, filtered to the caller's scope
  // issue 11, public evaluation
  kNewEvaluation,  // the body's region_id: outside the caller's region → 403
  kEvaluation,     // {id} is an evaluation round: every staff role reads it; managing it outside the caller's
                   // region, or a deputy's form on another street's round → 403
  // Proposals (issue 11).
  kProposal,       // {id} is a proposal: its deputy's side, its units, or staff of its region (404 otherwise)
  kProposalList,   // a list of proposals, filtered to what the caller sees
  // Votes and risk assessments (issue 11, part C).
  kVote,           // {id} is a vote: in the caller's region, else 404 as a missing one
  kVoteList,       // a list of votes, filtered to the caller's region
  kPublicVote,     // {id} of a vote on the portal (no login, no scope)
  kRiskAssessment,      // {id} is a risk assessment: in the caller's region, else 404
  kRiskAssessmentList,  // a list of risk assessments, filtered to the caller's region
  // Consultations (issue 11, part A).
  kConsultation,        // {id} is a consultation: out of scope answers as a missing one (404)
  kConsultationList,    // a list of consultations, filtered to the caller's region
  kPublicConsultation,  // {id} of a published consultation on the portal (no login, no scope)
  // The message wall (issue 12).
  kWallPost,            // {id} is a wall post: a handler's unit's, else in region scope (404 out of scope)
  kWallPostList,        // the moderation queue, filtered to the caller's scope
  // Issue 12.
  kDepartment,          // {id} is a department (installation-wide: no region scope)
  // Issue 12, bulletins.
  kDistrictWide,        // a district-wide act (publishing a bulletin): a caller below the district → 403
  kBulletin,            // {id} of a published bulletin ("12", "12.pdf", "12.xlsx", "12.html"): public, no scope
  // Issue 12, manual supervision and the workbench's notices.
  kManualNotice,        // {id} is a manual supervision notice: a handler of its unit, else scoped by its appeal (404)
  kManualNoticeList,    // manual supervision notices, filtered to the caller's scope (a handler: their unit's)
  kStaffNotice,         // {id} is a workbench notice: the caller's own only (404 otherwise)
};

struct RouteAccess {
  std::string_view method;
  std::string_view pattern;  // exactly as registered with Router::Add
  Guard guard;
  Target target = Target::kNone;
  bool reads_many = false;  // lists, numbers, exports: must be registered with Dispatch::kWorker
};

// Every row, in the order of the table.
std::span<const RouteAccess> RouteAccessTable();

// The row of (method, pattern), or null.
const RouteAccess* FindRouteAccess(std::string_view method, std::string_view pattern);

// Whether `role` passes the row's guard (core's RoleMayDo / RoleMay; public and signed-in: every role).
bool RouteAllows(const RouteAccess& row, Role role);

// For Staff(...): the 403 a signed-in `actor` gets on the route `method` `pattern` when its row does not
// allow the actor's role (with the message the use case itself gives), or when the route has no row.
Status CheckRouteAccess(std::string_view method, std::string_view pattern, const app::Actor& actor);

// "public", "signed in", "operation view_dashboard", "action dispatch": for test output.
std::string GuardName(const Guard& guard);

// Issue 13, no slow work on the I/O threads: where the route (method, pattern) must run, its cost class.
// Every route runs on the worker pool (Dispatch::kWorker) except those route_access.cpp lists in
// kInlineRoutes (they touch no database: on SQLite a read may wait for a pooled connection that an export
// holds, and an I/O thread must never wait) and in kBulkRoutes (exports and prints, which may take
// seconds), and kPointReadRoutes (Dispatch::kPointRead: a few rows by key, on an I/O thread only where it has
// a read connection of its own). A row that reads_many is never inline. The authorization matrix test checks every
// registration (Router::Add's Dispatch) against this.
Dispatch RouteDispatch(std::string_view method, std::string_view pattern);

}  // namespace minsheng::api
