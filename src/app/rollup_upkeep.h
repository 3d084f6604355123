// Upkeep of the per-period counts behind the metrics (store/rollup_repository.h): fold the pending changes into
// them, check them against a recount of the appeals, rebuild them.
#pragma once

#include <cstdint>

#include "store/database.h"
#include "store/rollup_repository.h"

namespace minsheng::app {

// Folds every pending change, a batch per transaction; returns how many changes were folded.
Result<std::int64_t> FoldRollups(store::Database& db);
// Recounts the appeals on one snapshot and compares them with the stored counts.
Result<store::RollupCheck> CheckRollups(store::Database& db);
// Replaces the stored counts with a recount, in one transaction; returns the rows written.
Result<std::int64_t> RebuildRollups(store::Database& db);

}  // namespace minsheng::app
