// Leases of periodic jobs (table job_leases): which server runs this tick of a job.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/database.h"

namespace minsheng::store {

// Claims the tick of `job` at `now` for `holder`: true (and ran_at = now) when the job last ran at
// or before `now - period_seconds`, or lies in the future (a clock moved back); false when another
// holder ran it within the period. Racing claimers in concurrent transactions: at most one wins.
Result<bool> ClaimJobTick(Tx& tx, std::string_view job, std::int64_t now, std::int64_t period_seconds,
                          std::string_view holder);

struct JobLease {
  std::int64_t ran_at = 0;
  std::string ran_by;
};
Result<JobLease> FindJobLease(Tx& tx, std::string_view job);

}  // namespace minsheng::store
