#include "api/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "api/error_mapping.h"
#include "api/json_body.h"
#include "api/rate_limiter.h"
#include "api/static_files.h"

namespace minsheng::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using nlohmann::json;
using namespace std::chrono_literals;

struct ClientResponse {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-cased names
  bool keep_alive = false;

  json Json() const { return json::parse(body); }
  std::string Code() const { return Json()["error"]["code"]; }
};

// A tiny synchronous HTTP/1.1 client over one keep-alive connection, with a 5 s timeout per call.
class Client {
 public:
  explicit Client(unsigned short port) : stream_(ioc_) {
    stream_.expires_after(5s);
    stream_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }

  ClientResponse Send(std::string method, std::string target, std::string body = {},
                      std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::request<http::string_body> req(http::string_to_verb(method), target, 11);
    if (req.method() == http::verb::unknown) req.method_string(method);
    req.set(http::field::host, "127.0.0.1");
    for (auto& [name, value] : headers) req.set(name, value);
    req.body() = std::move(body);
    req.prepare_payload();
    stream_.expires_after(5s);
    http::write(stream_, req);
    return Read();
  }

  // A HEAD request: the answer's headers only (the parser must not wait for the body they announce).
  ClientResponse Head(std::string target) {
    http::request<http::empty_body> req(http::verb::head, target, 11);
    req.set(http::field::host, "127.0.0.1");
    stream_.expires_after(5s);
    http::write(stream_, req);
    return Read(true);
  }

  ClientResponse Read(bool head = false) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    parser.skip(head);
    stream_.expires_after(5s);
    http::read(stream_, buffer_, parser);
    auto& res = parser.get();
    ClientResponse out;
    out.status = static_cast<int>(res.result_int());
    out.body = res.body();
    out.keep_alive = res.keep_alive();
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers[name] = std::string(field.value());
    }
    return out;
  }

  void WriteRaw(std::string_view bytes) {
    stream_.expires_after(5s);
    asio::write(stream_, asio::buffer(bytes.data(), bytes.size()));
  }

  // True if the server has closed the connection (a read ends with EOF or reset, not a timeout).
  bool ServerClosed(std::chrono::seconds within = 5s) {
    stream_.expires_after(within);
    char byte;
    beast::error_code ec;
    stream_.read_some(asio::buffer(&byte, 1), ec);
    return ec && ec != beast::error::timeout;
  }

 private:
  asio::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

Response Text(std::string body) {
  Response response;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(body);
  return response;
}

// A router exercising every server feature; `release` gates the blocking worker handler.
struct TestRoutes {
  Router router;
  std::promise<void> entered;
  std::shared_future<void> release_future;
  std::promise<void> release;
  std::atomic<int> worker_calls{0};
  std::set<std::thread::id> inline_threads;
  std::mutex mutex;
  std::thread::id worker_thread;
  std::atomic<int> bulk_nice{-100};  // issue 13: the nice value a kBulk handler ran at
  std::thread::id point_thread, finish_thread;  // issue 13: where a kPointRead handler and its finish ran

