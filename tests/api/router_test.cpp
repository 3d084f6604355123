#include "api/router.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace minsheng::api {
namespace {

// Each handler answers "<tag>" followed by " name=value" for each captured parameter.
Handler Tag(std::string tag) {
  return [tag](Request& req) {
    Response response;
    response.content_type = "text/plain";
    response.body = tag;
    for (const auto& [name, value] : req.params) response.body += " " + name + "=" + value;
    return response;
  };
}

Router MakeRouter() {
  Router router;
  router.Add("GET", "/", Tag("root"));
  router.Add("GET", "/api/v1/appeals", Tag("list"));
  router.Add("POST", "/api/v1/appeals", Tag("create"), Dispatch::kWorker);
  router.Add("GET", "/api/v1/appeals/stats", Tag("stats"));
  router.Add("GET", "/api/v1/appeals/{id}", Tag("get"));
  router.Add("DELETE", "/api/v1/appeals/{id}", Tag("delete"));
  router.Add("POST", "/api/v1/appeals/{id}/dispatch", Tag("dispatch"), Dispatch::kWorker);
  router.Add("GET", "/api/v1/units/{unit_id}/members/{member_id}", Tag("member"));
  // A literal and a capture at the same depth, for different methods.
  router.Add("GET", "/api/v1/things/special", Tag("special"));
  router.Add("POST", "/api/v1/things/{name}", Tag("thing"));
  // Backtracking: the literal branch dead-ends, the capture branch matches.
  router.Add("GET", "/api/v1/x/fixed/a", Tag("fixed-a"));
  router.Add("GET", "/api/v1/x/{v}/b", Tag("capture-b"));
  return router;
}

struct RouteCase {
  std::string method;
  std::string path;
  int status;
  std::string expected;  // body for 200, error code otherwise
  std::string allow;     // expected Allow header for 405
};

class RouterTableTest : public ::testing::TestWithParam<RouteCase> {};

TEST_P(RouterTableTest, Routes) {
  const RouteCase& c = GetParam();
  Router router = MakeRouter();
  Request req;
  req.method = c.method;
  req.path = c.path;
  Response response = router.Handle(req);
  EXPECT_EQ(response.status, c.status) << c.method << " " << c.path;
  if (c.status == 200) {
    EXPECT_EQ(response.body, c.expected);
  } else {
    auto body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["error"]["code"], c.expected) << response.body;
    std::string allow;
    for (const auto& [name, value] : response.headers) {
      if (name == "Allow") allow = value;
    }
    EXPECT_EQ(allow, c.allow);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, RouterTableTest,
    ::testing::Values(
        RouteCase{"GET", "/", 200, "root", ""},
        RouteCase{"GET", "/api/v1/appeals", 200, "list", ""},
        RouteCase{"GET", "/api/v1/appeals/", 200, "list", ""},
        RouteCase{"GET", "//api//v1/appeals", 200, "list", ""},
        RouteCase{"POST", "/api/v1/appeals", 200, "create", ""},
        RouteCase{"GET", "/api/v1/appeals/42", 200, "get id=42", ""},
        RouteCase{"DELETE", "/api/v1/appeals/42", 200, "delete id=42", ""},
        RouteCase{"GET", "/api/v1/appeals/stats", 200, "stats", ""},
        RouteCase{"POST", "/api/v1/appeals/7/dispatch", 200, "dispatch id=7", ""},
        RouteCase{"GET", "/api/v1/units/3/members/9", 200, "member member_id=9 unit_id=3", ""},
        RouteCase{"GET", "/api/v1/things/special", 200, "special", ""},
        RouteCase{"POST", "/api/v1/things/special", 200, "thing name=special", ""},
        RouteCase{"GET", "/api/v1/x/fixed/b", 200, "capture-b v=fixed", ""},
        RouteCase{"GET", "/api/v1/x/fixed/a", 200, "fixed-a", ""},
        RouteCase{"GET", "/api/v1/nothing", 404, "route_not_found", ""},
        RouteCase{"GET", "/api/v1/appeals/7/dispatch/extra", 404, "route_not_found", ""},
        RouteCase{"GET", "/api/v1/units/3/members", 404, "route_not_found", ""},
        RouteCase{"PUT", "/api/v1/appeals", 405, "method_not_allowed", "GET, POST"},
        RouteCase{"GET", "/api/v1/appeals/7/dispatch", 405, "method_not_allowed", "POST"},
        RouteCase{"PATCH", "/api/v1/appeals/7", 405, "method_not_allowed", "DELETE, GET"},
        RouteCase{"POST", "/", 405, "method_not_allowed", "GET"}));

TEST(RouterTest, MatchReportsDispatchAndFillsParams) {
  Router router = MakeRouter();
  Request req;
  req.method = "POST";
  req.path = "/api/v1/appeals/15/dispatch";
  RouteMatch match = router.Find(req);
  ASSERT_NE(match.handler, nullptr);
  EXPECT_EQ(match.dispatch, Dispatch::kWorker);
  EXPECT_EQ(req.params.at("id"), "15");

  req = Request{};
  req.method = "GET";
  req.path = "/api/v1/appeals";
  match = router.Find(req);
  ASSERT_NE(match.handler, nullptr);
  EXPECT_EQ(match.dispatch, Dispatch::kInline);
}

TEST(RouterTest, MethodNotAllowedListsAllowedMethodsInBody) {
  Router router = MakeRouter();
  Request req;
  req.method = "PUT";
  req.path = "/api/v1/appeals";
  auto body = nlohmann::json::parse(router.Handle(req).body);
  EXPECT_EQ(body["error"]["allowed"], nlohmann::json({"GET", "POST"}));
  EXPECT_TRUE(body["error"]["field"].is_null());
}

TEST(RouterTest, AddingTheSameRouteTwiceReplacesIt) {
  Router router;
  router.Add("GET", "/a/{x}", Tag("first"));
  router.Add("GET", "/a/{y}", Tag("second"));
  Request req;
  req.method = "GET";
  req.path = "/a/1";
  EXPECT_EQ(router.Handle(req).body, "second y=1");
}

TEST(RouterTest, FallbackServesUnmatchedGetsExceptExcludedPrefixes) {
  Router router = MakeRouter();
  router.SetFallback(Tag("app"));
  struct Case {
    std::string method, path;
    int status;
    std::string body_or_code;
  };
  for (const Case& c : std::vector<Case>{
           {"GET", "/appeals/42", 200, "app"},
           {"GET", "/assets/x.js", 200, "app"},
           {"GET", "/api/v1/nothing", 404, "route_not_found"},
           {"GET", "/open311/v2/nothing", 404, "route_not_found"},
           {"POST", "/appeals/42", 404, "route_not_found"},
           {"POST", "/", 405, "method_not_allowed"},
           {"GET", "/api/v1/appeals", 200, "list"},
       }) {
    Request req;
    req.method = c.method;
    req.path = c.path;
    Response response = router.Handle(req);
    EXPECT_EQ(response.status, c.status) << c.method << " " << c.path;
    if (c.status == 200) {
      EXPECT_EQ(response.body, c.body_or_code);
    } else {
      EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], c.body_or_code);
    }
  }
}

