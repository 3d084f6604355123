// Proposals and what hangs off them (tables proposals, proposal_units, proposal_appeals, proposal_contacts,
// proposal_opinions, proposal_answers, proposal_events; migration 0012).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct ProposalRecord {
  Id id = 0;
  OptId street_id;
  Id region_id = 0;
  Id deputy_id = 0;
  std::string kind;  // suggestion | proposal | motion | opinion_report
  std::string title;
  std::string content;
  std::string step = "draft";
  OptId consultation_id;
  OptId lead_unit_id;
  OptId deadline;         // a Timestamp
  std::optional<std::string> answer_category;
  OptId follow_up_on;     // a Timestamp
  std::optional<std::string> rating;
  int dissatisfied_count = 0;
  OptId submitted_at, assigned_at, first_answered_at, answered_at, rated_at, closed_at;
  Id created_by = 0;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
  std::int64_t version = 1;
  // Read with the row.
  std::string deputy_name;
  std::string region_name;
  std::string region_path;
  std::string lead_unit_name;
};

struct ProposalUnitRecord {
  Id id = 0;
  Id proposal_id = 0;
  OptId street_id;
  Id unit_id = 0;
  std::string role;  // lead | assisting
  std::string unit_name;
};

struct ProposalAppealRecord {
  Id id = 0;
  Id proposal_id = 0;
  Id appeal_id = 0;
  OptId street_id;
  OptId linked_by;
  Timestamp linked_at = 0;
  // Read with the row.
  std::string receipt_code;
  std::string title;
  std::string status;
};

struct ProposalContactRecord {
  Id id = 0;
  Id proposal_id = 0;
  OptId street_id;
  OptId unit_id;
  std::string stage;   // before | during | after
  std::string method;  // face_to_face | phone | visit
  std::string note;
  Id recorded_by = 0;
  Timestamp at = 0;
  std::string recorder_name;
};

struct ProposalOpinionRecord {
  Id id = 0;
  Id proposal_id = 0;
  OptId street_id;
  OptId unit_id;
  std::string content;
  Id recorded_by = 0;
  Timestamp at = 0;
  std::string recorder_name;
};

struct ProposalAnswerRecord {
  Id id = 0;
  Id proposal_id = 0;
  OptId street_id;
  std::string kind = "answer";  // answer | follow_up
  int round = 1;
  OptId unit_id;
  std::string category;  // A | B | C
  std::string content;
  OptId follow_up_on;
  Id drafted_by = 0;
  Timestamp drafted_at = 0;
  OptId approved_by;
  OptId sent_at;
};

struct ProposalEventRecord {
  Id id = 0;
  Id proposal_id = 0;
  OptId street_id;
  Timestamp at = 0;
  OptId actor_id;
  std::string actor_label;
  std::string action;
  std::optional<std::string> from_step;
  std::string to_step;
  std::string note;
  std::string data = "{}";
};

Result<Id> InsertProposal(Tx& tx, const ProposalRecord& proposal);
Result<std::optional<ProposalRecord>> FindProposal(Tx& tx, Id id);
// Writes every column but id under the row version: kConflict "version_conflict" when someone else changed it
// since `expected_version` was read. Bumps the version.
Status UpdateProposal(Tx& tx, const ProposalRecord& proposal, std::int64_t expected_version);

struct ProposalFilter {
  std::optional<std::string> kind;
  std::optional<std::string> step;
  OptId unit_id;    // lead or assisting
  OptId deputy_id;
  std::optional<Timestamp> from;  // created_at >= from
  std::optional<Timestamp> to;    // created_at < to
  // Scope: any of these that is set must hold (a deputy: own or assisted deputies; a handler: their unit).
  std::optional<std::string> scope_path;
  std::optional<std::vector<Id>> scope_deputy_ids;
  OptId scope_unit_id;
  int limit = 500;
};
// Newest first.
Result<std::vector<ProposalRecord>> ListProposals(Tx& tx, const ProposalFilter& filter);

Status InsertProposalUnit(Tx& tx, const ProposalUnitRecord& unit);
Result<std::vector<ProposalUnitRecord>> ListProposalUnits(Tx& tx, Id proposal_id);
// Every unit row of the given proposals.
Result<std::vector<ProposalUnitRecord>> ListUnitsOfProposals(Tx& tx, const std::vector<Id>& proposal_ids);

// kConflict "unique_violation" when the appeal is already linked to a proposal.
Status InsertProposalAppeal(Tx& tx, const ProposalAppealRecord& link);
Result<std::vector<ProposalAppealRecord>> ListProposalAppeals(Tx& tx, Id proposal_id);
// The proposal an appeal is linked to, if any.
Result<OptId> FindProposalOfAppeal(Tx& tx, Id appeal_id);

Result<Id> InsertProposalContact(Tx& tx, const ProposalContactRecord& contact);
Result<std::vector<ProposalContactRecord>> ListProposalContacts(Tx& tx, Id proposal_id);
Result<Id> InsertProposalOpinion(Tx& tx, const ProposalOpinionRecord& opinion);
Result<std::vector<ProposalOpinionRecord>> ListProposalOpinions(Tx& tx, Id proposal_id);

Result<Id> InsertProposalAnswer(Tx& tx, const ProposalAnswerRecord& answer);
Status UpdateProposalAnswer(Tx& tx, const ProposalAnswerRecord& answer);
// Oldest first.
Result<std::vector<ProposalAnswerRecord>> ListProposalAnswers(Tx& tx, Id proposal_id);

Result<Id> AppendProposalEvent(Tx& tx, const ProposalEventRecord& event);
Result<std::vector<ProposalEventRecord>> ListProposalEvents(Tx& tx, Id proposal_id);

// The ids of the given proposals that had a contact of stage "before" recorded before their first answer was
// sent (or that have none sent yet): the meeting rate's numerator.
Result<std::vector<Id>> ProposalsMetBefore(Tx& tx, const std::vector<Id>& proposal_ids);

}  // namespace minsheng::store
