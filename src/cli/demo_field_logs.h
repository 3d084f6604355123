// The demo's field logs (民情日志) and reception schedule (接访日程): receptions and visits by deputies,
// leaders and registrars on communities and grids over the last month, some of them the source of appeals
// the stories registered through the deputy and visit channels; slots already held (visitors received),
// slots within the next three days (published earlier) and later ones, with residents' bookings.
#pragma once

#include <cstdint>

#include "app/calendar_cache.h"
#include "cli/demo_fixture.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

// Deterministic for a seed, relative to `now`. Adds no appeal: raised logs link to appeals already there.
Status LoadDemoFieldLogs(store::Database& db, const LoadedFixture& fixture, const app::CalendarCache& calendar,
                         Timestamp now, std::uint64_t seed);

}  // namespace minsheng::cli