  TestRoutes() {
    release_future = release.get_future().share();
    router.Add("GET", "/api/v1/appeals/{id}", [this](Request& req) {
      std::lock_guard lock(mutex);
      inline_threads.insert(std::this_thread::get_id());
      return JsonResponse(200, {{"id", req.params.at("id")}});
    });
    router.Add("POST", "/api/v1/appeals", [](Request& req) {
      auto body = ParseJsonObject(req.body);
      if (!body) return ErrorResponse(body.error());
      auto title = RequiredString(*body, "title", 10);
      if (!title) return ErrorResponse(title.error());
      return JsonResponse(201, {{"title", *title}});
    });
    router.Add("GET", "/api/v1/echo", [](Request& req) {
      json headers = json::object();
      return JsonResponse(200, {{"method", req.method},
                                {"path", req.path},
                                {"target", req.target},
                                {"query", req.query},
                                {"remote", req.remote_address},
                                {"agent", req.Header("x-test-agent")}});
    });
    router.Add("GET", "/api/v1/worker",
               [this](Request&) {
                 ++worker_calls;
                 {
                   std::lock_guard lock(mutex);
                   worker_thread = std::this_thread::get_id();
                 }
                 return Text("worker");
               },
               Dispatch::kWorker);
    router.Add("GET", "/api/v1/blocking",
               [this](Request&) {
                 entered.set_value();
                 release_future.wait();
                 return Text("released");
               },
               Dispatch::kWorker);
    router.Add("GET", "/api/v1/blocking-inline", [this](Request&) {
      entered.set_value();
      release_future.wait();
      return Text("released");
    });
    router.Add("GET", "/api/v1/throw", [](Request&) -> Response {
      throw std::runtime_error("boom");
    });
    router.Add("GET", "/api/v1/throw-worker",
               [](Request&) -> Response { throw 42; }, Dispatch::kWorker);
    router.Add("POST", "/api/v1/size", [](Request& req) {
      return JsonResponse(200, {{"size", req.body.size()}});
    });
    router.Add("GET", "/api/v1/headers", [](Request&) {
      Response response = Text("a 204 cannot carry this");
      response.status = 204;
      response.content_type.clear();
      response.headers.emplace_back("X-One", "1");
      response.headers.emplace_back("X-Bad", "a\r\nX-Injected: 1");
      return response;
    });
    // Issue 13: the bulk pool.
    router.Add("GET", "/api/v1/bulk",
               [this](Request&) {
                 bulk_nice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
                 return Text("bulk");
               },
               Dispatch::kBulk);
    router.Add("GET", "/api/v1/blocking-bulk",
               [this](Request&) {
                 entered.set_value();
                 release_future.wait();
                 return Text("released");
               },
               Dispatch::kBulk);
    // Issue 13: point reads, one answering at once and one whose answer waits for `finish`.
    router.Add(
        "GET", "/api/v1/point",
        [this](Request&) {
          std::lock_guard lock(mutex);
          point_thread = std::this_thread::get_id();
          return Text("point");
        },
        Dispatch::kPointRead);
    router.Add(
        "GET", "/api/v1/point-finish",
        [this](Request&) {
          {
            std::lock_guard lock(mutex);
            point_thread = std::this_thread::get_id();
          }
          Response pending = Text("not yet");
          pending.finish = [this] {
            std::lock_guard lock(mutex);
            finish_thread = std::this_thread::get_id();
            return Text("finished");
          };
          return pending;
        },
        Dispatch::kPointRead);
    router.Add("GET", "/api/v1/cached", [](Request&) {
      Response response = Text("public numbers");
      response.headers.emplace_back("Cache-Control", "public, max-age=60");
      return response;
    });
  }
};

ServerOptions TestOptions() {
  ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  options.worker_threads = 4;
  options.max_body_bytes = 1024;
  return options;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void StartServer(ServerOptions options = TestOptions()) {
    server_ = std::make_unique<HttpServer>(routes_.router, options);
    auto started = server_->Start();
    ASSERT_TRUE(started.has_value()) << started.error().message;
    ASSERT_NE(server_->port(), 0);
  }
  void SetUp() override { StartServer(); }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  TestRoutes routes_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(HttpServerTest, RoutesWithParamsAndSetsServerHeaders) {
  Client client(server_->port());
  auto res = client.Send("GET", "/api/v1/appeals/42");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.Json(), json({{"id", "42"}}));
  EXPECT_EQ(res.headers["server"], "minsheng");
  EXPECT_EQ(res.headers["content-type"], "application/json; charset=utf-8");
  EXPECT_EQ(res.headers["content-length"], std::to_string(res.body.size()));
}

