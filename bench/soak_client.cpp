// soak_client: bounded, mixed traffic against one `minsheng serve` on loopback for a given time, with the
// server's memory and open file descriptors sampled once a minute. Driven by bench/soak.sh.
//
//   soak_client --url http://127.0.0.1:PORT --server-pid PID [--minutes 30] [--rate 100]
//               [--workers 4] [--public-addresses 64] [--password demo12345] [--pages]
//               [--sample-seconds 60] [--warm-minutes 5] [--rss-growth 0.20]
//
// Traffic (the demo users of `minsheng demo`): residents submit on the public portal (each from its own
// loopback address, 127.0.1.x, on a fresh connection, at most once every 13 s per address, so the
// 5-per-minute limit is never hit; a 429 would be counted) and track and rate by receipt code;
// the registrar registers; the coordinator takes the oldest received or reopened appeals off the
// work queue (sort=due) and dispatches them to their category's unit; that unit's handler accepts,
// contacts, sometimes asks for an extension (the coordinator approves it) and replies; the supervisor
// calls back (about one in eight dissatisfied, so the appeal is reopened and comes round again) or the
// resident rates it on the portal. Around that: lists with filters (status, q=, sort=due, overdue,
// category, region, pages, with=last_reply, street staff), appeal details, supervision notices,
// /metrics, /rankings and the .xlsx export, the public numbers, regions and categories, /health,
// logins followed by logout (and the ended token refused), and with --pages the portal's page.
//
// Every HTTP request waits for its turn on one shared pacer, so the whole client never sends more than
// --rate requests per second (a slow answer makes it slower, never burstier). --workers threads each
// keep one keep-alive connection for the staff traffic.
//
// Every --sample-seconds it reads /proc/PID/status (VmRSS, VmHWM, RssAnon, RssFile, Threads) while no
// login of its own is in flight (a login's argon2id hash holds 64 MiB for a moment; VmHWM shows those
// peaks), counts /proc/PID/fd (the least of five reads 20 ms apart, so a connection being opened or closed
// that instant does not count) and prints one line with the answers of that minute by status class.
// At the end: the series' first/median/last/max, the requests by kind and status, every unexpected
// answer (the first 40 in full), and the verdict. It exits 1 (FAIL) if
//   - any answer is a 5xx, or a request got no answer (connection error or 10 s timeout);
//   - the server's own resident memory (RssAnon: heap, stacks; VmRSS without its file-backed pages) at
//     the end is more than --rss-growth (20%) above the same at the end of minute --warm-minutes (5; the
//     first sample if the run is shorter). The file-backed rest of VmRSS is the binary's libraries and
//     the SQLite database, mapped (mmap_size) by every connection of the pool: it swings by tens of MiB
//     from minute to minute as connections remap the growing file and touch its pages, up to
//     connections × file size; it is page cache, not the server's memory, so VmRSS is printed, not judged;
//   - open fds at the end are more than the most seen up to minute --warm-minutes;
//   - the server process went away.
// Other unexpected answers (a 4xx the traffic did not expect) are listed but do not fail the run.
// Only 127.0.0.1 / localhost targets are accepted.
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <shared_mutex>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
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
  int port = 0;
  long server_pid = 0;
  double minutes = 30;
  double rate = 100;
  int workers = 4;
  int public_addresses = 64;
  std::string password = "demo12345";
  bool pages = false;
  double sample_seconds = 60;
  int warm_minutes = 5;
  double rss_growth = 0.20;
};

struct Reply {
  int status = 0;  // 0: no answer
  std::string body;
};

// One blocking HTTP/1.1 connection to 127.0.0.1:port with 10 s socket timeouts, optionally from a
// given loopback source address.
class Connection {
 public:
  Connection(int port, std::string source = "") : port_(port), source_(std::move(source)) {}
  ~Connection() { Close(); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Reply Send(const std::string& method, const std::string& target, const std::string& body,
             const std::string& token, bool close_after = false) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (fd_ < 0 && !Open()) return {};
      std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
      if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
      if (close_after) request += "Connection: close\r\n";
      if (!body.empty() || method == "POST")
        request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
      request += "\r\n" + body;
      bool fresh = attempt > 0 || !used_;
      if (auto reply = Exchange(request)) {
        used_ = true;
        if (close_after) Close();
        return *reply;
      }
      Close();
      if (fresh) return {};  // a reused connection may have been closed by the server: retry once
    }
    return {};
  }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    used_ = false;
    buffer_.clear();
  }

 private:
  bool Open() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return false;
    timeval tv{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (!source_.empty()) {
      sockaddr_in local{};
      local.sin_family = AF_INET;
      ::inet_pton(AF_INET, source_.c_str(), &local.sin_addr);
      if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
        Close();
        return false;
      }
    }
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

  int port_;
  std::string source_;
  int fd_ = -1;
  bool used_ = false;
  boost::beast::flat_buffer buffer_;
};

