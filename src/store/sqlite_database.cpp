#include "store/sqlite_database.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <mutex>
#include <span>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace minsheng::store {
namespace {

constexpr char kBusyMessage[] = "数据库繁忙，请稍后重试";
constexpr char kIoMessage[] = "数据库暂时无法读写，请稍后重试";
constexpr char kWriteFailedMessage[] = "数据库暂时无法写入，请稍后重试";
// Beyond this many distinct SQL texts a connection's statement cache is emptied (guards against
// callers that build SQL text dynamically).
constexpr std::size_t kMaxCachedStatements = 512;

Error BusyError() {
  return Error{ErrorKind::kUnavailable, "serialization_failure", kBusyMessage, {}, {}};
}

// The storage failed (disk full, an I/O error such as a failed write or fsync): nothing the caller
// did wrong, and it may clear by itself, so it is kUnavailable (503), not a bug.
bool IsStorageFailure(int rc) {
  const int primary = rc & 0xff;
  return primary == SQLITE_IOERR || primary == SQLITE_FULL;
}

// What every caller of a write batch that failed on storage is told.
Error WriteFailedError() { return Error::Unavailable(kWriteFailedMessage); }

// Maps an (extended) SQLite result code to the interface's errors.
Error MapError(sqlite3* db, int rc) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return BusyError();
  if (IsStorageFailure(rc)) return Error::Unavailable(kIoMessage);
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Error::Conflict("unique_violation", "记录重复（" + detail + "）");
  }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
    return Error::Invalid("foreign_key_violation", "引用的记录不存在（" + detail + "）");
  }
  return Error::Internal("数据库错误：" + detail);
}

