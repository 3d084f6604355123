// /api/v1/regions, /departments, /categories, /users, /calendar.
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "api/user_json.h"

namespace minsheng::api {
namespace {

using nlohmann::json;
using app::Actor;

template <typename T, typename F>
Response Items(const std::vector<T>& rows, F to_json) {
  json items = json::array();
  for (const auto& r : rows) items.push_back(to_json(r));
  return Ok({{"items", items}});
}

Result<int> DaysField(const json& body, const char* field, int fallback) {
  MS_ASSIGN(v, OptionalInt64(body, field, 1, 365));
  return v ? static_cast<int>(*v) : fallback;
}

Result<store::CategoryRecord> ReadCategory(const json& body, store::CategoryRecord c) {
  MS_ASSIGN(name, RequiredString(body, "name", 100));
  MS_ASSIGN(dept, OptionalInt64(body, "default_department_id", 1));
  c.name = std::move(name);
  if (dept) c.default_department_id = dept;
  MS_ASSIGN(accept, DaysField(body, "accept_days", c.accept_days));
  MS_ASSIGN(contact, DaysField(body, "contact_days", c.contact_days));
  MS_ASSIGN(reply, DaysField(body, "reply_days", c.reply_days));
  MS_ASSIGN(resolve, DaysField(body, "resolve_days", c.resolve_days));
  MS_ASSIGN(escalate, DaysField(body, "escalate_days", c.escalate_days));
  MS_ASSIGN(active, OptionalBool(body, "active"));
  c.accept_days = accept;
  c.contact_days = contact;
  c.reply_days = reply;
  c.resolve_days = resolve;
  c.escalate_days = escalate;
  if (active) c.active = *active;
  return c;
}

// For PATCH: reads `field` into `out` only when the body has it; absent fields stay as they are.
template <typename T, typename Read>
Status IfPresent(const json& body, std::string_view field, std::optional<T>& out, Read read) {
  if (!body.contains(field)) return {};
  MS_ASSIGN(value, read());
  out = std::move(value);
  return {};
}

// An optional text field where null or blank clears the value.
Result<std::string> TextOrEmpty(const json& body, std::string_view field, std::size_t max_len) {
  MS_ASSIGN(value, OptionalString(body, field, max_len));
  return value.value_or("");
}

}  // namespace

void AddReferenceRoutes(Router& router, ApiServices& s) {
  router.Add("GET", "/api/v1/regions", Staff(s, [&s](Request&, const Actor&) -> Result<Response> {
               MS_ASSIGN(rows, s.reference.Regions());
               return Items(rows, RegionJson);
             }),
             Dispatch::kWorker);
  // What the public portal submits with: the region tree and the active categories.
  router.Add("GET", "/api/v1/public/regions", Plain([&s](Request&) -> Result<Response> {
               MS_ASSIGN(rows, s.reference.Regions());
               return Items(rows, RegionJson);
             }),
             Dispatch::kWorker);
  router.Add("GET", "/api/v1/public/categories", Plain([&s](Request&) -> Result<Response> {
               MS_ASSIGN(rows, s.reference.Categories());
               std::erase_if(rows, [](const store::CategoryRecord& c) { return !c.active; });
               return Items(rows, CategoryJson);
             }),
             Dispatch::kWorker);
  router.Add("POST", "/api/v1/regions", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(parent, OptionalInt64(body, "parent_id", 1));
               MS_ASSIGN(code, RequiredString(body, "code", 40));
               MS_ASSIGN(name, RequiredString(body, "name", 100));
               MS_ASSIGN(region, s.reference.AddRegion(actor, parent, code, name));
               return Created(RegionJson(region));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/departments", Staff(s, [&s](Request&, const Actor&) -> Result<Response> {
               MS_ASSIGN(rows, s.reference.Departments());
               return Items(rows, DepartmentJson);
             }),
             Dispatch::kWorker);
  router.Add("POST", "/api/v1/departments", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(code, RequiredString(body, "code", 40));
               MS_ASSIGN(name, RequiredString(body, "name", 100));
               MS_ASSIGN(phone, OptionalString(body, "phone", 40));
               MS_ASSIGN(dept, s.reference.AddDepartment(actor, {.code = code, .name = name,
                                                                 .phone = phone.value_or("")}));
               return Created(DepartmentJson(dept));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/categories", Staff(s, [&s](Request&, const Actor&) -> Result<Response> {
               MS_ASSIGN(rows, s.reference.Categories());
               return Items(rows, CategoryJson);
             }),
             Dispatch::kWorker);
  router.Add("POST", "/api/v1/categories", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(code, RequiredString(body, "code", 40));
               MS_ASSIGN(c, ReadCategory(body, {.code = code}));
               MS_ASSIGN(created, s.reference.AddCategory(actor, c));
               return Created(CategoryJson(created));
             }),
             Dispatch::kWorker);
  router.Add("PUT", "/api/v1/categories/{id}", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(c, ReadCategory(body, {.id = id}));
               MS_ASSIGN(updated, s.reference.UpdateCategory(actor, c));
               return Ok(CategoryJson(updated));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/users", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               store::UserFilter f;
               MS_ASSIGN(role, QueryString(req, "role", 20));
               if (role && !role->empty()) f.role = role;
               MS_ASSIGN(dept, QueryId(req, "department_id"));
               f.department_id = dept;
               MS_ASSIGN(rows, s.reference.Users(actor, f));
               // Only admins manage users; the others pick a case's leader or deputy by name.
               return Items(rows, actor.Is(Role::kAdmin) ? UserJson : UserPickJson);
             }),
             Dispatch::kWorker);
  router.Add("POST", "/api/v1/users", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               app::NewUser u;
               MS_ASSIGN(username, RequiredString(body, "username", 64));
               MS_ASSIGN(password, RequiredString(body, "password", 128));
               MS_ASSIGN(display_name, RequiredString(body, "display_name", 50));
               MS_ASSIGN(role, RequiredString(body, "role", 20));
               MS_ASSIGN(region, RequiredInt64(body, "region_id", 1));
               MS_ASSIGN(dept, OptionalInt64(body, "department_id", 1));
               MS_ASSIGN(kind, OptionalString(body, "deputy_kind", 40));
               MS_ASSIGN(phone, OptionalString(body, "phone", 20));
               std::optional<bool> head;
               MS_TRY(IfPresent(body, "unit_head", head, [&] { return RequiredBool(body, "unit_head"); }));
               u.unit_head = head.value_or(false);
               u.username = username;
               u.password = password;
               u.display_name = display_name;
               u.role = role;
               u.region_id = region;
               u.department_id = dept;
               u.deputy_kind = kind.value_or("");
               u.phone = phone.value_or("");
               MS_ASSIGN(user, s.reference.AddUser(actor, u));
               return Created(UserJson(user));
             }),
             Dispatch::kWorker);

  router.Add("PATCH", "/api/v1/users/{id}", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               app::UserChange c;
               MS_TRY(IfPresent(body, "display_name", c.display_name,
                                [&] { return RequiredString(body, "display_name", 50); }));
               MS_TRY(IfPresent(body, "role", c.role, [&] { return RequiredString(body, "role", 20); }));
               MS_TRY(IfPresent(body, "region_id", c.region_id, [&] { return RequiredInt64(body, "region_id", 1); }));
               MS_TRY(IfPresent(body, "department_id", c.department_id,
                                [&] { return OptionalInt64(body, "department_id", 1); }));
               MS_TRY(IfPresent(body, "deputy_kind", c.deputy_kind, [&] { return TextOrEmpty(body, "deputy_kind", 40); }));
               MS_TRY(IfPresent(body, "phone", c.phone, [&] { return TextOrEmpty(body, "phone", 20); }));
               MS_TRY(IfPresent(body, "active", c.active, [&] { return RequiredBool(body, "active"); }));
               MS_TRY(IfPresent(body, "unit_head", c.unit_head, [&] { return RequiredBool(body, "unit_head"); }));
               MS_ASSIGN(user, s.reference.UpdateUser(actor, id, c));
               s.auth.Forget(user.id);
               return Ok(UserJson(user));
             }),
             Dispatch::kWorker);
  router.Add("POST", "/api/v1/users/{id}/password", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(password, RequiredString(body, "password", 128));
               MS_TRY(s.reference.SetPassword(actor, id, password));
               s.auth.Forget(id);
               return Ok(json::object());
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/users/{id}/unlock", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(user, s.reference.UnlockUser(actor, id));
               return Ok(UserJson(user));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/calendar", Staff(s, [&s](Request& req, const Actor&) -> Result<Response> {
               MS_ASSIGN(year, QueryInt64(req, "year", 0, 0, 9999));
               MS_ASSIGN(days, s.reference.CalendarDays(year > 0 ? std::optional<int>(year) : std::nullopt));
               return Items(days, [](const store::CalendarDayRecord& d) {
                 return json{{"day", d.day}, {"kind", d.kind}, {"name", d.name}};
               });
             }),
             Dispatch::kWorker);
  router.Add("POST", "/api/v1/calendar", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               if (!body.contains("days") || !body["days"].is_array())
                 return Fail(Error::Invalid("missing_field", "缺少必填字段：days（数组）", "days"));
               std::vector<store::CalendarDayRecord> days;
               for (const auto& d : body["days"]) {
                 if (!d.is_object() || !d.contains("day") || !d["day"].is_string() || !d.contains("kind") ||
                     !d["kind"].is_string())
                   return Fail(Error::Invalid("invalid_value", "每一天应为 {day, kind, name} 对象",
                                              "days[" + std::to_string(days.size()) + "]"));
                 const std::string at = "days[" + std::to_string(days.size()) + "]";
                 auto name = OptionalString(d, "name", 50);
                 if (!name) {
                   Error e = name.error();
                   e.field = at + ".name";
                   return Fail(std::move(e));
                 }
                 MS_TRY(CheckPrintable(d["day"].get_ref<const std::string&>(), at + ".day"));
                 MS_TRY(CheckPrintable(d["kind"].get_ref<const std::string&>(), at + ".kind"));
                 days.push_back({d["day"].get<std::string>(), d["kind"].get<std::string>(), name->value_or("")});
               }
               MS_ASSIGN(count, s.reference.SetCalendarDays(actor, days));
               return Ok({{"saved", count}});
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
