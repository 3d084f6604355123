// The reference data of the demo district (docs/demo.md): regions, departments, categories and users.
// Codes and usernames are a contract that tests and documentation rely on.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "app/actor.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::cli {

// The password of every demo user.
inline constexpr std::string_view kDemoPassword = "demo12345";

struct DemoRegion {
  std::string_view code;         // "s01c01g02"
  std::string_view name;         // "朝阳社区第二网格"
  std::string_view level;        // district | street | community | grid
  std::string_view parent_code;  // empty for the district
};

struct DemoDepartment {
  std::string_view code;
  std::string_view name;
  std::string_view phone;
};

struct DemoCategory {
  std::string_view code;
  std::string_view name;
  std::string_view department_code;  // the default lead unit
  int accept_days = 1;
  int contact_days = 2;
  int reply_days = 7;
  int resolve_days = 15;
  int escalate_days = 5;
  int weight = 5;  // how often residents raise it, relative to the others
};

struct DemoUser {
  std::string_view username;
  std::string_view display_name;
  std::string_view role;
  std::string_view region_code;
  std::string_view department_code;  // handlers only
  std::string_view deputy_kind;      // deputies only: "npc" (人大代表) or "cppcc" (政协委员)
  std::string_view phone;
  bool unit_head = false;            // handlers only: approves the unit's answers (单位负责人)
};

// The fixture tables, parents before children.
std::span<const DemoRegion> DemoRegions();
std::span<const DemoDepartment> DemoDepartments();
std::span<const DemoCategory> DemoCategories();
std::span<const DemoUser> DemoUsers();

// The fixture as loaded, by code / username.
struct LoadedFixture {
  std::map<std::string, store::RegionRecord, std::less<>> regions;
  std::map<std::string, store::DepartmentRecord, std::less<>> departments;
  std::map<std::string, store::CategoryRecord, std::less<>> categories;
  std::map<std::string, store::UserRecord, std::less<>> users;
};

// The staff actor of a loaded demo user (its region path from the fixture).
app::Actor DemoActor(const store::UserRecord& user, const LoadedFixture& fixture);

// Inserts the whole fixture inside `tx`; every user gets `password_hash` and `created_at`.
// Fails with kConflict "not_empty" if the database already has users or appeals.
Result<LoadedFixture> LoadDemoFixture(store::Tx& tx, const std::string& password_hash, Timestamp created_at);

}  // namespace minsheng::cli
