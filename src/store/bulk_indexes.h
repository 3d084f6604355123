// Issue 13, bulk loads: a load into a database that holds fewer appeals than it brings drops the secondary indexes
// of the tables it fills whose keys arrive at random places, and builds each once at its end (a sort of the keys
// instead of a B-tree insert per row at a random page). Each definition dropped is kept in bulk_suspended_indexes in
// the transaction that drops it, so a load that stops midway leaves them to the next Migrate. Both engines.
#pragma once

#include <array>
#include <functional>
#include <string_view>

#include "store/database.h"

namespace minsheng::store {

// The tables a bulk load fills, in foreign-key order.
inline constexpr std::array<std::string_view, 8> kBulkTables = {
    "appeals", "events", "dispatches", "replies", "callbacks", "callback_causes", "extensions", "supervision_notices"};

// The secondary indexes of those tables that a load keeps up to date as it writes. Their keys arrive in the order
// the load writes (appeals by creation time, the other tables by appeal, a few values before that), so each row
// lands at one of a few places at the end of the index, whose pages stay in the writer's cache: cheaper than a
// scan of the table and a sort for each at the end (at 10M appeals a scan of `appeals` alone reads 8 GB).
inline constexpr std::array<std::string_view, 23> kLiveBulkIndexes = {
    "appeals_awaiting_contact", "appeals_category_created", "appeals_channel_created",
    "appeals_created",          "appeals_created_by",       "appeals_current_due",
    "appeals_deputy",           "appeals_duty_shift",       "appeals_lead_unit",
    "appeals_region",           "appeals_status",           "appeals_status_category_created",
    "appeals_status_created",   "appeals_street_created",   "appeals_sweep_due",
    "callback_causes_appeal",   "callback_causes_created",  "callbacks_appeal",
    "dispatches_appeal",        "dispatches_unit",          "extensions_appeal",
    "replies_appeal",           "supervision_notices_unit",
};
// Those whose keys arrive at random places (an address, a phone number): dropped for a load and built at its end.
// Every secondary index of the tables above is in one of the two lists (a test checks it); one in neither is
// treated as these are.
inline constexpr std::array<std::string_view, 2> kRebuiltBulkIndexes = {"appeals_address", "appeals_phone"};

// Drops every secondary index of the tables a bulk load fills (store/bulk_appeals.h) but those behind a
// constraint (primary keys, unique receipt codes and event sequences) and those kept live (kLiveBulkIndexes),
// and records each. Returns how many.
Result<int> SuspendBulkIndexes(Database& db);

// Called before each index is built: its name, how many are built already, how many there are.
using IndexProgress = std::function<void(std::string_view name, int built, int total)>;
// Builds every suspended index again, one transaction each (the record goes in the same transaction, so two
// processes never build one twice), and returns how many it built.
Result<int> RestoreBulkIndexes(Database& db, const IndexProgress& progress = {});

}  // namespace minsheng::store
