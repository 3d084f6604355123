// Grids (regions of level grid) with their visit rule and people, and leaders' contact points.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct GridRecord {
  Id region_id = 0;
  OptId street_id;
  std::string code;
  std::string name;
  std::string path;
  std::string community_name;  // the grid's parent region
  int required_visit_days = 0;
};

struct GridMemberRecord {
  Id id = 0;
  Id region_id = 0;
  Id user_id = 0;
  std::string duty;  // grid_worker | deputy | messenger
  std::string display_name;
  std::string role;
  Timestamp created_at = 0;
};

// The grids under region path `scope_path` ("/1/4/": the subtree), by code; `default_visit_days` for
// grids whose rule was never changed.
Result<std::vector<GridRecord>> ListGrids(Tx& tx, const std::string& scope_path, int default_visit_days);
Result<std::optional<GridRecord>> FindGrid(Tx& tx, Id region_id, int default_visit_days);
Status SetGridVisitDays(Tx& tx, Id region_id, OptId street_id, int days, Timestamp at, Id by);

// The people of the grids under `scope_path` (or of one grid when `region_id` is set), by grid then name.
Result<std::vector<GridMemberRecord>> ListGridMembers(Tx& tx, const std::string& scope_path, OptId region_id = {});
// Adds a person to a grid; a person already on it is kConflict "unique_violation".
Result<Id> InsertGridMember(Tx& tx, Id region_id, OptId street_id, Id user_id, const std::string& duty, Timestamp at);
// Removes a person from a grid; returns whether they were on it.
Result<bool> DeleteGridMember(Tx& tx, Id region_id, Id user_id);

// The times of the field visits (field_logs of kind visit) on the grids under `scope_path` in [from, to),
// as (grid region id, met_at) pairs.
struct GridVisit {
  Id region_id = 0;
  Timestamp met_at = 0;
  int people_count = 0;
};
Result<std::vector<GridVisit>> ListGridVisits(Tx& tx, const std::string& scope_path, Timestamp from, Timestamp to);

struct ContactPointRecord {
  Id id = 0;
  Id leader_id = 0;
  Id region_id = 0;
  OptId street_id;
  std::string region_name;
  std::string region_level;
  std::string region_path;
  Timestamp created_at = 0;
};
Result<std::vector<ContactPointRecord>> ListContactPoints(Tx& tx, Id leader_id);
Result<Id> InsertContactPoint(Tx& tx, Id leader_id, Id region_id, OptId street_id, Timestamp at, Id by);
Result<bool> DeleteContactPoint(Tx& tx, Id leader_id, Id region_id);

// The field logs `author_id` wrote on regions under `path` since `from`: how many, and the latest.
struct AreaVisits {
  int visits = 0;
  OptId last_at;
};
Result<AreaVisits> CountAuthorVisits(Tx& tx, Id author_id, const std::string& path, Timestamp from);

}  // namespace minsheng::store
