// The deputy's record (一人一档, 履职档案): what a deputy did in a year, and the activities that the yearly
// "five ones" (五个一, seed 003) count. A deputy reads and records their own; coordinators those of their
// street; admins, leaders and supervisors read every deputy's (admins record too). Anything else is 404.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "core/five_ones.h"
#include "store/database.h"
#include "store/deputy_activity_repository.h"
#include "store/records.h"

namespace minsheng::app {

struct ActivityInput {
  std::string kind;  // meeting | proposal | investigation | opinion_report | good_deed
  std::string title;
  std::chrono::sys_days happened_on{};
  std::string note;
};

class DeputyRecordService {
 public:
  DeputyRecordService(store::Database& db, const Clock& clock);

  // Records an activity of `deputy_id` on a day not after today; returns it.
  Result<store::DeputyActivityRecord> RecordActivity(const Actor& actor, store::Id deputy_id, const ActivityInput& input);
  // The deputy's activities in `year`, newest first.
  Result<std::vector<store::DeputyActivityRecord>> Activities(const Actor& actor, store::Id deputy_id, int year);

 private:
  store::Database& db_;
  const Clock& clock_;
};

// The deputy `deputy_id` if `actor` may see their record: kNotFound for anyone else, as for a missing user.
Result<store::UserRecord> LoadDeputyInScope(store::Tx& tx, const Actor& actor, store::Id deputy_id);

}  // namespace minsheng::app
