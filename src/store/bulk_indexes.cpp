#include "store/bulk_indexes.h"

#include <algorithm>
#include <chrono>
#include <string>

namespace minsheng::store {
namespace {

std::string BulkTableList() {
  std::string list;
  for (std::string_view t : kBulkTables) list += (list.empty() ? "'" : ", '") + std::string(t) + "'";
  return list;
}

// name, table, definition of each index SuspendBulkIndexes may drop.
std::string DroppableIndexesSql(std::string_view engine) {
  if (engine == "sqlite")  // the indexes behind UNIQUE and PRIMARY KEY have no sql
    return "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
           "AND tbl_name IN (" +
           BulkTableList() + ") ORDER BY name";
  return "SELECT i.indexname, i.tablename, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
         "AND i.tablename IN (" +
         BulkTableList() +
         ") AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
         "WHERE c.conindid = to_regclass(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))) "
         "ORDER BY i.indexname";
}

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

Result<int> SuspendBulkIndexes(Database& db) {
  int dropped = 0;
  MS_TRY(db.Write([&](Tx& tx) -> Status {
    dropped = 0;
    MS_ASSIGN(rows, tx.Query(DroppableIndexesSql(db.Engine())));
    for (const Row& row : rows) {
      if (std::ranges::find(kLiveBulkIndexes, row.Text(0)) != kLiveBulkIndexes.end()) continue;
      MS_TRY(
          tx.Execute("INSERT INTO bulk_suspended_indexes (name, table_name, definition, suspended_at) "
                     "VALUES (?, ?, ?, ?)",
                     {row.Text(0), row.Text(1), row.Text(2), NowSeconds()}));
      MS_TRY(tx.Execute("DROP INDEX " + row.Text(0)));
      ++dropped;
    }
    return {};
  }));
  return dropped;
}

Result<int> RestoreBulkIndexes(Database& db, const IndexProgress& progress) {
  std::vector<Row> suspended;
  MS_TRY(db.Read([&](Tx& tx) -> Status {
    MS_ASSIGN(rows, tx.Query("SELECT name, definition FROM bulk_suspended_indexes ORDER BY name"));
    suspended = std::move(rows);
    return {};
  }));
  int built = 0;
  for (std::size_t i = 0; i < suspended.size(); ++i) {
    const std::string name = suspended[i].Text(0), definition = suspended[i].Text(1);
    if (progress) progress(name, static_cast<int>(i), static_cast<int>(suspended.size()));
    bool here = false;
    MS_TRY(db.Write([&](Tx& tx) -> Status {
      here = false;
      MS_ASSIGN(forgotten, tx.Execute("DELETE FROM bulk_suspended_indexes WHERE name = ?", {name}));
      if (forgotten == 0) return {};  // another process built it meanwhile
      // SQLite sorts the keys of a new index with up to two helper threads (one per core here).
      if (db.Engine() == "sqlite") MS_TRY(tx.Execute("PRAGMA threads = 2"));
      MS_TRY(tx.Execute(definition));
      here = true;
      return {};
    }));
    built += here ? 1 : 0;
  }
  if (progress && !suspended.empty())
    progress("", static_cast<int>(suspended.size()), static_cast<int>(suspended.size()));
  return built;
}

}  // namespace minsheng::store
