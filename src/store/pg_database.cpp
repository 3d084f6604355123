#include "store/pg_database.h"

#include <libpq-fe.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <random>
#include <span>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace minsheng::store {
namespace {

// A write transaction is tried this many times before a serialization failure reaches the caller.
constexpr int kMaxWriteAttempts = 20;
// After this many failed attempts a write takes the process's contention lock (see Write).
constexpr int kSoloAfterAttempts = 3;
constexpr std::size_t kMaxCachedStatements = 512;
// After the replica fails, ReadMayLag goes to the primary without trying the replica for this long.
constexpr auto kReplicaRest = std::chrono::seconds(5);

// Type OIDs from PostgreSQL's pg_type.h (stable across versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// Closes the URL's password out of messages: only the host part after '@' is named.
std::string SafeUrl(std::string_view url) {
  const std::size_t at = url.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  const std::size_t scheme = url.find("://");
  return std::string(url.substr(0, scheme == std::string_view::npos ? 0 : scheme + 3)) + "…" +
         std::string(url.substr(at));
}

Error SerializationError() {
  return Error{ErrorKind::kUnavailable, "serialization_failure", "数据库繁忙，请稍后重试", {}, {}};
}

Error ConnectionLost(PGconn* conn) {
  return Error::Unavailable("数据库连接中断：" + std::string(PQerrorMessage(conn)));
}

// Maps a failed result's SQLSTATE to the interface's errors.
Error MapError(const PGresult* res, PGconn* conn) {
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string detail = res != nullptr ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  const std::string_view code = state != nullptr ? state : "";
  if (code == "40001" || code == "40P01" || code == "55P03") return SerializationError();
  if (code == "23505") return Error::Conflict("unique_violation", "记录重复（" + detail + "）");
  if (code == "23503") return Error::Invalid("foreign_key_violation", "引用的记录不存在（" + detail + "）");
  if (code.starts_with("08") || code == "57P01" || code == "57P02" || code == "57P03" ||
      PQstatus(conn) == CONNECTION_BAD)
    return Error::Unavailable("数据库连接中断：" + detail);
  return Error::Internal("数据库错误：" + detail);
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

template <typename T>
T ParseNumber(const char* text, int length) {
  T out{};
  std::from_chars(text, text + length, out);
  return out;
}

Value CellValue(const PGresult* res, int row, int column, Oid type) {
  if (PQgetisnull(res, row, column)) return nullptr;
  const char* text = PQgetvalue(res, row, column);
  const int length = PQgetlength(res, row, column);
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return ParseNumber<std::int64_t>(text, length);
    case kFloat4Oid:
    case kFloat8Oid:
      return ParseNumber<double>(text, length);
    case kNumericOid:  // SUM over integers: whole numbers read as integers, like SQLite's
      if (std::string_view(text, length).find_first_of(".eE") == std::string_view::npos)
        return ParseNumber<std::int64_t>(text, length);
      return ParseNumber<double>(text, length);
    case kBoolOid:
      return std::int64_t{text[0] == 't' ? 1 : 0};
    default:
      return std::string(text, static_cast<std::size_t>(length));
  }
}

// One libpq connection and its prepared statements. Used by one thread at a time.
class Connection {
 public:
  // `round_trips` counts every exchange with the server that the caller waits for (PgStats).
  static Result<std::unique_ptr<Connection>> Open(const std::string& url, std::atomic<std::int64_t>* round_trips) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (conn == nullptr) return Fail(Error::Unavailable("无法连接数据库 " + SafeUrl(url)));
    auto out = std::unique_ptr<Connection>(new Connection(conn, round_trips));
    if (PQstatus(conn) != CONNECTION_OK) {
      std::string message = PQerrorMessage(conn);
      while (!message.empty() && message.back() == '\n') message.pop_back();
      return Fail(Error::Unavailable("无法连接数据库 " + SafeUrl(url) + "：" + message));
    }
    MS_TRY(out->Setup());
    return out;
  }

  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool Broken() const { return lost_ || PQstatus(conn_) != CONNECTION_OK; }

