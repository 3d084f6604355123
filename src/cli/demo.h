// `minsheng demo`: loads a believable district into an empty database (docs/demo.md): the reference
// fixture, then appeals over the six months before `now`, each driven through the real use cases.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

struct DemoOptions {
  int appeals = 2000;             // how many appeals to register (merged duplicates included)
  std::uint64_t seed = 20261122;  // same seed, same appeals, texts and timelines
  Timestamp now = 0;              // the end of the period, nothing happens after it; 0 = the system clock
  int threads = 16;               // concurrent appeal stories (their commits are grouped)
  // Issue 13, bulk load: appeals beyond kDemoStoryAppeals are generated whole over the three years before `now`
  // and written in bulk (demo_bulk.h), their texts from this folder of message CSVs (empty or missing: the
  // demo's templates); `progress` shows the bulk load on stderr.
  std::string texts_dir;
  bool progress = false;
};

// The most appeals the demo tells as stories through the use cases; the rest are bulk-loaded.
inline constexpr int kDemoStoryAppeals = 2000;

// What RunDemo loaded.
struct DemoSummary {
  int appeals = 0;
  std::map<std::string, int> by_state;  // state name -> appeals
  int notices = 0;                      // supervision notices issued by the final deadline sweep
  double seconds = 0;                   // wall time
};

// Migrates the schema, loads the fixture and the appeals, then sweeps deadlines at `now`.
// Refuses with kConflict "not_empty" if the database already has users or appeals.
Result<DemoSummary> LoadDemo(store::Database& db, const DemoOptions& options);

// LoadDemo, then prints a one-line summary (appeals per state) to stdout.
Status RunDemo(store::Database& db, const DemoOptions& options);

// "2000 appeals in 12.3 s: received 12, dispatched 20, …".
std::string FormatDemoSummary(const DemoSummary& summary);

}  // namespace minsheng::cli
