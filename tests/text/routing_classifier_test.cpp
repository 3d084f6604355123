// RoutingClassifier on a small generated fixture: it must learn it, rank and calibrate sensibly, and
// survive a save/load round trip unchanged.
#include "text/routing_classifier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace minsheng::text {
namespace {

// Three topics, each with its own words, mixed with shared filler; `segmented` joins words with spaces.
std::vector<RoutingExample> Fixture(int per_label, std::uint64_t seed, bool segmented) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> topics = {
      {"环境保护", {"噪音", "扰民", "油烟", "污水", "垃圾", "排放", "异味"}},
      {"教育文体", {"学校", "老师", "学生", "课程", "招生", "幼儿园", "补课"}},
      {"劳动和社会保障", {"工资", "社保", "养老", "拖欠", "医保", "退休", "合同"}},
  };
  const std::vector<std::string> filler = {"领导", "问题", "希望", "解决", "反映", "市", "区", "小区", "现在", "尊敬"};
  std::mt19937_64 rng(seed);
  std::vector<RoutingExample> out;
  for (int i = 0; i < per_label; ++i)
    for (const auto& [label, words] : topics) {
      std::vector<std::string> picked;
      for (int w = 0; w < 8; ++w) {
        picked.push_back(filler[rng() % filler.size()]);
        if (w % 2 == 0) picked.push_back(words[rng() % words.size()]);
      }
      std::string text;
      for (const auto& w : picked) text += (text.empty() || !segmented ? "" : " ") + w + (segmented ? "" : "的");
      out.push_back({text, label});
    }
  return out;
}

double Accuracy(const RoutingClassifier& c, const std::vector<RoutingExample>& test) {
  int right = 0;
  for (const auto& e : test) right += c.Predict(e.text, 1).at(0).label == e.label;
  return double(right) / double(test.size());
}

TEST(RoutingClassifierTest, LearnsTheFixtureAndReadsRawText) {
  auto c = RoutingClassifier::Train(Fixture(40, 1, true));
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(c->labels(), (std::vector<std::string>{"劳动和社会保障", "教育文体", "环境保护"}));
  EXPECT_GE(Accuracy(*c, Fixture(20, 2, true)), 0.95);
  EXPECT_GE(Accuracy(*c, Fixture(20, 3, false)), 0.95);  // unsegmented, with a stop word between words
  EXPECT_EQ(c->Predict("楼下饭店油烟太大，晚上噪音扰民", 1).at(0).label, "环境保护");
  EXPECT_EQ(c->Predict("公司拖欠工资三个月，社保也没交", 1).at(0).label, "劳动和社会保障");
}

TEST(RoutingClassifierTest, WordsAndLexiconOptionsLearnTheFixtureToo) {
  RoutingTrainOptions options;
  options.use_lexicon = true;
  options.features.words = true;
  options.features.word_bigrams = true;
  options.features.lead_chars = 6;
  auto c = RoutingClassifier::Train(Fixture(40, 1, true), options);
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_GE(Accuracy(*c, Fixture(20, 3, false)), 0.95);
  auto back = RoutingClassifier::Deserialize(c->Serialize());  // the lexicon and options travel with the model
  ASSERT_TRUE(back.has_value());
  for (const auto& e : Fixture(5, 7, false)) EXPECT_EQ(back->Scores(e.text), c->Scores(e.text));
}

TEST(RoutingClassifierTest, ProbabilitiesAreRankedAndSumToOne) {
  auto c = RoutingClassifier::Train(Fixture(40, 1, true));
  ASSERT_TRUE(c.has_value());
  const auto all = c->Predict("学校老师补课收费", 99);
  ASSERT_EQ(all.size(), 3u);  // k is clamped to the labels
  double sum = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    sum += all[i].p;
    if (i > 0) {
      EXPECT_GE(all[i - 1].p, all[i].p);
    }
  }
  EXPECT_NEAR(sum, 1.0, 1e-9);
  EXPECT_EQ(all[0].label, "教育文体");
  EXPECT_GT(all[0].p, 0.5);
  EXPECT_GT(c->temperature(), 0.0);
  EXPECT_EQ(c->Predict("学校", 0).size(), 1u);
  // Text with no known feature still answers, with the bias alone, and does not crash on bad bytes.
  EXPECT_EQ(c->Predict("", 3).size(), 3u);
  EXPECT_EQ(c->Predict("\xff\xfe\xc0", 2).size(), 2u);
}

TEST(RoutingClassifierTest, SaveAndLoadGiveIdenticalPredictions) {
  auto c = RoutingClassifier::Train(Fixture(30, 4, true));
  ASSERT_TRUE(c.has_value());
  const std::string bytes = c->Serialize();
  auto back = RoutingClassifier::Deserialize(bytes);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(back->labels(), c->labels());
  EXPECT_EQ(back->temperature(), c->temperature());
  EXPECT_EQ(back->feature_count(), c->feature_count());
  for (const auto& e : Fixture(10, 5, false)) {
    EXPECT_EQ(back->Scores(e.text), c->Scores(e.text));
    const auto a = c->Predict(e.text, 3), b = back->Predict(e.text, 3);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].label, b[i].label);
      EXPECT_EQ(a[i].p, b[i].p);
    }
  }
  EXPECT_EQ(back->Serialize(), bytes);
}

TEST(RoutingClassifierTest, DeserializeRefusesOtherBytes) {
  auto c = RoutingClassifier::Train(Fixture(10, 6, true));
  ASSERT_TRUE(c.has_value());
  const std::string bytes = c->Serialize();
  EXPECT_FALSE(RoutingClassifier::Deserialize("").has_value());
  EXPECT_FALSE(RoutingClassifier::Deserialize("minsheng-routing-model 2\n" + bytes.substr(25)).has_value());
  for (size_t cut : {size_t{30}, bytes.size() / 2, bytes.size() - 1})
    EXPECT_FALSE(RoutingClassifier::Deserialize(bytes.substr(0, cut)).has_value()) << cut;
  EXPECT_FALSE(RoutingClassifier::Deserialize(bytes + "x").has_value());
}

TEST(RoutingClassifierTest, TrainingNeedsTwoLabels) {
  auto one = RoutingClassifier::Train({{"噪音 扰民", "环境保护"}, {"油烟", "环境保护"}, {"学校", ""}});
  ASSERT_FALSE(one.has_value());
  EXPECT_EQ(one.error().kind, ErrorKind::kInvalid);
}

}  // namespace
}  // namespace minsheng::text