  // Reconnects after the server went away; prepared statements are gone with the old session.
  Status Reset() {
    statements_.clear();
    lost_ = false;
    PQreset(conn_);
    if (Broken()) return Fail(ConnectionLost(conn_));
    return Setup();
  }

  // Runs a statement without parameters through the simple protocol (BEGIN, COMMIT, SET …).
  Status Simple(const char* sql) {
    CountRoundTrip();
    ResultPtr res(PQexec(conn_, sql));
    const ExecStatusType status = PQresultStatus(res.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Fail(MapError(res.get(), conn_));
    return {};
  }

  // The status of the transaction on this connection.
  PGTransactionStatusType TxStatus() const { return PQtransactionStatus(conn_); }

  // One command of a batch: a prepared statement (Prepare's name) with its values, or a plain command
  // without parameters (BEGIN, COMMIT).
  struct Command {
    const std::string* name = nullptr;
    const Params* params = nullptr;
    const char* plain = nullptr;
  };

  // Runs `commands` in order and returns each one's result, or the first error (and then the commands after
  // it did not run). Several commands go out together and are answered together (libpq's pipeline mode), so
  // a batch costs one round trip however many statements it holds.
  Result<std::vector<ResultPtr>> Batch(std::span<const Command> commands) {
    std::vector<ResultPtr> out;
    CountRoundTrip();
    if (commands.size() == 1 && commands[0].name != nullptr) {
      Bound bound(*commands[0].params);
      out.emplace_back(PQexecPrepared(conn_, commands[0].name->c_str(), bound.count(), bound.values(), nullptr,
                                      nullptr, 0));
    } else {
      MS_TRY(Pipeline(commands, out));
    }
    for (const ResultPtr& res : out) {
      const ExecStatusType status = PQresultStatus(res.get());
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Fail(MapError(res.get(), conn_));
    }
    return out;
  }

  // The name of the prepared statement for `sql`, preparing it on first use. Parameter types come
  // from the first call's values: integers and reals are typed, text and NULL are left for the
  // server to infer from where they stand. `may_forget`: the cache may be emptied to make room (not
  // while statements already prepared wait in a queue to be sent).
  Result<const std::string*> Prepare(std::string_view sql, const Params& params, bool may_forget = true) {
    if (auto it = statements_.find(sql); it != statements_.end()) return &it->second;
    if (statements_.size() >= kMaxCachedStatements && may_forget) {
      MS_TRY(Simple("DEALLOCATE ALL"));
      statements_.clear();
    }
    std::vector<Oid> types(params.size(), 0);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (std::holds_alternative<std::int64_t>(params[i])) types[i] = kInt8Oid;
      if (std::holds_alternative<double>(params[i])) types[i] = kFloat8Oid;
    }
    std::string name = "s";  // appended, not "s" + …: g++ 12's -Wrestrict false positive at -O3
    name += std::to_string(++prepared_);
    const std::string text = detail::NumberPlaceholders(sql);
    CountRoundTrip();
    ResultPtr res(PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(types.size()), types.data()));
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return Fail(MapError(res.get(), conn_));
    auto [it, inserted] = statements_.emplace(std::string(sql), std::move(name));
    return &it->second;
  }

 private:
  Connection(PGconn* conn, std::atomic<std::int64_t>* round_trips) : conn_(conn), round_trips_(round_trips) {}

  void CountRoundTrip() { round_trips_->fetch_add(1, std::memory_order_relaxed); }

  // A statement's values as the text libpq sends (NULL as a null pointer).
  class Bound {
   public:
    explicit Bound(const Params& params) : texts_(params.size()), values_(params.size(), nullptr) {
      for (std::size_t i = 0; i < params.size(); ++i) {
        const Value& v = params[i];
        if (const auto* n = std::get_if<std::int64_t>(&v)) {
          texts_[i] = std::to_string(*n);
          values_[i] = texts_[i].c_str();
        } else if (const auto* d = std::get_if<double>(&v)) {
          char buf[64];
          const auto r = std::to_chars(buf, buf + sizeof buf, *d);
          texts_[i].assign(buf, r.ptr);
          values_[i] = texts_[i].c_str();
        } else if (const auto* s = std::get_if<std::string>(&v)) {
          values_[i] = s->c_str();
        }
      }
    }
    int count() const { return static_cast<int>(values_.size()); }
    const char* const* values() const { return values_.data(); }

   private:
    std::vector<std::string> texts_;
    std::vector<const char*> values_;
  };

  // Sends `commands` and a sync at once, then reads every result up to the sync (all of them must be read
  // before leaving pipeline mode, even after a failure; the commands after a failed one answer
  // PGRES_PIPELINE_ABORTED). `out` receives one result per command.
  Status Pipeline(std::span<const Command> commands, std::vector<ResultPtr>& out) {
    if (PQenterPipelineMode(conn_) != 1) return Fail(ConnectionLost(conn_));
    bool sent = true;
    for (const Command& c : commands) {
      if (c.name != nullptr) {
        Bound bound(*c.params);
        sent = PQsendQueryPrepared(conn_, c.name->c_str(), bound.count(), bound.values(), nullptr, nullptr, 0) == 1;
      } else {
        sent = PQsendQueryParams(conn_, c.plain, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
      }
      if (!sent) break;
    }
    sent = sent && PQpipelineSync(conn_) == 1;
    bool synced = false;
    for (int nulls = 0; sent && !synced;) {
      ResultPtr r(PQgetResult(conn_));
      if (r == nullptr) {  // the end of one command's results; two in a row: the connection failed
        if (++nulls > 1 || Broken()) break;
        continue;
      }
      nulls = 0;
      if (PQresultStatus(r.get()) == PGRES_PIPELINE_SYNC) synced = true;
      else if (out.size() < commands.size()) out.push_back(std::move(r));
    }
    if (PQexitPipelineMode(conn_) != 1) lost_ = true;  // not idle: the session is reset before its next use
    if (!sent || !synced || out.size() != commands.size()) return Fail(ConnectionLost(conn_));
    return {};
  }

  Status Setup() {
    // The server's notices ("relation … already exists, skipping") are not for the user's terminal.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    if (PQsetClientEncoding(conn_, "UTF8") != 0) return Fail(Error::Internal("无法设置数据库连接编码为 UTF8"));
    return Simple("SET application_name = 'minsheng'");
  }

  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  PGconn* conn_;
  std::atomic<std::int64_t>* round_trips_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> statements_;
  std::int64_t prepared_ = 0;
  bool lost_ = false;  // a pipeline was left unfinished: Reset before the next use
};

