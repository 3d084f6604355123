#include "app/actor.h"

#include <algorithm>

namespace minsheng::app {

bool Actor::DistrictWide() const { return std::count(region_path.begin(), region_path.end(), '/') <= 2; }

std::string Actor::PublicLabel() const {
  switch (kind) {
    case Kind::kResident: return "群众";
    case Kind::kSystem: return "系统";
    case Kind::kStaff: return std::string(RoleLabel(role));
  }
  return "";
}

Status RequireOperation(const Actor& actor, Operation operation, std::string_view what) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, operation))
    return Fail(Error::Forbidden("您的角色（" + std::string(RoleLabel(actor.role)) + "）不能" + std::string(what)));
  return {};
}

}  // namespace minsheng::app
