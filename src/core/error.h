// Errors as values across every layer: Result<T> is std::expected<T, Error>.
#pragma once

#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace minsheng {

// What kind of failure; the API maps each kind to one HTTP status (api/error_mapping.cpp).
enum class ErrorKind {
  kInvalid,          // 400: malformed or missing input
  kUnauthenticated,  // 401: no or expired token, wrong password
  kForbidden,        // 403: role or region scope does not allow it
  kNotFound,         // 404: unknown id
  kConflict,         // 409: wrong state, lost race, duplicate
  kTooLarge,         // 413: body over the limit
  kRateLimited,      // 429: too many requests from one address
  kUnavailable,      // 503: database busy or down; retry later
  kInternal,         // 500: a bug
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;     // machine-readable, snake_case, e.g. "invalid_transition"
  std::string message;  // for people, in Simplified Chinese
  std::string field;    // the offending input field, or empty
  std::vector<std::string> allowed;  // for invalid transitions: the actions allowed now
  int retry_after_seconds = 0;       // for kRateLimited and kUnavailable: when to try again (0: unsaid)

  static Error Invalid(std::string code, std::string message, std::string field = {}) {
    return {ErrorKind::kInvalid, std::move(code), std::move(message), std::move(field), {}};
  }
  static Error NotFound(std::string message, std::string field = {}) {
    return {ErrorKind::kNotFound, "not_found", std::move(message), std::move(field), {}};
  }
  static Error Conflict(std::string code, std::string message) {
    return {ErrorKind::kConflict, std::move(code), std::move(message), {}, {}};
  }
  static Error Forbidden(std::string message) {
    return {ErrorKind::kForbidden, "forbidden", std::move(message), {}, {}};
  }
  static Error Unauthenticated(std::string code, std::string message) {
    return {ErrorKind::kUnauthenticated, std::move(code), std::move(message), {}, {}};
  }
  static Error Unavailable(std::string message) {
    return {ErrorKind::kUnavailable, "unavailable", std::move(message), {}, {}};
  }
  // kRateLimited or kUnavailable with the seconds after which a retry may succeed.
  static Error RetryLater(ErrorKind kind, std::string code, std::string message, int seconds,
                          std::string field = {}) {
    Error e{kind, std::move(code), std::move(message), std::move(field), {}};
    e.retry_after_seconds = seconds;
    return e;
  }
  static Error Internal(std::string message) {
    return {ErrorKind::kInternal, "internal", std::move(message), {}, {}};
  }
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(Error e) { return std::unexpected<Error>(std::move(e)); }

}  // namespace minsheng

// Propagates an error from an expression yielding Result<T>/Status; evaluates to nothing.
#define MS_TRY(expr)                                               \
  do {                                                             \
    if (auto ms_try_result_ = (expr); !ms_try_result_)             \
      return ::minsheng::Fail(std::move(ms_try_result_).error());  \
  } while (0)

// Binds the value of a Result<T> expression to `var`, or returns its error.
#define MS_ASSIGN(var, expr)                                   \
  auto var##_result_ = (expr);                                 \
  if (!var##_result_) return ::minsheng::Fail(std::move(var##_result_).error()); \
  auto var = std::move(*var##_result_)