// True when `rest` holds only whitespace and SQL comments.
bool OnlySpaceAndComments(std::string_view rest) {
  std::size_t i = 0;
  while (i < rest.size()) {
    const char c = rest[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == ';') {
      ++i;
    } else if (rest.substr(i, 2) == "--") {
      const std::size_t eol = rest.find('\n', i);
      i = eol == std::string_view::npos ? rest.size() : eol + 1;
    } else if (rest.substr(i, 2) == "/*") {
      const std::size_t end = rest.find("*/", i + 2);
      i = end == std::string_view::npos ? rest.size() : end + 2;
    } else {
      return false;
    }
  }
  return true;
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Resets a statement (and drops its bindings, which may point into the caller's Params) on scope exit.
class StatementReset {
 public:
  explicit StatementReset(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~StatementReset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  StatementReset(const StatementReset&) = delete;
  StatementReset& operator=(const StatementReset&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

// One SQLite connection and its prepared-statement cache. Used by one thread at a time.
class Connection {
 public:
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, const std::string& vfs,
                                                  int busy_timeout_ms, bool query_only) {
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    // SQLite's memory statistics take a global mutex on every allocation; nobody reads them here.
    // (Refused harmlessly if SQLite was initialised before.)
    static const int kNoMemStatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)kNoMemStatus;
    // Each job of a group commit runs under a savepoint, and every page it changes that an earlier job of the
    // batch already changed is first copied to the statement journal. SQLite keeps that journal in memory up
    // to 64 KiB and then spills it to a temporary file: four to five pages, less than one intake, so each job
    // paid two pwrite() per page (bench/RESULTS.md, intake). In memory up to 128 KiB: no more, because SQLite
    // 3.40 keeps the journal in chunks of this size and, when it spills, writes each chunk with one write of
    // the unix VFS, which cannot write more than 128 KiB at once (a 16 MiB setting failed with SQLITE_FULL).
    static const int kStatementJournalInMemory = sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, (128 << 10) - 1);
    (void)kStatementJournalInMemory;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, vfs.empty() ? nullptr : vfs.c_str());
    if (rc != SQLITE_OK) {
      std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
      sqlite3_close(db);
      return Fail(Error::Internal("无法打开数据库文件 " + path + "：" + message));
    }
    auto conn = std::unique_ptr<Connection>(new Connection(db));
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, busy_timeout_ms);
    std::string mode;
    MS_TRY(conn->Pragma("PRAGMA journal_mode=WAL", &mode));
    if (mode != "wal") {
      return Fail(Error::Internal("数据库无法使用 WAL 日志模式（当前为 " + mode + "）：" + path));
    }
    MS_TRY(conn->Pragma("PRAGMA foreign_keys=ON", nullptr));
    MS_TRY(conn->Pragma("PRAGMA synchronous=FULL", nullptr));
    if (query_only) MS_TRY(conn->Pragma("PRAGMA query_only=ON", nullptr));
    // No memory map (issue 13). In WAL mode a read transaction that finds the database changed since the
    // connection's last one drops its cached pages and, with a memory map, unmaps the whole file
    // (sqlite3PagerSharedLock → munmap); while anyone writes that is nearly every read, and the munmap, the TLB
    // shootdowns and the page faults that follow cost more than pread()ing the few pages a point read needs:
    // get-by-id under writes went from ~0.9k to ~1.7k req/s on the 2-core machine (bench/RESULTS.md).
    MS_TRY(conn->Pragma("PRAGMA mmap_size=0", nullptr));
    return conn;
  }

  ~Connection() {
    ClearCache();
    sqlite3_close_v2(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
  sqlite3* handle() const { return db_; }
  // SQLite's message for the last statement that failed on storage (for the log; callers get kIoMessage).
  const std::string& LastStorageFailure() const { return last_storage_failure_; }

  Result<std::vector<Row>> Query(std::string_view sql, const Params& params) {
    MS_ASSIGN(stmt, Prepare(sql));
    StatementReset reset(stmt);
    MS_TRY(Bind(stmt, params));
    std::vector<Row> rows;
    const int columns = sqlite3_column_count(stmt);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return Fail(StepError(rc));
      std::vector<Value> values;
      values.reserve(columns);
      for (int i = 0; i < columns; ++i) values.push_back(ColumnValue(stmt, i));
      rows.emplace_back(std::move(values));
    }
    return rows;
  }

  Result<std::int64_t> Execute(std::string_view sql, const Params& params) {
    MS_ASSIGN(stmt, Prepare(sql));
    StatementReset reset(stmt);
    MS_TRY(Bind(stmt, params));
    const std::int64_t total_before = sqlite3_total_changes64(db_);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) return Fail(StepError(rc));
    // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE, so a DDL statement
    // would report a stale number; the total only moves when this statement changed rows.
    if (sqlite3_total_changes64(db_) == total_before) return 0;
    return sqlite3_changes64(db_);
  }

  // Runs a statement without parameters, ignoring its rows.
  Status Exec(std::string_view sql) {
    MS_TRY(Execute(sql, {}));
    return {};
  }

  // Runs a PRAGMA outside the statement cache; stores its first text result in `out` if given.
  Status Pragma(const char* sql, std::string* out) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
    if (rc != SQLITE_OK) return Fail(MapError(db_, rc));
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (out != nullptr && out->empty()) {
        const unsigned char* text = sqlite3_column_text(stmt, 0);
        if (text != nullptr) *out = reinterpret_cast<const char*>(text);
      }
    }
    Status result;
    if (rc != SQLITE_DONE) result = Fail(MapError(db_, rc));
    sqlite3_finalize(stmt);
    return result;
  }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    if (auto it = cache_.find(sql); it != cache_.end()) return it->second;
    if (cache_.size() >= kMaxCachedStatements) ClearCache();
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) return Fail(MapError(db_, rc));
    if (stmt == nullptr) return Fail(Error::Internal("空的 SQL 语句"));
    if (!OnlySpaceAndComments(std::string_view(tail, sql.data() + sql.size() - tail))) {
      sqlite3_finalize(stmt);
      return Fail(Error::Internal("每次只能执行一条 SQL 语句：" + std::string(sql)));
    }
    cache_.emplace(std::string(sql), stmt);
    return stmt;
  }

  Status Bind(sqlite3_stmt* stmt, const Params& params) {
    const int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != static_cast<int>(params.size())) {
      return Fail(Error::Internal("SQL 参数个数不符：需要 " + std::to_string(expected) + " 个，给了 " +
                                  std::to_string(params.size()) + " 个"));
    }
    for (int i = 0; i < expected; ++i) {
      const Value& v = params[i];
      int rc;
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, i + 1, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, i + 1, *d);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        // SQLITE_STATIC: `params` outlives the statement's use; bindings are cleared on reset.
        rc = sqlite3_bind_text64(stmt, i + 1, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else {
        rc = sqlite3_bind_null(stmt, i + 1);
      }
      if (rc != SQLITE_OK) return Fail(MapError(db_, rc));
    }
    return {};
  }

  static Value ColumnValue(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
      case SQLITE_INTEGER:
        return static_cast<std::int64_t>(sqlite3_column_int64(stmt, i));
      case SQLITE_FLOAT:
        return sqlite3_column_double(stmt, i);
      case SQLITE_TEXT: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)));
      }
      case SQLITE_BLOB: {
        const auto* blob = static_cast<const char*>(sqlite3_column_blob(stmt, i));
        const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, i));
        return blob == nullptr ? std::string() : std::string(blob, size);
      }
      default:
        return nullptr;
    }
  }

  void ClearCache() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    cache_.clear();
  }

  Error StepError(int rc) {
    if (IsStorageFailure(rc)) last_storage_failure_ = sqlite3_errmsg(db_);
    return MapError(db_, rc);
  }

  sqlite3* db_;
  std::string last_storage_failure_;
  std::unordered_map<std::string, sqlite3_stmt*, StringHash, std::equal_to<>> cache_;
};

