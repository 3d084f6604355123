#include "store/audit_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kAuditSelect =
    "SELECT id, at, actor_id, actor_label, action, target_kind, target_id, street_id, detail, remote_address "
    "FROM audit_log";

AuditRecord ReadAudit(const Row& r) {
  ColumnReader c(r);
  AuditRecord x;
  x.id = c.Int();
  x.at = c.Int();
  x.actor_id = c.OptInt();
  x.actor_label = c.Text();
  x.action = c.Text();
  x.target_kind = c.Text();
  x.target_id = c.OptInt();
  x.street_id = c.OptInt();
  x.detail = c.Text();
  x.remote_address = c.Text();
  return x;
}

}  // namespace

Status AppendAudit(Tx& tx, const AuditRecord& a) {
  MS_TRY(tx.Execute(
      "INSERT INTO audit_log (at, actor_id, actor_label, action, target_kind, target_id, street_id, detail, "
      "remote_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {a.at, Nullable(a.actor_id), a.actor_label, a.action, a.target_kind, Nullable(a.target_id),
       Nullable(a.street_id), a.detail, a.remote_address}));
  return {};
}

Result<AuditPage> ListAudit(Tx& tx, const AuditFilter& f) {
  Conditions where;
  if (f.actor_id) where.Add("actor_id = ?", {*f.actor_id});
  if (f.action) where.Add("action = ?", {*f.action});
  if (f.target_kind) where.Add("target_kind = ?", {*f.target_kind});
  if (f.target_id) where.Add("target_id = ?", {*f.target_id});
  if (f.from) where.Add("at >= ?", {*f.from});
  if (f.to) where.Add("at < ?", {*f.to});
  MS_ASSIGN(count, tx.QueryOne("SELECT COUNT(*) FROM audit_log" + where.sql(), where.params()));
  MS_ASSIGN(rows, tx.Query(std::string(kAuditSelect) + where.sql() + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
                           where.PageParams(f.page, f.page_size)));
  MS_ASSIGN(items, MapRows(rows, ReadAudit));
  return AuditPage{std::move(items), count ? count->Int(0) : 0};
}

}  // namespace minsheng::store
