// The SQLite engine under injected I/O faults (store/fault_vfs.h): disk full, write errors and fsync
// errors on the WAL (every commit) and on the database file (checkpoints), while many threads write.
// What must hold: the callers of a failed batch get kUnavailable; no row of a failed caller is visible,
// neither on the live database nor after reopening it nor in a crash image (a copy of the files taken
// during the fault, recovered from the WAL alone); every acknowledged row is in all of them; reads go on
// during write faults; and writes succeed again by themselves once the fault clears.
#include "store/fault_vfs.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/database.h"
#include "store/sqlite_database.h"

namespace minsheng::store {
namespace {

namespace fs = std::filesystem;
using fault_vfs::Fault;
using Clock = std::chrono::steady_clock;

struct FaultCase {
  const char* name;
  Fault fault;
  unsigned files;
  std::int64_t count;  // fault_vfs::kUntilCleared, or the number of calls to fail
  std::int64_t skip;   // matching calls that still succeed after arming
  bool checkpoints;    // run checkpoints (they write the database file) while the fault is armed
  bool callers_fail;   // some Write() callers must see the fault
};

std::ostream& operator<<(std::ostream& out, const FaultCase& c) { return out << c.name; }

constexpr std::int64_t kForever = fault_vfs::kUntilCleared;

// {disk full, write error, fsync error} × {on the WAL (every commit), on the database file (checkpoints)},
// for as long as it lasts and once.
const FaultCase kCases[] = {
    {"DiskFullOnWal", Fault::kDiskFull, fault_vfs::kWal, kForever, 0, false, true},
    {"WriteErrorOnWal", Fault::kWriteError, fault_vfs::kWal, kForever, 0, false, true},
    {"FsyncErrorOnWal", Fault::kFsyncError, fault_vfs::kWal, kForever, 0, false, true},
    {"DiskFullOnceMidCommit", Fault::kDiskFull, fault_vfs::kWal, 1, 5, false, true},
    {"WriteErrorOnceMidCommit", Fault::kWriteError, fault_vfs::kWal, 1, 5, false, true},
    {"FsyncErrorOnce", Fault::kFsyncError, fault_vfs::kWal, 1, 0, false, true},
    {"DiskFullDuringCheckpoint", Fault::kDiskFull, fault_vfs::kMainDb, kForever, 0, true, false},
    {"WriteErrorDuringCheckpoint", Fault::kWriteError, fault_vfs::kMainDb, kForever, 0, true, false},
    {"FsyncErrorDuringCheckpoint", Fault::kFsyncError, fault_vfs::kMainDb, kForever, 0, true, false},
    {"FsyncErrorOnEveryFile", Fault::kFsyncError, fault_vfs::kAnyFile, kForever, 0, true, true},
};

// Lets the test stop the world: workers pass through Enter()/Leave() around each step; Pause() waits
// until none is inside and keeps new ones out until Resume(). (std::shared_mutex may starve a writer.)
class Gate {
 public:
  void Enter() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !paused_; });
    ++inside_;
  }
  void Leave() {
    std::lock_guard lock(mu_);
    --inside_;
    cv_.notify_all();
  }
  void Pause() {
    std::unique_lock lock(mu_);
    paused_ = true;
    cv_.wait(lock, [&] { return inside_ == 0; });
  }
  void Resume() {
    std::lock_guard lock(mu_);
    paused_ = false;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool paused_ = false;
  int inside_ = 0;
};

// One Write() attempt: its row id, and whether it was started after the fault had cleared.
struct Attempt {
  std::string id;
  bool after_clear = false;
  Status result;
};

