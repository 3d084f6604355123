// load_client: a multi-threaded HTTP/1.1 keep-alive load generator for a minsheng server on loopback.
//
//   load_client --url http://127.0.0.1:8080[,http://127.0.0.1:8081…] --mode intake|get|list|path [--path A|B]
//               [--connections 64] [--seconds 10]
//               [--token TOKEN | --user admin --password demo12345] [--ids 1-2000]
//               [--region ID] [--category ID] [--warmup 1]
//
// One thread per connection, each sending its next request as soon as the previous answer is read
// (closed loop). With several URLs (servers on one database) the connections are spread over them. Prints requests, req/s, latency percentiles, and answers by status. Figures, not a test:
// it exits 0 unless it could not run at all. Only 127.0.0.1 / localhost targets are accepted.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <nlohmann/json.hpp>

namespace {

namespace http = boost::beast::http;
using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::vector<int> ports;  // every server's port; connection t goes to ports[t % size]
  std::string mode = "get";
  int connections = 64;
  double seconds = 10;
  double warmup = 1;
  std::string token;
  std::string user = "admin";
  std::string password = "demo12345";
  long long id_min = 1, id_max = 2000;
  long long region = 0, category = 0;
  std::vector<std::string> paths;  // --mode path: GET these targets in turn (--path A|B|…)
};

struct Reply {
  int status = 0;
  std::string body;
};

// One blocking keep-alive connection with 5 s socket timeouts.
class Connection {
 public:
  Connection(const std::string& host, int port) : host_(host), port_(port) {}
  ~Connection() { Close(); }

  std::optional<Reply> Send(const std::string& method, const std::string& target, const std::string& body,
                            const std::string& token) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (fd_ < 0 && !Open()) return std::nullopt;
      std::string request = method + " " + target + " HTTP/1.1\r\nHost: " + host_ + "\r\n";
      if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
      if (!body.empty() || method == "POST")
        request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
      request += "\r\n" + body;
      bool fresh = attempt > 0 || !used_;
      if (auto reply = Exchange(request)) {
        used_ = true;
        return reply;
      }
      Close();
      if (fresh) return std::nullopt;  // a reused connection may have been closed by the server: retry once
    }
    return std::nullopt;
  }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    used_ = false;
  }

 private:
  bool Open() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return false;
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      Close();
      return false;
    }
    return true;
  }

  std::optional<Reply> Exchange(const std::string& request) {
    size_t sent = 0;
    while (sent < request.size()) {
      ssize_t n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        return std::nullopt;
      }
      sent += static_cast<size_t>(n);
    }
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    parser.body_limit(64u << 20);
    while (!parser.is_done()) {
      if (buffer_.size() > 0) {
        boost::beast::error_code ec;
        size_t used = parser.put(buffer_.data(), ec);
        buffer_.consume(used);
        if (ec && ec != http::error::need_more) return std::nullopt;
        if (parser.is_done()) break;
        if (used > 0 && buffer_.size() > 0) continue;
      }
      auto space = buffer_.prepare(64 * 1024);
      ssize_t n = ::recv(fd_, space.data(), space.size(), 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return std::nullopt;
      buffer_.commit(static_cast<size_t>(n));
    }
    auto message = parser.release();
    Reply reply{static_cast<int>(message.result_int()), std::move(message.body())};
    if (!message.keep_alive()) Close();
    return reply;
  }

  std::string host_;
  int port_;
  int fd_ = -1;
  bool used_ = false;
  boost::beast::flat_buffer buffer_;
};

int Usage(const char* why) {
  std::fprintf(stderr,
               "%s\nusage: load_client --url http://127.0.0.1:PORT --mode intake|get|list|path [--path A|B] [--connections N]\n"
               "       [--seconds S] [--warmup S] [--token T | --user U --password P] [--ids A-B]\n"
               "       [--region ID] [--category ID]\n",
               why);
  return 2;
}

