#include "store/metrics_repository.h"

#include "core/calendar.h"
#include "core/dissatisfaction.h"
#include "store/due_sql.h"

namespace minsheng::store {
namespace {

std::string GroupKey(GroupBy g) {
  switch (g) {
    case GroupBy::kWeek:
    case GroupBy::kMonth:
      return "(a.created_at + " + std::to_string(kLocalUtcOffsetSeconds) + ") / " + std::to_string(kSecondsPerDay);
    case GroupBy::kDepartment: return "a.lead_unit_id";
    case GroupBy::kRegion: return "a.street_id";
    case GroupBy::kCategory: return "a.category_id";
    case GroupBy::kChannel: return "a.channel";
    case GroupBy::kDeputy: return "a.deputy_id";
  }
  return "a.lead_unit_id";
}

// The causes of dissatisfied callbacks per appeal, one column c0, c1 … per DissatisfactionCause in its order.
const std::string& CausesJoin() {
  static const std::string kJoin = [] {
    std::string sql = "LEFT JOIN (SELECT appeal_id";
    int i = 0;
    for (auto cause : AllCauses())
      sql += ", SUM(CASE WHEN cause = '" + std::string(CauseName(cause)) + "' THEN 1 ELSE 0 END) AS c" +
             std::to_string(i++);
    return sql + " FROM callback_causes GROUP BY appeal_id) cc ON cc.appeal_id = a.id";
  }();
  return kJoin;
}

std::string CausesSums() {
  std::string sql;
  for (std::size_t i = 0; i < kCauseCount; ++i)
    sql += ", CAST(SUM(COALESCE(cc.c" + std::to_string(i) + ", 0)) AS BIGINT)";
  return sql;
}

}  // namespace

Result<std::vector<GroupCounts>> SumMetricCounts(Tx& tx, const MetricsQuery& q) {
  // The conditions below are the definitions of MetricCounts in core/metrics.h, one SUM each.
  const std::string open = "a.status NOT IN ('closed', 'merged', 'rejected')";
  std::string sql =
      "SELECT CAST(" + GroupKey(q.group_by) + " AS TEXT), " +
      (q.then_by ? "CAST(" + GroupKey(*q.then_by) + " AS TEXT)" : std::string("''")) + ", COUNT(*), "
      "SUM(CASE WHEN a.dispatched_at IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN a.dispatched_at IS NOT NULL AND (a.first_contact_at IS NOT NULL OR a.contact_due < ?) "
      "THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN a.first_contact_on_time = 1 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN a.replied_at IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN a.status = 'closed' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN a.status = 'closed' AND a.closed_on_time = 1 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN a.callback_count > 0 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN a.callback_count > 0 AND a.last_resolved = 1 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN a.callback_count > 0 AND a.last_satisfaction IN ('satisfied', 'basically_satisfied') "
      "THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN a.reopen_count > 0 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN " + open + " THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN " + open + " THEN (? - a.created_at) / 86400 ELSE 0 END), "
      "SUM(CASE WHEN (" + CurrentDueSql() + ") < ? THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN EXISTS (SELECT 1 FROM appeal_repeats ar WHERE ar.appeal_id = a.id) THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN EXISTS (SELECT 1 FROM supervision_notices sn WHERE sn.appeal_id = a.id) THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN EXISTS (SELECT 1 FROM manual_supervision_notices ms WHERE ms.appeal_id = a.id) "
      "THEN 1 ELSE 0 END)" +
      CausesSums() + " FROM appeals a JOIN regions r ON r.id = a.region_id " + CausesJoin() +
      " WHERE a.created_at >= ? AND a.created_at < ?";
  Params params{q.now, q.now, q.now, q.from, q.to};
  if (q.region_id) {
    sql += " AND r.path LIKE (SELECT path FROM regions WHERE id = ?) || '%'";
    params.push_back(*q.region_id);
  }
  sql += q.then_by ? " GROUP BY 1, 2 ORDER BY 1, 2" : " GROUP BY 1 ORDER BY 1";
  MS_ASSIGN(rows, tx.Query(sql, params));
  std::vector<GroupCounts> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    GroupCounts g;
    g.key = r.Text(0);
    g.sub_key = r.Text(1);
    MetricCounts& c = g.counts;
    std::size_t i = 2;
    for (std::int64_t* field : {&c.total, &c.dispatched, &c.response_due, &c.responded_on_time, &c.replied,
                                &c.closed, &c.closed_on_time, &c.called_back, &c.resolved, &c.satisfied,
                                &c.reopened, &c.open, &c.open_age_days_sum, &c.overdue, &c.repeats,
                                &c.supervised, &c.manually_supervised})
      *field = r.Int(i++);
    for (auto& n : c.causes) n = r.Int(i++);
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace minsheng::store
