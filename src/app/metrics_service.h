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
  Timestamp from = 0;  // appeals registered in [from, to)
  Timestamp to = 0;
  store::OptId region_id;
};

struct MetricGroup {
  std::string id;    // the department/street/category/deputy id, or the channel; "" for none
  std::string name;  // for people: "区住房和城乡建设局", "热线", "未派单"
  MetricCounts counts;
  Rates rates;
};

struct MetricsReport {
  std::vector<MetricGroup> groups;
  MetricGroup total;
};

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

}  // namespace minsheng::app
