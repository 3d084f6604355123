#include "api/http_server.h"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/error_mapping.h"

namespace minsheng::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Headers every response carries unless its handler set its own (OWASP ASVS V14.4): a strict
// Content-Security-Policy (scripts only from this origin, never inline; styles may be inline, as the
// component library sets style attributes), no MIME sniffing, no framing, no referrer (tracking URLs hold
// receipt codes), and no caching, since most answers carry personal data; static files and the public
// numbers set their own Cache-Control.
constexpr std::pair<std::string_view, std::string_view> kDefaultHeaders[] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
     "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
     "frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Cache-Control", "no-store"},
};

// After a handler answers with at least this much, the memory freed behind it (its JSON tree, its rows)
// is handed back to the system, at most once a second: a large report must not leave the process large.
constexpr std::size_t kTrimAfterBytes = 512 * 1024;

void ReturnFreeMemory() {
  static std::atomic<std::int64_t> last_trim{0};
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::steady_clock::now().time_since_epoch())
                               .count();
  std::int64_t last = last_trim.load();
  if (now - last < 1 || !last_trim.compare_exchange_strong(last, now)) return;
  malloc_trim(0);
}

// Requests' header block may be at most this big (Beast's default is 8 KiB).
constexpr std::uint32_t kHeaderLimit = 16 * 1024;
// After an error response that closes the connection, unread request bytes are read and dropped
// for at most this long / this much, so that the client sees our response rather than a reset.
constexpr auto kDrainTime = std::chrono::seconds(2);
constexpr std::size_t kDrainBytes = 8 << 20;

class Session;

// What the sessions share with the server.
struct ServerState {
  ServerState(const Router& r, ServerOptions o) : router(r), options(std::move(o)) {}

  // Adds a live session; false once the server is stopping (the session must then be dropped).
  bool Register(const std::shared_ptr<Session>& session) {
    std::lock_guard lock(mutex);
    if (stopping.load()) return false;
    sessions.emplace(session.get(), session);
    return true;
  }
  void Unregister(Session* session) {
    std::lock_guard lock(mutex);
    sessions.erase(session);
  }
  std::vector<std::shared_ptr<Session>> Snapshot() {
    std::lock_guard lock(mutex);
    std::vector<std::shared_ptr<Session>> live;
    live.reserve(sessions.size());
    for (auto& [raw, weak] : sessions) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
    return live;
  }

  const Router& router;
  const ServerOptions options;
  std::atomic<bool> stopping{false};
  asio::thread_pool* workers = nullptr;
  asio::thread_pool* bulk = nullptr;  // issue 13: Dispatch::kBulk

  std::mutex mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;  // guarded by mutex
};

// Issue 13: a bulk pool thread runs at nice +10 (once per thread; Linux gives each thread its own nice value),
// so that while exports and point reads both wait for a core, the point reads get it.
void LowerThisThreadsPriority() {
  thread_local const bool lowered = [] {
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
    return true;
  }();
  (void)lowered;
}

Response InternalError() {
  return ErrorResponse(Error::Internal("服务器内部错误"));
}

// Issue 13: whether this thread (an I/O thread) runs Dispatch::kPointRead handlers itself
// (ServerOptions::on_io_thread).
thread_local bool point_reads_here = false;

// Runs a handler; whatever it throws becomes a 500 response.
Response Invoke(const Handler& handler, Request& req) {
  try {
    return handler(req);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "minsheng: handler for %s %s threw: %s\n", req.method.c_str(),
                 req.path.c_str(), e.what());
  } catch (...) {
    std::fprintf(stderr, "minsheng: handler for %s %s threw a non-exception\n",
                 req.method.c_str(), req.path.c_str());
  }
  return InternalError();
}

// Runs a response's `finish` (on a worker), as Invoke runs a handler.
Response Finish(Response& response, const Request& req) {
  try {
    return response.finish();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "minsheng: handler for %s %s threw: %s\n", req.method.c_str(), req.path.c_str(), e.what());
  } catch (...) {
    std::fprintf(stderr, "minsheng: handler for %s %s threw a non-exception\n", req.method.c_str(), req.path.c_str());
  }
  return InternalError();
}

