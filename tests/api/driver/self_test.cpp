#include "self_test.h"

#include <nlohmann/json.hpp>

#include "json_path.h"
#include "pg_tools.h"
#include "runner.h"
#include "scenario.h"

namespace minsheng::apitest {
namespace {

using nlohmann::json;

const json kDoc = json::parse(R"({
  "id": 7, "status": "replied", "items": [
    {"id": 1, "code": "housing", "active": true, "n": 3},
    {"id": 2, "code": "transport", "active": false, "n": 2},
    {"id": 3, "code": "urban", "active": true, "n": 1}],
  "timeline": [{"action": "register"}, {"action": "dispatch"}],
  "deadlines": {"reply_due": "2026-12-01T18:00:00+08:00"}, "none": null, "name": "张三"})");

struct PathCase {
  const char* path;
  const char* expected;  // JSON text, or "missing", or "error"
};

const PathCase kPathCases[] = {
    {"id", "7"},
    {"$", "keep"},
    {"items[0].code", "\"housing\""},
    {"items[-1].id", "3"},
    {"items[3].id", "missing"},
    {"items[code=transport].id", "2"},
    {"items[code=\"urban\"].id", "3"},
    {"items[id=2].code", "\"transport\""},
    {"items[code=nope].id", "missing"},
    {"items[*].id", "[1,2,3]"},
    {"items[?active=true].id", "[1,3]"},
    {"items[?active=false]", "[{\"id\":2,\"code\":\"transport\",\"active\":false,\"n\":2}]"},
    {"len(items)", "3"},
    {"len(items[?active=true])", "2"},
    {"len(name)", "6"},
    {"len(missing)", "missing"},
    {"timeline[-1].action", "\"dispatch\""},
    {"deadlines.reply_due", "\"2026-12-01T18:00:00+08:00\""},
    {"status.x", "missing"},
    {"none", "null"},
    {"items[", "error"},
    {"items[x]", "error"},
    {"a..b", "error"},
    {"items[0]code", "error"},
};

struct OpCase {
  const char* actual;  // JSON text or "missing"
  const char* op;
  const char* expected;
  bool ok;
};

const OpCase kOpCases[] = {
    {"1", "=", "1", true},          {"1", "=", "1.0", true},          {"1", "=", "2", false},
    {"\"a\"", "=", "a", true},      {"missing", "=", "1", false},     {"missing", "!=", "1", true},
    {"2", "!=", "2", false},        {"3", ">", "2", true},            {"2", ">", "2", false},
    {"2", ">=", "2", true},         {"1", "<", "2", true},            {"\"2026-12-02\"", ">", "\"2026-12-01\"", true},
    {"[1,2]", "contains", "2", true}, {"[1,2]", "contains", "3", false}, {"[1,2]", "!contains", "3", true},
    {"\"abc\"", "contains", "\"b\"", true}, {"\"abc\"", "!contains", "\"b\"", false},
    {"{\"k\":1}", "contains", "\"k\"", true}, {"null", "exists", "", false}, {"1", "exists", "", true},
    {"missing", "absent", "", true}, {"null", "absent", "", true}, {"0", "absent", "", false},
    {"[3,2,2,1]", "sorted", "\"desc\"", true}, {"[1,3,2]", "sorted", "\"desc\"", false},
    {"[1,2]", "sorted", "\"asc\"", true}, {"missing", "contains", "1", false},
};

struct LiteralCase {
  const char* text;
  const char* expected;  // JSON text or "none"
};

const LiteralCase kLiteralCases[] = {
    {"3 + 2", "5"}, {"10 - 4", "6"}, {"\"x\"", "\"x\""}, {"received", "\"received\""}, {"true", "true"},
    {"[1, 2]", "[1,2]"}, {"{bad", "none"}, {"1.5 + 1", "2.5"},
};

struct ParseCase {
  const char* text;
  bool ok;
};

const ParseCase kParseCases[] = {
    {"GET /api/v1/health\nexpect 200\n", true},
    {"GET /api/v1/health\n", false},                                   // no expect status
    {"POST /api/v1/appeals\n{\"a\": ${x}}\nexpect 2xx\n", true},
    {"POST /api/v1/appeals\n{\"a\": \nexpect 400\n", false},          // body not JSON
    {"POST /api/v1/appeals\nraw {\"a\": \nexpect 400 malformed_json\n", true},
    {"POST /api/v1/appeals\nbigbody 2000000\nexpect 413\n", true},
    {"GET /x\nexpect 400|404 not_found\n", true},
    {"GET /x\nexpect 200\nexpect items[0].id = 3\nexpect all items[*].id > 0\n", true},
    {"GET /x\nexpect 200\nexpect items[0].id\n", false},               // no operator
    {"GET /x\nexpect 200\nexpect a ~ 3\n", false},                     // unknown operator
    {"GET /x\nexpect 200\nexpect a exists 3\n", false},                // unary with value
    {"GET /x\nexpect 200\ncapture a = items[0].id ?? 0\n", true},
    {"GET /x\nexpect 200\ncapture a items\n", false},
    {"as admin   # a comment\nlogin coordinator\nheader Authorization: Bearer x\n", true},
    {"restart --clock-offset 3456000\nspecial race 5\nsleep 10\n", true},
    {"frobnicate\n", false},
    {"GET relative\nexpect 200\n", false},
    {"requires replica\nspecial replica_lag\n", true},
    {"requires postgresql\n", true},
    {"requires mysql\n", false},
    {"requires\n", false},
};

struct UrlCase {
  const char* url;
  const char* db;
  const char* with;  // url with its database replaced by "ms_1_2"
};

const UrlCase kUrlCases[] = {
    {"postgresql://postgres@127.0.0.1:55432/postgres", "postgres", "postgresql://postgres@127.0.0.1:55432/ms_1_2"},
    {"postgresql://postgres@127.0.0.1:55432", "", "postgresql://postgres@127.0.0.1:55432/ms_1_2"},
    {"postgresql://u:p@h/postgres?sslmode=disable", "postgres", "postgresql://u:p@h/ms_1_2?sslmode=disable"},
    {"postgresql://h:1/?application_name=x", "", "postgresql://h:1/ms_1_2?application_name=x"},
};

std::string Dump(const std::optional<json>& v) { return v ? v->dump() : "missing"; }

}  // namespace

