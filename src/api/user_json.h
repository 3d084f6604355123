// JSON of reference data: users (never their password hash), regions, departments, categories.
#pragma once

#include <nlohmann/json.hpp>

#include "store/records.h"
#include "store/reference_repository.h"

namespace minsheng::api {

// Everything an admin manages about a user.
nlohmann::json UserJson(const store::UserRecord& u);
// What someone picking a case's leader or deputy needs: no username, no phone.
nlohmann::json UserPickJson(const store::UserRecord& u);
nlohmann::json RegionJson(const store::RegionRecord& r);
nlohmann::json DepartmentJson(const store::DepartmentRecord& d);
nlohmann::json CategoryJson(const store::CategoryRecord& c);

}  // namespace minsheng::api
