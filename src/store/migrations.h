// Versioned schema migrations: numbered .sql files under src/store/migrations/, embedded at build.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace minsheng::store {

struct Migration {
  std::string name;  // file name, e.g. "0001_init.sql"; applied in name order
  std::string sql;   // one or more statements separated by ';' at line ends
};

const std::vector<Migration>& EmbeddedMigrations();

// Applies every migration not yet recorded in schema_migrations, each in its own transaction.
// Returns the names applied now.
Result<std::vector<std::string>> Migrate(Database& db);

}  // namespace minsheng::store
