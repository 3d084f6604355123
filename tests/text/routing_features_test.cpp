// Lexicon (cutting raw text with the words of segmented text) and ExtractFeatures.
#include "text/lexicon.h"
#include "text/routing_features.h"

#include <gtest/gtest.h>

#include <string>

#include "text/normalize.h"

namespace minsheng::text {
namespace {

Lexicon Words(std::initializer_list<const char*> words) {
  Lexicon l;
  for (const char* w : words) l.Add(w);
  return l;
}

std::vector<std::string> Strings(const std::vector<std::string_view>& v) { return {v.begin(), v.end()}; }

TEST(LexiconTest, CutsLongestKnownWordsAndDropsTheRest) {
  const Lexicon l = Words({"小区", "小区物业", "物业", "停车费", "市", "a1", "区"});
  EXPECT_EQ(Strings(l.Cut(Normalize("A市A1区的小区物业乱收停车费了"))),
            (std::vector<std::string>{"市", "a1", "区", "小区物业", "停车费"}));
  EXPECT_TRUE(l.Cut("").empty());
  EXPECT_TRUE(l.Cut("的了吗").empty());
}

TEST(LexiconTest, SegmentedTextCutsToItsOwnWords) {
  const Lexicon l = Words({"小区", "物业", "停车费"});
  EXPECT_EQ(Strings(l.Cut("小区 物业 停车费")), (std::vector<std::string>{"小区", "物业", "停车费"}));
}

TEST(LexiconTest, EmptyLexiconKeepsChunks) {
  EXPECT_EQ(Strings(Lexicon().Cut("3号楼 wifi")), (std::vector<std::string>{"3号楼", "wifi"}));
}

TEST(LexiconTest, FingerprintsRoundTrip) {
  const Lexicon l = Words({"小区", "物业管理", "a"});
  const Lexicon back = Lexicon::FromFingerprints(l.Fingerprints(), l.max_length());
  EXPECT_TRUE(back.Contains("物业管理"));
  EXPECT_FALSE(back.Contains("物业"));
  EXPECT_EQ(back.size(), 3u);
  EXPECT_EQ(back.max_length(), 4);
}

TEST(LexiconTest, LooksSegmented) {
  EXPECT_TRUE(LooksSegmented({"小区 物业 违规 收 停车费", "学校 食堂"}));
  EXPECT_FALSE(LooksSegmented({"小区物业违规收停车费 请领导管一管", "学校食堂太贵"}));
  EXPECT_FALSE(LooksSegmented({}));
}

float CountOf(const FeatureCounts& f, const FeatureCounts& single) {
  for (const auto& [k, v] : f)
    if (k == single.at(0).first) return v;
  return 0;
}

TEST(RoutingFeaturesTest, CharacterGramsAndWordsCounted) {
  const FeatureOptions words_and_grams{.words = true};
  // "噪音 噪音": characters 噪 音 噪 音: 1-grams 4, 2-grams 3 (噪音 twice, 音噪 once), 3-grams 2, words 2.
  const FeatureCounts f = ExtractFeatures({"噪音", "噪音"}, words_and_grams);
  float total = 0;
  for (const auto& [k, v] : f) total += v;
  EXPECT_EQ(total, 4 + 3 + 2 + 2);
  EXPECT_TRUE(std::is_sorted(f.begin(), f.end()));
  const FeatureOptions grams_only{.char_ngram_min = 2, .char_ngram_max = 2, .words = false};
  EXPECT_EQ(CountOf(f, ExtractFeatures({"噪音"}, grams_only)), 2);  // the bigram 噪音
  EXPECT_EQ(ExtractFeatures({"噪音"}, grams_only).size(), 1u);
  // A word and the same two characters as a bigram are different features.
  const FeatureOptions word_only{.char_ngram_min = 1, .char_ngram_max = 0, .words = true};
  EXPECT_NE(ExtractFeatures({"噪音"}, word_only).at(0).first, ExtractFeatures({"噪音"}, grams_only).at(0).first);
  EXPECT_TRUE(ExtractFeatures({}, words_and_grams).empty());
}

TEST(RoutingFeaturesTest, SegmentedAndRawTextMeetThroughTheLexicon) {
  const Lexicon l = Words({"小区", "物业", "违规", "收", "停车费", "市"});
  const FeatureOptions o;
  EXPECT_EQ(ExtractFeatures(l.Cut(Normalize("市 小区 物业 违规 收 停车费")), o),
            ExtractFeatures(l.Cut(Normalize("A市的小区物业违规收停车费！")), o));
}

TEST(RoutingFeaturesTest, LeadCharactersCountAgainApart) {
  const FeatureOptions plain{.char_ngram_min = 1, .char_ngram_max = 1};
  FeatureOptions lead = plain;
  lead.lead_chars = 2;
  // 噪音扰民: four 1-grams, then 噪 and 音 again as lead features of their own.
  EXPECT_EQ(ExtractFeatures({"噪音扰民"}, plain).size(), 4u);
  EXPECT_EQ(ExtractFeatures({"噪音扰民"}, lead).size(), 6u);
  lead.lead_chars = 100;  // longer than the text: each n-gram once more
  EXPECT_EQ(ExtractFeatures({"噪音扰民"}, lead).size(), 8u);
}

TEST(RoutingFeaturesTest, WordBigramsAddOnePerNeighbourPair) {
  const FeatureOptions words{.char_ngram_min = 1, .char_ngram_max = 0, .words = true};
  FeatureOptions pairs = words;
  pairs.word_bigrams = true;
  EXPECT_EQ(ExtractFeatures({"a", "b", "c"}, pairs).size(), ExtractFeatures({"a", "b", "c"}, words).size() + 2);
}

}  // namespace
}  // namespace minsheng::text
