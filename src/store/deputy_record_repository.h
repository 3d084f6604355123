// Per-deputy counts for the deputy's record and the duty bulletins that no other repository keeps: field
// work from the field logs and the appeals a deputy registered.
#pragma once

#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct FieldWorkFigures {
  Id user_id = 0;
  int receptions = 0;      // field logs of kind reception
  int visits = 0;          // field logs of kind visit
  int people_met = 0;      // their people_count, summed
  int appeals_raised = 0;  // appeals the user registered (from a log or not)
};

// The figures of each of `user_ids` over [from, to) (logs by met_at, appeals by created_at), in the order
// of `user_ids`.
Result<std::vector<FieldWorkFigures>> ListFieldWorkFigures(Tx& tx, const std::vector<Id>& user_ids, Timestamp from,
                                                           Timestamp to);

}  // namespace minsheng::store
