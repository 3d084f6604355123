// Reference data use cases: regions, departments, categories, users and the calendar.
// Everyone logged in may read regions, departments and categories; only admins change them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/calendar_cache.h"
#include "core/clock.h"
#include "store/database.h"
#include "store/reference_repository.h"

namespace minsheng::app {

struct NewUser {
  std::string username;
  std::string password;
  std::string display_name;
  std::string role;
  store::Id region_id = 0;
  store::OptId department_id;
  std::string deputy_kind;
  std::string phone;
  bool unit_head = false;  // handlers only: approves the unit's answers
};

// The fields an admin changes on an existing user; absent ones stay as they are.
struct UserChange {
  std::optional<std::string> display_name;
  std::optional<std::string> role;
  std::optional<store::Id> region_id;
  std::optional<store::OptId> department_id;  // a present nullopt clears the department
  std::optional<std::string> deputy_kind;
  std::optional<std::string> phone;
  std::optional<bool> active;
  std::optional<bool> unit_head;
};

class ReferenceService {
 public:
  ReferenceService(store::Database& db, const Clock& clock, CalendarCache& calendar);

  // GET /api/v1/health: one trivial read, then which engine answered it ("sqlite", "postgresql").
  Result<std::string_view> Health();

  Result<std::vector<store::RegionRecord>> Regions();
  Result<std::vector<store::DepartmentRecord>> Departments();
  Result<std::vector<store::CategoryRecord>> Categories();
  // Admin: every user. Coordinator: the active leaders or deputies (role=leader|deputy) of their region
  // and above it, to pick a case's leader and deputy when dispatching (the API leaves out their phones).
  Result<std::vector<store::UserRecord>> Users(const Actor& actor, store::UserFilter filter);

  Result<store::RegionRecord> AddRegion(const Actor& actor, store::OptId parent_id, const std::string& code,
                                        const std::string& name);
  Result<store::DepartmentRecord> AddDepartment(const Actor& actor, store::DepartmentRecord department);
  Result<store::CategoryRecord> AddCategory(const Actor& actor, store::CategoryRecord category);
  Result<store::CategoryRecord> UpdateCategory(const Actor& actor, store::CategoryRecord category);
  Result<store::UserRecord> AddUser(const Actor& actor, const NewUser& user);
  // Admin. Deactivating signs the user out (their sessions are deleted); nobody deactivates or
  // changes the role of their own account (409 cannot_change_self).
  Result<store::UserRecord> UpdateUser(const Actor& actor, store::Id user_id, const UserChange& change);
  // Admin. The new password works at once; the user's sessions end.
  Status SetPassword(const Actor& actor, store::Id user_id, const std::string& password);

  // Admin. Lifts a lock after repeated failed logins and forgets the failures.
  Result<store::UserRecord> UnlockUser(const Actor& actor, store::Id user_id);

  Result<std::vector<store::CalendarDayRecord>> CalendarDays(std::optional<int> year);
  // Adds or replaces days (admin) and reloads the shared calendar.
  Result<int> SetCalendarDays(const Actor& actor, const std::vector<store::CalendarDayRecord>& days);

 private:
  store::Database& db_;
  const Clock& clock_;
  CalendarCache& calendar_;
};

}  // namespace minsheng::app
