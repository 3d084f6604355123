#include "store/duty_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kShiftSelect =
    "SELECT d.id, d.studio_id, d.street_id, d.user_id, d.starts_at, d.ends_at, d.check_in_at, d.check_out_at, "
    "d.attendance, d.decided_at, d.version, d.created_at, d.created_by, u.display_name, s.name, s.grace_minutes, "
    "s.min_stay_minutes, (SELECT COUNT(*) FROM appeals a WHERE a.duty_shift_id = d.id) "
    "FROM duty_shifts d JOIN users u ON u.id = d.user_id JOIN studios s ON s.id = d.studio_id";

DutyShiftRecord ReadShift(const Row& row) {
  ColumnReader c(row);
  DutyShiftRecord d;
  d.id = c.Int();
  d.studio_id = c.Int();
  d.street_id = c.Int();
  d.user_id = c.Int();
  d.starts_at = c.Int();
  d.ends_at = c.Int();
  d.check_in_at = c.OptInt();
  d.check_out_at = c.OptInt();
  d.attendance = c.OptText();
  d.decided_at = c.OptInt();
  d.version = c.Int();
  d.created_at = c.Int();
  d.created_by = c.OptInt();
  d.user_name = c.Text();
  d.studio_name = c.Text();
  d.grace_minutes = static_cast<int>(c.Int());
  d.min_stay_minutes = static_cast<int>(c.Int());
  d.appeal_count = static_cast<int>(c.Int());
  return d;
}

}  // namespace

Result<Id> InsertDutyShift(Tx& tx, const DutyShiftRecord& d) {
  return tx.Insert(
      "INSERT INTO duty_shifts (studio_id, street_id, user_id, starts_at, ends_at, check_in_at, check_out_at, "
      "attendance, decided_at, version, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
      "RETURNING id",
      {d.studio_id, d.street_id, d.user_id, d.starts_at, d.ends_at, Nullable(d.check_in_at), Nullable(d.check_out_at),
       Nullable(d.attendance), Nullable(d.decided_at), d.created_at, Nullable(d.created_by)});
}

Result<std::optional<DutyShiftRecord>> FindDutyShift(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne(std::string(kShiftSelect) + " WHERE d.id = ?", {id}));
  if (!row) return std::optional<DutyShiftRecord>{};
  return std::optional<DutyShiftRecord>(ReadShift(*row));
}

Status UpdateDutyShift(Tx& tx, const DutyShiftRecord& d, std::int64_t expected_version) {
  MS_ASSIGN(changed, tx.Execute("UPDATE duty_shifts SET user_id = ?, check_in_at = ?, check_out_at = ?, "
                                "attendance = ?, decided_at = ?, version = ? WHERE id = ? AND version = ?",
                                {d.user_id, Nullable(d.check_in_at), Nullable(d.check_out_at), Nullable(d.attendance),
                                 Nullable(d.decided_at), expected_version + 1, d.id, expected_version}));
  if (changed != 1) return Fail(Error::Conflict("version_conflict", "班次已被他人同时修改，请刷新后重试"));
  return {};
}

Result<std::vector<DutyShiftRecord>> ListDutyShifts(Tx& tx, const DutyShiftFilter& f) {
  Conditions where;
  if (f.studio_id) where.Add("d.studio_id = ?", {*f.studio_id});
  if (f.user_id) where.Add("d.user_id = ?", {*f.user_id});
  if (f.from) where.Add("d.starts_at >= ?", {*f.from});
  if (f.to) where.Add("d.starts_at < ?", {*f.to});
  const std::string in_scope =
      "d.studio_id IN (SELECT s2.id FROM studios s2 JOIN regions r ON r.id = s2.region_id WHERE r.path LIKE ? "
      "ESCAPE '\\')";
  if (f.scope_path && f.or_user_id)
    where.Add("(" + in_scope + " OR d.user_id = ?)", {*f.scope_path + "%", *f.or_user_id});
  else if (f.scope_path)
    where.Add(in_scope, {*f.scope_path + "%"});
  Params params = where.params();
  params.push_back(std::int64_t{f.limit});
  const std::string order = f.newest_first ? " ORDER BY d.starts_at DESC, d.studio_id, d.user_id"
                                           : " ORDER BY d.starts_at, d.studio_id, d.user_id";
  MS_ASSIGN(rows, tx.Query(std::string(kShiftSelect) + where.sql() + order + " LIMIT ?", params));
  return MapRows(rows, ReadShift);
}

