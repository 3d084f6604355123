// The SQLite engine against real database files in a temporary folder.
#include "store/sqlite_database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <future>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/database.h"

namespace minsheng::store {
namespace {

namespace fs = std::filesystem;

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("minsheng_sqlite_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Url() const { return "sqlite:" + (dir_ / "db" / "test.db").string(); }

  std::unique_ptr<Database> Open(DatabaseOptions options = {}) {
    auto db = OpenDatabase(Url(), options);
    EXPECT_TRUE(db.has_value()) << (db ? "" : db.error().message);
    return db ? std::move(*db) : nullptr;
  }

  static void CreateItems(Database& db) {
    ASSERT_TRUE(db.Write([](Tx& tx) -> Status {
      MS_TRY(tx.Execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER)"));
      return {};
    }));
  }

  static std::int64_t Count(Database& db, const std::string& table) {
    auto n = ReadValue<std::int64_t>(db, [&](Tx& tx) -> Result<std::int64_t> {
      MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM " + table));
      return row->Int(0);
    });
    EXPECT_TRUE(n.has_value());
    return n.value_or(-1);
  }

  fs::path dir_;
};

TEST_F(SqliteDatabaseTest, OpenCreatesFolderAndFileWithPragmas) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->Engine(), "sqlite");
  EXPECT_TRUE(fs::exists(dir_ / "db" / "test.db"));
  // Checked on both kinds of connection.
  for (bool write : {false, true}) {
    auto check = [&](Tx& tx) -> Status {
      MS_ASSIGN(mode, tx.QueryOne("PRAGMA journal_mode"));
      EXPECT_EQ(mode->Text(0), "wal");
      MS_ASSIGN(fk, tx.QueryOne("PRAGMA foreign_keys"));
      EXPECT_EQ(fk->Int(0), 1);
      MS_ASSIGN(sync, tx.QueryOne("PRAGMA synchronous"));
      EXPECT_EQ(sync->Int(0), 2);  // FULL
      MS_ASSIGN(timeout, tx.QueryOne("PRAGMA busy_timeout"));
      EXPECT_EQ(timeout->Int(0), 10000);
      return {};
    };
    EXPECT_TRUE(write ? db->Write(check) : db->Read(check)) << "write=" << write;
  }
}

TEST(OpenDatabaseTest, RefusesOtherSchemes) {
  for (const char* url : {"mysql://user:secret@localhost/x", "data/x.db", "", "sqlite:", "sqlite::memory:"}) {
    auto db = OpenDatabase(url);
    ASSERT_FALSE(db.has_value()) << url;
    EXPECT_EQ(db.error().kind, ErrorKind::kInvalid) << url;
    EXPECT_EQ(db.error().code, "unsupported_database") << url;
    EXPECT_EQ(db.error().message.find("secret"), std::string::npos) << "password leaked: " << db.error().message;
  }
}

TEST(OpenDatabaseTest, UnreachablePostgresqlIsUnavailableWithoutThePassword) {
  // Port 1 on loopback: nothing listens there.
  auto db = OpenDatabase("postgresql://user:secret@127.0.0.1:1/minsheng?connect_timeout=2");
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(db.error().message.find("secret"), std::string::npos) << "password leaked: " << db.error().message;
}

TEST(OpenDatabaseTest, ReplicaOnlyForPostgresql) {
  const auto dir = std::filesystem::temp_directory_path() / ("minsheng_replica_" + std::to_string(::getpid()));
  DatabaseOptions options;
  options.replica_url = "postgresql://127.0.0.1:1/x";
  auto db = OpenDatabase("sqlite:" + (dir / "x.db").string(), options);
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code, "unsupported_database");
  EXPECT_EQ(db.error().field, "db-replica");
  std::filesystem::remove_all(dir);
}

