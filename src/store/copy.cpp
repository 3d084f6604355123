#include "store/copy.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <optional>
#include <set>
#include <string_view>
#include <type_traits>
#include <utility>

#include "store/migrations.h"

namespace minsheng::store {
namespace {

// A table the copy knows, in dependency order (a table's parents come before it).
struct PlannedTable {
  std::string_view name;
  std::string_view key;                      // ordering key; empty: "id" if there is one, else the first column
  std::vector<std::string_view> self_refs;   // columns referencing this same table: set in a second pass
  bool seeded_by_migration = false;          // filled by a migration: replaced on the target, not refused
};

const std::vector<PlannedTable>& Plan() {
  static const std::vector<PlannedTable> kPlan = {
      {"regions", "id", {"parent_id"}},
      {"departments", "id", {}},
      {"categories", "id", {}},
      {"users", "id", {}},
      {"sessions", "token_hash", {}},
      {"calendar_days", "day", {}, true},  // migration 0002 loads the 2025-2026 holidays
      {"appeals", "id", {"merged_into_id"}},
      {"dispatches", "id", {}},
      {"events", "id", {}},
      {"replies", "id", {}},
      {"callbacks", "id", {}},
      {"extensions", "id", {}},
      {"supervision_notices", "id", {}},
      {"audit_log", "id", {}},     // migration 0005; only ever inserted into
      {"grids", "region_id", {}},  // migration 0010
      {"grid_members", "id", {}},
      {"contact_points", "id", {}},
      {"deputy_activities", "id", {}},
      {"reception_slots", "id", {}},  // migration 0008
      {"bookings", "id", {}},
      {"field_logs", "id", {}},
      {"studios", "id", {}},  // migration 0007
      {"studio_members", "id", {}},
      {"duty_shifts", "id", {}},         // appeals.duty_shift_id names these (no foreign key)
      {"job_leases", "name", {}, true},  // migration 0003 adds the deadline sweep's lease
      {"deputy_contacts", "id", {}},     // migration 0009: following a case
      {"deputy_opinions", "id", {}},
      {"deputy_assistants", "id", {}},
      // issue 11, public evaluation: migration 0014
      {"evaluation_rounds", "id", {}},
      {"evaluation_targets", "id", {}},
      {"evaluation_forms", "id", {}},
      {"evaluation_scores", "id", {}},
      {"proposals", "id", {}},  // migration 0012: proposals (issue 11)
      {"proposal_units", "id", {}},
      {"proposal_appeals", "id", {}},
      {"proposal_contacts", "id", {}},
      {"proposal_opinions", "id", {}},
      {"proposal_answers", "id", {}},
      {"proposal_events", "id", {}},
      // Votes and risk assessments (issue 11, part C; migration 0013).
      {"votes", "id", {}},
      {"vote_options", "id", {}},
      {"voter_codes", "id", {}},
      {"ballots", "id", {}},
      {"ballot_choices", "id", {}},
      {"sms_outbox", "id", {}},
      {"risk_assessments", "id", {}},
      {"risk_responses", "id", {}},
      // Consultations (issue 11, part A): migration 0011.
      {"consultations", "id", {}},
      {"consultation_topics", "id", {}},
      {"consultation_appeals", "id", {}},
      {"consultation_notes", "id", {}},
      {"consultation_participants", "id", {}},
      {"consultation_actions", "id", {}},
      {"consultation_comments", "id", {}},
      {"consultation_events", "id", {}},
      // The message wall (issue 12): migration 0016.
      {"wall_posts", "id", {}},
      {"wall_post_events", "id", {}},
      {"wall_post_notices", "id", {}},
      {"appeal_opinions", "id", {}},  // migration 0017: assisting opinions and reviewed replies (issue 12)
      {"reply_reviews", "id", {}},
      {"callback_causes", "id", {}},  // migration 0018: dissatisfaction causes and repeats (issue 12)
      {"appeal_repeats", "id", {}},
      {"bulletins", "id", {"supersedes_id", "superseded_by"}},  // migration 0020: bulletins (issue 12)
      // The case owner's plan (issue 12): migration 0021.
      {"leader_streets", "id", {}},
      {"case_plan_steps", "id", {}},
      // Manual supervision and the workbench's notices (issue 12): migration 0019.
      {"manual_supervision_notices", "id", {}},
      {"inspections", "id", {}},
      {"staff_notices", "id", {}},
      // The per-period counts behind the metrics (issue 13): migration 0022.
      {"appeal_rollups", "id", {}},
      {"appeal_rollup_deltas", "id", {}},
  };
  return kPlan;
}

// Tables that are the engines' or the migrator's own, never copied (bulk_suspended_indexes describes the
// source's own indexes during a bulk load, not data).
bool IsInternalTable(std::string_view name) {
  return name == "schema_migrations" || name == "bulk_suspended_indexes" || name.starts_with("sqlite_");
}

// A planned table as both databases have it.
struct Shape {
  const PlannedTable* plan = nullptr;
  std::vector<std::string> columns;    // the source's column order, used on both sides
  std::size_t key = 0;                 // index into columns
  std::vector<std::size_t> self_refs;  // indexes into columns
  bool has_id = false;
};

using Clock = std::chrono::steady_clock;
double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string Quote(std::string_view identifier) {
  std::string out = "\"";
  for (char c : identifier) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

Error Conflict(std::string code, std::string message) { return Error::Conflict(std::move(code), std::move(message)); }

// 64-bit FNV-1a over a canonical text of the rows: each value as 'N' (NULL) or 'V', its length, ':'
// and its text (Row::Text); each row closed by '\n'. Equal rows in equal order give equal sums on
// any engine, since both read integers as integers and text as text.
class Checksum {
 public:
  void Add(const Row& row) {
    char number[64];
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row.IsNull(i)) {
        Bytes("N");
        continue;
      }
      // Row::Text's text of the value, without copying it (this runs for every value of a backup).
      const std::string_view text = std::visit(
          [&number](const auto& v) -> std::string_view {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>) {
              return v;
            } else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, double>) {
              return std::string_view(number, std::to_chars(number, number + sizeof number, v).ptr);
            } else {
              return {};
            }
          },
          row.at(i));
      char length[24];
      Bytes("V");
      Bytes(std::string_view(length, std::to_chars(length, length + sizeof length, text.size()).ptr));
      Bytes(":");
      Bytes(text);
    }
    Bytes("\n");
  }
  std::uint64_t value() const { return hash_; }

 private:
  void Bytes(std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= 1099511628211ULL;
    }
  }
  std::uint64_t hash_ = 14695981039346656037ULL;
};

