// The demo's bulletins (issue 12): the review of the last finished quarter and the bulletin of the last finished
// month, each published by `supervisor` on the 5th of the month after its period (or just before `now`).
#pragma once

#include "cli/demo_fixture.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

// Runs after every other story (the figures are those of the loaded appeals); adds no appeal. Two snapshots of
// a few grouped sums each: fast at any demo size.
Status LoadDemoBulletins(store::Database& db, const LoadedFixture& fixture, Timestamp now);

}  // namespace minsheng::cli
