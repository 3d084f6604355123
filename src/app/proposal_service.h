// Deputies' proposals (建议 / 提案 / 议案 / 社情民意信息, issue 11): registered by a deputy (from scratch, from
// escalated appeals, or from a consultation), assigned (交办) to a lead unit and assisting units with a
// deadline, handled (contacts with the deputy, assisting units' opinions), answered (drafted, approved by the
// unit head, sent), rated by the deputy, followed up (回头看) when the answer was B. The steps are the table
// in core/proposal.h; each use case is one transaction that checks role, scope and step, changes the
// proposal under its row version and appends one event to its timeline (and to each linked appeal's
// timeline when the residents' appeal is concerned: the answer sent, the follow-up, the close).
//
// Who sees a proposal: its deputy and their assistants; the units it is assigned to; other staff whose
// region holds the proposal's region. Anyone else gets kNotFound, as for a missing id. Who acts:
//   keep (register, edit a draft, submit): the deputy, their assistant, the area's coordinator, an admin
//   assign: the area's coordinator or an admin
//   contact: a handler of an assigned unit; opinion: of an assisting unit; answer, approve, follow-up: of the
//     lead unit (the users table has no unit-head flag: any handler of the lead unit approves, the approver is
//     recorded); an admin anything
//   rate: the deputy, their assistant, an admin
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/actor_names.h"
#include "core/clock.h"
#include "core/proposal.h"
#include "store/database.h"
#include "store/proposal_repository.h"

namespace minsheng::app {

using Proposal = store::ProposalRecord;

struct ProposalInput {
  std::string kind;  // suggestion | proposal | motion | opinion_report
  std::string title;
  std::string content;
  store::OptId deputy_id;        // default: the caller when a deputy (required otherwise)
  store::OptId region_id;        // default: the deputy's region
  store::OptId consultation_id;  // the consultation it came from (checked once consultations exist)
  std::vector<store::Id> appeal_ids;  // escalated appeals it takes up
};

// A draft's changes (PATCH): absent members stay.
struct ProposalEdit {
  std::optional<std::string> kind, title, content;
};

struct AssignInput {
  store::Id lead_unit_id = 0;
  std::vector<store::Id> assisting_unit_ids;
  std::optional<std::chrono::sys_days> deadline;  // answer due by the end of that day; default 90 days on
  std::string note;
};

struct ProposalContactInput {
  std::string stage;   // before | during | after
  std::string method;  // face_to_face | phone | visit
  std::string note;
};

struct ProposalAnswerInput {
  std::string category;  // A | B | C
  std::string content;
  std::optional<std::chrono::sys_days> follow_up_on;  // B: the plan's date (after today); others: none
};

struct ProposalQuery {
  std::optional<std::string> kind;
  std::optional<std::string> step;
  store::OptId unit_id;
  store::OptId deputy_id;
  std::optional<int> year;
};

struct ProposalDetail {
  Proposal proposal;
  std::vector<store::ProposalUnitRecord> units;
  std::vector<store::ProposalAppealRecord> appeals;
  std::vector<store::ProposalContactRecord> contacts;
  std::vector<store::ProposalOpinionRecord> opinions;
  std::vector<store::ProposalAnswerRecord> answers;
  std::vector<store::ProposalEventRecord> timeline;
  ActorNames actors;  // who acted on the timeline: person and unit (app/actor_names.h)
  std::vector<std::string> allowed_actions;  // the API names the caller may take now (and "edit" for a draft)
  std::string consultation_title;            // of proposal.consultation_id, if any
};

struct UnitFiguresRow {
  store::Id unit_id = 0;
  std::string unit_name;
  UnitProposalFigures figures;
};
struct DeputyFiguresRow {
  store::Id deputy_id = 0;
  std::string deputy_name;
  DeputyProposalFigures figures;
};
struct ProposalFigures {
  int year = 0;
  std::vector<UnitFiguresRow> units;      // by unit name
  std::vector<DeputyFiguresRow> deputies; // by deputy name
};

// An answer sent on a proposal linked to a resident's appeal, as the tracking page shows it.
struct PublicProposalAnswer {
  std::string kind;  // the proposal's kind
  std::string category;
  std::string content;
  std::string unit_name;
  store::OptId follow_up_on;
  Timestamp sent_at = 0;
  bool follow_up = false;
};

// The triage route "escalate" inside the appeal's transaction (app/appeal_service.cpp): links the appeal to
// the draft `proposal_id` names (kInvalid on field proposal_id unless it is a draft the actor sees), or
// creates a draft for `deputy_id` (or the appeal's own deputy) from the appeal's title and content. Returns
// the proposal's id, or nullopt when no deputy is known: the appeal then waits for a deputy to take it up
// (POST /proposals with appeal_ids).
Result<store::OptId> EscalateToProposal(store::Tx& tx, const Actor& actor, const store::AppealRecord& appeal,
                                        store::OptId deputy_id, store::OptId proposal_id, Timestamp now);

// The proposals a deputy submitted in [from, to): the deputy's record counts them.
Result<int> SubmittedProposalCount(store::Tx& tx, store::Id deputy_id, Timestamp from, Timestamp to);

class ProposalService {
 public:
  ProposalService(store::Database& db, const Clock& clock);

  Result<ProposalDetail> Register(const Actor& actor, const ProposalInput& input);
  Result<ProposalDetail> Edit(const Actor& actor, store::Id id, const ProposalEdit& edit);
  Result<ProposalDetail> Get(const Actor& actor, store::Id id);
  Result<std::vector<Proposal>> List(const Actor& actor, const ProposalQuery& query);

  Result<ProposalDetail> Submit(const Actor& actor, store::Id id, const std::string& note);
  Result<ProposalDetail> Assign(const Actor& actor, store::Id id, const AssignInput& input);
  Result<ProposalDetail> Contact(const Actor& actor, store::Id id, const ProposalContactInput& input);
  Result<ProposalDetail> Opinion(const Actor& actor, store::Id id, const std::string& content);
  Result<ProposalDetail> Answer(const Actor& actor, store::Id id, const ProposalAnswerInput& input);
  // approve: the draft is sent (answered); refused: back to the lead unit with `note` (required).
  Result<ProposalDetail> Approve(const Actor& actor, store::Id id, bool approve, const std::string& note);
  Result<ProposalDetail> Rate(const Actor& actor, store::Id id, const std::string& rating, const std::string& note);
  Result<ProposalDetail> FollowUp(const Actor& actor, store::Id id, const ProposalAnswerInput& input);

  // Per unit and per deputy over the proposals of `year` (by registration) in the caller's scope, narrowed to
  // `region_id` (kForbidden outside the caller's region).
  Result<ProposalFigures> Figures(const Actor& actor, int year, store::OptId region_id);

  // The public tracking page: the answers sent on the proposal an appeal is linked to (none: empty).
  Result<std::vector<PublicProposalAnswer>> AnswersOfAppeal(store::Id appeal_id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace minsheng::app
