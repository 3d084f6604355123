// Moves a whole installation from one database to another (SQLite or PostgreSQL, either way) and
// proves it arrived: every table's row count and checksum are computed on both sides and compared.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace minsheng::store {

// One table of a copy or a verification.
struct TableReport {
  std::string table;
  std::int64_t rows = 0;       // rows copied (verifying: rows in the source)
  std::uint64_t checksum = 0;  // over the source's rows in key order; the target's is equal
  double seconds = 0;          // copying and verifying this table
};

struct CopyReport {
  std::vector<TableReport> tables;  // in copy order, parents first
  double seconds = 0;               // the whole run
};

struct CopyOptions {
  int batch_rows = 500;  // rows per source page and per multi-row INSERT
  // Called after each table has been copied (before the final verification), e.g. for progress.
  std::function<void(const TableReport&)> on_table;
};

// Copies every table of `from` into `to`. Both must be migrated to the same schema (refused with
// "schema_mismatch" otherwise). `to` must be empty but for rows migrations insert themselves (those
// are replaced): refused with "target_not_empty" if any other table holds rows. A table in `from`
// that the copy plan does not know is refused with "unknown_table", so a new migration cannot be
// skipped silently. The source is read on one snapshot; rows keep their ids (PostgreSQL identity
// sequences are moved past them). The target is written in one transaction, so a failed copy leaves
// it as it was. Afterwards both sides are verified as by VerifyCopy; a difference is "copy_mismatch".
Result<CopyReport> CopyDatabase(Database& from, Database& to, const CopyOptions& options = {});

// Compares row counts and checksums of every table of `from` and `to` without changing either.
// Errors: "schema_mismatch", "unknown_table", "copy_mismatch" (naming every table that differs).
Result<CopyReport> VerifyCopy(Database& from, Database& to);

// The checksum as 16 hex digits, as shown to people.
std::string ChecksumHex(std::uint64_t checksum);

// Issue 13, backup and restore: the same row counts and checksums for ONE database, on one snapshot.

// The tables of one database as the copy plan knows them, read on one snapshot.
struct DatabaseReport {
  std::vector<std::string> migrations;  // applied migrations by version (MigrationVersion), sorted
  std::vector<TableReport> tables;      // every planned table this schema has, in copy order
  double seconds = 0;                   // reading them
};

struct ReportOptions {
  // When set: the rows are counted first (on the same snapshot), then this is called with the rows
  // read so far and that total after every page read, e.g. for progress.
  std::function<void(std::int64_t done, std::int64_t total)> on_rows;
};

// Row count and checksum of every table the database `tx` reads has, computed as VerifyCopy does (so
// equal rows give equal reports on either engine), all on tx's snapshot. Errors: "schema_mismatch"
// (not migrated), "unknown_table" (a table the copy plan does not know).
Result<DatabaseReport> ReportDatabase(Tx& tx, std::string_view engine, const ReportOptions& options = {});
// The same in one read transaction of `db`.
Result<DatabaseReport> ReportDatabase(Database& db, const ReportOptions& options = {});

// Compares `actual` with `expected`: the same migrations ("schema_mismatch"), then every table's rows
// and checksum, by name; all differences (and tables missing on either side) named in one error of
// kind conflict with `code`, its message led by `what`.
Status CompareReports(const DatabaseReport& expected, const DatabaseReport& actual, const std::string& code,
                      const std::string& what);

// Refuses with "target_not_empty" (naming the table) when any table but the engine's and those
// migrations fill holds rows. An empty or unmigrated database passes.
Status CheckEmpty(Database& db);

}  // namespace minsheng::store
