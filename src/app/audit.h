// The audit log (PIPL, OWASP ASVS V7): every view of a resident's unmasked personal data and every admin
// action, who, when, what and from where. Entries are written in the same transaction as what they record
// (a view is recorded before its answer is sent), only ever appended, and read by admins.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "core/clock.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace minsheng::app {

using AuditEntry = store::AuditRecord;
using AuditQuery = store::AuditFilter;
using AuditPage = store::AuditPage;

// Appends to the audit log in `tx`: `actor` did `action` on `target_kind` #target_id (street_id: where
// it lies; none for district-wide things), with `detail` saying what was seen or changed.
Status Audit(store::Tx& tx, const Actor& actor, Timestamp now, std::string action, std::string target_kind,
             store::OptId target_id, store::OptId street_id, const nlohmann::json& detail = nlohmann::json::object());

// How an action reads for people: "查看个人信息", "新增用户" …; the name itself when unknown.
std::string AuditActionLabel(std::string_view action);
// Every action the log records, with its label, in a stable order (for filters).
std::vector<std::pair<std::string, std::string>> AuditActions();

class AuditService {
 public:
  static constexpr int kExportLimit = 100000;

  AuditService(store::Database& db, const Clock& clock);

  // Admins only (Operation::kReadAuditLog); newest first.
  Result<AuditPage> List(const Actor& actor, const AuditQuery& query);
  // Every entry the query matches, newest first, at most kExportLimit (kInvalid "too_many_rows" beyond);
  // the export is itself recorded.
  Result<std::vector<AuditEntry>> Export(const Actor& actor, AuditQuery query);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace minsheng::app
