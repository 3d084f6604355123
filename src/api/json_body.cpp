#include "api/json_body.h"

#include <charconv>
#include <utility>

namespace minsheng::api {
namespace {

using nlohmann::json;

std::string Name(std::string_view field) { return std::string(field); }

Error MissingField(std::string_view field) {
  return Error::Invalid("missing_field", "缺少必填字段：" + Name(field), Name(field));
}

Error WrongType(std::string_view field, std::string_view expected) {
  return Error::Invalid("wrong_type", "字段 " + Name(field) + " 应为" + Name(expected),
                        Name(field));
}

Error OutOfRange(std::string_view what, std::string_view field, std::int64_t min,
                 std::int64_t max) {
  return Error::Invalid("out_of_range",
                        Name(what) + " " + Name(field) + " 应在 " + std::to_string(min) + " 到 " +
                            std::to_string(max) + " 之间",
                        Name(field));
}

Error TooLong(std::string_view what, std::string_view field, std::size_t max,
              std::string_view unit) {
  return Error::Invalid(
      "too_long", Name(what) + " " + Name(field) + " 不能超过 " + std::to_string(max) + " " + Name(unit),
      Name(field));
}

// Walks a dotted field name through nested objects. Returns nullptr when the field (or one of its
// parents) is missing or null; wrong_type when a parent is present but not an object.
Result<const json*> Lookup(const json& object, std::string_view field) {
  const json* current = &object;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = field.find('.', start);
    std::string_view key = field.substr(start, dot == std::string_view::npos ? field.npos
                                                                             : dot - start);
    if (!current->is_object()) {
      if (current->is_null()) return nullptr;
      return Fail(WrongType(field.substr(0, start == 0 ? 0 : start - 1), "对象"));
    }
    auto it = current->find(key);
    if (it == current->end() || it->is_null()) return nullptr;
    current = &*it;
    if (dot == std::string_view::npos) return current;
    start = dot + 1;
  }
}

Result<std::optional<std::string>> StringField(const json& object, std::string_view field,
                                               std::size_t max_len) {
  MS_ASSIGN(value, Lookup(object, field));
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) return Fail(WrongType(field, "字符串"));
  MS_TRY(CheckPrintable(value->get_ref<const std::string&>(), field));
  std::string_view trimmed = TrimSpace(value->get_ref<const std::string&>());
  if (trimmed.empty()) return std::nullopt;
  if (Utf8Length(trimmed) > max_len) return Fail(TooLong("字段", field, max_len, "个字符"));
  return std::string(trimmed);
}

Result<std::optional<std::int64_t>> IntField(const json& object, std::string_view field,
                                             std::int64_t min, std::int64_t max) {
  MS_ASSIGN(value, Lookup(object, field));
  if (value == nullptr) return std::nullopt;
  if (value->is_number_unsigned()) {
    auto u = value->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) ||
        static_cast<std::int64_t>(u) > max || static_cast<std::int64_t>(u) < min) {
      return Fail(OutOfRange("字段", field, min, max));
    }
    return static_cast<std::int64_t>(u);
  }
  if (!value->is_number_integer()) return Fail(WrongType(field, "整数"));
  auto i = value->get<std::int64_t>();
  if (i < min || i > max) return Fail(OutOfRange("字段", field, min, max));
  return i;
}

Result<std::optional<bool>> BoolField(const json& object, std::string_view field) {
  MS_ASSIGN(value, Lookup(object, field));
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) return Fail(WrongType(field, "布尔值"));
  return value->get<bool>();
}

const std::string* QueryValue(const Request& req, std::string_view name) {
  auto it = req.query.find(std::string(name));
  return it == req.query.end() ? nullptr : &it->second;
}

}  // namespace

Status CheckPrintable(std::string_view text, std::string_view field) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool c0 = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
    // C1 controls, U+0080–U+009F, are 0xC2 0x80–0x9F in UTF-8.
    const bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F &&
                    static_cast<unsigned char>(text[i + 1]) >= 0x80;
    if (c0 || c1)
      return Fail(Error::Invalid("control_character",
                                 "字段 " + Name(field) + " 含有不可见的控制字符（第 " +
                                     std::to_string(Utf8Length(text.substr(0, i)) + 1) + " 个字符），请删除后重试",
                                 Name(field)));
  }
  return {};
}

