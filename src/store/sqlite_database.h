// The SQLite engine of the Database interface: one writer thread that group-commits queued Write()
// jobs (each under its own SAVEPOINT), and a pool of WAL read connections with cached statements.
// Callers normally reach it through OpenDatabase("sqlite:PATH").
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "store/database.h"

namespace minsheng::store {

// Counters of the writer thread, for tests and metrics.
struct SqliteWriterStats {
  std::int64_t jobs = 0;     // Write() jobs run by the writer (succeeded or failed)
  std::int64_t commits = 0;  // transactions committed; each may hold many jobs (group commit)
};

class SqliteDatabase final : public Database {
 public:
  // Opens the database file at `path`, creating it and its parent folder if missing, with
  // options.read_connections read connections and one write connection (all WAL, foreign keys on,
  // synchronous=FULL, busy_timeout=options.busy_timeout_ms), and starts the writer thread.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path,
                                                       const DatabaseOptions& options = {});

  // Runs every write already queued, then stops the writer thread and closes the connections.
  ~SqliteDatabase() override;

  // Queues `work` for the writer; blocks until its batch is committed (or it failed). Calling
  // Write() from inside a Write() job returns an internal error instead of deadlocking.
  Status Write(const Work& work) override;
  // Runs `work` on a free read connection inside BEGIN … COMMIT; blocks while all are in use.
  // Statements that write fail (the read connections are query_only).
  Status Read(const Work& work) override;
  std::string_view Engine() const override { return "sqlite"; }
  // The writer's next batch switches its connection to (or back from) bulk-load settings; turning it off also
  // checkpoints the WAL with fsyncs before returning. Unless a thread has a reader of its own
  // (DedicateReaderToThisThread), turning it on waits for the pool's readers to be free and closes them, so that
  // the writer can use a rollback journal instead of the WAL; until it is turned off, Read runs on the writer.
  Status SetBulkLoad(bool on) override;
  // One more read connection, this thread's alone (Database::DedicateReaderToThisThread); none during a bulk
  // load that closed the readers.
  bool DedicateReaderToThisThread() override;

  // Writer counters so far.
  SqliteWriterStats Stats() const;
  // Write() jobs waiting for the writer thread right now (not counting the batch it is running).
  std::size_t QueuedWrites() const;

 private:
  struct Impl;
  explicit SqliteDatabase(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Issue 13, backup and restore.
struct SqliteBackupOptions {
  int pages_per_step = 1024;  // pages copied per sqlite3_backup_step (4 MiB at the default page size)
  // Called after every step with the pages copied so far and the pages there are.
  std::function<void(std::int64_t done_pages, std::int64_t total_pages)> on_pages;
};

// Copies the SQLite database file `from` into the file `to` (created, or its contents replaced) with
// SQLite's online backup API, options.pages_per_step pages a step. The copy is one snapshot of `from`:
// a read transaction is held on it for the whole copy, so other processes go on writing (WAL) without
// waiting, and the copy never restarts. `in_snapshot`, if given, runs first in that same transaction
// (e.g. checksums of exactly what is copied). Errors: not_found when `from` is no file; unavailable
// when the storage fails or `to` stays locked; internal otherwise.
Status CopySqliteFile(const std::string& from, const std::string& to, const SqliteBackupOptions& options = {},
                      const Work& in_snapshot = {});

}  // namespace minsheng::store
