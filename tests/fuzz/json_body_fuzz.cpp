// Request bodies: ParseJsonObject and the field readers of src/api/json_body.h, and the register and
// callback bodies of src/api/appeal_input.h (staff and public). Besides "no crash, no sanitizer
// report", what a reader accepts must keep the header's promises: trimmed non-blank strings within
// their length, integers within their range; what it refuses is a kInvalid error with one of the
// documented codes, naming the field.
//
// Input: the request body. Fields read: the names the routes use, and every key (and nested
// "key.key") of the body itself.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/appeal_input.h"
#include "api/json_body.h"

namespace {

using nlohmann::json;
namespace api = minsheng::api;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "json_body_fuzz: broken promise: %s\n", what);
    std::abort();
  }
}

void CheckError(const minsheng::Error& error) {
  static const std::set<std::string> kCodes = {"malformed_json", "invalid_body", "missing_field",    "wrong_type",
                                               "too_long",       "out_of_range", "control_character"};
  Check(error.kind == minsheng::ErrorKind::kInvalid, "errors are kInvalid");
  if (!kCodes.contains(error.code)) std::fprintf(stderr, "json_body_fuzz: error code %s\n", error.code.c_str());
  Check(kCodes.contains(error.code), "error code is one of the documented ones");
  Check(!error.message.empty(), "error has a message");
}

void CheckText(const std::string& text, std::size_t max_len) {
  Check(!text.empty(), "a string read is not blank");
  Check(api::TrimSpace(text) == text, "a string read is trimmed");
  Check(api::Utf8Length(text) <= max_len, "a string read is within its length");
}

void ReadField(const json& body, const std::string& field) {
  for (const std::size_t max_len : {std::size_t{0}, std::size_t{5}, std::size_t{200}}) {
    if (auto s = api::RequiredString(body, field, max_len)) {
      CheckText(*s, max_len);
    } else {
      CheckError(s.error());
      Check(s.error().field.size() <= field.size(), "the error names the field (or a parent)");
    }
    if (auto s = api::OptionalString(body, field, max_len)) {
      if (*s) CheckText(**s, max_len);
    } else {
      CheckError(s.error());
    }
  }
  for (const auto& [min, max] : {std::pair<std::int64_t, std::int64_t>{1, std::numeric_limits<std::int64_t>::max()},
                                {1, 365},
                                {std::numeric_limits<std::int64_t>::min(), 0}}) {
    if (auto i = api::RequiredInt64(body, field, min, max)) {
      Check(*i >= min && *i <= max, "an integer read is within its range");
    } else {
      CheckError(i.error());
    }
    if (auto i = api::OptionalInt64(body, field, min, max)) {
      if (*i) Check(**i >= min && **i <= max, "an integer read is within its range");
    } else {
      CheckError(i.error());
    }
  }
  if (auto b = api::RequiredBool(body, field); !b) CheckError(b.error());
  if (auto b = api::OptionalBool(body, field); !b) CheckError(b.error());
  if (auto a = api::OptionalInt64Array(body, field, 20)) {
    Check(a->size() <= 20, "an array read is within its length");
  } else {
    CheckError(a.error());
  }
}

// The body's own keys, and one level of nested keys as "key.key".
void CollectFields(const json& body, std::vector<std::string>& fields) {
  for (auto it = body.begin(); it != body.end() && fields.size() < 32; ++it) {
    fields.push_back(it.key());
    if (!it.value().is_object()) continue;
    for (auto nested = it.value().begin(); nested != it.value().end() && fields.size() < 32; ++nested) {
      fields.push_back(it.key() + "." + nested.key());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto body = api::ParseJsonObject(input);
  if (!body) {
    CheckError(body.error());
    Check(body.error().code == "malformed_json" || body.error().code == "invalid_body", "body error code");
    return 0;
  }
  Check(body->is_object(), "ParseJsonObject gives an object");

  for (const bool with_channel : {true, false}) {
    if (auto in = api::ReadRegisterInput(*body, with_channel)) {
      CheckText(in->title, 200);
      CheckText(in->content, 20000);
      Check(with_channel || in->channel == "web", "the public portal's channel is web");
      Check(in->region_id >= 1 && in->category_id >= 1, "ids are positive");
    } else {
      CheckError(in.error());
      Check(!in.error().field.empty(), "a register error names its field");
    }
  }
  if (auto in = api::ReadCallbackInput(*body)) {
    CheckText(in->satisfaction, 40);
  } else {
    CheckError(in.error());
  }

  std::vector<std::string> fields = {"title", "region_id", "appellant.phone", "appellant.anonymous",
                                     "assisting_unit_ids", "a.b.c", "", ".", "a..b"};
  CollectFields(*body, fields);
  for (const auto& field : fields) ReadField(*body, field);
  return 0;
}
