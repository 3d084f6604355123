#include "store/reference_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

RegionRecord ReadRegion(const Row& r) {
  ColumnReader c(r);
  RegionRecord x;
  x.id = c.Int();
  x.parent_id = c.OptInt();
  x.level = c.Text();
  x.code = c.Text();
  x.name = c.Text();
  x.path = c.Text();
  x.street_id = c.OptInt();
  return x;
}
constexpr std::string_view kRegionSelect = "SELECT id, parent_id, level, code, name, path, street_id FROM regions";

DepartmentRecord ReadDepartment(const Row& r) {
  ColumnReader c(r);
  DepartmentRecord x;
  x.id = c.Int();
  x.code = c.Text();
  x.name = c.Text();
  x.phone = c.Text();
  x.active = c.Int() != 0;
  x.review_replies = c.Int() != 0;
  return x;
}
constexpr std::string_view kDepartmentSelect =
    "SELECT id, code, name, phone, active, review_replies FROM departments";

CategoryRecord ReadCategory(const Row& r) {
  ColumnReader c(r);
  CategoryRecord x;
  x.id = c.Int();
  x.code = c.Text();
  x.name = c.Text();
  x.default_department_id = c.OptInt();
  x.accept_days = static_cast<int>(c.Int());
  x.contact_days = static_cast<int>(c.Int());
  x.reply_days = static_cast<int>(c.Int());
  x.resolve_days = static_cast<int>(c.Int());
  x.escalate_days = static_cast<int>(c.Int());
  x.active = c.Int() != 0;
  return x;
}
constexpr std::string_view kCategorySelect =
    "SELECT id, code, name, default_department_id, accept_days, contact_days, reply_days, resolve_days, "
    "escalate_days, active FROM categories";

UserRecord ReadUser(const Row& r) {
  ColumnReader c(r);
  UserRecord x;
  x.id = c.Int();
  x.username = c.Text();
  x.password_hash = c.Text();
  x.display_name = c.Text();
  x.role = c.Text();
  x.region_id = c.Int();
  x.department_id = c.OptInt();
  x.deputy_kind = c.Text();
  x.phone = c.Text();
  x.active = c.Int() != 0;
  x.created_at = c.Int();
  x.failed_logins = static_cast<int>(c.Int());
  x.last_failed_login_at = c.OptInt();
  x.locked_until = c.OptInt();
  x.unit_head = c.Int() != 0;
  return x;
}
constexpr std::string_view kUserSelect =
    "SELECT id, username, password_hash, display_name, role, region_id, department_id, deputy_kind, phone, active, "
    "created_at, failed_logins, last_failed_login_at, locked_until, unit_head FROM users";

template <typename T, typename F>
Result<std::optional<T>> FindOne(Tx& tx, std::string_view select, std::string_view where, const Params& params,
                                 F read) {
  MS_ASSIGN(row, tx.QueryOne(std::string(select) + " WHERE " + std::string(where), params));
  if (!row) return std::optional<T>{};
  return std::optional<T>(read(*row));
}

// FindOne queued: the rows are read when the caller asks for the record.
template <typename T, typename F>
Later<std::optional<T>> FindOneLater(Tx& tx, std::string_view select, std::string_view where, const Params& params,
                                     F read) {
  return Later<std::optional<T>>(tx.QueryLater(std::string(select) + " WHERE " + std::string(where), params),
                                 [read](const std::vector<Row>& rows) -> Result<std::optional<T>> {
                                   if (rows.empty()) return std::optional<T>{};
                                   return std::optional<T>(read(rows.front()));
                                 });
}

}  // namespace

Result<std::vector<RegionRecord>> ListRegions(Tx& tx) {
  MS_ASSIGN(rows, tx.Query(std::string(kRegionSelect) + " ORDER BY path"));
  return MapRows(rows, ReadRegion);
}

Result<std::optional<RegionRecord>> FindRegion(Tx& tx, Id id) {
  return FindOne<RegionRecord>(tx, kRegionSelect, "id = ?", {id}, ReadRegion);
}

Later<std::optional<RegionRecord>> FindRegionLater(Tx& tx, Id id) {
  return FindOneLater<RegionRecord>(tx, kRegionSelect, "id = ?", {id}, ReadRegion);
}

