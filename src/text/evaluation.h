// Held-out splits and the figures a classifier is judged by.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace minsheng::text {

struct Split {
  std::vector<size_t> train;
  std::vector<size_t> test;
};

// Puts round(fraction x n_label) rows of each label (at least one when the label has two rows or more)
// into test, chosen by a seeded shuffle that is the same on every platform; the rest into train. Both lists
// are ascending.
Split StratifiedSplit(const std::vector<std::string>& labels, double fraction, std::uint64_t seed);

struct ClassifierFigures {
  size_t count = 0;
  double accuracy = 0;       // top-1
  double macro_f1 = 0;       // the mean of each true label's F1
  double top3_accuracy = 0;  // the true label among the first three
};

// `ranked[i]` are row i's labels best first; `truth[i]` its true label.
ClassifierFigures Evaluate(const std::vector<std::vector<std::string>>& ranked, const std::vector<std::string>& truth);

}  // namespace minsheng::text
