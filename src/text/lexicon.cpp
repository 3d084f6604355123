#include "text/lexicon.h"

#include <algorithm>

#include "text/fingerprint.h"
#include "text/utf8.h"

namespace minsheng::text {
namespace {

constexpr std::uint64_t kWordSeed = 0x4c4558;  // "LEX"

std::vector<std::string_view> Chunks(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

void Lexicon::Add(std::string_view word) {
  if (word.empty() || word.find(' ') != std::string_view::npos) return;
  const int length = static_cast<int>(CodePointOffsets(word).size()) - 1;
  if (length > kMaxWordLength) return;
  words_.insert(Fingerprint(word, kWordSeed));
  max_length_ = std::max(max_length_, length);
}

bool Lexicon::Contains(std::string_view word) const { return words_.contains(Fingerprint(word, kWordSeed)); }

std::vector<std::string_view> Lexicon::Cut(std::string_view normalized) const {
  std::vector<std::string_view> out;
  for (std::string_view chunk : Chunks(normalized)) {
    if (words_.empty()) {
      out.push_back(chunk);
      continue;
    }
    const std::vector<std::uint32_t> at = CodePointOffsets(chunk);
    const int n = static_cast<int>(at.size()) - 1;
    for (int i = 0; i < n;) {
      int taken = 0;
      for (int len = std::min(max_length_, n - i); len >= 1 && taken == 0; --len) {
        const std::string_view piece = chunk.substr(at[i], at[i + len] - at[i]);
        if (Contains(piece)) {
          out.push_back(piece);
          taken = len;
        }
      }
      i += taken > 0 ? taken : 1;
    }
  }
  return out;
}

std::vector<std::uint64_t> Lexicon::Fingerprints() const {
  std::vector<std::uint64_t> out(words_.begin(), words_.end());
  std::sort(out.begin(), out.end());
  return out;
}

Lexicon Lexicon::FromFingerprints(const std::vector<std::uint64_t>& fingerprints, int max_length) {
  Lexicon l;
  l.words_.reserve(fingerprints.size());
  l.words_.insert(fingerprints.begin(), fingerprints.end());
  l.max_length_ = std::clamp(max_length, 0, kMaxWordLength);
  return l;
}

bool LooksSegmented(const std::vector<std::string_view>& normalized_texts) {
  size_t pieces = 0, code_points = 0;
  for (std::string_view t : normalized_texts)
    for (std::string_view chunk : Chunks(t)) {
      ++pieces;
      code_points += CodePointOffsets(chunk).size() - 1;
    }
  return pieces > 0 && code_points <= 3 * pieces;
}

}  // namespace minsheng::text
