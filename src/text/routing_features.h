// The features the routing classifier reads from one text: character n-grams and words.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace minsheng::text {

constexpr int kMaxCharGram = 6;

struct FeatureOptions {
  int char_ngram_min = 1;     // character n-grams over the words joined without spaces
  int char_ngram_max = 3;     // at most kMaxCharGram
  bool words = false;         // each word (measured on the shared data: no gain over the n-grams)
  bool word_bigrams = false;  // each pair of neighbouring words
  int lead_chars = 0;         // n-grams of the first this many characters again, as features of their own
};

// A feature's fingerprint and how many times it occurs, sorted by fingerprint, each fingerprint once.
using FeatureCounts = std::vector<std::pair<std::uint64_t, float>>;

// The features of `words` (normalised text cut into words, see Lexicon::Cut).
FeatureCounts ExtractFeatures(const std::vector<std::string_view>& words, const FeatureOptions& options);

}  // namespace minsheng::text
