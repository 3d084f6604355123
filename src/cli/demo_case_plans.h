// The demo's case owner's plans (包案方案, issue 12): leader answers for 东湖街道 and leader-2 for 西岭镇, so
// escalations go to the street's leader; open cases the leaders own get plans with a few steps, some done,
// one revised, some overdue.
#pragma once

#include <map>
#include <string>

#include "app/actor.h"
#include "cli/demo_fixture.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

// Right after the fixture, before the stories and the demo's sweep escalate cases: leader → s01, leader-2 → s02.
Status LoadDemoLeaderStreets(store::Database& db, const LoadedFixture& fixture, Timestamp now);

// After everything that gives cases to leaders (dispatches, second dissatisfactions, the sweep): the first
// kDemoPlansPerLeader open cases of each leader (by id) get a plan written an hour after the appeal's last
// change (or at `now`), through the use cases on their own clock; later steps only before `now`. Adds no appeal and draws
// nothing from the stories' random sequence.
inline constexpr int kDemoPlansPerLeader = 3;
Status LoadDemoCasePlans(store::Database& db, const LoadedFixture& fixture,
                         const std::map<std::string, app::Actor, std::less<>>& actors, Timestamp now);

}  // namespace minsheng::cli
