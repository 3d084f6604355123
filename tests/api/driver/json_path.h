// JSON paths used by the API scenarios: `items[code=housing].id`, `timeline[-1].action`,
// `items[*].id`, `dispatches[?role=lead]`, `len(timeline)`, `$` (the whole document).
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace minsheng::apitest {

// Evaluates `path` against `doc`. The value is nullopt when the path leads nowhere (missing key,
// index out of range, no element matching a filter); the error is a syntax error in the path.
//   name          object member          [3] / [-1]    array element (negative counts from the end)
//   [*]           every element (projection: the rest of the path applies to each, results in an array)
//   [k=v]         first element whose member k equals v (v: a bare word, a number, true/false/null, "quoted")
//   [?k=v]        every element whose member k equals v (an array, possibly empty)
//   len(p)        the size of the array, object or string at p
std::expected<std::optional<nlohmann::json>, std::string> EvaluatePath(const nlohmann::json& doc,
                                                                        std::string_view path);

// Whether `value` (a JSON member) equals the filter literal `text` as written in a path or scenario.
bool MatchesLiteral(const nlohmann::json& value, std::string_view text);

}  // namespace minsheng::apitest