// A transaction opened lazily: its BEGIN travels with the first statement. Statements queued by ExecuteLater
// and QueryLater travel with the next statement that is waited for, or with the COMMIT.
class PgTx final : public Tx {
 public:
  PgTx(Connection& conn, const char* begin) : conn_(conn), begin_(begin) {}
  std::string_view Engine() const override { return "postgresql"; }
  ~PgTx() override {
    for (auto& q : queue_)  // never sent (the work failed): a LaterRows kept past the transaction reads an error
      if (q.slot) q.slot->tx = nullptr;
  }

  // Whether BEGIN was sent (and so COMMIT or ROLLBACK must follow).
  bool begun() const { return begin_ == nullptr; }
  // Whether statements wait in the queue (sent by Commit).
  bool queued() const { return !queue_.empty(); }

  Result<std::vector<Row>> Query(std::string_view sql, const Params& params) override {
    MS_ASSIGN(res, Send(sql, params));
    return ToRows(res.get());
  }

  Result<std::int64_t> Execute(std::string_view sql, const Params& params) override {
    MS_ASSIGN(res, Send(sql, params));
    const char* changed = PQcmdTuples(res.get());
    if (changed == nullptr || *changed == '\0') return std::int64_t{0};
    return ParseNumber<std::int64_t>(changed, static_cast<int>(std::char_traits<char>::length(changed)));
  }

  Result<std::vector<std::string>> Columns(std::string_view table) override {
    MS_ASSIGN(rows, Query("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                          "AND table_name = ? ORDER BY ordinal_position",
                          {std::string(table)}));
    std::vector<std::string> names;
    for (const Row& row : rows) names.push_back(row.Text(0));
    return names;
  }

  Status ExecuteLater(std::string_view sql, const Params& params) override {
    MS_TRY(Enqueue(sql, params, nullptr));
    return {};
  }

