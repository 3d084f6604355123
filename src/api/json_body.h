// Request bodies and query strings to typed values, with errors a person can act on.
// Every error is ErrorKind::kInvalid and names the field; nested fields are addressed with dotted
// names ("appellant.phone" reads body["appellant"]["phone"]) and reported under that name.
// Codes: malformed_json, invalid_body, missing_field, wrong_type, too_long, out_of_range, control_character.
// No text field or query string may hold a control character other than tab, line feed and carriage
// return (NUL, ESC, DEL, U+0080–U+009F …): it is refused, never stored or silently dropped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/http_types.h"
#include "core/error.h"

namespace minsheng::api {

// Parses `body` as a JSON object. Malformed → malformed_json; valid JSON but not an object →
// invalid_body.
Result<nlohmann::json> ParseJsonObject(std::string_view body);

// A string field, trimmed of surrounding whitespace (ASCII and U+3000). Missing, null or blank →
// missing_field; not a string → wrong_type; more than max_len characters (code points) → too_long.
Result<std::string> RequiredString(const nlohmann::json& object, std::string_view field,
                                   std::size_t max_len);

// Like RequiredString, but missing, null or blank yields std::nullopt.
Result<std::optional<std::string>> OptionalString(const nlohmann::json& object,
                                                  std::string_view field, std::size_t max_len);

// An integer field in [min, max]. Floats (even 1.0), strings and booleans → wrong_type;
// outside the range → out_of_range; missing or null → missing_field.
Result<std::int64_t> RequiredInt64(
    const nlohmann::json& object, std::string_view field,
    std::int64_t min = std::numeric_limits<std::int64_t>::min(),
    std::int64_t max = std::numeric_limits<std::int64_t>::max());

// Like RequiredInt64, but missing or null yields std::nullopt.
Result<std::optional<std::int64_t>> OptionalInt64(
    const nlohmann::json& object, std::string_view field,
    std::int64_t min = std::numeric_limits<std::int64_t>::min(),
    std::int64_t max = std::numeric_limits<std::int64_t>::max());

// A boolean field (true/false only). Missing or null → missing_field; anything else → wrong_type.
Result<bool> RequiredBool(const nlohmann::json& object, std::string_view field);

// Like RequiredBool, but missing or null yields std::nullopt.
Result<std::optional<bool>> OptionalBool(const nlohmann::json& object, std::string_view field);

// An array of integers; missing or null yields an empty vector. Not an array, or an element that is
// not an integer → wrong_type; more than max_items elements → too_long.
Result<std::vector<std::int64_t>> OptionalInt64Array(const nlohmann::json& object,
                                                     std::string_view field,
                                                     std::size_t max_items);

// An array of strings (each trimmed, at most max_len characters); missing or null yields an empty vector.
// Not an array, or an element not a string → wrong_type; more than max_items elements or a longer string →
// too_long.
Result<std::vector<std::string>> OptionalStringArray(const nlohmann::json& object, std::string_view field,
                                                     std::size_t max_items, std::size_t max_len);

// Query parameter `name` as an integer in [min, max]; absent or empty yields `fallback`.
// Not an integer → wrong_type; outside the range → out_of_range.
Result<std::int64_t> QueryInt64(const Request& req, std::string_view name, std::int64_t fallback,
                                std::int64_t min, std::int64_t max);

// Query parameter `name`, trimmed; absent or blank yields std::nullopt; longer than max_len
// characters → too_long.
Result<std::optional<std::string>> QueryString(const Request& req, std::string_view name,
                                               std::size_t max_len);

// Query parameter `name` as a flag: "true"/"1" or "false"/"0"; absent or blank yields `fallback`;
// anything else → wrong_type.
Result<bool> QueryBool(const Request& req, std::string_view name, bool fallback = false);

// control_character naming `field` when `text` holds a control character other than tab, LF and CR.
Status CheckPrintable(std::string_view text, std::string_view field);

// Number of Unicode code points in UTF-8 `text`.
std::size_t Utf8Length(std::string_view text);

// `text` without leading and trailing ASCII whitespace and U+3000 (ideographic space).
std::string_view TrimSpace(std::string_view text);

}  // namespace minsheng::api
