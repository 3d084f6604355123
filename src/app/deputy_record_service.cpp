#include "app/deputy_record_service.h"

#include <map>
#include <set>

#include "app/deputy_case_service.h"
#include "app/proposal_service.h"
#include "app/region_scope.h"
#include "core/access.h"
#include "core/calendar.h"
#include "store/consultation_repository.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

Result<std::pair<std::string, std::string>> YearDays(int year) {
  if (year < 2000 || year > 2100) return Fail(Error::Invalid("out_of_range", "年份应在 2000 到 2100 之间", "year"));
  return std::pair{std::to_string(year) + "-01-01", std::to_string(year) + "-12-31"};
}

}  // namespace

Result<store::UserRecord> LoadDeputyInScope(store::Tx& tx, const Actor& actor, store::Id deputy_id) {
  MS_ASSIGN(user, store::FindUser(tx, deputy_id));
  const auto missing = [] { return Fail(Error::NotFound("代表不存在", "user_id")); };
  if (!user || user->role != "deputy") return missing();
  if (actor.Is(Role::kDeputy)) {
    if (user->id != actor.user_id) return missing();
    return *user;
  }
  MS_ASSIGN(region, store::FindRegion(tx, user->region_id));
  if (!region || !region->path.starts_with(actor.region_path)) return missing();
  return *user;
}

DeputyRecordService::DeputyRecordService(store::Database& db, const Clock& clock, StudioService& studios)
    : db_(db), clock_(clock), studios_(studios) {}

namespace {

using std::chrono::sys_days;
using std::chrono::year_month;

// [start, end) of a month in China time.
std::pair<Timestamp, Timestamp> MonthSpan(year_month month) {
  const sys_days first{month / std::chrono::day{1}};
  const sys_days next{(month + std::chrono::months{1}) / std::chrono::day{1}};
  return {LocalDayStart(first), LocalDayStart(next)};
}

std::string MonthLabel(year_month month) {
  return std::to_string(static_cast<int>(month.year())) + "年" +
         std::to_string(static_cast<unsigned>(month.month())) + "月";
}

std::string MonthKey(year_month month) {
  char out[16];  // "YYYY-MM" (room for any int year, which the compiler cannot rule out)
  std::snprintf(out, sizeof out, "%04d-%02u", static_cast<int>(month.year()), static_cast<unsigned>(month.month()));
  return out;
}

}  // namespace

int PresentShifts(const store::DutyFigures& duty) { return duty.on_time + duty.late + duty.left_early; }

Result<DeputyRecord> DeputyRecordService::Record(const Actor& actor, store::Id deputy_id, int year) {
  MS_TRY(RequireOperation(actor, Operation::kReadDeputyRecords, "查看代表履职档案"));
  MS_ASSIGN(days, YearDays(year));
  const Timestamp now = clock_.Now();
  const Timestamp from = LocalDayStart(sys_days{std::chrono::year{year} / 1 / 1});
  const Timestamp to = LocalDayStart(sys_days{std::chrono::year{year + 1} / 1 / 1});
  return ReadValue<DeputyRecord>(db_, [&](store::Tx& tx) -> Result<DeputyRecord> {
    DeputyRecord r;
    MS_ASSIGN(deputy, LoadDeputyInScope(tx, actor, deputy_id));
    r.deputy = std::move(deputy);
    r.deputy.password_hash.clear();
    r.year = year;
    MS_ASSIGN(region, store::FindRegion(tx, r.deputy.region_id));
    r.region_name = region ? region->name : "";
    MS_ASSIGN(duty, store::ListDutyFigures(tx, {.from = from, .to = to, .now = now, .user_id = deputy_id}));
    if (!duty.empty()) r.duty = duty.front();
    r.present = PresentShifts(r.duty);
    MS_ASSIGN(field, store::ListFieldWorkFigures(tx, {deputy_id}, from, to));
    r.field_work = field.front();
    MS_ASSIGN(cases, DeputyCaseFiguresOf(tx, {deputy_id}, from, to));
    r.followed = cases.front().followed;
    r.followed_closed = cases.front().followed_to_close;
    r.contacts = cases.front().personal_contacts;
    r.relayed_only = cases.front().relayed_only;
    MS_ASSIGN(activities, store::ListDeputyActivities(tx, deputy_id, days.first, days.second));
    for (const auto& a : activities)
      if (auto kind = ParseDutyActivity(a.kind)) ++r.activities[static_cast<std::size_t>(*kind)];
    // Proposals submitted here (issue 11) count beside those recorded as activities (made elsewhere).
    MS_ASSIGN(submitted, SubmittedProposalCount(tx, deputy_id, from, to));
    r.activities[static_cast<std::size_t>(DutyActivity::kProposal)] += submitted;
    r.proposals = r.activities[static_cast<std::size_t>(DutyActivity::kProposal)];
    MS_ASSIGN(consultations, store::CountConsultationsAttended(tx, deputy_id, from, to));
    r.consultations = consultations;
    r.missing = MissingFiveOnes(r.activities);
    r.activity_list = std::move(activities);
    return r;
  });
}

