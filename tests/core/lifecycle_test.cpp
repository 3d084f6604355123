#include "core/lifecycle.h"

#include <gtest/gtest.h>

#include <map>

namespace minsheng {
namespace {

using S = AppealState;
using A = Action;

const std::vector<S> kAllStates = {S::kReceived, S::kDispatched, S::kAccepted, S::kInProgress, S::kReplied,
                                   S::kClosed, S::kReturned, S::kReopened, S::kDeliberating, S::kEscalated,
                                   S::kExplaining, S::kMerged, S::kRejected};
const std::vector<A> kAllActions = {A::kDispatch, A::kDeliberate, A::kEscalate, A::kExplain, A::kMerge,
                                    A::kReject, A::kAccept, A::kReturn, A::kContact, A::kRequestExtension,
                                    A::kReply, A::kCallbackSatisfied, A::kCallbackDissatisfied, A::kReopen,
                                    A::kClose};

// The lifecycle of DESIGN.md §2, written out state by state: every (state, action) pair not listed here
// must be refused.
const std::map<std::pair<S, A>, S> kAllowed = {
    {{S::kReceived, A::kDispatch}, S::kDispatched},
    {{S::kReceived, A::kDeliberate}, S::kDeliberating},
    {{S::kReceived, A::kEscalate}, S::kEscalated},
    {{S::kReceived, A::kExplain}, S::kExplaining},
    {{S::kReceived, A::kMerge}, S::kMerged},
    {{S::kReceived, A::kReject}, S::kRejected},
    {{S::kReturned, A::kDispatch}, S::kDispatched},
    {{S::kReturned, A::kDeliberate}, S::kDeliberating},
    {{S::kReturned, A::kEscalate}, S::kEscalated},
    {{S::kReturned, A::kExplain}, S::kExplaining},
    {{S::kReturned, A::kMerge}, S::kMerged},
    {{S::kReturned, A::kReject}, S::kRejected},
    {{S::kReopened, A::kDispatch}, S::kDispatched},
    {{S::kReopened, A::kDeliberate}, S::kDeliberating},
    {{S::kReopened, A::kEscalate}, S::kEscalated},
    {{S::kReopened, A::kExplain}, S::kExplaining},
    {{S::kDeliberating, A::kDispatch}, S::kDispatched},
    {{S::kDeliberating, A::kExplain}, S::kExplaining},
    {{S::kDeliberating, A::kClose}, S::kClosed},
    {{S::kDispatched, A::kAccept}, S::kAccepted},
    {{S::kDispatched, A::kReturn}, S::kReturned},
    {{S::kAccepted, A::kReturn}, S::kReturned},
    {{S::kAccepted, A::kContact}, S::kInProgress},
    {{S::kAccepted, A::kRequestExtension}, S::kAccepted},
    {{S::kInProgress, A::kReturn}, S::kReturned},
    {{S::kInProgress, A::kRequestExtension}, S::kInProgress},
    {{S::kInProgress, A::kReply}, S::kReplied},
    {{S::kReplied, A::kCallbackSatisfied}, S::kClosed},
    {{S::kReplied, A::kCallbackDissatisfied}, S::kReopened},
    {{S::kReplied, A::kReopen}, S::kReopened},
    {{S::kReplied, A::kClose}, S::kClosed},
    {{S::kExplaining, A::kCallbackSatisfied}, S::kClosed},
    {{S::kExplaining, A::kCallbackDissatisfied}, S::kReopened},
    {{S::kExplaining, A::kClose}, S::kClosed},
    {{S::kEscalated, A::kClose}, S::kClosed},
    {{S::kClosed, A::kReopen}, S::kReopened},
};

TEST(Lifecycle, EveryStateActionPair) {
  int allowed = 0;
  for (S from : kAllStates) {
    for (A action : kAllActions) {
      SCOPED_TRACE(std::string(StateName(from)) + " + " + std::string(ActionName(action)));
      auto next = NextState(from, action);
      auto it = kAllowed.find({from, action});
      if (it != kAllowed.end()) {
        ASSERT_TRUE(next.has_value());
        EXPECT_EQ(*next, it->second);
        ++allowed;
      } else {
        ASSERT_FALSE(next.has_value());
        EXPECT_EQ(next.error().kind, ErrorKind::kConflict);
        EXPECT_EQ(next.error().code, "invalid_transition");
        // The refusal names what is allowed from here, and never the refused action itself.
        for (const auto& name : next.error().allowed) {
          bool from_here = false;
          for (const auto& [key, to] : kAllowed)
            if (key.first == from && ActionName(key.second) == name) from_here = true;
          EXPECT_TRUE(from_here) << name;
        }
      }
    }
  }
  EXPECT_EQ(allowed, static_cast<int>(kAllowed.size()));
}

TEST(Lifecycle, FinishedStatesAllowNothingButReopenOfClosed) {
  EXPECT_EQ(ActionsFrom(S::kMerged).size(), 0u);
  EXPECT_EQ(ActionsFrom(S::kRejected).size(), 0u);
  EXPECT_EQ(ActionsFrom(S::kClosed), std::vector<A>{A::kReopen});
  EXPECT_TRUE(IsFinished(S::kClosed));
  EXPECT_FALSE(IsFinished(S::kReplied));
}

TEST(Lifecycle, NamesRoundTrip) {
  for (S s : kAllStates) {
    auto parsed = ParseState(StateName(s));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_FALSE(ParseState("done").has_value());
  EXPECT_EQ(ParseTriageRoute("merge"), A::kMerge);
  EXPECT_EQ(ParseTriageRoute("dispatch"), std::nullopt);
  EXPECT_EQ(ActionLabelOf("dispatch"), "派单");
  EXPECT_EQ(ActionLabelOf("callback"), "回访");
  EXPECT_EQ(ActionLabelOf("supervision_notice"), std::nullopt);
}

struct PermissionCase {
  Role role;
  A action;
  bool may;
};

TEST(Lifecycle, RolePermissions) {
  const PermissionCase cases[] = {
      {Role::kRegistrar, A::kRegister, true},     {Role::kRegistrar, A::kDispatch, false},
      {Role::kCoordinator, A::kDispatch, true},   {Role::kCoordinator, A::kReject, true},
      {Role::kHandler, A::kRegister, false},      {Role::kHandler, A::kAccept, true},
      {Role::kHandler, A::kReply, true},          {Role::kHandler, A::kCallbackSatisfied, false},
      {Role::kSupervisor, A::kCallbackDissatisfied, true}, {Role::kSupervisor, A::kReply, false},
      {Role::kLeader, A::kClose, true},           {Role::kLeader, A::kDispatch, false},
      {Role::kDeputy, A::kContact, true},         {Role::kDeputy, A::kAccept, false},
      {Role::kAdmin, A::kReply, true},            {Role::kAdmin, A::kDispatch, true},
  };
  for (const auto& c : cases)
    EXPECT_EQ(RoleMay(c.role, c.action), c.may) << RoleName(c.role) << " " << ActionName(c.action);
}

}  // namespace
}  // namespace minsheng
