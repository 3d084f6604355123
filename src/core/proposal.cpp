#include "core/proposal.h"

#include <algorithm>
#include <array>

#include "core/calendar.h"
#include "core/named_values.h"
#include "core/transition_table.h"

namespace minsheng {
namespace {

constexpr std::array kKinds = {
    Named<ProposalKind>{ProposalKind::kSuggestion, "suggestion", "建议"},
    Named<ProposalKind>{ProposalKind::kProposal, "proposal", "提案"},
    Named<ProposalKind>{ProposalKind::kMotion, "motion", "议案"},
    Named<ProposalKind>{ProposalKind::kOpinionReport, "opinion_report", "社情民意信息"},
};
constexpr std::array kSteps = {
    Named<ProposalStep>{ProposalStep::kDraft, "draft", "草稿"},
    Named<ProposalStep>{ProposalStep::kSubmitted, "submitted", "已提交"},
    Named<ProposalStep>{ProposalStep::kAssigned, "assigned", "已交办"},
    Named<ProposalStep>{ProposalStep::kAnswerDrafted, "answer_drafted", "答复待审核"},
    Named<ProposalStep>{ProposalStep::kAnswered, "answered", "已答复"},
    Named<ProposalStep>{ProposalStep::kAwaitingFollowUp, "awaiting_follow_up", "待回头看"},
    Named<ProposalStep>{ProposalStep::kClosed, "closed", "已办结"},
};
constexpr std::array kActions = {
    Named<ProposalAction>{ProposalAction::kRegister, "register", "登记"},
    Named<ProposalAction>{ProposalAction::kSubmit, "submit", "提交"},
    Named<ProposalAction>{ProposalAction::kAssign, "assign", "交办"},
    Named<ProposalAction>{ProposalAction::kContact, "contact", "联系代表"},
    Named<ProposalAction>{ProposalAction::kOpinion, "opinion", "协办意见"},
    Named<ProposalAction>{ProposalAction::kAnswer, "answer", "拟写答复"},
    Named<ProposalAction>{ProposalAction::kApprove, "approve", "审核答复"},
    Named<ProposalAction>{ProposalAction::kReturnAnswer, "return_answer", "退回修改答复"},
    Named<ProposalAction>{ProposalAction::kRate, "rate", "代表评价"},
    Named<ProposalAction>{ProposalAction::kFollowUp, "follow_up", "回头看"},
};
constexpr std::array kCategories = {
    Named<AnswerCategory>{AnswerCategory::kA, "A", "A类（已解决或采纳）"},
    Named<AnswerCategory>{AnswerCategory::kB, "B", "B类（正在解决或列入计划）"},
    Named<AnswerCategory>{AnswerCategory::kC, "C", "C类（因条件限制暂不能解决）"},
};
constexpr std::array kStages = {
    Named<ContactStage>{ContactStage::kBefore, "before", "办前"},
    Named<ContactStage>{ContactStage::kDuring, "during", "办中"},
    Named<ContactStage>{ContactStage::kAfter, "after", "办后"},
};
constexpr std::array kRatings = {
    Named<ProposalRating>{ProposalRating::kSatisfied, "satisfied", "满意"},
    Named<ProposalRating>{ProposalRating::kBasicallySatisfied, "basically_satisfied", "基本满意"},
    Named<ProposalRating>{ProposalRating::kDissatisfied, "dissatisfied", "不满意"},
};


using S = ProposalStep;
using A = ProposalAction;

// When a row applies besides its step and action.
enum class When {
  kAlways,
  kCategoryB,            // the follow-up keeps a B answer: still being solved
  kCategoryNotB,         // the follow-up settles it as A or C
  kFirstDissatisfied,    // rated dissatisfied on the first answer: back for a second one
  kSettledB,             // any other rating of a B answer
  kSettledNotB,          // any other rating of an A or C answer
};

struct Row {
  S from;
  A action;
  S to;
  When when = When::kAlways;
};

// The machine as a table: from, action, to (and when). Anything not listed is refused.
constexpr std::array kTransitions = {
    Row{S::kDraft, A::kSubmit, S::kSubmitted},
    Row{S::kSubmitted, A::kAssign, S::kAssigned},
    Row{S::kAssigned, A::kContact, S::kAssigned},
    Row{S::kAnswerDrafted, A::kContact, S::kAnswerDrafted},
    Row{S::kAnswered, A::kContact, S::kAnswered},
    Row{S::kAwaitingFollowUp, A::kContact, S::kAwaitingFollowUp},
    Row{S::kClosed, A::kContact, S::kClosed},
    Row{S::kAssigned, A::kOpinion, S::kAssigned},
    Row{S::kAssigned, A::kAnswer, S::kAnswerDrafted},
    Row{S::kAnswerDrafted, A::kAnswer, S::kAnswerDrafted},
    Row{S::kAnswerDrafted, A::kApprove, S::kAnswered},
    Row{S::kAnswerDrafted, A::kReturnAnswer, S::kAssigned},
    Row{S::kAnswered, A::kRate, S::kAssigned, When::kFirstDissatisfied},
    Row{S::kAnswered, A::kRate, S::kAwaitingFollowUp, When::kSettledB},
    Row{S::kAnswered, A::kRate, S::kClosed, When::kSettledNotB},
    Row{S::kAwaitingFollowUp, A::kFollowUp, S::kAwaitingFollowUp, When::kCategoryB},
    Row{S::kAwaitingFollowUp, A::kFollowUp, S::kClosed, When::kCategoryNotB},
};

bool Applies(When when, const ProposalFacts& f) {
  const bool b = f.category == AnswerCategory::kB;
  const bool first_dissatisfied = f.rating == ProposalRating::kDissatisfied && !f.second_round;
  switch (when) {
    case When::kAlways: return true;
    case When::kCategoryB: return f.category.has_value() && b;
    case When::kCategoryNotB: return f.category.has_value() && !b;
    case When::kFirstDissatisfied: return first_dissatisfied;
    case When::kSettledB: return f.rating.has_value() && f.category.has_value() && !first_dissatisfied && b;
    case When::kSettledNotB: return f.rating.has_value() && f.category.has_value() && !first_dissatisfied && !b;
  }
  return false;
}

struct Grant {
  A action;
  Operation operation;
};
// Who may take each action: the deputy's side keeps and rates, the area's staff assign, the units handle.
constexpr std::array kGrants = {
    Grant{A::kRegister, Operation::kKeepProposals},   Grant{A::kSubmit, Operation::kKeepProposals},
    Grant{A::kAssign, Operation::kAssignProposals},   Grant{A::kContact, Operation::kHandleProposals},
    Grant{A::kOpinion, Operation::kHandleProposals},  Grant{A::kAnswer, Operation::kHandleProposals},
    Grant{A::kApprove, Operation::kHandleProposals},  Grant{A::kReturnAnswer, Operation::kHandleProposals},
    Grant{A::kRate, Operation::kRateProposals},       Grant{A::kFollowUp, Operation::kHandleProposals},
};

}  // namespace

std::string_view ProposalKindName(ProposalKind k) { return NameOf(kKinds, k); }
std::string_view ProposalKindLabel(ProposalKind k) { return LabelOf(kKinds, k); }
Result<ProposalKind> ParseProposalKind(std::string_view name) { return ParseNamed(kKinds, name, "建议类别", "kind"); }
std::string_view ProposalStepName(ProposalStep s) { return NameOf(kSteps, s); }
std::string_view ProposalStepLabel(ProposalStep s) { return LabelOf(kSteps, s); }
Result<ProposalStep> ParseProposalStep(std::string_view name) { return ParseNamed(kSteps, name, "办理环节", "step"); }
std::string_view ProposalActionName(ProposalAction a) { return NameOf(kActions, a); }
std::string_view ProposalActionLabel(ProposalAction a) { return LabelOf(kActions, a); }
std::optional<std::string_view> ProposalActionLabelOf(std::string_view name) {
  for (const auto& i : kActions) if (i.name == name) return i.label;
  return std::nullopt;
}
std::string_view AnswerCategoryName(AnswerCategory c) { return NameOf(kCategories, c); }
std::string_view AnswerCategoryLabel(AnswerCategory c) { return LabelOf(kCategories, c); }
Result<AnswerCategory> ParseAnswerCategory(std::string_view name) {
  return ParseNamed(kCategories, name, "答复类别", "category");
}
std::string_view ContactStageName(ContactStage s) { return NameOf(kStages, s); }
std::string_view ContactStageLabel(ContactStage s) { return LabelOf(kStages, s); }
Result<ContactStage> ParseContactStage(std::string_view name) { return ParseNamed(kStages, name, "联系阶段", "stage"); }
std::string_view ProposalRatingName(ProposalRating r) { return NameOf(kRatings, r); }
std::string_view ProposalRatingLabel(ProposalRating r) { return LabelOf(kRatings, r); }
Result<ProposalRating> ParseProposalRating(std::string_view name) { return ParseNamed(kRatings, name, "评价", "rating"); }

std::vector<ProposalKind> AllProposalKinds() {
  std::vector<ProposalKind> out;
  for (const auto& i : kKinds) out.push_back(i.value);
  return out;
}
std::vector<ProposalStep> AllProposalSteps() {
  std::vector<ProposalStep> out;
  for (const auto& i : kSteps) out.push_back(i.value);
  return out;
}

Result<ProposalStep> NextProposalStep(ProposalStep from, ProposalAction action, const ProposalFacts& facts) {
  if (const Row* t = RowWhere(kTransitions, [&](const Row& t) {
        return t.from == from && t.action == action && Applies(t.when, facts);
      }))
    return t->to;
  Error e = Error::Conflict("invalid_transition", "建议当前环节为“" + std::string(ProposalStepLabel(from)) +
                                                      "”，不能执行“" + std::string(ProposalActionLabel(action)) +
                                                      "”");
  for (ProposalAction a : ProposalActionsFrom(from)) e.allowed.emplace_back(ProposalActionName(a));
  return Fail(std::move(e));
}

std::vector<ProposalAction> ProposalActionsFrom(ProposalStep step) {
  return ActionsWhere(kTransitions, [&](const Row& t) { return t.from == step; });
}

Operation ProposalOperation(ProposalAction action) {
  for (const auto& g : kGrants)
    if (g.action == action) return g.operation;
  return Operation::kKeepProposals;
}

Status CheckContactStage(ProposalStep step, ContactStage stage) {
  const bool handling = step == S::kAssigned || step == S::kAnswerDrafted;
  const bool answered = step == S::kAnswered || step == S::kAwaitingFollowUp || step == S::kClosed;
  if (stage == ContactStage::kAfter ? answered : handling) return {};
  Error e = Error::Conflict("invalid_contact_stage",
                            "建议当前环节为“" + std::string(ProposalStepLabel(step)) + "”，不能记录“" +
                                std::string(ContactStageLabel(stage)) + "”联系：办前、办中联系在答复发出前记录，办后联系在答复发出后记录");
  e.field = "stage";
  if (handling) e.allowed = {"before", "during"};
  if (answered) e.allowed = {"after"};
  return Fail(std::move(e));
}

Status CheckFollowUpDue(Timestamp follow_up_on, Timestamp now) {
  if (now >= follow_up_on) return {};
  return Fail(Error::Conflict("follow_up_not_due",
                              "B类答复的回头看日期为 " + FormatDate(LocalDay(follow_up_on)) + "，届时再办理"));
}

namespace {
std::optional<double> Share(int part, int whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / whole;
}
void CountCategory(std::optional<AnswerCategory> c, int& a, int& b, int& cc) {
  if (!c) return;
  if (*c == AnswerCategory::kA) ++a;
  else if (*c == AnswerCategory::kB) ++b;
  else ++cc;
}
}  // namespace

UnitProposalFigures CountUnitProposals(const std::vector<ProposalFact>& facts) {
  UnitProposalFigures f;
  for (const auto& p : facts) {
    if (!p.lead_unit_id) continue;
    ++f.assigned;
    if (p.met_before) ++f.met_before;
    if (p.answered) {
      ++f.answered;
      if (p.on_time) ++f.on_time;
    }
    if (p.rating) {
      ++f.rated;
      if (*p.rating != ProposalRating::kDissatisfied) ++f.satisfied;
    }
    CountCategory(p.category, f.category_a, f.category_b, f.category_c);
  }
  f.meeting_rate = Share(f.met_before, f.assigned);
  f.reply_rate = Share(f.answered, f.assigned);
  f.satisfaction_rate = Share(f.satisfied, f.rated);
  f.on_time_rate = Share(f.on_time, f.answered);
  return f;
}

DeputyProposalFigures CountDeputyProposals(const std::vector<ProposalFact>& facts) {
  DeputyProposalFigures f;
  for (const auto& p : facts) {
    ++f.total;
    switch (p.step) {
      case S::kDraft: ++f.drafts; break;
      case S::kAwaitingFollowUp: ++f.awaiting_follow_up; break;
      case S::kClosed: ++f.closed; break;
      default: ++f.in_handling; break;
    }
    if (p.step != S::kDraft) ++f.submitted;
    CountCategory(p.category, f.category_a, f.category_b, f.category_c);
    if (p.rating == ProposalRating::kSatisfied) ++f.satisfied;
    if (p.rating == ProposalRating::kBasicallySatisfied) ++f.basically_satisfied;
    if (p.rating == ProposalRating::kDissatisfied) ++f.dissatisfied;
  }
  return f;
}

}  // namespace minsheng
