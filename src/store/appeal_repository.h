// Reads and writes appeals and everything on their timeline. Written once against store::Tx.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

Result<std::optional<AppealRecord>> FindAppeal(Tx& tx, Id id);
Result<std::optional<AppealRecord>> FindAppealByReceiptCode(Tx& tx, const std::string& receipt_code);
// Issue 13: what a detail read again needs to know of the appeal now, in one short statement: its version (to
// compare with a cached copy) and whether its lead unit's replies need its head's approval (which the admin may
// switch without touching the appeal). nullopt when no appeal has that id.
struct AppealStamp {
  std::int64_t version = 0;
  bool lead_reviews_replies = false;
};
Result<std::optional<AppealStamp>> FindAppealStamp(Tx& tx, Id id);
// Inserts `appeal` (its id is ignored) and returns the new id: the two below, waited for.
Result<Id> InsertAppeal(Tx& tx, const AppealRecord& appeal);
// Issue 13, intake in two round trips on PostgreSQL: the id the next appeal takes, read with the intake's other
// reads (PostgreSQL: drawn from the id sequence; SQLite: past the largest, under the write lock), then the appeal
// inserted with it without waiting (Tx::ExecuteLater: an error, such as a duplicate receipt code, fails the commit).
Later<Id> ReserveAppealIdLater(Tx& tx);
Status InsertAppealLater(Tx& tx, const AppealRecord& appeal);  // appeal.id from ReserveAppealIdLater
// Stores every mutable column of `appeal` and sets version = expected_version + 1, but only if the row
// still has expected_version: otherwise kConflict "version_conflict" (someone changed it first).
Status UpdateAppeal(Tx& tx, const AppealRecord& appeal, std::int64_t expected_version);
// The stored columns InsertAppeal and UpdateAppeal derive from the record (issue 13; the bulk load sets them
// the same way): appeals.current_due (core/overdue.h CurrentDue) and appeals.sweep_due after a write.
std::optional<Timestamp> StoredCurrentDue(const AppealRecord& appeal);
std::optional<Timestamp> SweepDueAfterWrite(const AppealRecord& appeal);

// Issue 13, keyset pages: where a page ended, as the sort key of its last appeal. A list `after` it continues
// with the next appeal in the same order, however many appeals were added before it in the meantime.
struct AppealCursor {
  std::optional<Timestamp> due;  // Order::kDue only: the last appeal's current deadline (none: past the due ones)
  Timestamp created_at = 0;
  Id id = 0;
  friend bool operator==(const AppealCursor&, const AppealCursor&) = default;
};

struct AppealFilter {
  std::optional<std::string> status;
  OptId department_id;     // appeals dispatched (lead or assisting) to this unit
  OptId region_id;         // appeals in this region's subtree
  OptId category_id;
  std::optional<std::string> channel;
  std::optional<Timestamp> overdue_at;  // open appeals past their reply deadline at this time
  std::optional<Timestamp> from, to;    // created_at in [from, to)
  std::optional<std::string> query;     // substring of title or content
  std::optional<std::string> query_code;  // ... or exactly this receipt code
  OptId query_id;                          // ... or exactly this id
  // Scope of the caller: region subtree path prefix and, for handlers, their unit.
  std::optional<std::string> scope_path;
  OptId scope_unit_id;
  OptId scope_deputy_id;
  OptId deputy_id;          // appeals this deputy follows (GET /appeals?deputy_id=)
  // A deputy's scope (app/deputy_following.h): the appeals they follow, registered, or whose deputy they assist.
  OptId scope_deputy_user;
  // kNewest: newest first. kDue: the deadline that matters next in each appeal's state first (the
  // queue order; appeals without one after, oldest first).
  enum class Order { kNewest, kDue } order = Order::kNewest;
  int page = 1;
  int page_size = 20;
  bool with_last_reply = false;  // fill AppealPage::last_replies (the callback call list reads them)
  // Issue 12: "opinion" (an assisting unit's opinion pending) or "review" (a reply draft awaiting the unit
  // head); with scope_unit_id, that unit's own.
  std::optional<std::string> awaiting;
  OptId created_by;           // Issue 12: the appeals this registrar first received (首问, ?first_asked=me)
  bool repeats_only = false;  // ... that repeat an earlier appeal (?repeat=true)
  OptId case_owner_id;  // issue 12, the case owner's plan: the appeals this leader owns (包案)
  bool open_only = false;  // issue 12: only appeals not finished (closed, merged, rejected)
  // Issue 12, the dashboard's drill-down: the filters that reproduce its counts (store/metrics_repository.cpp).
  OptId lead_unit_id;                       // the lead unit only (the dashboard's 部门); department_id: any dispatch
  std::optional<std::string> cause;         // a dissatisfied callback gave this cause (core/dissatisfaction.h)
  std::optional<std::string> satisfaction;  // the latest callback's satisfaction (called back at least once)
  std::optional<std::string> supervised;    // auto: a notice of the deadline sweep; manual: one a supervisor issued
  // Issue 13, lists at scale: the page after this cursor in `order` (then `page` is not used), and counting
  // that stops at `count_cap` matches (0: counts them all).
  std::optional<AppealCursor> after;
  std::int64_t count_cap = 0;
};
struct AppealPage {
  std::vector<AppealRecord> items;
  std::int64_t total = 0;
  // Issue 13: false when more than the filter's count_cap appeals match; total is then the cap (a lower bound).
  bool total_exact = true;
  std::optional<AppealCursor> next;  // the last item's key when the page is full (the next page goes `after` it)
  std::map<Id, ReplyRecord> last_replies;  // by appeal id, for the items that have a reply
};
Result<AppealPage> ListAppeals(Tx& tx, const AppealFilter& filter);

