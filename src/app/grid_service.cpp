#include "app/grid_service.h"

#include <map>

#include "app/audit.h"
#include "app/region_scope.h"
#include "core/access.h"
#include "core/calendar.h"
#include "core/grid_visits.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// The grid `region_id` if it lies in the caller's scope; kNotFound otherwise, as if it did not exist.
Result<store::GridRecord> LoadGrid(store::Tx& tx, const Actor& actor, store::Id region_id) {
  MS_ASSIGN(grid, store::FindGrid(tx, region_id, kDefaultGridVisitDays));
  if (!grid || !grid->path.starts_with(actor.region_path)) return Fail(Error::NotFound("网格不存在", "region_id"));
  return *grid;
}

// The region path a listing covers: the caller's scope, or a region inside it (403 outside, as numbers do).
Result<std::string> ScopePath(store::Tx& tx, const Actor& actor, store::OptId region_id) {
  if (!region_id) return actor.region_path;
  MS_ASSIGN(region, RegionInScope(tx, actor, *region_id));
  return region.path;
}

Result<GridReport> Report(store::Tx& tx, const std::string& path, sys_days week, Timestamp now,
                          std::optional<store::Id> only_grid) {
  GridReport report;
  report.week_start = WeekStart(week);
  const Timestamp from = LocalDayStart(report.week_start);
  const Timestamp to = LocalDayStart(report.week_start + days{7});
  report.week_over = now >= to;
  MS_ASSIGN(grids, store::ListGrids(tx, path, kDefaultGridVisitDays));
  MS_ASSIGN(members, store::ListGridMembers(tx, path, only_grid));
  MS_ASSIGN(visits, store::ListGridVisits(tx, path, from, to));
  std::map<store::Id, std::vector<Timestamp>> times;
  std::map<store::Id, int> people;
  for (const auto& v : visits) {
    times[v.region_id].push_back(v.met_at);
    people[v.region_id] += v.people_count;
  }
  for (auto& grid : grids) {
    if (only_grid && grid.region_id != *only_grid) continue;
    GridWeek w;
    const auto& t = times[grid.region_id];
    w.visits = static_cast<int>(t.size());
    w.visit_days = VisitDaysInWeek(t, report.week_start);
    w.people_met = people[grid.region_id];
    w.behind = GridBehind(w.visit_days, grid.required_visit_days);
    for (const auto& m : members)
      if (m.region_id == grid.region_id) w.members.push_back(m);
    w.grid = std::move(grid);
    report.grids.push_back(std::move(w));
  }
  return report;
}

nlohmann::json GridDetail(const store::GridRecord& g) { return {{"name", g.name}, {"code", g.code}}; }

}  // namespace

GridService::GridService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

Result<GridReport> GridService::List(const Actor& actor, const GridQuery& query) {
  MS_TRY(RequireOperation(actor, Operation::kReadGrids, "查看网格"));
  const Timestamp now = clock_.Now();
  MS_ASSIGN(report, ReadMayLagValue<GridReport>(db_, [&](store::Tx& tx) -> Result<GridReport> {
              MS_ASSIGN(path, ScopePath(tx, actor, query.region_id));
              return Report(tx, path, query.week, now, std::nullopt);
            }));
  if (query.behind_only) std::erase_if(report.grids, [](const GridWeek& w) { return !w.behind; });
  return report;
}

Result<GridWeek> GridService::Get(const Actor& actor, store::Id region_id, sys_days week) {
  MS_TRY(RequireOperation(actor, Operation::kReadGrids, "查看网格"));
  const Timestamp now = clock_.Now();
  return ReadValue<GridWeek>(db_, [&](store::Tx& tx) -> Result<GridWeek> {
    MS_ASSIGN(grid, LoadGrid(tx, actor, region_id));
    MS_ASSIGN(report, Report(tx, grid.path, week, now, region_id));
    if (report.grids.empty()) return Fail(Error::NotFound("网格不存在", "region_id"));
    return std::move(report.grids.front());
  });
}