class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(Connection& conn) : conn_(conn) {}
  std::string_view Engine() const override { return "sqlite"; }
  Result<std::vector<Row>> Query(std::string_view sql, const Params& params) override {
    return conn_.Query(sql, params);
  }
  Result<std::int64_t> Execute(std::string_view sql, const Params& params) override {
    return conn_.Execute(sql, params);
  }
  Result<std::vector<std::string>> Columns(std::string_view table) override {
    MS_ASSIGN(rows, conn_.Query("SELECT name FROM pragma_table_info(?) ORDER BY cid", {std::string(table)}));
    std::vector<std::string> names;
    for (const Row& row : rows) names.push_back(row.Text(0));
    return names;
  }

 private:
  Connection& conn_;
};

// One queued Write() call. Lives on the caller's stack until `done`.
// A caller's write, queued for the writer thread. The caller waits on the job's own mutex and condition, so that
// waking the callers of a batch does not make them queue for the writer's lock (issue 13, intake).
struct Job {
  const Work* work = nullptr;
  Status result;
  std::mutex mu;
  bool done = false;  // guarded by mu
  std::condition_variable cv;

  void Finish() {
    // Notified under the lock: the caller cannot wake, return and destroy this Job before this is done.
    std::lock_guard lock(mu);
    done = true;
    cv.notify_one();
  }
  Status Wait() {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return done; });
    return std::move(result);
  }
};

}  // namespace

namespace {

// Issue 13: the read connections given to this thread (DedicateReaderToThisThread), by the serial of the
// database that gave each; `busy` while a Read of this thread runs on it.
struct DedicatedReader {
  std::uint64_t database = 0;
  Connection* conn = nullptr;
  bool busy = false;
};
thread_local std::vector<DedicatedReader> tl_dedicated_readers;

// Serials are never reused, so that a thread's entry can never name a later database at the same address.
std::atomic<std::uint64_t> next_database_serial{1};

}  // namespace

struct SqliteDatabase::Impl {
  const std::uint64_t serial = next_database_serial.fetch_add(1);
  std::string path;
  DatabaseOptions options;
  // Declared before the readers so that it is closed last (the last connection checkpoints the WAL).
  std::unique_ptr<Connection> writer_conn;
  std::vector<std::unique_ptr<Connection>> readers;  // the pool's, then the dedicated ones; guarded by pool_mu

