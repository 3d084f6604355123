#include "store/migrations.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>
#include <string_view>

namespace minsheng::store {
namespace detail {

// Splits a migration script into its statements at ';' outside quotes and comments. Comments stay
// inside the statement they are in; pieces holding only whitespace and comments are dropped.
// Not for bodies with inner ';' such as triggers or PL/pgSQL functions.
std::vector<std::string> SplitSqlScript(std::string_view script) {
  std::vector<std::string> out;
  std::size_t start = 0;
  bool has_code = false;  // the current piece has something besides whitespace and comments
  auto flush = [&](std::size_t end) {
    if (has_code) {
      std::string_view piece = script.substr(start, end - start);
      while (!piece.empty() && std::isspace(static_cast<unsigned char>(piece.front()))) piece.remove_prefix(1);
      while (!piece.empty() && std::isspace(static_cast<unsigned char>(piece.back()))) piece.remove_suffix(1);
      out.emplace_back(piece);
    }
    has_code = false;
  };
  std::size_t i = 0;
  while (i < script.size()) {
    const char c = script[i];
    if (c == '-' && i + 1 < script.size() && script[i + 1] == '-') {
      const std::size_t eol = script.find('\n', i);
      i = eol == std::string_view::npos ? script.size() : eol + 1;
    } else if (c == '/' && i + 1 < script.size() && script[i + 1] == '*') {
      const std::size_t end = script.find("*/", i + 2);
      i = end == std::string_view::npos ? script.size() : end + 2;
    } else if (c == '\'' || c == '"' || c == '`') {
      // Quoted text or identifier; a doubled quote is an escaped quote and simply re-enters here.
      has_code = true;
      const std::size_t end = script.find(c, i + 1);
      i = end == std::string_view::npos ? script.size() : end + 1;
    } else if (c == ';') {
      flush(i);
      start = ++i;
    } else {
      if (!std::isspace(static_cast<unsigned char>(c))) has_code = true;
      ++i;
    }
  }
  flush(script.size());
  return out;
}

}  // namespace detail

namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)";

}  // namespace

Result<std::vector<std::string>> Migrate(Database& db) {
  MS_TRY(db.Write([](Tx& tx) -> Status {
    MS_TRY(tx.Execute(kCreateTable));
    return {};
  }));
  std::set<std::string> applied;
  MS_TRY(db.Read([&](Tx& tx) -> Status {
    MS_ASSIGN(rows, tx.Query("SELECT name FROM schema_migrations"));
    for (const Row& row : rows) applied.insert(row.Text(0));
    return {};
  }));

  std::vector<const Migration*> pending;
  for (const Migration& m : EmbeddedMigrations()) {
    if (!applied.contains(m.name)) pending.push_back(&m);
  }
  std::ranges::sort(pending, {}, &Migration::name);

  std::vector<std::string> applied_now;
  for (const Migration* m : pending) {
    const std::vector<std::string> statements = detail::SplitSqlScript(m->sql);
    bool applied_elsewhere = false;
    Status status = db.Write([&](Tx& tx) -> Status {
      const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
      // The record first: if another process is applying (or has applied) the same migration, its
      // row makes this insert fail before any of the script runs.
      auto recorded = tx.Execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", {m->name, now});
      if (!recorded) {
        applied_elsewhere = recorded.error().code == "unique_violation";
        return Fail(std::move(recorded).error());
      }
      for (const std::string& sql : statements) MS_TRY(tx.Execute(sql));
      return {};
    });
    if (applied_elsewhere) continue;
    if (!status) {
      Error e = std::move(status).error();
      e.message = "数据库迁移 " + m->name + " 失败：" + e.message;
      return Fail(std::move(e));
    }
    applied_now.push_back(m->name);
  }
  return applied_now;
}

}  // namespace minsheng::store