TEST_F(SqliteDatabaseTest, RoundTripsEveryValueType) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  // A column without a declared type keeps each value's storage class as given.
  ASSERT_TRUE(db->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("CREATE TABLE vals (id INTEGER PRIMARY KEY, v)"));
    return {};
  }));
  const std::vector<Value> values = {
      nullptr,
      std::int64_t{0},
      std::int64_t{-1},
      std::numeric_limits<std::int64_t>::max(),
      std::numeric_limits<std::int64_t>::min(),
      3.25,
      -0.5,
      1e300,
      std::string(),
      std::string("民生诉求：路灯不亮"),
      std::string("with\0nul", 8),
      std::string(100000, 'x'),
  };
  for (std::size_t i = 0; i < values.size(); ++i) {
    auto id = WriteValue<std::int64_t>(*db, [&](Tx& tx) {
      return tx.Insert("INSERT INTO vals (v) VALUES (?) RETURNING id", {values[i]});
    });
    ASSERT_TRUE(id.has_value()) << i << ": " << id.error().message;
    auto back = ReadValue<Value>(*db, [&](Tx& tx) -> Result<Value> {
      MS_ASSIGN(row, tx.QueryOne("SELECT v FROM vals WHERE id = ?", {*id}));
      if (!row) return Fail(Error::NotFound("missing"));
      return row->at(0);
    });
    ASSERT_TRUE(back.has_value()) << i;
    EXPECT_EQ(*back, values[i]) << "value #" << i;
  }
}

TEST_F(SqliteDatabaseTest, ColumnsReadAsTheirStorageType) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  auto row = WriteValue<std::optional<Row>>(*db, [](Tx& tx) -> Result<std::optional<Row>> {
    MS_TRY(tx.Execute("CREATE TABLE typed (i INTEGER, r REAL, t TEXT, b BLOB, n BIGINT)"));
    MS_TRY(tx.Execute("INSERT INTO typed VALUES (?, ?, ?, X'414243', NULL)", {std::string("7"), std::int64_t{2}, std::int64_t{5}}));
    return tx.QueryOne("SELECT i, r, t, b, n FROM typed");
  });
  ASSERT_TRUE(row.has_value() && row->has_value());
  const Row& r = **row;
  EXPECT_EQ(r.at(0), Value(std::int64_t{7}));  // INTEGER affinity turned the text into a number
  EXPECT_EQ(r.at(1), Value(2.0));
  EXPECT_EQ(r.at(2), Value(std::string("5")));
  EXPECT_EQ(r.at(3), Value(std::string("ABC")));
  EXPECT_TRUE(r.IsNull(4));
}

TEST(RowTest, AccessorsConvertAndTreatNull) {
  const Row row({nullptr, std::int64_t{42}, 2.5, std::string("17"), std::string("abc")});
  EXPECT_EQ(row.size(), 5u);
  EXPECT_EQ(row.Int(0), 0);
  EXPECT_EQ(row.Real(0), 0.0);
  EXPECT_EQ(row.Text(0), "");
  EXPECT_EQ(row.OptInt(0), std::nullopt);
  EXPECT_EQ(row.OptText(0), std::nullopt);
  EXPECT_EQ(row.Int(1), 42);
  EXPECT_EQ(row.OptInt(1), 42);
  EXPECT_EQ(row.Real(1), 42.0);
  EXPECT_EQ(row.Text(1), "42");
  EXPECT_EQ(row.Real(2), 2.5);
  EXPECT_EQ(row.Int(2), 2);
  EXPECT_EQ(row.Text(2), "2.5");
  EXPECT_EQ(row.Int(3), 17);
  EXPECT_EQ(row.OptText(4), "abc");
  EXPECT_THROW(row.Int(5), std::out_of_range);
}

