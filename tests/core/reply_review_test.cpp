#include "core/reply_review.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>

namespace minsheng {
namespace {

using S = ReviewState;
using A = ReviewAction;

constexpr S kStates[] = {S::kNone, S::kPending, S::kApproved, S::kSentBack};
constexpr A kActions[] = {A::kDraft, A::kRelease, A::kApprove, A::kSendBack};

// Who acts: a handler of the lead unit, its head, the head who wrote the draft, a handler of another unit.
const Reviewer kHandler{.lead_handler = true};
const Reviewer kHead{.lead_handler = true, .unit_head = true};
const Reviewer kHeadDrafter{.lead_handler = true, .unit_head = true, .drafter = true};
const Reviewer kOtherUnitHead{.lead_handler = false, .unit_head = true};

// Every allowed (state, action, who) with its outcome; every other combination is refused.
struct Step {
  S from;
  A action;
  const Reviewer* who;
  S to;
};
const Step kAllowed[] = {
    {S::kNone, A::kDraft, &kHandler, S::kPending},
    {S::kSentBack, A::kDraft, &kHandler, S::kPending},
    {S::kApproved, A::kDraft, &kHandler, S::kPending},  // a new round after a reopened appeal
    {S::kNone, A::kRelease, &kHead, S::kApproved},
    {S::kSentBack, A::kRelease, &kHead, S::kApproved},
    {S::kApproved, A::kRelease, &kHead, S::kApproved},
    {S::kNone, A::kRelease, &kHeadDrafter, S::kApproved},
    {S::kSentBack, A::kRelease, &kHeadDrafter, S::kApproved},
    {S::kApproved, A::kRelease, &kHeadDrafter, S::kApproved},
    {S::kPending, A::kApprove, &kHead, S::kApproved},
    {S::kPending, A::kSendBack, &kHead, S::kSentBack},
};

TEST(ReplyReviewStateMachine, EveryStateActionAndReviewerAllowedOrRefused) {
  const std::pair<std::string, const Reviewer*> reviewers[] = {
      {"handler", &kHandler}, {"head", &kHead}, {"head who drafted", &kHeadDrafter}, {"other unit", &kOtherUnitHead}};
  for (S from : kStates)
    for (A action : kActions)
      for (const auto& [who_name, who] : reviewers) {
        const std::string what = std::string(ReviewStateName(from)) + " + " + std::string(ReviewActionLabel(action)) +
                                 " by " + who_name;
        const Step* expected = nullptr;
        for (const auto& s : kAllowed)
          if (s.from == from && s.action == action && s.who == who) expected = &s;
        auto next = NextReviewState(from, action, *who);
        if (expected != nullptr) {
          ASSERT_TRUE(next.has_value()) << what << ": " << next.error().message;
          EXPECT_EQ(*next, expected->to) << what;
        } else {
          ASSERT_FALSE(next.has_value()) << what << " should be refused";
          EXPECT_TRUE(next.error().kind == ErrorKind::kConflict || next.error().kind == ErrorKind::kForbidden) << what;
        }
      }
}

// The refusals say why: who may not, or what the state allows.
TEST(ReplyReviewStateMachine, RefusalsNameTheReason) {
  struct Case {
    S from;
    A action;
    const Reviewer* who;
    ErrorKind kind;
    std::string code;
    std::vector<std::string> allowed;
  };
  const Case cases[] = {
      // The drafter may not approve their own draft, even as head.
      {S::kPending, A::kApprove, &kHeadDrafter, ErrorKind::kForbidden, "forbidden", {}},
      {S::kPending, A::kSendBack, &kHeadDrafter, ErrorKind::kForbidden, "forbidden", {}},
      // A plain handler never reviews; another unit's head neither.
      {S::kPending, A::kApprove, &kHandler, ErrorKind::kForbidden, "forbidden", {}},
      {S::kPending, A::kApprove, &kOtherUnitHead, ErrorKind::kForbidden, "forbidden", {}},
      {S::kNone, A::kDraft, &kOtherUnitHead, ErrorKind::kForbidden, "forbidden", {}},
      // A second draft while one waits: 409, the head may approve or send back.
      {S::kPending, A::kDraft, &kHandler, ErrorKind::kConflict, "reply_under_review", {}},
      {S::kPending, A::kRelease, &kHead, ErrorKind::kConflict, "reply_under_review", {"approve_reply", "send_back_reply"}},
      // Nothing to review.
      {S::kNone, A::kApprove, &kHead, ErrorKind::kConflict, "invalid_transition", {"reply"}},
      {S::kSentBack, A::kSendBack, &kHead, ErrorKind::kConflict, "invalid_transition", {"reply"}},
      {S::kApproved, A::kApprove, &kHead, ErrorKind::kConflict, "invalid_transition", {"reply"}},
  };
  for (const auto& c : cases) {
    const std::string what = std::string(ReviewStateName(c.from)) + " + " + std::string(ReviewActionName(c.action));
    auto next = NextReviewState(c.from, c.action, *c.who);
    ASSERT_FALSE(next.has_value()) << what;
    EXPECT_EQ(next.error().kind, c.kind) << what;
    EXPECT_EQ(next.error().code, c.code) << what;
    EXPECT_EQ(next.error().allowed, c.allowed) << what;
  }
}

TEST(ReplyReviewStateMachine, ActionsForEachReviewer) {
  using V = std::vector<A>;
  EXPECT_EQ(ReviewActionsFor(S::kNone, kHandler), V{A::kDraft});
  EXPECT_EQ(ReviewActionsFor(S::kNone, kHead), V{A::kRelease});
  EXPECT_EQ(ReviewActionsFor(S::kPending, kHandler), V{});
  EXPECT_EQ(ReviewActionsFor(S::kPending, kHead), (V{A::kApprove, A::kSendBack}));
  EXPECT_EQ(ReviewActionsFor(S::kPending, kHeadDrafter), V{});
  EXPECT_EQ(ReviewActionsFor(S::kSentBack, kHandler), V{A::kDraft});
  EXPECT_EQ(ReviewActionsFor(S::kPending, kOtherUnitHead), V{});
}

TEST(ReplyReviewStateMachine, NamesRoundTrip) {
  for (S s : kStates) {
    auto parsed = ParseReviewState(ReviewStateName(s));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_FALSE(ParseReviewState("approve").has_value());
  EXPECT_EQ(ReviewStateLabel(S::kPending), "待审核");
  EXPECT_EQ(ReviewActionName(A::kSendBack), "send_back_reply");
}

}  // namespace
}  // namespace minsheng
