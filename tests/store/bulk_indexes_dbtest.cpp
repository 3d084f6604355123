// Issue 13, bulk loads (store/bulk_indexes.h, Database::SetBulkLoad), on both engines: the indexes a load drops
// come back exactly as they were, at the load's end or at the next Migrate after a load that stopped midway;
// those behind constraints are never dropped; SQLite's writer follows the bulk-load mode.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <thread>

#include "../support/engine_database.h"
#include "store/bulk_appeals.h"
#include "store/bulk_indexes.h"
#include "store/migrations.h"

namespace minsheng::store {
namespace {

class BulkIndexesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "bulkidx"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    db_ = &engine_.db();
  }

  // name → definition of every index on the tables a bulk load fills, the constraints' included.
  std::map<std::string, std::string> Indexes() {
    std::string tables;
    for (std::string_view t : kBulkTables) tables += (tables.empty() ? "'" : ", '") + std::string(t) + "'";
    const std::string sql =
        db_->Engine() == "sqlite"
            ? "SELECT name, COALESCE(sql, '') FROM sqlite_master WHERE type = 'index' AND tbl_name IN (" + tables + ")"
            : "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN (" +
                  tables + ")";
    std::map<std::string, std::string> out;
    EXPECT_TRUE(db_->Read([&](Tx& tx) -> Status {
      MS_ASSIGN(rows, tx.Query(sql));
      for (const Row& r : rows) out[r.Text(0)] = r.Text(1);
      return {};
    }));
    return out;
  }
  std::int64_t Suspended() {
    auto n = ReadValue<std::int64_t>(*db_, [](Tx& tx) -> Result<std::int64_t> {
      MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM bulk_suspended_indexes"));
      return row->Int(0);
    });
    EXPECT_TRUE(n.has_value());
    return n.value_or(-1);
  }

  minsheng::testing::EngineDatabase engine_;
  Database* db_ = nullptr;
};

