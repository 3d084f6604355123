// The one small database interface. Repositories are written once against it; two engines
// (SQLite embedded, PostgreSQL) implement it. SQL given to it uses `?` placeholders and portable SQL
// (RETURNING is fine; both engines have it).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.h"

namespace minsheng::store {

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

// Convenience for optional parameters: nullopt becomes SQL NULL.
template <typename T>
Value Nullable(const std::optional<T>& v) {
  if (!v) return nullptr;
  if constexpr (std::is_integral_v<T>) return static_cast<std::int64_t>(*v);
  else return Value(*v);
}

// One result row; columns by position, in SELECT order.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool IsNull(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(values_.at(i)); }
  std::int64_t Int(std::size_t i) const;            // NULL reads as 0
  double Real(std::size_t i) const;                 // NULL reads as 0.0
  std::string Text(std::size_t i) const;            // NULL reads as ""
  std::optional<std::int64_t> OptInt(std::size_t i) const;
  std::optional<std::string> OptText(std::size_t i) const;
  const Value& at(std::size_t i) const { return values_.at(i); }

 private:
  std::vector<Value> values_;
};

class Tx;

// The rows of a query queued with Tx::QueryLater. Get() answers them, sending first whatever is still queued.
class LaterRows {
 public:
  // Where an engine leaves the rows (or the error) once the query has run.
  struct Slot {
    std::optional<Result<std::vector<Row>>> rows;
    Tx* tx = nullptr;  // sends the queue (Tx::Flush) when Get() finds no rows yet
  };
  explicit LaterRows(std::shared_ptr<Slot> slot) : slot_(std::move(slot)) {}
  // The query's rows, or its error, or the error of a statement queued before it. Once: the rows move out.
  Result<std::vector<Row>> Get();

 private:
  std::shared_ptr<Slot> slot_;
};

// A queued query's rows mapped to what a repository returns (e.g. std::optional<RegionRecord>).
template <typename T>
class Later {
 public:
  using Map = std::function<Result<T>(const std::vector<Row>&)>;
  Later(LaterRows rows, Map map) : rows_(std::move(rows)), map_(std::move(map)) {}
  Result<T> Get() {
    MS_ASSIGN(rows, rows_.Get());
    return map_(rows);
  }

 private:
  LaterRows rows_;
  Map map_;
};

// Statements inside one transaction. Errors: a unique-constraint violation is
// ErrorKind::kConflict with code "unique_violation"; a lock or serialization failure is
// ErrorKind::kUnavailable with code "serialization_failure" (Write retries the transaction a few
// times before returning it). After an error the transaction must not be used further: PostgreSQL
// aborts it, so work returns the error instead of trying another statement.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Result<std::vector<Row>> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a statement without result rows; returns the number of rows it changed.
  virtual Result<std::int64_t> Execute(std::string_view sql, const Params& params = {}) = 0;
  // The column names of `table`, in table order (empty when there is no such table).
  virtual Result<std::vector<std::string>> Columns(std::string_view table) = 0;
  // "sqlite" or "postgresql", as Database::Engine: for the few statements only one engine has (planner settings).
  virtual std::string_view Engine() const = 0;

  // Issue 13: fewer round trips. A statement whose outcome the caller does not wait for: the engine may
  // send it with the next statement that is waited for, or with the commit (PostgreSQL sends them all in one
  // round trip); SQLite runs it at once. An error it meets fails that later call, or the commit, and so the
  // transaction: use it only where the caller would return the error anyway.
  virtual Status ExecuteLater(std::string_view sql, const Params& params = {});
  // A query whose rows are read later (LaterRows::Get). Queries queued one after the other travel together
  // (PostgreSQL: one round trip for all, with the statements queued before them); SQLite runs it at once.
  // Statements run in the order they were queued or sent, on both engines.
  virtual LaterRows QueryLater(std::string_view sql, const Params& params = {});
  // Sends whatever is queued and waits for it; its first error, if any.
  virtual Status Flush() { return {}; }

  // The first row, or nullopt when there is none.
  Result<std::optional<Row>> QueryOne(std::string_view sql, const Params& params = {});
  // Runs an INSERT … RETURNING id and returns that id.
  Result<std::int64_t> Insert(std::string_view sql, const Params& params = {});
};