// Hands out send times `1/rate` apart to all threads; a thread that falls behind does not earn a burst.
class Pacer {
 public:
  explicit Pacer(double rate)
      : interval_(std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(1.0 / rate))) {}

  void Wait() {
    SteadyClock::time_point slot;
    {
      std::lock_guard lock(mutex_);
      auto now = SteadyClock::now();
      if (next_ < now - std::chrono::milliseconds(100)) next_ = now;
      slot = next_;
      next_ += interval_;
    }
    std::this_thread::sleep_until(slot);
  }

 private:
  std::mutex mutex_;
  SteadyClock::duration interval_;
  SteadyClock::time_point next_ = SteadyClock::now();
};

// Answers by kind and status, the current minute's classes, and unexpected answers.
class Stats {
 public:
  void Count(const std::string& kind, const std::string& target, int status, bool expected,
             const std::string& body) {
    std::lock_guard lock(mutex_);
    ++by_kind_[kind][status];
    ++minute_[status / 100];
    ++total_;
    if (expected) return;
    ++unexpected_[kind + " " + std::to_string(status)];
    if (samples_.size() < 40)
      samples_.push_back(kind + "  " + target + "  -> " + (status ? std::to_string(status) : "no answer") + "  " +
                         body.substr(0, 300));
  }

  // The classes since the last call (index 0: no answer, 2: 2xx … 5: 5xx) and the total so far.
  std::array<long long, 6> TakeMinute(long long* total) {
    std::lock_guard lock(mutex_);
    auto m = minute_;
    minute_ = {};
    *total = total_;
    return m;
  }

  long long Classes(int status_class) {
    std::lock_guard lock(mutex_);
    long long n = 0;
    for (const auto& [kind, statuses] : by_kind_)
      for (auto [s, c] : statuses)
        if (s / 100 == status_class) n += c;
    return n;
  }

  void Print() {
    std::lock_guard lock(mutex_);
    std::printf("requests by kind and status (%lld in all):\n", total_);
    for (const auto& [kind, statuses] : by_kind_) {
      long long n = 0;
      std::string line;
      for (auto [s, c] : statuses) {
        n += c;
        line += ' ';
        line += s ? std::to_string(s) : std::string("none");
        line += ':';
        line += std::to_string(c);
      }
      std::printf("  %-22s %8lld %s\n", kind.c_str(), n, line.c_str());
    }
    if (unexpected_.empty()) {
      std::printf("unexpected answers: none\n");
      return;
    }
    std::printf("unexpected answers:");
    for (const auto& [what, n] : unexpected_) std::printf("  %s ×%lld", what.c_str(), n);
    std::printf("\n");
    for (const auto& s : samples_) std::printf("  %s\n", s.c_str());
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::map<int, long long>> by_kind_;
  std::array<long long, 6> minute_{};
  long long total_ = 0;
  std::map<std::string, long long> unexpected_;
  std::vector<std::string> samples_;
};

struct Tracked {
  long long id = 0;
  long long unit = 0;
  std::string receipt;
  bool extended = false;
};

// What the client knows about the district and the appeals it is moving along.
struct World {
  std::vector<long long> communities, streets, categories, units;
  std::map<long long, long long> unit_of_category;
  std::map<long long, std::string> handler_of_unit;  // unit id → handler username
  std::map<std::string, std::string> tokens;         // username → token

  std::mutex mutex;
  std::deque<Tracked> dispatched, accepted, in_progress, replied;  // the next step is the handler's or a callback
  std::set<std::pair<long long, long long>> claimed;               // (id, version) taken off the work queue
  std::vector<std::string> receipts;                               // a ring of known receipt codes
  std::size_t next_receipt = 0;
  long long max_id = 1;
  long long registered = 0, submitted = 0, closed = 0, reopened = 0;
  // Held shared by each login while the server hashes its password (argon2id takes 64 MiB for a moment),
  // and exclusively while the server's memory is sampled, so a sample never catches a login's buffer.
  std::shared_mutex logins;

  void AddReceipt(const std::string& code) {
    if (code.empty()) return;
    std::lock_guard lock(mutex);
    if (receipts.size() < 4096) {
      receipts.push_back(code);
    } else {
      receipts[next_receipt] = code;
      next_receipt = (next_receipt + 1) % receipts.size();
    }
  }

  void Push(std::deque<Tracked>& queue, Tracked t) {
    std::lock_guard lock(mutex);
    queue.push_back(std::move(t));
    if (queue.size() > 400) queue.pop_front();  // left where it is on the server
  }

  std::optional<Tracked> Pop(std::deque<Tracked>& queue) {
    std::lock_guard lock(mutex);
    if (queue.empty()) return std::nullopt;
    Tracked t = std::move(queue.front());
    queue.pop_front();
    return t;
  }
};

std::string Encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

json Parse(const Reply& r) { return json::parse(r.body, nullptr, false); }

const char* const kWords[] = {"路灯", "噪音", "物业", "停车", "漏水", "电梯", "垃圾", "工资", "学位", "油烟", "100%", "a_b"};
const char* const kStatuses[] = {"received", "dispatched", "accepted", "in_progress", "replied",
                                 "closed",   "reopened",   "returned", "explaining"};
const char* const kGroupings[] = {"department", "region", "category", "channel", "deputy", "week", "month"};
const char* const kPublicGroupings[] = {"department", "region", "category", "month"};
const char* const kVisitors[] = {"deputy",        "leader",         "leader-2",       "deputy-s01",
                                 "deputy-s02",    "registrar-s01",  "coordinator-s02", "registrar-s02"};

class Soak {
 public:
  Soak(const Options& o, World& world, Stats& stats, Pacer& pacer) : o_(o), w_(world), stats_(stats), pacer_(pacer) {
    for (int i = 0; i < o.public_addresses; ++i)
      addresses_.push_back({"127.0.1." + std::to_string(1 + i % 250), SteadyClock::time_point{}});
  }