// Tables (but the internal ones) and applied migrations of one database.
struct Catalog {
  std::set<std::string> tables;
  std::set<std::string> migrations;
  std::vector<std::vector<std::string>> columns;  // per Plan() entry; empty when the table is absent
};

Result<Catalog> ReadCatalog(Tx& tx, std::string_view engine, std::string_view side) {
  Catalog c;
  const std::string_view sql =
      engine == "postgresql"
          ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE'"
          : "SELECT name FROM sqlite_master WHERE type = 'table'";
  MS_ASSIGN(rows, tx.Query(sql));
  bool migrated = false;
  for (const Row& row : rows) {
    const std::string name = row.Text(0);
    if (name == "schema_migrations") migrated = true;
    if (!IsInternalTable(name)) c.tables.insert(name);
  }
  if (!migrated) {
    return Fail(Conflict("schema_mismatch", std::string(side) + "数据库尚未迁移（没有 schema_migrations 表），请先执行 minsheng migrate"));
  }
  MS_ASSIGN(names, tx.Query("SELECT name FROM schema_migrations"));
  // Compared by version: an engine's own file of a migration counts as the other engine's.
  for (const Row& row : names) c.migrations.insert(MigrationVersion(row.Text(0)));
  for (const PlannedTable& t : Plan()) {
    if (!c.tables.contains(std::string(t.name))) {
      c.columns.emplace_back();
      continue;
    }
    MS_ASSIGN(columns, tx.Columns(t.name));
    c.columns.push_back(std::move(columns));
  }
  return c;
}

Result<Catalog> ReadCatalog(Database& db, std::string_view side) {
  return ReadValue<Catalog>(db, [&](Tx& tx) { return ReadCatalog(tx, db.Engine(), side); });
}

std::string Describe(const std::set<std::string>& names) {
  return names.empty() ? "无" : Join(std::vector<std::string>(names.begin(), names.end()), "、");
}

// Refuses a source table the plan does not know.
Status CheckKnown(const Catalog& source) {
  std::set<std::string> unknown = source.tables;
  for (const PlannedTable& t : Plan()) unknown.erase(std::string(t.name));
  if (!unknown.empty()) {
    return Fail(Conflict("unknown_table", "源数据库有复制计划不认识的表：" + Describe(unknown) +
                                              "（不能跳过它们；请更新 minsheng copy 的复制计划）"));
  }
  return {};
}