TEST_F(SqliteDatabaseTest, QueryOneAndInsert) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  CreateItems(*db);
  auto ids = WriteValue<std::vector<std::int64_t>>(*db, [](Tx& tx) -> Result<std::vector<std::int64_t>> {
    MS_ASSIGN(a, tx.Insert("INSERT INTO items (name) VALUES (?) RETURNING id", {std::string("a")}));
    MS_ASSIGN(b, tx.Insert("INSERT INTO items (name) VALUES (?) RETURNING id", {std::string("b")}));
    MS_ASSIGN(changed, tx.Execute("UPDATE items SET n = 1"));
    EXPECT_EQ(changed, 2);
    MS_ASSIGN(ddl, tx.Execute("CREATE INDEX items_n ON items(n)"));
    EXPECT_EQ(ddl, 0);
    return std::vector<std::int64_t>{a, b};
  });
  ASSERT_TRUE(ids.has_value()) << ids.error().message;
  EXPECT_EQ(*ids, (std::vector<std::int64_t>{1, 2}));
  EXPECT_TRUE(db->Read([](Tx& tx) -> Status {
    MS_ASSIGN(none, tx.QueryOne("SELECT id FROM items WHERE name = ?", {std::string("zzz")}));
    EXPECT_FALSE(none.has_value());
    MS_ASSIGN(b, tx.QueryOne("SELECT id, name FROM items WHERE name = ?", {std::string("b")}));
    EXPECT_TRUE(b.has_value());
    if (b) {
      EXPECT_EQ(b->Int(0), 2);
    }
    auto no_id = tx.Insert("SELECT id FROM items WHERE id < 0");
    EXPECT_FALSE(no_id.has_value());
    return {};
  }));
}

TEST_F(SqliteDatabaseTest, MapsErrors) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("CREATE TABLE parents (id INTEGER PRIMARY KEY, code TEXT UNIQUE)"));
    MS_TRY(tx.Execute("CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id BIGINT REFERENCES parents(id))"));
    MS_TRY(tx.Execute("INSERT INTO parents (id, code) VALUES (1, 'a')"));
    return {};
  }));
  struct Case {
    const char* sql;
    Params params;
    ErrorKind kind;
    const char* code;
  };
  const std::vector<Case> cases = {
      {"INSERT INTO parents (code) VALUES (?)", {std::string("a")}, ErrorKind::kConflict, "unique_violation"},
      {"INSERT INTO parents (id, code) VALUES (1, 'b')", {}, ErrorKind::kConflict, "unique_violation"},
      {"INSERT INTO children (parent_id) VALUES (?)", {std::int64_t{99}}, ErrorKind::kInvalid,
       "foreign_key_violation"},
      {"INSERT INTO nowhere VALUES (1)", {}, ErrorKind::kInternal, "internal"},
      {"INSERT INTO parents (code) VALUES (?)", {}, ErrorKind::kInternal, "internal"},  // missing parameter
      {"SELECT 1; SELECT 2", {}, ErrorKind::kInternal, "internal"},                      // two statements
  };
  for (const Case& c : cases) {
    Status s = db->Write([&](Tx& tx) -> Status {
      MS_TRY(tx.Execute(c.sql, c.params));
      return {};
    });
    ASSERT_FALSE(s.has_value()) << c.sql;
    EXPECT_EQ(s.error().kind, c.kind) << c.sql << ": " << s.error().message;
    EXPECT_EQ(s.error().code, c.code) << c.sql;
  }
  EXPECT_EQ(Count(*db, "parents"), 1);
  EXPECT_EQ(Count(*db, "children"), 0);
  // Read connections refuse to write.
  Status s = db->Read([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("INSERT INTO parents (code) VALUES ('c')"));
    return {};
  });
  EXPECT_FALSE(s.has_value());
  EXPECT_EQ(Count(*db, "parents"), 1);
}

