// The duty roster (table duty_shifts of migration 0007): one row per deputy per time slot, with the
// deputy's check-in and check-out and the attendance decided from them; and per-deputy duty figures.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct DutyShiftRecord {
  Id id = 0;
  Id studio_id = 0;
  Id street_id = 0;
  Id user_id = 0;
  Timestamp starts_at = 0;
  Timestamp ends_at = 0;
  std::optional<Timestamp> check_in_at;
  std::optional<Timestamp> check_out_at;
  std::optional<std::string> attendance;  // on_time | late | left_early | absent | came_and_left; none: undecided
  std::optional<Timestamp> decided_at;
  std::int64_t version = 1;
  Timestamp created_at = 0;
  OptId created_by;
  // Read only.
  std::string user_name;
  std::string studio_name;
  int grace_minutes = 10;
  int min_stay_minutes = 30;
  int appeal_count = 0;  // appeals registered on this shift
};

Result<Id> InsertDutyShift(Tx& tx, const DutyShiftRecord& shift);
Result<std::optional<DutyShiftRecord>> FindDutyShift(Tx& tx, Id id);
// Writes user_id, check-in, check-out, attendance and decided_at under the row version (kConflict
// "version_conflict" when someone changed the shift meanwhile).
Status UpdateDutyShift(Tx& tx, const DutyShiftRecord& shift, std::int64_t expected_version);

struct DutyShiftFilter {
  OptId studio_id;
  OptId user_id;
  std::optional<Timestamp> from;  // starts_at >= from
  std::optional<Timestamp> to;    // starts_at < to
  // Shifts of studios whose region path starts with this; with or_user_id, also (OR) that user's own.
  std::optional<std::string> scope_path;
  OptId or_user_id;
  bool newest_first = false;
  int limit = 2000;
};
// By start (oldest first unless newest_first), then studio and user.
Result<std::vector<DutyShiftRecord>> ListDutyShifts(Tx& tx, const DutyShiftFilter& filter);
Result<std::int64_t> CountStudioShifts(Tx& tx, Id studio_id);

// Shifts whose attendance is still open although it may be decidable at `now`: not checked in and ended,
// or checked in, not out, and ended more than `checkout_window` seconds ago. Oldest first, at most `limit`.
Result<std::vector<DutyShiftRecord>> ListUndecidedShifts(Tx& tx, Timestamp now, std::int64_t checkout_window,
                                                         int limit);

// The user's shift they are checked in on and not checked out of, that has not ended at `now`: where
// an appeal they register now belongs.
Result<OptId> FindShiftOnDuty(Tx& tx, Id user_id, Timestamp now);
// FindShiftOnDuty queued (Tx::QueryLater), to travel with other reads.
Later<OptId> FindShiftOnDutyLater(Tx& tx, Id user_id, Timestamp now);
// Ties an appeal to a shift.
Status SetAppealDutyShift(Tx& tx, Id appeal_id, Id shift_id);

// One deputy's duty over a period (shifts starting in it).
struct DutyFigures {
  Id user_id = 0;
  std::string display_name;
  int shifts_scheduled = 0;  // every shift in the period
  int shifts_due = 0;        // those that have ended by `now`
  int attended = 0;          // checked in
  int on_time = 0;
  int late = 0;
  int left_early = 0;
  int absent = 0;
  int came_and_left = 0;
  int appeals_on_shift = 0;  // appeals the deputy registered while on those shifts
};
struct DutyFiguresQuery {
  Timestamp from = 0;  // starts_at >= from
  Timestamp to = 0;    // starts_at < to
  Timestamp now = 0;   // what "due" counts up to
  OptId studio_id;     // one studio's shifts; none: every studio
  OptId street_id;     // one street's shifts
  OptId user_id;       // one deputy
};
// One row per deputy with shifts in the period, by name.
Result<std::vector<DutyFigures>> ListDutyFigures(Tx& tx, const DutyFiguresQuery& query);

}  // namespace minsheng::store
