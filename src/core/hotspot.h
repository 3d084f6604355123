// Hot-spot warnings (热点预警, DESIGN.md §4): a cell (a category in a street or community) whose count of
// appeals in a week rises beyond its usual level. Pure: the caller supplies the weekly counts.
#pragma once

#include <cstdint>
#include <span>

namespace minsheng {

struct HotspotRule {
  int weeks = 12;              // the usual level is taken over this many weeks before the one scored
  std::int64_t min_count = 5;  // fewer appeals than this in the week is never a warning (1 → 3 is noise)
  double threshold = 3.5;      // the score from which a cell is a hot spot
};

struct HotspotScore {
  double baseline = 0;  // the median of the earlier weeks
  double mad = 0;       // their median absolute deviation from it
  double score = 0;     // how far above its usual level the week lies, in robust standard deviations
  bool warning = false;
};

// The week's `count` against the `history` of earlier weeks (any order; weeks without appeals count as 0):
// score = (count − median) / max(1.4826 × MAD, √max(median, 1)). The floor keeps a cell whose earlier weeks were
// all alike (MAD 0) from scoring without bound on its first change: it is the spread a count of that size has by
// chance alone (Poisson). A warning needs count ≥ rule.min_count and score ≥ rule.threshold.
HotspotScore ScoreWeek(std::int64_t count, std::span<const std::int64_t> history, const HotspotRule& rule = {});

}  // namespace minsheng