TEST_F(HttpServerTest, EveryResponseCarriesSecurityHeadersAndNoStoreUnlessTheHandlerSaysOtherwise) {
  Client client(server_->port());
  for (const char* path : {"/api/v1/appeals/42", "/api/v1/no-such-route", "/api/v1/cached"}) {
    auto res = client.Send("GET", path);
    EXPECT_EQ(res.headers["x-content-type-options"], "nosniff") << path;
    EXPECT_EQ(res.headers["x-frame-options"], "DENY") << path;
    EXPECT_EQ(res.headers["referrer-policy"], "no-referrer") << path;
    const std::string csp = res.headers["content-security-policy"];
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << path;
  }
  EXPECT_EQ(client.Send("GET", "/api/v1/appeals/42").headers["cache-control"], "no-store");
  EXPECT_EQ(client.Send("GET", "/api/v1/no-such-route").headers["cache-control"], "no-store");
  EXPECT_EQ(client.Send("GET", "/api/v1/cached").headers["cache-control"], "public, max-age=60");
}

TEST_F(HttpServerTest, PassesDecodedQueryHeadersAndRemoteAddress) {
  Client client(server_->port());
  auto res = client.Send("GET", "/api/v1/echo?q=%E6%B0%91%E7%94%9F&page=2", "",
                         {{"X-Test-Agent", "gtest"}});
  ASSERT_EQ(res.status, 200);
  json body = res.Json();
  EXPECT_EQ(body["path"], "/api/v1/echo");
  EXPECT_EQ(body["target"], "/api/v1/echo?q=%E6%B0%91%E7%94%9F&page=2");
  EXPECT_EQ(body["query"], json({{"q", "民生"}, {"page", "2"}}));
  EXPECT_EQ(body["remote"], "127.0.0.1");
  EXPECT_EQ(body["agent"], "gtest");
}

TEST_F(HttpServerTest, HeadAnswersLikeGetWithoutTheBody) {
  Client client(server_->port());
  auto get = client.Send("GET", "/api/v1/appeals/42");
  auto head = client.Head("/api/v1/appeals/42");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers["content-length"], std::to_string(get.body.size()));
  EXPECT_EQ(head.headers["content-type"], get.headers["content-type"]);
  EXPECT_TRUE(head.body.empty());
  // The connection is still framed right: the next request on it gets its own answer.
  auto after = client.Send("GET", "/api/v1/appeals/7");
  EXPECT_EQ(after.status, 200);
  EXPECT_EQ(after.Json(), json({{"id", "7"}}));
  EXPECT_EQ(client.Head("/api/v1/nothing").status, 404);
}

TEST_F(HttpServerTest, UnknownRouteIs404AndWrongMethodIs405WithAllow) {
  Client client(server_->port());
  auto not_found = client.Send("GET", "/api/v1/nothing");
  EXPECT_EQ(not_found.status, 404);
  EXPECT_EQ(not_found.Code(), "route_not_found");
  auto not_allowed = client.Send("DELETE", "/api/v1/appeals");
  EXPECT_EQ(not_allowed.status, 405);
  EXPECT_EQ(not_allowed.Code(), "method_not_allowed");
  EXPECT_EQ(not_allowed.headers["allow"], "POST");
}

TEST_F(HttpServerTest, WorkerHandlerRunsOffTheIoThread) {
  Client client(server_->port());
  ASSERT_EQ(client.Send("GET", "/api/v1/appeals/1").status, 200);
  auto res = client.Send("GET", "/api/v1/worker");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "worker");
  EXPECT_EQ(routes_.worker_calls.load(), 1);
  std::lock_guard lock(routes_.mutex);
  EXPECT_EQ(routes_.inline_threads.size(), 1u);
  EXPECT_EQ(routes_.inline_threads.count(routes_.worker_thread), 0u);
}

TEST_F(HttpServerTest, BlockedWorkerHandlerDoesNotBlockOtherConnections) {
  // One I/O thread: if the blocking handler ran on it, the second client would time out.
  auto slow = std::async(std::launch::async, [port = server_->port()] {
    Client client(port);
    return client.Send("GET", "/api/v1/blocking");
  });
  routes_.entered.get_future().wait();
  Client fast(server_->port());
  auto res = fast.Send("GET", "/api/v1/appeals/7");
  EXPECT_EQ(res.status, 200);
  routes_.release.set_value();
  auto slow_res = slow.get();
  EXPECT_EQ(slow_res.status, 200);
  EXPECT_EQ(slow_res.body, "released");
}

