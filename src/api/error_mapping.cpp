#include "api/error_mapping.h"

namespace minsheng::api {

int HttpStatus(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalid: return 400;
    case ErrorKind::kUnauthenticated: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kTooLarge: return 413;
    case ErrorKind::kRateLimited: return 429;
    case ErrorKind::kUnavailable: return 503;
    case ErrorKind::kInternal: return 500;
  }
  return 500;
}

nlohmann::json ErrorJson(const Error& error) {
  nlohmann::json inner = {
      {"code", error.code},
      {"message", error.message},
      {"field", error.field.empty() ? nlohmann::json(nullptr) : nlohmann::json(error.field)},
  };
  // A refused transition always names what is allowed instead, even when nothing is.
  if (!error.allowed.empty() || error.code == "invalid_transition") inner["allowed"] = error.allowed;
  if (error.retry_after_seconds > 0) inner["retry_after"] = error.retry_after_seconds;
  return nlohmann::json{{"error", std::move(inner)}};
}

Response ErrorResponse(const Error& error) {
  Response response = JsonResponse(HttpStatus(error.kind), ErrorJson(error));
  if (error.retry_after_seconds > 0)
    response.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
  return response;
}

}  // namespace minsheng::api
