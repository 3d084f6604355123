// Issue 13: the yardstick for get-by-id. A bare Boost.Beast HTTP/1.1 server that answers every request with
// one small fixed JSON, keep-alive, on 2 I/O threads like `minsheng serve`. bench/get_by_id.sh runs wrk on
// both under the same load. Usage: bare_beast_server [PORT (18300)] [THREADS (2)]
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>
#include <utility>  // before Asio: its awaitable.hpp uses std::exchange without including it
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

struct Session : std::enable_shared_from_this<Session> {
  explicit Session(tcp::socket s) : stream(std::move(s)) {}
  void Read() {
    request = {};
    http::async_read(stream, buffer, request, [self = shared_from_this()](auto ec, std::size_t) {
      if (ec) return;
      self->response = {http::status::ok, self->request.version()};
      self->response.set(http::field::content_type, "application/json");
      self->response.body() = R"({"id":1000,"status":"processing","title":"bare"})";
      self->response.keep_alive(self->request.keep_alive());
      self->response.prepare_payload();
      http::async_write(self->stream, self->response, [self](auto write_ec, std::size_t) {
        if (!write_ec && self->response.keep_alive()) self->Read();
      });
    });
  }
  boost::beast::tcp_stream stream;
  boost::beast::flat_buffer buffer;
  http::request<http::string_body> request;
  http::response<http::string_body> response;
};

void Accept(tcp::acceptor& acceptor, asio::io_context& ioc) {
  acceptor.async_accept(asio::make_strand(ioc), [&](boost::beast::error_code ec, tcp::socket socket) {
    if (!ec) {
      socket.set_option(tcp::no_delay(true));
      std::make_shared<Session>(std::move(socket))->Read();
    }
    Accept(acceptor, ioc);
  });
}

int main(int argc, char** argv) {
  const auto port = static_cast<unsigned short>(argc > 1 ? std::atoi(argv[1]) : 18300);
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  asio::io_context ioc(threads);
  tcp::acceptor acceptor(ioc, {asio::ip::make_address("127.0.0.1"), port});
  Accept(acceptor, ioc);
  std::cout << "bare beast server on http://127.0.0.1:" << port << " (" << threads << " threads)" << std::endl;
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
}
