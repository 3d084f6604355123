#include "text/routing_features.h"

#include <algorithm>

#include "text/fingerprint.h"
#include "text/utf8.h"

namespace minsheng::text {
namespace {

constexpr std::uint64_t kWordSeed = 0x574f5244;    // "WORD"
constexpr std::uint64_t kBigramSeed = 0x42494752;  // "BIGR"
constexpr std::uint64_t kLeadSeed = 0x4c454144;    // "LEAD"

// Code points fit in 21 bits, so up to three of them pack into one integer; n tells the lengths apart, and
// longer grams chain the mix over the rest.
std::uint64_t CharGram(const char32_t* c, int n) {
  std::uint64_t packed = 0;
  for (int i = 0; i < std::min(n, 3); ++i) packed = (packed << 21) | (c[i] & 0x1FFFFF);
  std::uint64_t h = Mix64(packed ^ (static_cast<std::uint64_t>(n) << 63) ^ static_cast<std::uint64_t>(n) * 0x51ED27ULL);
  for (int i = 3; i < n; ++i) h = Mix64(h ^ c[i]);
  return h;
}

}  // namespace

FeatureCounts ExtractFeatures(const std::vector<std::string_view>& words, const FeatureOptions& options) {
  std::vector<std::uint64_t> keys;
  std::vector<char32_t> chars;
  for (std::string_view w : words) {
    const auto cps = CodePoints(w);
    chars.insert(chars.end(), cps.begin(), cps.end());
  }
  const int lo = std::max(1, options.char_ngram_min), hi = std::min(kMaxCharGram, options.char_ngram_max);
  keys.reserve(chars.size() * static_cast<size_t>(std::max(0, hi - lo + 1)) + words.size() * 2);
  for (size_t i = 0; i < chars.size(); ++i)
    for (int n = lo; n <= hi && i + static_cast<size_t>(n) <= chars.size(); ++n) keys.push_back(CharGram(&chars[i], n));
  // The opening of a message is most often its title: its n-grams count again, apart from the rest.
  const size_t lead = std::min(chars.size(), static_cast<size_t>(std::max(0, options.lead_chars)));
  for (size_t i = 0; i < lead; ++i)
    for (int n = lo; n <= hi && i + static_cast<size_t>(n) <= lead; ++n)
      keys.push_back(Mix64(CharGram(&chars[i], n) ^ kLeadSeed));
  if (options.words)
    for (std::string_view w : words) keys.push_back(Fingerprint(w, kWordSeed));
  if (options.word_bigrams)
    for (size_t i = 1; i < words.size(); ++i)
      keys.push_back(Mix64(Fingerprint(words[i - 1], kBigramSeed) ^ Fingerprint(words[i], kBigramSeed + 1)));
  std::sort(keys.begin(), keys.end());
  FeatureCounts out;
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    out.emplace_back(keys[i], static_cast<float>(j - i));
    i = j;
  }
  return out;
}

}  // namespace minsheng::text
