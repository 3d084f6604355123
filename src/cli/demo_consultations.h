// The demo's consultations (协商议事, issue 11): one or more at each step of core/consultation.h, over both
// streets — collecting and deciding ones holding the streets' appeals triaged "deliberate" (which stay in
// state deliberating), one researching, a meeting arranged, an outcome in its notice period with residents'
// comments, one being tracked, one done, one refused (discriminatory) and an analysis meeting.
#pragma once

#include "app/calendar_cache.h"
#include "cli/demo_fixture.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

// Deterministic, relative to `now`. Adds no appeal: links some of the deliberating ones already there.
Status LoadDemoConsultations(store::Database& db, const LoadedFixture& fixture, const app::CalendarCache& calendar,
                             Timestamp now);

}  // namespace minsheng::cli
