// Reads and writes the reference data: regions, departments, categories, users, sessions, calendar days.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

Result<std::vector<RegionRecord>> ListRegions(Tx& tx);
Result<std::optional<RegionRecord>> FindRegion(Tx& tx, Id id);
// FindRegion queued (Tx::QueryLater), to travel with other reads.
Later<std::optional<RegionRecord>> FindRegionLater(Tx& tx, Id id);
// Inserts a region under `parent_id` (or the root), computing its path and street; returns the record.
Result<RegionRecord> InsertRegion(Tx& tx, OptId parent_id, const std::string& level, const std::string& code,
                                  const std::string& name);

Result<std::vector<DepartmentRecord>> ListDepartments(Tx& tx);
Result<std::optional<DepartmentRecord>> FindDepartment(Tx& tx, Id id);
Result<Id> InsertDepartment(Tx& tx, const DepartmentRecord& department);

Result<std::vector<CategoryRecord>> ListCategories(Tx& tx);
Result<std::optional<CategoryRecord>> FindCategory(Tx& tx, Id id);
// FindCategory queued (Tx::QueryLater), to travel with other reads.
Later<std::optional<CategoryRecord>> FindCategoryLater(Tx& tx, Id id);
Result<Id> InsertCategory(Tx& tx, const CategoryRecord& category);
Status UpdateCategory(Tx& tx, const CategoryRecord& category);

struct UserFilter {
  std::optional<std::string> role;
  OptId department_id;
  bool active_only = false;
  // Only users whose region lies on this region path: above it (the district) or inside it.
  std::optional<std::string> along_path;
};
Result<std::vector<UserRecord>> ListUsers(Tx& tx, const UserFilter& filter);
Result<std::optional<UserRecord>> FindUser(Tx& tx, Id id);
// The lowest id among the active users with `role` (who takes a case nobody owns), or nullopt.
Result<OptId> FirstActiveUserWithRole(Tx& tx, const std::string& role);
// Who acted on a timeline: each user's name, role, deputy kind and unit — the department for a unit's
// staff, the region (street, district) for everyone else. Ids of no user are left out.
struct ActorRecord {
  Id user_id = 0;
  std::string display_name;
  std::string role;
  std::string deputy_kind;
  std::string unit_name;
};
Result<std::vector<ActorRecord>> ListActors(Tx& tx, const std::vector<Id>& user_ids);
Result<std::optional<UserRecord>> FindUserByUsername(Tx& tx, const std::string& username);
Result<Id> InsertUser(Tx& tx, const UserRecord& user);
// Writes the user's changeable fields (display name, role, region, department, deputy kind, phone, active).
Status UpdateUser(Tx& tx, const UserRecord& user);
Status SetUserPassword(Tx& tx, Id user_id, const std::string& password_hash);
Result<std::int64_t> CountUsers(Tx& tx);

Status InsertSession(Tx& tx, const std::string& token_hash, Id user_id, Timestamp created_at, Timestamp expires_at);
struct SessionRecord {
  Id user_id = 0;
  Timestamp expires_at = 0;
};
Result<std::optional<SessionRecord>> FindSession(Tx& tx, const std::string& token_hash);
Status DeleteExpiredSessions(Tx& tx, Timestamp now);
// Signs the user out everywhere.
Status DeleteUserSessions(Tx& tx, Id user_id);
// Records an account's failed logins (0 and nulls after a success or an admin's unlock).
Status SetLoginFailures(Tx& tx, Id user_id, int failures, OptId last_failure, OptId locked_until);
// Ends one session (logout); nothing happens when there is no such session.
Status DeleteSession(Tx& tx, const std::string& token_hash);

struct CalendarDayRecord {
  std::string day;   // YYYY-MM-DD
  std::string kind;  // holiday | workday
  std::string name;
};
Result<std::vector<CalendarDayRecord>> ListCalendarDays(Tx& tx);
// Inserts or replaces the day's entry.
Status UpsertCalendarDay(Tx& tx, const CalendarDayRecord& day);

}  // namespace minsheng::store