TEST_F(SqliteDatabaseTest, FailingJobInBatchRollsBackOnlyItself) {
  auto opened = SqliteDatabase::Open((dir_ / "batch.db").string());
  ASSERT_TRUE(opened.has_value());
  SqliteDatabase& db = **opened;
  CreateItems(db);

  // Hold the writer inside one job so that the others pile up and form the next batch.
  std::atomic<bool> release{false};
  std::atomic<bool> blocker_running{false};
  std::thread blocker([&] {
    EXPECT_TRUE(db.Write([&](Tx& tx) -> Status {
      blocker_running = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      MS_TRY(tx.Execute("INSERT INTO items (name) VALUES ('blocker')"));
      return {};
    }));
  });
  while (!blocker_running) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  constexpr int kJobs = 40;
  constexpr int kReturnsError = 13;  // inserts a row, then returns an error
  constexpr int kDuplicate = 21;     // inserts a row, then hits a unique violation
  constexpr int kThrows = 30;        // inserts a row, then throws
  std::vector<Status> results(kJobs);
  std::vector<std::thread> threads;
  for (int i = 0; i < kJobs; ++i) {
    threads.emplace_back([&, i] {
      results[i] = db.Write([i](Tx& tx) -> Status {
        MS_TRY(tx.Execute("INSERT INTO items (name, n) VALUES (?, ?)",
                          {"job" + std::to_string(i), std::int64_t{i}}));
        if (i == kReturnsError) return Fail(Error::Conflict("invalid_transition", "状态不允许"));
        if (i == kDuplicate) MS_TRY(tx.Execute("INSERT INTO items (name) VALUES ('blocker')"));
        if (i == kThrows) throw std::runtime_error("boom");
        return {};
      });
    });
  }
  while (db.QueuedWrites() < kJobs) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const SqliteWriterStats before = db.Stats();
  release = true;
  blocker.join();
  for (auto& t : threads) t.join();
  const SqliteWriterStats after = db.Stats();

  // The blocker's batch plus exactly one batch for all forty: group commit.
  EXPECT_EQ(after.commits - before.commits, 2);
  EXPECT_EQ(after.jobs - before.jobs, kJobs);
  for (int i = 0; i < kJobs; ++i) {
    if (i == kReturnsError) {
      ASSERT_FALSE(results[i].has_value());
      EXPECT_EQ(results[i].error().code, "invalid_transition");
    } else if (i == kDuplicate) {
      ASSERT_FALSE(results[i].has_value());
      EXPECT_EQ(results[i].error().code, "unique_violation");
      EXPECT_EQ(results[i].error().kind, ErrorKind::kConflict);
    } else if (i == kThrows) {
      ASSERT_FALSE(results[i].has_value());
      EXPECT_EQ(results[i].error().kind, ErrorKind::kInternal);
    } else {
      EXPECT_TRUE(results[i].has_value()) << i << ": " << results[i].error().message;
    }
  }
  EXPECT_EQ(Count(db, "items"), 1 + kJobs - 3);
  auto failed_rows = ReadValue<std::int64_t>(db, [&](Tx& tx) -> Result<std::int64_t> {
    MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM items WHERE n IN (?, ?, ?)",
                               {std::int64_t{kReturnsError}, std::int64_t{kDuplicate}, std::int64_t{kThrows}}));
    return row->Int(0);
  });
  EXPECT_EQ(failed_rows, 0);
}

// A job that changes more existing pages than the statement journal keeps in memory: the journal spills to a
// temporary file, and both the job's commit and a later job's rollback to its savepoint read it back. (SQLite 3.40
// could not spill a journal kept in memory beyond 128 KiB: a larger setting failed with SQLITE_FULL here.)
TEST_F(SqliteDatabaseTest, JobLargerThanTheStatementJournalInMemoryCommitsAndRollsBack) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  CreateItems(*db);
  constexpr std::int64_t kRows = 60000;  // ~26 MB of pages: more than any in-memory journal setting
  ASSERT_TRUE(db->Write([&](Tx& tx) -> Status {
    MS_TRY(
        tx.Execute("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?) "
                   "INSERT INTO items (name, n) SELECT printf('item%06d-', i) || hex(randomblob(200)), i FROM c",
                   {kRows}));
    return {};
  }));
  auto sum = [&] {
    return ReadValue<std::int64_t>(*db, [&](Tx& tx) -> Result<std::int64_t> {
      MS_ASSIGN(row, tx.QueryOne("SELECT SUM(n) FROM items"));
      return row->Int(0);
    });
  };
  const std::int64_t loaded = kRows * (kRows + 1) / 2;
  ASSERT_EQ(sum(), loaded);

  Status grown = db->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("UPDATE items SET n = n + 1, name = name || 'x'"));
    return {};
  });
  ASSERT_TRUE(grown.has_value()) << grown.error().message;
  EXPECT_EQ(sum(), loaded + kRows);

  Status undone = db->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("UPDATE items SET n = n + 1000, name = name || 'y'"));
    return Fail(Error::Conflict("invalid_transition", "状态不允许"));
  });
  ASSERT_FALSE(undone.has_value());
  EXPECT_EQ(undone.error().code, "invalid_transition");
  EXPECT_EQ(sum(), loaded + kRows);
  EXPECT_EQ(Count(*db, "items"), kRows);
}

