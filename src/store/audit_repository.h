// The audit log (table audit_log): appended in the transaction of what it records, read by admins.
// Nothing here updates or deletes a row.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct AuditRecord {
  Id id = 0;
  Timestamp at = 0;
  OptId actor_id;             // the staff user; none for the system
  std::string actor_label;    // "张科长（coordinator）" as it read at the time
  std::string action;         // view_personal_data, user_create, category_update, …
  std::string target_kind;    // appeal, user, region, department, category, calendar, audit_log
  OptId target_id;
  OptId street_id;
  std::string detail;         // JSON: what was seen or changed (never a password)
  std::string remote_address;
};

Status AppendAudit(Tx& tx, const AuditRecord& record);

struct AuditFilter {
  OptId actor_id;
  std::optional<std::string> action;
  std::optional<std::string> target_kind;
  OptId target_id;
  std::optional<Timestamp> from;  // at >= from
  std::optional<Timestamp> to;    // at < to
  int page = 1;
  int page_size = 50;
};
struct AuditPage {
  std::vector<AuditRecord> items;  // newest first
  std::int64_t total = 0;
};
Result<AuditPage> ListAudit(Tx& tx, const AuditFilter& filter);

}  // namespace minsheng::store
