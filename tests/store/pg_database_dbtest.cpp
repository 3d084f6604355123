// The PostgreSQL engine against a real server (the private cluster of scripts/test.sh).
#include "store/pg_database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "../support/pg_test_database.h"
#include "store/database.h"
#include "store/migrations.h"

namespace minsheng::store {
namespace {

using minsheng::testing::PgTestDatabase;

class PgDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (pg_.skip()) GTEST_SKIP() << pg_.why();
    DatabaseOptions options;
    options.pg_connections = 6;
    auto db = OpenDatabase(pg_.url(), options);
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
  }

  Status Exec(const std::string& sql, const Params& params = {}) {
    return db_->Write([&](Tx& tx) -> Status {
      MS_TRY(tx.Execute(sql, params));
      return {};
    });
  }

  PgTestDatabase pg_;
  std::unique_ptr<Database> db_;
};

TEST(NumberPlaceholdersTest, NumbersOnlyRealPlaceholders) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"SELECT ?", "SELECT $1"},
      {"a = ? AND b IN (?, ?)", "a = $1 AND b IN ($2, $3)"},
      {"x = '?' AND y = ?", "x = '?' AND y = $1"},
      {"x = 'it''s ?' AND y = ?", "x = 'it''s ?' AND y = $1"},
      {"\"odd?name\" = ? -- why?\n AND z = ?", "\"odd?name\" = $1 -- why?\n AND z = $2"},
      {"/* ? */ SELECT ?", "/* ? */ SELECT $1"},
      {"no placeholders", "no placeholders"},
  };
  for (const Case& c : cases) EXPECT_EQ(detail::NumberPlaceholders(c.in), c.out) << c.in;
}

TEST_F(PgDatabaseTest, RoundTripsEveryValueType) {
  EXPECT_EQ(db_->Engine(), "postgresql");
  ASSERT_TRUE(Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, n BIGINT, r DOUBLE PRECISION, s TEXT, small INTEGER)"));
  ASSERT_TRUE(Exec("INSERT INTO t (id, n, r, s, small) VALUES (?, ?, ?, ?, ?)",
                   {std::int64_t{1}, std::int64_t{-9007199254740993}, 2.5, std::string("民声 'quoted' ?"),
                    std::int64_t{7}}));
  ASSERT_TRUE(Exec("INSERT INTO t (id, n, r, s, small) VALUES (?, ?, ?, ?, ?)",
                   {std::int64_t{2}, nullptr, nullptr, nullptr, nullptr}));
  auto rows = ReadValue<std::vector<Row>>(*db_, [](Tx& tx) {
    return tx.Query("SELECT id, n, r, s, small, SUM(small) OVER (), n IS NULL FROM t ORDER BY id");
  });
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);
  const Row& a = (*rows)[0];
  EXPECT_EQ(a.Int(0), 1);
  EXPECT_EQ(a.Int(1), -9007199254740993);
  EXPECT_DOUBLE_EQ(a.Real(2), 2.5);
  EXPECT_EQ(a.Text(3), "民声 'quoted' ?");
  EXPECT_EQ(a.Int(4), 7);
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(a.at(5))) << "SUM (numeric) reads as an integer";
  EXPECT_EQ(a.Int(5), 7);
  EXPECT_EQ(a.Int(6), 0) << "booleans read as 0/1";
  const Row& b = (*rows)[1];
  for (std::size_t i = 1; i <= 4; ++i) EXPECT_TRUE(b.IsNull(i)) << i;
  EXPECT_EQ(b.Int(6), 1);
}

TEST_F(PgDatabaseTest, InsertReturnsIdentityIdsAndColumnsAreListed) {
  ASSERT_TRUE(Exec(ForEngine("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)", "postgresql")));
  auto ids = WriteValue<std::vector<std::int64_t>>(*db_, [](Tx& tx) -> Result<std::vector<std::int64_t>> {
    std::vector<std::int64_t> out;
    for (const char* name : {"a", "b"}) {
      MS_ASSIGN(id, tx.Insert("INSERT INTO t (name) VALUES (?) RETURNING id", {std::string(name)}));
      out.push_back(id);
    }
    return out;
  });
  ASSERT_TRUE(ids.has_value()) << ids.error().message;
  EXPECT_EQ(*ids, (std::vector<std::int64_t>{1, 2}));
  auto columns = ReadValue<std::vector<std::string>>(*db_, [](Tx& tx) { return tx.Columns("t"); });
  ASSERT_TRUE(columns.has_value());
  EXPECT_EQ(*columns, (std::vector<std::string>{"id", "name"}));
  auto none = ReadValue<std::vector<std::string>>(*db_, [](Tx& tx) { return tx.Columns("no_such_table"); });
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
}

