// Following a case (migration 0009): a deputy's contacts with the resident and written opinions on an
// appeal, a deputy's assistants, and the facts the per-deputy figures are counted from. Written once
// against store::Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct DeputyContactRecord {
  Id id = 0;
  Id appeal_id = 0;
  OptId street_id;
  Id deputy_id = 0;     // whose contact it is
  Id recorded_by = 0;   // the deputy or their assistant
  std::string method;   // face_to_face | phone | visit
  std::string note;
  Timestamp at = 0;     // when the contact took place
  Timestamp created_at = 0;
};

struct DeputyOpinionRecord {
  Id id = 0;
  Id appeal_id = 0;
  OptId street_id;
  Id deputy_id = 0;
  Id recorded_by = 0;
  std::string content;
  Timestamp created_at = 0;
};

struct DeputyAssistantRecord {
  Id id = 0;
  Id deputy_id = 0;
  Id assistant_id = 0;
  OptId street_id;
  OptId created_by;
  Timestamp created_at = 0;
  std::string assistant_name;  // read only: the assistant's display name
  std::string assistant_role;  // read only
};

// Inserts and returns the new id (the record's id is ignored).
// Also stores whether the appeal has no reply yet (deputy_contacts.before_reply, read by ListFollowedAppeals).
Result<Id> InsertDeputyContact(Tx& tx, const DeputyContactRecord& contact);
// The appeal's contacts, oldest first.
Result<std::vector<DeputyContactRecord>> ListDeputyContacts(Tx& tx, Id appeal_id);

Result<Id> InsertDeputyOpinion(Tx& tx, const DeputyOpinionRecord& opinion);
Result<std::vector<DeputyOpinionRecord>> ListDeputyOpinions(Tx& tx, Id appeal_id);

// Inserts; kConflict "unique_violation" when the assistant already assists that deputy.
Result<Id> InsertDeputyAssistant(Tx& tx, const DeputyAssistantRecord& assistant);
// Removes one; returns whether there was one.
Result<bool> DeleteDeputyAssistant(Tx& tx, Id deputy_id, Id assistant_id);
// The deputy's assistants, in the order they were added.
Result<std::vector<DeputyAssistantRecord>> ListDeputyAssistants(Tx& tx, Id deputy_id);
// Whether `assistant_id` assists `deputy_id`.
Result<bool> IsDeputyAssistant(Tx& tx, Id deputy_id, Id assistant_id);

// The time of the appeal's latest explain event and the deputy it named (none when it named none);
// nullopt when the appeal was never routed to explain.
struct ExplainEvent {
  Timestamp at = 0;
  OptId deputy_id;
};
Result<std::optional<ExplainEvent>> LatestExplainEvent(Tx& tx, Id appeal_id);

// One appeal a deputy follows, for the figures: created in [from, to) with appeals.deputy_id set to one
// of the deputies asked about.
struct FollowedAppealRow {
  Id deputy_id = 0;
  Id appeal_id = 0;
  std::string status;
  bool replied = false;                 // it has a reply
  bool contacted_before_reply = false;  // that deputy recorded a contact on it before its first reply
};
Result<std::vector<FollowedAppealRow>> ListFollowedAppeals(Tx& tx, const std::vector<Id>& deputy_ids, Timestamp from,
                                                           Timestamp to);
// The number of contacts each deputy recorded with `at` in [from, to); deputies without any are absent.
Result<std::vector<std::pair<Id, std::int64_t>>> CountDeputyContacts(Tx& tx, const std::vector<Id>& deputy_ids,
                                                                     Timestamp from, Timestamp to);

}  // namespace minsheng::store
