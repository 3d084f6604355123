#include "core/consultation.h"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

namespace minsheng {
namespace {

using K = ConsultationKind;
using S = ConsultationStep;
using A = ConsultationAction;

const std::vector<K> kAllKinds = {K::kHearing, K::kCoordination, K::kEvaluation, K::kMicro, K::kAnalysis};
const std::vector<S> kAllSteps = {S::kCollecting, S::kDeciding, S::kResearching, S::kMeeting,
                                  S::kPublishing, S::kTracking, S::kDone, S::kRefused};
const std::vector<A> kAllActions = {A::kAddTopic, A::kLinkAppeal, A::kSubmit,    A::kAccept,        A::kRefuse,
                                    A::kResearch, A::kMeeting,    A::kPublish,   A::kDispatch,      A::kAddAction,
                                    A::kCompleteAction, A::kTrack, A::kFinish};

using Key = std::tuple<K, S, A>;

// The six steps of seed 003 written out kind by kind: every (kind, step, action) not listed must be refused.
std::map<Key, S> Allowed() {
  std::map<Key, S> out;
  for (K k : kAllKinds) {
    const bool micro = k == K::kMicro, analysis = k == K::kAnalysis;
    out[{k, S::kCollecting, A::kAddTopic}] = S::kCollecting;
    out[{k, S::kCollecting, A::kLinkAppeal}] = S::kCollecting;
    out[{k, S::kCollecting, A::kSubmit}] = S::kDeciding;
    out[{k, S::kCollecting, A::kAccept}] = micro ? S::kMeeting : S::kResearching;
    out[{k, S::kCollecting, A::kRefuse}] = S::kRefused;
    out[{k, S::kDeciding, A::kLinkAppeal}] = S::kDeciding;
    out[{k, S::kDeciding, A::kAccept}] = micro ? S::kMeeting : S::kResearching;
    out[{k, S::kDeciding, A::kRefuse}] = S::kRefused;
    if (!micro) {
      out[{k, S::kResearching, A::kResearch}] = S::kResearching;
      out[{k, S::kResearching, A::kMeeting}] = S::kMeeting;
    }
    out[{k, S::kMeeting, A::kMeeting}] = S::kMeeting;
    if (analysis) {
      out[{k, S::kMeeting, A::kDispatch}] = S::kDone;
      continue;
    }
    out[{k, S::kMeeting, A::kPublish}] = S::kPublishing;
    out[{k, S::kPublishing, A::kAddAction}] = S::kPublishing;
    out[{k, S::kPublishing, A::kCompleteAction}] = S::kPublishing;
    out[{k, S::kPublishing, A::kTrack}] = S::kTracking;
    out[{k, S::kTracking, A::kAddAction}] = S::kTracking;
    out[{k, S::kTracking, A::kCompleteAction}] = S::kTracking;
    out[{k, S::kTracking, A::kFinish}] = S::kDone;
  }
  return out;
}

TEST(ConsultationTest, EveryStepAllowedOrRefusedAsSeed003Says) {
  const auto allowed = Allowed();
  int allowed_seen = 0, refused_seen = 0;
  for (K k : kAllKinds)
    for (S s : kAllSteps)
      for (A a : kAllActions) {
        auto next = NextStep(k, s, a);
        const auto it = allowed.find({k, s, a});
        const std::string what = std::string(KindName(k)) + " " + std::string(StepName(s)) + " " +
                                 std::string(ConsultationActionName(a));
        if (it != allowed.end()) {
          ASSERT_TRUE(next.has_value()) << what << ": " << next.error().message;
          EXPECT_EQ(*next, it->second) << what;
          ++allowed_seen;
        } else {
          ASSERT_FALSE(next.has_value()) << what << " should be refused, went to " << StepName(*next);
          EXPECT_EQ(next.error().kind, ErrorKind::kConflict) << what;
          EXPECT_EQ(next.error().code, "invalid_transition") << what;
          EXPECT_EQ(next.error().allowed, AllowedActionNames(k, s)) << what;
          ++refused_seen;
        }
      }
  EXPECT_EQ(allowed_seen, static_cast<int>(allowed.size()));
  EXPECT_EQ(allowed_seen + refused_seen, 5 * 8 * 13);
}

TEST(ConsultationTest, RefusalsNameTheActionsAllowedNow) {
  struct Case {
    K kind;
    S step;
    std::vector<std::string> allowed;
  };
  for (const Case& c : std::vector<Case>{
           {K::kCoordination, S::kCollecting, {"topics", "appeals", "submit", "decide"}},
           {K::kCoordination, S::kDeciding, {"appeals", "decide"}},
           {K::kCoordination, S::kResearching, {"research", "meeting"}},
           {K::kMicro, S::kResearching, {}},
           {K::kMicro, S::kMeeting, {"meeting", "publish"}},
           {K::kAnalysis, S::kMeeting, {"meeting", "dispatch"}},
           {K::kHearing, S::kPublishing, {"actions", "action_done", "track"}},
           {K::kHearing, S::kTracking, {"actions", "action_done", "done"}},
           {K::kHearing, S::kDone, {}},
           {K::kEvaluation, S::kRefused, {}},
       })
    EXPECT_EQ(AllowedActionNames(c.kind, c.step), c.allowed) << KindName(c.kind) << " " << StepName(c.step);

  auto late = NextStep(K::kCoordination, S::kMeeting, A::kRefuse);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().allowed, (std::vector<std::string>{"meeting", "publish"}));
  EXPECT_EQ(late.error().message, "协商议事当前步骤为“协商会议”，不能审定议题");
}

TEST(ConsultationTest, TheThreeRefusalRules) {
  struct Case {
    std::string_view name;
    RefusalRule rule;
    std::string_view label;
  };
  for (const Case& c : std::vector<Case>{
           {"against_law", RefusalRule::kAgainstLaw, "违反法律法规或政策"},
           {"superior_decided", RefusalRule::kSuperiorDecided, "上级已有明确决定"},
           {"discriminatory", RefusalRule::kDiscriminatory, "具有歧视性"},
       }) {
    auto parsed = ParseRefusalRule(c.name);
    ASSERT_TRUE(parsed.has_value()) << c.name;
    EXPECT_EQ(*parsed, c.rule);
    EXPECT_EQ(RefusalRuleName(c.rule), c.name);
    EXPECT_EQ(RefusalRuleLabel(c.rule), c.label);
  }
  for (std::string_view bad : {"", "unpopular", "Against_Law", "against law"}) {
    auto parsed = ParseRefusalRule(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().kind, ErrorKind::kInvalid);
    EXPECT_EQ(parsed.error().field, "refusal_rule");
  }
}

TEST(ConsultationTest, NamesRoundTrip) {
  for (K k : AllConsultationKinds()) EXPECT_EQ(*ParseKind(KindName(k)), k);
  for (S s : AllConsultationSteps()) EXPECT_EQ(*ParseStep(StepName(s)), s);
  EXPECT_EQ(KindLabel(K::kMicro), "微协商");
  EXPECT_EQ(KindLabel(K::kAnalysis), "分析协调会");
  EXPECT_EQ(StepLabel(S::kPublishing), "结果公示");
  EXPECT_EQ(ParseKind("forum").error().field, "kind");
  EXPECT_EQ(AllConsultationActions().size(), kAllActions.size());
}

// The stepper's path: micro without research, analysis ending at its meeting.
TEST(ConsultationTest, PathsByKind) {
  EXPECT_EQ(PathOf(K::kMicro),
            (std::vector<S>{S::kCollecting, S::kDeciding, S::kMeeting, S::kPublishing, S::kTracking, S::kDone}));
  EXPECT_EQ(PathOf(K::kAnalysis),
            (std::vector<S>{S::kCollecting, S::kDeciding, S::kResearching, S::kMeeting, S::kDone}));
  EXPECT_EQ(PathOf(K::kHearing).size(), 7u);
  EXPECT_TRUE(IsPublished(K::kMicro, S::kPublishing));
  EXPECT_FALSE(IsPublished(K::kAnalysis, S::kDone));
  EXPECT_FALSE(IsPublished(K::kHearing, S::kMeeting));
  EXPECT_TRUE(IsFinal(S::kRefused));
  EXPECT_FALSE(IsFinal(S::kTracking));
}

}  // namespace
}  // namespace minsheng
