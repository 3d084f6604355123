// Field logs (table field_logs, migration 0008): receptions and visits, each who met whom, when and where,
// and what was raised; an entry may be raised into an appeal (appeal_id) or answer a booking (booking_id).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct FieldLogRecord {
  Id id = 0;
  OptId street_id;
  Id region_id = 0;
  OptId studio_id;
  Id author_id = 0;
  std::string kind;  // reception | visit
  Timestamp met_at = 0;
  std::string place;
  int people_count = 1;
  std::string people_names;  // personal data
  std::string raised;
  OptId appeal_id;
  OptId booking_id;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
  // Read with the row, not stored in field_logs.
  std::string author_name;
  std::string region_name;
  std::string region_path;
};

Result<Id> InsertFieldLog(Tx& tx, const FieldLogRecord& log);
// Changes place, met_at, people_count, people_names, raised, studio_id, region_id/street_id and updated_at.
Status UpdateFieldLog(Tx& tx, const FieldLogRecord& log);
// Links the entry to the appeal raised from it; kConflict "already_raised" when it already has one.
Status SetFieldLogAppeal(Tx& tx, Id log_id, Id appeal_id, Timestamp now);
Result<std::optional<FieldLogRecord>> FindFieldLog(Tx& tx, Id id);
// The entry an appeal was raised from, if any.
Result<OptId> FindFieldLogIdOfAppeal(Tx& tx, Id appeal_id);

struct FieldLogFilter {
  std::optional<Timestamp> from;  // met_at >= from
  std::optional<Timestamp> to;    // met_at < to
  OptId studio_id;
  OptId author_id;
  std::optional<std::string> kind;
  OptId region_id;                // entries in this region's subtree
  std::optional<std::string> scope_path;  // the caller's region subtree
  OptId scope_author_id;                  // a deputy: only their own
  int page = 1;
  int page_size = 50;
};
struct FieldLogPage {
  std::vector<FieldLogRecord> items;  // newest meeting first
  std::int64_t total = 0;
};
Result<FieldLogPage> ListFieldLogs(Tx& tx, const FieldLogFilter& filter);

}  // namespace minsheng::store
