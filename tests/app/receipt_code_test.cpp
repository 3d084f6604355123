#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

#include "app/password.h"

namespace minsheng::app {
namespace {

TEST(ReceiptCodeTest, CodesHaveTheLengthAndAlphabetAndReadBackAsCodes) {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string code = NewReceiptCode();
    ASSERT_EQ(code.size(), kReceiptLength) << code;
    for (char c : code) ASSERT_NE(kReceiptAlphabet.find(c), std::string_view::npos) << code;
    ASSERT_EQ(AsReceiptCode(code), code);
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 2000u);  // ~60 bits each: a repeat here means the randomness is broken
}

// Every character equally likely, at every position: a chi-square test over 12,000 codes (144,000 characters,
// 30 degrees of freedom). A modulo bias (byte % 31 without skipping 248..255) makes the first eight characters
// 9/8 as likely as the rest, a chi-square near 400; a fair draw stays near 30 (p < 1e-6 above 80).
TEST(ReceiptCodeTest, EveryCharacterIsEquallyLikely) {
  constexpr int kCodes = 12000;
  std::array<long, 256> counts{};
  std::array<long, kReceiptLength> first_at{};  // how often each position holds the alphabet's first character
  for (int i = 0; i < kCodes; ++i) {
    const std::string code = NewReceiptCode();
    for (std::size_t p = 0; p < code.size(); ++p) {
      ++counts[static_cast<unsigned char>(code[p])];
      if (code[p] == kReceiptAlphabet.front()) ++first_at[p];
    }
  }
  const double expected = static_cast<double>(kCodes) * kReceiptLength / static_cast<double>(kReceiptAlphabet.size());
  double chi2 = 0;
  for (char c : kReceiptAlphabet) {
    const double d = static_cast<double>(counts[static_cast<unsigned char>(c)]) - expected;
    chi2 += d * d / expected;
  }
  EXPECT_LT(chi2, 80.0);
  for (std::size_t p = 0; p < kReceiptLength; ++p) {
    EXPECT_GT(first_at[p], 250) << "position " << p;  // expected ~387
    EXPECT_LT(first_at[p], 530) << "position " << p;
  }
}

}  // namespace
}  // namespace minsheng::app