Status GridService::SetVisitDays(const Actor& actor, store::Id region_id, int visit_days) {
  MS_TRY(RequireOperation(actor, Operation::kManageGrids, "设置网格走访要求"));
  if (visit_days < 1 || visit_days > 7)
    return Fail(Error::Invalid("invalid_value", "每周走访天数应在 1 到 7 之间", "required_visit_days"));
  const Timestamp now = clock_.Now();
  return db_.Write([&](store::Tx& tx) -> Status {
    MS_ASSIGN(grid, LoadGrid(tx, actor, region_id));
    MS_TRY(store::SetGridVisitDays(tx, region_id, grid.street_id, visit_days, now, actor.user_id));
    nlohmann::json detail = GridDetail(grid);
    detail["required_visit_days"] = {{"from", grid.required_visit_days}, {"to", visit_days}};
    return Audit(tx, actor, now, "grid_update", "region", region_id, grid.street_id, detail);
  });
}

Result<store::Id> GridService::AddMember(const Actor& actor, store::Id region_id, store::Id user_id,
                                         const std::string& duty) {
  MS_TRY(RequireOperation(actor, Operation::kManageGrids, "安排网格人员"));
  if (duty != "grid_worker" && duty != "deputy" && duty != "messenger")
    return Fail(Error::Invalid("invalid_value", "职责应为网格员、代表或民情信使之一", "duty"));
  const Timestamp now = clock_.Now();
  return WriteValue<store::Id>(db_, [&](store::Tx& tx) -> Result<store::Id> {
    MS_ASSIGN(grid, LoadGrid(tx, actor, region_id));
    MS_ASSIGN(user, store::FindUser(tx, user_id));
    if (!user || !user->active) return Fail(Error::Invalid("unknown_user", "用户不存在或已停用", "user_id"));
    MS_ASSIGN(home, store::FindRegion(tx, user->region_id));
    // Someone of the grid's street, or of a region above it (a district deputy), never of another street.
    const bool above = home && grid.path.starts_with(home->path);
    const bool same_street = home && home->street_id && home->street_id == grid.street_id;
    if (!above && !same_street)
      return Fail(Error::Invalid("user_out_of_region", "该用户不属于本网格所在街镇", "user_id"));
    if (duty == "deputy" && user->role != "deputy")
      return Fail(Error::Invalid("not_a_deputy", "只有代表用户可以担任网格联系代表", "user_id"));
    auto id = store::InsertGridMember(tx, region_id, grid.street_id, user_id, duty, now);
    if (!id && id.error().code == "unique_violation")
      return Fail(Error::Conflict("already_member", user->display_name + " 已在本网格"));
    if (!id) return Fail(std::move(id).error());
    MS_TRY(Audit(tx, actor, now, "grid_member_add", "region", region_id, grid.street_id,
                 {{"grid", grid.name}, {"user_id", user_id}, {"user", user->display_name}, {"duty", duty}}));
    return *id;
  });
}

Result<bool> GridService::RemoveMember(const Actor& actor, store::Id region_id, store::Id user_id) {
  MS_TRY(RequireOperation(actor, Operation::kManageGrids, "安排网格人员"));
  const Timestamp now = clock_.Now();
  return WriteValue<bool>(db_, [&](store::Tx& tx) -> Result<bool> {
    MS_ASSIGN(grid, LoadGrid(tx, actor, region_id));
    MS_ASSIGN(removed, store::DeleteGridMember(tx, region_id, user_id));
    if (removed)
      MS_TRY(Audit(tx, actor, now, "grid_member_remove", "region", region_id, grid.street_id,
                   {{"grid", grid.name}, {"user_id", user_id}}));
    return removed;
  });
}

