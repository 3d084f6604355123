// The demo's studios and duty rosters (docs/demo.md, "Studios and duty").
#pragma once

#include <cstdint>
#include <string>

#include "app/calendar_cache.h"
#include "cli/demo_fixture.h"
#include "core/clock.h"
#include "store/database.h"

namespace minsheng::cli {

// Adds four deputies (two per street, password hash `password_hash`), a studio in each street and one in a
// community, their members, a roster from six weeks before `now` to four weeks after, and attendance on
// the past shifts (on time, late, left early, came and left, absent), seeded by `seed`. Appeals a deputy
// registered during one of their attended shifts are tied to it.
Status LoadDemoStudios(store::Database& db, const app::CalendarCache& calendar, const LoadedFixture& fixture,
                       const std::string& password_hash, Timestamp now, std::uint64_t seed);

}  // namespace minsheng::cli
