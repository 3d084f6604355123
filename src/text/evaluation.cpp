#include "text/evaluation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

namespace minsheng::text {

Split StratifiedSplit(const std::vector<std::string>& labels, double fraction, std::uint64_t seed) {
  std::map<std::string, std::vector<size_t>> by_label;
  for (size_t i = 0; i < labels.size(); ++i) by_label[labels[i]].push_back(i);
  std::mt19937_64 rng(seed);  // the engine's output is fixed by the standard; std::shuffle's use of it is not
  Split split;
  for (auto& [label, rows] : by_label) {
    for (size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rng() % i]);
    size_t take = static_cast<size_t>(std::llround(fraction * static_cast<double>(rows.size())));
    if (take == 0 && rows.size() >= 2 && fraction > 0) take = 1;
    take = std::min(take, rows.size());
    split.test.insert(split.test.end(), rows.begin(), rows.begin() + static_cast<long>(take));
    split.train.insert(split.train.end(), rows.begin() + static_cast<long>(take), rows.end());
  }
  std::sort(split.train.begin(), split.train.end());
  std::sort(split.test.begin(), split.test.end());
  return split;
}

ClassifierFigures Evaluate(const std::vector<std::vector<std::string>>& ranked, const std::vector<std::string>& truth) {
  ClassifierFigures f;
  f.count = truth.size();
  if (truth.empty()) return f;
  std::map<std::string, size_t> tp, fp, fn;
  size_t top1 = 0, top3 = 0;
  for (size_t i = 0; i < truth.size(); ++i) {
    const auto& r = ranked[i];
    const std::string predicted = r.empty() ? std::string() : r.front();
    tp[truth[i]] += 0;
    if (predicted == truth[i]) {
      ++top1;
      ++tp[truth[i]];
    } else {
      ++fn[truth[i]];
      if (!predicted.empty()) ++fp[predicted];
    }
    for (size_t k = 0; k < std::min<size_t>(3, r.size()); ++k)
      if (r[k] == truth[i]) ++top3;
  }
  double f1_sum = 0;
  for (const auto& [label, t] : tp) {
    const double denominator = 2.0 * double(t) + double(fp[label]) + double(fn[label]);
    f1_sum += denominator > 0 ? 2.0 * double(t) / denominator : 0.0;
  }
  f.accuracy = double(top1) / double(truth.size());
  f.top3_accuracy = double(top3) / double(truth.size());
  f.macro_f1 = f1_sum / double(tp.size());
  return f;
}

}  // namespace minsheng::text