// Issue 13: exports run on the bulk pool at a lower CPU priority; while every bulk thread is busy, the
// workers (and the I/O thread) still answer.
TEST_F(HttpServerTest, BulkHandlersRunOnTheirOwnLowerPriorityThreads) {
  server_->Stop();
  ServerOptions options = TestOptions();
  options.bulk_threads = 1;
  StartServer(options);
  const int base_nice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
  Client client(server_->port());
  auto res = client.Send("GET", "/api/v1/bulk");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "bulk");
  EXPECT_GE(routes_.bulk_nice.load(), std::max(base_nice, 10));
  auto slow = std::async(std::launch::async, [port = server_->port()] {
    Client blocked(port);
    return blocked.Send("GET", "/api/v1/blocking-bulk");
  });
  routes_.entered.get_future().wait();
  EXPECT_EQ(client.Send("GET", "/api/v1/worker").body, "worker");
  EXPECT_EQ(client.Send("GET", "/api/v1/appeals/7").status, 200);
  routes_.release.set_value();
  EXPECT_EQ(slow.get().body, "released");
}

// For a database whose reads wait on a server: inline handlers go to the workers too, so one slow
// read cannot hold up the I/O thread's other connections.
TEST_F(HttpServerTest, InlineOnWorkersKeepsTheIoThreadFree) {
  server_->Stop();
  ServerOptions options = TestOptions();
  options.inline_on_workers = true;
  StartServer(options);
  auto slow = std::async(std::launch::async, [port = server_->port()] {
    Client client(port);
    return client.Send("GET", "/api/v1/blocking-inline");
  });
  routes_.entered.get_future().wait();
  ClientResponse res;
  try {
    Client fast(server_->port());
    res = fast.Send("GET", "/api/v1/appeals/7");
  } catch (const std::exception& e) {
    ADD_FAILURE() << "the second connection was not served: " << e.what();
  }
  EXPECT_EQ(res.status, 200);
  routes_.release.set_value();
  EXPECT_EQ(slow.get().body, "released");
}

// Issue 13: a point read runs on the I/O thread where that thread says it may (on_io_thread), else on a worker;
// its `finish` always runs on a worker, and its answer is what is sent.
TEST_F(HttpServerTest, PointReadsRunOnTheIoThreadThatMayAndFinishOnAWorker) {
  for (const bool io_may : {true, false}) {
    SCOPED_TRACE(io_may ? "I/O thread reads" : "workers read");
    server_->Stop();
    routes_.inline_threads.clear();
    ServerOptions options = TestOptions();
    options.on_io_thread = [io_may] { return io_may; };
    StartServer(options);
    Client client(server_->port());
    ASSERT_EQ(client.Send("GET", "/api/v1/appeals/1").status, 200);  // inline: names the I/O thread
    auto res = client.Send("GET", "/api/v1/point");
    EXPECT_EQ(res.body, "point");
    std::thread::id io_thread;
    {
      std::lock_guard lock(routes_.mutex);
      ASSERT_EQ(routes_.inline_threads.size(), 1u);
      io_thread = *routes_.inline_threads.begin();
      EXPECT_EQ(routes_.point_thread == io_thread, io_may);
    }
    res = client.Send("GET", "/api/v1/point-finish");
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.body, "finished");
    EXPECT_EQ(res.headers["content-length"], "8");
    std::lock_guard lock(routes_.mutex);
    EXPECT_EQ(routes_.point_thread == io_thread, io_may);
    EXPECT_NE(routes_.finish_thread, io_thread);
    EXPECT_NE(routes_.finish_thread, std::thread::id());
  }
}

