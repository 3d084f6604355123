#include "store/supervision_repository.h"

#include "store/rollup_repository.h"
#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kNoticeSelect =
    "SELECT m.id, m.appeal_id, m.street_id, m.unit_id, m.status, m.reason, m.required_action, m.deadline, "
    "m.issued_by, m.issued_at, m.answer, m.answered_by, m.answered_at, m.decided_by, m.decided_at, "
    "m.decision_note, m.escalated_to, d.name, ui.display_name, COALESCE(ua.display_name, ''), "
    "COALESCE(ud.display_name, ''), COALESCE(ue.display_name, ''), a.title, a.receipt_code "
    "FROM manual_supervision_notices m JOIN appeals a ON a.id = m.appeal_id "
    "JOIN departments d ON d.id = m.unit_id JOIN users ui ON ui.id = m.issued_by "
    "LEFT JOIN users ua ON ua.id = m.answered_by LEFT JOIN users ud ON ud.id = m.decided_by "
    "LEFT JOIN users ue ON ue.id = m.escalated_to";

ManualNoticeRecord ReadNotice(const Row& row) {
  ColumnReader c(row);
  ManualNoticeRecord x;
  x.id = c.Int();
  x.appeal_id = c.Int();
  x.street_id = c.OptInt();
  x.unit_id = c.Int();
  x.status = c.Text();
  x.reason = c.Text();
  x.required_action = c.Text();
  x.deadline = c.Int();
  x.issued_by = c.Int();
  x.issued_at = c.Int();
  x.answer = c.Text();
  x.answered_by = c.OptInt();
  x.answered_at = c.OptInt();
  x.decided_by = c.OptInt();
  x.decided_at = c.OptInt();
  x.decision_note = c.Text();
  x.escalated_to = c.OptInt();
  x.unit_name = c.Text();
  x.issued_by_name = c.Text();
  x.answered_by_name = c.Text();
  x.decided_by_name = c.Text();
  x.escalated_to_name = c.Text();
  x.appeal_title = c.Text();
  x.appeal_receipt_code = c.Text();
  return x;
}

constexpr std::string_view kInspectionSelect =
    "SELECT i.id, i.appeal_id, i.street_id, i.kind, i.findings, i.notice_id, i.inspected_by, i.inspected_at, "
    "u.display_name FROM inspections i JOIN users u ON u.id = i.inspected_by";

InspectionRecord ReadInspection(const Row& row) {
  ColumnReader c(row);
  InspectionRecord x;
  x.id = c.Int();
  x.appeal_id = c.Int();
  x.street_id = c.OptInt();
  x.kind = c.Text();
  x.findings = c.Text();
  x.notice_id = c.OptInt();
  x.inspected_by = c.Int();
  x.inspected_at = c.Int();
  x.inspected_by_name = c.Text();
  return x;
}

constexpr std::string_view kStaffNoticeSelect =
    "SELECT n.id, n.street_id, n.user_id, n.appeal_id, n.kind, n.deadline, n.ref_id, n.message, n.created_at, "
    "n.read_at, a.title, a.receipt_code FROM staff_notices n JOIN appeals a ON a.id = n.appeal_id";

StaffNoticeRecord ReadStaffNotice(const Row& row) {
  ColumnReader c(row);
  StaffNoticeRecord x;
  x.id = c.Int();
  x.street_id = c.OptInt();
  x.user_id = c.Int();
  x.appeal_id = c.Int();
  x.kind = c.Text();
  x.deadline = c.Int();
  x.ref_id = c.Int();
  x.message = c.Text();
  x.created_at = c.Int();
  x.read_at = c.OptInt();
  x.appeal_title = c.Text();
  x.appeal_receipt_code = c.Text();
  return x;
}

Result<Id> InsertManualNoticeRow(Tx& tx, const ManualNoticeRecord& x) {
  return tx.Insert(
      "INSERT INTO manual_supervision_notices (appeal_id, street_id, unit_id, status, reason, required_action, "
      "deadline, issued_by, issued_at, answer, answered_by, answered_at, decided_by, decided_at, decision_note, "
      "escalated_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {x.appeal_id, Nullable(x.street_id), x.unit_id, x.status, x.reason, x.required_action, x.deadline, x.issued_by,
       x.issued_at, x.answer, Nullable(x.answered_by), Nullable(x.answered_at), Nullable(x.decided_by),
       Nullable(x.decided_at), x.decision_note, Nullable(x.escalated_to)});
}

}  // namespace

Result<Id> InsertManualNotice(Tx& tx, const ManualNoticeRecord& x) {
  Id id = 0;
  MS_TRY(RetallyAround(tx, x.appeal_id, [&]() -> Status {  // the appeal's "manually supervised" count
    MS_ASSIGN(inserted, InsertManualNoticeRow(tx, x));
    id = inserted;
    return {};
  }));
  return id;
}

Result<std::optional<ManualNoticeRecord>> FindManualNotice(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne(std::string(kNoticeSelect) + " WHERE m.id = ?", {id}));
  if (!row) return std::optional<ManualNoticeRecord>();
  return std::optional<ManualNoticeRecord>(ReadNotice(*row));
}

Status UpdateManualNotice(Tx& tx, const ManualNoticeRecord& x, const std::string& expected_status) {
  MS_ASSIGN(changed,
            tx.Execute("UPDATE manual_supervision_notices SET status = ?, answer = ?, answered_by = ?, answered_at = ?, "
                       "decided_by = ?, decided_at = ?, decision_note = ?, escalated_to = ? WHERE id = ? AND status = ?",
                       {x.status, x.answer, Nullable(x.answered_by), Nullable(x.answered_at), Nullable(x.decided_by),
                        Nullable(x.decided_at), x.decision_note, Nullable(x.escalated_to), x.id, expected_status}));
  if (changed != 1) return Fail(Error::Conflict("stale", "督办单已被他人同时处理，请刷新后重试"));
  return {};
}

