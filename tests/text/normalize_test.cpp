// text::Normalize: one table of inputs and their normal forms, then the properties every output has.
#include "text/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace minsheng::text {
namespace {

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

const std::vector<Case> kCases = {
    {"empty", "", ""},
    {"only_separators", " ，。！  \t\n", ""},
    {"plain_simplified", "小区噪音扰民", "小区噪音扰民"},
    {"full_width_latin_digits", "ＡＢＣ１２３", "abc123"},
    {"full_width_space_and_punctuation", "停车　难！！", "停车 难"},
    {"traditional", "噪音擾民，請儘快處理", "噪音扰民 请尽快处理"},
    {"traditional_building", "３號樓", "3号楼"},
    {"mixed_scripts", "3号楼WiFi信号差", "3号楼wifi信号差"},
    {"case_folding", "WiFi WIFI wifi", "wifi wifi wifi"},
    {"punctuation_runs_fold", "油烟——扰民？？！（急）", "油烟 扰民 急"},
    {"leading_trailing_trimmed", "  《停车》  ", "停车"},
    {"ascii_punctuation", "A市,A1区;\"物业\"", "a市 a1区 物业"},
    {"line_breaks_and_tabs", "\n\t\t尊敬的领导：\r\n\t您好", "尊敬的领导 您好"},
    {"circled_digit_nfkc", "①号楼", "1号楼"},
    {"symbols_are_separators", "温度30℃+湿度", "温度30 c 湿度"},
    {"invalid_utf8_is_a_separator", "噪\xff\xfe音", "噪 音"},
    {"truncated_utf8_at_end", "停车\xe5\x99", "停车"},
    {"overlong_encoding",
     "a\xc0\xaf"
     "b",
     "a b"},
    {"emoji_is_a_separator", "好评👍谢谢", "好评 谢谢"},
};

TEST(NormalizeTest, Table) {
  for (const auto& c : kCases) EXPECT_EQ(Normalize(c.input), c.expected) << c.name;
}

TEST(NormalizeTest, IsIdempotent) {
  for (const auto& c : kCases) EXPECT_EQ(Normalize(Normalize(c.input)), Normalize(c.input)) << c.name;
}

TEST(NormalizeTest, OutputIsValidUtf8WithSingleInnerSpaces) {
  std::string bytes;
  for (int b = 0; b < 256; ++b) bytes.push_back(static_cast<char>(b));
  for (const std::string& input :
       {bytes, std::string("\xe4\xb8"), std::string("\xf4\x90\x80\x80"), std::string(1, '\0')}) {
    const std::string out = Normalize(input);
    EXPECT_EQ(out.find("  "), std::string::npos);
    if (!out.empty()) {
      EXPECT_NE(out.front(), ' ');
      EXPECT_NE(out.back(), ' ');
    }
    EXPECT_EQ(Normalize(out), out);  // well-formed UTF-8 maps to itself once normal
  }
}

TEST(NormalizeTest, SameResultOnManyThreads) {
  const std::string input = "關於３號樓ＷｉＦｉ訊號問題，請儘快處理！";
  const std::string expected = Normalize(input);
  ASSERT_EQ(expected, "关于3号楼wifi讯号问题 请尽快处理");
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i)
        if (Normalize(input) != expected) ++mismatches[t];
    });
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace minsheng::text
