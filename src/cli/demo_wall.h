// The demo's message wall (民情回音墙, issue 12): posts on both streets answered in time by the unit their category
// names or by the street office, two answered late, one published and waiting, one published and overdue (its
// supervision notice issued), one pending moderation and one hidden advertisement.
#pragma once

#include "app/calendar_cache.h"
#include "cli/demo_fixture.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

// Deterministic, relative to `now`, through the use cases on their own clock. Adds no appeal.
Status LoadDemoWall(store::Database& db, const LoadedFixture& fixture, const app::CalendarCache& calendar,
                    Timestamp now);

}  // namespace minsheng::cli
