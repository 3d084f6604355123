// A streaming JSON writer for the hot responses (appeal detail and lists), which nlohmann::json makes
// several times slower by building a tree of maps first (bench/appeal_json_bench.cpp). Commas are
// placed automatically; strings are escaped and invalid UTF-8 is replaced by U+FFFD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minsheng::api {

class JsonWriter {
 public:
  // `reserve`: the bytes the text is expected to take, allocated up front.
  explicit JsonWriter(std::size_t reserve = 4096) { out_.reserve(reserve); }

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // The next member's name, inside an object.
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view value);
  JsonWriter& Int(std::int64_t value);
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A value that already is valid JSON text (e.g. a stored JSON column).
  JsonWriter& Raw(std::string_view json);
  // Members that already are valid JSON text ("a":1,"b":2, no braces), inside an object; "" writes nothing.
  JsonWriter& RawMembers(std::string_view members);

  // Key + value shorthands; nullopt writes null.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const std::string& value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, std::int64_t value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, int value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, bool value) { return Key(key).Bool(value); }
  JsonWriter& Field(std::string_view key, const std::optional<std::int64_t>& value);
  JsonWriter& Field(std::string_view key, const std::optional<std::string>& value);
  JsonWriter& Field(std::string_view key, const std::vector<std::string>& values);
  JsonWriter& Field(std::string_view key, const std::vector<std::int64_t>& values);

  // The text written so far (complete once every Begin has its End).
  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void BeforeValue();

  std::string out_;
  std::vector<bool> first_;  // per open container: no member written yet
  bool after_key_ = false;
};

// Appends `text` to `out` as a quoted JSON string.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace minsheng::api