class FaultInjectionTest : public ::testing::TestWithParam<FaultCase> {
 protected:
  void SetUp() override {
    fault_vfs::Register();
    fault_vfs::ClearAll();
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("minsheng_fault_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    fault_vfs::ClearAll();
    fs::remove_all(dir_);
  }

  std::string Path() const { return (dir_ / "live" / "test.db").string(); }

  static std::unique_ptr<Database> OpenAt(const std::string& path, bool with_faults) {
    DatabaseOptions options;
    if (with_faults) options.sqlite_vfs = fault_vfs::kName;
    auto db = OpenDatabase("sqlite:" + path, options);
    EXPECT_TRUE(db.has_value()) << (db ? "" : db.error().message);
    return db ? std::move(*db) : nullptr;
  }

  // The files as a crash would leave them: the database and its WAL, without the shared-memory index
  // (so the next open rebuilds it from the WAL's checksummed frames). Taken while nothing writes.
  std::string CrashImage(const std::string& name) const {
    const fs::path to = dir_ / name;
    fs::create_directories(to);
    for (const char* suffix : {"", "-wal"}) {
      const fs::path from = Path() + suffix;
      if (fs::exists(from)) fs::copy_file(from, to / ("test.db" + std::string(suffix)));
    }
    return (to / "test.db").string();
  }

  // Every row id, and whether the rows and the running total agree (a job's two statements land
  // together or not at all).
  static std::set<std::string> Rows(Database& db, bool* consistent = nullptr) {
    std::set<std::string> ids;
    std::int64_t total = -1;
    Status s = db.Read([&](Tx& tx) -> Status {
      MS_ASSIGN(rows, tx.Query("SELECT id FROM rows"));
      for (const Row& row : rows) ids.insert(row.Text(0));
      MS_ASSIGN(n, tx.QueryOne("SELECT n FROM totals"));
      total = n->Int(0);
      return {};
    });
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
    if (consistent != nullptr) *consistent = total == static_cast<std::int64_t>(ids.size());
    return ids;
  }

  fs::path dir_;
};

// Checks `visible` against the attempts: every acknowledged row is there and no failed one is.
void ExpectExactlyAcknowledged(const std::set<std::string>& visible, const std::vector<Attempt>& attempts,
                               const std::string& where) {
  int missing = 0, leaked = 0;
  for (const Attempt& a : attempts) {
    const bool there = visible.count(a.id) > 0;
    if (a.result && !there && ++missing <= 3) ADD_FAILURE() << where << ": acknowledged row lost: " << a.id;
    if (!a.result && there && ++leaked <= 3) {
      ADD_FAILURE() << where << ": row of a failed caller is visible: " << a.id << " (" << a.result.error().message
                    << ")";
    }
  }
  EXPECT_EQ(missing, 0) << where;
  EXPECT_EQ(leaked, 0) << where;
}

TEST_P(FaultInjectionTest, FailedCallersGetUnavailableNothingAcknowledgedIsLostAndWritesRecover) {
  const FaultCase& c = GetParam();
  auto db = OpenAt(Path(), /*with_faults=*/true);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("CREATE TABLE rows (id TEXT PRIMARY KEY, pad TEXT NOT NULL)"));
    MS_TRY(tx.Execute("CREATE TABLE totals (n INTEGER NOT NULL)"));
    MS_TRY(tx.Execute("INSERT INTO totals (n) VALUES (0)"));
    return {};
  }));

  // Writers pass `gate` around each Write(); the test pauses it to stop the world (for a crash image).
  // `cleared` tells which attempts started after the fault was gone.
  Gate gate;
  std::atomic<bool> stop{false};
  std::atomic<bool> cleared{false};
  std::atomic<int> acknowledged{0};
  std::atomic<int> failed{0};
  constexpr int kWriters = 8;
  std::vector<std::vector<Attempt>> attempts(kWriters);
  std::vector<std::thread> threads;
  const std::string pad(600, 'x');
  for (int t = 0; t < kWriters; ++t) {
    threads.emplace_back([&, t] {
      for (int seq = 0; !stop.load(); ++seq) {
        gate.Enter();
        Attempt a;
        a.id = std::to_string(t) + "-" + std::to_string(seq);
        a.after_clear = cleared.load();
        a.result = db->Write([&](Tx& tx) -> Status {
          MS_TRY(tx.Execute("INSERT INTO rows (id, pad) VALUES (?, ?)", {a.id, pad}));
          MS_TRY(tx.Execute("UPDATE totals SET n = n + 1"));
          return {};
        });
        (a.result ? acknowledged : failed).fetch_add(1);
        attempts[t].push_back(std::move(a));
        gate.Leave();
      }
    });
  }
  // Reads go on through the fault.
  std::atomic<int> reads{0};
  std::mutex read_errors_mu;
  std::vector<std::string> read_errors;
  threads.emplace_back([&] {
    while (!stop.load()) {
      Status s = db->Read([](Tx& tx) -> Status {
        MS_TRY(tx.QueryOne("SELECT COUNT(*), (SELECT n FROM totals) FROM rows"));
        return {};
      });
      if (s) {
        reads.fetch_add(1);
      } else {
        std::lock_guard lock(read_errors_mu);
        read_errors.push_back(s.error().message);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  // Checkpoints on a connection of their own: they copy WAL frames into the database file and sync it.
  std::atomic<int> checkpoints_failed{0};
  if (c.checkpoints) {
    threads.emplace_back([&] {
      sqlite3* conn = nullptr;
      ASSERT_EQ(sqlite3_open_v2(Path().c_str(), &conn, SQLITE_OPEN_READWRITE, fault_vfs::kName), SQLITE_OK);
      while (!stop.load()) {
        gate.Enter();
        if (sqlite3_exec(conn, "PRAGMA wal_checkpoint(PASSIVE)", nullptr, nullptr, nullptr) != SQLITE_OK) {
          checkpoints_failed.fetch_add(1);
        }
        gate.Leave();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      sqlite3_close_v2(conn);
    });
  }
  auto wait_until = [](auto done, std::chrono::milliseconds limit) {
    const auto deadline = Clock::now() + limit;
    while (!done() && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return done();
  };

  ASSERT_TRUE(wait_until([&] { return acknowledged.load() >= 150; }, std::chrono::seconds(60)));
  const std::int64_t injected_before = fault_vfs::Injected(c.fault);
  const int failed_before_fault = failed.load();
  EXPECT_EQ(failed_before_fault, 0);
  fault_vfs::Arm(c.fault, c.files, c.count, c.skip);
  auto injected = [&] { return fault_vfs::Injected(c.fault) - injected_before; };
  if (c.count == kForever) {
    // Long enough for many failing batches (or checkpoints), and some successes in between if any.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_TRUE(wait_until([&] { return injected() >= 5 && (!c.callers_fail || failed.load() >= 10); },
                           std::chrono::seconds(30)))
        << "injected " << injected() << ", failed " << failed.load();
  } else {
    EXPECT_TRUE(wait_until([&] { return injected() >= c.count; }, std::chrono::seconds(30)));
  }

  // Stop the world while the fault is still armed: what is visible now, and what a crash would leave.
  std::string crash_during_fault;
  std::vector<Attempt> settled_during_fault;
  {
    gate.Pause();
    bool consistent = false;
    const std::set<std::string> visible = Rows(*db, &consistent);
    EXPECT_TRUE(consistent) << "rows and totals disagree during the fault";
    for (const auto& per_thread : attempts) {
      settled_during_fault.insert(settled_during_fault.end(), per_thread.begin(), per_thread.end());
    }
    ExpectExactlyAcknowledged(visible, settled_during_fault, "live, during the fault");
    crash_during_fault = CrashImage("crash_during_fault");
    fault_vfs::Clear(c.fault);
    cleared = true;
    gate.Resume();
  }
  const int acknowledged_at_clear = acknowledged.load();
  EXPECT_TRUE(wait_until([&] { return acknowledged.load() >= acknowledged_at_clear + 150; },
                         std::chrono::seconds(60)))
      << "writes did not come back after the fault cleared";
  stop = true;
  for (auto& t : threads) t.join();

  // The outcome of every attempt.
  std::vector<Attempt> all;
  for (auto& per_thread : attempts) all.insert(all.end(), per_thread.begin(), per_thread.end());
  int errors = 0, not_unavailable = 0, after_clear = 0;
  for (const Attempt& a : all) {
    if (a.result) continue;
    ++errors;
    const Error& e = a.result.error();
    if ((e.kind != ErrorKind::kUnavailable || e.code != "unavailable") && ++not_unavailable <= 3) {
      ADD_FAILURE() << a.id << " failed with " << e.code << " (not unavailable): " << e.message;
    }
    if (a.after_clear && ++after_clear <= 3) ADD_FAILURE() << a.id << " failed after the fault had cleared: " << e.message;
  }
  EXPECT_EQ(not_unavailable, 0);
  EXPECT_EQ(after_clear, 0);
  if (c.callers_fail) {
    EXPECT_GT(errors, 0) << "the fault never reached a caller";
  }
  EXPECT_GT(injected(), 0) << "the fault was never injected";
  EXPECT_TRUE(read_errors.empty()) << read_errors.size() << " reads failed during a write fault, e.g. "
                                   << read_errors.front();
  EXPECT_GT(reads.load(), 0);
  std::cout << "[          ] " << c.name << ": " << all.size() << " writes, " << errors << " failed, "
            << injected() << " faults injected, " << checkpoints_failed.load() << " checkpoints failed, "
            << reads.load() << " reads\n";

  bool consistent = false;
  ExpectExactlyAcknowledged(Rows(*db, &consistent), all, "live, after the fault");
  EXPECT_TRUE(consistent);
  const std::string crash_after = CrashImage("crash_after_fault");

  // A new Database on the same files (the last connection closing checkpoints the WAL into the file).
  db.reset();
  {
    auto reopened = OpenAt(Path(), /*with_faults=*/false);
    ASSERT_NE(reopened, nullptr);
    ExpectExactlyAcknowledged(Rows(*reopened, &consistent), all, "reopened");
    EXPECT_TRUE(consistent);
  }
  // Crash images, recovered from the WAL: after the fault, everything; during it, what was settled then.
  {
    auto recovered = OpenAt(crash_after, /*with_faults=*/false);
    ASSERT_NE(recovered, nullptr);
    ExpectExactlyAcknowledged(Rows(*recovered, &consistent), all, "crash image after the fault");
    EXPECT_TRUE(consistent);
  }
  {
    auto recovered = OpenAt(crash_during_fault, /*with_faults=*/false);
    ASSERT_NE(recovered, nullptr);
    ExpectExactlyAcknowledged(Rows(*recovered, &consistent), settled_during_fault, "crash image during the fault");
    EXPECT_TRUE(consistent);
  }
}

// Read errors (the disk cannot read a page back): a read is kUnavailable, not a bug, and reads and
// writes work again once the disk does.
TEST_F(FaultInjectionTest, ReadErrorsAreUnavailableAndPass) {
  auto db = OpenAt(Path(), /*with_faults=*/true);
  ASSERT_NE(db, nullptr);
  const std::string pad(600, 'y');
  ASSERT_TRUE(db->Write([&](Tx& tx) -> Status {
    MS_TRY(tx.Execute("CREATE TABLE rows (id TEXT PRIMARY KEY, pad TEXT NOT NULL)"));
    MS_TRY(tx.Execute("CREATE TABLE totals (n INTEGER NOT NULL)"));
    MS_TRY(tx.Execute("INSERT INTO totals (n) VALUES (200)"));
    for (int i = 0; i < 200; ++i) {
      MS_TRY(tx.Execute("INSERT INTO rows (id, pad) VALUES (?, ?)", {std::to_string(i), pad}));
    }
    return {};
  }));
  // A read connection that knows the schema (one that is yet to load it under a read error says "no
  // such table", SQLite's answer), and whose page cache is stale after a commit, so the next read
  // goes to the files. The pool hands out the connection used last.
  ASSERT_TRUE(db->Read([](Tx& tx) -> Status {
    MS_TRY(tx.Query("SELECT id, pad FROM rows"));
    return {};
  }));
  ASSERT_TRUE(db->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("INSERT INTO rows (id, pad) VALUES ('200', 'x')"));
    MS_TRY(tx.Execute("UPDATE totals SET n = n + 1"));
    return {};
  }));
  fault_vfs::Arm(Fault::kReadError, fault_vfs::kMainDb | fault_vfs::kWal);
  Status read = db->Read([](Tx& tx) -> Status {
    MS_TRY(tx.Query("SELECT id, pad FROM rows"));
    return {};
  });
  ASSERT_FALSE(read.has_value()) << "the read never touched the files";
  EXPECT_EQ(read.error().kind, ErrorKind::kUnavailable) << read.error().message;
  EXPECT_EQ(read.error().code, "unavailable");
  // A write may or may not need to read a page; either it lands or it is kUnavailable.
  Status write = db->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("INSERT INTO rows (id, pad) VALUES ('during', 'x')"));
    MS_TRY(tx.Execute("UPDATE totals SET n = n + 1"));
    return {};
  });
  if (!write) {
    EXPECT_EQ(write.error().kind, ErrorKind::kUnavailable) << write.error().message;
  }
  EXPECT_GT(fault_vfs::Injected(Fault::kReadError), 0);
  fault_vfs::Clear(Fault::kReadError);

  ASSERT_TRUE(db->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("INSERT INTO rows (id, pad) VALUES ('after', 'x')"));
    MS_TRY(tx.Execute("UPDATE totals SET n = n + 1"));
    return {};
  }));
  bool consistent = false;
  const std::set<std::string> rows = Rows(*db, &consistent);
  EXPECT_TRUE(consistent);
  EXPECT_EQ(rows.size(), write ? 203u : 202u);
  EXPECT_EQ(rows.count("during"), write ? 1u : 0u);
  EXPECT_EQ(rows.count("after"), 1u);
}

INSTANTIATE_TEST_SUITE_P(Faults, FaultInjectionTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<FaultCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace minsheng::store
