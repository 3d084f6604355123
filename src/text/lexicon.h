// The words of a word-segmented corpus, used to cut unsegmented text into the same words.
//
// The routing training data was cut into words with its stop words removed ("A市" became "市"); text as
// residents write it has neither the spaces nor the gaps. Cutting raw text with the training words and
// dropping what no word covers makes the two look alike.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace minsheng::text {

class Lexicon {
 public:
  // Words are normalised text without spaces; longer than kMaxWordLength code points are not kept.
  static constexpr int kMaxWordLength = 8;

  void Add(std::string_view word);
  bool Contains(std::string_view word) const;
  bool empty() const { return words_.empty(); }
  size_t size() const { return words_.size(); }

  // Cuts normalised text into known words: within each space-separated chunk, the longest known word at
  // each position (forward maximum matching); characters no known word starts with are dropped. An empty
  // lexicon keeps the text as it is, one piece per chunk.
  std::vector<std::string_view> Cut(std::string_view normalized) const;

  // The fingerprints of the words, for model files; FromFingerprints rebuilds an equal lexicon.
  std::vector<std::uint64_t> Fingerprints() const;
  static Lexicon FromFingerprints(const std::vector<std::uint64_t>& fingerprints, int max_length);
  int max_length() const { return max_length_; }

 private:
  std::unordered_set<std::uint64_t> words_;
  int max_length_ = 0;  // in code points, of the longest word
};

// Whether texts look word-segmented: their space-separated pieces average at most 3 code points.
bool LooksSegmented(const std::vector<std::string_view>& normalized_texts);

}  // namespace minsheng::text