TEST_F(SqliteDatabaseTest, NestedWriteFailsInsteadOfDeadlocking) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  Status inner;
  ASSERT_TRUE(db->Write([&](Tx&) -> Status {
    inner = db->Write([](Tx&) -> Status { return {}; });
    return {};
  }));
  EXPECT_FALSE(inner.has_value());
}

TEST_F(SqliteDatabaseTest, ReadsSeeCommittedDataOnOneSnapshot) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  CreateItems(*db);
  ASSERT_TRUE(db->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("INSERT INTO items (name) VALUES ('first')"));
    return {};
  }));
  EXPECT_EQ(Count(*db, "items"), 1);

  // A write committed while a read is open is not seen by that read, only by the next one.
  std::int64_t inside_before = -1, inside_after = -1;
  ASSERT_TRUE(db->Read([&](Tx& tx) -> Status {
    MS_ASSIGN(a, tx.QueryOne("SELECT COUNT(*) FROM items"));
    inside_before = a->Int(0);
    std::thread writer([&] {
      EXPECT_TRUE(db->Write([](Tx& tx) -> Status {
        MS_TRY(tx.Execute("INSERT INTO items (name) VALUES ('second')"));
        return {};
      }));
    });
    writer.join();
    MS_ASSIGN(b, tx.QueryOne("SELECT COUNT(*) FROM items"));
    inside_after = b->Int(0);
    return {};
  }));
  EXPECT_EQ(inside_before, 1);
  EXPECT_EQ(inside_after, 1);
  EXPECT_EQ(Count(*db, "items"), 2);
}

// Issue 13: a thread given a read connection of its own reads while another thread holds every pooled one;
// a Read nested in one of its Reads takes a pooled connection and leaves the outer snapshot intact.
TEST_F(SqliteDatabaseTest, DedicatedReaderNeverWaitsForThePool) {
  auto db = Open({.read_connections = 1});
  ASSERT_NE(db, nullptr);
  CreateItems(*db);
  ASSERT_TRUE(db->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("INSERT INTO items (name, n) VALUES ('a', 1)"));
    return {};
  }));
  std::promise<void> holding, release;
  std::shared_future<void> released = release.get_future().share();
  std::thread holder([&] {
    ASSERT_TRUE(db->Read([&](Tx&) -> Status {
      holding.set_value();
      released.wait();
      return {};
    }));
  });
  holding.get_future().wait();  // the pool's one connection is taken
  ASSERT_TRUE(db->DedicateReaderToThisThread());
  EXPECT_TRUE(db->DedicateReaderToThisThread());  // once per thread: the same connection
  std::int64_t seen = -1;
  ASSERT_TRUE(db->Read([&](Tx& tx) -> Status {
    MS_ASSIGN(row, tx.QueryOne("SELECT n FROM items WHERE name = 'a'"));
    seen = row->Int(0);
    return {};
  }));
  EXPECT_EQ(seen, 1);
  release.set_value();
  holder.join();
  // Nested: the inner Read waits for the pool (free again), not for the outer one's connection.
  ASSERT_TRUE(db->Read([&](Tx& outer) -> Status {
    MS_ASSIGN(before, outer.QueryOne("SELECT COUNT(*) FROM items"));
    EXPECT_TRUE(db->Write([](Tx& tx) -> Status {
      MS_TRY(tx.Execute("INSERT INTO items (name, n) VALUES ('b', 2)"));
      return {};
    }));
    MS_TRY(db->Read([&](Tx& inner) -> Status {
      MS_ASSIGN(now, inner.QueryOne("SELECT COUNT(*) FROM items"));
      EXPECT_EQ(now->Int(0), 2);
      return {};
    }));
    MS_ASSIGN(after, outer.QueryOne("SELECT COUNT(*) FROM items"));
    EXPECT_EQ(after->Int(0), before->Int(0));  // the outer snapshot still holds
    EXPECT_EQ(after->Int(0), 1);
    return {};
  }));
}

