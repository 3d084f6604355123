#include "api/json_body.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace minsheng::api {
namespace {

using nlohmann::json;

// Renders a successful value so that every getter can share one table.
std::string Show(const std::string& v) { return "\"" + v + "\""; }
std::string Show(std::int64_t v) { return std::to_string(v); }
std::string Show(bool v) { return v ? "true" : "false"; }
std::string Show(const json& v) { return v.dump(); }
std::string Show(const std::vector<std::int64_t>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + std::to_string(v[i]);
  return out + "]";
}
std::string Show(const std::vector<std::string>& v) { return json(v).dump(); }
template <typename T>
std::string Show(const std::optional<T>& v) {
  return v ? Show(*v) : "nullopt";
}
template <typename T>
Result<std::string> Render(const Result<T>& r) {
  if (!r) return Fail(r.error());
  return Show(*r);
}

using Getter = std::function<Result<std::string>(const json&)>;

struct BodyCase {
  std::string name;
  std::string body;
  Getter getter;
  std::string expected_value;  // when expected_code is empty
  std::string expected_code;
  std::string expected_field;
};

// Shown by gtest instead of a byte dump of the case.
void PrintTo(const BodyCase& c, std::ostream* os) { *os << c.name; }

Getter Str(std::string field, std::size_t max) {
  return [=](const json& j) { return Render(RequiredString(j, field, max)); };
}
Getter OptStr(std::string field, std::size_t max) {
  return [=](const json& j) { return Render(OptionalString(j, field, max)); };
}
Getter Int(std::string field, std::int64_t min, std::int64_t max) {
  return [=](const json& j) { return Render(RequiredInt64(j, field, min, max)); };
}
Getter OptInt(std::string field) {
  return [=](const json& j) { return Render(OptionalInt64(j, field)); };
}
Getter Bool(std::string field) {
  return [=](const json& j) { return Render(RequiredBool(j, field)); };
}
Getter OptBool(std::string field) {
  return [=](const json& j) { return Render(OptionalBool(j, field)); };
}
Getter IntArray(std::string field, std::size_t max) {
  return [=](const json& j) { return Render(OptionalInt64Array(j, field, max)); };
}
Getter TextArray(std::string field, std::size_t max, std::size_t max_len) {
  return [=](const json& j) { return Render(OptionalStringArray(j, field, max, max_len)); };
}
Getter Whole() {
  return [](const json& j) -> Result<std::string> { return Show(j); };
}

std::vector<BodyCase> Cases() {
  return {
      // Body itself.
      {"empty body", "", Whole(), "", "malformed_json", ""},
      {"truncated", "{\"a\":", Whole(), "", "malformed_json", ""},
      {"trailing garbage", "{} x", Whole(), "", "malformed_json", ""},
      {"array body", "[1]", Whole(), "", "invalid_body", ""},
      {"string body", "\"x\"", Whole(), "", "invalid_body", ""},
      {"object body", "{\"a\":1}", Whole(), "{\"a\":1}", "", ""},
      // RequiredString.
      {"string missing", "{}", Str("title", 5), "", "missing_field", "title"},
      {"string null", "{\"title\":null}", Str("title", 5), "", "missing_field", "title"},
      {"string blank", "{\"title\":\" \\t\"}", Str("title", 5), "", "missing_field", "title"},
      {"string ideographic blank", "{\"title\":\"\u3000 \"}", Str("title", 5), "", "missing_field",
       "title"},
      {"string number", "{\"title\":3}", Str("title", 5), "", "wrong_type", "title"},
      {"string trimmed", "{\"title\":\"  民生诉求\u3000\"}", Str("title", 5), "\"民生诉求\"", "", ""},
      {"string max chars", "{\"title\":\"民生诉求啊\"}", Str("title", 5), "\"民生诉求啊\"", "", ""},
      {"string too long", "{\"title\":\"民生诉求问题\"}", Str("title", 5), "", "too_long", "title"},
      // Dotted fields.
      {"nested parent missing", "{}", Str("appellant.phone", 20), "", "missing_field",
       "appellant.phone"},
      {"nested missing", "{\"appellant\":{}}", Str("appellant.phone", 20), "", "missing_field",
       "appellant.phone"},
      {"nested parent wrong", "{\"appellant\":\"x\"}", Str("appellant.phone", 20), "", "wrong_type",
       "appellant"},
      {"nested wrong", "{\"appellant\":{\"phone\":1}}", Str("appellant.phone", 20), "",
       "wrong_type", "appellant.phone"},
      {"nested ok", "{\"appellant\":{\"phone\":\"138\"}}", Str("appellant.phone", 20), "\"138\"", "",
       ""},
      // OptionalString.
      {"optional string missing", "{}", OptStr("note", 3), "nullopt", "", ""},
      {"optional string blank", "{\"note\":\"\"}", OptStr("note", 3), "nullopt", "", ""},
      {"optional string ok", "{\"note\":\"abc\"}", OptStr("note", 3), "\"abc\"", "", ""},
      {"optional string array", "{\"note\":[]}", OptStr("note", 3), "", "wrong_type", "note"},
      {"optional string too long", "{\"note\":\"abcd\"}", OptStr("note", 3), "", "too_long", "note"},
      // RequiredInt64.
      {"int ok", "{\"unit_id\":5}", Int("unit_id", 1, 1000), "5", "", ""},
      {"int float", "{\"unit_id\":1.0}", Int("unit_id", 1, 1000), "", "wrong_type", "unit_id"},
      {"int fraction", "{\"unit_id\":1.5}", Int("unit_id", 1, 1000), "", "wrong_type", "unit_id"},
      {"int string", "{\"unit_id\":\"5\"}", Int("unit_id", 1, 1000), "", "wrong_type", "unit_id"},
      {"int bool", "{\"unit_id\":true}", Int("unit_id", 1, 1000), "", "wrong_type", "unit_id"},
      {"int below", "{\"unit_id\":0}", Int("unit_id", 1, 1000), "", "out_of_range", "unit_id"},
      {"int above", "{\"unit_id\":1001}", Int("unit_id", 1, 1000), "", "out_of_range", "unit_id"},
      {"int huge", "{\"unit_id\":18446744073709551615}", Int("unit_id", 1, 1000), "",
       "out_of_range", "unit_id"},
      {"int missing", "{}", Int("unit_id", 1, 1000), "", "missing_field", "unit_id"},
      {"int nested", "{\"a\":{\"b\":-3}}", Int("a.b", -5, 5), "-3", "", ""},
      // OptionalInt64.
      {"optional int missing", "{}", OptInt("limit"), "nullopt", "", ""},
      {"optional int null", "{\"limit\":null}", OptInt("limit"), "nullopt", "", ""},
      {"optional int negative", "{\"limit\":-5}", OptInt("limit"), "-5", "", ""},
      {"optional int string", "{\"limit\":\"x\"}", OptInt("limit"), "", "wrong_type", "limit"},
      // Booleans.
      {"bool true", "{\"anonymous\":true}", Bool("anonymous"), "true", "", ""},
      {"bool number", "{\"anonymous\":1}", Bool("anonymous"), "", "wrong_type", "anonymous"},
      {"bool string", "{\"anonymous\":\"true\"}", Bool("anonymous"), "", "wrong_type", "anonymous"},
      {"bool missing", "{}", Bool("anonymous"), "", "missing_field", "anonymous"},
      {"optional bool missing", "{}", OptBool("anonymous"), "nullopt", "", ""},
      {"optional bool false", "{\"anonymous\":false}", OptBool("anonymous"), "false", "", ""},
      // OptionalInt64Array.
      {"array missing", "{}", IntArray("ids", 3), "[]", "", ""},
      {"array null", "{\"ids\":null}", IntArray("ids", 3), "[]", "", ""},
      {"array ok", "{\"ids\":[1,2]}", IntArray("ids", 3), "[1,2]", "", ""},
      {"array string element", "{\"ids\":[1,\"2\"]}", IntArray("ids", 3), "", "wrong_type", "ids"},
      {"array float element", "{\"ids\":[1.0]}", IntArray("ids", 3), "", "wrong_type", "ids"},
      {"array not array", "{\"ids\":5}", IntArray("ids", 3), "", "wrong_type", "ids"},
      {"array too long", "{\"ids\":[1,2,3,4]}", IntArray("ids", 3), "", "too_long", "ids"},
      // OptionalStringArray.
      {"strings missing", "{}", TextArray("causes", 2, 5), "[]", "", ""},
      {"strings trimmed", "{\"causes\":[\" a \",\"b\"]}", TextArray("causes", 2, 5), "[\"a\",\"b\"]", "", ""},
      {"strings number element", "{\"causes\":[\"a\",1]}", TextArray("causes", 2, 5), "", "wrong_type", "causes"},
      {"strings not array", "{\"causes\":\"a\"}", TextArray("causes", 2, 5), "", "wrong_type", "causes"},
      {"strings too many", "{\"causes\":[\"a\",\"b\",\"c\"]}", TextArray("causes", 2, 5), "", "too_long", "causes"},
      {"strings element too long", "{\"causes\":[\"推诿扯皮推诿\"]}", TextArray("causes", 2, 5), "", "too_long", "causes"},
  };
}

class JsonBodyTableTest : public ::testing::TestWithParam<BodyCase> {};

TEST_P(JsonBodyTableTest, Case) {
  const BodyCase& c = GetParam();
  Result<std::string> result = [&]() -> Result<std::string> {
    MS_ASSIGN(object, ParseJsonObject(c.body));
    return c.getter(object);
  }();
  if (c.expected_code.empty()) {
    ASSERT_TRUE(result.has_value()) << result.error().code << " " << result.error().message;
    EXPECT_EQ(*result, c.expected_value);
  } else {
    ASSERT_FALSE(result.has_value()) << "got " << *result;
    EXPECT_EQ(result.error().kind, ErrorKind::kInvalid);
    EXPECT_EQ(result.error().code, c.expected_code);
    EXPECT_EQ(result.error().field, c.expected_field);
    EXPECT_FALSE(result.error().message.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Table, JsonBodyTableTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<BodyCase>& info) {
                           std::string name = info.param.name;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(JsonBodyTest, MessagesNameTheField) {
  auto object = *ParseJsonObject("{\"title\":3}");
  EXPECT_EQ(RequiredString(object, "title", 10).error().message, "字段 title 应为字符串");
  EXPECT_EQ(RequiredString(json::object(), "title", 10).error().message, "缺少必填字段：title");
  EXPECT_EQ(ParseJsonObject("{").error().message, "请求体不是合法的 JSON");
}

struct QueryCase {
  std::map<std::string, std::string> query;
  std::string expected_value;
  std::string expected_code;
};

TEST(JsonBodyTest, QueryInt64Table) {
  for (const QueryCase& c : std::vector<QueryCase>{
           {{}, "20", ""},
           {{{"limit", ""}}, "20", ""},
           {{{"limit", "50"}}, "50", ""},
           {{{"limit", " 7 "}}, "7", ""},
           {{{"limit", "abc"}}, "", "wrong_type"},
           {{{"limit", "1.5"}}, "", "wrong_type"},
           {{{"limit", "5x"}}, "", "wrong_type"},
           {{{"limit", "0"}}, "", "out_of_range"},
           {{{"limit", "101"}}, "", "out_of_range"},
           {{{"limit", "99999999999999999999"}}, "", "out_of_range"},
       }) {
    Request req;
    req.query = c.query;
    auto result = QueryInt64(req, "limit", 20, 1, 100);
    if (c.expected_code.empty()) {
      ASSERT_TRUE(result.has_value()) << result.error().code;
      EXPECT_EQ(std::to_string(*result), c.expected_value);
    } else {
      ASSERT_FALSE(result.has_value()) << *result;
      EXPECT_EQ(result.error().code, c.expected_code);
      EXPECT_EQ(result.error().field, "limit");
    }
  }
}

TEST(JsonBodyTest, QueryString) {
  Request req;
  req.query = {{"q", " 民生 "}, {"blank", " "}, {"long", "abcdef"}};
  EXPECT_EQ(QueryString(req, "q", 5).value(), std::optional<std::string>("民生"));
  EXPECT_EQ(QueryString(req, "blank", 5).value(), std::nullopt);
  EXPECT_EQ(QueryString(req, "absent", 5).value(), std::nullopt);
  EXPECT_EQ(QueryString(req, "long", 5).error().code, "too_long");
}

TEST(JsonBodyTest, Utf8LengthCountsCodePoints) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("民生"), 2u);
  EXPECT_EQ(Utf8Length("a民😀"), 3u);
}

}  // namespace
}  // namespace minsheng::api
