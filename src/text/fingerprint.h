// Stable 64-bit fingerprints of strings and small integers, the keys of text features in memory and in
// model files (so they must never change for a given input).
#pragma once

#include <cstdint>
#include <string_view>

namespace minsheng::text {

// A 64-bit mix of one value (splitmix64's finaliser).
constexpr std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// FNV-1a over the bytes, started from `seed`, then mixed.
constexpr std::uint64_t Fingerprint(std::string_view bytes, std::uint64_t seed = 0) {
  std::uint64_t h = 0xcbf29ce484222325ULL ^ Mix64(seed);
  for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
  return Mix64(h);
}

}  // namespace minsheng::text
