// HTTP/1.1 requests as the server reads them (src/api/http_server.cpp, Session::DoRead .. OnRead): a
// fresh Beast request_parser<string_body> per request with the server's header limit (16 KiB) and body
// limit (ServerOptions::max_body_bytes), read_header then read from a stream holding the fuzzer's bytes,
// several pipelined requests per input; each request read is turned into our Request (ParseTarget,
// headers in arrival order, body) and looked up in the real router (real_router.h). Handlers are not
// run (they need a database with data; the API scenarios cover them).
//
// The first input byte sets how many bytes each read gets (1..256), so that requests split across
// reads at every place are tried too; the rest is the connection's bytes, then end of stream.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/http_server.h"
#include "api/http_types.h"
#include "api/router.h"
#include "real_router.h"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;

constexpr std::uint32_t kHeaderLimit = 16 * 1024;  // as http_server.cpp
constexpr int kMaxRequestsPerInput = 8;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "http_request_fuzz: broken promise: %s\n", what);
    std::abort();
  }
}

// What Session::OnRead does with a request that was read whole.
void Handle(http::request<http::string_body>& message) {
  minsheng::api::Request request;
  request.method = std::string(message.method_string());
  if (request.method == "HEAD") request.method = "GET";
  request.target = std::string(message.target());
  minsheng::api::ParseTarget(request.target, request.path, request.query);
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.remote_address = "127.0.0.1";
  (void)request.Header("Authorization");
  (void)request.Header("content-type");

  const auto match = minsheng::fuzz::RealRouter().Find(request);
  if (match.handler == nullptr) Check(match.error.status == 404 || match.error.status == 405, "404 or 405");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t read_size = std::size_t{data[0]} + 1;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);

  static const std::size_t max_body_bytes = minsheng::api::ServerOptions{}.max_body_bytes;
  boost::asio::io_context ioc;
  beast::test::stream stream(ioc, bytes);
  stream.read_size(read_size);
  stream.close_remote();  // the client has sent everything: then end of stream
  beast::flat_buffer buffer;

  for (int n = 0; n < kMaxRequestsPerInput; ++n) {
    std::optional<http::request_parser<http::string_body>> parser;
    parser.emplace();
    parser->body_limit(max_body_bytes);
    parser->header_limit(kHeaderLimit);
    beast::error_code ec;
    http::read_header(stream, buffer, *parser, ec);
    if (!ec && !parser->is_done()) http::read(stream, buffer, *parser, ec);
    if (ec) return 0;  // the server answers 400 or 413, or just closes; the connection ends
    Check(parser->is_done(), "a request read without error is complete");
    auto& message = parser->get();
    const bool keep_alive = message.keep_alive();
    Handle(message);
    if (!keep_alive) return 0;
  }
  return 0;
}
