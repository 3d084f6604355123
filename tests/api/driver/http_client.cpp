#include "http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <strings.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

namespace minsheng::apitest {
namespace {

namespace http = boost::beast::http;
using Deadline = std::chrono::steady_clock::time_point;

int MillisLeft(Deadline deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

// Waits until fd is readable (or writable); false on timeout.
bool WaitFor(int fd, short events, Deadline deadline) {
  while (true) {
    pollfd p{fd, events, 0};
    int r = ::poll(&p, 1, MillisLeft(deadline));
    if (r > 0) return true;
    if (r == 0) return false;
    if (errno != EINTR) return true;  // let the following read/write report the error
  }
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k.size() == name.size() && ::strncasecmp(k.data(), name.data(), k.size()) == 0) return v;
  return {};
}

HttpClient::HttpClient(std::string host, int port, int timeout_ms)
    : host_(std::move(host)), port_(port), timeout_ms_(timeout_ms) {}

HttpClient::~HttpClient() { Close(); }

void HttpClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::expected<void, std::string> HttpClient::Connect() {
  Close();
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return std::unexpected(std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port_));
  ::inet_pton(AF_INET, host_.c_str(), &addr.sin_addr);
  int r = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  if (r != 0 && errno != EINPROGRESS) {
    std::string e = std::strerror(errno);
    ::close(fd);
    return std::unexpected("connect to port " + std::to_string(port_) + ": " + e);
  }
  if (r != 0) {
    if (!WaitFor(fd, POLLOUT, std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_))) {
      ::close(fd);
      return std::unexpected("connect timeout");
    }
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) {
      ::close(fd);
      return std::unexpected("connect to port " + std::to_string(port_) + ": " + std::strerror(err));
    }
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  fd_ = fd;
  return {};
}

std::expected<HttpResponse, std::string> HttpClient::Send(std::string_view method, std::string_view target,
                                                          std::string_view body, const Headers& headers) {
  std::string request;
  request.reserve(256 + body.size());
  request.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
  request.append("Host: ").append(host_).append(":").append(std::to_string(port_)).append("\r\n");
  bool has_type = false;
  for (const auto& [k, v] : headers) {
    if (::strcasecmp(k.c_str(), "content-type") == 0) has_type = true;
    request.append(k).append(": ").append(v).append("\r\n");
  }
  if (!body.empty() && !has_type) request.append("Content-Type: application/json\r\n");
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    request.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  request.append("\r\n").append(body);

  bool reused = fd_ >= 0;
  if (!reused) {
    if (auto c = Connect(); !c) return std::unexpected(c.error());
  }
  bool nothing_received = false;
  auto response = SendOnce(request, &nothing_received);
  if (!response && reused && nothing_received) {
    // The server closed an idle kept-alive connection before reading our request: try a fresh one.
    if (auto c = Connect(); !c) return std::unexpected(c.error());
    response = SendOnce(request, &nothing_received);
  }
  if (!response) Close();
  return response;
}

std::expected<HttpResponse, std::string> HttpClient::SendOnce(const std::string& request, bool* nothing_received) {
  Deadline deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
  *nothing_received = true;
  size_t sent = 0;
  std::string send_error;
  while (sent < request.size()) {
    ssize_t n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (!WaitFor(fd_, POLLOUT, deadline)) return std::unexpected("timeout sending request");
      continue;
    }
    // The server may have answered early (e.g. 413) and stopped reading: still read its answer.
    send_error = std::string("send: ") + std::strerror(errno);
    break;
  }

  http::response_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(256u << 20);
  boost::beast::flat_buffer buffer;
  while (!parser.is_done()) {
    if (buffer.size() > 0) {
      boost::beast::error_code ec;
      size_t used = parser.put(buffer.data(), ec);
      buffer.consume(used);
      if (ec == http::error::need_more) {
        ec = {};
      } else if (ec) {
        return std::unexpected("bad HTTP response: " + ec.message());
      }
      if (parser.is_done()) break;
      if (used > 0 && buffer.size() > 0) continue;
    }
    if (!WaitFor(fd_, POLLIN, deadline))
      return std::unexpected("timeout waiting for the response (" + std::to_string(timeout_ms_) + " ms)");
    auto space = buffer.prepare(64 * 1024);
    ssize_t n = ::recv(fd_, space.data(), space.size(), 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
    if (n < 0) {
      std::string e = std::strerror(errno);
      return std::unexpected((send_error.empty() ? "" : send_error + "; ") + "recv: " + e);
    }
    if (n == 0) {
      boost::beast::error_code ec;
      if (parser.got_some()) {
        parser.put_eof(ec);
        if (!ec && parser.is_done()) break;
      }
      return std::unexpected((send_error.empty() ? "" : send_error + "; ") +
                             "connection closed by the server before a complete response");
    }
    *nothing_received = false;
    buffer.commit(static_cast<size_t>(n));
  }
  auto message = parser.release();
  HttpResponse response;
  response.status = static_cast<int>(message.result_int());
  response.body = std::move(message.body());
  for (const auto& field : message)
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  if (!message.keep_alive()) Close();
  return response;
}

}  // namespace minsheng::apitest