// How `plan`'s table is read, given its columns.
Result<Shape> MakeShape(const PlannedTable& plan, const std::vector<std::string>& columns) {
  const std::string name(plan.name);
  Shape shape{&plan, columns};
  const auto index = [&](std::string_view column) -> std::optional<std::size_t> {
    const auto it = std::ranges::find(columns, column);
    if (it == columns.end()) return std::nullopt;
    return static_cast<std::size_t>(it - columns.begin());
  };
  shape.has_id = index("id").has_value();
  const std::string_view key = !plan.key.empty() ? plan.key : shape.has_id ? std::string_view("id") : columns.front();
  const auto key_index = index(key);
  if (!key_index) return Fail(Error::Internal("表 " + name + " 没有复制计划中的键列 " + std::string(key)));
  shape.key = *key_index;
  for (std::string_view column : plan.self_refs) {
    const auto ref = index(column);
    if (!ref) return Fail(Error::Internal("表 " + name + " 没有复制计划中的列 " + std::string(column)));
    shape.self_refs.push_back(*ref);
  }
  return shape;
}

// The shapes of every planned table one database has.
Result<std::vector<Shape>> ShapesOf(const Catalog& catalog) {
  MS_TRY(CheckKnown(catalog));
  std::vector<Shape> shapes;
  for (std::size_t i = 0; i < Plan().size(); ++i) {
    if (catalog.columns[i].empty()) continue;  // a table of a later migration that this schema does not have
    MS_ASSIGN(shape, MakeShape(Plan()[i], catalog.columns[i]));
    shapes.push_back(std::move(shape));
  }
  return shapes;
}

// Checks that both databases hold the same schema and that the plan knows every source table.
Result<std::vector<Shape>> Shapes(Database& from, Database& to) {
  MS_ASSIGN(source, ReadCatalog(from, "源"));
  MS_ASSIGN(target, ReadCatalog(to, "目标"));
  if (source.migrations != target.migrations) {
    return Fail(Conflict("schema_mismatch", "两个数据库的迁移版本不同（源：" + Describe(source.migrations) + "；目标：" +
                                                Describe(target.migrations) + "），请先对两边执行 minsheng migrate"));
  }
  MS_TRY(CheckKnown(source));
  std::vector<Shape> shapes;
  for (std::size_t i = 0; i < Plan().size(); ++i) {
    const PlannedTable& plan = Plan()[i];
    const std::vector<std::string>& columns = source.columns[i];
    if (columns.empty()) continue;  // a table of a later migration that this schema does not have
    const std::string name(plan.name);
    const std::set<std::string> source_set(columns.begin(), columns.end());
    const std::set<std::string> target_set(target.columns[i].begin(), target.columns[i].end());
    if (source_set != target_set) {
      return Fail(Conflict("schema_mismatch", "表 " + name + " 的列在两个数据库中不同（源：" + Describe(source_set) +
                                                  "；目标：" + Describe(target_set) + "）"));
    }
    MS_ASSIGN(shape, MakeShape(plan, columns));
    shapes.push_back(std::move(shape));
  }
  return shapes;
}

// Reads `shape`'s table in key order, `page_rows` rows at a time, handing each page to `on_page`.
// Keyset pages (key > last key), so each page costs the same however deep into the table it is.
// Text keys are compared bytewise on PostgreSQL too (COLLATE "C", SQLite's default), so both
// engines read rows in one order.
Status ScanTable(Tx& tx, std::string_view engine, const Shape& shape, int page_rows,
                 const std::function<Status(const std::vector<Row>&)>& on_page) {
  std::vector<std::string> quoted;
  for (const std::string& c : shape.columns) quoted.push_back(Quote(c));
  const std::string table = Quote(shape.plan->name);
  std::string key = quoted[shape.key];
  MS_ASSIGN(probe, tx.QueryOne("SELECT " + key + " FROM " + table + " LIMIT 1"));
  if (!probe) return {};  // empty table
  if (engine == "postgresql" && std::holds_alternative<std::string>(probe->at(0))) key += " COLLATE \"C\"";
  const std::string select = "SELECT " + Join(quoted, ", ") + " FROM " + table;
  const std::string tail = " ORDER BY " + key + " LIMIT " + std::to_string(page_rows);
  const std::string first_sql = select + tail;
  const std::string next_sql = select + " WHERE " + key + " > ?" + tail;
  std::optional<Value> last;
  for (;;) {
    MS_ASSIGN(rows, last ? tx.Query(next_sql, {*last}) : tx.Query(first_sql));
    if (rows.empty()) return {};
    MS_TRY(on_page(rows));
    if (rows.size() < static_cast<std::size_t>(page_rows)) return {};
    last = rows.back().at(shape.key);
  }
}

