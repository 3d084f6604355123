// The numbers everybody sees (DESIGN.md §3): rates per group over a period, and rankings.
#pragma once

#include <optional>
#include <string>
#include <vector>

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

// Groups with at least one appeal; for weeks and months every one of the period, empty ones too.
Result<MetricsReport> ComputeMetrics(store::Database& db, const Clock& clock, const MetricsRequest& request);

struct RankingEntry {
  int rank = 0;
  std::optional<double> score;
  MetricGroup group;
};

// Departments (group_by department) or streets (group_by region) ordered by Score(), best first;
// groups without any rate come last. Groups without an id (not dispatched) are left out.
Result<std::vector<RankingEntry>> Rank(store::Database& db, const Clock& clock, const MetricsRequest& request,
                                       const RankingWeights& weights);

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

Result<DashboardReport> ComputeDashboard(store::Database& db, const Clock& clock, const DashboardRequest& request);

}  // namespace minsheng::app