  std::mutex pool_mu;
  std::condition_variable pool_cv;
  std::vector<Connection*> free_readers;  // guarded by pool_mu
  int dedicated_readers = 0;              // guarded by pool_mu
  // Issue 13: SetBulkLoad closed the pool's readers so that the writer could leave WAL for a rollback journal;
  // Read runs on the writer meanwhile. Guarded by pool_mu.
  bool readers_closed = false;

  mutable std::mutex mu;
  std::condition_variable queue_cv;
  std::deque<Job*> queue;  // guarded by mu
  bool stop = false;       // guarded by mu
  bool writer_waits = false;  // guarded by mu: the writer sleeps on queue_cv (a new job must wake it)
  std::thread writer;
  std::thread::id writer_id;

  std::atomic<bool> bulk_load{false};      // SetBulkLoad
  bool writer_in_bulk = false;             // writer thread only: writer_conn has the bulk-load settings
  bool writer_left_wal = false;            // writer thread only: writer_conn switched the file to a rollback journal

  std::atomic<std::int64_t> jobs_run{0};
  std::atomic<std::int64_t> commits{0};
  bool storage_failing = false;  // writer thread only: the last batch failed on storage (logged once)

  void WriterLoop() {
    std::vector<Job*> batch;
    batch.reserve(static_cast<std::size_t>(options.max_batch));
    for (;;) {
      {
        std::unique_lock lock(mu);
        writer_waits = true;
        queue_cv.wait(lock, [&] { return stop || !queue.empty(); });
        writer_waits = false;
        if (queue.empty()) return;  // stopping, and everything queued has been run
        while (!queue.empty() && batch.size() < static_cast<std::size_t>(options.max_batch)) {
          batch.push_back(queue.front());
          queue.pop_front();
        }
      }
      RunBatch(batch);
      for (Job* job : batch) job->Finish();
      batch.clear();
    }
  }