Result<std::vector<ContactPoint>> GridService::ContactPoints(const Actor& actor, store::Id leader_id) {
  MS_TRY(RequireOperation(actor, Operation::kReadGrids, "查看联系点"));
  const Timestamp since = clock_.Now() - 365 * kSecondsPerDay;
  return ReadValue<std::vector<ContactPoint>>(db_, [&](store::Tx& tx) -> Result<std::vector<ContactPoint>> {
    MS_ASSIGN(leader, store::FindUser(tx, leader_id));
    if (!leader || leader->role != "leader") return Fail(Error::NotFound("领导不存在", "user_id"));
    MS_ASSIGN(points, store::ListContactPoints(tx, leader_id));
    std::vector<ContactPoint> out;
    for (auto& p : points) {
      MS_ASSIGN(visits, store::CountAuthorVisits(tx, leader_id, p.region_path, since));
      out.push_back(ContactPoint{std::move(p), visits.visits, visits.last_at});
    }
    return out;
  });
}

Result<store::Id> GridService::AddContactPoint(const Actor& actor, store::Id leader_id, store::Id region_id) {
  MS_TRY(RequireOperation(actor, Operation::kManageGrids, "设置领导联系点"));
  const Timestamp now = clock_.Now();
  return WriteValue<store::Id>(db_, [&](store::Tx& tx) -> Result<store::Id> {
    MS_ASSIGN(leader, store::FindUser(tx, leader_id));
    if (!leader || leader->role != "leader") return Fail(Error::NotFound("领导不存在", "user_id"));
    MS_ASSIGN(region, store::FindRegion(tx, region_id));
    if (!region || (region->level != "community" && region->level != "grid"))
      return Fail(Error::Invalid("invalid_region", "联系点应为社区（村）或网格", "region_id"));
    if (!region->path.starts_with(actor.region_path))
      return Fail(Error{ErrorKind::kForbidden, "forbidden", "该区域不在您负责的范围内", "region_id", {}});
    MS_ASSIGN(points, store::ListContactPoints(tx, leader_id));
    for (const auto& p : points)
      if (p.region_id == region_id) return Fail(Error::Conflict("already_linked", leader->display_name + " 已联系该区域"));
    if (points.size() >= kMaxContactPoints)
      return Fail(Error::Conflict("too_many_contact_points",
                                  "每位领导联系 2 至 3 个居民区，" + leader->display_name + " 已有 " +
                                      std::to_string(points.size()) + " 个联系点"));
    MS_ASSIGN(id, store::InsertContactPoint(tx, leader_id, region_id, region->street_id, now, actor.user_id));
    MS_TRY(Audit(tx, actor, now, "contact_point_add", "user", leader_id, region->street_id,
                 {{"leader", leader->display_name}, {"region_id", region_id}, {"region", region->name}}));
    return id;
  });
}

Result<bool> GridService::RemoveContactPoint(const Actor& actor, store::Id leader_id, store::Id region_id) {
  MS_TRY(RequireOperation(actor, Operation::kManageGrids, "设置领导联系点"));
  const Timestamp now = clock_.Now();
  return WriteValue<bool>(db_, [&](store::Tx& tx) -> Result<bool> {
    MS_ASSIGN(leader, store::FindUser(tx, leader_id));
    if (!leader || leader->role != "leader") return Fail(Error::NotFound("领导不存在", "user_id"));
    MS_ASSIGN(region, store::FindRegion(tx, region_id));
    if (!region || !region->path.starts_with(actor.region_path)) return Fail(Error::NotFound("联系点不存在", "region_id"));
    MS_ASSIGN(removed, store::DeleteContactPoint(tx, leader_id, region_id));
    if (removed)
      MS_TRY(Audit(tx, actor, now, "contact_point_remove", "user", leader_id, region->street_id,
                   {{"leader", leader->display_name}, {"region_id", region_id}, {"region", region->name}}));
    return removed;
  });
}

}  // namespace minsheng::app
