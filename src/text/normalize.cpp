#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace minsheng::text {
namespace {

// ICU transliterators keep state while they run, so each thread uses its own clone of one prototype
// (created once; cloning is cheap next to creating from the rule data).
const icu::Transliterator* Prototype() {
  static const icu::Transliterator* prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    icu::Transliterator* t =
        icu::Transliterator::createInstance(icu::UnicodeString("Traditional-Simplified"), UTRANS_FORWARD, status);
    return U_SUCCESS(status) ? t : nullptr;
  }();
  return prototype;
}

icu::Transliterator* ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> clone = [] {
    const icu::Transliterator* p = Prototype();
    return std::unique_ptr<icu::Transliterator>(p ? p->clone() : nullptr);
  }();
  return clone.get();
}

// The characters the transliterator changes when they stand alone: the traditional ones. Running it costs
// about 0.1 ms per 300 characters, so text without any of them (most text here) skips it. Of its ~3,950
// rules, some 50 phrase rules change text made only of other characters (祇要 -> 只要); those apply only in
// text that also holds a traditional character. Frozen, so any thread may read it.
const icu::UnicodeSet& TraditionalCharacters() {
  static const icu::UnicodeSet* set = [] {
    auto* out = new icu::UnicodeSet();
    if (const icu::Transliterator* p = Prototype()) {
      icu::UnicodeSet source;
      p->getSourceSet(source);
      std::vector<UChar32> chars;
      icu::UnicodeString joined;  // one character a line, transliterated in one call
      for (int32_t r = 0; r < source.getRangeCount(); ++r)
        for (UChar32 c = source.getRangeStart(r); c <= source.getRangeEnd(r); ++c)
          if (c != u'\n') {
            chars.push_back(c);
            joined.append(c).append(UChar32{u'\n'});
          }
      std::unique_ptr<icu::Transliterator> t(p->clone());
      t->transliterate(joined);
      int32_t at = 0;
      for (UChar32 c : chars) {
        const int32_t end = joined.indexOf(char16_t{u'\n'}, at);
        if (end < 0) break;
        if (joined.tempSubStringBetween(at, end) != icu::UnicodeString(c)) out->add(c);
        at = end + 1;
      }
    }
    out->freeze();
    return out;
  }();
  return *set;
}

bool IsKept(UChar32 c) {
  const int32_t mask = U_GET_GC_MASK(c);
  return (mask & (U_GC_L_MASK | U_GC_N_MASK | U_GC_M_MASK)) != 0;
}

}  // namespace

std::string Normalize(std::string_view input) {
  // Ill-formed UTF-8 becomes U+FFFD (a symbol, so a separator below). ICU counts in int32_t: text past
  // 1 GiB is not read.
  const auto length = static_cast<int32_t>(std::min<size_t>(input.size(), size_t{1} << 30));
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(input.data(), length));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString folded;
    nfkc_cf->normalize(s, folded, status);
    if (U_SUCCESS(status)) s = std::move(folded);
  }
  // Runs of letters, digits and marks, each transliterated only if it holds a traditional character (no
  // rule reads across punctuation or spaces, so the result is the same as for the whole text, and cheaper).
  const icu::UnicodeSet& traditional = TraditionalCharacters();
  icu::Transliterator* transliterator = nullptr;
  std::string out;
  out.reserve(input.size());
  auto emit = [&out](const icu::UnicodeString& run, int32_t from, int32_t to) {
    for (int32_t i = from; i < to;) {
      const UChar32 c = run.char32At(i);
      i += U16_LENGTH(c);
      char buf[4];
      int32_t n = 0;
      UBool error = false;
      U8_APPEND(buf, n, 4, c, error);
      if (!error) out.append(buf, static_cast<size_t>(n));
    }
  };
  for (int32_t i = 0; i < s.length();) {
    if (!IsKept(s.char32At(i))) {
      i += U16_LENGTH(s.char32At(i));
      continue;
    }
    int32_t end = i;
    while (end < s.length() && IsKept(s.char32At(end))) end += U16_LENGTH(s.char32At(end));
    if (!out.empty()) out.push_back(' ');
    const icu::UnicodeString run = s.tempSubStringBetween(i, end);
    if (traditional.containsSome(run) && (transliterator || (transliterator = ThreadTransliterator()))) {
      icu::UnicodeString simplified(run);
      transliterator->transliterate(simplified);
      emit(simplified, 0, simplified.length());
    } else {
      emit(s, i, end);
    }
    i = end;
  }
  return out;
}

}  // namespace minsheng::text
