#include "store/field_log_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kSelect =
    "SELECT f.id, f.street_id, f.region_id, f.studio_id, f.author_id, f.kind, f.met_at, f.place, f.people_count, "
    "f.people_names, f.raised, f.appeal_id, f.booking_id, f.created_at, f.updated_at, u.display_name, r.name, r.path "
    "FROM field_logs f JOIN users u ON u.id = f.author_id JOIN regions r ON r.id = f.region_id";

FieldLogRecord Read(const Row& row) {
  ColumnReader c(row);
  FieldLogRecord x;
  x.id = c.Int();
  x.street_id = c.OptInt();
  x.region_id = c.Int();
  x.studio_id = c.OptInt();
  x.author_id = c.Int();
  x.kind = c.Text();
  x.met_at = c.Int();
  x.place = c.Text();
  x.people_count = static_cast<int>(c.Int());
  x.people_names = c.Text();
  x.raised = c.Text();
  x.appeal_id = c.OptInt();
  x.booking_id = c.OptInt();
  x.created_at = c.Int();
  x.updated_at = c.Int();
  x.author_name = c.Text();
  x.region_name = c.Text();
  x.region_path = c.Text();
  return x;
}

}  // namespace

Result<Id> InsertFieldLog(Tx& tx, const FieldLogRecord& x) {
  return tx.Insert(
      "INSERT INTO field_logs (street_id, region_id, studio_id, author_id, kind, met_at, place, people_count, "
      "people_names, raised, appeal_id, booking_id, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Nullable(x.street_id), x.region_id, Nullable(x.studio_id), x.author_id, x.kind, x.met_at, x.place,
       std::int64_t{x.people_count}, x.people_names, x.raised, Nullable(x.appeal_id), Nullable(x.booking_id),
       x.created_at, x.updated_at});
}

Status UpdateFieldLog(Tx& tx, const FieldLogRecord& x) {
  MS_TRY(tx.Execute(
      "UPDATE field_logs SET street_id = ?, region_id = ?, studio_id = ?, met_at = ?, place = ?, people_count = ?, "
      "people_names = ?, raised = ?, updated_at = ? WHERE id = ?",
      {Nullable(x.street_id), x.region_id, Nullable(x.studio_id), x.met_at, x.place, std::int64_t{x.people_count},
       x.people_names, x.raised, x.updated_at, x.id}));
  return {};
}

Status SetFieldLogAppeal(Tx& tx, Id log_id, Id appeal_id, Timestamp now) {
  MS_ASSIGN(changed, tx.Execute("UPDATE field_logs SET appeal_id = ?, updated_at = ? WHERE id = ? AND appeal_id IS NULL",
                                {appeal_id, now, log_id}));
  if (changed != 1) return Fail(Error::Conflict("already_raised", "这条民情日志已经转为诉求"));
  return {};
}

Result<std::optional<FieldLogRecord>> FindFieldLog(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne(std::string(kSelect) + " WHERE f.id = ?", {id}));
  if (!row) return std::optional<FieldLogRecord>();
  return std::optional<FieldLogRecord>(Read(*row));
}

Result<OptId> FindFieldLogIdOfAppeal(Tx& tx, Id appeal_id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT id FROM field_logs WHERE appeal_id = ?", {appeal_id}));
  if (!row) return OptId();
  return OptId(row->Int(0));
}

Result<FieldLogPage> ListFieldLogs(Tx& tx, const FieldLogFilter& f) {
  Conditions where;
  if (f.from) where.Add("f.met_at >= ?", {*f.from});
  if (f.to) where.Add("f.met_at < ?", {*f.to});
  if (f.studio_id) where.Add("f.studio_id = ?", {*f.studio_id});
  if (f.author_id) where.Add("f.author_id = ?", {*f.author_id});
  if (f.kind) where.Add("f.kind = ?", {*f.kind});
  if (f.region_id)
    where.Add("r.path LIKE (SELECT path FROM regions WHERE id = ?) || '%'", {*f.region_id});
  if (f.scope_path) where.Add("r.path LIKE ?", {*f.scope_path + "%"});
  if (f.scope_author_id) where.Add("f.author_id = ?", {*f.scope_author_id});
  constexpr std::string_view kFrom =
      " FROM field_logs f JOIN users u ON u.id = f.author_id JOIN regions r ON r.id = f.region_id";
  MS_ASSIGN(count, tx.QueryOne("SELECT COUNT(*)" + std::string(kFrom) + where.sql(), where.params()));
  MS_ASSIGN(rows, tx.Query(std::string(kSelect) + where.sql() + " ORDER BY f.met_at DESC, f.id DESC LIMIT ? OFFSET ?",
                           where.PageParams(f.page, f.page_size)));
  MS_ASSIGN(items, MapRows(rows, Read));
  return FieldLogPage{std::move(items), count ? count->Int(0) : 0};
}

}  // namespace minsheng::store
