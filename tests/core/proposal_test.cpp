#include "core/proposal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace minsheng {
namespace {

using S = ProposalStep;
using A = ProposalAction;
using C = AnswerCategory;
using R = ProposalRating;

const std::vector<A> kAllActions = {A::kSubmit, A::kAssign, A::kContact, A::kOpinion, A::kAnswer,
                                    A::kApprove, A::kReturnAnswer, A::kRate, A::kFollowUp};

// Every step written out: the (step, action) pairs allowed with no facts needed. Every other pair (facts
// aside) must be refused, with `allowed` naming the step's actions.
const std::map<std::pair<S, A>, S> kAllowed = {
    {{S::kDraft, A::kSubmit}, S::kSubmitted},
    {{S::kSubmitted, A::kAssign}, S::kAssigned},
    {{S::kAssigned, A::kContact}, S::kAssigned},
    {{S::kAssigned, A::kOpinion}, S::kAssigned},
    {{S::kAssigned, A::kAnswer}, S::kAnswerDrafted},
    {{S::kAnswerDrafted, A::kContact}, S::kAnswerDrafted},
    {{S::kAnswerDrafted, A::kAnswer}, S::kAnswerDrafted},
    {{S::kAnswerDrafted, A::kApprove}, S::kAnswered},
    {{S::kAnswerDrafted, A::kReturnAnswer}, S::kAssigned},
    {{S::kAnswered, A::kContact}, S::kAnswered},
    {{S::kAwaitingFollowUp, A::kContact}, S::kAwaitingFollowUp},
    {{S::kClosed, A::kContact}, S::kClosed},
};
// The steps whose outcome depends on the facts: rate from answered, follow-up from awaiting_follow_up.
const std::map<S, std::vector<std::string>> kAllowedNames = {
    {S::kDraft, {"submit"}},
    {S::kSubmitted, {"assign"}},
    {S::kAssigned, {"contact", "opinion", "answer"}},
    {S::kAnswerDrafted, {"contact", "answer", "approve", "return_answer"}},
    {S::kAnswered, {"contact", "rate"}},
    {S::kAwaitingFollowUp, {"contact", "follow_up"}},
    {S::kClosed, {"contact"}},
};

TEST(ProposalStateMachine, EveryStepEveryActionAllowedOrRefused) {
  for (S from : AllProposalSteps()) {
    for (A action : kAllActions) {
      if ((from == S::kAnswered && action == A::kRate) || (from == S::kAwaitingFollowUp && action == A::kFollowUp))
        continue;  // the fact tables below
      auto next = NextProposalStep(from, action);
      auto it = kAllowed.find({from, action});
      const std::string what = std::string(ProposalStepName(from)) + " + " + std::string(ProposalActionName(action));
      if (it != kAllowed.end()) {
        ASSERT_TRUE(next.has_value()) << what << ": " << next.error().message;
        EXPECT_EQ(*next, it->second) << what;
      } else {
        ASSERT_FALSE(next.has_value()) << what << " should be refused";
        EXPECT_EQ(next.error().kind, ErrorKind::kConflict) << what;
        EXPECT_EQ(next.error().code, "invalid_transition") << what;
        EXPECT_EQ(next.error().allowed, kAllowedNames.at(from)) << what;
      }
    }
  }
}

TEST(ProposalStateMachine, AllowedActionsListedPerStep) {
  for (S step : AllProposalSteps()) {
    std::vector<std::string> names;
    for (A a : ProposalActionsFrom(step)) names.emplace_back(ProposalActionName(a));
    EXPECT_EQ(names, kAllowedNames.at(step)) << ProposalStepName(step);
  }
}

// The deputy's rating of an answer: category, rating, second round → the next step.
TEST(ProposalStateMachine, RatingByCategoryAndRound) {
  struct Case {
    std::optional<C> category;
    std::optional<R> rating;
    bool second_round;
    std::optional<S> to;  // nullopt: refused
  };
  const Case cases[] = {
      {C::kA, R::kSatisfied, false, S::kClosed},
      {C::kA, R::kBasicallySatisfied, false, S::kClosed},
      {C::kC, R::kSatisfied, false, S::kClosed},
      {C::kB, R::kSatisfied, false, S::kAwaitingFollowUp},
      {C::kB, R::kBasicallySatisfied, true, S::kAwaitingFollowUp},
      {C::kA, R::kDissatisfied, false, S::kAssigned},  // back once for a second answer
      {C::kB, R::kDissatisfied, false, S::kAssigned},
      {C::kC, R::kDissatisfied, false, S::kAssigned},
      {C::kA, R::kDissatisfied, true, S::kClosed},     // not twice: the rating stands
      {C::kC, R::kDissatisfied, true, S::kClosed},
      {C::kB, R::kDissatisfied, true, S::kAwaitingFollowUp},
      {C::kA, std::nullopt, false, std::nullopt},      // no rating: nothing applies
      {std::nullopt, R::kSatisfied, false, std::nullopt},
  };
  for (const auto& c : cases) {
    auto next = NextProposalStep(S::kAnswered, A::kRate, {c.category, c.rating, c.second_round});
    const std::string what = std::string(c.category ? AnswerCategoryName(*c.category) : "-") + "/" +
                             std::string(c.rating ? ProposalRatingName(*c.rating) : "-") +
                             (c.second_round ? " second" : " first");
    if (c.to) {
      ASSERT_TRUE(next.has_value()) << what;
      EXPECT_EQ(*next, *c.to) << what;
    } else {
      ASSERT_FALSE(next.has_value()) << what;
      EXPECT_EQ(next.error().code, "invalid_transition");
    }
  }
  // Rating anywhere else is refused whatever the facts.
  for (S from : AllProposalSteps()) {
    if (from == S::kAnswered) continue;
    EXPECT_FALSE(NextProposalStep(from, A::kRate, {C::kA, R::kSatisfied, false}).has_value()) << ProposalStepName(from);
  }
}

TEST(ProposalStateMachine, FollowUpBecomesAOrStaysB) {
  const std::tuple<std::optional<C>, std::optional<S>> cases[] = {
      {C::kA, S::kClosed}, {C::kC, S::kClosed}, {C::kB, S::kAwaitingFollowUp}, {std::nullopt, std::nullopt}};
  for (const auto& [category, to] : cases) {
    auto next = NextProposalStep(S::kAwaitingFollowUp, A::kFollowUp, {category, std::nullopt, false});
    if (to) {
      ASSERT_TRUE(next.has_value());
      EXPECT_EQ(*next, *to);
    } else {
      EXPECT_FALSE(next.has_value());
    }
  }
  for (S from : AllProposalSteps()) {
    if (from == S::kAwaitingFollowUp) continue;
    EXPECT_FALSE(NextProposalStep(from, A::kFollowUp, {C::kA, std::nullopt, false}).has_value())
        << ProposalStepName(from);
  }
}

TEST(ProposalStateMachine, WhoTakesEachAction) {
  const std::map<A, Operation> expected = {
      {A::kRegister, Operation::kKeepProposals},   {A::kSubmit, Operation::kKeepProposals},
      {A::kAssign, Operation::kAssignProposals},   {A::kContact, Operation::kHandleProposals},
      {A::kOpinion, Operation::kHandleProposals},  {A::kAnswer, Operation::kHandleProposals},
      {A::kApprove, Operation::kHandleProposals},  {A::kReturnAnswer, Operation::kHandleProposals},
      {A::kRate, Operation::kRateProposals},       {A::kFollowUp, Operation::kHandleProposals},
  };
  for (const auto& [action, op] : expected) EXPECT_EQ(ProposalOperation(action), op) << ProposalActionName(action);
  // Only the deputy's side rates; only units (and admins) answer; only the area's staff assign.
  const std::map<Operation, std::vector<Role>> roles = {
      {Operation::kKeepProposals, {Role::kAdmin, Role::kRegistrar, Role::kCoordinator, Role::kDeputy}},
      {Operation::kAssignProposals, {Role::kAdmin, Role::kCoordinator}},
      {Operation::kHandleProposals, {Role::kAdmin, Role::kHandler}},
      {Operation::kRateProposals, {Role::kAdmin, Role::kRegistrar, Role::kDeputy}},
  };
  const Role all[] = {Role::kAdmin, Role::kRegistrar, Role::kCoordinator, Role::kHandler,
                      Role::kDeputy, Role::kLeader, Role::kSupervisor};
  for (const auto& [op, allowed] : roles)
    for (Role r : all)
      EXPECT_EQ(RoleMayDo(r, op), std::find(allowed.begin(), allowed.end(), r) != allowed.end())
          << OperationName(op) << " " << RoleName(r);
}

TEST(ProposalContactStage, BeforeAndDuringWhileHandlingAfterOnceAnswered) {
  using G = ContactStage;
  const std::map<S, std::vector<G>> allowed = {
      {S::kDraft, {}},
      {S::kSubmitted, {}},
      {S::kAssigned, {G::kBefore, G::kDuring}},
      {S::kAnswerDrafted, {G::kBefore, G::kDuring}},
      {S::kAnswered, {G::kAfter}},
      {S::kAwaitingFollowUp, {G::kAfter}},
      {S::kClosed, {G::kAfter}},
  };
  for (const auto& [step, stages] : allowed)
    for (G g : {G::kBefore, G::kDuring, G::kAfter}) {
      const bool ok = std::find(stages.begin(), stages.end(), g) != stages.end();
      auto s = CheckContactStage(step, g);
      EXPECT_EQ(s.has_value(), ok) << ProposalStepName(step) << " " << ContactStageName(g);
      if (!ok) {
        EXPECT_EQ(s.error().code, "invalid_contact_stage");
      }
    }
}

TEST(ProposalFollowUp, DueFromThePlanDate) {
  const Timestamp day = 1795536000;  // 2026-11-25T00:00+08:00
  EXPECT_FALSE(CheckFollowUpDue(day, day - 1).has_value());
  EXPECT_EQ(CheckFollowUpDue(day, day - 1).error().code, "follow_up_not_due");
  EXPECT_TRUE(CheckFollowUpDue(day, day).has_value());
  EXPECT_TRUE(CheckFollowUpDue(day, day + 86400 * 3).has_value());
}

TEST(ProposalNames, ParseRoundTripsAndRefusesUnknown) {
  for (ProposalKind k : AllProposalKinds()) EXPECT_EQ(*ParseProposalKind(ProposalKindName(k)), k);
  EXPECT_EQ(ProposalKindLabel(ProposalKind::kSuggestion), "建议");
  EXPECT_EQ(ProposalKindLabel(ProposalKind::kProposal), "提案");
  EXPECT_EQ(ProposalKindLabel(ProposalKind::kMotion), "议案");
  EXPECT_EQ(ProposalKindLabel(ProposalKind::kOpinionReport), "社情民意信息");
  auto bad = ParseProposalKind("bill");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "kind");
  EXPECT_EQ(bad.error().allowed, (std::vector<std::string>{"suggestion", "proposal", "motion", "opinion_report"}));
  for (ProposalStep s : AllProposalSteps()) EXPECT_EQ(*ParseProposalStep(ProposalStepName(s)), s);
  EXPECT_FALSE(ParseAnswerCategory("D").has_value());
  EXPECT_FALSE(ParseProposalRating("ok").has_value());
  EXPECT_FALSE(ParseContactStage("later").has_value());
}

