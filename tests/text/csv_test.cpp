// text::ParseCsv: RFC 4180 quoting (commas, doubled quotes and line breaks inside quotes), line ends, and
// the errors it names.
#include "text/csv.h"

#include <gtest/gtest.h>

namespace minsheng::text {
namespace {

TEST(CsvTest, QuotedFieldsSpanLinesAndHoldCommasAndQuotes) {
  const auto t = ParseCsv(
      "\xEF\xBB\xBFid,主题,详情\r\n"
      "1,噪音,\"第一行\r\n\t第二行, 带逗号\"\r\n"
      "2,\"说\"\"你好\"\"\",\n"
      "\n"
      "3,\"\",\"\n\n\"\n");
  ASSERT_TRUE(t.has_value()) << t.error().message;
  EXPECT_EQ(t->header, (std::vector<std::string>{"id", "主题", "详情"}));
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0][2], "第一行\r\n\t第二行, 带逗号");
  EXPECT_EQ(t->rows[1][1], "说\"你好\"");
  EXPECT_EQ(t->rows[1][2], "");
  EXPECT_EQ(t->rows[2][1], "");
  EXPECT_EQ(t->rows[2][2], "\n\n");
  EXPECT_EQ(t->Column("详情"), 2);
  EXPECT_EQ(t->Column("missing"), -1);
}

TEST(CsvTest, LastRowWithoutLineEnd) {
  const auto t = ParseCsv("a,b\nx,\"y\"");
  ASSERT_TRUE(t.has_value());
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0][1], "y");
}

TEST(CsvTest, UnclosedQuoteIsAnErrorNamingItsLine) {
  const auto t = ParseCsv("a,b\n1,2\n3,\"open\nstill open\n");
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().kind, ErrorKind::kInvalid);
  EXPECT_NE(t.error().message.find("第 3 行"), std::string::npos) << t.error().message;
}

TEST(CsvTest, RowOfAnotherWidthIsAnError) {
  const auto t = ParseCsv("a,b\n1,2\n\"multi\nline\",2,3\n");
  ASSERT_FALSE(t.has_value());
  EXPECT_NE(t.error().message.find("第 3 行有 3 列"), std::string::npos) << t.error().message;
}

TEST(CsvTest, EmptyInputHasNoHeader) { EXPECT_FALSE(ParseCsv("").has_value()); }

}  // namespace
}  // namespace minsheng::text
