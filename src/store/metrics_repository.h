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
  std::optional<GroupBy> then_by;  // a second grouping inside each group
  Timestamp from = 0;  // appeals registered in [from, to)
  Timestamp to = 0;
  Timestamp now = 0;   // for "deadline passed" and backlog age
  OptId region_id;     // only appeals in this region's subtree
};

struct GroupCounts {
  // The group's id as text (department, street, category, deputy), the channel, or for week and month
  // the local day of registration as days since 1970-01-01; "" = none.
  std::string key;
  std::string sub_key;  // the same for then_by; "" without it
  MetricCounts counts;
};

// One entry per group (and then_by group) with at least one appeal; regions group by street.
Result<std::vector<GroupCounts>> SumMetricCounts(Tx& tx, const MetricsQuery& query);

}  // namespace minsheng::store
