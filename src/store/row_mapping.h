// Helpers for the repositories: read a row's columns in order, map rows to records.
#pragma once

#include <vector>

#include "store/database.h"

namespace minsheng::store {

// Reads the columns of one row left to right.
class ColumnReader {
 public:
  explicit ColumnReader(const Row& row) : row_(row) {}
  std::int64_t Int() { return row_.Int(next_++); }
  std::string Text() { return row_.Text(next_++); }
  double Real() { return row_.Real(next_++); }
  std::optional<std::int64_t> OptInt() { return row_.OptInt(next_++); }
  std::optional<int> OptInt32() {
    auto v = row_.OptInt(next_++);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
  }
  std::optional<std::string> OptText() { return row_.OptText(next_++); }

 private:
  const Row& row_;
  std::size_t next_ = 0;
};

// A LIKE pattern matching `text` anywhere, its own % _ and \ matching only themselves; use it with
// `LIKE ? ESCAPE '\'` (both engines).
inline std::string ContainsPattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

// Builds " WHERE c1 AND c2 …" from optional filter conditions and collects their parameters.
class Conditions {
 public:
  // Adds `clause` (holding as many '?' as `values`) joined with AND.
  void Add(std::string_view clause, Params values) {
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    sql_ += clause;
    for (auto& v : values) params_.push_back(std::move(v));
  }
  const std::string& sql() const { return sql_; }
  const Params& params() const { return params_; }
  // The parameters followed by `more` (issue 13: LIMIT and OFFSET values of a query built on these conditions).
  Params ParamsWith(std::initializer_list<Value> more) const {
    Params p = params_;
    p.insert(p.end(), more);
    return p;
  }
  // The parameters followed by LIMIT and OFFSET values for page `page` (from 1) of `page_size`.
  Params PageParams(int page, int page_size) const {
    Params p = params_;
    p.push_back(std::int64_t{page_size});
    p.push_back(std::int64_t{page - 1} * page_size);
    return p;
  }

 private:
  std::string sql_;
  Params params_;
};

// "(?, ?, …)" for an `IN` over `values` (non-empty), their values appended to `params`.
template <typename T>
std::string InList(const std::vector<T>& values, Params& params) {
  std::string out = "(";
  for (const auto& v : values) {
    out += out.size() == 1 ? "?" : ", ?";
    params.push_back(v);
  }
  return out + ")";
}

template <typename F>
auto MapRows(const std::vector<Row>& rows, F&& read) -> Result<std::vector<decltype(read(rows.front()))>> {
  std::vector<decltype(read(rows.front()))> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(read(row));
  return out;
}

}  // namespace minsheng::store
