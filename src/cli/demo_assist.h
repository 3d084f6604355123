// The demo's part of issue 12: assisting units' opinions and replies reviewed by the unit head. Switches
// review on for 民政局 (civil) and 市场监管局 (market) only, then adds a few appeals relative to `now`:
// assisting opinions given, missing and overdue (the sweep notices the late unit), and replies waiting for
// head-civil and head-market (one of them sent back once).
#pragma once

#include <map>
#include <string>

#include "app/actor.h"
#include "app/calendar_cache.h"
#include "cli/demo_fixture.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

// The appeals the stories add, of the demo's total (the main stories make that many fewer), and the total
// from which they are told.
inline constexpr int kDemoAssistAppeals = 4;
inline constexpr int kDemoAssistMinimum = 100;

// After the main stories (their replies by civil and market were released before review was switched on) and
// before the demo's deadline sweep, which notices the late opinion. `stories`: add the appeals (else only
// the setting). Deterministic: fixed texts, times a few days before `now`.
Status LoadDemoAssist(store::Database& db, const app::CalendarCache& calendar, const LoadedFixture& fixture,
                      const std::map<std::string, app::Actor, std::less<>>& actors, Timestamp now, bool stories);

}  // namespace minsheng::cli