TEST_F(PgDatabaseTest, MapsConstraintErrorsAndRollsBack) {
  ASSERT_TRUE(Exec("CREATE TABLE p (id BIGINT PRIMARY KEY)"));
  ASSERT_TRUE(Exec("CREATE TABLE c (id BIGINT PRIMARY KEY, p BIGINT REFERENCES p(id))"));
  ASSERT_TRUE(Exec("INSERT INTO p (id) VALUES (1)"));
  auto dup = Exec("INSERT INTO p (id) VALUES (1)");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(dup.error().code, "unique_violation");
  auto orphan = Exec("INSERT INTO c (id, p) VALUES (1, 99)");
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, "foreign_key_violation");

  // A failed statement fails the whole transaction, even when the work ignores the error.
  auto ignored = db_->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("INSERT INTO p (id) VALUES (2)"));
    (void)tx.Execute("INSERT INTO p (id) VALUES (1)");
    return {};
  });
  ASSERT_FALSE(ignored);
  EXPECT_EQ(ignored.error().code, "unique_violation");
  auto count = ReadValue<std::int64_t>(*db_, [](Tx& tx) -> Result<std::int64_t> {
    MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM p"));
    return row->Int(0);
  });
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(*count, 1) << "row 2 was rolled back with the failed transaction";

  // An error the work returns rolls back too, and the connection is usable afterwards.
  auto refused = db_->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("INSERT INTO p (id) VALUES (3)"));
    return Fail(Error::Invalid("nope", "不行"));
  });
  EXPECT_EQ(refused.error().code, "nope");
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(Exec("INSERT INTO p (id) VALUES (?)", {std::int64_t{100 + i}}));
}

TEST_F(PgDatabaseTest, ReadsAreReadOnly) {
  ASSERT_TRUE(Exec("CREATE TABLE t (id BIGINT)"));
  auto wrote = db_->Read([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("INSERT INTO t (id) VALUES (1)"));
    return {};
  });
  EXPECT_FALSE(wrote);
}

// Many threads increment one counter with read-then-write under a version check: REPEATABLE READ
// turns every lost update into a serialization failure, which Write retries, so none is lost.
TEST_F(PgDatabaseTest, RacingReadModifyWritesLoseNothing) {
  ASSERT_TRUE(Exec("CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL, version BIGINT NOT NULL)"));
  ASSERT_TRUE(Exec("INSERT INTO counter VALUES (1, 0, 1)"));
  constexpr int kThreads = 6, kEach = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        auto done = db_->Write([](Tx& tx) -> Status {
          MS_ASSIGN(row, tx.QueryOne("SELECT n, version FROM counter WHERE id = 1"));
          MS_ASSIGN(changed, tx.Execute("UPDATE counter SET n = ?, version = ? WHERE id = 1 AND version = ?",
                                        {row->Int(0) + 1, row->Int(1) + 1, row->Int(1)}));
          if (changed != 1) return Fail(Error::Conflict("version_conflict", "版本冲突"));
          return {};
        });
        if (!done) {
          failures.fetch_add(1);
          ADD_FAILURE() << done.error().code << ": " << done.error().message;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  auto n = ReadValue<std::int64_t>(*db_, [](Tx& tx) -> Result<std::int64_t> {
    MS_ASSIGN(row, tx.QueryOne("SELECT n FROM counter WHERE id = 1"));
    return row->Int(0);
  });
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*n, kThreads * kEach);
  auto* pg = dynamic_cast<PgDatabase*>(db_.get());
  ASSERT_NE(pg, nullptr);
  EXPECT_GT(pg->Stats().retries, 0) << "the threads should have collided at least once";
}

