// Small helpers for database tests: run statements in one write transaction, count a table's rows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/database.h"

namespace minsheng::testing {

// Runs `statements` in one write transaction.
inline Status Exec(store::Database& db, const std::vector<std::string>& statements) {
  return db.Write([&](store::Tx& tx) -> Status {
    for (const std::string& sql : statements) MS_TRY(tx.Execute(sql));
    return {};
  });
}

// The rows of `table` (-1, with a test failure, when it cannot be read).
inline std::int64_t Count(store::Database& db, const std::string& table) {
  auto n = store::ReadValue<std::int64_t>(db, [&](store::Tx& tx) -> Result<std::int64_t> {
    MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM " + table));
    return row->Int(0);
  });
  EXPECT_TRUE(n.has_value()) << (n ? "" : n.error().message);
  return n.value_or(-1);
}

}  // namespace minsheng::testing
