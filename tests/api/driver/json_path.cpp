#include "json_path.h"

#include <cctype>
#include <charconv>
#include <variant>
#include <vector>

namespace minsheng::apitest {
namespace {

using nlohmann::json;

struct Key { std::string name; };
struct Index { long long index; };
struct All {};
struct Filter { std::string key; std::string value; bool all; };
using Segment = std::variant<Key, Index, All, Filter>;

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::expected<std::vector<Segment>, std::string> Parse(std::string_view path) {
  std::vector<Segment> segments;
  size_t i = 0;
  if (path == "$") return segments;
  if (path.starts_with("$.")) i = 2;
  if (path.starts_with("$[")) i = 1;
  bool expect_name = i != 1;
  while (i < path.size()) {
    char c = path[i];
    if (c == '[') {
      size_t close = path.find(']', i);
      if (close == std::string_view::npos) return std::unexpected("unclosed [ in path: " + std::string(path));
      std::string_view inner = path.substr(i + 1, close - i - 1);
      if (inner == "*") {
        segments.push_back(All{});
      } else if (auto eq = inner.find('='); eq != std::string_view::npos) {
        bool all = inner.starts_with('?');
        std::string key(inner.substr(all ? 1 : 0, eq - (all ? 1 : 0)));
        if (key.empty()) return std::unexpected("empty filter key in path: " + std::string(path));
        segments.push_back(Filter{key, std::string(inner.substr(eq + 1)), all});
      } else {
        long long n = 0;
        auto [p, ec] = std::from_chars(inner.data(), inner.data() + inner.size(), n);
        if (ec != std::errc() || p != inner.data() + inner.size() || inner.empty())
          return std::unexpected("bad index [" + std::string(inner) + "] in path: " + std::string(path));
        segments.push_back(Index{n});
      }
      i = close + 1;
      expect_name = false;
      continue;
    }
    if (c == '.') {
      if (expect_name) return std::unexpected("unexpected '.' in path: " + std::string(path));
      ++i;
      expect_name = true;
      continue;
    }
    if (!expect_name && !segments.empty())
      return std::unexpected("expected '.' or '[' in path: " + std::string(path));
    size_t start = i;
    while (i < path.size() && IsNameChar(path[i])) ++i;
    if (i == start) return std::unexpected("bad character '" + std::string(1, c) + "' in path: " + std::string(path));
    segments.push_back(Key{std::string(path.substr(start, i - start))});
    expect_name = false;
  }
  if (expect_name && !segments.empty()) return std::unexpected("path ends with '.': " + std::string(path));
  return segments;
}

std::optional<json> Walk(const json& node, const std::vector<Segment>& segments, size_t at) {
  if (at == segments.size()) return node;
  const Segment& segment = segments[at];
  if (auto* key = std::get_if<Key>(&segment)) {
    if (!node.is_object()) return std::nullopt;
    auto it = node.find(key->name);
    if (it == node.end()) return std::nullopt;
    return Walk(*it, segments, at + 1);
  }
  if (!node.is_array()) return std::nullopt;
  if (auto* index = std::get_if<Index>(&segment)) {
    long long n = index->index < 0 ? static_cast<long long>(node.size()) + index->index : index->index;
    if (n < 0 || n >= static_cast<long long>(node.size())) return std::nullopt;
    return Walk(node[n], segments, at + 1);
  }
  const auto* filter = std::get_if<Filter>(&segment);
  bool project = std::holds_alternative<All>(segment) || filter->all;
  json out = json::array();
  for (const json& element : node) {
    if (filter) {
      if (!element.is_object()) continue;
      auto it = element.find(filter->key);
      if (it == element.end() || !MatchesLiteral(*it, filter->value)) continue;
    }
    if (!project) return Walk(element, segments, at + 1);
    if (auto value = Walk(element, segments, at + 1)) out.push_back(std::move(*value));
  }
  if (!project) return std::nullopt;
  return out;
}

}  // namespace

bool MatchesLiteral(const json& value, std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  json literal = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (literal.is_discarded()) literal = std::string(text);
  if (value.is_string() && !literal.is_string()) return value.get<std::string>() == text;
  if (value.is_number() && literal.is_number()) return value.get<double>() == literal.get<double>();
  return value == literal;
}

std::expected<std::optional<json>, std::string> EvaluatePath(const json& doc, std::string_view path) {
  if (path.starts_with("len(")) {
    if (!path.ends_with(")")) return std::unexpected("len( without ): " + std::string(path));
    auto inner = EvaluatePath(doc, path.substr(4, path.size() - 5));
    if (!inner) return inner;
    if (!inner->has_value()) return std::optional<json>();
    const json& v = **inner;
    if (v.is_string()) return std::optional<json>(v.get<std::string>().size());
    if (v.is_array() || v.is_object()) return std::optional<json>(v.size());
    return std::optional<json>();
  }
  auto segments = Parse(path);
  if (!segments) return std::unexpected(segments.error());
  return Walk(doc, *segments, 0);
}

}  // namespace minsheng::apitest
