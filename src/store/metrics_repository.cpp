#include "store/metrics_repository.h"

#include <map>

#include "core/calendar.h"
#include "core/dissatisfaction.h"
#include "core/rollup.h"
#include "store/due_sql.h"
#include "store/reference_repository.h"
#include "store/rollup_repository.h"
#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

std::int64_t DayOf(Timestamp t) { return LocalDayNumber(t); }

// The group's key over appeal_rollups or appeal_rollup_deltas aliased `x`, whose registration day (or first day of
// the stored period) is `day`: the same text as GroupKey gives for the appeals themselves.
std::string CountedKey(GroupBy g, const std::string& day) {
  switch (g) {
    case GroupBy::kWeek:
    case GroupBy::kMonth:
      return day;
    case GroupBy::kDepartment:
      return "NULLIF(x.lead_unit_id, 0)";
    case GroupBy::kRegion:
      return "NULLIF(x.street_id, 0)";
    case GroupBy::kCategory:
      return "x.category_id";
    case GroupBy::kChannel:
      return "x.channel";
    case GroupBy::kDeputy:
      return "NULLIF(x.deputy_id, 0)";
  }
  return "NULLIF(x.lead_unit_id, 0)";
}

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

Result<std::vector<GroupCounts>> RecountMetricCounts(Tx& tx, const MetricsQuery& q) {
  // The conditions below are the definitions of MetricCounts in core/metrics.h, one SUM each.
  const std::string open = "a.status NOT IN ('closed', 'merged', 'rejected')";
  std::string sql =
      "SELECT CAST(" + GroupKey(q.group_by) + " AS TEXT), " +
      (q.then_by ? "CAST(" + GroupKey(*q.then_by) + " AS TEXT)" : std::string("''")) +
      ", COUNT(*), "
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
      "SUM(CASE WHEN " +
      open +
      " THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN " +
      open + " THEN ? - (a.created_at + " + std::to_string(kLocalUtcOffsetSeconds) + ") / " +
      std::to_string(kSecondsPerDay) +
      " ELSE 0 END), "
      "SUM(CASE WHEN (" +
      CurrentDueSql() +
      ") < ? THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN EXISTS (SELECT 1 FROM appeal_repeats ar WHERE ar.appeal_id = a.id) THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN EXISTS (SELECT 1 FROM supervision_notices sn WHERE sn.appeal_id = a.id) THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN EXISTS (SELECT 1 FROM manual_supervision_notices ms WHERE ms.appeal_id = a.id) "
      "THEN 1 ELSE 0 END)" +
      CausesSums() + " FROM appeals a JOIN regions r ON r.id = a.region_id " + CausesJoin() +
      " WHERE a.created_at >= ? AND a.created_at < ?";
  Params params{q.now, DayOf(q.now), q.now, q.from, q.to};
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

namespace {

// "SELECT key, sub_key" over `from` (aliased x or a) with the region filter, for the GroupKey functions `key`.
template <typename KeyOf>
std::string SelectKeys(const MetricsQuery& q, KeyOf key) {
  return "SELECT CAST(" + key(q.group_by) + " AS TEXT), " +
         (q.then_by ? "CAST(" + key(*q.then_by) + " AS TEXT)" : std::string("''"));
}

std::string RegionJoin(const MetricsQuery& q, const std::string& alias, Params& params) {
  if (!q.region_id) return "";
  params.push_back(*q.region_id);
  return " JOIN regions r ON r.id = " + alias +
         ".region_id AND r.path LIKE (SELECT path FROM regions WHERE id = ?) || '%'";
}

std::string GroupByClause(const MetricsQuery& q) { return q.then_by ? " GROUP BY 1, 2" : " GROUP BY 1"; }

// Rows of (key, sub_key, tally columns) into `out`, converted on day `today`.
void AddTallyRows(const std::vector<Row>& rows, std::int32_t today, std::vector<GroupCounts>& out) {
  for (const auto& r : rows) {
    Tally t;
    for (std::size_t i = 0; i < kTallyColumns; ++i) t.n[i] = r.Int(2 + i);
    out.push_back({r.Text(0), r.Text(1), CountsOf(t, today)});
  }
}

std::string TallySums() {
  std::string sql;
  for (std::size_t i = 0; i < kTallyColumns; ++i)
    sql += ", CAST(SUM(x." + std::string(TallyColumnName(i)) + ") AS BIGINT)";
  return sql;
}

// Which of the stored sums (rollup_repository.h kAllDeputies, kAllRegions) a report reads, as a join (its
// parameters appended to `params`) and a condition on appeal_rollups aliased x: the fewest rows that still tell
// apart the report's groups and its region.
struct Grain {
  std::string join;
  std::string condition;
};
Result<Grain> RollupGrain(Tx& tx, const MetricsQuery& q, Params& params) {
  auto by_channel_or_deputy = [](std::optional<GroupBy> g) { return g == GroupBy::kChannel || g == GroupBy::kDeputy; };
  if (by_channel_or_deputy(q.group_by) || by_channel_or_deputy(q.then_by))
    return Grain{RegionJoin(q, "x", params), " AND x.deputy_id <> " + std::to_string(kAllDeputies)};
  const std::string streets =
      " AND x.deputy_id = " + std::to_string(kAllDeputies) + " AND x.region_id = " + std::to_string(kAllRegions);
  if (!q.region_id) return Grain{"", streets};
  MS_ASSIGN(region, FindRegion(tx, *q.region_id));
  if (region && region->level == "street")
    return Grain{"", streets + " AND x.street_id = " + std::to_string(region->id)};
  return Grain{RegionJoin(q, "x", params), " AND x.deputy_id = " + std::to_string(kAllDeputies) +
                                               " AND x.region_id <> " + std::to_string(kAllRegions)};
}

}  // namespace

Result<std::vector<GroupCounts>> SumMetricCounts(Tx& tx, const MetricsQuery& q) {
  const std::int64_t from_day = DayOf(q.from), to_day = DayOf(q.to);
  // Only whole local days can be read from the stored periods.
  if (q.from != LocalDayStart(LocalDay(q.from)) || q.to != LocalDayStart(LocalDay(q.to)) || to_day <= from_day)
    return RecountMetricCounts(tx, q);
  const auto today = static_cast<std::int32_t>(DayOf(q.now));
  std::vector<GroupCounts> out;

  // 1. The stored periods that cover the days.
  std::map<RollupSpan, std::vector<std::int64_t>> first_days;
  for (const auto& p :
       CoverDays(static_cast<std::int32_t>(from_day), static_cast<std::int32_t>(to_day), q.group_by, q.then_by))
    first_days[p.span].push_back(p.first_day);
  {
    Params params;
    MS_ASSIGN(grain, RollupGrain(tx, q, params));
    std::string periods;
    for (const auto& [span, days] : first_days) {
      params.push_back(std::string(RollupSpanName(span)));
      periods +=
          std::string(periods.empty() ? "" : " OR ") + "(x.span = ? AND x.first_day IN " + InList(days, params) + ")";
    }
    auto key = [](GroupBy g) { return CountedKey(g, "x.first_day"); };
    MS_ASSIGN(rows, tx.Query(SelectKeys(q, key) + TallySums() + " FROM appeal_rollups x" + grain.join + " WHERE (" +
                                 periods + ")" + grain.condition + GroupByClause(q),
                             params));
    AddTallyRows(rows, today, out);
  }
  // 2. The changes not folded into them yet.
  {
    Params params;
    const std::string join = RegionJoin(q, "x", params);
    params.push_back(from_day);
    params.push_back(to_day);
    auto key = [](GroupBy g) { return CountedKey(g, "x.day"); };
    MS_ASSIGN(rows, tx.Query(SelectKeys(q, key) + TallySums() + " FROM appeal_rollup_deltas x" + join +
                                 " WHERE x.day >= ? AND x.day < ?" + GroupByClause(q),
                             params));
    AddTallyRows(rows, today, out);
  }
  // 3. What the clock decides, from the few appeals it concerns (indexed): past the deadline that matters now,
  // and dispatched but not yet contacted past the first-contact deadline.
  auto key = [](GroupBy g) { return GroupKey(g); };
  for (bool overdue : {true, false}) {
    Params params;
    const std::string join = RegionJoin(q, "a", params);
    params.push_back(q.now);
    params.push_back(q.from);
    params.push_back(q.to);
    const std::string condition = overdue ? "a.current_due < ?"
                                          : "a.first_contact_at IS NULL AND a.dispatched_at IS NOT NULL AND "
                                            "a.contact_due < ?";
    // "+a.created_at": not through appeals_created (a year is millions of rows), but through the partial index of
    // the condition, which holds every column read here (migration 0025).
    MS_ASSIGN(rows, tx.Query(SelectKeys(q, key) + ", COUNT(*) FROM appeals a" + join + " WHERE " + condition +
                                 " AND +a.created_at >= ? AND +a.created_at < ?" + GroupByClause(q),
                             params));
    for (const auto& r : rows) {
      GroupCounts g{r.Text(0), r.Text(1), {}};
      (overdue ? g.counts.overdue : g.counts.response_due) = r.Int(2);
      out.push_back(std::move(g));
    }
  }
  return out;
}

}  // namespace minsheng::store