TEST_F(HttpServerTest, OversizedBodyGets413AndClose) {
  Client client(server_->port());
  auto ok = client.Send("POST", "/api/v1/size", std::string(1024, 'x'));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.Json()["size"], 1024);
  auto res = client.Send("POST", "/api/v1/size", std::string(4096, 'x'));
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(res.Code(), "payload_too_large");
  EXPECT_EQ(res.Json()["error"]["message"], "请求体过大");
  EXPECT_FALSE(res.keep_alive);
  EXPECT_TRUE(client.ServerClosed());
}

TEST_F(HttpServerTest, OversizedChunkedBodyGets413) {
  Client client(server_->port());
  std::string chunk(800, 'y');
  std::string raw = "POST /api/v1/size HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) raw += "320\r\n" + chunk + "\r\n";
  raw += "0\r\n\r\n";
  client.WriteRaw(raw);
  auto res = client.Read();
  EXPECT_EQ(res.status, 413);
  EXPECT_EQ(res.Code(), "payload_too_large");
}

TEST_F(HttpServerTest, MalformedJsonAndMissingFieldAre400WithCodeAndField) {
  Client client(server_->port());
  auto malformed = client.Send("POST", "/api/v1/appeals", "{\"title\":");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.Code(), "malformed_json");
  EXPECT_TRUE(malformed.Json()["error"]["field"].is_null());
  auto missing = client.Send("POST", "/api/v1/appeals", "{}");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.Code(), "missing_field");
  EXPECT_EQ(missing.Json()["error"]["field"], "title");
  auto created = client.Send("POST", "/api/v1/appeals", "{\"title\":\"路灯不亮\"}");
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(created.Json()["title"], "路灯不亮");
}

TEST_F(HttpServerTest, MalformedHttpIs400) {
  Client client(server_->port());
  client.WriteRaw("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
  auto res = client.Read();
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.Code(), "bad_request");
  EXPECT_TRUE(client.ServerClosed());
}

TEST_F(HttpServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  Client client(server_->port());
  for (int i = 0; i < 20; ++i) {
    auto res = client.Send(i % 2 ? "GET" : "POST", i % 2 ? "/api/v1/appeals/" + std::to_string(i)
                                                         : "/api/v1/size",
                           i % 2 ? "" : "abc");
    ASSERT_EQ(res.status, 200) << i;
    EXPECT_TRUE(res.keep_alive);
  }
}

TEST_F(HttpServerTest, ConnectionCloseIsHonoured) {
  Client client(server_->port());
  auto res = client.Send("GET", "/api/v1/appeals/1", "", {{"Connection", "close"}});
  EXPECT_EQ(res.status, 200);
  EXPECT_FALSE(res.keep_alive);
  EXPECT_TRUE(client.ServerClosed());
}

TEST_F(HttpServerTest, ThrowingHandlersGive500AndTheServerCarriesOn) {
  Client client(server_->port());
  auto res = client.Send("GET", "/api/v1/throw");
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.Code(), "internal");
  auto worker = client.Send("GET", "/api/v1/throw-worker");
  EXPECT_EQ(worker.status, 500);
  EXPECT_EQ(worker.Code(), "internal");
  EXPECT_EQ(client.Send("GET", "/api/v1/appeals/3").status, 200);
}

TEST_F(HttpServerTest, ExtraHeadersAndNoContent) {
  Client client(server_->port());
  auto res = client.Send("GET", "/api/v1/headers");
  EXPECT_EQ(res.status, 204);
  EXPECT_EQ(res.headers["x-one"], "1");
  EXPECT_EQ(res.headers.count("content-type"), 0u);
  EXPECT_EQ(res.headers.count("x-injected"), 0u);
  EXPECT_EQ(res.headers.count("x-bad"), 0u);
  EXPECT_EQ(res.body, "");
  EXPECT_EQ(client.Send("GET", "/api/v1/appeals/3").status, 200);
}

TEST_F(HttpServerTest, ExpectContinueIsAnswered) {
  Client client(server_->port());
  client.WriteRaw(
      "POST /api/v1/size HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  auto interim = client.Read();
  EXPECT_EQ(interim.status, 100);
  client.WriteRaw("hello");
  auto res = client.Read();
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.Json()["size"], 5);
}

