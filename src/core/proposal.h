// Deputies' proposals (建议 / 提案 / 议案 / 社情民意信息, DESIGN.md §4) as a pure state machine: which action
// moves a proposal from which step to which, which operation (core/access.h) may take it, and the rules
// around it (contact stages, the follow-up date, the figures per unit and per deputy).
//
//   draft → submit → submitted → assign (交办) → assigned
//   assigned: contact (办前/办中), opinion (assisting units) … answer → answer_drafted
//   answer_drafted: answer (revise), approve (the unit head: only then sent) → answered, return_answer → assigned
//   answered: rate satisfied | basically_satisfied → closed (A, C) or awaiting_follow_up (B);
//             rate dissatisfied → assigned for a second answer, once; the second time as a settled rating
//   awaiting_follow_up: follow_up (回头看) on or after the plan date → closed (A, C) or again awaiting (B)
//   contact 办后 once answered (answered, awaiting_follow_up, closed).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.h"
#include "core/clock.h"
#include "core/error.h"

namespace minsheng {

enum class ProposalKind { kSuggestion, kProposal, kMotion, kOpinionReport };
enum class ProposalStep { kDraft, kSubmitted, kAssigned, kAnswerDrafted, kAnswered, kAwaitingFollowUp, kClosed };
enum class ProposalAction {
  kRegister, kSubmit, kAssign, kContact, kOpinion, kAnswer, kApprove, kReturnAnswer, kRate, kFollowUp,
};
enum class AnswerCategory { kA, kB, kC };
enum class ContactStage { kBefore, kDuring, kAfter };
enum class ProposalRating { kSatisfied, kBasicallySatisfied, kDissatisfied };

// Names (API and SQL) and labels (Chinese, for the UI).
std::string_view ProposalKindName(ProposalKind);       // "suggestion"
std::string_view ProposalKindLabel(ProposalKind);      // "建议"
Result<ProposalKind> ParseProposalKind(std::string_view name);
std::string_view ProposalStepName(ProposalStep);       // "answer_drafted"
std::string_view ProposalStepLabel(ProposalStep);      // "答复待审核"
Result<ProposalStep> ParseProposalStep(std::string_view name);
std::string_view ProposalActionName(ProposalAction);   // "return_answer"
std::string_view ProposalActionLabel(ProposalAction);  // "退回修改答复"
std::optional<std::string_view> ProposalActionLabelOf(std::string_view name);
std::string_view AnswerCategoryName(AnswerCategory);   // "A"
std::string_view AnswerCategoryLabel(AnswerCategory);  // "A类（已解决或采纳）"
Result<AnswerCategory> ParseAnswerCategory(std::string_view name);
std::string_view ContactStageName(ContactStage);       // "before"
std::string_view ContactStageLabel(ContactStage);      // "办前"
Result<ContactStage> ParseContactStage(std::string_view name);
std::string_view ProposalRatingName(ProposalRating);   // "basically_satisfied"
std::string_view ProposalRatingLabel(ProposalRating);  // "基本满意"
Result<ProposalRating> ParseProposalRating(std::string_view name);
std::vector<ProposalKind> AllProposalKinds();
std::vector<ProposalStep> AllProposalSteps();

// What some steps depend on besides the action: the category of the answer being rated or of the follow-up,
// the rating given, and whether this is the second answer (a dissatisfied rating already sent it back once).
struct ProposalFacts {
  std::optional<AnswerCategory> category;
  std::optional<ProposalRating> rating;
  bool second_round = false;
};

// The step `action` leads to from `from` with `facts`, or kConflict "invalid_transition" whose `allowed` lists
// the API names of the actions possible from `from`.
Result<ProposalStep> NextProposalStep(ProposalStep from, ProposalAction action, const ProposalFacts& facts = {});

// Actions possible from `step` (whatever the facts), in table order.
std::vector<ProposalAction> ProposalActionsFrom(ProposalStep step);

// The operation a role needs for `action` (kKeepProposals, kAssignProposals, kHandleProposals, kRateProposals).
Operation ProposalOperation(ProposalAction action);

// Whether a contact of `stage` fits `step`: before and during while the unit handles it (assigned,
// answer_drafted), after once an answer was sent (answered, awaiting_follow_up, closed). kConflict
// "invalid_contact_stage" otherwise.
Status CheckContactStage(ProposalStep step, ContactStage stage);

// A B answer's follow-up may be recorded from the start of its plan date (China time): kConflict
// "follow_up_not_due" before.
Status CheckFollowUpDue(Timestamp follow_up_on, Timestamp now);

// One proposal as the figures see it.
struct ProposalFact {
  std::optional<long long> lead_unit_id;
  long long deputy_id = 0;
  ProposalStep step = ProposalStep::kDraft;
  bool met_before = false;  // a contact of stage "before" recorded before the first answer was sent
  bool answered = false;    // an answer was sent (approved) at least once
  bool on_time = false;     // the first answer was sent by the deadline
  std::optional<AnswerCategory> category;  // of the latest answer sent
  std::optional<ProposalRating> rating;    // the latest rating
};

// Per unit (三率 and on time), over the proposals assigned to it as lead unit:
//   meeting_rate      = met_before / assigned       (见面率: the unit met the deputy before handling)
//   reply_rate        = answered / assigned
//   satisfaction_rate = (satisfied + basically_satisfied) / rated
//   on_time_rate      = on_time / answered
// A rate with a zero denominator is nullopt.
struct UnitProposalFigures {
  int assigned = 0, met_before = 0, answered = 0, on_time = 0, rated = 0, satisfied = 0;
  int category_a = 0, category_b = 0, category_c = 0;
  std::optional<double> meeting_rate, reply_rate, satisfaction_rate, on_time_rate;
};
UnitProposalFigures CountUnitProposals(const std::vector<ProposalFact>& facts);

// Per deputy: what became of their proposals (drafts not counted in `submitted`).
struct DeputyProposalFigures {
  int total = 0, drafts = 0, submitted = 0, in_handling = 0, awaiting_follow_up = 0, closed = 0;
  int category_a = 0, category_b = 0, category_c = 0;
  int satisfied = 0, basically_satisfied = 0, dissatisfied = 0;
};
DeputyProposalFigures CountDeputyProposals(const std::vector<ProposalFact>& facts);

}  // namespace minsheng
