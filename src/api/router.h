// Maps (method, path) to a handler. Patterns are matched segment by segment, no regular expressions:
// "/api/v1/appeals/{id}/dispatch" has four literal segments and one capture, {id}, which matches
// exactly one non-empty segment. Literal segments win over captures. Empty segments are ignored,
// so "/a//b/" matches "/a/b".
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_types.h"

namespace minsheng::api {

// A route handler. It may read and change the request (e.g. move its body out).
using Handler = std::function<Response(Request&)>;

// Where a handler runs.
enum class Dispatch {
  kInline,  // on the connection's I/O thread: must not block
  kWorker,  // on the worker pool: may block (e.g. waiting for a group commit)
  // Issue 13: on the bulk pool, a few threads at a lower CPU priority, for answers that may take seconds
  // (exports, prints): however many run, they never hold every worker, read connection or core.
  kBulk,
  // Issue 13: a point read of a few rows (an appeal's detail): on the I/O thread where that thread has a read
  // connection of its own (ServerOptions::on_io_thread; SQLite), which saves the hop to a worker and back, else
  // on the workers. A handler whose answer must first wait for a write (an audit entry) leaves that to
  // Response::finish, which runs on a worker.
  kPointRead,
};

// One registered route, as Routes() lists it.
struct RouteInfo {
  std::string method;   // "GET"
  std::string pattern;  // as registered: "/api/v1/appeals/{id}"
  Dispatch dispatch = Dispatch::kInline;
};

// The result of looking a request up.
struct RouteMatch {
  const Handler* handler = nullptr;     // null: no route; send `error`
  Dispatch dispatch = Dispatch::kInline;
  Response error;                       // 404 route_not_found or 405 method_not_allowed (with Allow)
};

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // Registers `handler` for `method` (e.g. "GET") on `pattern` (must start with '/'). Registering the
  // same method and pattern shape twice replaces the earlier handler.
  void Add(std::string method, std::string pattern, Handler handler,
           Dispatch dispatch = Dispatch::kInline);

  // Handler for GET requests whose path matches no route at all (e.g. the web app's history
  // routing). Paths starting with any of `except_prefixes` still get 404 route_not_found.
  void SetFallback(Handler handler, Dispatch dispatch = Dispatch::kInline,
                   std::vector<std::string> except_prefixes = {"/api/", "/open311/"});

  // Looks up req.method and req.path; on a match fills req.params with the captured segments and
  // sets req.route to the matched pattern (it points into the router, which must outlive the request).
  RouteMatch Find(Request& req) const;

  // Find() then runs the handler on the calling thread whatever its Dispatch (for tests and tools).
  // Exceptions from the handler propagate.
  Response Handle(Request& req) const;

  // Every registered route (not the fallback), ordered by pattern then method: what the server
  // answers, for tests and tools that must cover all of it (e.g. the authorization matrix).
  std::vector<RouteInfo> Routes() const;

  struct Node;  // implementation detail: one trie node per path segment

 private:
  std::unique_ptr<Node> root_;
  Handler fallback_;
  Dispatch fallback_dispatch_ = Dispatch::kInline;
  std::vector<std::string> fallback_except_;
};

// Decodes %XX escapes (invalid escapes are kept as is); with plus_as_space, '+' becomes ' '.
std::string PercentDecode(std::string_view text, bool plus_as_space);

// The inverse: every byte but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~) as %XX, e.g. a
// UTF-8 file name for Content-Disposition's filename* (RFC 6266).
std::string PercentEncode(std::string_view text);

// Splits a request target into its decoded path and decoded query parameters (first value wins).
void ParseTarget(std::string_view target, std::string& path,
                 std::map<std::string, std::string>& query);

}  // namespace minsheng::api
