// The public message wall (民情回音墙, seed 004) as a pure state machine: which step moves a wall post from
// which state to which, which operation (core/access.h) may take it, and the rule every post lives by: a
// public reply within 7 working days of posting, shown on the wall as in time or late.
//
//   post (a resident, no login)  → pending          nothing is public before a moderator publishes it
//   pending:   publish → published; hide → hidden
//   published: reply → replied; hide → hidden
//   replied:   hide → hidden
//   hidden:    publish → published, or replied when it had a reply (only a moderator republishes; a hidden
//              post is kept, never deleted, and never public until then)
//   appeal (turn the post into an appeal, once): in any state, the state stays
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.h"
#include "core/calendar.h"
#include "core/clock.h"
#include "core/deadline.h"
#include "core/error.h"

namespace minsheng {

enum class WallPostState { kPending, kPublished, kReplied, kHidden };
enum class WallPostAction { kPost, kPublish, kHide, kReply, kAppeal };

// Names (API and SQL) and labels (Chinese, for the UI).
std::string_view WallPostStateName(WallPostState);    // "published"
std::string_view WallPostStateLabel(WallPostState);   // "已公开"
Result<WallPostState> ParseWallPostState(std::string_view name);
std::string_view WallPostActionName(WallPostAction);  // "hide"
std::string_view WallPostActionLabel(WallPostAction); // "屏蔽"
std::optional<std::string_view> WallPostActionLabelOf(std::string_view name);
std::vector<WallPostState> AllWallPostStates();

// What a step depends on besides the action: whether the post has a public reply (a republished post
// goes back to replied).
struct WallPostFacts {
  bool has_reply = false;
};

// The state `action` leads to from `from`, or kConflict "invalid_transition" whose `allowed` lists the API
// names of the actions possible from `from`.
Result<WallPostState> NextWallPostState(WallPostState from, WallPostAction action, const WallPostFacts& facts = {});

// Actions possible from `state` (whatever the facts), in table order; kPost is never among them.
std::vector<WallPostAction> WallPostActionsFrom(WallPostState state);

// The operation a staff role needs for `action`: kModerateWall (publish, hide, appeal) or kReplyWall (reply).
// kPost is the residents' own (no login) and answers kReadWall here.
Operation WallPostOperation(WallPostAction action);

// Whether residents see a post in this state on the wall (published, replied).
bool IsOnWall(WallPostState state);
// Whether a post in this state still owes its public reply (pending, published): only these can be overdue.
bool OwesWallReply(WallPostState state);

// Seed 004: a post has its public reply within 7 working days. The days run from the moment it was posted
// (moderation time counts), by the working-day calendar: the reply is due by the end (24:00 CST) of the 7th
// working day after the day of posting (core/deadline.h ComputeDeadline; yellow at 80%).
inline constexpr int kWallReplyWorkingDays = 7;
Deadline WallReplyDeadline(const WorkCalendar& calendar, Timestamp posted_at);

// How a post's reply stands at `now`: a reply given by the due instant is on time, after it late; without
// a reply, waiting until the due instant and overdue after it.
enum class WallReplyTiming { kWaiting, kOverdue, kOnTime, kLate };
WallReplyTiming WallReplyTimingAt(Timestamp reply_due, std::optional<Timestamp> replied_at, Timestamp now);
std::string_view WallReplyTimingName(WallReplyTiming);   // "on_time"
std::string_view WallReplyTimingLabel(WallReplyTiming);  // "按时答复"

// The one definition of an overdue post (lists, counts, the sweep): it still owes its reply and `now` is
// past the due instant. A hidden post owes nothing; a replied one is judged by WallReplyTimingAt.
bool WallPostOverdue(WallPostState state, Timestamp reply_due, Timestamp now);

// Text shown on the public wall: every run of 7 or more digits (a phone number, an ID card number, with an
// ID card's final X) keeps its first 3 and last 2 characters and masks the rest with '*'. Residents write
// their numbers into posts despite the form's advice; the moderator is the first guard, this the last.
std::string RedactNumbers(std::string_view text);

}  // namespace minsheng
