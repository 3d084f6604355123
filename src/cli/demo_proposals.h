// The demo's proposals (issue 11, docs/demo.md): the district deputy's suggestions, proposal, motion and
// opinion report at different steps, with A, B and C answers and one B answer due for its follow-up (回头看).
#pragma once

#include <map>
#include <string>

#include "app/actor.h"
#include "cli/demo_fixture.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

// Through the use cases, on a clock that walks from months before `now` to `now`. Uses only the units
// housing, water and environment and the deputy `deputy`, so that tests can count other units' and deputies'
// figures exactly. The B proposal takes up the first escalated appeal (if the stories left one), whose
// resident then sees its answer on the tracking page.
Status LoadDemoProposals(store::Database& db, const LoadedFixture& fixture,
                         const std::map<std::string, app::Actor, std::less<>>& actors, Timestamp now);

}  // namespace minsheng::cli