TEST_F(HttpServerTest, StopClosesConnectedClients) {
  Client idle_after_request(server_->port());
  ASSERT_EQ(idle_after_request.Send("GET", "/api/v1/appeals/1").status, 200);
  Client never_sent(server_->port());
  Client half_sent(server_->port());
  half_sent.WriteRaw("POST /api/v1/size HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab");
  std::this_thread::sleep_for(50ms);
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_TRUE(idle_after_request.ServerClosed(2s));
  EXPECT_TRUE(never_sent.ServerClosed(2s));
  EXPECT_TRUE(half_sent.ServerClosed(2s));
  server_->Stop();  // idempotent
  server_->Wait();  // returns at once after Stop
}

TEST_F(HttpServerTest, StopWaitsForARunningWorkerHandler) {
  auto slow = std::async(std::launch::async, [port = server_->port()] {
    Client client(port);
    try {
      return client.Send("GET", "/api/v1/blocking").status;
    } catch (const std::exception&) {
      return -1;  // connection closed by Stop before the answer
    }
  });
  routes_.entered.get_future().wait();
  auto stopper = std::async(std::launch::async, [this] { server_->Stop(); });
  EXPECT_EQ(stopper.wait_for(200ms), std::future_status::timeout);
  routes_.release.set_value();
  EXPECT_EQ(stopper.wait_for(5s), std::future_status::ready);
  slow.get();
}

TEST_F(HttpServerTest, IdleConnectionsTimeOut) {
  server_->Stop();
  ServerOptions options = TestOptions();
  options.idle_timeout = 1s;
  StartServer(options);
  Client client(server_->port());
  ASSERT_EQ(client.Send("GET", "/api/v1/appeals/1").status, 200);
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.ServerClosed(4s));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 900ms);
}

TEST_F(HttpServerTest, BusyPortFailsToStart) {
  ServerOptions options = TestOptions();
  options.port = server_->port();
  HttpServer second(routes_.router, options);
  auto started = second.Start();
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(started.error().code, "bind_failed");
  second.Wait();  // never started: returns at once
}

TEST(HttpServerLifecycleTest, BadAddressIsInvalid) {
  Router router;
  ServerOptions options = TestOptions();
  options.address = "not-an-address";
  HttpServer server(router, options);
  auto started = server.Start();
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().code, "invalid_address");
}

TEST(HttpServerLifecycleTest, StartsAndStopsRepeatedly) {
  TestRoutes routes;
  for (int i = 0; i < 25; ++i) {
    ServerOptions options = TestOptions();
    options.io_threads = 2;
    HttpServer server(routes.router, options);
    ASSERT_TRUE(server.Start().has_value());
    Client client(server.port());
    ASSERT_EQ(client.Send("GET", "/api/v1/appeals/" + std::to_string(i)).status, 200);
    ASSERT_EQ(client.Send("GET", "/api/v1/worker").status, 200);
    if (i % 2) server.Stop();  // otherwise the destructor stops it
  }
}

TEST(HttpServerLifecycleTest, ManyConcurrentClients) {
  TestRoutes routes;
  ServerOptions options = TestOptions();
  options.io_threads = 2;
  HttpServer server(routes.router, options);
  ASSERT_TRUE(server.Start().has_value());
  std::vector<std::future<int>> clients;
  for (int c = 0; c < 8; ++c) {
    clients.push_back(std::async(std::launch::async, [port = server.port(), c] {
      Client client(port);
      int ok = 0;
      for (int i = 0; i < 200; ++i) {
        auto res = client.Send("GET", i % 4 ? "/api/v1/appeals/" + std::to_string(c * 1000 + i)
                                            : "/api/v1/worker");
        ok += res.status == 200;
      }
      return ok;
    }));
  }
  for (auto& f : clients) EXPECT_EQ(f.get(), 200);
}

// ---- error_mapping ----

