// Small UTF-8 helpers for text that is already well-formed (the output of Normalize).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace minsheng::text {

// The byte length of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
constexpr int Utf8Length(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// The code points of `s`; a truncated sequence at the end yields what is there.
std::vector<char32_t> CodePoints(std::string_view s);

// The byte offsets at which each code point of `s` starts, plus s.size() at the end.
std::vector<std::uint32_t> CodePointOffsets(std::string_view s);

}  // namespace minsheng::text
