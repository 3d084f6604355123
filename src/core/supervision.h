// Manual supervision (督办单, 现场督查, 跟踪督查) and the yellow and red warnings (黄牌/红牌预警) issued to the
// people working a case. Pure rules: the manual notice's state machine as one table, the inspection kinds,
// when a manual notice is overdue, and which warning an appeal's deadline owes at a given instant.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/deadline.h"
#include "core/error.h"

namespace minsheng {

// A supervision notice a supervisor issued by hand to one unit of an open appeal.
enum class SupervisionState {
  kIssued,     // 已下发: waiting for the unit's answer
  kAnswered,   // 已反馈: the unit answered; the supervisor closes or escalates
  kClosed,     // 已办结: the supervisor is satisfied
  kEscalated,  // 已提级: handed to the appeal's leader (包案领导)
};
enum class SupervisionAction {
  kAnswer,    // the addressed unit's handler answers (反馈)
  kClose,     // the supervisor closes it, satisfied (办结)
  kEscalate,  // the supervisor escalates it to the leader (提级)
};

std::string_view SupervisionStateName(SupervisionState state);   // "issued"
std::string_view SupervisionStateLabel(SupervisionState state);  // "已下发"
Result<SupervisionState> ParseSupervisionState(std::string_view name, std::string_view field = "status");
std::string_view SupervisionActionName(SupervisionAction action);   // "answer"
std::string_view SupervisionActionLabel(SupervisionAction action);  // "反馈督办"

// The state `action` leads to from `from`, or kConflict "invalid_transition" whose `allowed` lists the
// actions possible from `from` (none once closed or escalated).
Result<SupervisionState> NextSupervisionState(SupervisionState from, SupervisionAction action);
// The actions possible from `from`, in table order.
std::vector<SupervisionAction> SupervisionActionsFrom(SupervisionState from);

// Whether a manual notice is overdue at `now`: still waiting for the unit's answer after its deadline
// (`deadline` is the last instant that counts as on time).
bool SupervisionOverdue(SupervisionState state, Timestamp deadline, Timestamp now);

// An inspection recorded on an appeal.
enum class InspectionKind {
  kOnSite,    // 现场督查
  kFollowUp,  // 跟踪督查
};
std::string_view InspectionKindName(InspectionKind kind);   // "on_site"
std::string_view InspectionKindLabel(InspectionKind kind);  // "现场督查"
Result<InspectionKind> ParseInspectionKind(std::string_view name, std::string_view field = "kind");

// The warnings issued to a case's handler and coordinator (the workbench's notice list).
enum class WarningKind {
  kYellow,  // 黄色预警: 80% of the deadline's working time used
  kRed,     // 红色预警: the deadline passed
};
std::string_view WarningKindName(WarningKind kind);   // "yellow_warning"
std::string_view WarningKindLabel(WarningKind kind);  // "黄色预警"

// The warning a deadline running from `start` to `due` owes at `now`: kRed after due, kYellow once
// kWarnPercent of the working time between start and due (WorkingSecondsBetween, so holidays do not
// count) has elapsed, nullopt before. A deadline with no working time (due <= start) is yellow from
// start. Each kind is issued once per (appeal, deadline): the caller keys it by `due`, so an extension
// (a new due) owes new warnings.
std::optional<WarningKind> WarningAt(const WorkCalendar& calendar, Timestamp start, Timestamp due, Timestamp now);
// The first instant at which WarningAt gives kYellow (or kRed, for a deadline whose working time ends in a
// holiday), for the sweep to wait until.
Timestamp YellowWarningAt(const WorkCalendar& calendar, Timestamp start, Timestamp due);

// What the deadline sweep (app/deadline_sweep.h) watches on one appeal.
struct SweepWatch {
  bool with_unit = false;  // dispatched, accepted or in progress: the deadlines and warnings are the units'
  bool replied = false;
  bool escalated = false;  // handed to a leader already
  std::optional<Timestamp> dispatched_at, reply_due, resolve_due, escalate_due;
  std::vector<Timestamp> opinion_dues;  // the assisting units' pending opinions
};
// The first instant after `now` at which the sweep may owe the appeal something — a notice (the instant after a
// deadline), a yellow or red warning — or nullopt when it never will in its present state. What falls due at or
// before `now` is the sweep's to serve now.
std::optional<Timestamp> NextSweepAt(const WorkCalendar& calendar, const SweepWatch& watch, Timestamp now);

}  // namespace minsheng
