#include "store/hotspot_repository.h"

#include <string>

#include "core/rollup.h"
#include "store/rollup_repository.h"
#include "store/row_mapping.h"

namespace minsheng::store {

Result<std::vector<WeeklyCount>> ListWeeklyCounts(Tx& tx, std::int32_t first_week, std::int32_t last_week,
                                                  bool by_region, OptId street_id) {
  const std::string region = by_region ? "x.region_id" : "0";
  // Not `region`: a constant in GROUP BY names a column by its position.
  const std::string group_region = by_region ? ", x.region_id" : "";
  const std::string street = street_id ? " AND x.street_id = ?" : "";
  auto read = [](const Row& row) {
    ColumnReader c(row);
    return WeeklyCount{.week = static_cast<std::int32_t>(c.Int()),
                       .street_id = c.Int(),
                       .region_id = c.Int(),
                       .category_id = c.Int(),
                       .total = c.Int()};
  };
  // The stored weeks, from the sums over channels and deputies: per street (kAllRegions) or per region.
  Params params{std::string(RollupSpanName(RollupSpan::kWeek)),
                std::int64_t{first_week},
                std::int64_t{last_week},
                std::string(kAllChannels),
                kAllDeputies,
                kAllRegions};
  if (street_id) params.push_back(*street_id);
  MS_ASSIGN(stored,
            tx.Query("SELECT x.first_day, x.street_id, " + region +
                         ", x.category_id, CAST(SUM(x.total) AS BIGINT) "
                         "FROM appeal_rollups x WHERE x.span = ? AND x.first_day BETWEEN ? AND ? AND x.channel = ? "
                         "AND x.deputy_id = ? AND x.region_id " +
                         (by_region ? "<>" : "=") + " ?" + street + " GROUP BY x.first_day, x.street_id" +
                         group_region + ", x.category_id HAVING SUM(x.total) <> 0",
                     params));
  MS_ASSIGN(out, MapRows(stored, read));
  // The changes not folded yet, each on its day: a few seconds' worth.
  Params delta_params{std::int64_t{first_week}, std::int64_t{last_week} + 7};
  if (street_id) delta_params.push_back(*street_id);
  MS_ASSIGN(pending, tx.Query("SELECT x.day, x.street_id, " + region +
                                  ", x.category_id, CAST(SUM(x.total) AS BIGINT) "
                                  "FROM appeal_rollup_deltas x WHERE x.day >= ? AND x.day < ?" +
                                  street + " GROUP BY x.day, x.street_id" + group_region +
                                  ", x.category_id HAVING SUM(x.total) <> 0",
                              delta_params));
  MS_ASSIGN(unfolded, MapRows(pending, read));
  for (WeeklyCount w : unfolded) {
    w.week = WeekStart(w.week);
    out.push_back(w);
  }
  return out;
}

}  // namespace minsheng::store