TEST(ErrorMappingTest, OneStatusPerKind) {
  const std::vector<std::pair<ErrorKind, int>> table = {
      {ErrorKind::kInvalid, 400},     {ErrorKind::kUnauthenticated, 401},
      {ErrorKind::kForbidden, 403},   {ErrorKind::kNotFound, 404},
      {ErrorKind::kConflict, 409},    {ErrorKind::kTooLarge, 413},
      {ErrorKind::kRateLimited, 429}, {ErrorKind::kUnavailable, 503},
      {ErrorKind::kInternal, 500},
  };
  for (const auto& [kind, status] : table) {
    EXPECT_EQ(HttpStatus(kind), status);
    EXPECT_EQ(ErrorResponse(Error{kind, "c", "m", {}, {}}).status, status);
  }
}

TEST(ErrorMappingTest, BodyShape) {
  Response plain = ErrorResponse(Error::Invalid("missing_field", "缺少必填字段：title", "title"));
  EXPECT_EQ(json::parse(plain.body),
            json::parse(R"({"error":{"code":"missing_field","message":"缺少必填字段：title",)"
                        R"("field":"title"}})"));
  EXPECT_EQ(plain.content_type, "application/json; charset=utf-8");
  Error transition = Error::Conflict("invalid_transition", "当前状态不允许该操作");
  transition.allowed = {"accept", "return"};
  EXPECT_EQ(json::parse(ErrorResponse(transition).body),
            json::parse(R"({"error":{"code":"invalid_transition","message":"当前状态不允许该操作",)"
                        R"("field":null,"allowed":["accept","return"]}})"));
}

// ---- rate_limiter ----

TEST(RateLimiterTest, SpendsAndRefillsPerKey) {
  RateLimiter limiter(3, 30s);
  auto t0 = std::chrono::steady_clock::time_point{} + 1000s;
  EXPECT_TRUE(limiter.Allow("a", t0));
  EXPECT_TRUE(limiter.Allow("a", t0));
  EXPECT_TRUE(limiter.Allow("a", t0));
  EXPECT_FALSE(limiter.Allow("a", t0));
  EXPECT_TRUE(limiter.Allow("b", t0));  // keys are independent
  EXPECT_FALSE(limiter.Allow("a", t0 + 5s));  // a third of a token back
  EXPECT_TRUE(limiter.Allow("a", t0 + 10s));  // one token per 10 s
  EXPECT_FALSE(limiter.Allow("a", t0 + 10s));
  EXPECT_TRUE(limiter.Allow("a", t0 + 1000s));  // full again, but not more than 3
  EXPECT_TRUE(limiter.Allow("a", t0 + 1000s));
  EXPECT_TRUE(limiter.Allow("a", t0 + 1000s));
  EXPECT_FALSE(limiter.Allow("a", t0 + 1000s));
}

TEST(RateLimiterTest, MemoryIsBounded) {
  RateLimiter limiter(5, 60s, 100);
  auto t0 = std::chrono::steady_clock::time_point{} + 1000s;
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(limiter.Allow("key" + std::to_string(i), t0 + std::chrono::milliseconds(i)));
    ASSERT_LE(limiter.size(), 100u);
  }
  // Stale keys are dropped first, so an active key keeps its state.
  RateLimiter small(1, 10s, 2);
  EXPECT_TRUE(small.Allow("old", t0));
  EXPECT_TRUE(small.Allow("x", t0 + 15s));
  EXPECT_TRUE(small.Allow("new", t0 + 16s));  // table full: "old" is stale and goes
  EXPECT_EQ(small.size(), 2u);
  EXPECT_FALSE(small.Allow("x", t0 + 17s));  // "x" kept its spent bucket
}

TEST(RateLimiterTest, ThreadSafe) {
  RateLimiter limiter(1000, 3600s);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) allowed += limiter.Allow("shared");
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_GE(allowed.load(), 1000);
  EXPECT_LE(allowed.load(), 1002);  // at most a sliver refilled during the run
}

