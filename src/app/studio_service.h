// Studios (工作室 / 联络站) and their duty rosters (值班): the use cases, each one transaction.
//
// Scope. Admins and coordinators manage (and see) the studios in their region: a district admin or
// coordinator every studio, a street coordinator their street's. Other staff read the studios in their region; a deputy reads the
// studios they are a member of and every studio of their street. A studio or shift outside the caller's
// scope answers kNotFound, as a missing one. A deputy checks in and out of their own shifts only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/calendar_cache.h"
#include "core/clock.h"
#include "core/duty_roster.h"
#include "store/database.h"
#include "store/duty_repository.h"
#include "store/studio_repository.h"

namespace minsheng::app {

using StudioRecord = store::StudioRecord;
using StudioMember = store::StudioMemberRecord;
using DutyShift = store::DutyShiftRecord;
using DutyFigures = store::DutyFigures;

// What a create or change sets; absent members keep their value (create: their defaults). name and
// region_id are required on create.
struct StudioInput {
  std::optional<std::string> name;
  std::optional<store::Id> region_id;
  std::optional<std::string> address;
  std::optional<std::string> opening_hours;
  std::optional<int> grace_minutes;
  std::optional<int> min_stay_minutes;
  std::optional<bool> active;
};

struct StudioDetail {
  StudioRecord studio;
  std::vector<StudioMember> members;  // in rotation order
  bool may_manage = false;            // whether the caller may change it
};

struct RosterInput {
  std::chrono::sys_days from{};
  std::chrono::sys_days to{};  // inclusive
  WeeklyPattern pattern;
};
struct RosterResult {
  std::vector<DutyShift> created;
  int skipped = 0;  // time slots the studio already had shifts in, left as they were
};

struct ShiftQuery {
  bool mine = false;  // only the caller's own shifts
  store::OptId studio_id;
  std::optional<Timestamp> from;
  std::optional<Timestamp> to;
};

class StudioService {
 public:
  StudioService(store::Database& db, const Clock& clock, const CalendarCache& calendar);

  Result<std::vector<StudioRecord>> List(const Actor& actor);
  Result<StudioDetail> Get(const Actor& actor, store::Id id);
  Result<StudioDetail> Create(const Actor& actor, const StudioInput& input);
  Result<StudioDetail> Update(const Actor& actor, store::Id id, const StudioInput& input);
  // Adds a deputy (or changes whether they lead it: one leader per studio).
  Result<StudioDetail> AddMember(const Actor& actor, store::Id id, store::Id user_id, bool leader);
  Result<StudioDetail> RemoveMember(const Actor& actor, store::Id id, store::Id user_id);

  // Generates shifts from a weekly pattern (from today on: an earlier `from` is kInvalid), rotating through the members in order and continuing the
  // rotation where the studio's roster left off; public holidays are skipped (core/duty_roster.h).
  Result<RosterResult> GenerateRoster(const Actor& actor, store::Id id, const RosterInput& input);
  Result<std::vector<DutyShift>> StudioShifts(const Actor& actor, store::Id id, std::optional<Timestamp> from,
                                              std::optional<Timestamp> to);
  // Shifts in the caller's scope (or only theirs), oldest first; mine: newest first.
  Result<std::vector<DutyShift>> ListShifts(const Actor& actor, const ShiftQuery& query);
  Result<DutyShift> GetShift(const Actor& actor, store::Id shift_id);

  // Gives a shift not yet checked in to another member of its studio.
  Result<DutyShift> Reassign(const Actor& actor, store::Id shift_id, store::Id user_id);
  // Exchanges the deputies of two shifts of one studio, neither checked in yet.
  Result<std::vector<DutyShift>> Swap(const Actor& actor, store::Id shift_id, store::Id other_shift_id);

  // The deputy's own shift only (kForbidden for another's); windows in core/attendance.h.
  Result<DutyShift> CheckIn(const Actor& actor, store::Id shift_id);
  // Decides the shift's attendance at once.
  Result<DutyShift> CheckOut(const Actor& actor, store::Id shift_id);

  // Per-deputy duty figures of the studio's shifts starting in [from, to).
  Result<std::vector<DutyFigures>> Attendance(const Actor& actor, store::Id id, Timestamp from, Timestamp to);

  // Whether the actor may check in or out of `shift` at this moment (for the buttons).
  bool MayCheckIn(const Actor& actor, const DutyShift& shift) const;
  bool MayCheckOut(const Actor& actor, const DutyShift& shift) const;

 private:
  store::Database& db_;
  const Clock& clock_;
  const CalendarCache& calendar_;
};

// The deputy's duty figures over shifts starting in [query.from, query.to): for the deputy's record and
// the bulletins. No scope check: callers check who may see them.
Result<std::vector<DutyFigures>> DutyFiguresOver(store::Database& db, const store::DutyFiguresQuery& query);

// For a field log or reception slot held at a studio: kInvalid "unknown_studio" (field studio_id) unless
// `studio_id` is none or an active studio of the street `street_id`.
Status CheckStudioInStreet(store::Tx& tx, store::OptId studio_id, store::OptId street_id);

// The sweep's step for shifts: decides the attendance of every shift whose outcome is known at `now` (no
// check-in by the end: absent; checked in, never out, window closed: as if out at the end). Returns how
// many shifts it decided. Idempotent.
Result<int> SweepDutyShifts(store::Database& db, Timestamp now);

}  // namespace minsheng::app
