// Migrate() against real SQLite files in a temporary folder.
#include "store/migrations.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "store/database.h"

namespace minsheng::store {
namespace {

namespace fs = std::filesystem;

// The migrations an SQLite database gets (every shared one and the .sqlite.sql ones).
std::vector<std::string> AllNames() {
  std::vector<std::string> names;
  for (const Migration& m : EmbeddedMigrations())
    if (AppliesTo(m, "sqlite")) names.push_back(m.name);
  return names;
}

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("minsheng_migrations_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Database> Open() {
    auto db = OpenDatabase("sqlite:" + (dir_ / "minsheng.db").string());
    EXPECT_TRUE(db.has_value());
    return db ? std::move(*db) : nullptr;
  }

  static std::vector<std::string> Recorded(Database& db) {
    auto names = ReadValue<std::vector<std::string>>(db, [](Tx& tx) -> Result<std::vector<std::string>> {
      MS_ASSIGN(rows, tx.Query("SELECT name, applied_at FROM schema_migrations ORDER BY name"));
      std::vector<std::string> out;
      for (const Row& row : rows) {
        EXPECT_GT(row.Int(1), 1700000000);
        out.push_back(row.Text(0));
      }
      return out;
    });
    EXPECT_TRUE(names.has_value());
    return names.value_or(std::vector<std::string>{});
  }

  fs::path dir_;
};

TEST(SplitSqlScriptTest, SplitsAtSemicolonsOutsideQuotesAndComments) {
  struct Case {
    std::string_view script;
    std::vector<std::string> want;
  };
  const std::vector<Case> cases = {
      {"", {}},
      {"-- only a comment; with a semicolon\n", {}},
      {"CREATE TABLE a (x INT);", {"CREATE TABLE a (x INT)"}},
      {"SELECT 1;\nSELECT 2", {"SELECT 1", "SELECT 2"}},
      {"INSERT INTO t VALUES ('a;b');", {"INSERT INTO t VALUES ('a;b')"}},
      {"INSERT INTO t VALUES ('it''s; fine');", {"INSERT INTO t VALUES ('it''s; fine')"}},
      {"CREATE TABLE \"we;ird\" (x INT);", {"CREATE TABLE \"we;ird\" (x INT)"}},
      {"CREATE TABLE a (\n  x INT -- note; not the end\n);\n-- trailing comment\n",
       {"CREATE TABLE a (\n  x INT -- note; not the end\n)"}},
      {"SELECT 1 /* a; b */;  ;\n\n;SELECT 2;", {"SELECT 1 /* a; b */", "SELECT 2"}},
      {"-- header\nCREATE TABLE b (y INT);", {"-- header\nCREATE TABLE b (y INT)"}},
      // A PostgreSQL function body in dollar quotes, with or without a tag, keeps its semicolons.
      {"CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE; END; $$;\nSELECT 1;",
       {"CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE; END; $$", "SELECT 1"}},
      {"CREATE FUNCTION g() AS $body$ x; $$ y; $body$ LANGUAGE sql;", {"CREATE FUNCTION g() AS $body$ x; $$ y; $body$ LANGUAGE sql"}},
      {"SELECT $1, a$b;", {"SELECT $1, a$b"}},
      // A SQLite trigger's BEGIN … END block keeps its statements; other BEGINs split as usual.
      {"CREATE TRIGGER t BEFORE DELETE ON a\nBEGIN\n  SELECT RAISE(ABORT, 'no');\n  SELECT 2;\nEND;\nBEGIN;",
       {"CREATE TRIGGER t BEFORE DELETE ON a\nBEGIN\n  SELECT RAISE(ABORT, 'no');\n  SELECT 2;\nEND", "BEGIN"}},
      {"create trigger u after insert on a begin select 1; end; select 3;",
       {"create trigger u after insert on a begin select 1; end", "select 3"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(SplitSqlScript(c.script), c.want) << c.script;
  }
}

TEST(MigrationVersionTest, AnEnginesOwnFileIsTheSameVersion) {
  EXPECT_EQ(MigrationVersion("0001_init.sql"), "0001_init");
  EXPECT_EQ(MigrationVersion("0006_audit_log_append_only.sqlite.sql"), "0006_audit_log_append_only");
  EXPECT_EQ(MigrationVersion("0006_audit_log_append_only.postgresql.sql"), "0006_audit_log_append_only");
}

TEST(SplitSqlScriptTest, SplitsTheInitialSchema) {
  const Migration& init = EmbeddedMigrations().front();
  ASSERT_EQ(init.name, "0001_init.sql");
  const auto statements = SplitSqlScript(init.sql);
  ASSERT_GT(statements.size(), 10u);
  for (const std::string& s : statements) {
    EXPECT_TRUE(s.starts_with("CREATE ") || s.starts_with("--")) << s;
  }
}

TEST_F(MigrationsTest, AppliesEverythingOnceThenNothing) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  auto first = Migrate(*db);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(*first, AllNames());
  EXPECT_EQ(first->front(), "0001_init.sql");
  EXPECT_EQ(Recorded(*db), AllNames());

  auto second = Migrate(*db);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_TRUE(second->empty());
  EXPECT_EQ(Recorded(*db), AllNames());

  // The schema is there and enforces its foreign keys.
  auto tables = ReadValue<std::int64_t>(*db, [](Tx& tx) -> Result<std::int64_t> {
    MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                               "('regions', 'departments', 'users', 'appeals', 'events', 'supervision_notices')"));
    return row->Int(0);
  });
  EXPECT_EQ(tables, 6);
  Status bad_user = db->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("INSERT INTO users (username, password_hash, display_name, role, region_id, created_at) "
                      "VALUES ('u', 'h', '用户', 'admin', 12345, 0)"));
    return {};
  });
  ASSERT_FALSE(bad_user.has_value());
  EXPECT_EQ(bad_user.error().code, "foreign_key_violation");
}

