#include "core/consultation.h"

#include <algorithm>
#include <array>
#include <concepts>

#include "core/transition_table.h"

namespace minsheng {
namespace {

using K = ConsultationKind;
using S = ConsultationStep;
using A = ConsultationAction;

struct KindInfo {
  K kind;
  std::string_view name;
  std::string_view label;
};
constexpr std::array kKinds = {
    KindInfo{K::kHearing, "hearing", "听证会"},
    KindInfo{K::kCoordination, "coordination", "协调会"},
    KindInfo{K::kEvaluation, "evaluation", "评议会"},
    KindInfo{K::kMicro, "micro", "微协商"},
    KindInfo{K::kAnalysis, "analysis", "分析协调会"},
};

struct StepInfo {
  S step;
  std::string_view name;
  std::string_view label;
};
constexpr std::array kSteps = {
    StepInfo{S::kCollecting, "collecting", "征集议题"},
    StepInfo{S::kDeciding, "deciding", "审定议题"},
    StepInfo{S::kResearching, "researching", "调研论证"},
    StepInfo{S::kMeeting, "meeting", "协商会议"},
    StepInfo{S::kPublishing, "publishing", "结果公示"},
    StepInfo{S::kTracking, "tracking", "跟踪落实"},
    StepInfo{S::kDone, "done", "已完成"},
    StepInfo{S::kRefused, "refused", "不予协商"},
};

struct ActionInfo {
  A action;
  std::string_view name;
  std::string_view label;
};
constexpr std::array kActions = {
    ActionInfo{A::kAddTopic, "topics", "提出议题"},
    ActionInfo{A::kLinkAppeal, "appeals", "关联诉求"},
    ActionInfo{A::kSubmit, "submit", "提交审定"},
    ActionInfo{A::kAccept, "decide", "审定议题"},
    ActionInfo{A::kRefuse, "decide", "审定议题"},
    ActionInfo{A::kResearch, "research", "调研论证"},
    ActionInfo{A::kMeeting, "meeting", "协商会议"},
    ActionInfo{A::kPublish, "publish", "公示结果"},
    ActionInfo{A::kDispatch, "dispatch", "议定派单"},
    ActionInfo{A::kAddAction, "actions", "新增落实事项"},
    ActionInfo{A::kCompleteAction, "action_done", "落实事项完成"},
    ActionInfo{A::kTrack, "track", "转入跟踪落实"},
    ActionInfo{A::kFinish, "done", "办结"},
};

struct RuleInfo {
  RefusalRule rule;
  std::string_view name;
  std::string_view label;
};
constexpr std::array kRules = {
    RuleInfo{RefusalRule::kAgainstLaw, "against_law", "违反法律法规或政策"},
    RuleInfo{RefusalRule::kSuperiorDecided, "superior_decided", "上级已有明确决定"},
    RuleInfo{RefusalRule::kDiscriminatory, "discriminatory", "具有歧视性"},
};

constexpr unsigned Bit(K k) { return 1u << static_cast<unsigned>(k); }
constexpr unsigned Kinds(std::same_as<K> auto... k) { return (Bit(k) | ...); }
constexpr unsigned kEvery = Kinds(K::kHearing, K::kCoordination, K::kEvaluation, K::kMicro, K::kAnalysis);
constexpr unsigned kNotMicro = kEvery & ~Bit(K::kMicro);
constexpr unsigned kPublic = kEvery & ~Bit(K::kAnalysis);  // kinds that publish an outcome
constexpr unsigned kMicroOnly = Bit(K::kMicro);
constexpr unsigned kAnalysisOnly = Bit(K::kAnalysis);

// The steps as a table: for these kinds, from, action, to. Anything not listed is refused.
struct Row {
  unsigned kinds;
  S from;
  A action;
  S to;
};
constexpr std::array kTransitions = {
    Row{kEvery, S::kCollecting, A::kAddTopic, S::kCollecting},
    Row{kEvery, S::kCollecting, A::kLinkAppeal, S::kCollecting},
    Row{kEvery, S::kCollecting, A::kSubmit, S::kDeciding},
    Row{kNotMicro, S::kCollecting, A::kAccept, S::kResearching},
    Row{kMicroOnly, S::kCollecting, A::kAccept, S::kMeeting},  // the light path: no research step
    Row{kEvery, S::kCollecting, A::kRefuse, S::kRefused},
    Row{kEvery, S::kDeciding, A::kLinkAppeal, S::kDeciding},
    Row{kNotMicro, S::kDeciding, A::kAccept, S::kResearching},
    Row{kMicroOnly, S::kDeciding, A::kAccept, S::kMeeting},
    Row{kEvery, S::kDeciding, A::kRefuse, S::kRefused},
    Row{kNotMicro, S::kResearching, A::kResearch, S::kResearching},
    Row{kNotMicro, S::kResearching, A::kMeeting, S::kMeeting},
    Row{kEvery, S::kMeeting, A::kMeeting, S::kMeeting},
    Row{kPublic, S::kMeeting, A::kPublish, S::kPublishing},
    Row{kAnalysisOnly, S::kMeeting, A::kDispatch, S::kDone},
    Row{kPublic, S::kPublishing, A::kAddAction, S::kPublishing},
    Row{kPublic, S::kPublishing, A::kCompleteAction, S::kPublishing},
    Row{kPublic, S::kPublishing, A::kTrack, S::kTracking},
    Row{kPublic, S::kTracking, A::kAddAction, S::kTracking},
    Row{kPublic, S::kTracking, A::kCompleteAction, S::kTracking},
    Row{kPublic, S::kTracking, A::kFinish, S::kDone},
};

}  // namespace

std::string_view KindName(ConsultationKind kind) {
  for (const auto& i : kKinds) if (i.kind == kind) return i.name;
  return "unknown";
}
std::string_view KindLabel(ConsultationKind kind) {
  for (const auto& i : kKinds) if (i.kind == kind) return i.label;
  return "未知";
}
Result<ConsultationKind> ParseKind(std::string_view name) {
  for (const auto& i : kKinds) if (i.name == name) return i.kind;
  return Fail(Error::Invalid("invalid_value",
                             "未知的协商类型：" + std::string(name) +
                                 "（可选 hearing、coordination、evaluation、micro、analysis）",
                             "kind"));
}
std::vector<ConsultationKind> AllConsultationKinds() {
  std::vector<ConsultationKind> out;
  for (const auto& i : kKinds) out.push_back(i.kind);
  return out;
}

std::string_view StepName(ConsultationStep step) {
  for (const auto& i : kSteps) if (i.step == step) return i.name;
  return "unknown";
}
std::string_view StepLabel(ConsultationStep step) {
  for (const auto& i : kSteps) if (i.step == step) return i.label;
  return "未知";
}
Result<ConsultationStep> ParseStep(std::string_view name) {
  for (const auto& i : kSteps) if (i.name == name) return i.step;
  return Fail(Error::Invalid("invalid_value", "未知的协商步骤：" + std::string(name), "step"));
}
std::vector<ConsultationStep> AllConsultationSteps() {
  std::vector<ConsultationStep> out;
  for (const auto& i : kSteps) out.push_back(i.step);
  return out;
}

std::vector<ConsultationStep> PathOf(ConsultationKind kind) {
  switch (kind) {
    case K::kMicro: return {S::kCollecting, S::kDeciding, S::kMeeting, S::kPublishing, S::kTracking, S::kDone};
    case K::kAnalysis: return {S::kCollecting, S::kDeciding, S::kResearching, S::kMeeting, S::kDone};
    default:
      return {S::kCollecting, S::kDeciding, S::kResearching, S::kMeeting, S::kPublishing, S::kTracking, S::kDone};
  }
}

std::string_view ConsultationActionName(ConsultationAction action) {
  for (const auto& i : kActions) if (i.action == action) return i.name;
  return "unknown";
}
std::string_view ConsultationActionLabel(ConsultationAction action) {
  for (const auto& i : kActions) if (i.action == action) return i.label;
  return "未知";
}
std::vector<ConsultationAction> AllConsultationActions() {
  std::vector<ConsultationAction> out;
  for (const auto& i : kActions) out.push_back(i.action);
  return out;
}

std::string_view RefusalRuleName(RefusalRule rule) {
  for (const auto& i : kRules) if (i.rule == rule) return i.name;
  return "unknown";
}
std::string_view RefusalRuleLabel(RefusalRule rule) {
  for (const auto& i : kRules) if (i.rule == rule) return i.label;
  return "未知";
}
Result<RefusalRule> ParseRefusalRule(std::string_view name) {
  for (const auto& i : kRules) if (i.name == name) return i.rule;
  return Fail(Error::Invalid("invalid_value",
                             "不予协商的依据应为 against_law（违反法律法规或政策）、superior_decided（上级已有明确决定）"
                             "或 discriminatory（具有歧视性）",
                             "refusal_rule"));
}

Result<ConsultationStep> NextStep(ConsultationKind kind, ConsultationStep from, ConsultationAction action) {
  if (const Row* t = RowWhere(kTransitions, [&](const Row& t) {
        return (t.kinds & Bit(kind)) != 0 && t.from == from && t.action == action;
      }))
    return t->to;
  Error e = Error::Conflict("invalid_transition", "协商议事当前步骤为“" + std::string(StepLabel(from)) + "”，不能" +
                                                      std::string(ConsultationActionLabel(action)));
  e.allowed = AllowedActionNames(kind, from);
  return Fail(std::move(e));
}

std::vector<ConsultationAction> ActionsAt(ConsultationKind kind, ConsultationStep from) {
  return ActionsWhere(kTransitions, [&](const Row& t) { return (t.kinds & Bit(kind)) != 0 && t.from == from; });
}

std::vector<std::string> AllowedActionNames(ConsultationKind kind, ConsultationStep from) {
  std::vector<std::string> out;
  for (ConsultationAction a : ActionsAt(kind, from)) {
    std::string name(ConsultationActionName(a));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

bool IsFinal(ConsultationStep step) { return step == S::kDone || step == S::kRefused; }

bool IsPublished(ConsultationKind kind, ConsultationStep step) {
  return kind != K::kAnalysis && (step == S::kPublishing || step == S::kTracking || step == S::kDone);
}

bool MayBecomeProposal(ConsultationStep step) {
  return step == S::kPublishing || step == S::kTracking || step == S::kDone;
}

}  // namespace minsheng
