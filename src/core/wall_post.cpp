#include "core/wall_post.h"

#include <algorithm>
#include <array>

#include "core/named_values.h"
#include "core/transition_table.h"

namespace minsheng {
namespace {

constexpr std::array kStates = {
    Named<WallPostState>{WallPostState::kPending, "pending", "待审核"},
    Named<WallPostState>{WallPostState::kPublished, "published", "已公开"},
    Named<WallPostState>{WallPostState::kReplied, "replied", "已答复"},
    Named<WallPostState>{WallPostState::kHidden, "hidden", "已屏蔽"},
};
constexpr std::array kActions = {
    Named<WallPostAction>{WallPostAction::kPost, "post", "留言"},
    Named<WallPostAction>{WallPostAction::kPublish, "publish", "公开"},
    Named<WallPostAction>{WallPostAction::kHide, "hide", "屏蔽"},
    Named<WallPostAction>{WallPostAction::kReply, "reply", "公开答复"},
    Named<WallPostAction>{WallPostAction::kAppeal, "appeal", "转为诉求"},
};
constexpr std::array kTimings = {
    Named<WallReplyTiming>{WallReplyTiming::kWaiting, "waiting", "待答复"},
    Named<WallReplyTiming>{WallReplyTiming::kOverdue, "overdue", "已超期"},
    Named<WallReplyTiming>{WallReplyTiming::kOnTime, "on_time", "按时答复"},
    Named<WallReplyTiming>{WallReplyTiming::kLate, "late", "逾期答复"},
};


using S = WallPostState;
using A = WallPostAction;

// When a row applies besides its state and action.
enum class When { kAlways, kNoReply, kHasReply };

struct Row {
  S from;
  A action;
  S to;
  When when = When::kAlways;
};

// The machine as a table: from, action, to (and when). Anything not listed is refused.
constexpr std::array kTransitions = {
    Row{S::kPending, A::kPublish, S::kPublished},
    Row{S::kHidden, A::kPublish, S::kPublished, When::kNoReply},
    Row{S::kHidden, A::kPublish, S::kReplied, When::kHasReply},
    Row{S::kPending, A::kHide, S::kHidden},
    Row{S::kPublished, A::kHide, S::kHidden},
    Row{S::kReplied, A::kHide, S::kHidden},
    Row{S::kPublished, A::kReply, S::kReplied},
    Row{S::kPending, A::kAppeal, S::kPending},
    Row{S::kPublished, A::kAppeal, S::kPublished},
    Row{S::kReplied, A::kAppeal, S::kReplied},
    Row{S::kHidden, A::kAppeal, S::kHidden},
};

bool Applies(When when, const WallPostFacts& f) {
  switch (when) {
    case When::kAlways: return true;
    case When::kNoReply: return !f.has_reply;
    case When::kHasReply: return f.has_reply;
  }
  return false;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string_view WallPostStateName(WallPostState s) { return NameOf(kStates, s); }
std::string_view WallPostStateLabel(WallPostState s) { return LabelOf(kStates, s); }
Result<WallPostState> ParseWallPostState(std::string_view name) {
  return ParseNamed(kStates, name, "留言状态", "state");
}
std::string_view WallPostActionName(WallPostAction a) { return NameOf(kActions, a); }
std::string_view WallPostActionLabel(WallPostAction a) { return LabelOf(kActions, a); }
std::optional<std::string_view> WallPostActionLabelOf(std::string_view name) {
  for (const auto& i : kActions) if (i.name == name) return i.label;
  return std::nullopt;
}
std::vector<WallPostState> AllWallPostStates() {
  std::vector<WallPostState> out;
  for (const auto& i : kStates) out.push_back(i.value);
  return out;
}

Result<WallPostState> NextWallPostState(WallPostState from, WallPostAction action, const WallPostFacts& facts) {
  if (const Row* t = RowWhere(kTransitions, [&](const Row& t) {
        return t.from == from && t.action == action && Applies(t.when, facts);
      }))
    return t->to;
  Error e = Error::Conflict("invalid_transition", "留言当前状态为“" + std::string(WallPostStateLabel(from)) +
                                                      "”，不能执行“" + std::string(WallPostActionLabel(action)) +
                                                      "”");
  for (WallPostAction a : WallPostActionsFrom(from)) e.allowed.emplace_back(WallPostActionName(a));
  return Fail(std::move(e));
}

std::vector<WallPostAction> WallPostActionsFrom(WallPostState state) {
  return ActionsWhere(kTransitions, [&](const Row& t) { return t.from == state; });
}

Operation WallPostOperation(WallPostAction action) {
  switch (action) {
    case A::kPublish:
    case A::kHide:
    case A::kAppeal: return Operation::kModerateWall;
    case A::kReply: return Operation::kReplyWall;
    case A::kPost: return Operation::kReadWall;
  }
  return Operation::kModerateWall;
}

bool IsOnWall(WallPostState state) { return state == S::kPublished || state == S::kReplied; }
bool OwesWallReply(WallPostState state) { return state == S::kPending || state == S::kPublished; }

Deadline WallReplyDeadline(const WorkCalendar& calendar, Timestamp posted_at) {
  return ComputeDeadline(calendar, posted_at, kWallReplyWorkingDays);
}

WallReplyTiming WallReplyTimingAt(Timestamp reply_due, std::optional<Timestamp> replied_at, Timestamp now) {
  if (replied_at) return *replied_at <= reply_due ? WallReplyTiming::kOnTime : WallReplyTiming::kLate;
  return now > reply_due ? WallReplyTiming::kOverdue : WallReplyTiming::kWaiting;
}
std::string_view WallReplyTimingName(WallReplyTiming t) { return NameOf(kTimings, t); }
std::string_view WallReplyTimingLabel(WallReplyTiming t) { return LabelOf(kTimings, t); }

bool WallPostOverdue(WallPostState state, Timestamp reply_due, Timestamp now) {
  return OwesWallReply(state) && now > reply_due;
}

std::string RedactNumbers(std::string_view text) {
  constexpr std::size_t kMinRun = 7, kKeepHead = 3, kKeepTail = 2;
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && IsDigit(text[end])) ++end;
    // An ID card number ends in X: 17 digits and the check character.
    if (end - i == 17 && end < text.size() && (text[end] == 'X' || text[end] == 'x')) ++end;
    const std::size_t n = end - i;
    if (n < kMinRun) {
      out.append(text.substr(i, n));
    } else {
      out.append(text.substr(i, kKeepHead));
      out.append(n - kKeepHead - kKeepTail, '*');
      out.append(text.substr(end - kKeepTail, kKeepTail));
    }
    i = end;
  }
  return out;
}

}  // namespace minsheng