TEST(ProposalFigures, UnitRatesAndDeputyOutcomes) {
  using F = ProposalFact;
  const std::vector<F> facts = {
      // met before, answered on time, A, satisfied
      F{3, 1, S::kClosed, true, true, true, C::kA, R::kSatisfied},
      // met before, answered late, B, basically satisfied: waiting for its follow-up
      F{3, 1, S::kAwaitingFollowUp, true, true, false, C::kB, R::kBasicallySatisfied},
      // not met, answered on time, C, dissatisfied
      F{3, 2, S::kClosed, false, true, true, C::kC, R::kDissatisfied},
      // not yet answered
      F{3, 2, S::kAssigned, false, false, false, std::nullopt, std::nullopt},
  };
  auto u = CountUnitProposals(facts);
  EXPECT_EQ(u.assigned, 4);
  EXPECT_EQ(u.met_before, 2);
  EXPECT_EQ(u.answered, 3);
  EXPECT_EQ(u.on_time, 2);
  EXPECT_EQ(u.rated, 3);
  EXPECT_EQ(u.satisfied, 2);
  EXPECT_DOUBLE_EQ(*u.meeting_rate, 0.5);
  EXPECT_DOUBLE_EQ(*u.reply_rate, 0.75);
  EXPECT_DOUBLE_EQ(*u.satisfaction_rate, 2.0 / 3);
  EXPECT_DOUBLE_EQ(*u.on_time_rate, 2.0 / 3);
  EXPECT_EQ(std::tie(u.category_a, u.category_b, u.category_c), std::make_tuple(1, 1, 1));
  auto none = CountUnitProposals({});
  EXPECT_FALSE(none.meeting_rate.has_value());
  EXPECT_FALSE(none.satisfaction_rate.has_value());

  auto d = CountDeputyProposals({facts[0], facts[1], F{std::nullopt, 1, S::kDraft}});
  EXPECT_EQ(d.total, 3);
  EXPECT_EQ(d.drafts, 1);
  EXPECT_EQ(d.submitted, 2);
  EXPECT_EQ(d.closed, 1);
  EXPECT_EQ(d.awaiting_follow_up, 1);
  EXPECT_EQ(d.in_handling, 0);
  EXPECT_EQ(d.category_a, 1);
  EXPECT_EQ(d.category_b, 1);
  EXPECT_EQ(d.satisfied, 1);
  EXPECT_EQ(d.basically_satisfied, 1);
  EXPECT_EQ(d.dissatisfied, 0);
}

}  // namespace
}  // namespace minsheng