  // Runs `batch` in one transaction, each job under its own savepoint, and commits once. Sets every
  // job's result; a job's success is reported only if the commit succeeded. When the storage fails
  // (disk full, I/O error) the transaction is rolled back and its callers get WriteFailedError.
  void RunBatch(std::span<Job*> batch) {
    if (batch.empty()) return;
    ResetWriter();
    Connection& conn = *writer_conn;
    if (auto followed = FollowBulkLoad(); !followed) {
      for (Job* job : batch) job->result = Fail(ForBatch(followed.error()));
      return;
    }
    if (auto begun = conn.Exec("BEGIN IMMEDIATE"); !begun) {
      for (Job* job : batch) job->result = Fail(ForBatch(begun.error()));
      NoteStorage(begun.error(), batch.size());
      return;
    }
    SqliteTx tx(conn);
    bool any_ok = false;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      Job* job = batch[i];
      jobs_run.fetch_add(1, std::memory_order_relaxed);
      if (auto saved = conn.Exec("SAVEPOINT job"); !saved) {
        job->result = Fail(saved.error());
        continue;
      }
      job->result = detail::RunWork(*job->work, tx);
      if (job->result) {
        if (auto released = conn.Exec("RELEASE job"); !released) job->result = Fail(released.error());
      }
      if (!job->result && conn.InTransaction()) {
        // Undo this job alone; the batch goes on.
        if (!conn.Exec("ROLLBACK TO job") || !conn.Exec("RELEASE job")) (void)conn.Exec("ROLLBACK");
      }
      if (!conn.InTransaction()) {
        // SQLite rolled the whole transaction back (I/O error, disk full …): the jobs before this one
        // lost their writes. They did nothing wrong, so they get a retryable error; the jobs after this
        // one run in a fresh transaction.
        if (job->result) job->result = Fail(Error::Internal("事务被数据库回滚"));
        const bool storage = IsStorageError(job->result.error());
        if (storage) job->result = Fail(WriteFailedError());
        for (std::size_t k = 0; k < i; ++k) {
          if (batch[k]->result) batch[k]->result = Fail(storage ? WriteFailedError() : BusyError());
        }
        NoteStorage(job->result.error(), i + 1);
        RunBatch(batch.subspan(i + 1));
        return;
      }
      any_ok = any_ok || job->result.has_value();
    }
    if (!any_ok) {
      (void)conn.Exec("ROLLBACK");
      return;
    }
    if (auto committed = conn.Exec("COMMIT"); !committed) {
      if (conn.InTransaction()) (void)conn.Exec("ROLLBACK");
      for (Job* job : batch) {
        if (job->result) job->result = Fail(ForBatch(committed.error()));
      }
      if (IsStorageError(committed.error())) SealWal(conn);
      NoteStorage(committed.error(), batch.size());
      return;
    }
    commits.fetch_add(1, std::memory_order_relaxed);
    if (storage_failing) {
      storage_failing = false;
      std::cerr << "sqlite: writes succeed again\n";
    }
  }

  // True for MapError's answer to a storage failure (and for WriteFailedError).
  static bool IsStorageError(const Error& e) {
    return e.kind == ErrorKind::kUnavailable && (e.message == kIoMessage || e.message == kWriteFailedMessage);
  }
  // The error the callers of a batch get when the batch as a whole failed with `e`.
  static Error ForBatch(const Error& e) { return IsStorageError(e) ? WriteFailedError() : e; }

  // Logs the first of a run of batches that failed on storage (the callers only see kUnavailable).
  void NoteStorage(const Error& e, std::size_t callers) {
    if (!IsStorageError(e) || storage_failing) return;
    storage_failing = true;
    std::cerr << "sqlite: a write batch failed on storage (" << writer_conn->LastStorageFailure() << "): " << callers
              << " callers answered 503 until writes succeed again\n";
  }

  // Before a batch, outside any transaction: the write connection takes the settings SetBulkLoad asked for. A
  // bulk load keeps its pages in a 256 MiB cache (the default is 2 MiB; 1 GiB measured slower, the cache's own
  // page faults). When no other connection of this process is open (readers_closed), it also leaves WAL for a
  // rollback journal: in WAL every page is written twice (the WAL, then the checkpoint), while a rollback journal
  // copies only the pages that held data before the transaction, and a load mostly appends new ones
  // (bench/RESULTS.md). Each commit there is synced (synchronous=FULL), and a crash leaves a hot journal that the
  // next opening rolls back. Otherwise, in WAL, the commits skip the WAL's fsync (synchronous=NORMAL; checkpoints
  // still sync: a crash of the machine loses at most the last commits and never corrupts the file). Another
  // process that opens the file meanwhile switches it back to WAL (Connection::Open), which this connection then
  // follows: slower, never wrong. Leaving the mode returns to WAL and checkpoints with fsyncs, so every commit so
  // far is durable.
  Status FollowBulkLoad() {
    const bool want = bulk_load.load();
    if (want == writer_in_bulk) return {};
    Connection& conn = *writer_conn;
    if (want) {
      bool alone = false;
      {
        std::lock_guard lock(pool_mu);
        alone = readers_closed;
      }
      if (alone) {
        std::string mode;
        // Fails (busy) or answers "wal" while another process reads the file: then the load stays in WAL.
        writer_left_wal = conn.Pragma("PRAGMA journal_mode=DELETE", &mode).has_value() && mode == "delete";
      }
      // In a rollback journal, NORMAL could let a power failure corrupt the file; FULL costs a few fsyncs per
      // commit of thousands of appeals.
      MS_TRY(conn.Exec(writer_left_wal ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"));
      MS_TRY(conn.Exec("PRAGMA cache_size=-262144"));
    } else {
      MS_TRY(conn.Exec("PRAGMA synchronous=FULL"));
      MS_TRY(conn.Exec("PRAGMA cache_size=-2000"));
      if (writer_left_wal) {
        // Every commit in the rollback journal was synced; the new WAL is empty (and SQLite refuses a checkpoint
        // on a connection that switched to WAL without a transaction since: SQLITE_LOCKED).
        std::string mode;
        MS_TRY(conn.Pragma("PRAGMA journal_mode=WAL", &mode));
        if (mode != "wal") return Fail(Error::Internal("批量载入后数据库无法回到 WAL 日志模式（当前为 " + mode + "）"));
        writer_left_wal = false;
      } else {
        MS_TRY(conn.Execute("PRAGMA wal_checkpoint(FULL)", {}));
      }
    }
    writer_in_bulk = want;
    return {};
  }

  // Leaves the write connection outside any transaction. SQLite rolls back or lets us roll back what a
  // failed batch left; should even ROLLBACK fail, a new connection replaces this one (closing it rolls
  // its transaction back). If that cannot open either, the next batch tries again.
  void ResetWriter() {
    if (!writer_conn->InTransaction()) return;
    (void)writer_conn->Exec("ROLLBACK");
    if (!writer_conn->InTransaction()) return;
    if (auto fresh = Connection::Open(path, options.sqlite_vfs, options.busy_timeout_ms, false)) {
      writer_conn = std::move(*fresh);  // back in WAL (Open switches the file)
      writer_in_bulk = false;
      writer_left_wal = false;
    }
  }

  // A COMMIT that failed on storage may leave the batch's frames in the WAL file, complete with their
  // commit mark, past the end that the WAL index knows: the fsync failed after the frames were
  // written. SQLite writes the next commit at that same place, breaking their checksum chain, but a
  // crash before it would let recovery (which trusts the file, not the index) replay a batch whose
  // callers were told it failed. So commit a no-op right away: user_version rewritten with its own
  // value is one frame of page 1 at that place. Best effort: while the storage fails this may fail too
  // (after a failed fsync its frame is written all the same), and every later commit seals as well.
  void SealWal(Connection& conn) {
    if (!conn.Exec("BEGIN IMMEDIATE")) return;
    auto version = conn.Query("PRAGMA user_version", {});
    if (!version || version->empty() ||
        !conn.Exec("PRAGMA user_version = " + std::to_string(version->front().Int(0))) || !conn.Exec("COMMIT")) {
      if (conn.InTransaction()) (void)conn.Exec("ROLLBACK");
    }
  }

  // Opens options.read_connections read connections into the (empty) pool.
  Status OpenPoolReaders() {
    std::vector<std::unique_ptr<Connection>> opened;
    for (int i = 0; i < options.read_connections; ++i) {
      MS_ASSIGN(reader, Connection::Open(path, options.sqlite_vfs, options.busy_timeout_ms, true));
      opened.push_back(std::move(reader));
    }
    std::lock_guard lock(pool_mu);
    for (auto& reader : opened) {
      free_readers.push_back(reader.get());
      readers.push_back(std::move(reader));
    }
    return {};
  }

  void Stop() {
    {
      std::lock_guard lock(mu);
      stop = true;
    }
    queue_cv.notify_one();
    if (writer.joinable()) writer.join();
  }
};

SqliteDatabase::SqliteDatabase(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  impl_->writer = std::thread([impl = impl_.get()] { impl->WriterLoop(); });
  impl_->writer_id = impl_->writer.get_id();
}

SqliteDatabase::~SqliteDatabase() { impl_->Stop(); }

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path,
                                                             const DatabaseOptions& options) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) return Fail(Error::Internal("无法创建数据库目录 " + parent.string() + "：" + ec.message()));
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->options.read_connections = std::max(1, options.read_connections);
  impl->options.max_batch = std::max(1, options.max_batch);
  impl->options.busy_timeout_ms = std::max(0, options.busy_timeout_ms);
  // The write connection first: it switches a new file to WAL before any reader opens it.
  MS_ASSIGN(writer_conn, Connection::Open(path, impl->options.sqlite_vfs, impl->options.busy_timeout_ms, false));
  impl->writer_conn = std::move(writer_conn);
  MS_TRY(impl->OpenPoolReaders());
  return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(std::move(impl)));
}

