#include "core/lifecycle.h"

#include <algorithm>
#include <concepts>
#include <array>

#include "core/transition_table.h"

namespace minsheng {
namespace {

struct StateInfo {
  AppealState state;
  std::string_view name;
  std::string_view label;
};
constexpr std::array kStates = {
    StateInfo{AppealState::kReceived, "received", "已受理"},
    StateInfo{AppealState::kDispatched, "dispatched", "已派单"},
    StateInfo{AppealState::kAccepted, "accepted", "已签收"},
    StateInfo{AppealState::kInProgress, "in_progress", "办理中"},
    StateInfo{AppealState::kReplied, "replied", "已答复"},
    StateInfo{AppealState::kClosed, "closed", "已办结"},
    StateInfo{AppealState::kReturned, "returned", "已退单"},
    StateInfo{AppealState::kReopened, "reopened", "重办"},
    StateInfo{AppealState::kDeliberating, "deliberating", "协商议事中"},
    StateInfo{AppealState::kEscalated, "escalated", "已转建议"},
    StateInfo{AppealState::kExplaining, "explaining", "解释说明中"},
    StateInfo{AppealState::kMerged, "merged", "已合并"},
    StateInfo{AppealState::kRejected, "rejected", "不予受理"},
};

struct ActionInfo {
  Action action;
  std::string_view name;
  std::string_view label;
};
constexpr std::array kActions = {
    ActionInfo{Action::kRegister, "register", "登记"},
    ActionInfo{Action::kDispatch, "dispatch", "派单"},
    ActionInfo{Action::kDeliberate, "deliberate", "转协商议事"},
    ActionInfo{Action::kEscalate, "escalate", "转建议提案"},
    ActionInfo{Action::kExplain, "explain", "解释说明"},
    ActionInfo{Action::kMerge, "merge", "合并"},
    ActionInfo{Action::kReject, "reject", "不予受理"},
    ActionInfo{Action::kAccept, "accept", "签收"},
    ActionInfo{Action::kReturn, "return", "退单"},
    ActionInfo{Action::kContact, "contact", "联系诉求人"},
    ActionInfo{Action::kRequestExtension, "extension", "申请延期"},
    ActionInfo{Action::kReply, "reply", "答复"},
    ActionInfo{Action::kCallbackSatisfied, "callback", "回访"},
    ActionInfo{Action::kCallbackDissatisfied, "callback", "回访"},
    ActionInfo{Action::kReopen, "reopen", "重办"},
    ActionInfo{Action::kClose, "close", "办结"},
};

struct RoleInfo {
  Role role;
  std::string_view name;
  std::string_view label;
};
constexpr std::array kRoles = {
    RoleInfo{Role::kAdmin, "admin", "系统管理员"},
    RoleInfo{Role::kRegistrar, "registrar", "登记员"},
    RoleInfo{Role::kCoordinator, "coordinator", "街镇枢纽"},
    RoleInfo{Role::kHandler, "handler", "职能部门"},
    RoleInfo{Role::kDeputy, "deputy", "代表委员"},
    RoleInfo{Role::kLeader, "leader", "包案领导"},
    RoleInfo{Role::kSupervisor, "supervisor", "督办"},
};

using S = AppealState;
using A = Action;

// The lifecycle as a table: from, action, to. Anything not listed is refused.
struct Row {
  S from;
  A action;
  S to;
};
constexpr std::array kTransitions = {
    Row{S::kReceived, A::kDispatch, S::kDispatched},
    Row{S::kReturned, A::kDispatch, S::kDispatched},
    Row{S::kReopened, A::kDispatch, S::kDispatched},
    Row{S::kDeliberating, A::kDispatch, S::kDispatched},
    Row{S::kReceived, A::kDeliberate, S::kDeliberating},
    Row{S::kReturned, A::kDeliberate, S::kDeliberating},
    Row{S::kReopened, A::kDeliberate, S::kDeliberating},
    Row{S::kReceived, A::kEscalate, S::kEscalated},
    Row{S::kReturned, A::kEscalate, S::kEscalated},
    Row{S::kReopened, A::kEscalate, S::kEscalated},
    Row{S::kReceived, A::kExplain, S::kExplaining},
    Row{S::kReturned, A::kExplain, S::kExplaining},
    Row{S::kReopened, A::kExplain, S::kExplaining},
    Row{S::kDeliberating, A::kExplain, S::kExplaining},
    Row{S::kReceived, A::kMerge, S::kMerged},
    Row{S::kReturned, A::kMerge, S::kMerged},
    Row{S::kReceived, A::kReject, S::kRejected},
    Row{S::kReturned, A::kReject, S::kRejected},
    Row{S::kDispatched, A::kAccept, S::kAccepted},
    Row{S::kDispatched, A::kReturn, S::kReturned},
    Row{S::kAccepted, A::kReturn, S::kReturned},
    Row{S::kInProgress, A::kReturn, S::kReturned},
    Row{S::kAccepted, A::kContact, S::kInProgress},
    Row{S::kAccepted, A::kRequestExtension, S::kAccepted},
    Row{S::kInProgress, A::kRequestExtension, S::kInProgress},
    Row{S::kInProgress, A::kReply, S::kReplied},
    Row{S::kReplied, A::kCallbackSatisfied, S::kClosed},
    Row{S::kReplied, A::kCallbackDissatisfied, S::kReopened},
    Row{S::kExplaining, A::kCallbackSatisfied, S::kClosed},
    Row{S::kExplaining, A::kCallbackDissatisfied, S::kReopened},
    Row{S::kReplied, A::kReopen, S::kReopened},
    Row{S::kClosed, A::kReopen, S::kReopened},
    Row{S::kReplied, A::kClose, S::kClosed},
    Row{S::kExplaining, A::kClose, S::kClosed},
    Row{S::kEscalated, A::kClose, S::kClosed},
    Row{S::kDeliberating, A::kClose, S::kClosed},
};

constexpr unsigned Bit(Role r) { return 1u << static_cast<unsigned>(r); }
constexpr unsigned Roles(std::same_as<Role> auto... r) { return (Bit(r) | ...); }

struct Permission {
  A action;
  unsigned roles;  // bit set of Role
};
// Admin may do everything; the rest as in DESIGN.md §1.
constexpr std::array kPermissions = {
    Permission{A::kRegister, Roles(Role::kRegistrar, Role::kCoordinator, Role::kDeputy)},
    Permission{A::kDispatch, Roles(Role::kCoordinator)},
    Permission{A::kDeliberate, Roles(Role::kCoordinator)},
    Permission{A::kEscalate, Roles(Role::kCoordinator)},
    Permission{A::kExplain, Roles(Role::kCoordinator)},
    Permission{A::kMerge, Roles(Role::kCoordinator)},
    Permission{A::kReject, Roles(Role::kCoordinator)},
    Permission{A::kAccept, Roles(Role::kHandler)},
    Permission{A::kReturn, Roles(Role::kHandler)},
    Permission{A::kContact, Roles(Role::kHandler, Role::kDeputy)},
    Permission{A::kRequestExtension, Roles(Role::kHandler)},
    Permission{A::kReply, Roles(Role::kHandler)},
    Permission{A::kCallbackSatisfied, Roles(Role::kSupervisor, Role::kCoordinator)},
    Permission{A::kCallbackDissatisfied, Roles(Role::kSupervisor, Role::kCoordinator)},
    Permission{A::kReopen, Roles(Role::kSupervisor, Role::kCoordinator, Role::kLeader)},
    Permission{A::kClose, Roles(Role::kSupervisor, Role::kCoordinator, Role::kLeader)},
};

}  // namespace

std::string_view StateName(AppealState s) {
  for (const auto& i : kStates) if (i.state == s) return i.name;
  return "unknown";
}
std::string_view StateLabel(AppealState s) {
  for (const auto& i : kStates) if (i.state == s) return i.label;
  return "未知";
}
Result<AppealState> ParseState(std::string_view name) {
  for (const auto& i : kStates) if (i.name == name) return i.state;
  return Fail(Error::Invalid("invalid_value", "未知的诉求状态：" + std::string(name), "status"));
}

std::string_view ActionName(Action a) {
  for (const auto& i : kActions) if (i.action == a) return i.name;
  return "unknown";
}
std::string_view ActionLabel(Action a) {
  for (const auto& i : kActions) if (i.action == a) return i.label;
  return "未知";
}
std::optional<std::string_view> ActionLabelOf(std::string_view name) {
  for (const auto& i : kActions) if (i.name == name) return i.label;
  return std::nullopt;
}

std::optional<Action> ParseTriageRoute(std::string_view route) {
  for (Action a : {A::kDeliberate, A::kEscalate, A::kExplain, A::kMerge, A::kReject})
    if (ActionName(a) == route) return a;
  return std::nullopt;
}

std::string_view RoleName(Role r) {
  for (const auto& i : kRoles) if (i.role == r) return i.name;
  return "unknown";
}
std::string_view RoleLabel(Role r) {
  for (const auto& i : kRoles) if (i.role == r) return i.label;
  return "未知";
}
std::string_view DeputyKindLabel(std::string_view kind) {
  if (kind == "npc") return "人大代表";
  if (kind == "cppcc") return "政协委员";
  if (kind == "party") return "党代表";
  if (kind == "youth") return "团代表";
  return "";
}
Result<Role> ParseRole(std::string_view name) {
  for (const auto& i : kRoles) if (i.name == name) return i.role;
  return Fail(Error::Invalid("invalid_value",
                             "未知的角色：" + std::string(name) +
                                 "（可选 admin、registrar、coordinator、handler、deputy、leader、supervisor）",
                             "role"));
}

Result<AppealState> NextState(AppealState from, Action action) {
  if (const Row* t = RowWhere(kTransitions, [&](const Row& t) { return t.from == from && t.action == action; }))
    return t->to;
  Error e = Error::Conflict("invalid_transition", "诉求当前状态为“" + std::string(StateLabel(from)) +
                                                      "”，不能执行“" + std::string(ActionLabel(action)) + "”");
  for (Action a : ActionsFrom(from)) {
    std::string name(ActionName(a));
    if (std::find(e.allowed.begin(), e.allowed.end(), name) == e.allowed.end()) e.allowed.push_back(name);
  }
  return Fail(std::move(e));
}

std::vector<Action> ActionsFrom(AppealState state) {
  return ActionsWhere(kTransitions, [&](const Row& t) { return t.from == state; });
}

bool RoleMay(Role role, Action action) {
  if (role == Role::kAdmin) return true;
  for (const auto& p : kPermissions)
    if (p.action == action)
      return (p.roles & Bit(role)) != 0;
  return false;
}

bool IsFinished(AppealState state) {
  return state == S::kClosed || state == S::kMerged || state == S::kRejected;
}

}  // namespace minsheng
