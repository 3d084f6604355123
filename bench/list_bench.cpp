// list_bench: how long GET /api/v1/appeals takes for each list filter and scope (issue 13), on a running
// minsheng server on loopback holding the demo's users (bench/lists_bigdb.sh makes a big one).
//
//   list_bench --url http://127.0.0.1:8080 [--repeat 30] [--deep 30] [--filter overdue]
//
// One keep-alive connection, one request at a time (the latency of a page, not a throughput). For each case:
// the first page `repeat` times; `deep` pages onwards by next_cursor (keyset); and page 50 by offset (`repeat`
// times). Prints p50/p99/max per case in ms and the case's total as the server gives it ("10000+" when the
// count stopped at the cap). Figures, not a test: exits 0 unless it could not run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

class Client {
 public:
  Client(const std::string& host, const std::string& port) : socket_(io_) {
    asio::ip::tcp::resolver resolver(io_);
    asio::connect(socket_, resolver.resolve(host, port));
    socket_.set_option(asio::ip::tcp::no_delay(true));
  }
  // The answer's status and body, and how long it took in ms.
  std::pair<int, json> Call(http::verb verb, const std::string& target, const std::string& token,
                            const std::string& body, double* ms = nullptr) {
    http::request<http::string_body> req(verb, target, 11);
    req.set(http::field::host, "127.0.0.1");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!body.empty()) {
      req.set(http::field::content_type, "application/json");
      req.body() = body;
    }
    req.prepare_payload();
    const auto start = Clock::now();
    http::write(socket_, req);
    http::response<http::string_body> res;
    buffer_.clear();
    http::read(socket_, buffer_, res);
    if (ms) *ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return {res.result_int(), json::parse(res.body(), nullptr, false)};
  }

 private:
  asio::io_context io_;
  asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

struct Stats {
  std::vector<double> ms;
  std::string Line() {
    if (ms.empty()) return "      —       —       —";
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
    char out[64];
    std::snprintf(out, sizeof out, "%7.2f %7.2f %7.2f", at(0.5), at(0.99), ms.back());
    return out;
  }
};

struct Case {
  std::string label, user, query;
};

}  // namespace