std::size_t Utf8Length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string_view TrimSpace(std::string_view text) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  auto is_ascii_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (true) {
    if (!text.empty() && is_ascii_space(text.front())) {
      text.remove_prefix(1);
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  while (true) {
    if (!text.empty() && is_ascii_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return text;
}

Result<nlohmann::json> ParseJsonObject(std::string_view body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return Fail(Error::Invalid("malformed_json", "请求体不是合法的 JSON"));
  }
  if (!parsed.is_object()) {
    return Fail(Error::Invalid("invalid_body", "请求体应为 JSON 对象"));
  }
  return parsed;
}

Result<std::string> RequiredString(const json& object, std::string_view field,
                                   std::size_t max_len) {
  MS_ASSIGN(value, StringField(object, field, max_len));
  if (!value) return Fail(MissingField(field));
  return std::move(*value);
}

Result<std::optional<std::string>> OptionalString(const json& object, std::string_view field,
                                                  std::size_t max_len) {
  return StringField(object, field, max_len);
}

Result<std::int64_t> RequiredInt64(const json& object, std::string_view field, std::int64_t min,
                                   std::int64_t max) {
  MS_ASSIGN(value, IntField(object, field, min, max));
  if (!value) return Fail(MissingField(field));
  return *value;
}

Result<std::optional<std::int64_t>> OptionalInt64(const json& object, std::string_view field,
                                                  std::int64_t min, std::int64_t max) {
  return IntField(object, field, min, max);
}

Result<bool> RequiredBool(const json& object, std::string_view field) {
  MS_ASSIGN(value, BoolField(object, field));
  if (!value) return Fail(MissingField(field));
  return *value;
}

Result<std::optional<bool>> OptionalBool(const json& object, std::string_view field) {
  return BoolField(object, field);
}

Result<std::vector<std::int64_t>> OptionalInt64Array(const json& object, std::string_view field,
                                                     std::size_t max_items) {
  MS_ASSIGN(value, Lookup(object, field));
  std::vector<std::int64_t> out;
  if (value == nullptr) return out;
  if (!value->is_array()) return Fail(WrongType(field, "整数数组"));
  if (value->size() > max_items) return Fail(TooLong("字段", field, max_items, "项"));
  out.reserve(value->size());
  for (const auto& element : *value) {
    if (element.is_number_integer() && !element.is_number_unsigned()) {
      out.push_back(element.get<std::int64_t>());
    } else if (element.is_number_unsigned() &&
               element.get<std::uint64_t>() <=
                   static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      out.push_back(static_cast<std::int64_t>(element.get<std::uint64_t>()));
    } else {
      return Fail(WrongType(field, "整数数组"));
    }
  }
  return out;
}

Result<std::vector<std::string>> OptionalStringArray(const json& object, std::string_view field,
                                                     std::size_t max_items, std::size_t max_len) {
  MS_ASSIGN(value, Lookup(object, field));
  std::vector<std::string> out;
  if (value == nullptr) return out;
  if (!value->is_array()) return Fail(WrongType(field, "字符串数组"));
  if (value->size() > max_items) return Fail(TooLong("字段", field, max_items, "项"));
  for (const auto& element : *value) {
    if (!element.is_string()) return Fail(WrongType(field, "字符串数组"));
    const std::string text(TrimSpace(element.get_ref<const std::string&>()));
    if (Utf8Length(text) > max_len) return Fail(TooLong("字段", field, max_len, "个字符"));
    out.push_back(text);
  }
  return out;
}

Result<std::int64_t> QueryInt64(const Request& req, std::string_view name, std::int64_t fallback,
                                std::int64_t min, std::int64_t max) {
  const std::string* raw = QueryValue(req, name);
  if (raw == nullptr) return fallback;
  std::string_view text = TrimSpace(*raw);
  if (text.empty()) return fallback;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) return Fail(OutOfRange("参数", name, min, max));
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Fail(Error::Invalid("wrong_type", "参数 " + Name(name) + " 应为整数", Name(name)));
  }
  if (value < min || value > max) return Fail(OutOfRange("参数", name, min, max));
  return value;
}

Result<std::optional<std::string>> QueryString(const Request& req, std::string_view name,
                                               std::size_t max_len) {
  const std::string* raw = QueryValue(req, name);
  if (raw == nullptr) return std::nullopt;
  MS_TRY(CheckPrintable(*raw, name));
  std::string_view text = TrimSpace(*raw);
  if (text.empty()) return std::nullopt;
  if (Utf8Length(text) > max_len) return Fail(TooLong("参数", name, max_len, "个字符"));
  return std::string(text);
}

Result<bool> QueryBool(const Request& req, std::string_view name, bool fallback) {
  MS_ASSIGN(text, QueryString(req, name, 40));
  if (!text) return fallback;
  if (*text == "true" || *text == "1") return true;
  if (*text == "false" || *text == "0") return false;
  return Fail(WrongType(name, "true 或 false"));
}

}  // namespace minsheng::api