Result<RegionRecord> InsertRegion(Tx& tx, OptId parent_id, const std::string& level, const std::string& code,
                                  const std::string& name) {
  std::optional<RegionRecord> parent;
  if (parent_id) {
    MS_ASSIGN(found, FindRegion(tx, *parent_id));
    if (!found) return Fail(Error::Invalid("invalid_value", "上级区域不存在", "parent_id"));
    parent = std::move(found);
  }
  MS_ASSIGN(id, tx.Insert("INSERT INTO regions (parent_id, level, code, name, path) VALUES (?, ?, ?, ?, '') "
                          "RETURNING id",
                          {Nullable(parent_id), level, code, name}));
  RegionRecord r{id, parent_id, level, code, name, (parent ? parent->path : "/") + std::to_string(id) + "/",
                 level == "street" ? OptId(id) : (parent ? parent->street_id : std::nullopt)};
  MS_TRY(tx.Execute("UPDATE regions SET path = ?, street_id = ? WHERE id = ?", {r.path, Nullable(r.street_id), id}));
  return r;
}

Result<std::vector<DepartmentRecord>> ListDepartments(Tx& tx) {
  MS_ASSIGN(rows, tx.Query(std::string(kDepartmentSelect) + " ORDER BY id"));
  return MapRows(rows, ReadDepartment);
}

Result<std::optional<DepartmentRecord>> FindDepartment(Tx& tx, Id id) {
  return FindOne<DepartmentRecord>(tx, kDepartmentSelect, "id = ?", {id}, ReadDepartment);
}

Result<Id> InsertDepartment(Tx& tx, const DepartmentRecord& d) {
  return tx.Insert("INSERT INTO departments (code, name, phone, active) VALUES (?, ?, ?, ?) RETURNING id",
                   {d.code, d.name, d.phone, std::int64_t{d.active}});
}

Result<std::vector<CategoryRecord>> ListCategories(Tx& tx) {
  MS_ASSIGN(rows, tx.Query(std::string(kCategorySelect) + " ORDER BY id"));
  return MapRows(rows, ReadCategory);
}

Result<std::optional<CategoryRecord>> FindCategory(Tx& tx, Id id) {
  return FindOne<CategoryRecord>(tx, kCategorySelect, "id = ?", {id}, ReadCategory);
}

Later<std::optional<CategoryRecord>> FindCategoryLater(Tx& tx, Id id) {
  return FindOneLater<CategoryRecord>(tx, kCategorySelect, "id = ?", {id}, ReadCategory);
}

Result<Id> InsertCategory(Tx& tx, const CategoryRecord& c) {
  return tx.Insert(
      "INSERT INTO categories (code, name, default_department_id, accept_days, contact_days, reply_days, "
      "resolve_days, escalate_days, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {c.code, c.name, Nullable(c.default_department_id), std::int64_t{c.accept_days}, std::int64_t{c.contact_days},
       std::int64_t{c.reply_days}, std::int64_t{c.resolve_days}, std::int64_t{c.escalate_days},
       std::int64_t{c.active}});
}

Status UpdateCategory(Tx& tx, const CategoryRecord& c) {
  MS_ASSIGN(changed, tx.Execute("UPDATE categories SET name = ?, default_department_id = ?, accept_days = ?, "
                                "contact_days = ?, reply_days = ?, resolve_days = ?, escalate_days = ?, active = ? "
                                "WHERE id = ?",
                                {c.name, Nullable(c.default_department_id), std::int64_t{c.accept_days},
                                 std::int64_t{c.contact_days}, std::int64_t{c.reply_days},
                                 std::int64_t{c.resolve_days}, std::int64_t{c.escalate_days},
                                 std::int64_t{c.active}, c.id}));
  if (changed != 1) return Fail(Error::NotFound("诉求分类不存在", "id"));
  return {};
}

Result<std::vector<UserRecord>> ListUsers(Tx& tx, const UserFilter& f) {
  Conditions where;
  if (f.role) where.Add("role = ?", {*f.role});
  if (f.department_id) where.Add("department_id = ?", {*f.department_id});
  if (f.active_only) where.Add("active = 1", {});
  if (f.along_path)
    where.Add("EXISTS (SELECT 1 FROM regions r WHERE r.id = users.region_id AND (? LIKE r.path || '%' OR r.path LIKE ?))",
              {*f.along_path, *f.along_path + "%"});
  MS_ASSIGN(rows, tx.Query(std::string(kUserSelect) + where.sql() + " ORDER BY id", where.params()));
  return MapRows(rows, ReadUser);
}

Result<std::optional<UserRecord>> FindUser(Tx& tx, Id id) {
  return FindOne<UserRecord>(tx, kUserSelect, "id = ?", {id}, ReadUser);
}

Result<OptId> FirstActiveUserWithRole(Tx& tx, const std::string& role) {
  MS_ASSIGN(row, tx.QueryOne("SELECT id FROM users WHERE role = ? AND active = 1 ORDER BY id LIMIT 1", {role}));
  if (!row) return OptId{};
  return OptId(row->Int(0));
}

