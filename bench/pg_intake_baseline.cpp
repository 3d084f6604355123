// pg_intake_baseline: what plain libpq reaches inserting the rows one intake (POST /api/v1/appeals) writes, on
// the same PostgreSQL database, so that the HTTP intake can be read as a fraction of it (issue 13).
//
//   pg_intake_baseline --db postgresql://postgres@127.0.0.1:PORT/DB [--connections 64] [--seconds 10]
//                      [--warmup 1] [--style pipeline|statements]
//
// Each connection (one thread each, closed loop) writes one appeal per durable transaction (synchronous_commit
// on, as the server's): the appeal row (received, anonymous, by the coordinator, in the first community and the
// first category, as load_client --mode intake sends), its register event and its rollup delta — the rows
// AppealService::Register writes for such an appeal. The database must hold a migrated, demo-loaded schema.
//   --style pipeline    (default) BEGIN, the three INSERTs and COMMIT sent at once (libpq pipeline mode): one
//                       round trip per appeal, the least a client can do for three dependent rows;
//   --style statements  the same five statements, each waiting for its answer (five round trips).
// Prints appeals, appeals/s and latency percentiles in load_client's shape. Figures, not a test: exits 0 unless
// it could not run at all.
#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/password.h"
#include "core/calendar.h"
#include "core/rollup.h"

