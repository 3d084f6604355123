#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>

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

bool IsKept(UChar32 c) {
  const int32_t mask = U_GET_GC_MASK(c);
  return (mask & (U_GC_L_MASK | U_GC_N_MASK | U_GC_M_MASK)) != 0;
}

// Code units a traditional-to-simplified mapping can change (CJK blocks, compatibility ideographs and
// surrogates for the supplementary planes); text without any skips the transliterator.
bool MayBeTraditional(char16_t unit) { return unit >= 0x3400; }

}  // namespace

std::string Normalize(std::string_view input) {
  // Ill-formed UTF-8 becomes U+FFFD (a symbol, so a separator below).
  icu::UnicodeString s =
      icu::UnicodeString::fromUTF8(icu::StringPiece(input.data(), static_cast<int32_t>(input.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString folded;
    nfkc_cf->normalize(s, folded, status);
    if (U_SUCCESS(status)) s = std::move(folded);
  }
  bool has_cjk = false;
  for (int32_t i = 0; i < s.length() && !has_cjk; ++i) has_cjk = MayBeTraditional(s.charAt(i));
  if (has_cjk) {
    if (icu::Transliterator* t = ThreadTransliterator()) t->transliterate(s);
  }

  std::string out;
  out.reserve(input.size());
  bool pending_space = false;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (!IsKept(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    char buf[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(buf, n, 4, c, error);
    if (!error) out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

}  // namespace minsheng::text