// Row count and checksum of every table in `shapes`, on one snapshot of `db`.
struct TableSum {
  std::int64_t rows = 0;
  std::uint64_t checksum = 0;
  double seconds = 0;
};

// Calls `on_rows` with the rows read so far and the rows there are in `shapes` (counted first).
using OnRows = std::function<void(std::int64_t done, std::int64_t total)>;

Result<std::vector<TableSum>> Sums(Tx& tx, std::string_view engine, const std::vector<Shape>& shapes, int page_rows,
                                   const OnRows& on_rows = {}) {
  std::int64_t total = 0, done = 0;
  if (on_rows) {
    for (const Shape& shape : shapes) {
      MS_ASSIGN(count, tx.QueryOne("SELECT COUNT(*) FROM " + Quote(shape.plan->name)));
      total += count ? count->Int(0) : 0;
    }
    on_rows(0, total);
  }
  std::vector<TableSum> sums;
  for (const Shape& shape : shapes) {
    const auto start = Clock::now();
    TableSum sum;
    Checksum checksum;
    MS_TRY(ScanTable(tx, engine, shape, page_rows, [&](const std::vector<Row>& rows) -> Status {
      for (const Row& row : rows) checksum.Add(row);
      sum.rows += static_cast<std::int64_t>(rows.size());
      done += static_cast<std::int64_t>(rows.size());
      if (on_rows) on_rows(done, std::max(total, done));
      return {};
    }));
    sum.checksum = checksum.value();
    sum.seconds = SecondsSince(start);
    sums.push_back(sum);
  }
  return sums;
}

Result<std::vector<TableSum>> Sums(Database& db, const std::vector<Shape>& shapes, int page_rows) {
  return ReadValue<std::vector<TableSum>>(db, [&](Tx& tx) { return Sums(tx, db.Engine(), shapes, page_rows); });
}

// Compares the target's sums with the expected ones; every difference is named in one error.
Status Compare(const std::vector<Shape>& shapes, const std::vector<TableReport>& expected,
               const std::vector<TableSum>& actual) {
  std::vector<std::string> differences;
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    const std::string name(shapes[i].plan->name);
    if (expected[i].rows != actual[i].rows) {
      differences.push_back("表 " + name + " 行数 " + std::to_string(expected[i].rows) + " ≠ " +
                            std::to_string(actual[i].rows));
    } else if (expected[i].checksum != actual[i].checksum) {
      differences.push_back("表 " + name + " 校验和 " + ChecksumHex(expected[i].checksum) + " ≠ " +
                            ChecksumHex(actual[i].checksum));
    }
  }
  if (differences.empty()) return {};
  return Fail(Conflict("copy_mismatch", "源与目标不一致（源 ≠ 目标）：" + Join(differences, "；")));
}

// Refuses a target holding rows, and empties the tables migrations filled.
Status PrepareTarget(Tx& tx, const std::vector<Shape>& shapes) {
  for (const Shape& shape : shapes) {
    const std::string table = Quote(shape.plan->name);
    if (shape.plan->seeded_by_migration) {
      MS_TRY(tx.Execute("DELETE FROM " + table));
      continue;
    }
    MS_ASSIGN(any, tx.QueryOne("SELECT 1 FROM " + table + " LIMIT 1"));
    if (any) {
      return Fail(Conflict("target_not_empty", "目标数据库不是空的：表 " + std::string(shape.plan->name) +
                                                   " 已有数据（只能复制到一个刚迁移、没有数据的数据库）"));
    }
  }
  return {};
}

// The most parameters one statement gets (SQLite allows 32766, PostgreSQL 65535).
constexpr std::size_t kMaxParams = 30000;