Status SqliteDatabase::Write(const Work& work) {
  if (std::this_thread::get_id() == impl_->writer_id) {
    return Fail(Error::Internal("不能在写事务中嵌套调用 Write"));
  }
  Job job;
  job.work = &work;
  bool wake = false;
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->stop) return Fail(Error::Unavailable("数据库已关闭"));
    impl_->queue.push_back(&job);
    // A busy writer looks at the queue again before it sleeps; only a sleeping one needs waking (outside the
    // lock, so that it does not wake into a held mutex).
    wake = impl_->writer_waits;
  }
  if (wake) impl_->queue_cv.notify_one();
  return job.Wait();
}

bool SqliteDatabase::DedicateReaderToThisThread() {
  for (const DedicatedReader& r : tl_dedicated_readers)
    if (r.database == impl_->serial) return true;
  std::lock_guard lock(impl_->pool_mu);  // held while opening: SetBulkLoad must see this reader, or none
  if (impl_->readers_closed) return false;
  auto reader = Connection::Open(impl_->path, impl_->options.sqlite_vfs, impl_->options.busy_timeout_ms, true);
  if (!reader) return false;
  tl_dedicated_readers.push_back({impl_->serial, reader->get(), false});
  impl_->readers.push_back(std::move(*reader));
  ++impl_->dedicated_readers;
  return true;
}

