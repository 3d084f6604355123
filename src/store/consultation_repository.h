// Consultations (协商议事) and what hangs off them (migration 0011): topics, linked appeals, research notes,
// meeting participants, agreed actions, residents' comments and the step log.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct ConsultationRecord {
  Id id = 0;
  OptId street_id;
  Id region_id = 0;
  std::string kind;   // core/consultation.h KindName
  std::string title;
  std::string description;
  std::string step = "collecting";
  std::string refusal_rule;
  std::string refusal_reason;
  OptId decided_at;
  OptId meeting_at;
  std::string meeting_place;
  std::string meeting_form;  // "" | in_person | online | written
  std::string minutes;
  std::string outcome;
  int notice_days = 0;
  OptId published_at;
  OptId notice_ends_at;
  OptId lead_unit_id;
  OptId done_at;
  OptId created_by;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
  std::int64_t version = 1;
  // Read with the row.
  std::string region_name;
  std::string region_path;
};

struct ConsultationTopicRecord {
  Id id = 0;
  Id consultation_id = 0;
  OptId street_id;
  std::string source;  // resident | deputy | appeal | staff
  std::string content;
  std::string proposer;
  OptId appeal_id;
  OptId created_by;
  Timestamp created_at = 0;
};

struct ConsultationAppealRecord {
  Id id = 0;
  Id consultation_id = 0;
  Id appeal_id = 0;
  OptId street_id;
  Timestamp linked_at = 0;
  OptId linked_by;
  std::string outcome;  // "" | dispatched | explained
  OptId action_id;
  // Read with the row.
  std::string appeal_title;
  std::string appeal_status;
  std::string receipt_code;
};

struct ConsultationNoteRecord {
  Id id = 0;
  Id consultation_id = 0;
  OptId street_id;
  std::string content;
  std::string link;
  OptId author_id;
  Timestamp created_at = 0;
  std::string author_name;  // read with the row
};

struct ConsultationParticipantRecord {
  Id id = 0;
  Id consultation_id = 0;
  OptId street_id;
  std::string role;  // stakeholder | resident_representative | deputy | department | expert | party_leader
  std::string name;
  OptId unit_id;
  OptId user_id;
  bool attended = false;
};

struct ConsultationActionRecord {
  Id id = 0;
  Id consultation_id = 0;
  OptId street_id;
  std::string title;
  Id owner_unit_id = 0;
  std::string deadline;  // YYYY-MM-DD
  std::string status = "open";  // open | done
  OptId done_at;
  std::string done_note;
  Timestamp created_at = 0;
  std::string owner_unit_name;  // read with the row
};

struct ConsultationCommentRecord {
  Id id = 0;
  Id consultation_id = 0;
  OptId street_id;
  std::string author;
  std::string content;
  Timestamp created_at = 0;
};

struct ConsultationEventRecord {
  Id id = 0;
  Id consultation_id = 0;
  OptId street_id;
  Timestamp at = 0;
  OptId actor_id;
  std::string actor_label;
  std::string action;
  std::string from_step;
  std::string to_step;
  std::string note;
};

Result<Id> InsertConsultation(Tx& tx, const ConsultationRecord& c);
Result<std::optional<ConsultationRecord>> FindConsultation(Tx& tx, Id id);
// Stores every changeable member under `expected_version` (bumped by one); kConflict "version_conflict" when
// someone else changed it first.
Status UpdateConsultation(Tx& tx, const ConsultationRecord& c, std::int64_t expected_version);

struct ConsultationFilter {
  std::optional<std::string> step;
  std::optional<std::string> kind;
  OptId region_id;                        // in this region's subtree (by path)
  std::optional<std::string> region_path;  // of region_id, set by the caller
  std::optional<std::string> scope_path;   // the caller's region subtree
  OptId appeal_id;                        // consultations this appeal is linked to
  bool published_only = false;            // the portal: outcome published (not analysis)
  int page = 1;
  int page_size = 20;
};
struct ConsultationPage {
  std::vector<ConsultationRecord> items;
  std::int64_t total = 0;
};
// Newest first (created_at, id); the portal's newest published first.
Result<ConsultationPage> ListConsultations(Tx& tx, const ConsultationFilter& filter);

Result<Id> InsertConsultationTopic(Tx& tx, const ConsultationTopicRecord& t);
Result<std::vector<ConsultationTopicRecord>> ListConsultationTopics(Tx& tx, Id consultation_id);

// kConflict "unique_violation" when the appeal is already linked to this consultation.
Result<Id> InsertConsultationAppeal(Tx& tx, const ConsultationAppealRecord& link);
Result<std::vector<ConsultationAppealRecord>> ListConsultationAppeals(Tx& tx, Id consultation_id);
// The links of one appeal, oldest first.
Result<std::vector<ConsultationAppealRecord>> ListLinksOfAppeal(Tx& tx, Id appeal_id);
Status SetConsultationAppealOutcome(Tx& tx, Id link_id, const std::string& outcome, OptId action_id);

Result<Id> InsertConsultationNote(Tx& tx, const ConsultationNoteRecord& n);
Result<std::vector<ConsultationNoteRecord>> ListConsultationNotes(Tx& tx, Id consultation_id);

// Replaces the meeting's participants with `participants`.
Status ReplaceConsultationParticipants(Tx& tx, Id consultation_id, OptId street_id,
                                       const std::vector<ConsultationParticipantRecord>& participants);
Result<std::vector<ConsultationParticipantRecord>> ListConsultationParticipants(Tx& tx, Id consultation_id);
// How many consultations whose meeting falls in [from, to) the user attended as a participant.
Result<int> CountConsultationsAttended(Tx& tx, Id user_id, Timestamp from, Timestamp to);

Result<Id> InsertConsultationAction(Tx& tx, const ConsultationActionRecord& a);
Result<std::vector<ConsultationActionRecord>> ListConsultationActions(Tx& tx, Id consultation_id);
// Marks an open action done; kConflict "action_done" when it was done already.
Status CompleteConsultationAction(Tx& tx, Id action_id, Timestamp now, const std::string& note);

Result<Id> InsertConsultationComment(Tx& tx, const ConsultationCommentRecord& c);
Result<std::vector<ConsultationCommentRecord>> ListConsultationComments(Tx& tx, Id consultation_id);

Status AppendConsultationEvent(Tx& tx, const ConsultationEventRecord& e);
Result<std::vector<ConsultationEventRecord>> ListConsultationEvents(Tx& tx, Id consultation_id);

}  // namespace minsheng::store
