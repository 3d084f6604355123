// The one table from minsheng::ErrorKind to HTTP status, and the error body every endpoint returns.
#pragma once

#include <nlohmann/json.hpp>

#include "api/http_types.h"
#include "core/error.h"

namespace minsheng::api {

// HTTP status for an error kind: kInvalid 400, kUnauthenticated 401, kForbidden 403, kNotFound 404,
// kConflict 409, kTooLarge 413, kRateLimited 429, kInternal 500, kUnavailable 503.
int HttpStatus(ErrorKind kind);

// {"error":{"code":…,"message":…,"field":… or null}} plus "allowed":[…] when error.allowed is non-empty
// and "retry_after": seconds when the error says when to try again.
nlohmann::json ErrorJson(const Error& error);

// A JSON response with HttpStatus(error.kind) and ErrorJson(error) as its body, and a Retry-After
// header when the error has retry_after_seconds.
Response ErrorResponse(const Error& error);

}  // namespace minsheng::api
