// The router and the URL decoding in front of it: Router::Find on arbitrary methods and paths (the real
// route table, real_router.h), ParseTarget, and the PercentEncode/PercentDecode round trip.
//
// Input: "METHOD\nTARGET\n…"; the whole input is also the text that is percent-encoded and decoded.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/http_types.h"
#include "api/router.h"
#include "real_router.h"

namespace {

using minsheng::api::PercentDecode;
using minsheng::api::PercentEncode;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "router_fuzz: broken promise: %s\n", what);
    std::abort();
  }
}

bool IsUnreservedOrEscape(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == '%';
}

// decode(encode(x)) == x, with and without '+' as a space; the encoding is pure ASCII.
void FuzzPercent(std::string_view text) {
  const std::string encoded = PercentEncode(text);
  for (char c : encoded) Check(IsUnreservedOrEscape(c), "PercentEncode writes unreserved characters and %XX");
  Check(PercentDecode(encoded, false) == text, "PercentDecode(PercentEncode(x), false) == x");
  Check(PercentDecode(encoded, true) == text, "PercentDecode(PercentEncode(x), true) == x");
  // Decoding never grows the text.
  Check(PercentDecode(text, true).size() <= text.size(), "PercentDecode never grows");
}

// A target built from encoded parts parses back into those parts.
void FuzzTargetRoundTrip(std::string_view segment, std::string_view key, std::string_view value) {
  const std::string target = "/" + PercentEncode(segment) + "?" + PercentEncode(key) + "=" + PercentEncode(value);
  std::string path;
  std::map<std::string, std::string> query;
  minsheng::api::ParseTarget(target, path, query);
  Check(path == "/" + std::string(segment), "ParseTarget decodes the encoded path");
  if (!key.empty()) {
    auto it = query.find(std::string(key));
    Check(it != query.end() && it->second == value, "ParseTarget decodes the encoded query parameter");
  }
}

void FuzzFind(std::string method, std::string_view target) {
  minsheng::api::Request req;
  req.method = std::move(method);
  req.target = std::string(target);
  minsheng::api::ParseTarget(req.target, req.path, req.query);
  const auto& router = minsheng::fuzz::RealRouter();
  const auto match = router.Find(req);
  if (match.handler != nullptr) {
    for (const auto& [name, value] : req.params) {
      Check(!name.empty() && !value.empty() && value.find('/') == std::string::npos,
            "a capture is one non-empty segment");
    }
    // The same request finds the same handler again.
    minsheng::api::Request again = req;
    again.params.clear();
    Check(router.Find(again).handler == match.handler, "Find is deterministic");
    return;
  }
  const int status = match.error.status;
  Check(status == 404 || status == 405, "no route: 404 or 405");
  Check(nlohmann::json::accept(match.error.body), "the error body is JSON");
  if (status == 405) {
    bool allow = false;
    for (const auto& [name, value] : match.error.headers) allow = allow || (name == "Allow" && !value.empty());
    Check(allow, "405 names the allowed methods");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  FuzzPercent(input);

  const auto first = input.find('\n');
  const std::string_view method = input.substr(0, first);
  const std::string_view rest = first == std::string_view::npos ? std::string_view{} : input.substr(first + 1);
  const auto second = rest.find('\n');
  const std::string_view target = rest.substr(0, second);
  const std::string_view tail = second == std::string_view::npos ? std::string_view{} : rest.substr(second + 1);

  FuzzFind(std::string(method), target);
  FuzzFind("GET", target);  // most routes are GET routes: reach them whatever the method line says
  FuzzFind(std::string(method), tail);
  FuzzTargetRoundTrip(method, target, tail);
  return 0;
}
