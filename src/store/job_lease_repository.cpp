#include "store/job_lease_repository.h"

namespace minsheng::store {

Result<bool> ClaimJobTick(Tx& tx, std::string_view job, std::int64_t now, std::int64_t period_seconds,
                          std::string_view holder) {
  MS_ASSIGN(changed, tx.Execute("UPDATE job_leases SET ran_at = ?, ran_by = ? "
                                "WHERE name = ? AND (ran_at <= ? OR ran_at > ?)",
                                {now, std::string(holder), std::string(job), now - period_seconds, now}));
  return changed == 1;
}

Result<JobLease> FindJobLease(Tx& tx, std::string_view job) {
  MS_ASSIGN(row, tx.QueryOne("SELECT ran_at, ran_by FROM job_leases WHERE name = ?", {std::string(job)}));
  if (!row) return Fail(Error::NotFound("没有这个定时任务：" + std::string(job)));
  return JobLease{row->Int(0), row->Text(1)};
}

}  // namespace minsheng::store
