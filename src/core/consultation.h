// Consultations (协商议事, DESIGN.md §4, seed 003) as a pure state machine: the six steps as states, which
// action moves a consultation of which kind from which step to which, and the three rules a topic may be
// refused by. One table (consultation.cpp); region scope and roles (core/access.h) are checked elsewhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace minsheng {

enum class ConsultationKind { kHearing, kCoordination, kEvaluation, kMicro, kAnalysis };

// collecting → deciding → researching → meeting → publishing → tracking → done; refused from collecting or
// deciding. Micro skips researching; analysis ends at its meeting by dispatching its appeals (→ done).
enum class ConsultationStep { kCollecting, kDeciding, kResearching, kMeeting, kPublishing, kTracking, kDone, kRefused };

enum class ConsultationAction {
  kAddTopic,        // "topics": a topic from a resident, deputy, appeal or staff
  kLinkAppeal,      // "appeals": an appeal triaged "deliberate" joins
  kSubmit,          // "submit": topics collected, to be decided
  kAccept,          // "decide" with accept: true
  kRefuse,          // "decide" with accept: false and a refusal rule
  kResearch,        // "research": a research note
  kMeeting,         // "meeting": arrange the meeting, record participants, attendance, minutes
  kPublish,         // "publish": the outcome and agreed actions; linked appeals dispatched or explained
  kDispatch,        // "dispatch": an analysis meeting's lead and assisting units for all its appeals
  kAddAction,       // "actions": one more agreed action
  kCompleteAction,  // "action_done": an agreed action done
  kTrack,           // "track": the notice period over, the actions followed
  kFinish,          // "done": every action done
};

enum class RefusalRule { kAgainstLaw, kSuperiorDecided, kDiscriminatory };

std::string_view KindName(ConsultationKind kind);     // "micro"
std::string_view KindLabel(ConsultationKind kind);    // "微协商"
Result<ConsultationKind> ParseKind(std::string_view name);  // kInvalid invalid_value on field "kind"
std::vector<ConsultationKind> AllConsultationKinds();

std::string_view StepName(ConsultationStep step);    // "collecting"
std::string_view StepLabel(ConsultationStep step);   // "征集议题"
Result<ConsultationStep> ParseStep(std::string_view name);  // kInvalid invalid_value on field "step"
std::vector<ConsultationStep> AllConsultationSteps();
// The steps a consultation of `kind` passes through on its way to done, in order (for a stepper).
std::vector<ConsultationStep> PathOf(ConsultationKind kind);

std::string_view ConsultationActionName(ConsultationAction action);   // "decide"
std::string_view ConsultationActionLabel(ConsultationAction action);  // "审定议题"
std::vector<ConsultationAction> AllConsultationActions();

std::string_view RefusalRuleName(RefusalRule rule);    // "against_law"
std::string_view RefusalRuleLabel(RefusalRule rule);   // "违反法律法规或政策"
// kInvalid invalid_value on field "refusal_rule" for anything but the three rules.
Result<RefusalRule> ParseRefusalRule(std::string_view name);

// The step `action` leads a consultation of `kind` to from `from`, or kConflict "invalid_transition" whose
// `allowed` lists the API names of the actions possible now.
Result<ConsultationStep> NextStep(ConsultationKind kind, ConsultationStep from, ConsultationAction action);
// Actions possible for `kind` at `from`, in table order, without repeats.
std::vector<ConsultationAction> ActionsAt(ConsultationKind kind, ConsultationStep from);
// The API names of ActionsAt (accept and refuse are both "decide"), without repeats.
std::vector<std::string> AllowedActionNames(ConsultationKind kind, ConsultationStep from);

// Steps where nothing more happens.
bool IsFinal(ConsultationStep step);
// Whether the outcome is public (published, tracked or done, for every kind but analysis).
bool IsPublished(ConsultationKind kind, ConsultationStep step);
// Whether a deputy may take the consultation up as a proposal (转为建议): once its meeting has been held.
bool MayBecomeProposal(ConsultationStep step);

}  // namespace minsheng
