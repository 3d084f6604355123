// Reading the query of /metrics, /rankings, the dashboard's export and /public/metrics: the period
// (from, to), region_id, group_by and then_by, the ranking kind and its weights.
#pragma once

#include <utility>

#include "api/http_types.h"
#include "app/metrics_service.h"
#include "core/clock.h"
#include "core/metrics.h"

namespace minsheng::api {

// group_by (default department) and then_by (optional, different from group_by); the public may not
// group by deputy (400 invalid_group_by naming the field and the groupings it may use).
Result<app::MetricsRequest> ReadMetricsRequest(const Request& req, const Clock& clock, bool for_public);

// kind=department (default) or street (GroupBy::kRegion).
Result<GroupBy> ReadRankingKind(const Request& req);

// weights=response:0.3,… (default: the README's weights).
Result<RankingWeights> ReadRankingWeights(const Request& req);

}  // namespace minsheng::api
