#include "api/router.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "api/error_mapping.h"

namespace minsheng::api {
namespace {

// Paths deeper than this never match (no route is that deep); keeps splitting allocation-free.
constexpr std::size_t kMaxSegments = 32;

using Segments = std::array<std::string_view, kMaxSegments>;

// Splits `path` on '/', skipping empty segments. Returns the count, or kMaxSegments + 1 if too deep.
std::size_t Split(std::string_view path, Segments& out) {
  std::size_t n = 0;
  std::size_t pos = 0;
  while (pos < path.size()) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > pos) {
      if (n == kMaxSegments) return kMaxSegments + 1;
      out[n++] = path.substr(pos, slash - pos);
    }
    pos = slash + 1;
  }
  return n;
}

bool IsCapture(std::string_view segment) {
  return segment.size() >= 3 && segment.front() == '{' && segment.back() == '}';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

struct Router::Node {
  struct Route {
    std::string method;
    std::string pattern;  // as registered
    Handler handler;
    Dispatch dispatch;
    std::vector<std::string> names;  // capture names, in path order
  };
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> capture;
  std::vector<Route> routes;  // non-empty only where a pattern ends
};

namespace {

struct SearchState {
  const Segments* segments;
  std::size_t count;
  std::string_view method;
  std::array<std::string_view, kMaxSegments> captures;
  const Router::Node* path_match = nullptr;  // first node matching the path, whatever the method
};

// Depth-first search preferring literal children; returns the node whose routes include the method.
const Router::Node* Search(const Router::Node& node, std::size_t i, std::size_t depth,
                           SearchState& state) {
  if (i == state.count) {
    if (node.routes.empty()) return nullptr;
    for (const auto& route : node.routes) {
      if (route.method == state.method) return &node;
    }
    if (state.path_match == nullptr) state.path_match = &node;
    return nullptr;
  }
  std::string_view segment = (*state.segments)[i];
  if (auto it = node.literals.find(segment); it != node.literals.end()) {
    if (const auto* found = Search(*it->second, i + 1, depth, state)) return found;
  }
  if (node.capture) {
    state.captures[depth] = segment;
    if (const auto* found = Search(*node.capture, i + 1, depth + 1, state)) return found;
  }
  return nullptr;
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

void Router::Add(std::string method, std::string pattern, Handler handler, Dispatch dispatch) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  Segments segments;
  std::size_t count = Split(pattern, segments);
  if (count > kMaxSegments) throw std::invalid_argument("route pattern too deep: " + pattern);
  Node* node = root_.get();
  std::vector<std::string> names;
  for (std::size_t i = 0; i < count; ++i) {
    std::string_view segment = segments[i];
    if (IsCapture(segment)) {
      names.emplace_back(segment.substr(1, segment.size() - 2));
      if (!node->capture) node->capture = std::make_unique<Node>();
      node = node->capture.get();
    } else {
      auto it = node->literals.find(segment);
      if (it == node->literals.end()) {
        it = node->literals.emplace(std::string(segment), std::make_unique<Node>()).first;
      }
      node = it->second.get();
    }
  }
  for (auto& route : node->routes) {
    if (route.method == method) {
      route = {std::move(method), std::move(pattern), std::move(handler), dispatch, std::move(names)};
      return;
    }
  }
  node->routes.push_back({std::move(method), std::move(pattern), std::move(handler), dispatch, std::move(names)});
}

void Router::SetFallback(Handler handler, Dispatch dispatch,
                         std::vector<std::string> except_prefixes) {
  fallback_ = std::move(handler);
  fallback_dispatch_ = dispatch;
  fallback_except_ = std::move(except_prefixes);
}

RouteMatch Router::Find(Request& req) const {
  RouteMatch match;
  Segments segments;
  std::size_t count = Split(req.path, segments);
  SearchState state;
  state.segments = &segments;
  state.method = req.method;
  const Node* found = nullptr;
  if (count <= kMaxSegments) {
    state.count = count;
    found = Search(*root_, 0, 0, state);
  }
  if (found != nullptr) {
    for (const auto& route : found->routes) {
      if (route.method != req.method) continue;
      for (std::size_t k = 0; k < route.names.size(); ++k) {
        req.params[route.names[k]] = std::string(state.captures[k]);
      }
      req.route = route.pattern;
      match.handler = &route.handler;
      match.dispatch = route.dispatch;
      return match;
    }
  }
  if (state.path_match != nullptr) {
    std::vector<std::string> allowed;
    for (const auto& route : state.path_match->routes) allowed.push_back(route.method);
    std::sort(allowed.begin(), allowed.end());
    std::string allow_header;
    for (const auto& m : allowed) {
      if (!allow_header.empty()) allow_header += ", ";
      allow_header += m;
    }
    Error error{ErrorKind::kInvalid, "method_not_allowed", "不支持该请求方法：" + req.method, {},
                std::move(allowed)};
    match.error = JsonResponse(405, ErrorJson(error));
    match.error.headers.emplace_back("Allow", std::move(allow_header));
    return match;
  }
  if (fallback_ && req.method == "GET") {
    bool excluded = std::any_of(fallback_except_.begin(), fallback_except_.end(),
                                [&](const std::string& prefix) {
                                  return req.path.starts_with(prefix);
                                });
    if (!excluded) {
      match.handler = &fallback_;
      match.dispatch = fallback_dispatch_;
      return match;
    }
  }
  match.error = ErrorResponse(
      Error{ErrorKind::kNotFound, "route_not_found", "接口不存在：" + req.path, {}, {}});
  return match;
}

Response Router::Handle(Request& req) const {
  RouteMatch match = Find(req);
  if (match.handler == nullptr) return std::move(match.error);
  return (*match.handler)(req);
}

std::vector<RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  std::vector<const Node*> stack{root_.get()};
  while (!stack.empty()) {
    const Node* node = stack.back();
    stack.pop_back();
    for (const auto& route : node->routes) out.push_back({route.method, route.pattern, route.dispatch});
    for (const auto& [segment, child] : node->literals) stack.push_back(child.get());
    if (node->capture) stack.push_back(node->capture.get());
  }
  std::sort(out.begin(), out.end(), [](const RouteInfo& a, const RouteInfo& b) {
    return std::tie(a.pattern, a.method) < std::tie(b.pattern, b.method);
  });
  return out;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string PercentDecode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_as_space && c == '+' ? ' ' : c);
  }
  return out;
}

void ParseTarget(std::string_view target, std::string& path,
                 std::map<std::string, std::string>& query) {
  std::size_t question = target.find('?');
  std::string_view raw_path = target.substr(0, question);
  if (std::size_t hash = raw_path.find('#'); hash != std::string_view::npos) {
    raw_path = raw_path.substr(0, hash);
  }
  path = PercentDecode(raw_path, false);
  if (question == std::string_view::npos) return;
  std::string_view rest = target.substr(question + 1);
  if (std::size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string key = PercentDecode(pair.substr(0, eq), true);
    std::string value =
        eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1), true);
    query.emplace(std::move(key), std::move(value));
  }
}

}  // namespace minsheng::api