// One client connection: reads a request, answers it, and again while the client keeps it alive.
// All its members are touched only on its strand, except by a kWorker handler, which has the
// request to itself while the session waits for its response.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, ServerState& state) : stream_(std::move(socket)), state_(state) {}
  ~Session() { state_.Unregister(this); }

  // Starts reading on the session's strand.
  void Start() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::Begin, shared_from_this()));
  }

  // Closes the connection from any thread; pending operations end with operation_aborted.
  void CloseSoon() {
    asio::post(stream_.get_executor(), beast::bind_front_handler(&Session::Close,
                                                                 shared_from_this()));
  }

 private:
  void Begin() {
    if (closed_) return;
    beast::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_address_ = endpoint.address().to_string();
    DoRead();
  }

  void DoRead() {
    if (closed_) return;
    parser_.emplace();
    parser_->body_limit(state_.options.max_body_bytes);
    parser_->header_limit(kHeaderLimit);
    stream_.expires_after(state_.options.idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec) return OnReadError(ec);
    if (parser_->is_done()) return OnRead({}, 0);
    auto expect = parser_->get()[http::field::expect];
    if (beast::iequals(expect, "100-continue")) {
      // curl and others wait for this before sending a body.
      continue_.emplace(http::status::continue_, parser_->get().version());
      http::async_write(stream_, *continue_,
                        beast::bind_front_handler(&Session::OnContinue, shared_from_this()));
      return;
    }
    ReadBody();
  }

  void OnContinue(beast::error_code ec, std::size_t) {
    if (ec) return Close();
    ReadBody();
  }

  void ReadBody() {
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnReadError(beast::error_code ec) {
    if (closed_) return;
    if (ec == http::error::body_limit) {
      version_ = 11;
      keep_alive_ = false;
      return Send(ErrorResponse({ErrorKind::kTooLarge, "payload_too_large", "请求体过大", {}, {}}),
                  /*drain=*/true);
    }
    if (ec.category() == http::make_error_code(http::error::bad_method).category() && ec != http::error::end_of_stream &&
        ec != http::error::partial_message) {
      version_ = 11;
      keep_alive_ = false;
      return Send(ErrorResponse(Error::Invalid("bad_request", "请求格式错误")), /*drain=*/true);
    }
    // End of stream, timeout, reset, or our own Close(): nothing to answer.
    Close();
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec) return OnReadError(ec);
    if (closed_) return;
    if (state_.stopping.load()) return Close();
    auto& message = parser_->get();
    version_ = message.version();
    keep_alive_ = message.keep_alive();

    request_ = Request{};
    request_.method = std::string(message.method_string());
    // HEAD is answered as GET without the body (RFC 9110 §9.3.2): same status and headers.
    head_ = request_.method == "HEAD";
    if (head_) request_.method = "GET";
    request_.target = std::string(message.target());
    ParseTarget(request_.target, request_.path, request_.query);
    for (const auto& field : message) {
      request_.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request_.body = std::move(message.body());
    request_.remote_address = remote_address_;

    RouteMatch match = state_.router.Find(request_);
    if (match.handler == nullptr) return Send(std::move(match.error), false);
    if ((match.dispatch == Dispatch::kInline && !state_.options.inline_on_workers) ||
        (match.dispatch == Dispatch::kPointRead && point_reads_here) || state_.workers == nullptr) {
      Response response = Invoke(*match.handler, request_);
      if (!response.finish) return Send(std::move(response), false);
      if (state_.workers == nullptr) return Send(Finish(response, request_), false);
      // The rest may block: on a worker, as kWorker handlers run.
      auto executor = asio::prefer(stream_.get_executor(), asio::execution::outstanding_work.tracked);
      asio::post(*state_.workers, [self = shared_from_this(), response = std::move(response), executor]() mutable {
        Response finished = Finish(response, self->request_);
        asio::post(executor, [self = std::move(self), response = std::move(finished)]() mutable {
          self->Send(std::move(response), false);
        });
      });
      return;
    }
    const bool bulk = match.dispatch == Dispatch::kBulk && state_.bulk != nullptr;
    // The tracked executor keeps the I/O threads running until the response is posted back.
    auto executor = asio::prefer(stream_.get_executor(), asio::execution::outstanding_work.tracked);
    asio::post(bulk ? *state_.bulk : *state_.workers,
               [self = shared_from_this(), handler = match.handler, executor, bulk]() mutable {
                 if (bulk) LowerThisThreadsPriority();
                 Response response = Invoke(*handler, self->request_);
                 if (response.finish) response = Finish(response, self->request_);
                 if (response.body.size() >= kTrimAfterBytes) ReturnFreeMemory();
                 asio::post(executor, [self = std::move(self),
                                       response = std::move(response)]() mutable {
                   self->Send(std::move(response), false);
                 });
               });
  }

  // Writes `response`; with `drain`, the connection is closed afterwards after discarding what the
  // client still sends.
  void Send(Response response, bool drain) {
    if (closed_) return;
    drain_after_write_ = drain;
    response_ = {};
    response_.version(version_);
    unsigned status = response.status >= 100 && response.status <= 999
                          ? static_cast<unsigned>(response.status)
                          : 500u;
    response_.result(status);
    response_.set(http::field::server, "minsheng");
    if (!response.content_type.empty()) {
      response_.set(http::field::content_type, response.content_type);
    }
    for (const auto& [name, value] : response.headers) {
      // A CR or LF would let a value smuggle in headers of its own.
      if (name.find_first_of("\r\n:") != std::string::npos ||
          value.find_first_of("\r\n") != std::string::npos) {
        continue;
      }
      response_.insert(name, value);
    }
    for (const auto& [name, value] : kDefaultHeaders)
      if (response_.find(name) == response_.end()) response_.set(name, value);
    // 1xx, 204 and 304 responses have no body (Beast refuses to frame one).
    if (status < 200 || status == 204 || status == 304) response.body.clear();
    response_.body() = std::move(response.body);
    response_.keep_alive(keep_alive_ && !drain);
    response_.prepare_payload();
    if (head_) {  // the length of the body a GET would carry, and no body
      const std::size_t length = response_.body().size();
      response_.body().clear();
      if (status >= 200 && status != 204 && status != 304) response_.content_length(length);
    }
    stream_.expires_after(state_.options.idle_timeout);
    http::async_write(stream_, response_,
                      beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    if (ec || closed_) return Close();
    if (drain_after_write_) return StartDrain();
    if (!response_.keep_alive()) {
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
      return Close();
    }
    DoRead();
  }

  void StartDrain() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kDrainTime);
    drained_ = 0;
    buffer_.clear();
    DoDrain();
  }

  void DoDrain() {
    stream_.async_read_some(buffer_.prepare(64 * 1024),
                            beast::bind_front_handler(&Session::OnDrain, shared_from_this()));
  }

  void OnDrain(beast::error_code ec, std::size_t n) {
    drained_ += n;
    if (ec || closed_ || drained_ > kDrainBytes) return Close();
    DoDrain();
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  ServerState& state_;
  beast::flat_buffer buffer_;  // reused for every request on this connection
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::empty_body>> continue_;
  http::response<http::string_body> response_;
  Request request_;
  std::string remote_address_;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  bool drain_after_write_ = false;
  bool head_ = false;  // the request being answered is a HEAD
  bool closed_ = false;
  std::size_t drained_ = 0;
};

}  // namespace