bool ParseOneUrl(const std::string& url, Options* o) {
  std::string rest = url;
  if (rest.starts_with("http://")) rest = rest.substr(7);
  if (auto slash = rest.find('/'); slash != std::string::npos) rest = rest.substr(0, slash);
  auto colon = rest.rfind(':');
  std::string host = colon == std::string::npos ? rest : rest.substr(0, colon);
  if (host != "127.0.0.1" && host != "localhost") return false;
  o->host = "127.0.0.1";
  o->port = colon == std::string::npos ? 80 : std::atoi(rest.c_str() + colon + 1);
  return o->port > 0;
}

// A comma-separated list of URLs; the first is used for logging in.
bool ParseUrl(const std::string& urls, Options* o) {
  std::vector<int> ports;
  std::size_t start = 0;
  while (start <= urls.size()) {
    std::size_t comma = urls.find(',', start);
    if (comma == std::string::npos) comma = urls.size();
    if (!ParseOneUrl(urls.substr(start, comma - start), o)) return false;
    ports.push_back(o->port);
    start = comma + 1;
  }
  o->ports = std::move(ports);
  o->port = o->ports.front();
  return true;
}

double Percentile(const std::vector<uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t i = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(i, sorted.size() - 1)] / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::string url = "http://127.0.0.1:8080";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return Usage(("missing value for " + a).c_str());
    std::string v = argv[++i];
    if (a == "--url") {
      url = v;
    } else if (a == "--mode") {
      o.mode = v;
    } else if (a == "--path") {
      for (std::size_t start = 0; start <= v.size();) {
        const std::size_t bar = std::min(v.find('|', start), v.size());
        if (bar > start) o.paths.push_back(v.substr(start, bar - start));
        start = bar + 1;
      }
    } else if (a == "--connections") {
      o.connections = std::clamp(std::atoi(v.c_str()), 1, 1024);
    } else if (a == "--seconds") {
      o.seconds = std::clamp(std::atof(v.c_str()), 0.1, 600.0);
    } else if (a == "--warmup") {
      o.warmup = std::clamp(std::atof(v.c_str()), 0.0, 60.0);
    } else if (a == "--token") {
      o.token = v;
    } else if (a == "--user") {
      o.user = v;
    } else if (a == "--password") {
      o.password = v;
    } else if (a == "--ids") {
      if (std::sscanf(v.c_str(), "%lld-%lld", &o.id_min, &o.id_max) != 2 || o.id_min > o.id_max)
        return Usage("--ids wants A-B");
    } else if (a == "--region") {
      o.region = std::atoll(v.c_str());
    } else if (a == "--category") {
      o.category = std::atoll(v.c_str());
    } else {
      return Usage(("unknown argument " + a).c_str());
    }
  }
  if (!ParseUrl(url, &o)) return Usage("--url must be http://127.0.0.1:PORT or http://localhost:PORT");
  if (o.mode != "intake" && o.mode != "get" && o.mode != "list" && o.mode != "path")
    return Usage("--mode is intake, get, list or path");
  if (o.mode == "path" && o.paths.empty()) return Usage("--mode path needs --path /api/v1/…[|/api/v1/…]");

  Connection setup(o.host, o.port);
  if (o.token.empty()) {
    json login = {{"username", o.user}, {"password", o.password}};
    auto reply = setup.Send("POST", "/api/v1/auth/login", login.dump(), "");
    json parsed = reply ? json::parse(reply->body, nullptr, false) : json();
    if (!reply || reply->status != 200 || !parsed.is_object() || !parsed.contains("token")) {
      std::fprintf(stderr, "login as %s failed (%s)\n", o.user.c_str(),
                   reply ? (std::to_string(reply->status) + " " + reply->body.substr(0, 200)).c_str() : "no answer");
      return 1;
    }
    o.token = parsed["token"].get<std::string>();
  }
  if (o.mode == "intake" && (o.region == 0 || o.category == 0)) {
    auto regions = setup.Send("GET", "/api/v1/regions", "", o.token);
    auto categories = setup.Send("GET", "/api/v1/categories", "", o.token);
    json r = regions ? json::parse(regions->body, nullptr, false) : json();
    json c = categories ? json::parse(categories->body, nullptr, false) : json();
    for (const auto& item : r.value("items", json::array()))
      if (o.region == 0 && item.value("level", "") == "community") o.region = item.value("id", 0LL);
    if (o.category == 0 && c.value("items", json::array()).size() > 0) o.category = c["items"][0].value("id", 0LL);
    if (o.region == 0 || o.category == 0) {
      std::fprintf(stderr, "cannot find a community region and a category; pass --region and --category\n");
      return 1;
    }
  }

  std::atomic<bool> measuring{false}, stop{false};
  std::mutex mutex;
  std::vector<uint32_t> latencies;
  std::map<int, long long> by_status;
  long long failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < o.connections; ++t) {
    threads.emplace_back([&, t] {
      Connection connection(o.host, o.ports[static_cast<std::size_t>(t) % o.ports.size()]);
      std::mt19937_64 rng(static_cast<uint64_t>(t) * 0x9E3779B97F4A7C15ULL + 1);
      std::uniform_int_distribution<long long> ids(o.id_min, o.id_max);
      std::vector<uint32_t> mine;
      mine.reserve(1 << 16);
      std::map<int, long long> statuses;
      long long failed = 0, n = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        std::string method = "GET", target, body;
        if (o.mode == "get") {
          target = "/api/v1/appeals/" + std::to_string(ids(rng));
        } else if (o.mode == "list") {
          target = "/api/v1/appeals?page=" + std::to_string(1 + rng() % 10) + "&page_size=20";
        } else if (o.mode == "path") {
          target = o.paths[static_cast<std::size_t>(n) % o.paths.size()];
        } else {
          method = "POST";
          target = "/api/v1/appeals";
          json appeal = {{"title", "压测诉求 " + std::to_string(t) + "-" + std::to_string(n)},
                         {"content", "负载测试：小区路灯损坏，夜间出行不便，请尽快维修。"},
                         {"channel", "phone"},
                         {"region_id", o.region},
                         {"category_id", o.category},
                         {"appellant", {{"anonymous", true}}}};
          body = appeal.dump();
        }
        ++n;
        auto start = SteadyClock::now();
        auto reply = connection.Send(method, target, body, o.token);
        auto micros = std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start).count();
        if (!measuring.load(std::memory_order_relaxed)) continue;
        if (!reply) {
          ++failed;
          continue;
        }
        mine.push_back(static_cast<uint32_t>(std::min<long long>(micros, UINT32_MAX)));
        ++statuses[reply->status];
      }
      std::lock_guard lock(mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
      for (auto [s, c] : statuses) by_status[s] += c;
      failures += failed;
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(o.warmup));
  auto began = SteadyClock::now();
  measuring = true;
  std::this_thread::sleep_for(std::chrono::duration<double>(o.seconds));
  measuring = false;
  double elapsed = std::chrono::duration<double>(SteadyClock::now() - began).count();
  stop = true;
  for (auto& t : threads) t.join();

  std::sort(latencies.begin(), latencies.end());
  long long non_2xx = 0;
  for (auto [s, c] : by_status)
    if (s / 100 != 2) non_2xx += c;
  std::string ports;
  for (int port : o.ports) ports += (ports.empty() ? "" : ",") + std::to_string(port);
  std::printf("mode %s, %d connections, %.1f s (after %.1f s warm-up), %s:%s\n", o.mode.c_str(), o.connections,
              elapsed, o.warmup, o.host.c_str(), ports.c_str());
  std::printf("requests  %zu\nreq/s     %.0f\n", latencies.size(), latencies.size() / elapsed);
  std::printf("latency   p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n", Percentile(latencies, 0.50),
              Percentile(latencies, 0.90), Percentile(latencies, 0.99),
              latencies.empty() ? 0.0 : latencies.back() / 1000.0);
  std::printf("non-2xx   %lld\n", non_2xx);
  std::printf("failed    %lld (connection errors or timeouts)\n", failures);
  std::printf("statuses ");
  for (auto [s, c] : by_status) std::printf(" %d:%lld", s, c);
  std::printf("\n");
  return 0;
}
