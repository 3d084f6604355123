#include "api/handler_support.h"

#include <gtest/gtest.h>

#include "api/appeal_json.h"

namespace minsheng::api {
namespace {

TEST(FormatTime, ChinaStandardTime) {
  const std::pair<Timestamp, const char*> cases[] = {
      {0, "1970-01-01T08:00:00+08:00"},
      {1770948000, "2026-02-13T10:00:00+08:00"},
      {1770998399, "2026-02-13T23:59:59+08:00"},
      {1770998400, "2026-02-14T00:00:00+08:00"},
      {-1, "1970-01-01T07:59:59+08:00"},
  };
  for (const auto& [t, text] : cases) EXPECT_EQ(FormatTime(t), text) << t;
}

TEST(Masking, NamesAndPhones) {
  EXPECT_EQ(MaskName("张三"), "张*");
  EXPECT_EQ(MaskName("欧阳娜娜"), "欧*");
  EXPECT_EQ(MaskName("Li"), "L*");
  EXPECT_EQ(MaskName(""), "");
  EXPECT_EQ(MaskPhone("13800001234"), "138****1234");
  EXPECT_EQ(MaskPhone("12345"), "*****");
}

TEST(QueryPage, DefaultsAndBounds) {
  Request req;
  auto page = QueryPage(req);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->page, 1);
  EXPECT_EQ(page->page_size, 20);
  req.query["page_size"] = "101";
  auto too_big = QueryPage(req);
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().field, "page_size");
  req.query["page_size"] = "100";
  req.query["page"] = "3";
  EXPECT_EQ(QueryPage(req)->page, 3);
}

}  // namespace
}  // namespace minsheng::api