Result<std::int64_t> CountStudioShifts(Tx& tx, Id studio_id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM duty_shifts WHERE studio_id = ?", {studio_id}));
  return row ? row->Int(0) : 0;
}

Result<std::vector<DutyShiftRecord>> ListUndecidedShifts(Tx& tx, Timestamp now, std::int64_t checkout_window,
                                                         int limit) {
  MS_ASSIGN(rows, tx.Query(std::string(kShiftSelect) +
                               " WHERE d.attendance IS NULL AND ((d.check_in_at IS NULL AND d.ends_at <= ?) OR "
                               "(d.check_in_at IS NOT NULL AND d.check_out_at IS NULL AND d.ends_at <= ?)) "
                               "ORDER BY d.ends_at, d.id LIMIT ?",
                           {now, now - checkout_window, std::int64_t{limit}}));
  return MapRows(rows, ReadShift);
}

Result<OptId> FindShiftOnDuty(Tx& tx, Id user_id, Timestamp now) {
  return FindShiftOnDutyLater(tx, user_id, now).Get();
}

Later<OptId> FindShiftOnDutyLater(Tx& tx, Id user_id, Timestamp now) {
  return Later<OptId>(
      tx.QueryLater("SELECT id FROM duty_shifts WHERE user_id = ? AND check_in_at IS NOT NULL AND check_out_at IS NULL "
                    "AND ends_at > ? AND check_in_at <= ? ORDER BY starts_at DESC LIMIT 1",
                    {user_id, now, now}),
      [](const std::vector<Row>& rows) -> Result<OptId> {
        if (rows.empty()) return OptId{};
        return OptId(rows.front().Int(0));
      });
}

Status SetAppealDutyShift(Tx& tx, Id appeal_id, Id shift_id) {
  MS_TRY(tx.Execute("UPDATE appeals SET duty_shift_id = ? WHERE id = ?", {shift_id, appeal_id}));
  return {};
}

Result<std::vector<DutyFigures>> ListDutyFigures(Tx& tx, const DutyFiguresQuery& q) {
  Conditions where;
  where.Add("d.starts_at >= ?", {q.from});
  where.Add("d.starts_at < ?", {q.to});
  if (q.studio_id) where.Add("d.studio_id = ?", {*q.studio_id});
  if (q.street_id) where.Add("d.street_id = ?", {*q.street_id});
  if (q.user_id) where.Add("d.user_id = ?", {*q.user_id});
  auto count = [](std::string_view condition) {
    return "CAST(SUM(CASE WHEN " + std::string(condition) + " THEN 1 ELSE 0 END) AS BIGINT)";
  };
  Params params{q.now};
  for (const auto& p : where.params()) params.push_back(p);
  const std::string sql =
      "SELECT d.user_id, u.display_name, COUNT(*), " + count("d.ends_at <= ?") + ", " +
      count("d.check_in_at IS NOT NULL") + ", " + count("d.attendance = 'on_time'") + ", " +
      count("d.attendance = 'late'") + ", " + count("d.attendance = 'left_early'") + ", " +
      count("d.attendance = 'absent'") + ", " + count("d.attendance = 'came_and_left'") +
      ", CAST(COALESCE(SUM(ac.n), 0) AS BIGINT) FROM duty_shifts d JOIN users u ON u.id = d.user_id "
      "LEFT JOIN (SELECT duty_shift_id, COUNT(*) AS n FROM appeals WHERE duty_shift_id IS NOT NULL "
      "GROUP BY duty_shift_id) ac ON ac.duty_shift_id = d.id" +
      where.sql() + " GROUP BY d.user_id, u.display_name ORDER BY u.display_name, d.user_id";
  MS_ASSIGN(rows, tx.Query(sql, params));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    DutyFigures f;
    f.user_id = c.Int();
    f.display_name = c.Text();
    f.shifts_scheduled = static_cast<int>(c.Int());
    f.shifts_due = static_cast<int>(c.Int());
    f.attended = static_cast<int>(c.Int());
    f.on_time = static_cast<int>(c.Int());
    f.late = static_cast<int>(c.Int());
    f.left_early = static_cast<int>(c.Int());
    f.absent = static_cast<int>(c.Int());
    f.came_and_left = static_cast<int>(c.Int());
    f.appeals_on_shift = static_cast<int>(c.Int());
    return f;
  });
}

}  // namespace minsheng::store