  // One worker: a weighted choice of actions until `stop`.
  void Run(int index, const std::atomic<bool>& stop) {
    Connection staff(o_.port);
    std::mt19937_64 rng(0x5EED0000ULL + static_cast<uint64_t>(index));
    struct Action {
      int weight;
      void (Soak::*run)(Connection&, std::mt19937_64&);
    };
    const std::vector<Action> actions = {
        {20, &Soak::Register},     {12, &Soak::PublicSubmit}, {35, &Soak::DispatchNext}, {33, &Soak::AcceptNext},
        {33, &Soak::ContactNext},  {33, &Soak::ReplyNext},    {33, &Soak::CallbackNext}, {4, &Soak::ExtensionNext},
        {180, &Soak::List},        {140, &Soak::Detail},      {25, &Soak::HandlerQueue}, {35, &Soak::Metrics},
        {12, &Soak::Rankings},     {2, &Soak::Export},        {10, &Soak::Notices},      {110, &Soak::PublicTrack},
        {30, &Soak::PublicNumbers}, {20, &Soak::PublicReference}, {15, &Soak::Reference}, {5, &Soak::LoginLogout},
        {o_.pages ? 15 : 0, &Soak::Page},
    };
    int total = 0;
    for (const auto& a : actions) total += a.weight;
    std::uniform_int_distribution<int> pick(0, total - 1);
    while (!stop.load(std::memory_order_relaxed)) {
      int r = pick(rng);
      for (const auto& a : actions) {
        if (r < a.weight) {
          (this->*a.run)(staff, rng);
          break;
        }
        r -= a.weight;
      }
    }
  }

 private:
  // One request, paced and counted. `expect` lists the statuses this request may get in normal work.
  Reply Call(Connection& c, const std::string& kind, const std::string& method, const std::string& target,
             const std::string& body, const std::string& user, std::initializer_list<int> expect = {200}) {
    pacer_.Wait();
    std::string token = user.empty() ? "" : w_.tokens.at(user);
    Reply r = c.Send(method, target, body, token);
    bool ok = r.status != 0 && r.status < 500 && std::find(expect.begin(), expect.end(), r.status) != expect.end();
    stats_.Count(kind, method + " " + target, r.status, ok, r.body);
    return r;
  }

  template <class T>
  static const T& Any(const std::vector<T>& v, std::mt19937_64& rng) {
    return v[rng() % v.size()];
  }

  json AppealBody(std::mt19937_64& rng, bool staff) {
    long long category = Any(w_.categories, rng);
    json b = {{"title", std::string("浸泡测试诉求 ") + std::to_string(rng() % 100000)},
              {"content", "小区门口路灯损坏多日，夜间出行不便，老人孩子容易摔倒，请尽快维修。"},
              {"region_id", Any(w_.communities, rng)},
              {"category_id", category},
              {"address", "锦绣花园3栋2单元"}};
    if (rng() % 4 == 0)
      b["appellant"] = {{"anonymous", true}};
    else
      b["appellant"] = {{"name", "张先生"}, {"phone", "1380000" + std::to_string(1000 + rng() % 9000)}, {"anonymous", false}};
    if (staff) b["channel"] = rng() % 2 ? "phone" : "walk_in";
    return b;
  }

  void Register(Connection& c, std::mt19937_64& rng) {
    auto r = Call(c, "register", "POST", "/api/v1/appeals", AppealBody(rng, true).dump(), "registrar", {201});
    if (r.status != 201) return;
    json a = Parse(r);
    if (!a.is_object()) return;
    w_.AddReceipt(a.value("receipt_code", ""));
    std::lock_guard lock(w_.mutex);
    w_.max_id = std::max(w_.max_id, a.value("id", 0LL));
    ++w_.registered;
  }

  // A resident from the next loopback address that has not submitted for 13 s, on a fresh connection;
  // tracking instead when every address has submitted lately.
  void PublicSubmit(Connection& c, std::mt19937_64& rng) {
    std::string source;
    {
      std::lock_guard lock(address_mutex_);
      auto now = SteadyClock::now();
      for (std::size_t i = 0; i < addresses_.size(); ++i) {
        auto& [address, last] = addresses_[(next_address_ + i) % addresses_.size()];
        if (last == SteadyClock::time_point{} || now - last >= std::chrono::seconds(13)) {
          source = address;
          last = now;
          next_address_ = (next_address_ + i + 1) % addresses_.size();
          break;
        }
      }
    }
    if (source.empty()) return PublicTrack(c, rng);
    Connection resident(o_.port, source);
    pacer_.Wait();
    std::string target = "/api/v1/public/appeals";
    Reply r = resident.Send("POST", target, AppealBody(rng, false).dump(), "", /*close_after=*/true);
    stats_.Count("public.submit", "POST " + target + " from " + source, r.status, r.status == 201, r.body);
    if (r.status != 201) return;
    json a = Parse(r);
    if (a.is_object()) w_.AddReceipt(a.value("receipt_code", ""));
    std::lock_guard lock(w_.mutex);
    ++w_.submitted;
  }