TEST_F(SqliteDatabaseTest, ManyThreadsWritingAndReadingAllLand) {
  DatabaseOptions options;
  options.read_connections = 2;  // fewer than the readers below: Read() must wait for a free one
  auto db = Open(options);
  ASSERT_NE(db, nullptr);
  CreateItems(*db);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 100;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Status s = db->Write([&](Tx& tx) -> Status {
          MS_TRY(tx.Execute("INSERT INTO items (name, n) VALUES (?, ?)",
                            {"t" + std::to_string(t) + "_" + std::to_string(i), std::int64_t{i}}));
          return {};
        });
        if (!s) ++failures;
      }
    });
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        if (!db->Read([](Tx& tx) -> Status {
              MS_TRY(tx.Query("SELECT id, name FROM items ORDER BY id DESC LIMIT 5"));
              return {};
            })) {
          ++failures;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Count(*db, "items"), kThreads * kPerThread);
}

TEST_F(SqliteDatabaseTest, CommittedWritesSurviveReopen) {
  {
    auto db = Open();
    ASSERT_NE(db, nullptr);
    CreateItems(*db);
    for (int i = 0; i < 20; ++i) {
      ASSERT_TRUE(db->Write([i](Tx& tx) -> Status {
        MS_TRY(tx.Execute("INSERT INTO items (name) VALUES (?)", {"row" + std::to_string(i)}));
        return {};
      }));
    }
  }
  auto db = Open();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(Count(*db, "items"), 20);
}

TEST_F(SqliteDatabaseTest, TwoDatabasesOnOneFileLoseNoRows) {
  auto first = Open();
  ASSERT_NE(first, nullptr);
  CreateItems(*first);
  auto second = Open();
  ASSERT_NE(second, nullptr);
  constexpr int kThreadsPerDb = 3;
  constexpr int kPerThread = 60;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (Database* db : {first.get(), second.get()}) {
    for (int t = 0; t < kThreadsPerDb; ++t) {
      threads.emplace_back([&, db] {
        for (int i = 0; i < kPerThread; ++i) {
          Status s = db->Write([&](Tx& tx) -> Status {
            MS_TRY(tx.Execute("INSERT INTO items (name, n) VALUES (lower(hex(randomblob(16))), ?)", {std::int64_t{i}}));
            return {};
          });
          if (!s) ++failures;
        }
      });
    }
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Count(*first, "items"), 2 * kThreadsPerDb * kPerThread);
  EXPECT_EQ(Count(*second, "items"), 2 * kThreadsPerDb * kPerThread);
}

TEST_F(SqliteDatabaseTest, BusyBeyondTimeoutIsSerializationFailure) {
  DatabaseOptions options;
  options.busy_timeout_ms = 50;
  auto first = Open(options);
  ASSERT_NE(first, nullptr);
  CreateItems(*first);
  auto second = Open(options);
  ASSERT_NE(second, nullptr);
  Status blocked;
  // While the first database holds the write lock, the second cannot begin its transaction.
  ASSERT_TRUE(first->Write([&](Tx& tx) -> Status {
    MS_TRY(tx.Execute("INSERT INTO items (name) VALUES ('held')"));
    std::thread other([&] {
      blocked = second->Write([](Tx& tx) -> Status {
        MS_TRY(tx.Execute("INSERT INTO items (name) VALUES ('blocked')"));
        return {};
      });
    });
    other.join();
    return {};
  }));
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(blocked.error().code, "serialization_failure");
  EXPECT_EQ(blocked.error().message, "数据库繁忙，请稍后重试");
  EXPECT_EQ(Count(*second, "items"), 1);
}

}  // namespace
}  // namespace minsheng::store
