// One-vs-rest linear support vector machines (squared hinge loss, L2 regularised), trained by dual
// coordinate descent over sparse rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace minsheng::text {

// Sparse rows in compressed form: row r holds (index[k], value[k]) for k in [start[r], start[r + 1]).
struct SparseRows {
  std::vector<std::uint32_t> start{0};
  std::vector<std::uint32_t> index;
  std::vector<float> value;

  size_t rows() const { return start.size() - 1; }
};

struct SvmOptions {
  double c = 1.0;           // cost of a margin violation; larger fits the training data more closely
  int max_epochs = 200;     // passes over the data per class at most
  double tolerance = 0.05;  // stop when the projected gradient's spread falls below this
  std::uint64_t seed = 1;   // the order rows are visited in
  int threads = 2;          // classes trained side by side
};

// Weights of a linear model: weights[f * classes + c] for feature f and class c, plus one bias per class.
struct LinearWeights {
  int classes = 0;
  int features = 0;
  std::vector<float> weights;
  std::vector<float> bias;
};

// Trains one binary machine per class (that class against the rest). `labels[r]` is row r's class in
// [0, classes); `features` bounds every index. The bias is learned as the weight of a constant feature 1.
LinearWeights TrainOneVsRest(const SparseRows& rows, const std::vector<int>& labels, int classes, int features,
                             const SvmOptions& options);

}  // namespace minsheng::text
