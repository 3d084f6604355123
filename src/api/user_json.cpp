#include "api/user_json.h"

#include "api/handler_support.h"

namespace minsheng::api {

nlohmann::json UserJson(const store::UserRecord& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", u.role},
          {"region_id", u.region_id},
          {"department_id", IdOrNull(u.department_id)},
          {"deputy_kind", u.deputy_kind},
          {"phone", u.phone},
          {"active", u.active},
          {"unit_head", u.unit_head},
          {"failed_logins", u.failed_logins},
          {"locked_until", u.locked_until ? nlohmann::json(FormatTime(*u.locked_until)) : nlohmann::json(nullptr)}};
}

nlohmann::json UserPickJson(const store::UserRecord& u) {
  return {{"id", u.id},
          {"display_name", u.display_name},
          {"role", u.role},
          {"region_id", u.region_id},
          {"deputy_kind", u.deputy_kind},
          {"active", u.active}};
}

nlohmann::json RegionJson(const store::RegionRecord& r) {
  return {{"id", r.id}, {"parent_id", IdOrNull(r.parent_id)}, {"level", r.level}, {"code", r.code},
          {"name", r.name}, {"street_id", IdOrNull(r.street_id)}};
}

nlohmann::json DepartmentJson(const store::DepartmentRecord& d) {
  return {{"id", d.id},        {"code", d.code},     {"name", d.name},
          {"phone", d.phone},  {"active", d.active}, {"review_replies", d.review_replies}};  // issue 12
}

nlohmann::json CategoryJson(const store::CategoryRecord& c) {
  return {{"id", c.id},
          {"code", c.code},
          {"name", c.name},
          {"default_department_id", IdOrNull(c.default_department_id)},
          {"accept_days", c.accept_days},
          {"contact_days", c.contact_days},
          {"reply_days", c.reply_days},
          {"resolve_days", c.resolve_days},
          {"escalate_days", c.escalate_days},
          {"active", c.active}};
}

}  // namespace minsheng::api
