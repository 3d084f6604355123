// BackupDatabase and RestoreDatabase on SQLite files, and on PostgreSQL when MINSHENG_TEST_PG names a
// server (the test creates and drops its own databases there; pg_dump and pg_restore must be on PATH).
#include "store/backup.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "../support/pg_test_database.h"
#include "../support/sql_helpers.h"
#include "store/database.h"
#include "store/migrations.h"

namespace minsheng::store {
namespace {

namespace fs = std::filesystem;
using minsheng::testing::PgTestDatabase;

// A few rows across tables, with NULLs, quotes and Chinese text.
const std::vector<std::string> kSeed = {
    "INSERT INTO regions (id, parent_id, level, code, name, path, street_id) VALUES "
    "(1, NULL, 'district', 'd', '和平区', '/1/', NULL), (5, 1, 'street', 's01', '东湖街道', '/1/5/', 5), "
    "(3, 5, 'community', 'c01', '湖滨社区', '/1/5/3/', 5)",
    // Ids from the sequence (PostgreSQL): a restored database hands out the next ones.
    "INSERT INTO departments (code, name, phone) VALUES ('housing', '住建局', '12345')",
    "INSERT INTO departments (code, name, phone) VALUES ('water', '水务局', '')",
    "INSERT INTO categories (id, code, name, default_department_id, reply_days) VALUES "
    "(1, 'noise', '噪声扰民', 1, 5), (2, 'leak', '漏水', NULL, 7)",
    "INSERT INTO appeals (id, receipt_code, title, content, channel, region_id, street_id, category_id, status, "
    "created_at, updated_at, lead_unit_id) VALUES "
    "(1, 'R1', '楼上噪声', '每天夜里\n装修', 'hotline', 3, 5, 1, 'received', 1760000000, 1760000500, NULL), "
    "(2, 'R2', '漏水', '\"引号\"', 'web', 3, 5, 2, 'dispatched', 1760000010, 1760000900, 2)",
    "INSERT INTO events (id, appeal_id, street_id, seq, at, actor_label, action, from_status, to_status, data) VALUES "
    "(1, 1, 5, 1, 1760000000, '登记员', 'register', NULL, 'received', '{}'), "
    "(2, 2, 5, 1, 1760000010, '群众', 'submit', NULL, 'received', '{}')",
};

using minsheng::testing::Count;
using minsheng::testing::Exec;

const TableReport* Find(const DatabaseReport& report, const std::string& table) {
  for (const TableReport& t : report.tables)
    if (t.table == table) return &t;
  return nullptr;
}

// A source database with the seed and fresh targets, on the engine of the test's parameter.
class BackupTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("minsheng_backup_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    if (GetParam() == "postgresql") {
      source_pg_ = std::make_unique<PgTestDatabase>();
      if (source_pg_->skip()) GTEST_SKIP() << source_pg_->why();
      source_url_ = source_pg_->url();
    } else {
      source_url_ = "sqlite:" + (dir_ / "source.db").string();
    }
    auto db = OpenDatabase(source_url_);
    ASSERT_TRUE(db.has_value()) << db.error().message;
    source_ = std::move(*db);
    auto migrated = Migrate(*source_);
    ASSERT_TRUE(migrated.has_value()) << migrated.error().message;
    auto seeded = Exec(*source_, kSeed);
    ASSERT_TRUE(seeded.has_value()) << seeded.error().message;
    backup_ = (dir_ / (GetParam() == "postgresql" ? "b.dump" : "b.db")).string();
  }
  void TearDown() override {
    source_.reset();
    targets_.clear();
    source_pg_.reset();
    fs::remove_all(dir_);
  }

  // The URL of a new, empty (not even migrated) database of the test's engine.
  std::string NewTarget(const std::string& name) {
    if (GetParam() == "postgresql") {
      targets_.push_back(std::make_unique<PgTestDatabase>());
      return targets_.back()->url();
    }
    return "sqlite:" + (dir_ / (name + ".db")).string();
  }

  std::unique_ptr<Database> Open(const std::string& url) {
    auto db = OpenDatabase(url);
    EXPECT_TRUE(db.has_value()) << (db ? "" : db.error().message);
    return db ? std::move(*db) : nullptr;
  }

  fs::path dir_;
  std::string source_url_;
  std::string backup_;
  std::unique_ptr<Database> source_;
  std::unique_ptr<PgTestDatabase> source_pg_;
  std::vector<std::unique_ptr<PgTestDatabase>> targets_;
};