std::vector<std::string> RunSelfTests() {
  std::vector<std::string> failures;
  for (const auto& c : kPathCases) {
    auto got = EvaluatePath(kDoc, c.path);
    std::string shown = got ? Dump(*got) : "error";
    std::string expected = c.expected;
    if (expected == "keep") expected = kDoc.dump();
    if (shown != expected && !(got && *got && expected != "error" && expected != "missing" &&
                               **got == json::parse(expected)))
      failures.push_back(std::string("path ") + c.path + ": expected " + expected + ", got " + shown);
  }
  for (const auto& c : kOpCases) {
    std::optional<json> actual;
    if (std::string(c.actual) != "missing") actual = json::parse(c.actual);
    json expected = *c.expected ? json::parse(c.expected, nullptr, false) : json();
    if (expected.is_discarded()) expected = std::string(c.expected);
    bool ok = CheckOp(actual, c.op, expected).has_value();
    if (ok != c.ok)
      failures.push_back(std::string("op ") + c.actual + " " + c.op + " " + c.expected + ": expected " +
                         (c.ok ? "pass" : "fail"));
  }
  for (const auto& c : kLiteralCases) {
    auto got = ParseLiteral(c.text);
    std::string shown = got ? got->dump() : "none";
    if (shown != c.expected) failures.push_back(std::string("literal ") + c.text + ": got " + shown);
  }
  for (const auto& c : kParseCases) {
    auto parsed = ParseScenarioText(c.text, "self_test.test", ".");
    if (parsed.has_value() != c.ok)
      failures.push_back(std::string("parse ") + (c.ok ? "should accept: " : "should refuse: ") + c.text +
                         (parsed ? "" : " (" + parsed.error() + ")"));
  }
  for (const auto& c : kUrlCases) {
    if (DatabaseOf(c.url) != c.db) failures.push_back(std::string("DatabaseOf ") + c.url + ": got " + DatabaseOf(c.url));
    if (WithDatabase(c.url, "ms_1_2") != c.with)
      failures.push_back(std::string("WithDatabase ") + c.url + ": got " + WithDatabase(c.url, "ms_1_2"));
  }
  {
    auto parsed = ParseScenarioText("requires replica\nspecial replica_lag\n", "self_test.test", ".");
    if (!parsed || !parsed->Requires("replica") || !parsed->Requires("postgresql") || parsed->steps.size() != 1)
      failures.push_back("`requires replica` should imply postgresql and add no step");
  }
  // Variable substitution: strings bare, other values as JSON, unknown names refused.
  auto lookup = [](const std::string& name) -> std::optional<std::string> {
    if (name == "a") return "42";
    return std::nullopt;
  };
  auto sub = Substitute("/api/v1/appeals/${a}/accept", lookup);
  if (!sub || *sub != "/api/v1/appeals/42/accept") failures.push_back("substitute ${a}");
  if (Substitute("${b}", lookup)) failures.push_back("substitute unknown ${b} should fail");
  return failures;
}

}  // namespace minsheng::apitest
