// Issue 13, bulk loads: a load into a database that holds fewer appeals than it brings drops the secondary indexes
// of the tables it fills and builds each once at its end (a sort of the keys instead of a B-tree insert per row
// and index, most of them at random places). Each definition dropped is kept in bulk_suspended_indexes in the
// transaction that drops it, so a load that stops midway leaves them to the next Migrate. Both engines.
#pragma once

#include <array>
#include <functional>
#include <string_view>

#include "store/database.h"

namespace minsheng::store {

// The tables a bulk load fills, in foreign-key order.
inline constexpr std::array<std::string_view, 8> kBulkTables = {
    "appeals", "events", "dispatches", "replies", "callbacks", "callback_causes", "extensions", "supervision_notices"};

// Drops every secondary index of the tables a bulk load fills (store/bulk_appeals.h) but those behind a
// constraint (primary keys, unique receipt codes and event sequences), and records each. Returns how many.
Result<int> SuspendBulkIndexes(Database& db);

// Called before each index is built: its name, how many are built already, how many there are.
using IndexProgress = std::function<void(std::string_view name, int built, int total)>;
// Builds every suspended index again, one transaction each (the record goes in the same transaction, so two
// processes never build one twice), and returns how many it built.
Result<int> RestoreBulkIndexes(Database& db, const IndexProgress& progress = {});

}  // namespace minsheng::store
