#include "store/database.h"

#include <charconv>
#include <exception>
#include <system_error>

#include "store/pg_database.h"
#include "store/sqlite_database.h"

namespace minsheng::store {
namespace {

// Numbers stored as text (possible in SQLite's dynamic typing) still read as numbers.
template <typename T>
T ParseNumber(const std::string& s) {
  T out{};
  std::from_chars(s.data(), s.data() + s.size(), out);
  return out;
}

}  // namespace

std::int64_t Row::Int(std::size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return ParseNumber<std::int64_t>(*s);
  return 0;
}

double Row::Real(std::size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) return ParseNumber<double>(*s);
  return 0.0;
}

std::string Row::Text(std::size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, *d);  // shortest text that reads back the same
    return std::string(buf, r.ptr);
  }
  return {};
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::optional<std::string> Row::OptText(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

Result<std::optional<Row>> Tx::QueryOne(std::string_view sql, const Params& params) {
  MS_ASSIGN(rows, Query(sql, params));
  if (rows.empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows.front()));
}

Result<std::int64_t> Tx::Insert(std::string_view sql, const Params& params) {
  MS_ASSIGN(rows, Query(sql, params));
  if (rows.empty() || rows.front().size() == 0 || rows.front().IsNull(0)) {
    return Fail(Error::Internal("INSERT 没有返回 id（缺少 RETURNING id？）"));
  }
  return rows.front().Int(0);
}

Status Tx::ExecuteLater(std::string_view sql, const Params& params) {
  MS_TRY(Execute(sql, params));
  return {};
}

LaterRows Tx::QueryLater(std::string_view sql, const Params& params) {
  auto slot = std::make_shared<LaterRows::Slot>();
  slot->rows = Query(sql, params);
  return LaterRows(std::move(slot));
}

Result<std::vector<Row>> LaterRows::Get() {
  if (!slot_->rows && slot_->tx != nullptr) {
    auto flushed = slot_->tx->Flush();
    if (!slot_->rows) return Fail(flushed ? Error::Internal("排队的查询没有结果") : flushed.error());
  }
  if (!slot_->rows) return Fail(Error::Internal("排队的查询没有结果"));
  return std::move(*slot_->rows);
}

namespace detail {

Status RunWork(const Work& work, Tx& tx) {
  try {
    return work(tx);
  } catch (const std::exception& e) {
    return Fail(Error::Internal(std::string("事务执行异常：") + e.what()));
  } catch (...) {
    return Fail(Error::Internal("事务执行异常"));
  }
}

}  // namespace detail

Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url, const DatabaseOptions& options) {
  // One branch per engine, keyed by the URL's scheme.
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    MS_ASSIGN(db, PgDatabase::Open(std::string(url), options));
    return std::unique_ptr<Database>(std::move(db));
  }
  if (!options.replica_url.empty()) {
    return Fail(Error::Invalid("unsupported_database", "只读副本只适用于 PostgreSQL 主库", "db-replica"));
  }
  if (url.starts_with(kSqlite)) {
    std::string_view path = url.substr(kSqlite.size());
    if (path.starts_with("//")) path.remove_prefix(2);  // "sqlite:///abs/path" means "/abs/path"
    if (path.empty() || path == ":memory:") {
      return Fail(Error::Invalid("unsupported_database", "SQLite 数据库需要一个文件路径，如 sqlite:data/minsheng.db"));
    }
    MS_ASSIGN(db, SqliteDatabase::Open(std::string(path), options));
    return std::unique_ptr<Database>(std::move(db));
  }
  // The URL may carry a password: name only its scheme.
  const std::size_t colon = url.find(':');
  const std::string scheme(url.substr(0, colon == std::string_view::npos ? 0 : colon));
  return Fail(Error::Invalid("unsupported_database",
                             scheme.empty() ? "无法识别的数据库地址（应为 sqlite:路径 或 postgresql://…）"
                                            : "不支持的数据库类型：" + scheme + "（支持 sqlite:路径 和 postgresql://…）"));
}

}  // namespace minsheng::store