Status SqliteDatabase::Read(const Work& work) {
  // This thread's own connection when it has one and is not already reading on it (no lock: while a thread has
  // one, SetBulkLoad never closes the readers), else a pooled one.
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t own = kNone;  // an index: the work may add entries to the vector
  for (std::size_t i = 0; i < tl_dedicated_readers.size(); ++i)
    if (tl_dedicated_readers[i].database == impl_->serial && !tl_dedicated_readers[i].busy) own = i;
  Connection* conn;
  if (own != kNone) {
    tl_dedicated_readers[own].busy = true;
    conn = tl_dedicated_readers[own].conn;
  } else {
    std::unique_lock lock(impl_->pool_mu);
    if (impl_->readers_closed) {
      lock.unlock();
      // A bulk load closed the readers (SetBulkLoad): the writer reads, in its transaction when this is one of
      // its jobs, else as a job of its own.
      if (std::this_thread::get_id() != impl_->writer_id) return Write(work);
      SqliteTx tx(*impl_->writer_conn);
      return detail::RunWork(work, tx);
    }
    impl_->pool_cv.wait(lock, [&] { return !impl_->free_readers.empty() || impl_->readers_closed; });
    if (impl_->free_readers.empty()) {  // closed while waiting
      lock.unlock();
      return Read(work);
    }
    conn = impl_->free_readers.back();
    impl_->free_readers.pop_back();
  }
  struct GiveBack {
    Impl* impl;
    Connection* conn;
    std::size_t own;
    ~GiveBack() {
      if (own < tl_dedicated_readers.size()) {
        tl_dedicated_readers[own].busy = false;
        return;
      }
      {
        std::lock_guard lock(impl->pool_mu);
        impl->free_readers.push_back(conn);
      }
      impl->pool_cv.notify_one();
    }
  } give_back{impl_.get(), conn, own};

  if (conn->InTransaction()) (void)conn->Exec("ROLLBACK");
  MS_TRY(conn->Exec("BEGIN"));
  SqliteTx tx(*conn);
  Status result = detail::RunWork(work, tx);
  if (!result) {
    (void)conn->Exec("ROLLBACK");
    return result;
  }
  if (auto committed = conn->Exec("COMMIT"); !committed) {
    (void)conn->Exec("ROLLBACK");
    return committed;
  }
  return result;
}

