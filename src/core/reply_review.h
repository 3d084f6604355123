// Reviewed replies (答复须经单位负责人审核): in a unit that reviews its replies, a handler's reply is a
// draft; the unit head approves it (only then is the appeal replied) or sends it back with a reason. The
// unit head's own reply is released at once. A state machine as one table of (from, action, to), with who
// may take each step.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"

namespace minsheng {

// The review of an appeal's latest reply in the current round; kNone before any draft.
enum class ReviewState { kNone, kPending, kApproved, kSentBack };

enum class ReviewAction {
  kDraft,     // a handler of the lead unit submits a reply for review
  kRelease,   // the lead unit's head replies: released at once, no review
  kApprove,   // the head approves the pending draft: it is released as the unit's reply
  kSendBack,  // the head sends the pending draft back with a reason
};

std::string_view ReviewStateName(ReviewState state);    // "pending"
std::string_view ReviewStateLabel(ReviewState state);   // "待审核"
Result<ReviewState> ParseReviewState(std::string_view name);
// The action's API name as allowed_actions lists it: "reply" (draft and release), "approve_reply",
// "send_back_reply".
std::string_view ReviewActionName(ReviewAction action);
std::string_view ReviewActionLabel(ReviewAction action);

// What the reviewing rules need to know about who acts.
struct Reviewer {
  bool lead_handler = false;  // a handler of the appeal's lead unit
  bool unit_head = false;     // flagged as the head of that unit (单位负责人)
  bool drafter = false;       // wrote the pending draft
};

// The state `action` by `who` leads to from `from`: kForbidden when `who` may not take it (a draft and a
// release only by the lead unit's handlers — a release only by its head; approval and send-back only by
// its head, never the drafter), else kConflict "reply_under_review" / "invalid_transition" with `allowed`.
Result<ReviewState> NextReviewState(ReviewState from, ReviewAction action, const Reviewer& who);

// The actions `who` may take from `from`, in a stable order.
std::vector<ReviewAction> ReviewActionsFor(ReviewState from, const Reviewer& who);

}  // namespace minsheng
