// Issue 13 (fewer round trips on PostgreSQL): statements queued with Tx::ExecuteLater and Tx::QueryLater, on both
// engines. PostgreSQL sends them with the next statement that is waited for, or with the commit; SQLite runs them
// at once. Either way they run in the order they were written, their errors fail the transaction (nothing of it
// is committed), and the use case sees the same results.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../support/engine_database.h"
#include "store/database.h"

namespace minsheng::store {
namespace {

class QueuedStatementsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "queued"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    db_ = &engine_.db();
    ASSERT_TRUE(db_->Write([](Tx& tx) -> Status {
      MS_TRY(tx.Execute("CREATE TABLE q (k BIGINT PRIMARY KEY, v TEXT NOT NULL)"));
      return {};
    }));
  }

  // The rows of q as "k=v", in key order.
  std::vector<std::string> Rows() {
    auto rows = ReadValue<std::vector<std::string>>(*db_, [](Tx& tx) -> Result<std::vector<std::string>> {
      MS_ASSIGN(rows, tx.Query("SELECT k, v FROM q ORDER BY k"));
      std::vector<std::string> out;
      for (const Row& r : rows) out.push_back(std::to_string(r.Int(0)) + "=" + r.Text(1));
      return out;
    });
    EXPECT_TRUE(rows.has_value());
    return rows.value_or(std::vector<std::string>{"(failed)"});
  }

  static Status Put(Tx& tx, std::int64_t k, const std::string& v) {
    return tx.ExecuteLater("INSERT INTO q (k, v) VALUES (?, ?)", {k, v});
  }

  testing::EngineDatabase engine_;
  Database* db_ = nullptr;
};

TEST_P(QueuedStatementsTest, RunInTheOrderWrittenAndCommit) {
  std::vector<std::int64_t> seen;
  ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
    MS_TRY(Put(tx, 1, "a"));
    LaterRows after_one = tx.QueryLater("SELECT COUNT(*) FROM q");
    MS_TRY(Put(tx, 2, "b"));
    LaterRows after_two = tx.QueryLater("SELECT COUNT(*) FROM q");
    MS_TRY(tx.ExecuteLater("UPDATE q SET v = ? WHERE k = ?", {std::string("B"), std::int64_t{2}}));
    // A statement that waits sees everything queued before it.
    MS_ASSIGN(now, tx.QueryOne("SELECT COUNT(*), MAX(v) FROM q"));
    MS_ASSIGN(one, after_one.Get());
    MS_ASSIGN(two, after_two.Get());
    seen = {one.at(0).Int(0), two.at(0).Int(0), now->Int(0)};
    EXPECT_EQ(now->Text(1), "a");  // "B" < "a"
    MS_TRY(Put(tx, 3, "c"));  // goes with the commit
    return {};
  }));
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2, 2}));
  EXPECT_EQ(Rows(), (std::vector<std::string>{"1=a", "2=B", "3=c"}));
}

TEST_P(QueuedStatementsTest, WorkThatOnlyQueuesIsCommitted) {
  ASSERT_TRUE(db_->Write([](Tx& tx) -> Status {
    MS_TRY(Put(tx, 7, "x"));
    return Put(tx, 8, "y");
  }));
  EXPECT_EQ(Rows(), (std::vector<std::string>{"7=x", "8=y"}));
}

TEST_P(QueuedStatementsTest, QueriesQueuedTogetherAnswerEachTheirOwn) {
  ASSERT_TRUE(db_->Write([](Tx& tx) -> Status {
    for (std::int64_t k = 1; k <= 5; ++k) MS_TRY(Put(tx, k, std::string(static_cast<std::size_t>(k), 'z')));
    return {};
  }));
  auto lengths = ReadValue<std::vector<std::int64_t>>(*db_, [](Tx& tx) -> Result<std::vector<std::int64_t>> {
    std::vector<LaterRows> later;
    for (std::int64_t k : {5, 9, 2}) later.push_back(tx.QueryLater("SELECT LENGTH(v) FROM q WHERE k = ?", {k}));
    std::vector<std::int64_t> out;
    for (auto& l : later) {
      MS_ASSIGN(rows, l.Get());
      out.push_back(rows.empty() ? -1 : rows.front().Int(0));
    }
    return out;
  });
  ASSERT_TRUE(lengths.has_value()) << lengths.error().message;
  EXPECT_EQ(*lengths, (std::vector<std::int64_t>{5, -1, 2}));
}

// A queued statement that fails fails the statement that next waits (or the commit), whatever came after it, and
// nothing of the transaction is kept.
TEST_P(QueuedStatementsTest, AFailedQueuedStatementFailsTheTransaction) {
  ASSERT_TRUE(db_->Write([](Tx& tx) { return Put(tx, 1, "kept"); }));
  struct Case {
    std::string name;
    std::function<Status(Tx&)> work;
  };
  const std::vector<Case> cases = {
      {"at the next statement",
       [](Tx& tx) -> Status {
         MS_TRY(Put(tx, 2, "lost"));
         MS_TRY(Put(tx, 1, "duplicate"));
         MS_TRY(tx.Query("SELECT COUNT(*) FROM q"));
         return {};
       }},
      {"at the next queued query",
       [](Tx& tx) -> Status {
         MS_TRY(Put(tx, 2, "lost"));
         MS_TRY(Put(tx, 1, "duplicate"));
         LaterRows count = tx.QueryLater("SELECT COUNT(*) FROM q");
         MS_TRY(count.Get());
         return {};
       }},
      {"at the commit",
       [](Tx& tx) -> Status {
         MS_TRY(tx.Execute("INSERT INTO q (k, v) VALUES (2, 'lost')"));
         MS_TRY(Put(tx, 1, "duplicate"));
         return Put(tx, 3, "lost too");
       }},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto result = db_->Write(c.work);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, "unique_violation");
    EXPECT_EQ(Rows(), (std::vector<std::string>{"1=kept"}));
  }
  // The connections are fine afterwards.
  ASSERT_TRUE(db_->Write([](Tx& tx) { return Put(tx, 4, "after"); }));
  EXPECT_EQ(Rows(), (std::vector<std::string>{"1=kept", "4=after"}));
}

TEST_P(QueuedStatementsTest, AnErrorOfTheWorkDropsWhatIsQueued) {
  auto result = db_->Write([](Tx& tx) -> Status {
    MS_TRY(Put(tx, 1, "never"));
    return Fail(Error::Invalid("nope", "不行"));
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "nope");
  auto after_statement = db_->Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute("INSERT INTO q (k, v) VALUES (5, 'never')"));
    MS_TRY(Put(tx, 6, "never"));
    return Fail(Error::Invalid("nope", "不行"));
  });
  ASSERT_FALSE(after_statement);
  EXPECT_EQ(after_statement.error().code, "nope");
  EXPECT_TRUE(Rows().empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, QueuedStatementsTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::store
