// Issue 13, bulk load: complete appeal histories written many at a time (the demo's millions of appeals now, a
// `minsheng import` of past appeals later: one path). The caller assigns every id (BulkIds, from max(id) + 1)
// and gives each appeal the rows of its whole history; the writer stores them with multi-row INSERTs in one
// transaction per batch, sets appeals.current_due and sweep_due as InsertAppeal/UpdateAppeal would, and adds
// the appeals' counts straight into appeal_rollups (no deltas). Written once for both engines; on PostgreSQL
// Finish moves the identity sequences past the ids used.
#pragma once

#include <string>
#include <vector>

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

// Writes `batch` in one transaction: its rows, and the appeals' counts added into appeal_rollups.
Status WriteAppealHistories(Database& db, const std::vector<AppealHistory>& batch);

// After the last batch: on PostgreSQL the identity sequences move past the ids written (nothing on SQLite).
Status FinishBulkLoad(Database& db);

}  // namespace minsheng::store