  LaterRows QueryLater(std::string_view sql, const Params& params) override {
    auto slot = std::make_shared<LaterRows::Slot>();
    if (auto queued = Enqueue(sql, params, slot); !queued) slot->rows = Fail(queued.error());
    else slot->tx = this;
    return LaterRows(std::move(slot));
  }

  Status Flush() override {
    if (queue_.empty()) return failure_ ? Status(Fail(*failure_)) : Status();
    MS_TRY(SendQueue(nullptr));
    return {};
  }

  // Sends what is queued and COMMIT, in one round trip. Call only when begun() or queued().
  Status Commit() {
    const Connection::Command commit{.plain = "COMMIT"};
    MS_TRY(SendQueue(&commit));
    return {};
  }

  // The first error a statement met: after it PostgreSQL refuses everything until ROLLBACK, and a
  // COMMIT quietly rolls back, so the transaction is failed whatever the work returns.
  const std::optional<Error>& failure() const { return failure_; }

 private:
  // A statement waiting to be sent, with its own copy of the values.
  struct Queued {
    const std::string* name;
    Params params;
    std::shared_ptr<LaterRows::Slot> slot;  // where a query's rows go; null for ExecuteLater
  };

  static std::vector<Row> ToRows(const PGresult* res) {
    const int rows = PQntuples(res);
    const int columns = PQnfields(res);
    std::vector<Oid> types(columns);
    for (int c = 0; c < columns; ++c) types[c] = PQftype(res, c);
    std::vector<Row> out;
    out.reserve(rows);
    for (int r = 0; r < rows; ++r) {
      std::vector<Value> values;
      values.reserve(columns);
      for (int c = 0; c < columns; ++c) values.push_back(CellValue(res, r, c, types[c]));
      out.emplace_back(std::move(values));
    }
    return out;
  }

  Status Enqueue(std::string_view sql, const Params& params, std::shared_ptr<LaterRows::Slot> slot) {
    if (failure_) return Fail(*failure_);  // PostgreSQL would refuse it anyway
    auto name = conn_.Prepare(sql, params, queue_.empty());
    if (!name) {
      failure_ = name.error();
      return Fail(name.error());
    }
    queue_.push_back({*name, params, std::move(slot)});
    return {};
  }

  // Runs `sql` now, with whatever is queued ahead of it.
  Result<ResultPtr> Send(std::string_view sql, const Params& params) {
    if (failure_) return Fail(*failure_);  // PostgreSQL would refuse it anyway
    auto name = conn_.Prepare(sql, params, queue_.empty());
    if (!name) {
      failure_ = name.error();
      return Fail(name.error());
    }
    const Connection::Command statement{.name = *name, .params = &params};
    return SendQueue(&statement);
  }

  // Sends BEGIN (if not yet sent), the queue, and `last` (if any) in one batch; hands each queued query its
  // rows (or the batch's error) and returns `last`'s result (or the queue's last one when there is no `last`).
  Result<ResultPtr> SendQueue(const Connection::Command* last) {
    if (failure_) return Fail(*failure_);
    std::vector<Connection::Command> commands;
    commands.reserve(queue_.size() + 2);
    const bool with_begin = begin_ != nullptr;
    if (with_begin) commands.push_back({.plain = std::exchange(begin_, nullptr)});
    for (const Queued& q : queue_) commands.push_back({.name = q.name, .params = &q.params});
    if (last != nullptr) commands.push_back(*last);
    auto results = conn_.Batch(commands);
    std::vector<Queued> sent = std::exchange(queue_, {});
    if (!results) {
      failure_ = results.error();
      for (auto& q : sent)
        if (q.slot) q.slot->rows = Fail(results.error());
      return Fail(results.error());
    }
    const std::size_t first = with_begin ? 1 : 0;
    for (std::size_t i = 0; i < sent.size(); ++i)
      if (sent[i].slot) sent[i].slot->rows = ToRows((*results)[first + i].get());
    return std::move(results->back());
  }

  Connection& conn_;
  const char* begin_;  // not yet sent
  std::vector<Queued> queue_;
  std::optional<Error> failure_;
};

