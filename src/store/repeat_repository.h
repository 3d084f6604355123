// Reads and writes repeat-appeal links (appeal_repeats) and the causes of dissatisfied callbacks
// (callback_causes), migration 0018. Written once against store::Tx.
#pragma once

#include <string>
#include <vector>

#include "core/repeat.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

// One link: `appeal_id` repeats the earlier `repeat_of_id`.
struct RepeatLinkRecord {
  Id id = 0;
  Id appeal_id = 0;
  Id repeat_of_id = 0;
  std::string reason;  // phone | address_title | manual
  OptId linked_by;
  Timestamp created_at = 0;
  // Read only: the appeal at the other end (seen from the one asked about) and who linked them.
  Id other_id = 0;
  std::string other_receipt_code;
  std::string other_title;
  std::string other_status;
  Timestamp other_created_at = 0;
  OptId other_lead_unit_id;
  std::string linked_by_name;
};

// Earlier appeals that may be repeated by a new one: those with `phone` (if not empty) anywhere, or in
// `street_id` at `address` (if not empty); neither merged nor `exclude`; open, or closed at or after
// `closed_since`. The newest `limit` of them.
Result<std::vector<RepeatCandidate>> ListRepeatCandidates(Tx& tx, const std::string& phone, OptId street_id,
                                                          const std::string& address, Id exclude,
                                                          Timestamp closed_since, int limit);
// The link, or kConflict "already_linked" when these two appeals are linked already (either way round).
Result<Id> InsertRepeatLink(Tx& tx, const RepeatLinkRecord& link, OptId street_id);
// Removes the link between the two (either way round); kNotFound when there is none.
Status DeleteRepeatLink(Tx& tx, Id appeal_id, Id other_id);
// The appeal's links: those where it repeats an earlier one, and those where a later one repeats it.
struct RepeatLinks {
  std::vector<RepeatLinkRecord> repeat_of;  // earlier appeals it repeats, oldest first
  std::vector<RepeatLinkRecord> repeats;    // later appeals repeating it, oldest first
};
Result<RepeatLinks> ListRepeatLinks(Tx& tx, Id appeal_id);

// A cause a dissatisfied callback gave (core/dissatisfaction.h); `note` is the resident's words for `other`.
struct CallbackCauseRecord {
  Id callback_id = 0;
  std::string cause;
  std::string note;
};
// Records the causes of callback `callback_id`, counted against `unit_id` and `deputy_id`.
Status InsertCallbackCauses(Tx& tx, Id appeal_id, OptId street_id, Id callback_id, OptId unit_id, OptId deputy_id,
                            const std::vector<CallbackCauseRecord>& causes, Timestamp at);
// Every cause given on the appeal's callbacks, in the order of the callbacks and of the causes' table.
Result<std::vector<CallbackCauseRecord>> ListCallbackCauses(Tx& tx, Id appeal_id);

}  // namespace minsheng::store