int main(int argc, char** argv) {
  std::string url = "http://127.0.0.1:8080", filter;
  int repeat = 30, deep = 30;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--url") url = value;
    else if (flag == "--repeat") repeat = std::atoi(value.c_str());
    else if (flag == "--deep") deep = std::atoi(value.c_str());
    else if (flag == "--filter") filter = value;
    else return std::fprintf(stderr, "unknown flag %s\n", flag.c_str()), 2;
  }
  const auto hostport = url.substr(url.find("//") + 2);
  const auto host = hostport.substr(0, hostport.find(':'));
  if (host != "127.0.0.1" && host != "localhost") return std::fprintf(stderr, "loopback only\n"), 2;
  Client client(host, hostport.substr(hostport.find(':') + 1));

  std::map<std::string, std::string> tokens;
  for (const char* user : {"coordinator", "coordinator-s01", "handler-housing", "deputy"}) {
    auto [status, body] = client.Call(http::verb::post, "/api/v1/auth/login", "",
                                      json{{"username", user}, {"password", "demo12345"}}.dump());
    if (status != 200) return std::fprintf(stderr, "login %s: %d\n", user, status), 1;
    tokens[user] = body["token"].get<std::string>();
  }
  const std::string& admin = tokens["coordinator"];
  // The demo's reference data: its first street, a community and a grid of it, the housing bureau, a category.
  std::string street, community, grid, housing, category;
  for (const auto& r : client.Call(http::verb::get, "/api/v1/regions", admin, "").second["items"]) {
    const std::string id = std::to_string(r["id"].get<long long>()), level = r["level"];
    if (level == "street" && street.empty()) street = id;
    if (level == "community" && community.empty()) community = id;
    if (level == "grid" && grid.empty()) grid = id;
  }
  for (const auto& d : client.Call(http::verb::get, "/api/v1/departments", admin, "").second["items"])
    if (d["code"] == "housing") housing = std::to_string(d["id"].get<long long>());
  category = std::to_string(
      client.Call(http::verb::get, "/api/v1/categories", admin, "").second["items"][0]["id"].get<long long>());

  const std::vector<Case> cases = {
      {"all (district)", "coordinator", ""},
      {"status=in_progress", "coordinator", "status=in_progress"},
      {"status=closed", "coordinator", "status=closed"},
      {"status=received (rare)", "coordinator", "status=received"},
      {"department_id (any dispatch)", "coordinator", "department_id=" + housing},
      {"lead_unit_id", "coordinator", "lead_unit_id=" + housing},
      {"region_id street", "coordinator", "region_id=" + street},
      {"region_id community", "coordinator", "region_id=" + community},
      {"region_id grid", "coordinator", "region_id=" + grid},
      {"category_id", "coordinator", "category_id=" + category},
      {"channel=phone", "coordinator", "channel=phone"},
      {"channel=grid", "coordinator", "channel=grid"},
      {"overdue=true", "coordinator", "overdue=true"},
      {"from/to (one month)", "coordinator", "from=2025-06-01&to=2025-06-30"},
      {"sort=due", "coordinator", "sort=due"},
      {"sort=due&status=dispatched", "coordinator", "sort=due&status=dispatched"},
      {"sort=due&overdue=true", "coordinator", "sort=due&overdue=true"},
      {"sort=due&department_id", "coordinator", "sort=due&department_id=" + housing},
      {"status+category", "coordinator", "status=closed&category_id=" + category},
      {"scope street coordinator", "coordinator-s01", ""},
      {"scope street, sort=due", "coordinator-s01", "sort=due"},
      {"scope street, overdue", "coordinator-s01", "overdue=true"},
      {"scope handler unit", "handler-housing", ""},
      {"scope handler, sort=due", "handler-housing", "sort=due"},
      {"scope handler, overdue", "handler-housing", "overdue=true"},
      {"scope deputy", "deputy", ""},
  };
  std::printf("%-30s %-24s %-24s %-24s %s\n", "case", "first page p50/p99/max", "by cursor p50/p99/max",
              "page 50 p50/p99/max", "total");
  for (const auto& c : cases) {
    if (!filter.empty() && c.label.find(filter) == std::string::npos) continue;
    const std::string& token = tokens[c.user];
    const std::string base = "/api/v1/appeals?page_size=20" + (c.query.empty() ? "" : "&" + c.query);
    Stats first, keyset, offset;
    json page;
    for (int i = 0; i < repeat; ++i) {
      double ms = 0;
      auto [status, body] = client.Call(http::verb::get, base, token, "", &ms);
      if (status != 200) return std::fprintf(stderr, "%s: %d %s\n", base.c_str(), status, body.dump().c_str()), 1;
      first.ms.push_back(ms);
      page = std::move(body);
    }
    std::string total = std::to_string(page["total"].get<long long>()) + (page["total_exact"] == false ? "+" : "");
    json next = page["next_cursor"];
    for (int i = 0; i < deep && next.is_string(); ++i) {
      double ms = 0;
      auto [status, body] = client.Call(http::verb::get, base + "&cursor=" + next.get<std::string>(), token, "", &ms);
      if (status != 200) return std::fprintf(stderr, "%s: %d\n", base.c_str(), status), 1;
      keyset.ms.push_back(ms);
      next = body["next_cursor"];
    }
    for (int i = 0; i < repeat; ++i) {
      double ms = 0;
      client.Call(http::verb::get, base + "&page=50", token, "", &ms);
      offset.ms.push_back(ms);
    }
    std::printf("%-30s %-24s %-24s %-24s %s\n", c.label.c_str(), first.Line().c_str(), keyset.Line().c_str(),
                offset.Line().c_str(), total.c_str());
    std::fflush(stdout);  // a case at a time, also into a file: a slow case shows which it is
  }
  return 0;
}
