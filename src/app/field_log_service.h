// Field logs (民情日志): every reception and visit a staff member made, and the one action that raises an
// entry into an appeal. Each call is one transaction.
//
// Scope: a deputy or leader sees and edits only the entries they wrote; registrars and coordinators those in
// their region subtree; a district-wide admin all. Out of scope answers as missing (kNotFound). The names of
// the people met are shown to the author, coordinators and admins; masked for the others (registrars).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/appeal_service.h"
#include "core/clock.h"
#include "store/database.h"
#include "store/field_log_repository.h"

namespace minsheng::app {

using FieldLog = store::FieldLogRecord;
using FieldLogQuery = store::FieldLogFilter;
using FieldLogPage = store::FieldLogPage;

struct FieldLogInput {
  std::string kind;                      // reception | visit
  store::Id region_id = 0;               // a street, community or grid
  store::OptId studio_id;                // checked against studios when they exist (another part's table)
  std::optional<Timestamp> met_at;       // default: now; not in the future
  std::string place;
  int people_count = 1;
  std::string people_names;
  std::string raised;
  store::OptId author_id;                // coordinators and admins may log for someone else; default: the caller
};

// What changes in an entry; absent fields stay.
struct FieldLogChange {
  std::optional<store::Id> region_id;
  std::optional<store::OptId> studio_id;
  std::optional<Timestamp> met_at;
  std::optional<std::string> place;
  std::optional<int> people_count;
  std::optional<std::string> people_names;
  std::optional<std::string> raised;
};

// The appeal raised from an entry: its content is what was raised, its region the entry's.
struct RaiseInput {
  store::Id category_id = 0;
  std::string title;  // default: the start of what was raised
  bool anonymous = true;
  std::string appellant_name;
  std::string appellant_phone;
};

struct RaisedAppeal {
  FieldLog log;
  store::AppealRecord appeal;
};

// The channel of an appeal raised from an entry: "visit" for a visit, "deputy" for a deputy's reception,
// "walk_in" for anyone else's reception.
std::string_view RaisedChannel(std::string_view kind, Role author_role);

class FieldLogService {
 public:
  static constexpr int kExportLimit = 20000;

  FieldLogService(store::Database& db, const Clock& clock, AppealService& appeals);

  Result<FieldLog> Create(const Actor& actor, const FieldLogInput& input);
  Result<FieldLog> Update(const Actor& actor, store::Id id, const FieldLogChange& change);
  Result<FieldLog> Get(const Actor& actor, store::Id id);
  Result<FieldLogPage> List(const Actor& actor, FieldLogQuery query);
  // Every entry the query matches (at most kExportLimit, kInvalid "too_many_rows" beyond), newest first;
  // the export is recorded in the audit log.
  Result<std::vector<FieldLog>> Export(const Actor& actor, FieldLogQuery query);
  // Registers the appeal, its first timeline event and the entry's link in one transaction.
  Result<RaisedAppeal> Raise(const Actor& actor, store::Id id, const RaiseInput& input);

  // Whether `actor` may see the names of the people met in `log`.
  static bool MaySeeNames(const Actor& actor, const FieldLog& log);

  // For other use cases, inside their transaction: a new entry written by `author` (already checked), and
  // the raising of an entry into an appeal.
  Result<FieldLog> CreateIn(store::Tx& tx, const Actor& actor, const FieldLogInput& input, store::OptId booking_id);
  Result<store::AppealRecord> RaiseIn(store::Tx& tx, const Actor& actor, FieldLog& log, const RaiseInput& input);

 private:
  store::Database& db_;
  const Clock& clock_;
  AppealService& appeals_;
};

}  // namespace minsheng::app