  // The coordinator's work queue (received, or reopened), oldest deadline first: dispatches the first
  // item nobody took yet to its category's unit.
  void DispatchNext(Connection& c, std::mt19937_64& rng) {
    const char* status = rng() % 5 == 0 ? "reopened" : "received";
    auto r = Call(c, "dispatch.queue", "GET", std::string("/api/v1/appeals?status=") + status + "&sort=due&page_size=20",
                  "", "coordinator");
    json list = Parse(r);
    if (r.status != 200 || !list.is_object()) return;
    Tracked t;
    for (const auto& item : list.value("items", json::array())) {
      std::pair<long long, long long> key{item.value("id", 0LL), item.value("version", 0LL)};
      std::lock_guard lock(w_.mutex);
      if (w_.claimed.insert(key).second) {
        t.id = key.first;
        t.receipt = item.value("receipt_code", "");
        auto unit = w_.unit_of_category.find(item.value("category_id", 0LL));
        t.unit = unit == w_.unit_of_category.end() ? w_.units.front() : unit->second;
        if (w_.claimed.size() > 200000) w_.claimed.clear();
        break;
      }
    }
    if (t.id == 0) return;
    json body = {{"lead_unit_id", t.unit}, {"note", "请按时办理"}};
    auto d = Call(c, "dispatch", "POST", "/api/v1/appeals/" + std::to_string(t.id) + "/dispatch", body.dump(),
                  "coordinator");
    if (d.status == 200) w_.Push(w_.dispatched, std::move(t));
  }

  // A handler's step on the oldest appeal waiting for it; its work queue when there is none.
  void HandlerStep(Connection& c, std::mt19937_64& rng, std::deque<Tracked>& from, std::deque<Tracked>* to,
                   const std::string& action, const json& body) {
    auto t = w_.Pop(from);
    if (!t) return HandlerQueue(c, rng);
    auto r = Call(c, action, "POST", "/api/v1/appeals/" + std::to_string(t->id) + "/" + action, body.dump(),
                  w_.handler_of_unit.at(t->unit));
    if (r.status == 200 && to) w_.Push(*to, std::move(*t));
  }

  void AcceptNext(Connection& c, std::mt19937_64& rng) {
    HandlerStep(c, rng, w_.dispatched, &w_.accepted, "accept", {{"note", "已签收"}});
  }
  void ContactNext(Connection& c, std::mt19937_64& rng) {
    HandlerStep(c, rng, w_.accepted, &w_.in_progress, "contact", {{"note", "已电话联系群众"}, {"method", "phone"}});
  }
  void ReplyNext(Connection& c, std::mt19937_64& rng) {
    auto t = w_.Pop(w_.in_progress);
    if (!t) return HandlerQueue(c, rng);
    json body = {{"content", "经现场核查，已安排维修，问题已解决。"}};
    auto r = Call(c, "reply", "POST", "/api/v1/appeals/" + std::to_string(t->id) + "/reply", body.dump(),
                  w_.handler_of_unit.at(t->unit));
    if (r.status == 200) {
      w_.AddReceipt(t->receipt);
      w_.Push(w_.replied, std::move(*t));
    }
  }

  // An extension on an accepted appeal (once each), approved by the coordinator.
  void ExtensionNext(Connection& c, std::mt19937_64& rng) {
    auto t = w_.Pop(w_.accepted);
    if (!t) return HandlerQueue(c, rng);
    if (!t->extended) {
      t->extended = true;
      json body = {{"days", 3}, {"reason", "需协调多个部门现场勘查"}};
      auto r = Call(c, "extension", "POST", "/api/v1/appeals/" + std::to_string(t->id) + "/extension", body.dump(),
                    w_.handler_of_unit.at(t->unit), {201});
      json x = Parse(r);
      if (r.status == 201 && x.is_object()) {
        json decision = {{"approve", true}, {"note", "同意延期"}};
        Call(c, "extension.decide", "POST", "/api/v1/extensions/" + std::to_string(x.value("id", 0LL)) + "/decision",
             decision.dump(), "coordinator");
      }
    }
    w_.Push(w_.accepted, std::move(*t));
  }

  // The supervisor's callback (one in eight dissatisfied: reopened), or the resident rates it on the portal.
  void CallbackNext(Connection& c, std::mt19937_64& rng) {
    auto t = w_.Pop(w_.replied);
    if (!t) {
      Call(c, "callback.list", "GET", "/api/v1/appeals?status=replied&with=last_reply&sort=due&page_size=20", "",
           "supervisor");
      return;
    }
    bool dissatisfied = rng() % 8 == 0;
    json body = {{"resolved", !dissatisfied},
                 {"satisfaction", dissatisfied ? "dissatisfied" : (rng() % 3 ? "satisfied" : "basically_satisfied")}};
    if (dissatisfied) body["reason"] = "问题没有解决";
    Reply r;
    if (rng() % 4 == 0 && !t->receipt.empty()) {
      r = Call(c, "public.rate", "POST", "/api/v1/public/appeals/" + t->receipt + "/callback", body.dump(), "");
    } else {
      r = Call(c, "callback", "POST", "/api/v1/appeals/" + std::to_string(t->id) + "/callback", body.dump(),
               "supervisor");
    }
    if (r.status != 200) return;
    std::lock_guard lock(w_.mutex);
    ++(dissatisfied ? w_.reopened : w_.closed);
  }