// Inserts `rows` (one source page) into the target, self-references as NULL.
Status InsertPage(Tx& tx, const Shape& shape, const std::vector<Row>& rows) {
  const std::size_t width = shape.columns.size();
  const std::size_t per_statement = std::max<std::size_t>(1, kMaxParams / width);
  std::vector<std::string> quoted;
  for (const std::string& c : shape.columns) quoted.push_back(Quote(c));
  std::string tuple = "(";
  for (std::size_t i = 0; i < width; ++i) tuple += i == 0 ? "?" : ", ?";
  tuple += ")";
  const std::string head = "INSERT INTO " + Quote(shape.plan->name) + " (" + Join(quoted, ", ") + ") VALUES ";
  for (std::size_t begin = 0; begin < rows.size(); begin += per_statement) {
    const std::size_t end = std::min(rows.size(), begin + per_statement);
    std::string sql = head;
    Params params;
    params.reserve((end - begin) * width);
    for (std::size_t r = begin; r < end; ++r) {
      if (r > begin) sql += ", ";
      sql += tuple;
      for (std::size_t c = 0; c < width; ++c) {
        const bool deferred = std::ranges::find(shape.self_refs, c) != shape.self_refs.end();
        params.push_back(deferred ? Value(nullptr) : rows[r].at(c));
      }
    }
    MS_TRY(tx.Execute(sql, params));
  }
  return {};
}

// One deferred self-reference: row `key` gets `value` in column `column` (an index into columns).
struct Deferred {
  Value key;
  std::size_t column;
  Value value;
};

Status SetDeferred(Tx& tx, const Shape& shape, const std::vector<Deferred>& deferred) {
  const std::string table = Quote(shape.plan->name);
  const std::string key = Quote(shape.columns[shape.key]);
  for (const Deferred& d : deferred) {
    const std::string sql = "UPDATE " + table + " SET " + Quote(shape.columns[d.column]) + " = ? WHERE " + key + " = ?";
    MS_ASSIGN(changed, tx.Execute(sql, {d.value, d.key}));
    if (changed != 1) return Fail(Error::Internal("表 " + std::string(shape.plan->name) + " 的自引用列回填失败"));
  }
  return {};
}

// PostgreSQL identity columns hand out ids from a sequence that explicit ids did not advance.
Status MoveSequencePastIds(Tx& tx, std::string_view engine, const Shape& shape) {
  if (engine != "postgresql" || !shape.has_id) return {};
  const std::string name(shape.plan->name);
  MS_TRY(tx.Query("SELECT setval(pg_get_serial_sequence('" + name + "', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM " +
                  Quote(name) + "), false)"));
  return {};
}

Status CheckBatch(const CopyOptions& options) {
  if (options.batch_rows < 1) return Fail(Error::Invalid("bad_batch", "每批行数必须至少为 1"));
  return {};
}

}  // namespace

std::string ChecksumHex(std::uint64_t checksum) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(checksum));
  return buf;
}

Result<CopyReport> CopyDatabase(Database& from, Database& to, const CopyOptions& options) {
  MS_TRY(CheckBatch(options));
  const auto start = Clock::now();
  MS_ASSIGN(shapes, Shapes(from, to));

  CopyReport report;
  // One transaction on each side: the copy is of one moment of the source even if it is in use, and
  // it lands whole or not at all (a failed copy leaves the target as it was).
  MS_TRY(to.Write([&](Tx& target) -> Status {
    report.tables.clear();  // the engine may run this again after a serialization failure
    MS_TRY(PrepareTarget(target, shapes));
    return from.Read([&](Tx& tx) -> Status {
      for (const Shape& shape : shapes) {
        const auto table_start = Clock::now();
        TableReport table{std::string(shape.plan->name)};
        Checksum checksum;
        std::vector<Deferred> deferred;
        MS_TRY(ScanTable(tx, from.Engine(), shape, options.batch_rows, [&](const std::vector<Row>& rows) -> Status {
          for (const Row& row : rows) {
            checksum.Add(row);
            for (std::size_t c : shape.self_refs) {
              if (!row.IsNull(c)) deferred.push_back({row.at(shape.key), c, row.at(c)});
            }
          }
          table.rows += static_cast<std::int64_t>(rows.size());
          return InsertPage(target, shape, rows);
        }));
        MS_TRY(SetDeferred(target, shape, deferred));
        MS_TRY(MoveSequencePastIds(target, to.Engine(), shape));
        table.checksum = checksum.value();
        table.seconds = SecondsSince(table_start);
        if (options.on_table) options.on_table(table);
        report.tables.push_back(std::move(table));
      }
      return {};
    });
  }));

  MS_ASSIGN(landed, Sums(to, shapes, options.batch_rows));
  for (std::size_t i = 0; i < landed.size(); ++i) report.tables[i].seconds += landed[i].seconds;
  MS_TRY(Compare(shapes, report.tables, landed));
  report.seconds = SecondsSince(start);
  return report;
}

