// The numbers everybody sees (DESIGN.md §3): rates per group over a period, and rankings.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/slots.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::app {

struct MetricsRequest {
  GroupBy group_by = GroupBy::kDepartment;
  std::optional<GroupBy> then_by;  // each group split again, e.g. streets by category or departments by month
  Timestamp from = 0;  // appeals registered in [from, to)
  Timestamp to = 0;
  store::OptId region_id;
};

struct MetricGroup {
  // The department/street/category/deputy id, the channel, the week's Monday "2026-11-16" or the
  // month "2026-11"; "" for none.
  std::string id;
  std::string name;  // for people: "区住房和城乡建设局", "热线", "未派单", "2026年11月"
  MetricCounts counts;
  Rates rates;
  std::vector<MetricGroup> subgroups;  // by then_by, when asked
};

struct MetricsReport {
  std::vector<MetricGroup> groups;
  MetricGroup total;
};

struct RankingEntry {
  int rank = 0;
  std::optional<double> score;
  MetricGroup group;
};

// Everything the dashboard shows and exports, read in one transaction: the period by `group_by`,
// the ranking of departments or streets, the monthly trend and the street × category table.
struct DashboardRequest {
  Timestamp from = 0;
  Timestamp to = 0;
  store::OptId region_id;
  GroupBy group_by = GroupBy::kDepartment;
  GroupBy ranking_by = GroupBy::kDepartment;  // kDepartment or kRegion (streets)
  RankingWeights weights;
};

struct DashboardReport {
  MetricsReport groups;
  std::vector<RankingEntry> ranking;
  MetricsReport trend;                // by month
  MetricsReport streets_by_category;  // group_by region, then_by category
};

// The most groups and subgroups one report may list: beyond it a query is refused (400 too_many_groups,
// field then_by or group_by), so that no caller can make the server build an answer of absurd size.
inline constexpr std::size_t kMaxReportCells = 2000;

// The numbers as staff and the public read them. Staff: the dashboard's roles (core/access.h), and
// a caller whose scope is a street or below sees only appeals of their region (a region_id outside it is
// kForbidden; none means theirs). The public: every group but deputies, at most a few computed at once
// (kUnavailable "busy" beyond, with a retry time); api/public_metrics_gate.h keeps whole answers a short while.
class MetricsService {
 public:
  MetricsService(store::Database& db, const Clock& clock);

  // Groups with at least one appeal; for weeks and months every one of the period, empty ones too; with
  // then_by, each group's subgroups (a period's subgroups are the then_by periods that overlap it).
  Result<MetricsReport> Compute(const Actor& actor, MetricsRequest request);
  // Departments (group_by department) or streets (group_by region) ordered by Score(), best first;
  // groups without any rate come last. Groups without an id (not dispatched) are left out.
  Result<std::vector<RankingEntry>> Rank(const Actor& actor, MetricsRequest request, const RankingWeights& weights);
  Result<DashboardReport> Dashboard(const Actor& actor, DashboardRequest request);
  // The published numbers (no login): the same report, never grouped by deputy.
  Result<std::shared_ptr<const MetricsReport>> Public(const MetricsRequest& request);

 private:
  store::Database& db_;
  const Clock& clock_;
  Slots public_slots_;
};

// kForbidden unless the actor is staff of a role that may view the dashboard (core/access.h).
Status CheckDashboardAccess(const Actor& actor);

// Issue 12, bulletins: the report of one request read inside the caller's transaction, with no access check
// and no cache (app/bulletin_service.h freezes these figures when it publishes), and the ranking of its groups.
Result<MetricsReport> SumMetrics(store::Tx& tx, Timestamp now, const MetricsRequest& request);
std::vector<RankingEntry> RankMetricGroups(std::vector<MetricGroup> groups, const RankingWeights& weights);

}  // namespace minsheng::app