Status SqliteDatabase::SetBulkLoad(bool on) {
  Impl& impl = *impl_;
  if (on) {
    // Closing the pool's readers lets the writer leave WAL (FollowBulkLoad); not when a thread has one of its
    // own (a server's I/O threads), which it may be using right now.
    std::unique_lock lock(impl.pool_mu);
    if (impl.dedicated_readers == 0 && !impl.readers_closed) {
      impl.pool_cv.wait(lock, [&] { return impl.free_readers.size() == impl.readers.size(); });
      impl.free_readers.clear();
      impl.readers.clear();
      impl.readers_closed = true;
      impl.pool_cv.notify_all();  // a reader waiting for a connection reads on the writer now
    }
  }
  impl.bulk_load.store(on);
  // An empty job: its batch starts by following the setting (FollowBulkLoad), and it returns after that.
  MS_TRY(Write([](Tx&) -> Status { return {}; }));
  if (on) return {};
  bool reopen = false;
  {
    std::lock_guard lock(impl.pool_mu);
    reopen = impl.readers_closed;
  }
  if (!reopen) return {};
  MS_TRY(impl.OpenPoolReaders());
  std::lock_guard lock(impl.pool_mu);
  impl.readers_closed = false;
  return {};
}

SqliteWriterStats SqliteDatabase::Stats() const {
  return {impl_->jobs_run.load(std::memory_order_relaxed), impl_->commits.load(std::memory_order_relaxed)};
}

std::size_t SqliteDatabase::QueuedWrites() const {
  std::lock_guard lock(impl_->mu);
  return impl_->queue.size();
}

// Issue 13, backup and restore: SQLite's online backup API on one snapshot.
Status CopySqliteFile(const std::string& from, const std::string& to, const SqliteBackupOptions& options,
                      const Work& in_snapshot) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(from, ec)) return Fail(Error::NotFound("数据库文件不存在：" + from));
  if (options.pages_per_step < 1) return Fail(Error::Invalid("bad_flag", "每步页数必须至少为 1"));
  MS_ASSIGN(source, Connection::Open(from, "", 10000, /*query_only=*/true));
  // A read transaction starts at its first read: take it now and hold it to the end, so that the
  // checksums and every backup step below see this one snapshot. sqlite3_backup_step uses the
  // transaction already open on its source connection (it opens and closes one of its own only when
  // there is none), and a snapshot that never changes never makes the backup restart, however much
  // other connections write meanwhile (WAL: they are not blocked either).
  MS_TRY(source->Exec("BEGIN"));
  struct EndRead {
    Connection& conn;
    ~EndRead() { (void)conn.Exec("ROLLBACK"); }
  } end_read{*source};
  MS_TRY(source->Query("SELECT COUNT(*) FROM sqlite_master", {}));
  if (in_snapshot) {
    SqliteTx tx(*source);
    MS_TRY(detail::RunWork(in_snapshot, tx));
  }

  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(to.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  struct CloseDest {
    sqlite3*& db;
    ~CloseDest() { sqlite3_close_v2(db); }
  } close_dest{dest};
  if (rc != SQLITE_OK) {
    return Fail(Error::Internal("无法打开目标文件 " + to + "：" + (dest != nullptr ? sqlite3_errmsg(dest) : sqlite3_errstr(rc))));
  }
  sqlite3_extended_result_codes(dest, 1);
  sqlite3_busy_timeout(dest, 10000);
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source->handle(), "main");
  if (backup == nullptr) return Fail(MapError(dest, sqlite3_errcode(dest)));
  int busy_rounds = 0;
  for (;;) {
    rc = sqlite3_backup_step(backup, options.pages_per_step);
    const std::int64_t total = sqlite3_backup_pagecount(backup);
    if (options.on_pages && (rc == SQLITE_OK || rc == SQLITE_DONE)) options.on_pages(total - sqlite3_backup_remaining(backup), total);
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_OK) continue;
    // The destination is locked by another connection: wait a little (up to about 10 s in all).
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busy_rounds < 1000) {
      sqlite3_sleep(10);
      continue;
    }
    break;
  }
  const int finished = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return Fail(MapError(dest, rc));
  if (finished != SQLITE_OK) return Fail(MapError(dest, finished));
  return {};
}

}  // namespace minsheng::store
