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

template <typename F>
auto MapRows(const std::vector<Row>& rows, F&& read) -> Result<std::vector<decltype(read(rows.front()))>> {
  std::vector<decltype(read(rows.front()))> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(read(row));
  return out;
}

}  // namespace minsheng::store
