// Plain HTTP request and response values exchanged between the server and the route handlers.
// Nothing here knows Beast or Asio: handlers see only these types.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace minsheng::api {

// One HTTP request as a handler sees it.
struct Request {
  std::string method;                             // "GET", "POST", ...
  std::string target;                             // raw request target, e.g. "/a/b?x=1"
  std::string path;                               // percent-decoded path part of target, e.g. "/a/b"
  std::map<std::string, std::string> query;       // percent-decoded query parameters ('+' is a space)
  std::map<std::string, std::string> params;      // captured by the route pattern's {name} segments
  std::string_view route;                         // the matched route's pattern, set by Router::Find
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order, names as sent
  std::string body;
  std::string remote_address;                     // peer IP address, e.g. "127.0.0.1"

  // Value of the first header called `name` (compared case-insensitively), or "" if absent.
  std::string Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key.size() != name.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < key.size() && same; ++i) {
        char a = key[i], b = name[i];
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
        same = a == b;
      }
      if (same) return value;
    }
    return {};
  }
};

// One HTTP response as a handler returns it. Content-Length and Server are set by the server.
struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";  // empty: no Content-Type header
  std::vector<std::pair<std::string, std::string>> headers;      // extra headers, e.g. Allow
  // Issue 13: set by a Dispatch::kPointRead handler whose answer must wait for something that may block (a
  // durable write). The server runs it on a worker and sends what it returns instead of this response.
  std::function<Response()> finish;
};

// A response with `status` whose body is `body` serialised as JSON (UTF-8 kept as is).
inline Response JsonResponse(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace minsheng::api