  void HandlerQueue(Connection& c, std::mt19937_64& rng) {
    std::string handler;
    {
      std::lock_guard lock(w_.mutex);
      handler = w_.handler_of_unit.at(Any(w_.units, rng));
    }
    static const char* const states[] = {"dispatched", "accepted", "in_progress"};
    Call(c, "handler.queue", "GET",
         std::string("/api/v1/appeals?status=") + states[rng() % 3] + "&sort=due&page_size=20", "", handler);
  }

  void List(Connection& c, std::mt19937_64& rng) {
    std::string q = "/api/v1/appeals?page_size=20&page=" + std::to_string(1 + rng() % 5);
    std::string user = rng() % 3 == 0 ? "supervisor" : "coordinator";
    switch (rng() % 9) {
      case 0: q += std::string("&status=") + kStatuses[rng() % std::size(kStatuses)]; break;
      case 1: q += std::string("&q=") + Encode(kWords[rng() % std::size(kWords)]); break;
      case 2: q += std::string("&sort=due&status=") + kStatuses[rng() % 5]; break;
      case 3: q += "&overdue=true"; break;
      case 4: q += "&category_id=" + std::to_string(Any(w_.categories, rng)) + "&status=closed"; break;
      case 5: q += "&region_id=" + std::to_string(Any(w_.streets, rng)) + "&from=2026-09-01&to=2026-11-30"; break;
      case 6: q += "&status=replied&with=last_reply&sort=due"; user = "supervisor"; break;
      case 7: user = rng() % 2 ? "coordinator-s01" : "registrar-s02"; q += "&sort=due"; break;
      default: break;
    }
    Call(c, "list", "GET", q, "", user);
  }

  void Detail(Connection& c, std::mt19937_64& rng) {
    long long max_id;
    {
      std::lock_guard lock(w_.mutex);
      max_id = w_.max_id;
    }
    static const char* const users[] = {"coordinator", "supervisor", "leader", "admin"};
    Call(c, "detail", "GET", "/api/v1/appeals/" + std::to_string(1 + static_cast<long long>(rng() % max_id)), "",
         users[rng() % 4]);
  }

  void Metrics(Connection& c, std::mt19937_64& rng) {
    std::string q = std::string("/api/v1/metrics?group_by=") + kGroupings[rng() % std::size(kGroupings)];
    switch (rng() % 4) {
      case 0: q = "/api/v1/metrics?group_by=region&then_by=category"; break;
      case 1: q = "/api/v1/metrics?group_by=department&then_by=month&from=2026-06-01&to=2026-11-30"; break;
      default: break;
    }
    static const char* const users[] = {"coordinator", "supervisor", "leader", "deputy-s01"};
    Call(c, "metrics", "GET", q, "", users[rng() % 4]);
  }

  void Rankings(Connection& c, std::mt19937_64& rng) {
    std::string q = std::string("/api/v1/rankings?kind=") + (rng() % 2 ? "department" : "street");
    if (rng() % 3 == 0) q += "&weights=" + Encode("response:0.5,resolution:0.25,satisfaction:0.25");
    Call(c, "rankings", "GET", q, "", "leader");
  }

  void Export(Connection& c, std::mt19937_64& rng) {
    std::string q = std::string("/api/v1/metrics/export.xlsx?group_by=") + (rng() % 2 ? "department" : "category") +
                    "&kind=" + (rng() % 2 ? "department" : "street");
    auto r = Call(c, "export", "GET", q, "", "coordinator");
    if (r.status == 200 && !r.body.starts_with("PK"))
      stats_.Count("export.not_xlsx", q, r.status, false, r.body.substr(0, 40));
  }

  void Notices(Connection& c, std::mt19937_64& rng) {
    Call(c, "notices", "GET", "/api/v1/supervision-notices?page=" + std::to_string(1 + rng() % 3), "", "supervisor");
  }

  void PublicTrack(Connection& c, std::mt19937_64& rng) {
    std::string code;
    {
      std::lock_guard lock(w_.mutex);
      if (!w_.receipts.empty()) code = Any(w_.receipts, rng);
    }
    if (code.empty()) return PublicReference(c, rng);
    Call(c, "public.track", "GET", "/api/v1/public/appeals/" + code, "", "");
  }

  void PublicNumbers(Connection& c, std::mt19937_64& rng) {
    std::string q = std::string("/api/v1/public/metrics?group_by=") + kPublicGroupings[rng() % std::size(kPublicGroupings)];
    if (rng() % 4 == 0) q += "&from=2026-06-01&to=2026-11-30";
    Call(c, "public.metrics", "GET", q, "", "");
  }

  void PublicReference(Connection& c, std::mt19937_64& rng) {
    static const char* const targets[] = {"/api/v1/public/regions", "/api/v1/public/categories", "/api/v1/health"};
    Call(c, "public.reference", "GET", targets[rng() % 3], "", "");
  }

