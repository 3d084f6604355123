// JSON views of appeals: full for staff (personal data only for those who work the case, masked
// otherwise), and a public view by receipt code with no personal data at all.
#pragma once

#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "app/appeal_service.h"

namespace minsheng::api {

// "张三" → "张*"; "13800001234" → "138****1234".
std::string MaskName(const std::string& name);
std::string MaskPhone(const std::string& phone);

// urgency: "normal", "yellow" or "red" (AppealService::UrgencyOf).
nlohmann::json AppealJson(const store::AppealRecord& a, bool personal_data, std::string_view urgency);
nlohmann::json AppealDetailJson(const app::AppealDetail& d, bool personal_data, std::string_view urgency,
                                const std::vector<std::string>& allowed_actions);
nlohmann::json PublicAppealJson(const app::AppealDetail& d, const std::vector<store::DepartmentRecord>& units);
nlohmann::json ExtensionJson(const store::ExtensionRecord& x);
nlohmann::json NoticeJson(const store::NoticeRecord& n);

}  // namespace minsheng::api