TEST_P(BulkIndexesTest, SuspendedIndexesComeBackAsTheyWere) {
  const auto before = Indexes();
  ASSERT_GT(before.size(), 20u);
  ASSERT_TRUE(before.contains("appeals_phone"));

  auto dropped = SuspendBulkIndexes(*db_);
  ASSERT_TRUE(dropped) << dropped.error().message;
  const auto during = Indexes();
  EXPECT_EQ(static_cast<std::size_t>(*dropped), before.size() - during.size());
  EXPECT_EQ(Suspended(), *dropped);
  // Those whose keys arrive at random places go; those the load appends to stay. A new index on these tables
  // must be put in one of the two lists (bulk_indexes.h), and every name in them must still exist.
  std::set<std::string> gone;
  for (const auto& [name, definition] : before)
    if (!during.contains(name)) gone.insert(name);
  EXPECT_EQ(gone, std::set<std::string>(kRebuiltBulkIndexes.begin(), kRebuiltBulkIndexes.end()));
  for (std::string_view live : kLiveBulkIndexes) EXPECT_TRUE(during.contains(std::string(live))) << live;
  // What keeps the data right stays: the appeals' unique receipt codes, the events' (appeal_id, seq).
  for (const auto& [name, definition] : during) EXPECT_TRUE(before.contains(name)) << name;
  const bool sqlite = db_->Engine() == "sqlite";
  EXPECT_TRUE(during.contains(sqlite ? "sqlite_autoindex_appeals_1" : "appeals_receipt_code_key"));
  EXPECT_TRUE(during.contains(sqlite ? "sqlite_autoindex_events_1" : "events_appeal_id_seq_key"));
  EXPECT_TRUE(during.contains(sqlite ? "sqlite_autoindex_appeals_1" : "appeals_pkey"));

  std::vector<std::string> names;
  auto built = RestoreBulkIndexes(*db_, [&](std::string_view name, int done, int total) {
    EXPECT_EQ(total, *dropped);
    EXPECT_EQ(done, static_cast<int>(names.size()));
    if (!name.empty()) names.emplace_back(name);
  });
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_EQ(*built, *dropped);
  EXPECT_EQ(static_cast<int>(names.size()), *dropped);
  EXPECT_EQ(Indexes(), before);
  EXPECT_EQ(Suspended(), 0);
  auto again = RestoreBulkIndexes(*db_);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

TEST_P(BulkIndexesTest, MigrateBuildsWhatAnInterruptedLoadLeft) {
  const auto before = Indexes();
  ASSERT_TRUE(BeginBulkLoad(*db_, 1000));  // an empty database: the indexes go
  EXPECT_LT(Indexes().size(), before.size());
  // The load stops here (a crash, an error): the next start of any command migrates.
  auto applied = Migrate(*db_);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_TRUE(applied->empty());
  EXPECT_EQ(Indexes(), before);
  EXPECT_EQ(Suspended(), 0);
  ASSERT_TRUE(db_->SetBulkLoad(false));
}

TEST_P(BulkIndexesTest, ALoadSmallerThanTheDatabaseKeepsTheIndexes) {
  const auto before = Indexes();
  ASSERT_TRUE(BeginBulkLoad(*db_, 0));  // nothing held, nothing brought: no reason to drop anything
  EXPECT_EQ(Indexes(), before);
  ASSERT_TRUE(FinishBulkLoad(*db_));
  EXPECT_EQ(Indexes(), before);
}

TEST_P(BulkIndexesTest, SqliteWriterFollowsTheBulkLoadMode) {
  if (db_->Engine() != "sqlite") GTEST_SKIP() << "PostgreSQL sets synchronous_commit in the load's transactions";
  auto journal_mode = [&] {
    return WriteValue<std::string>(*db_, [](Tx& tx) -> Result<std::string> {
      MS_ASSIGN(row, tx.QueryOne("PRAGMA journal_mode"));
      return row->Text(0);
    });
  };
  auto synchronous = [&] {
    return WriteValue<std::int64_t>(*db_, [](Tx& tx) -> Result<std::int64_t> {
      MS_ASSIGN(row, tx.QueryOne("PRAGMA synchronous"));
      return row->Int(0);
    });
  };
  auto count = [&] {
    return ReadValue<std::int64_t>(*db_, [](Tx& tx) -> Result<std::int64_t> {
      MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM regions"));
      return row->Int(0);
    });
  };
  const std::int64_t regions = count().value_or(-1);
  EXPECT_EQ(journal_mode().value_or(""), "wal");
  EXPECT_EQ(synchronous().value_or(-1), 2);  // FULL
  // No other connection of ours is open: the load writes through a rollback journal, each commit synced.
  ASSERT_TRUE(db_->SetBulkLoad(true));
  EXPECT_EQ(journal_mode().value_or(""), "delete");
  EXPECT_EQ(synchronous().value_or(-1), 2);
  // Reads go on meanwhile, on the writer: from another thread, and from within a write.
  std::int64_t from_thread = -1;
  std::thread([&] { from_thread = count().value_or(-2); }).join();
  EXPECT_EQ(from_thread, regions);
  std::int64_t nested = -1;
  ASSERT_TRUE(db_->Write([&](Tx&) -> Status {
    nested = count().value_or(-2);
    return {};
  }));
  EXPECT_EQ(nested, regions);
  ASSERT_TRUE(db_->SetBulkLoad(false));
  EXPECT_EQ(journal_mode().value_or(""), "wal");
  EXPECT_EQ(synchronous().value_or(-1), 2);
  EXPECT_EQ(count().value_or(-1), regions);

  // A thread with a reader of its own (a server's I/O thread) may be reading: the load stays in WAL and only
  // skips the commits' fsync.
  std::thread([&] { EXPECT_TRUE(db_->DedicateReaderToThisThread()); }).join();
  ASSERT_TRUE(db_->SetBulkLoad(true));
  EXPECT_EQ(journal_mode().value_or(""), "wal");
  EXPECT_EQ(synchronous().value_or(-1), 1);  // NORMAL
  EXPECT_EQ(count().value_or(-1), regions);
  ASSERT_TRUE(db_->SetBulkLoad(false));
  EXPECT_EQ(synchronous().value_or(-1), 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, BulkIndexesTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::store
