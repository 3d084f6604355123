// The appeal lifecycle of DESIGN.md §2 as a pure state machine: which action moves an appeal from which
// state to which, and which roles may take it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace minsheng {

enum class AppealState {
  kReceived, kDispatched, kAccepted, kInProgress, kReplied, kClosed, kReturned, kReopened,
  kDeliberating, kEscalated, kExplaining, kMerged, kRejected,
};

enum class Action {
  kRegister,     // creates the appeal in kReceived
  kDispatch,     // triage's dispatch route
  kDeliberate, kEscalate, kExplain, kMerge, kReject,  // triage's other routes
  kAccept, kReturn, kContact, kRequestExtension, kReply,
  kCallbackSatisfied, kCallbackDissatisfied,
  kReopen, kClose,
};

enum class Role { kAdmin, kRegistrar, kCoordinator, kHandler, kDeputy, kLeader, kSupervisor };

std::string_view StateName(AppealState);    // "in_progress"
std::string_view StateLabel(AppealState);   // "办理中"
Result<AppealState> ParseState(std::string_view name);

// The action's API name: the path segment or triage route ("dispatch", "deliberate", "callback" …).
std::string_view ActionName(Action);
std::string_view ActionLabel(Action);       // "派单"
// The label of an action by its API name ("dispatch" → "派单"), as timeline events store it.
std::optional<std::string_view> ActionLabelOf(std::string_view name);
std::optional<Action> ParseTriageRoute(std::string_view route);  // deliberate|escalate|explain|merge|reject

std::string_view RoleName(Role);
std::string_view RoleLabel(Role);
// "人大代表" for a deputy of kind "npc", and so on for cppcc, party, youth; "" for none or an unknown kind.
std::string_view DeputyKindLabel(std::string_view kind);
Result<Role> ParseRole(std::string_view name);

// The state `action` leads to from `from`, or a kConflict error "invalid_transition" whose `allowed`
// lists the API names of the actions possible from `from`.
Result<AppealState> NextState(AppealState from, Action action);

// Actions possible from `state` (whatever the role), in a stable order.
std::vector<Action> ActionsFrom(AppealState state);

// Whether `role` may take `action` at all (region scope and unit binding are checked elsewhere).
bool RoleMay(Role role, Action action);

// Appeals in these states are finished: no deadlines run, no notices are issued.
bool IsFinished(AppealState state);

}  // namespace minsheng
