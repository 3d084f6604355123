// The deputy's record (一人一档, 履职档案): what a deputy did in a year, and the activities that the yearly
// "five ones" (五个一, seed 003) count. A deputy reads and records their own; coordinators those of their
// street; admins, leaders and supervisors read every deputy's (admins record too). Anything else is 404.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/studio_service.h"
#include "core/clock.h"
#include "core/duty_bulletin.h"
#include "core/five_ones.h"
#include "store/database.h"
#include "store/deputy_activity_repository.h"
#include "store/deputy_record_repository.h"
#include "store/duty_repository.h"
#include "store/records.h"

namespace minsheng::app {

struct ActivityInput {
  std::string kind;  // meeting | proposal | investigation | opinion_report | good_deed
  std::string title;
  std::chrono::sys_days happened_on{};
  std::string note;
};

// Shifts the deputy was present for: decided on time, late or left early (a check-in that stayed less than
// the minimum, "came and left", is not presence). The record and the bulletins count this as 到岗.
int PresentShifts(const store::DutyFigures& duty);

// A deputy's year: duty shifts, field work, cases followed and the five ones.
struct DeputyRecord {
  store::UserRecord deputy;
  std::string region_name;
  int year = 0;
  store::DutyFigures duty;               // shifts starting in the year
  int present = 0;                       // PresentShifts(duty)
  store::FieldWorkFigures field_work;    // receptions, visits, people met, appeals raised
  int followed = 0, followed_closed = 0, contacts = 0, relayed_only = 0;
  int consultations = 0;                 // consultations whose meeting the deputy attended
  int proposals = 0;                     // proposals recorded as activities
  DutyActivityCounts activities{};       // per kind, indexed like kDutyActivities
  std::vector<DutyActivity> missing;     // the five ones not yet met
  std::vector<store::DeputyActivityRecord> activity_list;
};

// A monthly duty bulletin (动态通报): a studio's members or a street's deputies, ranked.
struct Bulletin {
  std::string title;  // "东湖街道代表联络站 2026年11月 值班履职通报"
  std::string month;  // YYYY-MM
  std::vector<BulletinRow> rows;
};

class DeputyRecordService {
 public:
  DeputyRecordService(store::Database& db, const Clock& clock, StudioService& studios);

  Result<DeputyRecord> Record(const Actor& actor, store::Id deputy_id, int year);
  // The studio's members over `month` (kNotFound outside the caller's scope, as the studio itself).
  Result<Bulletin> StudioBulletin(const Actor& actor, store::Id studio_id, std::chrono::year_month month);
  // The deputies of `region_id` (a street; default: the caller's region) over `month`; a region outside the
  // caller's is kForbidden.
  Result<Bulletin> RegionBulletin(const Actor& actor, store::OptId region_id, std::chrono::year_month month);

  // Records an activity of `deputy_id` on a day not after today; returns it.
  Result<store::DeputyActivityRecord> RecordActivity(const Actor& actor, store::Id deputy_id, const ActivityInput& input);
  // The deputy's activities in `year`, newest first.
  Result<std::vector<store::DeputyActivityRecord>> Activities(const Actor& actor, store::Id deputy_id, int year);

 private:
  // Fills the rows' figures for deputies `rows` over [from, to); `duty` filters the shifts counted.
  Status FillBulletin(store::Tx& tx, std::vector<BulletinRow>& rows, Timestamp from, Timestamp to,
                      store::DutyFiguresQuery duty);

  store::Database& db_;
  const Clock& clock_;
  StudioService& studios_;
};

// The deputy `deputy_id` if `actor` may see their record: kNotFound for anyone else, as for a missing user.
Result<store::UserRecord> LoadDeputyInScope(store::Tx& tx, const Actor& actor, store::Id deputy_id);

}  // namespace minsheng::app