struct HttpServer::Impl {
  Impl(const Router& router, ServerOptions options)
      : state(router, std::move(options)),
        ioc(std::max(1, state.options.io_threads)),
        acceptor(ioc),
        retry_timer(ioc) {}

  void DoAccept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      if (ec) {
        // E.g. out of file descriptors: back off instead of spinning.
        retry_timer.expires_after(std::chrono::milliseconds(50));
        retry_timer.async_wait([this](beast::error_code wait_ec) {
          if (!wait_ec && acceptor.is_open()) DoAccept();
        });
        return;
      }
      auto session = std::make_shared<Session>(std::move(socket), state);
      if (state.Register(session)) session->Start();
      DoAccept();
    });
  }

  void RunIo() {
    if (state.options.on_io_thread) point_reads_here = state.options.on_io_thread();
    while (true) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "minsheng: I/O thread caught: %s\n", e.what());
      }
    }
  }

  // Declaration order matters for destruction: workers (holding sessions) go before the
  // io_context their sockets belong to, and the state the sessions unregister from goes last.
  ServerState state;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::steady_timer retry_timer;
  std::unique_ptr<asio::thread_pool> workers;
  std::unique_ptr<asio::thread_pool> bulk;  // issue 13: Dispatch::kBulk
  std::vector<std::thread> threads;
  unsigned short port = 0;

  std::mutex lifecycle_mutex;
  std::condition_variable stopped_cv;
  bool started = false;
  bool stop_requested = false;
  bool stopped = false;
};

