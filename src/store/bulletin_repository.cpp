#include "store/bulletin_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kColumns =
    "b.id, b.kind, b.period, b.number, b.title, b.note, b.published_at, b.published_by, COALESCE(u.display_name, ''), "
    "b.supersedes_id, b.superseded_by, CASE WHEN b.pdf IS NULL THEN 0 ELSE 1 END";
constexpr std::string_view kFrom = " FROM bulletins b LEFT JOIN users u ON u.id = b.published_by";

BulletinRecord Read(const Row& row) {
  ColumnReader c(row);
  BulletinRecord b;
  b.id = c.Int();
  b.kind = c.Text();
  b.period = c.Text();
  b.number = c.Int();
  b.title = c.Text();
  b.note = c.Text();
  b.published_at = c.Int();
  b.published_by = c.Int();
  b.publisher_name = c.Text();
  b.supersedes_id = c.OptInt();
  b.superseded_by = c.OptInt();
  b.has_pdf = c.Int() != 0;
  return b;
}

std::string CurrentKey(std::string_view kind, std::string_view period) {
  return std::string(kind) + ":" + std::string(period);
}

}  // namespace

Result<Id> InsertBulletin(Tx& tx, const BulletinRecord& b) {
  return tx.Insert(
      "INSERT INTO bulletins (street_id, kind, period, number, title, snapshot, note, published_at, published_by, "
      "current_key, supersedes_id) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {b.kind, b.period, b.number, b.title, b.snapshot, b.note, b.published_at, b.published_by,
       CurrentKey(b.kind, b.period), Nullable(b.supersedes_id)});
}

Result<std::optional<BulletinRecord>> FindBulletin(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT " + std::string(kColumns) + ", b.snapshot" + std::string(kFrom) +
                                 " WHERE b.id = ?",
                             {id}));
  if (!row) return std::optional<BulletinRecord>();
  BulletinRecord b = Read(*row);
  b.snapshot = row->Text(12);
  return std::optional<BulletinRecord>(std::move(b));
}

Result<std::vector<BulletinRecord>> ListBulletins(Tx& tx) {
  MS_ASSIGN(rows, tx.Query("SELECT " + std::string(kColumns) + std::string(kFrom) +
                           " ORDER BY b.published_at DESC, b.id DESC"));
  std::vector<BulletinRecord> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(Read(r));
  return out;
}

Result<std::optional<BulletinRecord>> FindCurrentBulletin(Tx& tx, std::string_view kind, std::string_view period) {
  MS_ASSIGN(row, tx.QueryOne("SELECT " + std::string(kColumns) + std::string(kFrom) + " WHERE b.current_key = ?",
                             {CurrentKey(kind, period)}));
  if (!row) return std::optional<BulletinRecord>();
  return std::optional<BulletinRecord>(Read(*row));
}

Result<bool> RetireBulletin(Tx& tx, Id id) {
  MS_ASSIGN(n, tx.Execute("UPDATE bulletins SET current_key = NULL WHERE id = ? AND current_key IS NOT NULL", {id}));
  return n == 1;
}

Status SetSupersededBy(Tx& tx, Id id, Id by) {
  MS_TRY(tx.Execute("UPDATE bulletins SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL", {by, id}));
  return {};
}

Result<std::int64_t> NextBulletinNumber(Tx& tx, std::string_view kind, int year) {
  MS_ASSIGN(row, tx.QueryOne("SELECT COALESCE(MAX(number), 0) + 1 FROM bulletins WHERE kind = ? AND period LIKE ?",
                             {std::string(kind), std::to_string(year) + "-%"}));
  return row ? row->Int(0) : 1;
}

Result<std::optional<std::string>> FindBulletinPdf(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT pdf FROM bulletins WHERE id = ?", {id}));
  if (!row) return std::optional<std::string>();
  return row->OptText(0);
}

Status KeepBulletinPdf(Tx& tx, Id id, const std::string& pdf_base64, Timestamp at) {
  MS_TRY(tx.Execute("UPDATE bulletins SET pdf = ?, pdf_at = ? WHERE id = ? AND pdf IS NULL", {pdf_base64, at, id}));
  return {};
}

Result<std::vector<OverdueAppealRow>> ListWorstOverdue(Tx& tx, Timestamp from, Timestamp to, Timestamp now,
                                                       int limit) {
  // Late: answered after the reply deadline, or still unanswered, open and past it.
  const std::string late =
      "CASE WHEN a.replied_at IS NOT NULL THEN a.replied_at - a.reply_due "
      "WHEN a.status NOT IN ('closed', 'merged', 'rejected') THEN ? - a.reply_due ELSE 0 END";
  MS_ASSIGN(rows, tx.Query(
                      "SELECT a.id, a.receipt_code, a.title, COALESCE(d.name, ''), COALESCE(s.name, ''), a.reply_due, "
                      "a.replied_at, " + late + " AS late FROM appeals a "
                      "LEFT JOIN departments d ON d.id = a.lead_unit_id LEFT JOIN regions s ON s.id = a.street_id "
                      "WHERE a.created_at >= ? AND a.created_at < ? AND a.reply_due IS NOT NULL AND " + late + " > 0 "
                      "ORDER BY late DESC, a.receipt_code LIMIT ?",
                      {now, from, to, now, static_cast<std::int64_t>(limit)}));
  std::vector<OverdueAppealRow> out;
  for (const auto& r : rows) {
    ColumnReader c(r);
    OverdueAppealRow o;
    o.appeal_id = c.Int();
    o.receipt_code = c.Text();
    o.title = c.Text();
    o.unit_name = c.Text();
    o.street_name = c.Text();
    o.reply_due = c.Int();
    o.replied_at = c.OptInt();
    o.seconds_overdue = c.Int();
    out.push_back(std::move(o));
  }
  return out;
}

Result<std::vector<UnitCount>> CountRepeatsByUnit(Tx& tx, Timestamp from, Timestamp to) {
  MS_ASSIGN(rows, tx.Query("SELECT CAST(a.lead_unit_id AS TEXT), COUNT(DISTINCT a.id) FROM appeal_repeats r "
                           "JOIN appeals a ON a.id = r.appeal_id WHERE a.created_at >= ? AND a.created_at < ? "
                           "GROUP BY 1 ORDER BY 1",
                           {from, to}));
  std::vector<UnitCount> out;
  for (const auto& r : rows) out.push_back({r.Text(0), "", r.Int(1)});
  return out;
}

Result<std::vector<UnitCount>> CountCausesByUnit(Tx& tx, Timestamp from, Timestamp to) {
  MS_ASSIGN(rows, tx.Query("SELECT CAST(c.unit_id AS TEXT), c.cause, COUNT(*) FROM callback_causes c "
                           "JOIN appeals a ON a.id = c.appeal_id WHERE a.created_at >= ? AND a.created_at < ? "
                           "GROUP BY 1, 2 ORDER BY 1, 2",
                           {from, to}));
  std::vector<UnitCount> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Int(2)});
  return out;
}

}  // namespace minsheng::store
