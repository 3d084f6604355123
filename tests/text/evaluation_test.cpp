// text::StratifiedSplit and text::Evaluate on small hand-checked cases.
#include "text/evaluation.h"

#include <gtest/gtest.h>

#include <map>

namespace minsheng::text {
namespace {

TEST(EvaluationTest, SplitKeepsEachLabelsShareAndIsDeterministic) {
  std::vector<std::string> labels;
  for (int i = 0; i < 100; ++i) labels.push_back("a");
  for (int i = 0; i < 30; ++i) labels.push_back("b");
  for (int i = 0; i < 3; ++i) labels.push_back("c");
  labels.push_back("d");  // a label with one row stays in training
  const Split s = StratifiedSplit(labels, 0.1, 7);
  std::map<std::string, int> test;
  for (size_t i : s.test) ++test[labels[i]];
  EXPECT_EQ(test["a"], 10);
  EXPECT_EQ(test["b"], 3);
  EXPECT_EQ(test["c"], 1);
  EXPECT_EQ(test["d"], 0);
  EXPECT_EQ(s.train.size() + s.test.size(), labels.size());
  const Split again = StratifiedSplit(labels, 0.1, 7);
  EXPECT_EQ(again.test, s.test);
  EXPECT_NE(StratifiedSplit(labels, 0.1, 8).test, s.test);
}

TEST(EvaluationTest, FiguresByHand) {
  // truth a a b c; top-1 a b b a -> 2 of 4 right; top-3 holds the truth in 3 of 4.
  const std::vector<std::vector<std::string>> ranked = {{"a", "b"}, {"b", "a"}, {"b"}, {"a", "b", "d", "c"}};
  const std::vector<std::string> truth = {"a", "a", "b", "c"};
  const ClassifierFigures f = Evaluate(ranked, truth);
  EXPECT_EQ(f.count, 4u);
  EXPECT_DOUBLE_EQ(f.accuracy, 0.5);
  EXPECT_DOUBLE_EQ(f.top3_accuracy, 0.75);
  // F1: a = 2*1/(2+1+1) = 0.5; b = 2*1/(2+1+0) = 2/3; c = 0.
  EXPECT_NEAR(f.macro_f1, (0.5 + 2.0 / 3.0 + 0.0) / 3.0, 1e-12);
}

}  // namespace
}  // namespace minsheng::text
