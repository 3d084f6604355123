// Who is acting: a logged-in staff member, a resident on the public portal, or the system itself.
#pragma once

#include <optional>
#include <string>

#include "core/access.h"
#include "core/error.h"
#include "core/lifecycle.h"
#include "store/records.h"

namespace minsheng::app {

struct Actor {
  enum class Kind { kStaff, kResident, kSystem };
  Kind kind = Kind::kStaff;
  store::Id user_id = 0;  // 0 unless staff
  Role role = Role::kRegistrar;
  std::string username;
  std::string display_name;
  store::Id region_id = 0;
  std::string region_path;  // the scope: appeals in this subtree ("/1/" is the whole district)
  std::optional<store::Id> department_id;  // handlers only
  bool unit_head = false;                  // a handler who approves the unit's answers (单位负责人)
  std::string remote_address;  // where the request came from (for the audit log); "" when unknown

  static Actor Resident() { return Actor{.kind = Kind::kResident, .display_name = "群众"}; }
  static Actor System() { return Actor{.kind = Kind::kSystem, .display_name = "系统"}; }

  bool IsStaff() const { return kind == Kind::kStaff; }
  bool Is(Role r) const { return IsStaff() && role == r; }
  // Whether the user's scope is the whole district (a path of one id: "/1/").
  bool DistrictWide() const;
  // The label shown on a public timeline instead of the person's name.
  std::string PublicLabel() const;
};

// kForbidden "您的角色（X）不能<what>" unless `actor` is staff whose role may take `operation`.
Status RequireOperation(const Actor& actor, Operation operation, std::string_view what);

}  // namespace minsheng::app