// A fixed set of connections to one server.
class Pool {
 public:
  static Result<std::unique_ptr<Pool>> Open(const std::string& url, int size,
                                            std::atomic<std::int64_t>* round_trips) {
    auto pool = std::make_unique<Pool>();
    for (int i = 0; i < size; ++i) {
      MS_ASSIGN(conn, Connection::Open(url, round_trips));
      pool->free_.push_back(conn.get());
      pool->all_.push_back(std::move(conn));
    }
    return pool;
  }

  // A connection for the caller's use until the lease ends.
  class Lease {
   public:
    Lease(Pool& pool, Connection* conn) : pool_(pool), conn_(conn) {}
    ~Lease() { pool_.GiveBack(conn_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_; }

   private:
    Pool& pool_;
    Connection* conn_;
  };

  Lease Take() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty(); });
    Connection* conn = free_.back();
    free_.pop_back();
    return Lease(*this, conn);
  }

 private:
  void GiveBack(Connection* conn) {
    {
      std::lock_guard lock(mu_);
      free_.push_back(conn);
    }
    cv_.notify_one();
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Connection*> free_;  // guarded by mu_
  std::vector<std::unique_ptr<Connection>> all_;
};

// Makes a connection usable for a new transaction: reconnects if the server went away and rolls
// back anything a failed caller left open.
Status Ready(Connection& conn) {
  if (conn.Broken()) MS_TRY(conn.Reset());
  if (conn.TxStatus() != PQTRANS_IDLE) {
    if (!conn.Simple("ROLLBACK") && conn.Broken()) MS_TRY(conn.Reset());
  }
  return {};
}

// The outcome of one attempt at a transaction.
enum class Attempt { kDone, kRetry };

// Runs `work` once in a transaction opened by `begin`. `result` receives the outcome; kRetry means
// nothing was committed and running it again may succeed.
Attempt RunOnce(Connection& conn, const char* begin, const Work& work, Status& result) {
  if (auto ready = Ready(conn); !ready) {
    result = std::move(ready);
    return Attempt::kRetry;
  }
  PgTx tx(conn, begin);
  Status worked = detail::RunWork(work, tx);
  if (tx.failure() && worked) worked = Fail(*tx.failure());
  if (!worked) {
    if (tx.begun()) (void)conn.Simple("ROLLBACK");  // what is still queued is never sent
    const bool retry = tx.failure() && (tx.failure()->code == "serialization_failure" ||
                                        tx.failure()->kind == ErrorKind::kUnavailable);
    result = std::move(worked);
    return retry ? Attempt::kRetry : Attempt::kDone;
  }
  if (!tx.begun() && !tx.queued()) {  // the work ran no statement: there is no transaction to end
    result = std::move(worked);
    return Attempt::kDone;
  }
  if (auto committed = tx.Commit(); !committed) {
    // A queued statement that failed, or a serialization failure at commit, means nothing was written; a
    // dropped connection leaves the outcome unknown, so it is reported rather than retried.
    if (!conn.Broken() && conn.TxStatus() != PQTRANS_IDLE) (void)conn.Simple("ROLLBACK");
    const bool retry = committed.error().code == "serialization_failure";
    result = std::move(committed);
    return retry ? Attempt::kRetry : Attempt::kDone;
  }
  result = std::move(worked);
  return Attempt::kDone;
}

}  // namespace

struct PgDatabase::Impl {
  std::unique_ptr<Pool> primary;
  std::unique_ptr<Pool> replica;  // null without --db-replica
  std::mutex contention;
  std::atomic<std::int64_t> commits{0};
  std::atomic<std::int64_t> retries{0};
  std::atomic<std::int64_t> replica_reads{0};
  std::atomic<std::int64_t> replica_fallbacks{0};
  std::atomic<std::int64_t> round_trips{0};
  // steady_clock ticks before which the replica is not tried (it failed recently).
  std::atomic<std::chrono::steady_clock::rep> replica_resting_until{0};

