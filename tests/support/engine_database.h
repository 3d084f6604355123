// A migrated database for one test on the engine the test is parameterised with: a SQLite file in its own
// temporary directory, or a fresh PostgreSQL database on the test cluster (skipped without one).
//
//   class FooTest : public ::testing::TestWithParam<std::string> {
//     void SetUp() override {
//       ASSERT_TRUE(engine_.Open(GetParam(), "foo"));
//       if (engine_.skipped()) GTEST_SKIP() << engine_.why();
//       db_ = &engine_.db();
//     }
//     minsheng::testing::EngineDatabase engine_;
//   };
//   INSTANTIATE_TEST_SUITE_P(Engines, FooTest, ::testing::Values("sqlite", "postgresql"),
//                            [](const auto& info) { return info.param; });
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "pg_test_database.h"
#include "store/database.h"
#include "store/migrations.h"

namespace minsheng::testing {

class EngineDatabase {
 public:
  EngineDatabase() = default;
  EngineDatabase(const EngineDatabase&) = delete;
  EngineDatabase& operator=(const EngineDatabase&) = delete;
  ~EngineDatabase() {
    db_.reset();
    pg_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // Opens and migrates a database on `engine` ("sqlite" or "postgresql") named after `prefix` and the running
  // test. False (with a test failure) when it cannot; true and skipped() when there is no PostgreSQL cluster.
  bool Open(const std::string& engine, const std::string& prefix) {
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(test.begin(), test.end(), '/', '_');
    dir_ = std::filesystem::temp_directory_path() /
           ("minsheng_" + prefix + "_" + std::to_string(::getpid()) + "_" + test);
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    if (engine == "postgresql") {
      pg_ = std::make_unique<PgTestDatabase>();
      if (pg_->skip()) return true;
    }
    auto db = store::OpenDatabase(pg_ ? pg_->url() : "sqlite:" + (dir_ / "m.db").string());
    if (!db) {
      ADD_FAILURE() << db.error().message;
      return false;
    }
    db_ = std::move(*db);
    auto migrated = store::Migrate(*db_);
    if (!migrated) {
      ADD_FAILURE() << migrated.error().message;
      return false;
    }
    return true;
  }

  bool skipped() const { return pg_ && pg_->skip(); }
  std::string why() const { return pg_ ? pg_->why() : ""; }
  store::Database& db() { return *db_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<PgTestDatabase> pg_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace minsheng::testing
