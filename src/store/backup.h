// Online backups of a whole installation and their restore into an empty database, proven by the same
// row counts and checksums as `minsheng copy` (store/copy.h), recorded in a manifest beside the backup.
//
// SQLite: the backup is a database file made by SQLite's online backup API; PostgreSQL: a pg_dump
// archive (custom format). Either way the manifest's counts and checksums are read on the very snapshot
// the backup holds, so a restore can be checked exactly even when the server wrote all along.
//
// The manifest is a JSON file next to the backup, named FILE.manifest.json:
//   {"format": "minsheng-backup 1", "engine": "sqlite", "file": "b.db", "bytes": 1234,
//    "taken_at": "2026-12-01T02:30:00Z", "schema": "0021_case_plan", "migrations": ["0001_init", …],
//    "rows": 5678, "seconds": {"checksums": 0.4, "copy": 0.2, "total": 0.7},
//    "tables": [{"table": "regions", "rows": 4, "checksum": "0123456789abcdef"}, …]}
// A backup is complete only with its manifest (written last); a restore refuses a file without one.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/copy.h"

namespace minsheng::store {

struct BackupManifest {
  std::string engine;     // "sqlite" or "postgresql": where the backup can be restored
  std::string file;       // the backup file's name, without its folder
  std::int64_t bytes = 0;
  std::string taken_at;   // when its snapshot was taken, UTC, e.g. "2026-12-01T02:30:00Z"
  DatabaseReport report;  // schema (migrations) and every table's rows and checksum on that snapshot
  double checksum_seconds = 0;  // reading the checksums
  double copy_seconds = 0;      // writing the backup file (PostgreSQL: pg_dump, beside the checksums)
  double seconds = 0;           // the whole backup

  std::int64_t Rows() const;
  std::string Schema() const;  // the latest migration, "" when none
};

// Where the manifest of `backup_file` lives: "FILE.manifest.json".
std::string ManifestPath(const std::string& backup_file);
std::string ManifestToJson(const BackupManifest& manifest);
// Errors: invalid "bad_manifest" naming what is missing or malformed.
Result<BackupManifest> ParseManifest(std::string_view json);
// Reads ManifestPath(backup_file). Errors: not_found "manifest_missing", invalid "bad_manifest".
Result<BackupManifest> ReadManifest(const std::string& backup_file);

struct BackupOptions {
  int sqlite_pages_per_step = 1024;  // SQLite: pages per backup step (4 MiB at the default page size)
  // Progress of a long phase: "checksums" and "verify" count rows, "copy" counts SQLite pages;
  // "pg_dump" and "pg_restore" are reported with total 0 when they start and with done = total = 1 when
  // they end (they tell nothing in between).
  std::function<void(std::string_view phase, std::int64_t done, std::int64_t total)> on_progress;
};

// Backs the database at `db_url` (sqlite:PATH or postgresql://…) up into `file` and its manifest, on one
// snapshot, without stopping the servers that use it. Does not migrate. `file` must not exist yet
// ("backup_exists"); it is written as FILE.partial and renamed once complete, the manifest last.
// PostgreSQL needs pg_dump on PATH (Debian's postgresql-client, the server's major version or newer).
// Errors: "backup_exists", "schema_mismatch" (not migrated), "unknown_table", "tool_failed"
// (pg_dump), storage and connection errors.
Result<BackupManifest> BackupDatabase(const std::string& db_url, const std::string& file,
                                      const BackupOptions& options = {});

struct RestoreReport {
  BackupManifest manifest;  // what the backup recorded
  DatabaseReport restored;  // what the restored database holds (equal to the manifest's)
  double copy_seconds = 0;    // bringing the backup in (SQLite backup API, or pg_restore)
  double verify_seconds = 0;  // reading and comparing the checksums
  double seconds = 0;
};

// Restores `file` (made by BackupDatabase, with its manifest) into the database at `db_url`, which must be
// of the backup's engine ("engine_mismatch") and empty ("target_not_empty", as copy): a SQLite file that
// does not exist yet, or an empty or freshly migrated database. Then verifies the restored database
// against the manifest: any difference is "backup_mismatch" naming every table that differs (the
// restored data stays for inspection). PostgreSQL needs pg_restore on PATH; the dump is restored as a
// whole (schema and data, in one transaction, objects owned by the connecting user); a migrated target
// must be at the backup's migrations ("schema_mismatch"), its empty tables are replaced.
Result<RestoreReport> RestoreDatabase(const std::string& db_url, const std::string& file,
                                      const BackupOptions& options = {});

// Compares `db` with `manifest` as a restore does (errors: "backup_mismatch", "schema_mismatch").
Result<DatabaseReport> VerifyAgainstManifest(Database& db, const BackupManifest& manifest,
                                             const BackupOptions& options = {});

}  // namespace minsheng::store