  void Reference(Connection& c, std::mt19937_64& rng) {
    static const char* const targets[] = {"/api/v1/regions", "/api/v1/departments", "/api/v1/categories",
                                          "/api/v1/calendar?year=2026", "/api/v1/auth/me"};
    Call(c, "reference", "GET", targets[rng() % 5], "", rng() % 2 ? "registrar" : "coordinator");
  }

  // A visitor logs in with the right password, looks, and logs out; the ended token is refused.
  void LoginLogout(Connection& c, std::mt19937_64& rng) {
    std::string user = kVisitors[rng() % std::size(kVisitors)];
    json login = {{"username", user}, {"password", o_.password}};
    pacer_.Wait();
    Reply r;
    {
      std::shared_lock hashing(w_.logins);
      r = c.Send("POST", "/api/v1/auth/login", login.dump(), "");
    }
    stats_.Count("login", "POST /api/v1/auth/login as " + user, r.status, r.status == 200, r.body);
    json parsed = Parse(r);
    if (r.status != 200 || !parsed.is_object()) return;
    std::string token = parsed.value("token", "");
    auto call = [&](const std::string& kind, const std::string& method, const std::string& target, int expect) {
      pacer_.Wait();
      Reply x = c.Send(method, target, "", token);
      stats_.Count(kind, method + " " + target, x.status, x.status == expect, x.body);
    };
    call("login.me", "GET", "/api/v1/auth/me", 200);
    call("login.list", "GET", "/api/v1/appeals?page_size=10", 200);
    call("logout", "POST", "/api/v1/auth/logout", 200);
    call("after_logout", "GET", "/api/v1/auth/me", 401);
  }

  void Page(Connection& c, std::mt19937_64& rng) {
    static const char* const targets[] = {"/portal", "/portal/track", "/login", "/"};
    Call(c, "page", "GET", targets[rng() % 4], "", "");
  }

  const Options& o_;
  World& w_;
  Stats& stats_;
  Pacer& pacer_;
  std::mutex address_mutex_;
  std::vector<std::pair<std::string, SteadyClock::time_point>> addresses_;  // GUARDED_BY(address_mutex_)
  std::size_t next_address_ = 0;
};

struct Sample {
  double minute = 0;
  long long rss_kb = 0, hwm_kb = 0, anon_kb = 0, file_kb = 0, threads = 0, fds = 0;
  double cpu_seconds = 0;
};

// Reads /proc/PID; false if the process is gone.
bool ReadProcess(long pid, Sample* s) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  if (!status) return false;
  std::string line;
  auto field = [&](const char* name, long long* out) {
    if (line.starts_with(name)) *out = std::atoll(line.c_str() + std::strlen(name));
  };
  while (std::getline(status, line)) {
    field("VmRSS:", &s->rss_kb);
    field("VmHWM:", &s->hwm_kb);
    field("RssAnon:", &s->anon_kb);
    field("RssFile:", &s->file_kb);
    field("Threads:", &s->threads);
  }
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  if (auto paren = all.rfind(')'); paren != std::string::npos) {
    std::istringstream rest(all.substr(paren + 2));
    std::string v;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> v; ++i) {
      if (i == 14) utime = std::stoull(v);
      if (i == 15) stime = std::stoull(v);
    }
    s->cpu_seconds = static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  }
  long long fewest = -1;
  for (int i = 0; i < 5; ++i) {
    if (i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    DIR* dir = ::opendir(("/proc/" + std::to_string(pid) + "/fd").c_str());
    if (!dir) return false;
    long long n = 0;
    while (dirent* e = ::readdir(dir))
      if (e->d_name[0] != '.') ++n;
    ::closedir(dir);
    fewest = fewest < 0 ? n : std::min(fewest, n);
  }
  s->fds = fewest;
  return true;
}

double Mib(long long kb) { return static_cast<double>(kb) / 1024.0; }

int Usage(const char* why) {
  std::fprintf(stderr,
               "%s\nusage: soak_client --url http://127.0.0.1:PORT --server-pid PID [--minutes 30] [--rate 100]\n"
               "       [--workers 4] [--public-addresses 64] [--password P] [--pages] [--sample-seconds 60]\n"
               "       [--warm-minutes 5] [--rss-growth 0.20]\n",
               why);
  return 2;
}

std::optional<std::string> Login(Connection& c, const std::string& user, const std::string& password) {
  json login = {{"username", user}, {"password", password}};
  Reply r = c.Send("POST", "/api/v1/auth/login", login.dump(), "");
  json parsed = Parse(r);
  if (r.status != 200 || !parsed.is_object() || !parsed.contains("token")) {
    std::fprintf(stderr, "login as %s failed: %d %s\n", user.c_str(), r.status, r.body.substr(0, 200).c_str());
    return std::nullopt;
  }
  return parsed["token"].get<std::string>();
}