HttpServer::HttpServer(const Router& router, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, std::move(options))) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() {
  Impl& impl = *impl_;
  {
    std::lock_guard lock(impl.lifecycle_mutex);
    if (impl.started || impl.stop_requested) {
      return Fail(Error::Internal("HTTP 服务已启动过"));
    }
  }
  beast::error_code ec;
  auto address = asio::ip::make_address(impl.state.options.address, ec);
  if (ec) {
    return Fail(Error::Invalid("invalid_address", "无效的监听地址：" + impl.state.options.address));
  }
  tcp::endpoint endpoint(address, impl.state.options.port);
  auto fail = [&](std::string_view what) {
    beast::error_code ignored;
    impl.acceptor.close(ignored);
    return Fail(Error{ErrorKind::kUnavailable, "bind_failed",
                      "无法监听 " + impl.state.options.address + ":" +
                          std::to_string(impl.state.options.port) + "（" + std::string(what) +
                          "：" + ec.message() + "）",
                      {},
                      {}});
  };
  if (impl.acceptor.open(endpoint.protocol(), ec); ec) return fail("open");
  if (impl.acceptor.set_option(asio::socket_base::reuse_address(true), ec); ec) {
    return fail("set_option");
  }
  if (impl.acceptor.bind(endpoint, ec); ec) return fail("bind");
  if (impl.acceptor.listen(asio::socket_base::max_listen_connections, ec); ec) {
    return fail("listen");
  }
  impl.port = impl.acceptor.local_endpoint(ec).port();

  impl.workers = std::make_unique<asio::thread_pool>(
      static_cast<std::size_t>(std::max(1, impl.state.options.worker_threads)));
  impl.state.workers = impl.workers.get();
  impl.bulk = std::make_unique<asio::thread_pool>(static_cast<std::size_t>(std::max(1, impl.state.options.bulk_threads)));
  impl.state.bulk = impl.bulk.get();
  impl.DoAccept();
  int io_threads = std::max(1, impl.state.options.io_threads);
  impl.threads.reserve(io_threads);
  for (int i = 0; i < io_threads; ++i) impl.threads.emplace_back([&impl] { impl.RunIo(); });
  std::lock_guard lock(impl.lifecycle_mutex);
  impl.started = true;
  return {};
}

unsigned short HttpServer::port() const { return impl_->port; }

void HttpServer::Stop() {
  Impl& impl = *impl_;
  {
    std::unique_lock lock(impl.lifecycle_mutex);
    if (!impl.started) {
      impl.stop_requested = true;
      return;
    }
    if (impl.stop_requested) {
      impl.stopped_cv.wait(lock, [&] { return impl.stopped; });
      return;
    }
    impl.stop_requested = true;
  }
  impl.state.stopping.store(true);
  asio::post(impl.ioc, [&impl] {
    beast::error_code ec;
    impl.acceptor.close(ec);
    impl.retry_timer.cancel();
    for (auto& session : impl.state.Snapshot()) session->CloseSoon();
  });
  // The I/O threads return once no connection is left and no worker handler is outstanding.
  for (auto& thread : impl.threads) thread.join();
  impl.workers->join();
  impl.bulk->join();
  {
    std::lock_guard lock(impl.lifecycle_mutex);
    impl.stopped = true;
  }
  impl.stopped_cv.notify_all();
}

void HttpServer::Wait() {
  Impl& impl = *impl_;
  std::unique_lock lock(impl.lifecycle_mutex);
  impl.stopped_cv.wait(lock, [&] { return !impl.started || impl.stopped; });
}

}  // namespace minsheng::api