TEST_P(BackupTest, BacksUpAndRestoresIntoAnEmptyDatabaseAndVerifies) {
  auto manifest = BackupDatabase(source_url_, backup_);
  ASSERT_TRUE(manifest.has_value()) << manifest.error().message;
  EXPECT_EQ(manifest->engine, GetParam());
  EXPECT_EQ(manifest->file, fs::path(backup_).filename().string());
  EXPECT_EQ(manifest->bytes, static_cast<std::int64_t>(fs::file_size(backup_)));
  EXPECT_TRUE(fs::exists(ManifestPath(backup_)));
  EXPECT_FALSE(fs::exists(backup_ + ".partial"));
  ASSERT_FALSE(manifest->report.migrations.empty());
  EXPECT_EQ(manifest->report.migrations.front(), "0001_init");
  EXPECT_EQ(manifest->Schema(), manifest->report.migrations.back());
  ASSERT_NE(Find(manifest->report, "appeals"), nullptr);
  EXPECT_EQ(Find(manifest->report, "appeals")->rows, 2);
  EXPECT_EQ(Find(manifest->report, "regions")->rows, 3);
  EXPECT_EQ(Find(manifest->report, "calendar_days")->rows, Count(*source_, "calendar_days"));
  // The manifest holds the checksums copy --verify-only computes on the source.
  auto direct = ReportDatabase(*source_);
  ASSERT_TRUE(direct.has_value()) << direct.error().message;
  ASSERT_EQ(direct->tables.size(), manifest->report.tables.size());
  for (std::size_t i = 0; i < direct->tables.size(); ++i) {
    EXPECT_EQ(direct->tables[i].table, manifest->report.tables[i].table);
    EXPECT_EQ(direct->tables[i].rows, manifest->report.tables[i].rows) << direct->tables[i].table;
    EXPECT_EQ(direct->tables[i].checksum, manifest->report.tables[i].checksum) << direct->tables[i].table;
  }

  // Read back from the file, the manifest says the same.
  auto read = ReadManifest(backup_);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->taken_at, manifest->taken_at);
  EXPECT_EQ(read->report.migrations, manifest->report.migrations);
  EXPECT_EQ(read->Rows(), manifest->Rows());

  const std::string target_url = NewTarget("restored");
  auto restored = RestoreDatabase(target_url, backup_);
  ASSERT_TRUE(restored.has_value()) << restored.error().message;
  EXPECT_EQ(restored->restored.tables.size(), manifest->report.tables.size());
  auto target = Open(target_url);
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(Count(*target, "appeals"), 2);
  auto content = ReadValue<std::string>(*target, [](Tx& tx) -> Result<std::string> {
    MS_ASSIGN(row, tx.QueryOne("SELECT content FROM appeals WHERE id = 1"));
    return row->Text(0);
  });
  EXPECT_EQ(content.value_or(""), "每天夜里\n装修");
  // The restored database takes new rows after the restored ids (PostgreSQL: its sequences came along).
  auto id = WriteValue<std::int64_t>(*target, [](Tx& tx) {
    return tx.Insert("INSERT INTO departments (code, name) VALUES ('new', '新部门') RETURNING id");
  });
  ASSERT_TRUE(id.has_value()) << id.error().message;
  EXPECT_EQ(*id, 3);
}

// A restore into a database that was migrated but holds no data (e.g. one `minsheng migrate` made).
TEST_P(BackupTest, RestoresIntoAFreshlyMigratedDatabase) {
  ASSERT_TRUE(BackupDatabase(source_url_, backup_).has_value());
  const std::string target_url = NewTarget("migrated");
  {
    auto target = Open(target_url);
    ASSERT_NE(target, nullptr);
    ASSERT_TRUE(Migrate(*target).has_value());
  }
  auto restored = RestoreDatabase(target_url, backup_);
  ASSERT_TRUE(restored.has_value()) << restored.error().message;
  auto target = Open(target_url);
  EXPECT_EQ(Count(*target, "appeals"), 2);
  EXPECT_EQ(Count(*target, "calendar_days"), Count(*source_, "calendar_days"));  // replaced, not doubled
}

// "A row changed after the backup": the restore (or a later check) names the changed table, and only it.
TEST_P(BackupTest, ARowChangedAfterTheBackupFailsVerificationNamingItsTable) {
  auto manifest = BackupDatabase(source_url_, backup_);
  ASSERT_TRUE(manifest.has_value()) << manifest.error().message;
  const std::string target_url = NewTarget("restored");
  ASSERT_TRUE(RestoreDatabase(target_url, backup_).has_value());
  auto target = Open(target_url);
  ASSERT_TRUE(Exec(*target, {"UPDATE appeals SET title = '楼上噪声！' WHERE id = 1"}).has_value());
  auto verified = VerifyAgainstManifest(*target, *manifest);
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, "backup_mismatch");
  EXPECT_NE(verified.error().message.find("appeals"), std::string::npos) << verified.error().message;
  EXPECT_EQ(verified.error().message.find("regions"), std::string::npos) << verified.error().message;

  // A missing row and a changed one in two tables: both named.
  ASSERT_TRUE(Exec(*target, {"UPDATE appeals SET title = '楼上噪声' WHERE id = 1", "DELETE FROM events WHERE id = 2",
                             "UPDATE departments SET phone = '2345' WHERE id = 1"})
                  .has_value());
  verified = VerifyAgainstManifest(*target, *manifest);
  ASSERT_FALSE(verified.has_value());
  EXPECT_NE(verified.error().message.find("events 行数 2 ≠ 1"), std::string::npos) << verified.error().message;
  EXPECT_NE(verified.error().message.find("departments"), std::string::npos) << verified.error().message;
  EXPECT_EQ(verified.error().message.find("appeals"), std::string::npos) << verified.error().message;
}

