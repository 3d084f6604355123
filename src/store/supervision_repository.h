// Manual supervision notices, inspections and the staff workbench's notices (migration 0019).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct ManualNoticeRecord {
  Id id = 0;
  Id appeal_id = 0;
  OptId street_id;
  Id unit_id = 0;
  std::string status = "issued";  // issued | answered | closed | escalated (core/supervision.h)
  std::string reason;
  std::string required_action;
  Timestamp deadline = 0;
  Id issued_by = 0;
  Timestamp issued_at = 0;
  std::string answer;
  OptId answered_by;
  OptId answered_at;
  OptId decided_by;
  OptId decided_at;
  std::string decision_note;
  OptId escalated_to;
  // Read with the row.
  std::string unit_name;
  std::string issued_by_name;
  std::string answered_by_name;
  std::string decided_by_name;
  std::string escalated_to_name;
  std::string appeal_title;
  std::string appeal_receipt_code;
};

Result<Id> InsertManualNotice(Tx& tx, const ManualNoticeRecord& notice);
Result<std::optional<ManualNoticeRecord>> FindManualNotice(Tx& tx, Id id);
// Writes the changeable fields (status, answer, decision) if the row is still in `expected_status`:
// kConflict "stale" when another writer moved it first.
Status UpdateManualNotice(Tx& tx, const ManualNoticeRecord& notice, const std::string& expected_status);
Result<std::vector<ManualNoticeRecord>> ListManualNoticesOfAppeal(Tx& tx, Id appeal_id);

struct ManualNoticeFilter {
  OptId unit_id;
  OptId appeal_id;
  std::optional<std::string> status;
  std::optional<Timestamp> overdue_at;    // only those still issued past their deadline at this instant
  std::optional<std::string> scope_path;  // the caller's region subtree (by the appeal's region)
  int page = 1;
  int page_size = 20;
};
struct ManualNoticePage {
  std::vector<ManualNoticeRecord> items;
  std::int64_t total = 0;
};
// Newest first.
Result<ManualNoticePage> ListManualNotices(Tx& tx, const ManualNoticeFilter& filter);

struct InspectionRecord {
  Id id = 0;
  Id appeal_id = 0;
  OptId street_id;
  std::string kind;  // on_site | follow_up
  std::string findings;
  OptId notice_id;
  Id inspected_by = 0;
  Timestamp inspected_at = 0;
  std::string inspected_by_name;  // read with the row
};
Result<Id> InsertInspection(Tx& tx, const InspectionRecord& inspection);
Result<std::vector<InspectionRecord>> ListInspectionsOfAppeal(Tx& tx, Id appeal_id);

struct StaffNoticeRecord {
  Id id = 0;
  OptId street_id;
  Id user_id = 0;
  Id appeal_id = 0;
  std::string kind;  // yellow_warning | red_warning | supervision_issued | supervision_answered | supervision_escalated
  Timestamp deadline = 0;
  Id ref_id = 0;
  std::string message;
  Timestamp created_at = 0;
  OptId read_at;
  // Read with the row.
  std::string appeal_title;
  std::string appeal_receipt_code;
};
// Inserts the notice unless the user already has one with the same (appeal, kind, deadline, ref_id):
// returns whether it was inserted.
Result<bool> InsertStaffNoticeIfAbsent(Tx& tx, const StaffNoticeRecord& notice);
// The user's notices, newest first (only unread ones if `unread_only`, only one appeal's if `appeal_id`), at
// most `limit`.
Result<std::vector<StaffNoticeRecord>> ListStaffNotices(Tx& tx, Id user_id, bool unread_only, OptId appeal_id,
                                                        int limit);
Result<std::int64_t> CountUnreadStaffNotices(Tx& tx, Id user_id);
Result<std::optional<StaffNoticeRecord>> FindStaffNotice(Tx& tx, Id id);
// Marks one notice (of that user) or all of the user's unread notices read; returns how many changed.
Result<std::int64_t> MarkStaffNoticeRead(Tx& tx, Id user_id, Id id, Timestamp now);
Result<std::int64_t> MarkAllStaffNoticesRead(Tx& tx, Id user_id, Timestamp now);
// Whether anyone was already sent the warning `kind` for the appeal's deadline `deadline`.
Result<bool> WarningIssued(Tx& tx, Id appeal_id, const std::string& kind, Timestamp deadline);

// The handler who accepted the appeal for its lead unit (the actor of its latest accept event) if still an
// active handler of that unit, else nullopt.
Result<OptId> AcceptingHandler(Tx& tx, Id appeal_id, Id lead_unit_id);

}  // namespace minsheng::store
