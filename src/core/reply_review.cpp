#include "core/reply_review.h"

#include <algorithm>
#include <array>
#include <string>

#include "core/transition_table.h"

namespace minsheng {
namespace {

using S = ReviewState;
using A = ReviewAction;

struct StateInfo {
  S state;
  std::string_view name;
  std::string_view label;
};
constexpr std::array kStates = {
    StateInfo{S::kNone, "none", "未提交"},
    StateInfo{S::kPending, "pending", "待审核"},
    StateInfo{S::kApproved, "approved", "已审核通过"},
    StateInfo{S::kSentBack, "sent_back", "已退回"},
};

struct ActionInfo {
  A action;
  std::string_view name;
  std::string_view label;
};
constexpr std::array kActions = {
    ActionInfo{A::kDraft, "reply", "提交答复审核"},
    ActionInfo{A::kRelease, "reply", "答复"},
    ActionInfo{A::kApprove, "approve_reply", "审核通过答复"},
    ActionInfo{A::kSendBack, "send_back_reply", "退回答复"},
};

// Who may take an action: the lead unit's handlers (draft), its head (release, approve, send back).
enum class Who { kLeadHandler, kHeadNotDrafter, kHead };

struct Row {
  S from;
  A action;
  S to;
  Who who;
};
// A new draft may follow a sent-back one, or start a new round after an approved reply (a reopened appeal).
constexpr std::array kTransitions = {
    Row{S::kNone, A::kDraft, S::kPending, Who::kLeadHandler},
    Row{S::kSentBack, A::kDraft, S::kPending, Who::kLeadHandler},
    Row{S::kApproved, A::kDraft, S::kPending, Who::kLeadHandler},
    Row{S::kNone, A::kRelease, S::kApproved, Who::kHead},
    Row{S::kSentBack, A::kRelease, S::kApproved, Who::kHead},
    Row{S::kApproved, A::kRelease, S::kApproved, Who::kHead},
    Row{S::kPending, A::kApprove, S::kApproved, Who::kHeadNotDrafter},
    Row{S::kPending, A::kSendBack, S::kSentBack, Who::kHeadNotDrafter},
};

bool May(Who who, const Reviewer& r) {
  switch (who) {
    case Who::kLeadHandler: return r.lead_handler && !r.unit_head;
    case Who::kHead: return r.lead_handler && r.unit_head;
    case Who::kHeadNotDrafter: return r.lead_handler && r.unit_head && !r.drafter;
  }
  return false;
}

}  // namespace

std::string_view ReviewStateName(ReviewState s) {
  for (const auto& i : kStates) if (i.state == s) return i.name;
  return "unknown";
}
std::string_view ReviewStateLabel(ReviewState s) {
  for (const auto& i : kStates) if (i.state == s) return i.label;
  return "未知";
}
Result<ReviewState> ParseReviewState(std::string_view name) {
  for (const auto& i : kStates) if (i.name == name) return i.state;
  return Fail(Error::Invalid("invalid_value", "未知的答复审核状态：" + std::string(name), "status"));
}
std::string_view ReviewActionName(ReviewAction a) {
  for (const auto& i : kActions) if (i.action == a) return i.name;
  return "unknown";
}
std::string_view ReviewActionLabel(ReviewAction a) {
  for (const auto& i : kActions) if (i.action == a) return i.label;
  return "未知";
}

Result<ReviewState> NextReviewState(ReviewState from, ReviewAction action, const Reviewer& who) {
  const Row* found = nullptr;
  bool some_row = false;  // the action exists from some state for someone like `who`
  for (const auto& t : kTransitions) {
    if (t.action != action) continue;
    some_row = some_row || May(t.who, who);
    if (t.from == from) found = &t;
  }
  if (found != nullptr && May(found->who, who)) return found->to;
  // Refusals: first who (a role that may never take it learns nothing about the state), then the state.
  if (!some_row || (found != nullptr && !May(found->who, who))) {
    if (action == A::kDraft && who.lead_handler && who.unit_head)
      return Fail(Error::Forbidden("单位负责人的答复无须审核，直接发出"));
    if (action == A::kApprove || action == A::kSendBack)
      return Fail(Error::Forbidden(who.drafter && who.unit_head ? "答复须由起草人以外的单位负责人审核"
                                                                : "只有主办单位负责人可以审核答复"));
    return Fail(Error::Forbidden("只有主办单位可以答复"));
  }
  if (from == S::kPending && (action == A::kDraft || action == A::kRelease)) {
    Error e = Error::Conflict("reply_under_review", "已有答复待单位负责人审核，审核或退回后才能再次答复");
    for (A a : ReviewActionsFor(from, who)) e.allowed.emplace_back(ReviewActionName(a));
    return Fail(std::move(e));
  }
  Error e = Error::Conflict("invalid_transition", "答复审核状态为“" + std::string(ReviewStateLabel(from)) +
                                                     "”，不能执行“" + std::string(ReviewActionLabel(action)) + "”");
  for (A a : ReviewActionsFor(from, who)) e.allowed.emplace_back(ReviewActionName(a));
  return Fail(std::move(e));
}

std::vector<ReviewAction> ReviewActionsFor(ReviewState from, const Reviewer& who) {
  return ActionsWhere(kTransitions, [&](const Row& t) { return t.from == from && May(t.who, who); });
}

}  // namespace minsheng
