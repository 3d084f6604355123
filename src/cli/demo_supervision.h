// The demo's manual supervision (issue 12): the supervisor's notices (督办单) on a few open appeals in every
// state — issued and waiting, issued and overdue, answered, closed after an on-site inspection, escalated to
// the leader — and a follow-up inspection. The yellow and red warnings come from the demo's deadline sweep.
#pragma once

#include <map>
#include <string>

#include "app/actor.h"
#include "cli/demo_fixture.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

// Deterministic, relative to `now`, through the use cases on their own clock, on the open dispatched appeals
// with the lowest ids (as many as there are, up to five). Adds no appeal.
Status LoadDemoSupervision(store::Database& db, const LoadedFixture& fixture,
                           const std::map<std::string, app::Actor, std::less<>>& actors, Timestamp now);

}  // namespace minsheng::cli