Status DeputyRecordService::FillBulletin(store::Tx& tx, std::vector<BulletinRow>& rows, Timestamp from, Timestamp to,
                                         store::DutyFiguresQuery duty) {
  duty.from = from;
  duty.to = to;
  duty.now = clock_.Now();
  MS_ASSIGN(shifts, store::ListDutyFigures(tx, duty));
  std::set<store::Id> listed;
  for (const auto& row : rows) listed.insert(row.user_id);
  for (const auto& d : shifts)  // someone on the roster who is no longer a member or lives elsewhere
    if (listed.insert(d.user_id).second) rows.push_back({.user_id = d.user_id, .name = d.display_name});
  std::vector<store::Id> ids;
  for (const auto& row : rows) ids.push_back(row.user_id);
  MS_ASSIGN(field, store::ListFieldWorkFigures(tx, ids, from, to));
  MS_ASSIGN(cases, DeputyCaseFiguresOf(tx, ids, from, to));
  std::map<store::Id, const store::DutyFigures*> duty_of;
  for (const auto& d : shifts) duty_of[d.user_id] = &d;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    BulletinFigures& f = rows[i].figures;
    if (auto it = duty_of.find(rows[i].user_id); it != duty_of.end()) {
      const store::DutyFigures& d = *it->second;
      f.shifts_due = d.shifts_due;
      f.late = d.late;
      f.left_early = d.left_early;
      f.came_and_left = d.came_and_left;
      f.absent = d.absent;
      f.attended = PresentShifts(d);
    }
    f.receptions = field[i].receptions;
    f.visits = field[i].visits;
    f.people_met = field[i].people_met;
    f.appeals_raised = field[i].appeals_raised;
    f.followed = cases[i].followed;
    f.closed = cases[i].followed_to_close;
    f.contacts = cases[i].personal_contacts;
    f.relayed_only = cases[i].relayed_only;
  }
  RankBulletin(rows);
  return {};
}

Result<Bulletin> DeputyRecordService::StudioBulletin(const Actor& actor, store::Id studio_id, year_month month) {
  MS_ASSIGN(studio, studios_.Get(actor, studio_id));  // the caller's scope, as the studio page
  const auto [from, to] = MonthSpan(month);
  Bulletin b;
  b.title = studio.studio.name + " " + MonthLabel(month) + " 值班履职通报";
  b.month = MonthKey(month);
  for (const auto& m : studio.members) b.rows.push_back({.user_id = m.user_id, .name = m.display_name});
  MS_TRY(db_.ReadMayLag([&](store::Tx& tx) -> Status {
    return FillBulletin(tx, b.rows, from, to, {.studio_id = studio_id});
  }));
  return b;
}

Result<Bulletin> DeputyRecordService::RegionBulletin(const Actor& actor, store::OptId region_id, year_month month) {
  MS_TRY(RequireOperation(actor, Operation::kViewDeputyFigures, "查看代表履职通报"));
  const auto [from, to] = MonthSpan(month);
  Bulletin b;
  b.month = MonthKey(month);
  MS_TRY(db_.ReadMayLag([&](store::Tx& tx) -> Status {
    MS_ASSIGN(region, RegionInScope(tx, actor, region_id.value_or(actor.region_id)));
    b.title = region.name + " " + MonthLabel(month) + " 代表履职通报";
    MS_ASSIGN(regions, store::ListRegions(tx));
    std::map<store::Id, std::string> path_of;
    for (const auto& r : regions) path_of[r.id] = r.path;
    MS_ASSIGN(deputies, store::ListUsers(tx, {.role = "deputy", .active_only = true}));
    for (const auto& d : deputies)
      if (path_of[d.region_id].starts_with(region.path)) b.rows.push_back({.user_id = d.id, .name = d.display_name});
    store::DutyFiguresQuery duty;
    if (region.level == "street") duty.street_id = region.id;
    return FillBulletin(tx, b.rows, from, to, duty);
  }));
  return b;
}

Result<store::DeputyActivityRecord> DeputyRecordService::RecordActivity(const Actor& actor, store::Id deputy_id,
                                                                        const ActivityInput& input) {
  MS_TRY(RequireOperation(actor, Operation::kRecordDeputyWork, "记录代表履职活动"));
  if (!ParseDutyActivity(input.kind))
    return Fail(Error::Invalid("invalid_value", "活动类型应为会议、建议、调研、社情民意或实事之一", "kind"));
  const Timestamp now = clock_.Now();
  if (input.happened_on > LocalDay(now))
    return Fail(Error::Invalid("invalid_value", "活动日期不能晚于今天", "happened_on"));
  return WriteValue<store::DeputyActivityRecord>(db_, [&](store::Tx& tx) -> Result<store::DeputyActivityRecord> {
    MS_ASSIGN(deputy, LoadDeputyInScope(tx, actor, deputy_id));
    MS_ASSIGN(region, store::FindRegion(tx, deputy.region_id));
    store::DeputyActivityRecord a;
    a.deputy_id = deputy.id;
    a.street_id = region ? region->street_id : std::nullopt;
    a.kind = input.kind;
    a.title = input.title;
    a.happened_on = FormatDate(input.happened_on);
    a.note = input.note;
    a.recorded_by = actor.user_id;
    a.created_at = now;
    MS_ASSIGN(id, store::InsertDeputyActivity(tx, a));
    a.id = id;
    return a;
  });
}

Result<std::vector<store::DeputyActivityRecord>> DeputyRecordService::Activities(const Actor& actor,
                                                                                 store::Id deputy_id, int year) {
  MS_TRY(RequireOperation(actor, Operation::kReadDeputyRecords, "查看代表履职档案"));
  MS_ASSIGN(days, YearDays(year));
  return ReadValue<std::vector<store::DeputyActivityRecord>>(
      db_, [&](store::Tx& tx) -> Result<std::vector<store::DeputyActivityRecord>> {
        MS_TRY(LoadDeputyInScope(tx, actor, deputy_id));
        return store::ListDeputyActivities(tx, deputy_id, days.first, days.second);
      });
}

}  // namespace minsheng::app