// The backup file itself changed after it was taken: the restore brings it in, then refuses it.
TEST_P(BackupTest, ATamperedBackupFileFailsTheRestoreNamingTheTable) {
  ASSERT_TRUE(BackupDatabase(source_url_, backup_).has_value());
  if (GetParam() == "sqlite") {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(backup_.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "UPDATE appeals SET content = '改过的' WHERE id = 2", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  } else {
    // A pg_dump archive is compressed: tamper with what the manifest promises instead (the same check).
    std::ifstream in(ManifestPath(backup_));
    std::stringstream text;
    text << in.rdbuf();
    auto manifest = ParseManifest(text.str());
    ASSERT_TRUE(manifest.has_value()) << manifest.error().message;
    for (TableReport& t : manifest->report.tables)
      if (t.table == "appeals") t.checksum ^= 1;
    std::ofstream(ManifestPath(backup_), std::ios::trunc) << ManifestToJson(*manifest);
  }
  auto restored = RestoreDatabase(NewTarget("restored"), backup_);
  ASSERT_FALSE(restored.has_value());
  EXPECT_EQ(restored.error().code, "backup_mismatch");
  EXPECT_NE(restored.error().message.find("表 appeals 校验和"), std::string::npos) << restored.error().message;
  EXPECT_EQ(restored.error().message.find("events"), std::string::npos) << restored.error().message;
}

TEST_P(BackupTest, RefusesATargetWithRowsAndLeavesItAlone) {
  ASSERT_TRUE(BackupDatabase(source_url_, backup_).has_value());
  const std::string target_url = NewTarget("busy");
  auto target = Open(target_url);
  ASSERT_TRUE(Migrate(*target).has_value());
  ASSERT_TRUE(Exec(*target, {"INSERT INTO departments (id, code, name) VALUES (9, 'x', '已有部门')"}).has_value());
  auto restored = RestoreDatabase(target_url, backup_);
  ASSERT_FALSE(restored.has_value());
  EXPECT_EQ(restored.error().code, "target_not_empty");
  EXPECT_NE(restored.error().message.find("departments"), std::string::npos) << restored.error().message;
  EXPECT_EQ(Count(*target, "departments"), 1);
  EXPECT_EQ(Count(*target, "appeals"), 0);

  // A second restore into a database already restored into is refused the same way.
  const std::string again_url = NewTarget("again");
  ASSERT_TRUE(RestoreDatabase(again_url, backup_).has_value());
  auto again = RestoreDatabase(again_url, backup_);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "target_not_empty");
}

TEST_P(BackupTest, RefusesWhatCannotBeRestoredOrOverwritten) {
  // An existing backup is never overwritten.
  ASSERT_TRUE(BackupDatabase(source_url_, backup_).has_value());
  auto twice = BackupDatabase(source_url_, backup_);
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, "backup_exists");

  // The other engine's database.
  const std::string other = GetParam() == "sqlite" ? "postgresql://nobody@127.0.0.1:1/none"
                                                   : "sqlite:" + (dir_ / "other.db").string();
  auto crossed = RestoreDatabase(other, backup_);
  ASSERT_FALSE(crossed.has_value());
  EXPECT_EQ(crossed.error().code, "engine_mismatch");

  // A backup without its manifest.
  fs::remove(ManifestPath(backup_));
  auto bare = RestoreDatabase(NewTarget("bare"), backup_);
  ASSERT_FALSE(bare.has_value());
  EXPECT_EQ(bare.error().code, "manifest_missing");
}