Result<std::vector<ManualNoticeRecord>> ListManualNoticesOfAppeal(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query(std::string(kNoticeSelect) + " WHERE m.appeal_id = ? ORDER BY m.id", {appeal_id}));
  return MapRows(rows, ReadNotice);
}

Result<ManualNoticePage> ListManualNotices(Tx& tx, const ManualNoticeFilter& f) {
  Conditions where;
  if (f.unit_id) where.Add("m.unit_id = ?", {*f.unit_id});
  if (f.appeal_id) where.Add("m.appeal_id = ?", {*f.appeal_id});
  if (f.status) where.Add("m.status = ?", {*f.status});
  if (f.overdue_at) where.Add("m.status = 'issued' AND m.deadline < ?", {*f.overdue_at});
  if (f.scope_path)
    where.Add("EXISTS (SELECT 1 FROM regions r WHERE r.id = a.region_id AND r.path LIKE ?)", {*f.scope_path + "%"});
  ManualNoticePage page;
  MS_ASSIGN(count, tx.QueryOne("SELECT COUNT(*) FROM manual_supervision_notices m "
                               "JOIN appeals a ON a.id = m.appeal_id" + where.sql(),
                               where.params()));
  page.total = count ? count->Int(0) : 0;
  MS_ASSIGN(rows, tx.Query(std::string(kNoticeSelect) + where.sql() + " ORDER BY m.issued_at DESC, m.id DESC LIMIT ? OFFSET ?",
                           where.PageParams(f.page, f.page_size)));
  MS_ASSIGN(items, MapRows(rows, ReadNotice));
  page.items = std::move(items);
  return page;
}

Result<Id> InsertInspection(Tx& tx, const InspectionRecord& x) {
  return tx.Insert(
      "INSERT INTO inspections (appeal_id, street_id, kind, findings, notice_id, inspected_by, inspected_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {x.appeal_id, Nullable(x.street_id), x.kind, x.findings, Nullable(x.notice_id), x.inspected_by, x.inspected_at});
}

Result<std::vector<InspectionRecord>> ListInspectionsOfAppeal(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query(std::string(kInspectionSelect) + " WHERE i.appeal_id = ? ORDER BY i.inspected_at, i.id",
                           {appeal_id}));
  return MapRows(rows, ReadInspection);
}

Result<bool> InsertStaffNoticeIfAbsent(Tx& tx, const StaffNoticeRecord& x) {
  MS_ASSIGN(changed, tx.Execute("INSERT INTO staff_notices (street_id, user_id, appeal_id, kind, deadline, ref_id, "
                                "message, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (user_id, appeal_id, kind, deadline, ref_id) DO NOTHING",
                                {Nullable(x.street_id), x.user_id, x.appeal_id, x.kind, x.deadline, x.ref_id,
                                 x.message, x.created_at, Nullable(x.read_at)}));
  return changed == 1;
}

Result<std::vector<StaffNoticeRecord>> ListStaffNotices(Tx& tx, Id user_id, bool unread_only, OptId appeal_id,
                                                        int limit) {
  Conditions where;
  where.Add("n.user_id = ?", {user_id});
  if (unread_only) where.Add("n.read_at IS NULL", {});
  if (appeal_id) where.Add("n.appeal_id = ?", {*appeal_id});
  Params params = where.params();
  params.push_back(std::int64_t{limit});
  MS_ASSIGN(rows, tx.Query(std::string(kStaffNoticeSelect) + where.sql() + " ORDER BY n.created_at DESC, n.id DESC LIMIT ?",
                           params));
  return MapRows(rows, ReadStaffNotice);
}

Result<std::int64_t> CountUnreadStaffNotices(Tx& tx, Id user_id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM staff_notices WHERE user_id = ? AND read_at IS NULL", {user_id}));
  return row ? row->Int(0) : 0;
}

Result<std::optional<StaffNoticeRecord>> FindStaffNotice(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne(std::string(kStaffNoticeSelect) + " WHERE n.id = ?", {id}));
  if (!row) return std::optional<StaffNoticeRecord>();
  return std::optional<StaffNoticeRecord>(ReadStaffNotice(*row));
}

Result<std::int64_t> MarkStaffNoticeRead(Tx& tx, Id user_id, Id id, Timestamp now) {
  return tx.Execute("UPDATE staff_notices SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL",
                    {now, id, user_id});
}

Result<std::int64_t> MarkAllStaffNoticesRead(Tx& tx, Id user_id, Timestamp now) {
  return tx.Execute("UPDATE staff_notices SET read_at = ? WHERE user_id = ? AND read_at IS NULL", {now, user_id});
}

Result<bool> WarningIssued(Tx& tx, Id appeal_id, const std::string& kind, Timestamp deadline) {
  MS_ASSIGN(row, tx.QueryOne("SELECT 1 FROM staff_notices WHERE appeal_id = ? AND kind = ? AND deadline = ?",
                             {appeal_id, kind, deadline}));
  return row.has_value();
}

Result<OptId> AcceptingHandler(Tx& tx, Id appeal_id, Id lead_unit_id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT u.id FROM events e JOIN users u ON u.id = e.actor_id WHERE e.appeal_id = ? "
                             "AND e.action = 'accept' AND u.role = 'handler' AND u.active = 1 AND u.department_id = ? "
                             "ORDER BY e.seq DESC LIMIT 1",
                             {appeal_id, lead_unit_id}));
  if (!row) return OptId();
  return OptId(row->Int(0));
}

}  // namespace minsheng::store
