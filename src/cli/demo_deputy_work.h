// The demo's grid people, leaders' contact points and deputies' recorded activities (docs/demo.md).
#pragma once

#include "cli/demo_fixture.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

// Puts the street's registrar on every grid as its grid worker and the street's deputy on every other
// grid, logs the grid workers' rounds of the last six weeks (field logs of kind visit), links each demo leader to two or three residential areas, and records this year's meetings,
// investigations and the like of the demo deputies (some of the five ones left missing).
Status LoadDemoDeputyWork(store::Database& db, const LoadedFixture& fixture, Timestamp now);

}  // namespace minsheng::cli
