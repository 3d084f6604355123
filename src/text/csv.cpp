#include "text/csv.h"

namespace minsheng::text {

int CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

Result<CsvTable> ParseCsv(std::string_view data) {
  if (data.starts_with("\xEF\xBB\xBF")) data.remove_prefix(3);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false, field_started = false;
  size_t line = 1, record_line = 1;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_record = [&]() -> Status {
    const bool blank = record.empty() && !field_started && field.empty();
    if (!blank) {
      end_field();
      if (!records.empty() && record.size() != records.front().size())
        return Fail(Error::Invalid("bad_csv", "CSV 第 " + std::to_string(record_line) + " 行有 " +
                                                  std::to_string(record.size()) + " 列，表头有 " +
                                                  std::to_string(records.front().size()) + " 列"));
      records.push_back(std::move(record));
    }
    record.clear();
    return {};
  };
  for (size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < data.size() && data[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && !field_started) {
      in_quotes = field_started = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      MS_TRY(end_record());
      record_line = ++line;
    } else {
      field.push_back(c);  // a stray quote inside an unquoted field is kept as it is
      field_started = true;
    }
  }
  if (in_quotes) return Fail(Error::Invalid("bad_csv", "CSV 第 " + std::to_string(record_line) + " 行的引号没有闭合"));
  MS_TRY(end_record());
  CsvTable table;
  if (records.empty()) return Fail(Error::Invalid("bad_csv", "CSV 文件是空的，没有表头"));
  table.header = std::move(records.front());
  table.rows.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
  return table;
}

}  // namespace minsheng::text
