// Sums the counters behind the rates (core/metrics.h) per group, straight from the appeals table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/metrics.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct MetricsQuery {
  GroupBy group_by = GroupBy::kDepartment;
  Timestamp from = 0;  // appeals registered in [from, to)
  Timestamp to = 0;
  Timestamp now = 0;   // for "deadline passed" and backlog age
  OptId region_id;     // only appeals in this region's subtree
};

struct GroupCounts {
  std::string key;  // the group's id as text (department, street, category, deputy) or the channel; "" = none
  MetricCounts counts;
};

// One entry per group with at least one appeal; regions group by street.
Result<std::vector<GroupCounts>> SumMetricCounts(Tx& tx, const MetricsQuery& query);

}  // namespace minsheng::store
