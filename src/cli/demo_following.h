// The demo's part of following a case (issue 10): deputies' contacts, opinions, an assistant, and a few
// explain-route appeals with a named deputy, on the appeals the demo's stories left, relative to `now`.
#pragma once

#include <map>
#include <string>

#include "app/actor.h"
#include "app/calendar_cache.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

// After the stories: registrar-s01 assists deputy-s01; appeals with a deputy that wait for their unit get
// the deputy's contact (three of them then replied by their unit: contacts before the reply), replied
// appeals without one stay "relayed only"; up to three appeals waiting for triage (received,
// returned, reopened, deliberating; each state keeps one) are routed to explain naming their street's deputy — two explained in person (one then called back and closed), one not yet.
// Deterministic: picks by id order, times between each appeal's last event and `now`.
Status LoadDemoFollowing(store::Database& db, const app::CalendarCache& calendar,
                         const std::map<std::string, app::Actor, std::less<>>& actors, Timestamp now);

}  // namespace minsheng::cli