// The issue's "a backup taken during writes restores and verifies": rows are written by another
// connection in the middle of the backup (from its progress callback, so they certainly fall inside
// it). The restore holds exactly the snapshot's rows and verifies; the source went on.
TEST_P(BackupTest, ABackupTakenDuringWritesRestoresAndVerifies) {
  std::atomic<int> written{0};
  std::string write_error;
  BackupOptions options;
  options.sqlite_pages_per_step = 1;  // many steps, a write between each
  options.on_progress = [&](std::string_view phase, std::int64_t, std::int64_t) {
    if (written >= 40 || (phase != "copy" && phase != "checksums")) return;
    const int n = written++;
    auto done = Exec(*source_, {"INSERT INTO appeals (id, receipt_code, title, content, channel, region_id, street_id, "
                                "category_id, status, created_at, updated_at) VALUES (" + std::to_string(100 + n) +
                                ", 'W" + std::to_string(n) + "', '备份时写入', '', 'web', 3, 5, 1, 'received', 1760001000, 1760001000)",
                                "UPDATE departments SET phone = '" + std::to_string(n) + "' WHERE id = 2"});
    if (!done && write_error.empty()) write_error = done.error().message;
  };
  auto manifest = BackupDatabase(source_url_, backup_, options);
  ASSERT_TRUE(manifest.has_value()) << manifest.error().message;
  ASSERT_TRUE(write_error.empty()) << write_error;
  ASSERT_GT(written.load(), 0);
  EXPECT_EQ(Count(*source_, "appeals"), 2 + written.load());
  // The snapshot was taken before the first of those writes.
  EXPECT_EQ(Find(manifest->report, "appeals")->rows, 2);

  const std::string target_url = NewTarget("restored");
  auto restored = RestoreDatabase(target_url, backup_);
  ASSERT_TRUE(restored.has_value()) << restored.error().message;
  auto target = Open(target_url);
  EXPECT_EQ(Count(*target, "appeals"), 2);
  auto phone = ReadValue<std::string>(*target, [](Tx& tx) -> Result<std::string> {
    MS_ASSIGN(row, tx.QueryOne("SELECT phone FROM departments WHERE id = 2"));
    return row->Text(0);
  });
  EXPECT_EQ(phone.value_or("?"), "");
}

INSTANTIATE_TEST_SUITE_P(Engines, BackupTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// The manifest's text form reads back as written, and malformed ones are refused with what is wrong.
TEST(BackupManifestTest, RoundTripsAndRefusesMalformedManifests) {
  BackupManifest m;
  m.engine = "postgresql";
  m.file = "b.dump";
  m.bytes = 1234;
  m.taken_at = "2026-12-01T02:30:00Z";
  m.report.migrations = {"0001_init", "0002_calendar_2025_2026"};
  m.report.tables = {{"regions", 4, 0x0123456789abcdefULL, 0}, {"appeals", 10000000, 0xfedcba9876543210ULL, 0}};
  m.checksum_seconds = 1.5;
  m.copy_seconds = 2.5;
  m.seconds = 3;
  auto back = ParseManifest(ManifestToJson(m));
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(back->engine, m.engine);
  EXPECT_EQ(back->file, m.file);
  EXPECT_EQ(back->bytes, m.bytes);
  EXPECT_EQ(back->taken_at, m.taken_at);
  EXPECT_EQ(back->Schema(), "0002_calendar_2025_2026");
  EXPECT_EQ(back->report.migrations, m.report.migrations);
  ASSERT_EQ(back->report.tables.size(), 2u);
  EXPECT_EQ(back->report.tables[1].table, "appeals");
  EXPECT_EQ(back->report.tables[1].rows, 10000000);
  EXPECT_EQ(back->report.tables[1].checksum, 0xfedcba9876543210ULL);  // above 2^53: kept as hex text
  EXPECT_EQ(back->Rows(), 10000004);
  EXPECT_DOUBLE_EQ(back->seconds, 3);

  const std::string good_table = R"({"table": "regions", "rows": 4, "checksum": "0123456789abcdef"})";
  const auto with = [&](const std::string& engine, const std::string& table) {
    return R"({"format": "minsheng-backup 1", "engine": )" + engine + R"(, "migrations": ["0001_init"], "tables": [)" +
           table + "]}";
  };
  ASSERT_TRUE(ParseManifest(with(R"("sqlite")", good_table)).has_value());
  struct Case {
    std::string text;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"not json", "不是 JSON 对象"},
      {R"({"format": "other", "engine": "sqlite"})", "format"},
      {with(R"("mysql")", good_table), "engine"},
      {with(R"("sqlite")", R"({"table": "regions", "rows": 4})"), "checksum"},
      {with(R"("sqlite")", R"({"table": "regions", "rows": 4, "checksum": "12ab"})"), "16 位十六进制"},
      {with(R"("sqlite")", R"({"table": "regions", "rows": "4", "checksum": "0123456789abcdef"})"), "rows"},
      {R"({"format": "minsheng-backup 1", "engine": "sqlite", "tables": []})", "migrations"},
  };
  for (const Case& c : cases) {
    auto parsed = ParseManifest(c.text);
    ASSERT_FALSE(parsed.has_value()) << c.text;
    EXPECT_EQ(parsed.error().code, "bad_manifest") << c.text;
    EXPECT_NE(parsed.error().message.find(c.says), std::string::npos) << c.text << ": " << parsed.error().message;
  }
}

}  // namespace
}  // namespace minsheng::store