using Work = std::function<Status(Tx&)>;

class Database {
 public:
  virtual ~Database() = default;
  // Runs `work` in a read-write transaction: committed if it returns ok, rolled back otherwise.
  // Returns only once the commit is durable. Calls from many threads may share one commit. `work`
  // may run more than once (after a serialization failure), so it must not act outside `tx`.
  virtual Status Write(const Work& work) = 0;
  // Runs `work` in a read-only transaction on a consistent snapshot of the latest commits.
  virtual Status Read(const Work& work) = 0;
  // Like Read, but may run on a streaming replica and miss the last moments of commits: for lists
  // and metrics, never for read-your-own-writes.
  virtual Status ReadMayLag(const Work& work) { return Read(work); }
  // "sqlite" or "postgresql".
  virtual std::string_view Engine() const = 0;
  // True when even a small read waits on another process over a socket, so it should not run on a
  // thread that must not block (an HTTP I/O thread).
  virtual bool ReadsWait() const { return false; }
  // Issue 13, bulk loads (store/bulk_appeals.h). While on, a commit need not be durable when Write returns: a
  // crash of the machine may lose the last commits, never corrupt what was committed before (SQLite: the write
  // connection with a large page cache, in a rollback journal when it can close its readers, else in WAL at
  // synchronous=NORMAL; PostgreSQL sets synchronous_commit off in the load's own transactions). Turning it off
  // returns once every commit so far is durable.
  virtual Status SetBulkLoad(bool on) {
    (void)on;
    return {};
  }
  // Issue 13: gives the calling thread a read connection of its own, used by its Read calls from then on
  // (not by a Read nested in another of its Reads, which takes a pooled one), so that they never wait for a
  // pooled connection that other threads hold. For the few threads that must not wait (the HTTP I/O
  // threads); the connection lives as long as the database. False when the engine has none to give
  // (PostgreSQL, whose reads wait on a socket anyway: ReadsWait) or it could not be opened.
  virtual bool DedicateReaderToThisThread() { return false; }
};

namespace detail {
// Runs `work` (Tx& -> Result<T>) through `run` (Write, Read or ReadMayLag) and returns its value.
template <typename T, typename F>
Result<T> RunValue(Status (Database::*run)(const Work&), Database& db, F&& work) {
  std::optional<T> out;
  MS_TRY((db.*run)([&](Tx& tx) -> Status {
    auto r = work(tx);
    if (!r) return Fail(std::move(r).error());
    out = std::move(*r);
    return {};
  }));
  return std::move(*out);
}
}  // namespace detail

// Runs `work` (Tx& -> Result<T>) inside Write, Read or ReadMayLag and returns its value.
template <typename T, typename F>
Result<T> WriteValue(Database& db, F&& work) {
  return detail::RunValue<T>(&Database::Write, db, std::forward<F>(work));
}
template <typename T, typename F>
Result<T> ReadValue(Database& db, F&& work) {
  return detail::RunValue<T>(&Database::Read, db, std::forward<F>(work));
}
template <typename T, typename F>
Result<T> ReadMayLagValue(Database& db, F&& work) {
  return detail::RunValue<T>(&Database::ReadMayLag, db, std::forward<F>(work));
}

struct DatabaseOptions {
  int read_connections = 4;      // SQLite: pooled read connections
  int pg_connections = 16;       // PostgreSQL: pooled connections (to the primary, and to the replica)
  std::string replica_url;       // PostgreSQL: a streaming replica for ReadMayLag (empty: none)
  int max_batch = 256;           // SQLite: most use cases group-committed in one transaction
  int busy_timeout_ms = 10000;   // SQLite: wait for another process's write lock this long
  std::string sqlite_vfs;        // SQLite: a VFS name (tests inject faults, store/fault_vfs.h); empty: the default
};

namespace detail {
// For the engines: runs `work` on `tx`; an exception becomes an internal error so that it never
// crosses the engine.
Status RunWork(const Work& work, Tx& tx);
}  // namespace detail

// Opens "sqlite:PATH" (creating the file and its folder) or "postgresql://…" (a libpq URI; the
// database must exist). options.replica_url, if set, must be a PostgreSQL replica of a PostgreSQL
// primary.
Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url, const DatabaseOptions& options = {});

}  // namespace minsheng::store
