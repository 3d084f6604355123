// The HTTP/1.1 server (Boost.Beast on Asio): keep-alive connections, a body limit, idle timeouts,
// and three places to run handlers: the I/O threads (Dispatch::kInline, and kPointRead where the thread has a
// read connection of its own), a worker pool (Dispatch::kWorker) or a small bulk pool for exports
// (Dispatch::kBulk). Every response carries "Server: minsheng" and a correct Content-Length, and,
// unless its handler set them, security headers (a strict Content-Security-Policy with
// frame-ancestors 'none', X-Content-Type-Options: nosniff, X-Frame-Options, Referrer-Policy: no-referrer)
// and Cache-Control: no-store.
// Errors the server itself produces use the JSON error body of api/error_mapping.h:
// 400 bad_request (malformed HTTP), 413 payload_too_large, 500 internal (a handler threw).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "api/router.h"
#include "core/error.h"

namespace minsheng::api {

struct ServerOptions {
  std::string address = "127.0.0.1";       // IPv4 or IPv6 address to listen on
  unsigned short port = 8080;              // 0: any free port (see HttpServer::port())
  int io_threads = 2;                      // threads running the connections
  int worker_threads = 64;                 // threads running Dispatch::kWorker handlers
  int bulk_threads = 2;                    // threads running Dispatch::kBulk handlers (issue 13), at nice
                                           // +10 so that point reads keep the cores when both wait
  bool inline_on_workers = false;          // run Dispatch::kInline handlers on the workers too
                                           // (when their reads wait on a database server)
  // Issue 13: run first on each I/O thread; true when the thread may run Dispatch::kPointRead handlers itself
  // (it was given a read connection of its own: store::Database::DedicateReaderToThisThread). Unset, or
  // false on a thread: point reads go to the workers.
  std::function<bool()> on_io_thread;
  std::size_t max_body_bytes = 1 << 20;    // larger bodies get 413 and the connection is closed
  std::chrono::seconds idle_timeout{60};   // a connection silent this long (or one request this
                                           // slow to arrive) is closed
};

class HttpServer {
 public:
  // `router` must outlive the server and must not change once Start() has been called.
  HttpServer(const Router& router, ServerOptions options);
  // Stops the server if it is running.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens, then starts the threads. Fails (kUnavailable, code "bind_failed") if the
  // address cannot be bound, e.g. the port is busy; kInvalid "invalid_address" for a bad address.
  // Call at most once.
  Status Start();

  // The port actually listened on (useful with options.port == 0); 0 before Start().
  unsigned short port() const;

  // Stops accepting, closes every connection, waits for running handlers and all threads.
  // Idempotent; must not be called from a handler.
  void Stop();

  // Blocks until Stop() has finished (returns at once if never started).
  void Wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace minsheng::api
