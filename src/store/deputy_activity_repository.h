// What deputies did that the yearly "five ones" count (table deputy_activities).
#pragma once

#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct DeputyActivityRecord {
  Id id = 0;
  Id deputy_id = 0;
  OptId street_id;
  std::string kind;         // meeting | proposal | investigation | opinion_report | good_deed
  std::string title;
  std::string happened_on;  // YYYY-MM-DD
  std::string note;
  OptId recorded_by;
  Timestamp created_at = 0;
};

Result<Id> InsertDeputyActivity(Tx& tx, const DeputyActivityRecord& activity);
// The deputy's activities on days in [from_day, to_day] ('YYYY-MM-DD', inclusive), newest first.
Result<std::vector<DeputyActivityRecord>> ListDeputyActivities(Tx& tx, Id deputy_id, const std::string& from_day,
                                                               const std::string& to_day);

}  // namespace minsheng::store
