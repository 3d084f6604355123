// Issue 13, bulk load: complete appeal histories written many at a time (the demo's millions of appeals now, a
// `minsheng import` of past appeals later: one path). The caller assigns every id (BulkIds, from max(id) + 1)
// and gives each appeal the rows of its whole history; the writer stores them with multi-row INSERTs in one
// transaction per batch (BeginBulkLoad … FinishBulkLoad around them), sets appeals.current_due and sweep_due as
// InsertAppeal/UpdateAppeal would, and adds the appeals' counts straight into appeal_rollups (no deltas). Written once
// for both engines; on PostgreSQL Finish moves the identity sequences past the ids used.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/bulk_indexes.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

// One appeal as it stands, with everything on its timeline. Every id is set (appeal.id, the children's ids and
// appeal_id), events carry their seq (1, 2, …), and the appeal's columns agree with its events.
struct AppealHistory {
  AppealRecord appeal;
  std::vector<EventRecord> events;
  std::vector<DispatchRecord> dispatches;
  std::vector<ReplyRecord> replies;
  std::vector<CallbackRecord> callbacks;
  // The coded causes (core/dissatisfaction.h) of callbacks[i], by index; may be shorter than callbacks.
  std::vector<std::vector<std::string>> callback_causes;
  std::vector<ExtensionRecord> extensions;
  std::vector<NoticeRecord> notices;  // deadline sweep notices (supervision_notices)
};

// The next free id of each table the writer fills.
struct BulkIds {
  Id appeal = 1, event = 1, dispatch = 1, reply = 1, callback = 1, cause = 1, extension = 1, notice = 1;
};

// Reads max(id) + 1 of each table.
Result<BulkIds> NextBulkIds(Database& db);

// A batch's rows, ready to write: parameters of multi-row INSERTs and the appeals' counts. Prepared without the
// database, so that a loader can prepare the next batch on one thread while another writes this one.
class BulkBatch {
 public:
  BulkBatch();
  BulkBatch(BulkBatch&&) noexcept;
  BulkBatch& operator=(BulkBatch&&) noexcept;
  ~BulkBatch();
  std::size_t appeals() const;

 private:
  struct Rows;
  std::unique_ptr<Rows> rows_;
  friend Result<BulkBatch> PrepareBulkBatch(std::vector<AppealHistory> histories, BulkIds& ids);
  friend Status WriteBulkBatch(Database& db, BulkBatch& batch);
};

// Turns `histories` into rows; numbers the dissatisfaction causes from ids.cause (the caller never refers to
// them). Fails on a cause that core/dissatisfaction.h does not know.
Result<BulkBatch> PrepareBulkBatch(std::vector<AppealHistory> histories, BulkIds& ids);
// Writes a prepared batch in one transaction: its rows, and the appeals' counts added into appeal_rollups.
Status WriteBulkBatch(Database& db, BulkBatch& batch);
// Both steps at once, causes numbered from the table's max(id) + 1.
Status WriteAppealHistories(Database& db, std::vector<AppealHistory> batch);

// Before the first batch of a load of `appeals` appeals: the database in bulk-load mode (Database::SetBulkLoad)
// and, when the tables hold fewer appeals than the load brings, their secondary indexes dropped to be built at
// the end (store/bulk_indexes.h).
Status BeginBulkLoad(Database& db, std::int64_t appeals);
// After the last batch: the dropped indexes built again (`progress` before each), on PostgreSQL the identity
// sequences moved past the ids written, and every commit made durable (bulk-load mode off).
Status FinishBulkLoad(Database& db, const IndexProgress& progress = {});

}  // namespace minsheng::store
