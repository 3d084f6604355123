#include "app/rollup_upkeep.h"

namespace minsheng::app {

Result<std::int64_t> FoldRollups(store::Database& db) {
  constexpr int kBatch = 20000;
  std::int64_t total = 0;
  for (;;) {
    std::int64_t folded = 0;
    MS_TRY(db.Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(n, store::FoldRollupDeltas(tx, kBatch));
      folded = n;
      return {};
    }));
    total += folded;
    if (folded < kBatch) return total;
  }
}

Result<store::RollupCheck> CheckRollups(store::Database& db) {
  return store::ReadValue<store::RollupCheck>(db, [](store::Tx& tx) { return store::CheckRollups(tx); });
}

Result<std::int64_t> RebuildRollups(store::Database& db) {
  return store::WriteValue<std::int64_t>(db, [](store::Tx& tx) { return store::RebuildRollups(tx); });
}

}  // namespace minsheng::app
