#include "api/json_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace minsheng::api {
namespace {

TEST(JsonWriter, StringEscapes) {
  const std::pair<std::string, std::string> cases[] = {
      {"plain", R"("plain")"},
      {"引号\"与\\反斜杠", R"("引号\"与\\反斜杠")"},
      {"line\nbreak\ttab\r", R"("line\nbreak\ttab\r")"},
      {std::string("nul\0x", 5), R"("nul\u0000x")"},
      {"\x01\x1f", R"("\u0001\u001f")"},
      {"ok😀", "\"ok😀\""},
      {"bad\xff" "byte", "\"bad\xEF\xBF\xBD" "byte\""},         // invalid byte → U+FFFD
      {"cut\xE4\xB8", "\"cut\xEF\xBF\xBD\xEF\xBF\xBD\""},      // truncated sequence
      {"\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\""},             // overlong '/'
  };
  for (const auto& [in, want] : cases) {
    std::string out;
    AppendJsonString(out, in);
    EXPECT_EQ(out, want);
    EXPECT_TRUE(nlohmann::json::accept(out)) << out;
  }
}

TEST(JsonWriter, NestingAndCommas) {
  JsonWriter w;
  w.BeginObject()
      .Field("id", std::int64_t{7})
      .Field("name", "张三")
      .Field("none", std::optional<std::int64_t>{})
      .Field("ids", std::vector<std::int64_t>{1, 2})
      .Key("nested")
      .BeginArray()
      .BeginObject()
      .EndObject()
      .Bool(true)
      .Double(0.5)
      .Raw(R"({"a":1})")
      .EndArray()
      .EndObject();
  EXPECT_EQ(w.str(), R"({"id":7,"name":"张三","none":null,"ids":[1,2],"nested":[{},true,0.5,{"a":1}]})");
  auto parsed = nlohmann::json::parse(w.str());
  EXPECT_EQ(parsed["nested"][3]["a"], 1);
}

// Issue 13: members written once and spliced into later objects (the cached part of an appeal's detail).
TEST(JsonWriter, RawMembersTakeTheirCommasFromWhereTheyGo) {
  const struct {
    bool before, after;
    std::string_view members, want;
  } cases[] = {
      {false, false, R"("a":1,"b":[2])", R"({"a":1,"b":[2]})"},
      {true, false, R"("a":1)", R"({"x":0,"a":1})"},
      {false, true, R"("a":1)", R"({"a":1,"y":true})"},
      {true, true, R"("a":1)", R"({"x":0,"a":1,"y":true})"},
      {true, true, "", R"({"x":0,"y":true})"},
      {false, false, "", R"({})"},
  };
  for (const auto& c : cases) {
    JsonWriter w;
    w.BeginObject();
    if (c.before) w.Field("x", 0);
    w.RawMembers(c.members);
    if (c.after) w.Field("y", true);
    w.EndObject();
    EXPECT_EQ(w.str(), c.want) << c.members;
    EXPECT_TRUE(nlohmann::json::accept(w.str())) << w.str();
  }
}

}  // namespace
}  // namespace minsheng::api
