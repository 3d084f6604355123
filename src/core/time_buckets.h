// The weeks (Monday to Sunday) and months that trend charts group by, as stable text keys.
#pragma once

#include <chrono>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/metrics.h"

namespace minsheng {

// The bucket that contains `day`: the Monday "2026-11-16" for kWeek, "2026-11" for kMonth.
// Only for time groupings (IsTimeGroup).
std::string TimeBucketKey(GroupBy group_by, std::chrono::sys_days day);

// The first and last day of the bucket `key` (a key TimeBucketKey made); nullopt for anything else.
std::optional<std::pair<std::chrono::sys_days, std::chrono::sys_days>> TimeBucketDays(GroupBy group_by,
                                                                                      const std::string& key);

// Every bucket that overlaps [first, last], in order. Fails with invalid_value on field "from" when
// there would be more than max_buckets.
Result<std::vector<std::string>> TimeBucketsBetween(GroupBy group_by, std::chrono::sys_days first,
                                                    std::chrono::sys_days last, std::size_t max_buckets);

// How people read a bucket key: "2026年11月", "11月16日—11月22日" (with the year when it is not that of
// the week's end: "2025年12月29日—2026年1月4日").
std::string TimeBucketName(GroupBy group_by, const std::string& key);

}  // namespace minsheng
