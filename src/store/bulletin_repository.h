// Bulletins (每月一通报, 每季度一讲评): published issues with their frozen figures, and the few appeal-side
// sums a bulletin needs beyond the metrics counts (store/metrics_repository.h): the worst overdue appeals,
// repeat appeals per unit, dissatisfaction causes per unit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct BulletinRecord {
  Id id = 0;
  std::string kind;    // "month", "quarter"
  std::string period;  // "2026-10", "2026-Q3"
  std::int64_t number = 0;
  std::string title;
  std::string snapshot;  // JSON; empty in lists (ListBulletins)
  std::string note;
  Timestamp published_at = 0;
  Id published_by = 0;
  std::string publisher_name;  // the user's display name (staff only)
  OptId supersedes_id;
  OptId superseded_by;
  bool has_pdf = false;
};

// Inserts a current issue (kind, period, number, title, snapshot, note, published_at, published_by,
// supersedes_id); another current issue of the period fails kConflict.
Result<Id> InsertBulletin(Tx& tx, const BulletinRecord& b);
Result<std::optional<BulletinRecord>> FindBulletin(Tx& tx, Id id);
// Every issue, newest first (published_at, then id), without the snapshot.
Result<std::vector<BulletinRecord>> ListBulletins(Tx& tx);
// The current (not superseded) issue of the period.
Result<std::optional<BulletinRecord>> FindCurrentBulletin(Tx& tx, std::string_view kind, std::string_view period);
// Marks `id` superseded by `by`. Returns false when it was already superseded (a concurrent publisher).
// Call it before InsertBulletin of the new issue with by = 0, then SetSupersededBy once the new id is known.
Result<bool> RetireBulletin(Tx& tx, Id id);
Status SetSupersededBy(Tx& tx, Id id, Id by);
// The next issue number of `kind` in `year` (1 for the first).
Result<std::int64_t> NextBulletinNumber(Tx& tx, std::string_view kind, int year);
// The kept print (base64), if any.
Result<std::optional<std::string>> FindBulletinPdf(Tx& tx, Id id);
// Keeps `pdf_base64` unless a print is kept already (the first one wins).
Status KeepBulletinPdf(Tx& tx, Id id, const std::string& pdf_base64, Timestamp at);

// An appeal registered in the period whose reply came late, or that is still unanswered past its deadline.
struct OverdueAppealRow {
  Id appeal_id = 0;
  std::string receipt_code;
  std::string title;
  std::string unit_name;    // the lead unit, "" when none
  std::string street_name;  // "" for the district
  Timestamp reply_due = 0;
  std::optional<Timestamp> replied_at;  // nullopt: still unanswered
  std::int64_t seconds_overdue = 0;     // (replied_at or now) − reply_due
};
// The `limit` worst, most overdue first (then receipt code).
Result<std::vector<OverdueAppealRow>> ListWorstOverdue(Tx& tx, Timestamp from, Timestamp to, Timestamp now, int limit);

// Per lead unit ("" for none): appeals registered in [from, to) flagged as a repeat of an earlier one.
struct UnitCount {
  std::string unit_id;
  std::string key;  // the cause for CountCausesByUnit, "" otherwise
  std::int64_t count = 0;
};
Result<std::vector<UnitCount>> CountRepeatsByUnit(Tx& tx, Timestamp from, Timestamp to);
// Per unit counted against and cause: dissatisfaction causes recorded on appeals registered in [from, to).
Result<std::vector<UnitCount>> CountCausesByUnit(Tx& tx, Timestamp from, Timestamp to);

}  // namespace minsheng::store
