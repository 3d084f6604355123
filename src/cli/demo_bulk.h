// Issue 13: the demo's appeals beyond its stories, generated as whole histories and written in bulk
// (store/bulk_appeals.h) instead of through the use cases one step at a time: registration, triage, dispatch,
// acceptance, contact, extensions, replies, callbacks (with their causes), a second round after a dissatisfied
// callback, and the sweep's notices for late replies, over the three years before `now`. Deterministic from the
// seed. Texts come from the real messages of /work/shared/data/messages (README there) when that folder is found,
// else from the demo's own templates (demo_texts.h).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cli/demo_fixture.h"
#include "core/calendar.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

// Titles, contents and replies of real messages (place names masked by their publisher).
struct DemoMessages {
  std::vector<std::string> titles, contents, replies;
  bool empty() const { return titles.empty() || contents.empty(); }
};

// Parses RFC 4180 CSV (quoted fields may hold commas, quotes "" and line breaks); rows of fields.
std::vector<std::vector<std::string>> ParseCsv(std::string_view text);
// Reads the columns 留言主题, 留言详情 and 答复意见 of every CSV file in `dir` that has them; empty when the folder
// is missing or has none.
DemoMessages LoadDemoMessages(const std::string& dir);

// What staff write down of a call, a visit or a letter: the message's first whole sentences within `max_bytes`
// of UTF-8, or its first characters and "…" when no sentence ends early enough. The bulk demo keeps web and
// wall messages whole, as residents typed them, and summarises the others (and their replies) this way.
std::string MessageSummary(const std::string& text, std::size_t max_bytes);

struct BulkDemoOptions {
  int appeals = 0;  // how many to generate
  std::uint64_t seed = 20261122;
  Timestamp now = 0;                       // nothing happens after it
  int years = 3;                           // registered over this many years before now
  int batch = 20000;                       // appeals a transaction
  const DemoMessages* messages = nullptr;  // null or empty: the demo's templates
  // Called with ("appeals", appeals written, appeals) after each batch, then with ("indexes", built, indexes)
  // while the indexes dropped for the load are built again (store/bulk_indexes.h).
  std::function<void(std::string_view phase, std::int64_t done, std::int64_t total)> progress;
};

// Generates options.appeals histories and writes them in batches; the fixture and calendar must be loaded.
Status LoadBulkDemoAppeals(store::Database& db, const LoadedFixture& fixture, const WorkCalendar& calendar,
                           const BulkDemoOptions& options);

}  // namespace minsheng::cli