// ---- static_files ----

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("minsheng_static_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(root_ / "assets");
    Write(root_ / "index.html", "<html>app</html>");
    Write(root_ / "assets" / "app.1a2b.js", "console.log(1)");
    Write(root_ / "assets" / "app.1a2b.js.gz", "GZIPPED");
    Write(root_ / "logo.svg", "<svg/>");
    secret_ = root_.parent_path() / (root_.filename().string() + "_secret.txt");
    Write(secret_, "secret");
    handler_ = StaticFiles(root_);
  }
  void TearDown() override {
    std::filesystem::remove_all(root_);
    std::filesystem::remove(secret_);
  }

  static void Write(const std::filesystem::path& path, std::string_view content) {
    std::ofstream(path, std::ios::binary) << content;
  }

  Response Get(std::string path, std::string accept_encoding = "") {
    Request req;
    req.method = "GET";
    req.path = std::move(path);
    if (!accept_encoding.empty()) req.headers.emplace_back("Accept-Encoding", accept_encoding);
    return handler_(req);
  }

  static std::string HeaderOf(const Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
      if (key == name) return value;
    }
    return {};
  }

  std::filesystem::path root_;
  std::filesystem::path secret_;  // a file next to root_, which must stay out of reach
  Handler handler_;
};

TEST_F(StaticFilesTest, Table) {
  struct Case {
    std::string path, accept, status_body, content_type, cache, encoding;
    int status;
  };
  const std::string secret = secret_.filename().string();
  for (const Case& c : std::vector<Case>{
           {"/", "", "<html>app</html>", "text/html; charset=utf-8", "no-cache", "", 200},
           {"/index.html", "", "<html>app</html>", "text/html; charset=utf-8", "no-cache", "", 200},
           {"/logo.svg", "gzip", "<svg/>", "image/svg+xml", "no-cache", "", 200},
           {"/assets/app.1a2b.js", "", "console.log(1)", "text/javascript; charset=utf-8",
            "public, max-age=31536000, immutable", "", 200},
           {"/assets/app.1a2b.js", "gzip, deflate, br", "GZIPPED",
            "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", "gzip", 200},
           {"/appeals/42", "", "<html>app</html>", "text/html; charset=utf-8", "no-cache", "", 200},
           {"/missing.png", "", "", "", "", "", 404},
           {"/assets/missing.js", "", "", "", "", "", 404},
           {"/../" + secret, "", "", "", "", "", 404},
           {"/assets/../../" + secret, "", "", "", "", "", 404},
           {"/a\\b.txt", "", "", "", "", "", 404},
       }) {
    Response response = Get(c.path, c.accept);
    EXPECT_EQ(response.status, c.status) << c.path;
    if (c.status != 200) {
      EXPECT_EQ(json::parse(response.body)["error"]["code"], "not_found") << c.path;
      continue;
    }
    EXPECT_EQ(response.body, c.status_body) << c.path;
    EXPECT_EQ(response.content_type, c.content_type) << c.path;
    EXPECT_EQ(HeaderOf(response, "Cache-Control"), c.cache) << c.path;
    EXPECT_EQ(HeaderOf(response, "Content-Encoding"), c.encoding) << c.path;
  }
  EXPECT_EQ(HeaderOf(Get("/assets/app.1a2b.js"), "Vary"), "Accept-Encoding");
}

TEST_F(StaticFilesTest, ServedThroughTheRouterFallback) {
  Router router;
  router.Add("GET", "/api/v1/ping", [](Request&) { return JsonResponse(200, {{"ok", true}}); });
  router.SetFallback(handler_);
  HttpServer server(router, TestOptions());
  ASSERT_TRUE(server.Start().has_value());
  Client client(server.port());
  auto page = client.Send("GET", "/appeals/42?tab=timeline");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<html>app</html>");
  auto asset = client.Send("GET", "/assets/app.1a2b.js", "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(asset.headers["content-encoding"], "gzip");
  EXPECT_EQ(asset.body, "GZIPPED");
  EXPECT_EQ(client.Send("GET", "/api/v1/missing").Code(), "route_not_found");
}

}  // namespace
}  // namespace minsheng::api