namespace {

using SteadyClock = std::chrono::steady_clock;

struct Options {
  std::string db;
  int connections = 64;
  double seconds = 10;
  double warmup = 1;
  bool pipeline = true;
};

// What every appeal of the run shares, read once from the database.
struct Setup {
  std::string region_id, street_id, category_id, created_by;
};

int Usage(const char* why) {
  std::fprintf(stderr,
               "%s\nusage: pg_intake_baseline --db postgresql://USER@127.0.0.1:PORT/DB [--connections N] [--seconds S]\n"
               "       [--warmup S] [--style pipeline|statements]\n",
               why);
  return 2;
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// One value of a one-row query, or nullopt (and a message on stderr).
std::optional<std::string> One(PGconn* conn, const char* sql) {
  PGresult* res = PQexec(conn, sql);
  std::optional<std::string> out;
  if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
    out = PQgetvalue(res, 0, 0);
  else
    std::fprintf(stderr, "%s: %s\n", sql, PQresultStatus(res) == PGRES_TUPLES_OK ? "no row" : PQerrorMessage(conn));
  PQclear(res);
  return out;
}

std::optional<Setup> ReadSetup(PGconn* conn) {
  auto region = One(conn, "SELECT id || ',' || COALESCE(street_id, 0) FROM regions WHERE level = 'community' ORDER BY id LIMIT 1");
  auto category = One(conn, "SELECT id FROM categories WHERE active = 1 ORDER BY id LIMIT 1");
  auto coordinator = One(conn, "SELECT id FROM users WHERE username = 'coordinator'");
  if (!region || !category || !coordinator) return std::nullopt;
  const auto comma = region->find(',');
  return Setup{region->substr(0, comma), region->substr(comma + 1), *category, *coordinator};
}

// The statements, as the server's repositories spell them (store/appeal_repository.cpp, rollup_repository.cpp).
constexpr const char* kInsertAppeal =
    "INSERT INTO appeals (receipt_code, title, content, channel, region_id, street_id, category_id, address, "
    "anonymous, appellant_name, appellant_phone, status, version, created_at, updated_at, created_by, "
    "duty_shift_id, current_due, sweep_due) VALUES ($1, $2, $3, 'phone', $4, $5, $6, '', 1, '', '', 'received', 1, "
    "$7, $7, $8, NULL, NULL, NULL) RETURNING id";
// The event and the delta follow the appeal in the same pipeline, so they name it by the sequence's value.
constexpr const char* kInsertEvent =
    "INSERT INTO events (appeal_id, street_id, seq, at, actor_id, actor_label, action, from_status, to_status, "
    "note, data) VALUES (currval(pg_get_serial_sequence('appeals', 'id')), $1, 1, $2, $3, $4, 'register', NULL, "
    "'received', $5, '')";

std::string InsertDeltaSql() {
  std::string columns, values;
  for (std::size_t i = 0; i < minsheng::kTallyColumns; ++i) {
    columns += ", " + std::string(minsheng::TallyColumnName(i));
    values += ", $" + std::to_string(8 + i);
  }
  return "INSERT INTO appeal_rollup_deltas (day, street_id, region_id, lead_unit_id, category_id, channel, deputy_id" +
         columns + ") VALUES ($1, $2, $3, $4, $5, $6, $7" + values + ")";
}

class Writer {
 public:
  Writer(const Options& o, const Setup& s, int thread) : o_(o), s_(s), thread_(thread) {}
  ~Writer() {
    if (conn_ != nullptr) PQfinish(conn_);
  }

  bool Open() {
    conn_ = PQconnectdb(o_.db.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::fprintf(stderr, "connect: %s\n", Trimmed(PQerrorMessage(conn_)).c_str());
      return false;
    }
    const std::string delta = InsertDeltaSql();
    for (auto [name, sql] : {std::pair{"appeal", kInsertAppeal}, std::pair{"event", kInsertEvent},
                             std::pair{"delta", delta.c_str()}}) {
      PGresult* res = PQprepare(conn_, name, sql, 0, nullptr);
      const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
      if (!ok) std::fprintf(stderr, "prepare %s: %s\n", name, Trimmed(PQerrorMessage(conn_)).c_str());
      PQclear(res);
      if (!ok) return false;
    }
    return true;
  }

  // Writes one appeal in one durable transaction; false when any statement failed.
  bool WriteOne() {
    using namespace minsheng;
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
    const std::string at = std::to_string(now);
    const std::string title = "压测诉求 " + std::to_string(thread_) + "-" + std::to_string(n_++);
    const std::string code = app::NewReceiptCode();
    const char* appeal[] = {code.c_str(), title.c_str(), kContent, s_.region_id.c_str(), s_.street_id.c_str(),
                            s_.category_id.c_str(), at.c_str(), s_.created_by.c_str()};
    const char* event[] = {s_.street_id.c_str(), at.c_str(), s_.created_by.c_str(), "街镇枢纽", "通过热线渠道受理"};
    Tally tally = TallyOf(TallyInput{.day = static_cast<std::int32_t>(LocalDay(now).time_since_epoch().count())});
    std::vector<std::string> texts{std::to_string(LocalDay(now).time_since_epoch().count()), s_.street_id,
                                   s_.region_id, "0", s_.category_id, "phone", "0"};
    for (auto n : tally.n) texts.push_back(std::to_string(n));
    std::vector<const char*> delta;
    for (const auto& t : texts) delta.push_back(t.c_str());

    struct Step {
      const char* name;  // a prepared statement, or nullptr for a plain command
      const char* sql;
      int count;
      const char* const* values;
    };
    const Step steps[] = {{nullptr, "BEGIN", 0, nullptr},
                          {"appeal", nullptr, 8, appeal},
                          {"event", nullptr, 5, event},
                          {"delta", nullptr, static_cast<int>(delta.size()), delta.data()},
                          {nullptr, "COMMIT", 0, nullptr}};
    if (!o_.pipeline) {
      for (const Step& s : steps) {
        PGresult* res = s.name != nullptr ? PQexecPrepared(conn_, s.name, s.count, s.values, nullptr, nullptr, 0)
                                          : PQexec(conn_, s.sql);
        const auto status = PQresultStatus(res);
        PQclear(res);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Failed();
      }
      return true;
    }
    if (PQenterPipelineMode(conn_) != 1) return Failed();
    bool ok = true;
    for (const Step& s : steps)
      ok = ok && (s.name != nullptr ? PQsendQueryPrepared(conn_, s.name, s.count, s.values, nullptr, nullptr, 0)
                                    : PQsendQueryParams(conn_, s.sql, 0, nullptr, nullptr, nullptr, nullptr, 0)) == 1;
    ok = ok && PQpipelineSync(conn_) == 1;
    // Every result up to the sync is read, each command's ending in a NULL.
    for (bool synced = false; ok && !synced;) {
      PGresult* res = PQgetResult(conn_);
      if (res == nullptr) continue;  // the end of one command's results
      const auto status = PQresultStatus(res);
      PQclear(res);
      if (status == PGRES_PIPELINE_SYNC) synced = true;
      else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) ok = false;
    }
    if (!ok) return Failed();
    PQexitPipelineMode(conn_);
    return true;
  }

 private:
  static constexpr const char* kContent = "负载测试：小区路灯损坏，夜间出行不便，请尽快维修。";

  // Reports the first failure and opens a fresh connection for the next appeal.
  bool Failed() {
    if (!reported_) std::fprintf(stderr, "thread %d: %s\n", thread_, Trimmed(PQerrorMessage(conn_)).c_str());
    reported_ = true;
    PQfinish(conn_);
    conn_ = nullptr;
    Open();
    return false;
  }

  const Options& o_;
  const Setup& s_;
  int thread_;
  PGconn* conn_ = nullptr;
  long long n_ = 0;
  bool reported_ = false;
};

double Percentile(const std::vector<std::uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(i, sorted.size() - 1)] / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return Usage(("missing value for " + a).c_str());
    const std::string v = argv[++i];
    if (a == "--db") o.db = v;
    else if (a == "--connections") o.connections = std::clamp(std::atoi(v.c_str()), 1, 1024);
    else if (a == "--seconds") o.seconds = std::clamp(std::atof(v.c_str()), 0.1, 600.0);
    else if (a == "--warmup") o.warmup = std::clamp(std::atof(v.c_str()), 0.0, 60.0);
    else if (a == "--style" && (v == "pipeline" || v == "statements")) o.pipeline = v == "pipeline";
    else return Usage(("unknown argument " + a + " " + v).c_str());
  }
  if (!o.db.starts_with("postgresql://") && !o.db.starts_with("postgres://"))
    return Usage("--db wants a postgresql:// URL");

  PGconn* first = PQconnectdb(o.db.c_str());
  if (PQstatus(first) != CONNECTION_OK) {
    std::fprintf(stderr, "connect: %s\n", Trimmed(PQerrorMessage(first)).c_str());
    PQfinish(first);
    return 1;
  }
  const auto setup = ReadSetup(first);
  PQfinish(first);
  if (!setup) return 1;

  std::atomic<bool> measuring{false}, stop{false};
  std::atomic<int> ready{0}, broken{0};
  std::mutex mutex;
  std::vector<std::uint32_t> latencies;
  long long failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < o.connections; ++t) {
    threads.emplace_back([&, t] {
      Writer writer(o, *setup, t);
      if (!writer.Open()) {
        ++broken;
        return;
      }
      ++ready;
      std::vector<std::uint32_t> mine;
      mine.reserve(1 << 16);
      long long failed = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        const auto start = SteadyClock::now();
        const bool ok = writer.WriteOne();
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start).count();
        if (!measuring.load(std::memory_order_relaxed)) continue;
        if (!ok) {
          ++failed;
          continue;
        }
        mine.push_back(static_cast<std::uint32_t>(std::min<long long>(micros, UINT32_MAX)));
      }
      std::lock_guard lock(mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
      failures += failed;
    });
  }
  while (ready.load() + broken.load() < o.connections) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (broken.load() > 0) {
    stop = true;
    for (auto& t : threads) t.join();
    std::fprintf(stderr, "%d of %d connections failed\n", broken.load(), o.connections);
    return 1;
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(o.warmup));
  const auto began = SteadyClock::now();
  measuring = true;
  std::this_thread::sleep_for(std::chrono::duration<double>(o.seconds));
  measuring = false;
  const double elapsed = std::chrono::duration<double>(SteadyClock::now() - began).count();
  stop = true;
  for (auto& t : threads) t.join();

  std::sort(latencies.begin(), latencies.end());
  std::printf("mode baseline-%s, %d connections, %.1f s (after %.1f s warm-up), plain libpq\n",
              o.pipeline ? "pipeline" : "statements", o.connections, elapsed, o.warmup);
  std::printf("requests  %zu\nreq/s     %.0f\n", latencies.size(), latencies.size() / elapsed);
  std::printf("latency   p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n", Percentile(latencies, 0.50),
              Percentile(latencies, 0.90), Percentile(latencies, 0.99),
              latencies.empty() ? 0.0 : latencies.back() / 1000.0);
  std::printf("failed    %lld (transactions that did not commit)\n", failures);
  return 0;
}
