#include "text/linear_svm.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <thread>

namespace minsheng::text {
namespace {

// Dual coordinate descent for min_w 1/2 |w|^2 + C sum_i max(0, 1 - y_i w.x_i)^2 (Hsieh et al., ICML 2008):
// each step solves for one dual variable alpha_i >= 0 exactly and keeps w = sum_i alpha_i y_i x_i.
void TrainBinary(const SparseRows& rows, const std::vector<int>& labels, int positive, int features,
                 const SvmOptions& options, std::vector<double>& w, double& bias) {
  const size_t n = rows.rows();
  const double diag = 0.5 / options.c;  // the squared hinge's term on the dual diagonal
  std::vector<double> alpha(n, 0.0), q(n, 0.0);
  std::vector<std::int8_t> y(n);
  for (size_t i = 0; i < n; ++i) {
    y[i] = labels[i] == positive ? 1 : -1;
    double norm = 1.0;  // the constant bias feature
    for (std::uint32_t k = rows.start[i]; k < rows.start[i + 1]; ++k) norm += double(rows.value[k]) * rows.value[k];
    q[i] = norm + diag;
  }
  w.assign(static_cast<size_t>(features), 0.0);
  bias = 0.0;
  std::vector<std::uint32_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
  std::mt19937_64 rng(options.seed + static_cast<std::uint64_t>(positive));
  for (int epoch = 0; epoch < options.max_epochs; ++epoch) {
    for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    double pg_max = -INFINITY, pg_min = INFINITY;
    for (std::uint32_t i : order) {
      double margin = bias;
      for (std::uint32_t k = rows.start[i]; k < rows.start[i + 1]; ++k) margin += w[rows.index[k]] * rows.value[k];
      const double g = y[i] * margin - 1.0 + diag * alpha[i];
      const double pg = alpha[i] == 0.0 ? std::min(g, 0.0) : g;
      pg_max = std::max(pg_max, pg);
      pg_min = std::min(pg_min, pg);
      if (std::fabs(pg) < 1e-12) continue;
      const double old = alpha[i];
      alpha[i] = std::max(old - g / q[i], 0.0);
      const double step = (alpha[i] - old) * y[i];
      if (step == 0.0) continue;
      for (std::uint32_t k = rows.start[i]; k < rows.start[i + 1]; ++k) w[rows.index[k]] += step * rows.value[k];
      bias += step;
    }
    if (pg_max - pg_min < options.tolerance) break;
  }
}

}  // namespace

LinearWeights TrainOneVsRest(const SparseRows& rows, const std::vector<int>& labels, int classes, int features,
                             const SvmOptions& options) {
  LinearWeights out;
  out.classes = classes;
  out.features = features;
  out.weights.assign(static_cast<size_t>(features) * static_cast<size_t>(classes), 0.0f);
  out.bias.assign(static_cast<size_t>(classes), 0.0f);
  std::atomic<int> next{0};
  auto work = [&] {
    std::vector<double> w;
    double bias = 0;
    for (int c = next++; c < classes; c = next++) {
      TrainBinary(rows, labels, c, features, options, w, bias);
      for (int f = 0; f < features; ++f)
        out.weights[static_cast<size_t>(f) * static_cast<size_t>(classes) + static_cast<size_t>(c)] =
            static_cast<float>(w[static_cast<size_t>(f)]);
      out.bias[static_cast<size_t>(c)] = static_cast<float>(bias);
    }
  };
  const int threads = std::clamp(options.threads, 1, std::max(1, classes));
  std::vector<std::jthread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  return out;
}

}  // namespace minsheng::text