Result<std::vector<ActorRecord>> ListActors(Tx& tx, const std::vector<Id>& user_ids) {
  if (user_ids.empty()) return std::vector<ActorRecord>{};
  Params params;
  const std::string in = InList(user_ids, params);
  MS_ASSIGN(rows, tx.Query("SELECT u.id, u.display_name, u.role, u.deputy_kind, COALESCE(d.name, r.name, '') FROM users u "
                           "LEFT JOIN departments d ON d.id = u.department_id "
                           "LEFT JOIN regions r ON r.id = u.region_id WHERE u.id IN " + in + " ORDER BY u.id",
                           params));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    return ActorRecord{.user_id = c.Int(), .display_name = c.Text(), .role = c.Text(), .deputy_kind = c.Text(),
                       .unit_name = c.Text()};
  });
}

Result<std::optional<UserRecord>> FindUserByUsername(Tx& tx, const std::string& username) {
  return FindOne<UserRecord>(tx, kUserSelect, "username = ?", {username}, ReadUser);
}

Result<Id> InsertUser(Tx& tx, const UserRecord& u) {
  return tx.Insert(
      "INSERT INTO users (username, password_hash, display_name, role, region_id, department_id, deputy_kind, phone, "
      "active, unit_head, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {u.username, u.password_hash, u.display_name, u.role, u.region_id, Nullable(u.department_id), u.deputy_kind,
       u.phone, std::int64_t{u.active}, std::int64_t{u.unit_head}, u.created_at});
}

Status UpdateUser(Tx& tx, const UserRecord& u) {
  MS_ASSIGN(changed, tx.Execute("UPDATE users SET display_name = ?, role = ?, region_id = ?, department_id = ?, "
                                "deputy_kind = ?, phone = ?, active = ?, unit_head = ? WHERE id = ?",
                                {u.display_name, u.role, u.region_id, Nullable(u.department_id), u.deputy_kind,
                                 u.phone, std::int64_t{u.active}, std::int64_t{u.unit_head}, u.id}));
  if (changed != 1) return Fail(Error::NotFound("用户不存在", "id"));
  return {};
}

Status SetUserPassword(Tx& tx, Id user_id, const std::string& password_hash) {
  MS_ASSIGN(changed, tx.Execute("UPDATE users SET password_hash = ? WHERE id = ?", {password_hash, user_id}));
  if (changed != 1) return Fail(Error::NotFound("用户不存在", "id"));
  return {};
}

Result<std::int64_t> CountUsers(Tx& tx) {
  MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM users"));
  return row ? row->Int(0) : 0;
}

Status InsertSession(Tx& tx, const std::string& token_hash, Id user_id, Timestamp created_at, Timestamp expires_at) {
  MS_TRY(tx.Execute("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    {token_hash, user_id, created_at, expires_at}));
  return {};
}

Result<std::optional<SessionRecord>> FindSession(Tx& tx, const std::string& token_hash) {
  MS_ASSIGN(row, tx.QueryOne("SELECT user_id, expires_at FROM sessions WHERE token_hash = ?", {token_hash}));
  if (!row) return std::optional<SessionRecord>{};
  return std::optional<SessionRecord>(SessionRecord{row->Int(0), row->Int(1)});
}

Status DeleteExpiredSessions(Tx& tx, Timestamp now) {
  MS_TRY(tx.Execute("DELETE FROM sessions WHERE expires_at < ?", {now}));
  return {};
}

Status DeleteUserSessions(Tx& tx, Id user_id) {
  MS_TRY(tx.Execute("DELETE FROM sessions WHERE user_id = ?", {user_id}));
  return {};
}

Status SetLoginFailures(Tx& tx, Id user_id, int failures, OptId last_failure, OptId locked_until) {
  MS_TRY(tx.Execute("UPDATE users SET failed_logins = ?, last_failed_login_at = ?, locked_until = ? WHERE id = ?",
                    {std::int64_t{failures}, Nullable(last_failure), Nullable(locked_until), user_id}));
  return {};
}

Status DeleteSession(Tx& tx, const std::string& token_hash) {
  MS_TRY(tx.Execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash}));
  return {};
}

Result<std::vector<CalendarDayRecord>> ListCalendarDays(Tx& tx) {
  MS_ASSIGN(rows, tx.Query("SELECT day, kind, name FROM calendar_days ORDER BY day"));
  return MapRows(rows, [](const Row& r) { return CalendarDayRecord{r.Text(0), r.Text(1), r.Text(2)}; });
}

Status UpsertCalendarDay(Tx& tx, const CalendarDayRecord& d) {
  MS_TRY(tx.Execute("INSERT INTO calendar_days (day, kind, name) VALUES (?, ?, ?) "
                    "ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name",
                    {d.day, d.kind, d.name}));
  return {};
}

}  // namespace minsheng::store
