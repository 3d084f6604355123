#include "app/reference_service.h"

#include "app/audit.h"
#include "app/password.h"
#include "core/access.h"
#include "core/calendar.h"

namespace minsheng::app {
namespace {

Status RequireAdmin(const Actor& actor) {
  if (!actor.Is(Role::kAdmin)) return Fail(Error::Forbidden("只有系统管理员可以执行此操作"));
  return {};
}

Status RequireNonEmpty(const std::string& value, std::string_view field, std::string_view what) {
  if (value.empty()) return Fail(Error::Invalid("missing_field", "请填写" + std::string(what), std::string(field)));
  return {};
}

// What the audit log keeps of a user (never the password hash) and of a category.
nlohmann::json UserDetail(const store::UserRecord& u) {
  return {{"username", u.username}, {"display_name", u.display_name}, {"role", u.role}, {"region_id", u.region_id},
          {"department_id", u.department_id ? nlohmann::json(*u.department_id) : nullptr},
          {"deputy_kind", u.deputy_kind}, {"phone", u.phone}, {"active", u.active}, {"unit_head", u.unit_head}};
}

nlohmann::json CategoryDetail(const store::CategoryRecord& c) {
  return {{"code", c.code}, {"name", c.name},
          {"default_department_id", c.default_department_id ? nlohmann::json(*c.default_department_id) : nullptr},
          {"accept_days", c.accept_days}, {"contact_days", c.contact_days}, {"reply_days", c.reply_days},
          {"resolve_days", c.resolve_days}, {"escalate_days", c.escalate_days}, {"active", c.active}};
}

Status CheckDays(const store::CategoryRecord& c) {
  const std::pair<int, std::string_view> days[] = {{c.accept_days, "accept_days"}, {c.contact_days, "contact_days"},
                                                   {c.reply_days, "reply_days"}, {c.resolve_days, "resolve_days"},
                                                   {c.escalate_days, "escalate_days"}};
  for (const auto& [value, field] : days)
    if (value < 1 || value > 365)
      return Fail(Error::Invalid("invalid_value", "时限应在 1 到 365 个工作日之间", std::string(field)));
  if (c.reply_days > c.resolve_days)
    return Fail(Error::Invalid("invalid_value", "答复时限不能长于办结时限", "reply_days"));
  return {};
}

}  // namespace

ReferenceService::ReferenceService(store::Database& db, const Clock& clock, CalendarCache& calendar)
    : db_(db), clock_(clock), calendar_(calendar) {}

Result<std::string_view> ReferenceService::Health() {
  MS_TRY(db_.Read([](store::Tx& tx) -> Status {
    MS_TRY(tx.QueryOne("SELECT 1"));
    return {};
  }));
  return db_.Engine();
}

Result<std::vector<store::RegionRecord>> ReferenceService::Regions() {
  return ReadValue<std::vector<store::RegionRecord>>(db_, [](store::Tx& tx) { return store::ListRegions(tx); });
}

Result<std::vector<store::DepartmentRecord>> ReferenceService::Departments() {
  return ReadValue<std::vector<store::DepartmentRecord>>(db_,
                                                         [](store::Tx& tx) { return store::ListDepartments(tx); });
}

Result<std::vector<store::CategoryRecord>> ReferenceService::Categories() {
  return ReadValue<std::vector<store::CategoryRecord>>(db_, [](store::Tx& tx) { return store::ListCategories(tx); });
}

Result<std::vector<store::UserRecord>> ReferenceService::Users(const Actor& actor, store::UserFilter filter) {
  // A coordinator dispatching a case picks its leader and its deputy, and a grid's workers among the
  // registrars: those lists are theirs to read. They see the people of their own region and above it,
  // never another street's.
  const bool picking = !actor.Is(Role::kAdmin) && RoleMayDo(actor.role, Operation::kPickCaseUsers) &&
                       (filter.role == "leader" || filter.role == "deputy" || filter.role == "registrar");
  if (!picking) MS_TRY(RequireAdmin(actor));
  if (picking) {
    filter.active_only = true;
    if (!actor.DistrictWide()) filter.along_path = actor.region_path;
  }
  return ReadValue<std::vector<store::UserRecord>>(db_, [&](store::Tx& tx) { return store::ListUsers(tx, filter); });
}

namespace {

// A code or name that must be unique and is already taken: the store's unique violation becomes an
// error that names the field, in words a person understands.
template <typename T>
Result<T> Taken(Result<T> r, const char* field, const std::string& what) {
  if (!r && r.error().code == "unique_violation")
    return Fail(Error{ErrorKind::kConflict, "already_exists", what + " 已存在，请换一个", field, {}});
  return r;
}

}  // namespace

Result<store::RegionRecord> ReferenceService::AddRegion(const Actor& actor, store::OptId parent_id,
                                                        const std::string& code, const std::string& name) {
  MS_TRY(RequireAdmin(actor));
  MS_TRY(RequireNonEmpty(code, "code", "区域编码"));
  MS_TRY(RequireNonEmpty(name, "name", "区域名称"));
  return Taken(WriteValue<store::RegionRecord>(db_, [&](store::Tx& tx) -> Result<store::RegionRecord> {
    static constexpr const char* kLevels[] = {"district", "street", "community", "grid"};
    std::size_t depth = 0;
    if (parent_id) {
      MS_ASSIGN(parent, store::FindRegion(tx, *parent_id));
      if (!parent) return Fail(Error::Invalid("invalid_value", "上级区域不存在", "parent_id"));
      if (parent->level == "grid") return Fail(Error::Invalid("invalid_value", "网格下不能再设区域", "parent_id"));
      for (std::size_t i = 0; i < 4; ++i)
        if (parent->level == kLevels[i]) depth = i + 1;
    }
    MS_ASSIGN(region, store::InsertRegion(tx, parent_id, kLevels[depth], code, name));
    MS_TRY(Audit(tx, actor, clock_.Now(), "region_create", "region", region.id, region.street_id,
                 {{"code", code}, {"name", name}, {"parent_id", parent_id ? nlohmann::json(*parent_id) : nullptr}}));
    return region;
  }), "code", "区域编码 " + code);
}

Result<store::DepartmentRecord> ReferenceService::AddDepartment(const Actor& actor, store::DepartmentRecord d) {
  MS_TRY(RequireAdmin(actor));
  MS_TRY(RequireNonEmpty(d.code, "code", "部门编码"));
  MS_TRY(RequireNonEmpty(d.name, "name", "部门名称"));
  MS_ASSIGN(id, Taken(WriteValue<store::Id>(db_, [&](store::Tx& tx) -> Result<store::Id> {
                        MS_ASSIGN(id, store::InsertDepartment(tx, d));
                        MS_TRY(Audit(tx, actor, clock_.Now(), "department_create", "department", id, std::nullopt,
                                     {{"code", d.code}, {"name", d.name}, {"phone", d.phone}}));
                        return id;
                      }),
                      "code", "部门编码 " + d.code));
  d.id = id;
  return d;
}

Result<store::CategoryRecord> ReferenceService::AddCategory(const Actor& actor, store::CategoryRecord c) {
  MS_TRY(RequireAdmin(actor));
  MS_TRY(RequireNonEmpty(c.code, "code", "分类编码"));
  MS_TRY(RequireNonEmpty(c.name, "name", "分类名称"));
  MS_TRY(CheckDays(c));
  MS_ASSIGN(id, Taken(WriteValue<store::Id>(db_, [&](store::Tx& tx) -> Result<store::Id> {
                        MS_ASSIGN(id, store::InsertCategory(tx, c));
                        MS_TRY(Audit(tx, actor, clock_.Now(), "category_create", "category", id, std::nullopt,
                                     CategoryDetail(c)));
                        return id;
                      }),
                      "code", "分类编码 " + c.code));
  c.id = id;
  return c;
}

Result<store::CategoryRecord> ReferenceService::UpdateCategory(const Actor& actor, store::CategoryRecord c) {
  MS_TRY(RequireAdmin(actor));
  MS_TRY(RequireNonEmpty(c.name, "name", "分类名称"));
  MS_TRY(CheckDays(c));
  return WriteValue<store::CategoryRecord>(db_, [&](store::Tx& tx) -> Result<store::CategoryRecord> {
    MS_ASSIGN(existing, store::FindCategory(tx, c.id));
    if (!existing) return Fail(Error::NotFound("诉求分类不存在", "id"));
    c.code = existing->code;
    MS_TRY(store::UpdateCategory(tx, c));
    MS_TRY(Audit(tx, actor, clock_.Now(), "category_update", "category", c.id, std::nullopt,
                 {{"before", CategoryDetail(*existing)}, {"after", CategoryDetail(c)}}));
    return c;
  });
}

namespace {

Status CheckPassword(const std::string& password) {
  if (password.size() < 8) return Fail(Error::Invalid("invalid_value", "密码至少 8 位", "password"));
  return {};
}

// What every user, new or changed, must be: a known role, a handler bound to a department, and a
// region and department that exist.
Status CheckUser(store::Tx& tx, const store::UserRecord& u) {
  MS_TRY(RequireNonEmpty(u.display_name, "display_name", "姓名"));
  MS_ASSIGN(role, ParseRole(u.role));
  if (role == Role::kHandler && !u.department_id)
    return Fail(Error::Invalid("missing_field", "职能部门账号须绑定部门", "department_id"));
  if (u.unit_head && role != Role::kHandler)
    return Fail(Error::Invalid("invalid_value", "只有职能部门账号可以设为单位负责人", "unit_head"));
  MS_ASSIGN(region, store::FindRegion(tx, u.region_id));
  if (!region) return Fail(Error::Invalid("invalid_value", "所属区域不存在", "region_id"));
  if (u.department_id) {
    MS_ASSIGN(dept, store::FindDepartment(tx, *u.department_id));
    if (!dept) return Fail(Error::Invalid("invalid_value", "部门不存在", "department_id"));
  }
  return {};
}

}  // namespace

Result<store::UserRecord> ReferenceService::AddUser(const Actor& actor, const NewUser& in) {
  MS_TRY(RequireAdmin(actor));
  MS_TRY(RequireNonEmpty(in.username, "username", "用户名"));
  MS_TRY(RequireNonEmpty(in.display_name, "display_name", "姓名"));
  MS_TRY(CheckPassword(in.password));
  MS_TRY(ParseRole(in.role));
  MS_ASSIGN(hash, HashPassword(in.password));
  return Taken(WriteValue<store::UserRecord>(db_, [&](store::Tx& tx) -> Result<store::UserRecord> {
    store::UserRecord u{.username = in.username, .password_hash = hash, .display_name = in.display_name,
                        .role = in.role, .region_id = in.region_id, .department_id = in.department_id,
                        .deputy_kind = in.deputy_kind, .phone = in.phone, .unit_head = in.unit_head,
                        .created_at = clock_.Now()};
    MS_TRY(CheckUser(tx, u));
    MS_ASSIGN(id, store::InsertUser(tx, u));
    u.id = id;
    MS_TRY(Audit(tx, actor, clock_.Now(), "user_create", "user", id, std::nullopt, UserDetail(u)));
    return u;
  }), "username", "用户名 " + in.username);
}

Result<store::UserRecord> ReferenceService::UpdateUser(const Actor& actor, store::Id user_id,
                                                       const UserChange& change) {
  MS_TRY(RequireAdmin(actor));
  if (user_id == actor.user_id) {
    if (change.active == false)
      return Fail(Error{ErrorKind::kConflict, "cannot_change_self", "不能停用自己的账号", "active", {}});
    if (change.role && *change.role != RoleName(actor.role))
      return Fail(Error{ErrorKind::kConflict, "cannot_change_self", "不能修改自己的角色", "role", {}});
  }
  return WriteValue<store::UserRecord>(db_, [&](store::Tx& tx) -> Result<store::UserRecord> {
    MS_ASSIGN(found, store::FindUser(tx, user_id));
    if (!found) return Fail(Error::NotFound("用户不存在", "id"));
    store::UserRecord u = std::move(*found);
    const nlohmann::json before = UserDetail(u);
    const bool was_active = u.active;
    if (change.display_name) u.display_name = *change.display_name;
    if (change.role) u.role = *change.role;
    if (change.region_id) u.region_id = *change.region_id;
    if (change.department_id) u.department_id = *change.department_id;
    if (change.deputy_kind) u.deputy_kind = *change.deputy_kind;
    if (change.phone) u.phone = *change.phone;
    if (change.active) u.active = *change.active;
    if (change.unit_head) u.unit_head = *change.unit_head;
    MS_TRY(CheckUser(tx, u));
    MS_TRY(store::UpdateUser(tx, u));
    if (was_active && !u.active) MS_TRY(store::DeleteUserSessions(tx, u.id));
    MS_TRY(Audit(tx, actor, clock_.Now(), "user_update", "user", u.id, std::nullopt,
                 {{"before", before}, {"after", UserDetail(u)}}));
    return u;
  });
}

Status ReferenceService::SetPassword(const Actor& actor, store::Id user_id, const std::string& password) {
  MS_TRY(RequireAdmin(actor));
  MS_TRY(CheckPassword(password));
  MS_ASSIGN(hash, HashPassword(password));
  return db_.Write([&](store::Tx& tx) -> Status {
    MS_ASSIGN(user, store::FindUser(tx, user_id));
    if (!user) return Fail(Error::NotFound("用户不存在", "id"));
    MS_TRY(store::SetUserPassword(tx, user_id, hash));
    MS_TRY(store::DeleteUserSessions(tx, user_id));
    return Audit(tx, actor, clock_.Now(), "user_password", "user", user_id, std::nullopt,
                 {{"username", user->username}});
  });
}

Result<store::UserRecord> ReferenceService::UnlockUser(const Actor& actor, store::Id user_id) {
  MS_TRY(RequireAdmin(actor));
  return WriteValue<store::UserRecord>(db_, [&](store::Tx& tx) -> Result<store::UserRecord> {
    MS_ASSIGN(user, store::FindUser(tx, user_id));
    if (!user) return Fail(Error::NotFound("用户不存在", "id"));
    MS_TRY(store::SetLoginFailures(tx, user_id, 0, std::nullopt, std::nullopt));
    MS_TRY(Audit(tx, actor, clock_.Now(), "user_unlock", "user", user_id, std::nullopt,
                 {{"username", user->username}, {"failed_logins", user->failed_logins}}));
    user->failed_logins = 0;
    user->last_failed_login_at.reset();
    user->locked_until.reset();
    return std::move(*user);
  });
}

Result<std::vector<store::CalendarDayRecord>> ReferenceService::CalendarDays(std::optional<int> year) {
  MS_ASSIGN(days, ReadValue<std::vector<store::CalendarDayRecord>>(
                      db_, [](store::Tx& tx) { return store::ListCalendarDays(tx); }));
  if (!year) return days;
  std::vector<store::CalendarDayRecord> out;
  const std::string prefix = std::to_string(*year) + "-";
  for (auto& d : days)
    if (d.day.starts_with(prefix)) out.push_back(std::move(d));
  return out;
}

Result<int> ReferenceService::SetCalendarDays(const Actor& actor, const std::vector<store::CalendarDayRecord>& days) {
  MS_TRY(RequireAdmin(actor));
  if (days.empty()) return Fail(Error::Invalid("missing_field", "请至少提供一天", "days"));
  for (std::size_t i = 0; i < days.size(); ++i) {
    const std::string field = "days[" + std::to_string(i) + "]";
    MS_TRY(ParseDate(days[i].day, field + ".day"));
    if (days[i].kind != "holiday" && days[i].kind != "workday")
      return Fail(Error::Invalid("invalid_value", "类型应为 holiday 或 workday", field + ".kind"));
  }
  MS_TRY(db_.Write([&](store::Tx& tx) -> Status {
    nlohmann::json changed = nlohmann::json::array();
    for (const auto& d : days) {
      MS_TRY(store::UpsertCalendarDay(tx, d));
      changed.push_back({{"day", d.day}, {"kind", d.kind}, {"name", d.name}});
    }
    return Audit(tx, actor, clock_.Now(), "calendar_update", "calendar", std::nullopt, std::nullopt,
                 {{"days", changed}});
  }));
  MS_TRY(calendar_.Reload(db_));
  return static_cast<int>(days.size());
}

}  // namespace minsheng::app
