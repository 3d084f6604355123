// The weekly counts behind the hot-spot warnings (core/hotspot.h): appeals registered per week, street or region
// below it, and category, from the stored week periods (store/rollup_repository.h) and the deltas not yet folded.
#pragma once

#include <cstdint>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct WeeklyCount {
  std::int32_t week = 0;  // the Monday, days since 1970-01-01
  Id street_id = 0;
  Id region_id = 0;  // the region as registered (a community or a grid); 0 when counted per street
  Id category_id = 0;
  std::int64_t total = 0;
};

// The weeks whose Monday lies in [first_week, last_week], per street and category, or with `by_region` per
// region below the street and category; only street `street_id` when given. A cell may come in several entries
// (stored, and not yet folded): add them up.
Result<std::vector<WeeklyCount>> ListWeeklyCounts(Tx& tx, std::int32_t first_week, std::int32_t last_week,
                                                  bool by_region, OptId street_id);

}  // namespace minsheng::store