// Appends `event` with the next seq of its appeal; (appeal_id, seq) is unique, so of two racing
// writers only one can append. Queued (Tx::ExecuteLater): an error fails the next statement or the commit.
Status AppendEvent(Tx& tx, const EventRecord& event, OptId street_id);
Result<std::vector<EventRecord>> ListEvents(Tx& tx, Id appeal_id);

// Issue 13, get-by-id: which of the tables hanging off an appeal hold rows for it, read by one statement (an
// index probe each), so that a detail reads only the lists that are not empty. In the caller's transaction:
// the lists read after it in that transaction see the same rows.
struct AppealChildren {
  bool dispatches = false;
  bool replies = false;
  bool callbacks = false;
  bool callback_causes = false;
  bool extensions = false;
  bool notices = false;  // supervision_notices
  bool deputy_contacts = false;
  bool deputy_opinions = false;
  bool opinions = false;  // appeal_opinions
  bool reply_reviews = false;
  bool repeat_links = false;  // appeal_repeats, either way round
  bool plan_steps = false;    // case_plan_steps
  OptId field_log_id;         // the field log the appeal was raised from (FindFieldLogIdOfAppeal)
};
Result<AppealChildren> ProbeAppealChildren(Tx& tx, Id appeal_id);

Result<Id> InsertDispatch(Tx& tx, const DispatchRecord& dispatch, OptId street_id);
// Ends all active dispatches of the appeal (returned, re-dispatched).
Status EndActiveDispatches(Tx& tx, Id appeal_id, Timestamp at, const std::string& reason);
Result<std::vector<DispatchRecord>> ListDispatches(Tx& tx, Id appeal_id);

Result<Id> InsertReply(Tx& tx, const ReplyRecord& reply, OptId street_id);
Result<std::vector<ReplyRecord>> ListReplies(Tx& tx, Id appeal_id);
// The newest reply of each of these appeals; appeals without a reply are absent.
Result<std::map<Id, ReplyRecord>> LatestReplies(Tx& tx, const std::vector<Id>& appeal_ids);

Result<Id> InsertCallback(Tx& tx, const CallbackRecord& callback, OptId street_id);
Result<std::vector<CallbackRecord>> ListCallbacks(Tx& tx, Id appeal_id);

Result<Id> InsertExtension(Tx& tx, const ExtensionRecord& extension, OptId street_id);
Result<std::optional<ExtensionRecord>> FindExtension(Tx& tx, Id id);
// Records the decision on a pending request; kConflict if it was decided already.
Status DecideExtension(Tx& tx, const ExtensionRecord& decided);
Result<std::vector<ExtensionRecord>> ListExtensions(Tx& tx, Id appeal_id);

// Inserts the notice unless one for (appeal, kind, deadline, unit) exists; returns whether it was new.
Result<bool> InsertNoticeIfAbsent(Tx& tx, const NoticeRecord& notice, OptId street_id);
struct NoticeFilter {
  OptId unit_id;
  OptId appeal_id;
  std::optional<std::string> scope_path;
  OptId scope_deputy_user;  // as AppealFilter::scope_deputy_user
  int page = 1;
  int page_size = 20;
};
struct NoticePage {
  std::vector<NoticeRecord> items;
  std::int64_t total = 0;
};
Result<std::vector<NoticeRecord>> ListNoticesOfAppeal(Tx& tx, Id appeal_id);
Result<NoticePage> ListNotices(Tx& tx, const NoticeFilter& filter);

// The deadline sweep's appeals: those whose sweep_due (the instant they may next owe a notice or warning) is at
// or before `now`, earliest first. SetSweepDue records the next such instant (nullopt: none) once served.
Result<std::vector<Id>> ListAppealsDueForSweep(Tx& tx, Timestamp now, int limit);
Status SetSweepDue(Tx& tx, Id appeal_id, std::optional<Timestamp> due);

}  // namespace minsheng::store
