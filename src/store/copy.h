// Moves a whole installation from one database to another (SQLite or PostgreSQL, either way) and
// proves it arrived: every table's row count and checksum are computed on both sides and compared.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
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

}  // namespace minsheng::store
