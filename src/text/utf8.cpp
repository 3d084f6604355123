#include "text/utf8.h"

namespace minsheng::text {

std::vector<char32_t> CodePoints(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const int n = Utf8Length(lead);
    char32_t c = n == 1 ? lead : lead & (0x7F >> n);
    size_t j = i + 1;
    for (; j < i + static_cast<size_t>(n) && j < s.size(); ++j)
      c = (c << 6) | (static_cast<unsigned char>(s[j]) & 0x3F);
    out.push_back(c);
    i = j;
  }
  return out;
}

std::vector<std::uint32_t> CodePointOffsets(std::string_view s) {
  std::vector<std::uint32_t> out;
  out.reserve(s.size() + 1);
  for (size_t i = 0; i < s.size(); i += static_cast<size_t>(Utf8Length(static_cast<unsigned char>(s[i]))))
    out.push_back(static_cast<std::uint32_t>(i));
  out.push_back(static_cast<std::uint32_t>(s.size()));
  return out;
}

}  // namespace minsheng::text
