// Sums the counters behind the rates (core/metrics.h) per group.
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

// The counts per group (and then_by group), from the stored per-period counts (store/rollup_repository.h) and,
// for what the clock decides (overdue, first contacts falling due), the few open appeals concerned. A group may
// come in several entries: add them up. Regions group by street.
Result<std::vector<GroupCounts>> SumMetricCounts(Tx& tx, const MetricsQuery& query);
// The same counts recounted from every appeal of the period (one entry per group): what the stored counts must
// equal, for tests and checks; also used for a period that does not start and end at local midnight.
Result<std::vector<GroupCounts>> RecountMetricCounts(Tx& tx, const MetricsQuery& query);

}  // namespace minsheng::store
