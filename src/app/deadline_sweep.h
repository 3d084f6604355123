// The deadline sweep: issues supervision notices for overdue appeals and hands cases past their second
// deadline to a leader. Idempotent: a notice is issued at most once per (appeal, kind, deadline).
#pragma once

#include "core/clock.h"
#include "store/database.h"

namespace minsheng::app {

struct SweepReport {
  int notices_issued = 0;
  int escalated = 0;
};

// Runs one sweep at clock.Now() over every open appeal past a deadline.
Result<SweepReport> SweepDeadlines(store::Database& db, const Clock& clock);

}  // namespace minsheng::app