TEST(RouterTest, RejectsPatternsNotStartingWithSlash) {
  Router router;
  EXPECT_THROW(router.Add("GET", "api/v1", Tag("x")), std::invalid_argument);
}

TEST(ParseTargetTest, Table) {
  struct Case {
    std::string target;
    std::string path;
    std::map<std::string, std::string> query;
  };
  for (const Case& c : std::vector<Case>{
           {"/", "/", {}},
           {"/a/b", "/a/b", {}},
           {"/a%20b/%E6%B0%91", "/a b/民", {}},
           {"/a+b", "/a+b", {}},
           {"/s?q=%E6%B0%91%E7%94%9F&page=2", "/s", {{"q", "民生"}, {"page", "2"}}},
           {"/s?q=a+b&flag&x=1&x=2&=v&&", "/s", {{"q", "a b"}, {"flag", ""}, {"x", "1"}, {"", "v"}}},
           {"/s?bad=%zz%4", "/s", {{"bad", "%zz%4"}}},
           {"/s#frag", "/s", {}},
       }) {
    std::string path;
    std::map<std::string, std::string> query;
    ParseTarget(c.target, path, query);
    EXPECT_EQ(path, c.path) << c.target;
    EXPECT_EQ(query, c.query) << c.target;
  }
}

TEST(PercentEncodeTest, KeepsUnreservedAndEscapesTheRestSoThatDecodingGivesItBack) {
  struct Case {
    const char* text;
    const char* encoded;
  };
  const Case cases[] = {
      {"minsheng-2026_11.xlsx~", "minsheng-2026_11.xlsx~"},
      {"民声", "%E6%B0%91%E5%A3%B0"},
      {"a b+c/d?e=f&\"%", "a%20b%2Bc%2Fd%3Fe%3Df%26%22%25"},
      {"", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PercentEncode(c.text), c.encoded) << c.text;
    EXPECT_EQ(PercentDecode(PercentEncode(c.text), false), c.text) << c.text;
  }
}

TEST(RequestTest, HeaderIsCaseInsensitive) {
  Request req;
  req.headers = {{"Content-Type", "application/json"}, {"X-Forwarded-For", "1.2.3.4"}};
  EXPECT_EQ(req.Header("content-type"), "application/json");
  EXPECT_EQ(req.Header("X-FORWARDED-FOR"), "1.2.3.4");
  EXPECT_EQ(req.Header("Authorization"), "");
}

}  // namespace
}  // namespace minsheng::api

namespace minsheng::api {
namespace {

TEST(RouterRoutes, ListsEveryRouteOnceWithItsDispatch) {
  Router router = MakeRouter();
  router.Add("GET", "/api/v1/appeals/{other}", Tag("get again"));  // same shape: replaces, not a new route
  router.SetFallback(Tag("fallback"));
  std::vector<std::string> seen;
  for (const auto& r : router.Routes())
    seen.push_back(r.method + " " + r.pattern + (r.dispatch == Dispatch::kWorker ? " worker" : ""));
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "GET /",
                      "GET /api/v1/appeals",
                      "POST /api/v1/appeals worker",
                      "GET /api/v1/appeals/stats",
                      "DELETE /api/v1/appeals/{id}",
                      "POST /api/v1/appeals/{id}/dispatch worker",
                      "GET /api/v1/appeals/{other}",
                      "GET /api/v1/things/special",
                      "POST /api/v1/things/{name}",
                      "GET /api/v1/units/{unit_id}/members/{member_id}",
                      "GET /api/v1/x/fixed/a",
                      "GET /api/v1/x/{v}/b",
                  }));
}

TEST(RouterRoutes, FindSetsTheMatchedPattern) {
  Router router = MakeRouter();
  Request req;
  req.method = "POST";
  req.path = "/api/v1/appeals/7/dispatch";
  ASSERT_NE(router.Find(req).handler, nullptr);
  EXPECT_EQ(req.route, "/api/v1/appeals/{id}/dispatch");
  Request missing;
  missing.method = "GET";
  missing.path = "/nowhere";
  EXPECT_EQ(router.Find(missing).handler, nullptr);
  EXPECT_EQ(missing.route, "");
}

}  // namespace
}  // namespace minsheng::api