TEST_F(PgDatabaseTest, SurvivesTheServerDroppingTheConnection) {
  ASSERT_TRUE(Exec("CREATE TABLE t (id BIGINT)"));
  // Terminate every other session on this database (ours included, through another connection).
  PGconn* admin = PQconnectdb(pg_.url().c_str());
  ASSERT_EQ(PQstatus(admin), CONNECTION_OK);
  PQclear(PQexec(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND pid <> pg_backend_pid()"));
  PQfinish(admin);
  for (int i = 0; i < 8; ++i) {
    auto wrote = Exec("INSERT INTO t (id) VALUES (?)", {std::int64_t{i}});
    ASSERT_TRUE(wrote) << wrote.error().message;
  }
}

TEST_F(PgDatabaseTest, TheSchemaMigratesAndIsIdempotent) {
  auto applied = Migrate(*db_);
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_FALSE(applied->empty());
  auto again = Migrate(*db_);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->empty());
  auto holidays = ReadValue<std::int64_t>(*db_, [](Tx& tx) -> Result<std::int64_t> {
    MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM calendar_days WHERE kind = 'holiday'"));
    return row->Int(0);
  });
  ASSERT_TRUE(holidays.has_value());
  EXPECT_GT(*holidays, 20);
}

// Lists and metrics read from the replica; when it goes away they fall back to the primary. The
// "replica" here is a second database on the same server, so that the test can take it away.
TEST(PgReplicaTest, ReadMayLagUsesTheReplicaAndFallsBackToThePrimary) {
  PgTestDatabase primary, replica;
  if (primary.skip()) GTEST_SKIP() << primary.why();
  for (const auto* db : {&primary, &replica}) {
    PGconn* conn = PQconnectdb(db->url().c_str());
    ASSERT_EQ(PQstatus(conn), CONNECTION_OK);
    const std::string sql = "CREATE TABLE marker (side TEXT); INSERT INTO marker VALUES ('" +
                            std::string(db == &primary ? "primary" : "replica") + "')";
    PQclear(PQexec(conn, sql.c_str()));
    PQfinish(conn);
  }
  DatabaseOptions options;
  options.pg_connections = 2;
  options.replica_url = replica.url();
  auto opened = PgDatabase::Open(primary.url(), options);
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  PgDatabase& db = **opened;
  auto side = [](Tx& tx) -> Result<std::string> {
    MS_ASSIGN(row, tx.QueryOne("SELECT side FROM marker"));
    return row->Text(0);
  };
  EXPECT_EQ(ReadMayLagValue<std::string>(db, side).value_or("?"), "replica");
  EXPECT_EQ(ReadValue<std::string>(db, side).value_or("?"), "primary");
  EXPECT_EQ(db.Stats().replica_reads, 1);

  // The replica goes away: its connections are cut and new ones refused.
  PGconn* admin = PQconnectdb(primary.url().c_str());
  const std::string cut = "ALTER DATABASE " + replica.name() + " ALLOW_CONNECTIONS false";
  PQclear(PQexec(admin, cut.c_str()));
  const std::string kill = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                           replica.name() + "'";
  PQclear(PQexec(admin, kill.c_str()));
  for (int i = 0; i < 3; ++i) {
    auto r = ReadMayLagValue<std::string>(db, side);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(*r, "primary");
  }
  EXPECT_EQ(db.Stats().replica_fallbacks, 3);
  EXPECT_EQ(db.Stats().replica_reads, 1) << "while resting, the replica is not tried";
  const std::string back = "ALTER DATABASE " + replica.name() + " ALLOW_CONNECTIONS true";
  PQclear(PQexec(admin, back.c_str()));
  PQfinish(admin);
}

TEST(MigrationsForEngineTest, RewritesIdsOnlyForPostgresql) {
  const std::string sql = "CREATE TABLE a (id INTEGER PRIMARY KEY, b INTEGER)";
  EXPECT_EQ(ForEngine(sql, "sqlite"), sql);
  EXPECT_EQ(ForEngine(sql, "postgresql"), "CREATE TABLE a (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, b INTEGER)");
  EXPECT_TRUE(AppliesTo({"0001_init.sql", ""}, "postgresql"));
  EXPECT_TRUE(AppliesTo({"0003_x.postgresql.sql", ""}, "postgresql"));
  EXPECT_FALSE(AppliesTo({"0003_x.postgresql.sql", ""}, "sqlite"));
  EXPECT_TRUE(AppliesTo({"0003_x.sqlite.sql", ""}, "sqlite"));
}

}  // namespace
}  // namespace minsheng::store
