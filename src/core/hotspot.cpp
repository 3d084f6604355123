#include "core/hotspot.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace minsheng {
namespace {

// The scale that makes a MAD estimate the standard deviation of normally distributed counts.
constexpr double kMadToSigma = 1.4826;

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + mid, v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  const double lower = *std::max_element(v.begin(), v.begin() + mid);
  return (lower + upper) / 2;
}

}  // namespace

HotspotScore ScoreWeek(std::int64_t count, std::span<const std::int64_t> history, const HotspotRule& rule) {
  std::vector<double> values(history.begin(), history.end());
  HotspotScore out;
  out.baseline = Median(values);
  for (double& v : values) v = std::abs(v - out.baseline);
  out.mad = Median(std::move(values));
  const double scale = std::max(kMadToSigma * out.mad, std::sqrt(std::max(out.baseline, 1.0)));
  out.score = (static_cast<double>(count) - out.baseline) / scale;
  out.warning = count >= rule.min_count && out.score >= rule.threshold;
  return out;
}

}  // namespace minsheng
