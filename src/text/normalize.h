// Normalisation of Chinese text: the one function used both to index text and to read queries, so that
// both sides meet on the same form.
#pragma once

#include <string>
#include <string_view>

namespace minsheng::text {

// Returns `input` (UTF-8) in normal form: NFKC (full-width letters, digits and punctuation become
// half-width), case folded, traditional Chinese characters mapped to simplified, and every run of
// punctuation, symbols, control characters and whitespace turned into one ASCII space, with none at
// either end. Letters, digits and combining marks are kept ("３号樓，ＷｉＦｉ！" -> "3号楼 wifi").
// Invalid UTF-8 never fails: each ill-formed sequence counts as a separator, like punctuation.
// Pure and thread-safe; the empty string maps to the empty string. Input past 1 GiB is ignored.
std::string Normalize(std::string_view input);

}  // namespace minsheng::text
