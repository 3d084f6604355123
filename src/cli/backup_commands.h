// Issue 13: `minsheng backup` and `minsheng restore` (store/backup.h), with progress on stderr.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/error.h"
#include "store/copy.h"

namespace minsheng::cli {

// `minsheng backup --db URL --to FILE [--pages-per-step N]`: prints the manifest's tables and one line
// saying what was backed up, where, and how long it took.
Status RunBackup(const std::vector<std::string>& args);

// `minsheng restore --db URL --from FILE`: restores, verifies against the manifest, prints the tables,
// one line saying what was restored and how long copying and verifying took, then "verified".
Status RunRestore(const std::vector<std::string>& args);

// The table of rows, checksums and seconds that copy, backup and restore print, with a total line.
void PrintTableReport(std::ostream& out, const std::vector<store::TableReport>& tables, double seconds);

}  // namespace minsheng::cli
