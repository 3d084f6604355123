// A small blocking HTTP/1.1 client for loopback tests: keep-alive, timeouts on every read and write.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minsheng::apitest {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  std::string body;
  Headers headers;
  // The value of header `name` (case-insensitive), or empty.
  std::string Header(std::string_view name) const;
};

class HttpClient {
 public:
  // Talks to host:port (an IPv4 address); each request must finish within timeout_ms.
  HttpClient(std::string host, int port, int timeout_ms = 30000);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request on the kept-alive connection (opening one if needed). A JSON content type is
  // sent when body is non-empty unless `headers` names another. Fails with a description on
  // connection errors and timeouts; any HTTP status is a success here.
  std::expected<HttpResponse, std::string> Send(std::string_view method, std::string_view target,
                                                std::string_view body = {}, const Headers& headers = {});

  // Drops the connection (the next Send opens a new one).
  void Close();

  int port() const { return port_; }

 private:
  std::expected<void, std::string> Connect();
  std::expected<HttpResponse, std::string> SendOnce(const std::string& request, bool* nothing_received);

  std::string host_;
  int port_;
  int timeout_ms_;
  int fd_ = -1;
};

}  // namespace minsheng::apitest
