// The audit log on both engines: entries are appended and listed newest first with their filters, and the
// database itself refuses to change or remove one (triggers of migration 0006).
#include "store/audit_repository.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "../support/pg_test_database.h"
#include "store/migrations.h"

namespace minsheng::store {
namespace {

namespace fs = std::filesystem;

class AuditRepositoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string url;
    if (GetParam() == "postgresql") {
      pg_ = std::make_unique<testing::PgTestDatabase>();
      if (pg_->skip()) GTEST_SKIP() << pg_->why();
      url = pg_->url();
    } else {
      static std::atomic<int> counter{0};
      dir_ = fs::temp_directory_path() / ("minsheng_audit_test_" + std::to_string(::getpid()) + "_" +
                                          std::to_string(counter++));
      fs::remove_all(dir_);
      url = "sqlite:" + (dir_ / "m.db").string();
    }
    auto db = OpenDatabase(url);
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    ASSERT_TRUE(Migrate(*db_).has_value());
  }
  void TearDown() override {
    db_.reset();
    pg_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  Status Append(Timestamp at, std::string action, OptId actor) {
    return db_->Write([&](Tx& tx) {
      return AppendAudit(tx, {.at = at, .actor_id = actor, .actor_label = "测试", .action = action,
                              .target_kind = "appeal", .target_id = 7, .street_id = 2,
                              .detail = R"({"receipt_code":"ABC"})", .remote_address = "127.0.0.1"});
    });
  }

  AuditPage List(const AuditFilter& f) {
    auto page = ReadValue<AuditPage>(*db_, [&](Tx& tx) { return ListAudit(tx, f); });
    EXPECT_TRUE(page.has_value());
    return page.value_or(AuditPage{});
  }

  std::unique_ptr<testing::PgTestDatabase> pg_;
  fs::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_P(AuditRepositoryTest, AppendsAndListsNewestFirstWithFilters) {
  ASSERT_TRUE(Append(100, "view_personal_data", 5));
  ASSERT_TRUE(Append(200, "user_update", 6));
  ASSERT_TRUE(Append(300, "view_personal_data", 6));
  const AuditPage all = List({});
  ASSERT_EQ(all.total, 3);
  EXPECT_EQ(all.items[0].at, 300);
  EXPECT_EQ(all.items[2].at, 100);
  EXPECT_EQ(all.items[0].detail, R"({"receipt_code":"ABC"})");
  EXPECT_EQ(all.items[0].street_id, 2);
  EXPECT_EQ(List({.actor_id = 6}).total, 2);
  EXPECT_EQ(List({.action = "view_personal_data"}).total, 2);
  EXPECT_EQ(List({.from = 150, .to = 300}).total, 1);
  const AuditPage second = List({.page = 2, .page_size = 2});
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].at, 100);
}

TEST_P(AuditRepositoryTest, TheDatabaseRefusesToChangeOrRemoveAnEntry) {
  ASSERT_TRUE(Append(100, "user_update", 5));
  for (const char* sql : {"UPDATE audit_log SET action = 'nothing'", "DELETE FROM audit_log"}) {
    auto changed = db_->Write([&](Tx& tx) -> Status {
      MS_TRY(tx.Execute(sql));
      return {};
    });
    EXPECT_FALSE(changed.has_value()) << sql;
  }
  if (GetParam() == "postgresql") {
    auto truncated = db_->Write([](Tx& tx) -> Status {
      MS_TRY(tx.Execute("TRUNCATE audit_log"));
      return {};
    });
    EXPECT_FALSE(truncated.has_value());
  }
  const AuditPage after = List({});
  ASSERT_EQ(after.total, 1);
  EXPECT_EQ(after.items[0].action, "user_update");
  // Appending still works.
  EXPECT_TRUE(Append(200, "user_password", 5));
  EXPECT_EQ(List({}).total, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditRepositoryTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::store
