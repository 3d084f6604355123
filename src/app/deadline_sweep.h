// The deadline sweep: issues supervision notices for overdue appeals and hands cases past their second
// deadline to a leader. Idempotent: a notice is issued at most once per (appeal, kind, deadline).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/clock.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::app {

struct SweepReport {
  int notices_issued = 0;
  int escalated = 0;
  int shifts_decided = 0;  // duty shifts whose attendance the sweep decided (app/studio_service.h)
  int wall_notices_issued = 0;  // issue 12: notices for overdue message-wall posts (app/wall_service.h)
  int warnings_issued = 0;  // issue 12: yellow and red warnings to workbenches (app/supervision_service.h)
};

// Runs one sweep at clock.Now() over every open appeal past a deadline, then decides the attendance of
// duty shifts that have ended (SweepDutyShifts) and issues the notices of overdue message-wall posts
// (SweepWallPosts).
Result<SweepReport> SweepDeadlines(store::Database& db, const Clock& clock);

// One tick of the periodic sweep on one of several servers: runs SweepDeadlines only if this
// server (`holder`) claims the tick, i.e. no server has swept within `period_seconds`. Returns
// nullopt when another server had the tick.
Result<std::optional<SweepReport>> SweepTick(store::Database& db, const Clock& clock, std::int64_t period_seconds,
                                             std::string_view holder);

// The leader an escalation of `appeal` goes to: its case owner if it has one, else the leader responsible
// for its street (app/case_owner.h LeaderForAppeal). For a supervisor's escalation (app/supervision_service.cpp).
Result<store::OptId> EscalationLeader(store::Tx& tx, const store::AppealRecord& appeal);

}  // namespace minsheng::app