// Logs everyone in and reads the district; false if that fails.
bool Prepare(const Options& o, World& w) {
  Connection c(o.port);
  for (const char* user : {"admin", "registrar", "coordinator", "supervisor", "leader", "coordinator-s01",
                           "registrar-s02", "deputy-s01"}) {
    auto token = Login(c, user, o.password);
    if (!token) return false;
    w.tokens[user] = *token;
  }
  const std::string& admin = w.tokens["admin"];
  json regions = Parse(c.Send("GET", "/api/v1/regions", "", admin));
  json departments = Parse(c.Send("GET", "/api/v1/departments", "", admin));
  json categories = Parse(c.Send("GET", "/api/v1/categories", "", admin));
  for (const auto& r : regions.value("items", json::array())) {
    if (r.value("level", "") == "community") w.communities.push_back(r.value("id", 0LL));
    if (r.value("level", "") == "street") w.streets.push_back(r.value("id", 0LL));
  }
  for (const auto& d : departments.value("items", json::array())) {
    std::string handler = "handler-" + d.value("code", "");
    auto token = Login(c, handler, o.password);
    if (!token) return false;
    w.tokens[handler] = *token;
    w.handler_of_unit[d.value("id", 0LL)] = handler;
    w.units.push_back(d.value("id", 0LL));
  }
  for (const auto& k : categories.value("items", json::array())) {
    w.categories.push_back(k.value("id", 0LL));
    if (!k["default_department_id"].is_null())
      w.unit_of_category[k.value("id", 0LL)] = k.value("default_department_id", 0LL);
  }
  json newest = Parse(c.Send("GET", "/api/v1/appeals?page_size=100", "", w.tokens["coordinator"]));
  for (const auto& a : newest.value("items", json::array())) {
    w.max_id = std::max(w.max_id, a.value("id", 0LL));
    w.receipts.push_back(a.value("receipt_code", ""));
  }
  if (w.communities.empty() || w.streets.empty() || w.categories.empty() || w.units.empty()) {
    std::fprintf(stderr, "the district is empty: load the demo first\n");
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--pages") {
      o.pages = true;
      continue;
    }
    if (i + 1 >= argc) return Usage(("missing value for " + a).c_str());
    std::string v = argv[++i];
    if (a == "--url") {
      std::string rest = v.starts_with("http://") ? v.substr(7) : v;
      rest = rest.substr(0, rest.find('/'));
      auto colon = rest.rfind(':');
      if (colon == std::string::npos || (rest.substr(0, colon) != "127.0.0.1" && rest.substr(0, colon) != "localhost"))
        return Usage("--url must be http://127.0.0.1:PORT");
      o.port = std::atoi(rest.c_str() + colon + 1);
    } else if (a == "--server-pid") {
      o.server_pid = std::atol(v.c_str());
    } else if (a == "--minutes") {
      o.minutes = std::clamp(std::atof(v.c_str()), 0.1, 24 * 60.0);
    } else if (a == "--rate") {
      o.rate = std::clamp(std::atof(v.c_str()), 1.0, 100000.0);
    } else if (a == "--workers") {
      o.workers = std::clamp(std::atoi(v.c_str()), 1, 64);
    } else if (a == "--public-addresses") {
      o.public_addresses = std::clamp(std::atoi(v.c_str()), 1, 250);
    } else if (a == "--password") {
      o.password = v;
    } else if (a == "--sample-seconds") {
      o.sample_seconds = std::clamp(std::atof(v.c_str()), 1.0, 3600.0);
    } else if (a == "--warm-minutes") {
      o.warm_minutes = std::clamp(std::atoi(v.c_str()), 1, 1000);
    } else if (a == "--rss-growth") {
      o.rss_growth = std::atof(v.c_str());
    } else {
      return Usage(("unknown argument " + a).c_str());
    }
  }
  if (o.port <= 0) return Usage("--url is required");
  if (o.server_pid <= 0) return Usage("--server-pid is required");

  World world;
  if (!Prepare(o, world)) return 2;
  Stats stats;
  Pacer pacer(o.rate);
  Soak soak(o, world, stats, pacer);

  std::vector<Sample> samples;
  Sample start;
  if (!ReadProcess(o.server_pid, &start)) return Usage("no such process: --server-pid");
  std::printf("# soak: %.0f min at ≤ %.0f req/s, %d workers, %d public addresses, server pid %ld, %ld cores\n",
              o.minutes, o.rate, o.workers, o.public_addresses, o.server_pid, sysconf(_SC_NPROCESSORS_ONLN));
  std::printf("# start: rss %.1f MiB, fds %lld, threads %lld\n", Mib(start.rss_kb), start.fds, start.threads);
  std::printf("%6s %9s %9s %9s %9s %5s %4s %6s %7s %7s %5s %5s %5s %5s %6s %6s %6s\n", "minute", "rss_MiB", "hwm_MiB",
              "anon_MiB", "file_MiB", "fds", "thr", "cpu%", "req", "2xx", "3xx", "4xx", "5xx", "none", "new", "closed",
              "reopen");
  std::fflush(stdout);

  std::atomic<bool> stop{false};
  std::vector<std::thread> workers;
  for (int i = 0; i < o.workers; ++i) workers.emplace_back([&, i] { soak.Run(i, stop); });

  auto began = SteadyClock::now();
  auto end = began + std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(o.minutes * 60));
  auto period = std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(o.sample_seconds));
  bool server_gone = false;
  double last_cpu = start.cpu_seconds;
  for (int k = 1;; ++k) {
    auto at = std::min(began + k * period, end);
    std::this_thread::sleep_until(at);
    Sample s;
    s.minute = std::chrono::duration<double>(at - began).count() / 60.0;
    bool alive;
    {
      std::unique_lock no_login(world.logins);
      alive = ReadProcess(o.server_pid, &s);
    }
    if (!alive) {
      std::printf("the server (pid %ld) is gone\n", o.server_pid);
      server_gone = true;
      break;
    }
    long long total = 0;
    auto m = stats.TakeMinute(&total);
    long long created, closed, reopened;
    {
      std::lock_guard lock(world.mutex);
      created = world.registered + world.submitted;
      closed = world.closed;
      reopened = world.reopened;
    }
    double cpu = 100.0 * (s.cpu_seconds - last_cpu) / (60.0 * (s.minute - (samples.empty() ? 0 : samples.back().minute)));
    last_cpu = s.cpu_seconds;
    std::printf("%6.1f %9.1f %9.1f %9.1f %9.1f %5lld %4lld %6.1f %7lld %7lld %5lld %5lld %5lld %5lld %6lld %6lld %6lld\n",
                s.minute, Mib(s.rss_kb), Mib(s.hwm_kb), Mib(s.anon_kb), Mib(s.file_kb), s.fds, s.threads, cpu,
                m[0] + m[1] + m[2] + m[3] + m[4] + m[5], m[2], m[3], m[4], m[5], m[0], created, closed, reopened);
    std::fflush(stdout);
    samples.push_back(s);
    if (at >= end) break;
  }
  stop = true;
  for (auto& t : workers) t.join();
  double elapsed = std::chrono::duration<double>(SteadyClock::now() - began).count();

  std::printf("\n# summary after %.1f min\n", elapsed / 60);
  std::vector<std::string> failures;
  if (server_gone) failures.push_back("the server went away");
  if (!samples.empty()) {
    std::vector<long long> rss;
    for (const auto& s : samples) rss.push_back(s.rss_kb);
    std::sort(rss.begin(), rss.end());
    const Sample& first = samples.front();
    const Sample& last = samples.back();
    long long max_fds = 0, max_hwm = 0;
    for (const auto& s : samples) max_fds = std::max(max_fds, s.fds), max_hwm = std::max(max_hwm, s.hwm_kb);
    std::size_t ref = samples.size() > static_cast<std::size_t>(o.warm_minutes) ? o.warm_minutes - 1 : 0;
    long long warm_fds = 0;
    for (std::size_t i = 0; i <= ref; ++i) warm_fds = std::max(warm_fds, samples[i].fds);
    const Sample& base = samples[ref];
    std::printf("rss MiB   first %.1f  median %.1f  last %.1f  max %.1f  (VmHWM %.1f; anon %.1f → %.1f, file %.1f → %.1f)\n",
                Mib(first.rss_kb), Mib(rss[rss.size() / 2]), Mib(last.rss_kb), Mib(rss.back()), Mib(max_hwm),
                Mib(first.anon_kb), Mib(last.anon_kb), Mib(first.file_kb), Mib(last.file_kb));
    std::printf("fds       first %lld  last %lld  max %lld  (server start %lld)\n", first.fds, last.fds, max_fds, start.fds);
    std::printf("threads   first %lld  last %lld\n", first.threads, last.threads);
    auto grew = [](long long from, long long to) {
      return from > 0 ? static_cast<double>(to) / static_cast<double>(from) - 1 : 0.0;
    };
    double growth = grew(base.anon_kb, last.anon_kb);
    std::printf("growth from minute %.0f to the end: RssAnon %+.1f%% (limit %+.0f%%), VmRSS %+.1f%% (not judged)\n",
                base.minute, 100 * growth, 100 * o.rss_growth, 100 * grew(base.rss_kb, last.rss_kb));
    if (growth > o.rss_growth)
      failures.push_back("the server's own memory (RssAnon) grew " + std::to_string(static_cast<int>(100 * growth)) +
                         "% after minute " + std::to_string(ref + 1));
    if (last.fds > warm_fds)
      failures.push_back("open fds grew: " + std::to_string(last.fds) + " at the end, at most " +
                         std::to_string(warm_fds) + " up to minute " + std::to_string(ref + 1));
  }
  long long total = 0;
  stats.TakeMinute(&total);
  std::printf("requests  %lld in %.0f s (%.1f/s)\n", total, elapsed, total / elapsed);
  {
    std::lock_guard lock(world.mutex);
    std::printf("appeals   %lld registered by staff, %lld submitted on the portal, %lld closed and %lld reopened "
                "by callbacks\n",
                world.registered, world.submitted, world.closed, world.reopened);
  }
  stats.Print();
  long long errors = stats.Classes(5), none = stats.Classes(0);
  if (errors > 0) failures.push_back(std::to_string(errors) + " answers were 5xx");
  if (none > 0) failures.push_back(std::to_string(none) + " requests got no answer");
  if (failures.empty()) {
    std::printf("verdict   PASS\n");
    return 0;
  }
  std::printf("verdict   FAIL:");
  for (const auto& f : failures) std::printf(" %s;", f.c_str());
  std::printf("\n");
  return 1;
}
