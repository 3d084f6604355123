// A CSV reader for data files (RFC 4180): a header row, comma-separated fields, double-quoted fields that
// may hold commas, doubled quotes and line breaks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace minsheng::text {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as wide as the header

  // The position of the named column, or -1.
  int Column(std::string_view name) const;
};

// Parses `data` (UTF-8; a leading byte-order mark is skipped; line ends LF or CRLF). Blank lines are skipped.
// Fails (kInvalid) on a quote left open or a row wider or narrower than the header, naming the line.
Result<CsvTable> ParseCsv(std::string_view data);

}  // namespace minsheng::text