Result<CopyReport> VerifyCopy(Database& from, Database& to) {
  constexpr int kPageRows = 500;
  const auto start = Clock::now();
  MS_ASSIGN(shapes, Shapes(from, to));
  MS_ASSIGN(source, Sums(from, shapes, kPageRows));
  MS_ASSIGN(target, Sums(to, shapes, kPageRows));
  CopyReport report;
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    report.tables.push_back({std::string(shapes[i].plan->name), source[i].rows, source[i].checksum,
                             source[i].seconds + target[i].seconds});
  }
  MS_TRY(Compare(shapes, report.tables, target));
  report.seconds = SecondsSince(start);
  return report;
}

// Issue 13, backup and restore: one database's report, compared with a recorded one.

Result<DatabaseReport> ReportDatabase(Tx& tx, std::string_view engine, const ReportOptions& options) {
  constexpr int kPageRows = 500;
  const auto start = Clock::now();
  MS_ASSIGN(catalog, ReadCatalog(tx, engine, ""));
  MS_ASSIGN(shapes, ShapesOf(catalog));
  MS_ASSIGN(sums, Sums(tx, engine, shapes, kPageRows, options.on_rows));
  DatabaseReport report;
  report.migrations.assign(catalog.migrations.begin(), catalog.migrations.end());
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    report.tables.push_back({std::string(shapes[i].plan->name), sums[i].rows, sums[i].checksum, sums[i].seconds});
  }
  report.seconds = SecondsSince(start);
  return report;
}

Result<DatabaseReport> ReportDatabase(Database& db, const ReportOptions& options) {
  return ReadValue<DatabaseReport>(db, [&](Tx& tx) { return ReportDatabase(tx, db.Engine(), options); });
}

Status CompareReports(const DatabaseReport& expected, const DatabaseReport& actual, const std::string& code,
                      const std::string& what) {
  if (expected.migrations != actual.migrations) {
    const std::set<std::string> want(expected.migrations.begin(), expected.migrations.end());
    const std::set<std::string> got(actual.migrations.begin(), actual.migrations.end());
    return Fail(Conflict("schema_mismatch", what + "：迁移版本不同（应为：" + Describe(want) + "；实际：" +
                                                Describe(got) + "）"));
  }
  std::vector<std::string> differences;
  const auto find = [](const DatabaseReport& r, const std::string& table) -> const TableReport* {
    const auto it = std::ranges::find(r.tables, table, &TableReport::table);
    return it == r.tables.end() ? nullptr : &*it;
  };
  for (const TableReport& want : expected.tables) {
    const TableReport* got = find(actual, want.table);
    if (got == nullptr) {
      differences.push_back("表 " + want.table + " 缺失");
    } else if (want.rows != got->rows) {
      differences.push_back("表 " + want.table + " 行数 " + std::to_string(want.rows) + " ≠ " + std::to_string(got->rows));
    } else if (want.checksum != got->checksum) {
      differences.push_back("表 " + want.table + " 校验和 " + ChecksumHex(want.checksum) + " ≠ " +
                            ChecksumHex(got->checksum));
    }
  }
  for (const TableReport& got : actual.tables) {
    if (find(expected, got.table) == nullptr) differences.push_back("表 " + got.table + " 多出");
  }
  if (differences.empty()) return {};
  return Fail(Conflict(code, what + "（应为 ≠ 实际）：" + Join(differences, "；")));
}

Status CheckEmpty(Database& db) {
  return db.Read([&](Tx& tx) -> Status {
    const std::string_view sql =
        db.Engine() == "postgresql"
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
              "AND table_type = 'BASE TABLE' ORDER BY table_name"
            : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
    MS_ASSIGN(tables, tx.Query(sql));
    for (const Row& row : tables) {
      const std::string name = row.Text(0);
      if (IsInternalTable(name)) continue;
      const auto planned = std::ranges::find(Plan(), std::string_view(name), &PlannedTable::name);
      if (planned != Plan().end() && planned->seeded_by_migration) continue;
      MS_ASSIGN(any, tx.QueryOne("SELECT 1 FROM " + Quote(name) + " LIMIT 1"));
      if (any) {
        return Fail(Conflict("target_not_empty", "目标数据库不是空的：表 " + name +
                                                     " 已有数据（只能恢复到一个新建的或刚迁移、没有数据的数据库）"));
      }
    }
    return {};
  });
}

}  // namespace minsheng::store