TEST_F(MigrationsTest, SurvivesReopen) {
  {
    auto db = Open();
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(Migrate(*db).has_value());
  }
  auto db = Open();
  ASSERT_NE(db, nullptr);
  auto again = Migrate(*db);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_TRUE(again->empty());
}

TEST_F(MigrationsTest, TwoProcessesMigratingAtOnceApplyEachMigrationOnce) {
  auto a = Open();
  auto b = Open();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  Result<std::vector<std::string>> result_a, result_b;
  std::thread ta([&] { result_a = Migrate(*a); });
  std::thread tb([&] { result_b = Migrate(*b); });
  ta.join();
  tb.join();
  ASSERT_TRUE(result_a.has_value()) << result_a.error().message;
  ASSERT_TRUE(result_b.has_value()) << result_b.error().message;
  std::multiset<std::string> applied(result_a->begin(), result_a->end());
  applied.insert(result_b->begin(), result_b->end());
  const auto names = AllNames();
  EXPECT_EQ(applied, std::multiset<std::string>(names.begin(), names.end()));
  EXPECT_EQ(Recorded(*a), names);
}

// Lets another "process" run the whole migration between this one's look at schema_migrations and
// its first migration write: the race the unique row on schema_migrations settles.
class RacedDatabase final : public Database {
 public:
  explicit RacedDatabase(Database& inner) : inner_(inner) {}
  Status Write(const Work& work) override {
    if (read_done_ && !raced_) {
      raced_ = true;
      auto other = Migrate(inner_);
      EXPECT_TRUE(other.has_value());
      EXPECT_EQ(other.value_or(std::vector<std::string>{}), AllNames());
    }
    return inner_.Write(work);
  }
  Status Read(const Work& work) override {
    read_done_ = true;
    return inner_.Read(work);
  }
  std::string_view Engine() const override { return inner_.Engine(); }
  bool raced() const { return raced_; }

 private:
  Database& inner_;
  bool read_done_ = false;
  bool raced_ = false;
};

TEST_F(MigrationsTest, MigrationAppliedByAnotherProcessMeanwhileCountsAsDone) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  RacedDatabase raced(*db);
  auto result = Migrate(raced);
  ASSERT_TRUE(raced.raced());
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_TRUE(result->empty());
  EXPECT_EQ(Recorded(*db), AllNames());
}

}  // namespace
}  // namespace minsheng::store