  Status ReadOn(Pool& pool, const Work& work) {
    auto conn = pool.Take();
    Status result;
    // A read is retried once, only when the connection had dropped.
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (RunOnce(*conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", work, result) == Attempt::kDone) break;
      if (result.error().code == "serialization_failure") break;
    }
    return result;
  }
};

PgDatabase::PgDatabase(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PgDatabase::~PgDatabase() = default;

Result<std::unique_ptr<PgDatabase>> PgDatabase::Open(const std::string& url, const DatabaseOptions& options) {
  auto impl = std::make_unique<Impl>();
  const int size = std::max(1, options.pg_connections);
  MS_ASSIGN(primary, Pool::Open(url, size, &impl->round_trips));
  impl->primary = std::move(primary);
  if (!options.replica_url.empty()) {
    if (!options.replica_url.starts_with("postgresql://") && !options.replica_url.starts_with("postgres://"))
      return Fail(Error::Invalid("unsupported_database", "只读副本必须是 PostgreSQL 地址（postgresql://…）",
                                 "db-replica"));
    MS_ASSIGN(replica, Pool::Open(options.replica_url, size, &impl->round_trips));
    impl->replica = std::move(replica);
  }
  return std::unique_ptr<PgDatabase>(new PgDatabase(std::move(impl)));
}

Status PgDatabase::Write(const Work& work) {
  auto conn = impl_->primary->Take();
  thread_local std::minstd_rand jitter(std::random_device{}());
  Status result;
  std::unique_lock<std::mutex> contended(impl_->contention, std::defer_lock);
  for (int attempt = 1;; ++attempt) {
    if (RunOnce(*conn, "BEGIN ISOLATION LEVEL REPEATABLE READ", work, result) == Attempt::kDone) break;
    if (attempt == kMaxWriteAttempts) break;
    impl_->retries.fetch_add(1, std::memory_order_relaxed);
    // A transaction that keeps colliding runs its next attempts one at a time with the other such
    // transactions of this process, so a hot row makes progress instead of livelocking.
    if (attempt == kSoloAfterAttempts) contended.lock();
    // Back off for a random time whose ceiling doubles with each failure (0.2 ms … 13 ms).
    const int ceiling_us = 200 << std::min(attempt - 1, 6);
    std::this_thread::sleep_for(std::chrono::microseconds(jitter() % ceiling_us));
  }
  if (result) impl_->commits.fetch_add(1, std::memory_order_relaxed);
  return result;
}

Status PgDatabase::Read(const Work& work) { return impl_->ReadOn(*impl_->primary, work); }

Status PgDatabase::ReadMayLag(const Work& work) {
  if (!impl_->replica) return Read(work);
  using Steady = std::chrono::steady_clock;
  if (Steady::now().time_since_epoch().count() < impl_->replica_resting_until.load(std::memory_order_relaxed)) {
    impl_->replica_fallbacks.fetch_add(1, std::memory_order_relaxed);
    return Read(work);
  }
  Status result = impl_->ReadOn(*impl_->replica, work);
  if (!result && result.error().kind == ErrorKind::kUnavailable && result.error().code != "serialization_failure") {
    impl_->replica_resting_until.store((Steady::now() + kReplicaRest).time_since_epoch().count(),
                                       std::memory_order_relaxed);
    impl_->replica_fallbacks.fetch_add(1, std::memory_order_relaxed);
    return Read(work);
  }
  impl_->replica_reads.fetch_add(1, std::memory_order_relaxed);
  return result;
}

PgStats PgDatabase::Stats() const {
  return {impl_->commits.load(), impl_->retries.load(), impl_->replica_reads.load(), impl_->replica_fallbacks.load(),
          impl_->round_trips.load()};
}

namespace detail {

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    std::size_t end = i + 1;
    if (c == '\'' || c == '"') {
      end = sql.find(c, i + 1);
      end = end == std::string_view::npos ? sql.size() : end + 1;
    } else if (c == '-' && sql.substr(i, 2) == "--") {
      end = sql.find('\n', i);
      end = end == std::string_view::npos ? sql.size() : end + 1;
    } else if (c == '/' && sql.substr(i, 2) == "/*") {
      end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
      i = end;
      continue;
    }
    out.append(sql.substr(i, end - i));
    i = end;
  }
  return out;
}

}  // namespace detail

}  // namespace minsheng::store
