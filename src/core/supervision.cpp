#include "core/supervision.h"

#include <array>

#include "core/named_values.h"
#include "core/transition_table.h"

namespace minsheng {
namespace {

using S = SupervisionState;
using A = SupervisionAction;

constexpr std::array kStates = {
    Named<S>{S::kIssued, "issued", "已下发"},
    Named<S>{S::kAnswered, "answered", "已反馈"},
    Named<S>{S::kClosed, "closed", "已办结"},
    Named<S>{S::kEscalated, "escalated", "已提级"},
};

constexpr std::array kActions = {
    Named<A>{A::kAnswer, "answer", "反馈督办"},
    Named<A>{A::kClose, "close", "督办办结"},
    Named<A>{A::kEscalate, "escalate", "提级督办"},
};

// The unit answers once; the supervisor then closes or escalates. A notice still unanswered can be
// escalated at once (the unit ignores it), never closed without an answer.
constexpr std::array kTransitions = {
    Transition<S, A>{S::kIssued, A::kAnswer, S::kAnswered},
    Transition<S, A>{S::kIssued, A::kEscalate, S::kEscalated},
    Transition<S, A>{S::kAnswered, A::kClose, S::kClosed},
    Transition<S, A>{S::kAnswered, A::kEscalate, S::kEscalated},
};

constexpr std::array kInspectionKinds = {
    Named<InspectionKind>{InspectionKind::kOnSite, "on_site", "现场督查"},
    Named<InspectionKind>{InspectionKind::kFollowUp, "follow_up", "跟踪督查"},
};

constexpr std::array kWarningKinds = {
    Named<WarningKind>{WarningKind::kYellow, "yellow_warning", "黄色预警"},
    Named<WarningKind>{WarningKind::kRed, "red_warning", "红色预警"},
};

}  // namespace

std::string_view SupervisionStateName(SupervisionState s) { return NameOf(kStates, s); }
std::string_view SupervisionStateLabel(SupervisionState s) { return LabelOf(kStates, s); }
Result<SupervisionState> ParseSupervisionState(std::string_view name, std::string_view field) {
  return ParseNamed(kStates, name, "督办单状态", field);
}
std::string_view SupervisionActionName(SupervisionAction a) { return NameOf(kActions, a); }
std::string_view SupervisionActionLabel(SupervisionAction a) { return LabelOf(kActions, a); }

Result<SupervisionState> NextSupervisionState(SupervisionState from, SupervisionAction action) {
  return NextFrom(kTransitions, kActions, from, action,
                  "督办单当前为“" + std::string(SupervisionStateLabel(from)) + "”，不能" +
                      std::string(SupervisionActionLabel(action)));
}

std::vector<SupervisionAction> SupervisionActionsFrom(SupervisionState from) { return ActionsFrom(kTransitions, from); }

bool SupervisionOverdue(SupervisionState state, Timestamp deadline, Timestamp now) {
  return state == S::kIssued && now > deadline;
}

std::string_view InspectionKindName(InspectionKind k) { return NameOf(kInspectionKinds, k); }
std::string_view InspectionKindLabel(InspectionKind k) { return LabelOf(kInspectionKinds, k); }
Result<InspectionKind> ParseInspectionKind(std::string_view name, std::string_view field) {
  return ParseNamed(kInspectionKinds, name, "督查类型", field);
}

std::string_view WarningKindName(WarningKind k) { return NameOf(kWarningKinds, k); }
std::string_view WarningKindLabel(WarningKind k) { return LabelOf(kWarningKinds, k); }

Timestamp YellowWarningAt(const WorkCalendar& calendar, Timestamp start, Timestamp due) {
  if (due <= start) return start;
  // WarningAt is monotonic in `now`: the first instant in (start, due + 1] that warns, by bisection.
  Timestamp lo = start, hi = due + 1;  // WarningAt(lo) may be nothing; WarningAt(hi) is red
  if (WarningAt(calendar, start, due, lo)) return lo;
  while (hi - lo > 1) {
    const Timestamp mid = lo + (hi - lo) / 2;
    (WarningAt(calendar, start, due, mid) ? hi : lo) = mid;
  }
  return hi;
}

std::optional<Timestamp> NextSweepAt(const WorkCalendar& calendar, const SweepWatch& w, Timestamp now) {
  if (!w.with_unit) return std::nullopt;
  std::optional<Timestamp> next;
  auto consider = [&](Timestamp at) {
    if (at > now && (!next || at < *next)) next = at;
  };
  if (w.reply_due && !w.replied) {
    consider(*w.reply_due + 1);  // the notice and the red warning: strictly after the deadline
    if (w.dispatched_at) consider(YellowWarningAt(calendar, *w.dispatched_at, *w.reply_due));
  }
  if (w.resolve_due) consider(*w.resolve_due + 1);
  if (w.escalate_due && !w.escalated) consider(*w.escalate_due + 1);
  for (Timestamp due : w.opinion_dues) consider(due + 1);
  return next;
}

std::optional<WarningKind> WarningAt(const WorkCalendar& calendar, Timestamp start, Timestamp due, Timestamp now) {
  if (now > due) return WarningKind::kRed;
  if (now < start) return std::nullopt;
  const std::int64_t total = WorkingSecondsBetween(calendar, start, due);
  const std::int64_t used = WorkingSecondsBetween(calendar, start, now);
  if (used * 100 >= total * kWarnPercent) return WarningKind::kYellow;
  return std::nullopt;
}

}  // namespace minsheng
