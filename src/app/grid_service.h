// Grids (网格): who is responsible for each and whether they went round it often enough (seed 004), and
// leaders' contact points (联系点, seed 002). Reads are scoped to the caller's region; changes are for
// admins and the coordinators of the grid's street, and go to the audit log.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "store/database.h"
#include "store/grid_repository.h"

namespace minsheng::app {

struct GridQuery {
  store::OptId region_id;               // only the grids under this region (inside the caller's scope)
  std::chrono::sys_days week{};         // any day of the week to count; its Monday is used
  bool behind_only = false;             // only the grids whose visit days fell short
};

struct GridWeek {
  store::GridRecord grid;
  std::vector<store::GridMemberRecord> members;
  int visits = 0;       // field visits on the grid that week
  int visit_days = 0;   // different days with a visit
  int people_met = 0;
  bool behind = false;  // visit_days < grid.required_visit_days
};

struct GridReport {
  std::chrono::sys_days week_start{};  // Monday
  bool week_over = false;              // the week has ended (else its figures can still grow)
  std::vector<GridWeek> grids;
};

struct ContactPoint {
  store::ContactPointRecord point;
  int visits = 0;                       // the leader's field logs in that area over the last 365 days
  std::optional<Timestamp> last_visit_at;
};

class GridService {
 public:
  static constexpr int kMaxContactPoints = 3;  // seed 002: a leader is linked to 2–3 residential areas

  GridService(store::Database& db, const Clock& clock);

  Result<GridReport> List(const Actor& actor, const GridQuery& query);
  Result<GridWeek> Get(const Actor& actor, store::Id region_id, std::chrono::sys_days week);
  Status SetVisitDays(const Actor& actor, store::Id region_id, int days);
  // duty: grid_worker | deputy | messenger. A deputy's duty needs a deputy.
  Result<store::Id> AddMember(const Actor& actor, store::Id region_id, store::Id user_id, const std::string& duty);
  // Whether they were on it (removing someone who is not is no error: the result is the same).
  Result<bool> RemoveMember(const Actor& actor, store::Id region_id, store::Id user_id);

  // A leader's contact points, readable by every staff member (what areas a leader answers for is no secret).
  Result<std::vector<ContactPoint>> ContactPoints(const Actor& actor, store::Id leader_id);
  // Links a leader to a community or grid inside the caller's scope; at most kMaxContactPoints.
  Result<store::Id> AddContactPoint(const Actor& actor, store::Id leader_id, store::Id region_id);
  // Whether the link existed.
  Result<bool> RemoveContactPoint(const Actor& actor, store::Id leader_id, store::Id region_id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace minsheng::app
