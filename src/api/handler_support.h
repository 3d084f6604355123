// Small glue shared by the route files: turning Result-returning handlers into Router handlers,
// authentication, and reading ids, dates and times.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "api/api_services.h"
#include "api/http_types.h"
#include "api/router.h"
#include "app/actor.h"
#include "core/clock.h"

namespace minsheng::api {

using ResultHandler = std::function<Result<Response>(Request&)>;
using StaffHandler = std::function<Result<Response>(Request&, const app::Actor&)>;

// Maps an error result to its error response (api/error_mapping.h).
Handler Plain(ResultHandler handler);
// The token of "Authorization: Bearer TOKEN", or "".
std::string BearerToken(const Request& req);
// Requires a valid bearer token and a role the route's row in api/route_access.h allows (403 otherwise, also
// for a route without a row), then passes the logged-in actor. The route is req.route, set by Router::Find.
Handler Staff(ApiServices& services, StaffHandler handler);

// The numeric path parameter `name` (404 when it is not a positive integer).
Result<std::int64_t> PathId(const Request& req, const std::string& name = "id");

// "2026-11-22T19:07:06+08:00" (China Standard Time).
std::string FormatTime(Timestamp t);
nlohmann::json TimeOrNull(const std::optional<Timestamp>& t);
nlohmann::json IdOrNull(const std::optional<std::int64_t>& id);

// Query parameters `from` and `to` as dates (YYYY-MM-DD, `to` inclusive) → [from, to) instants.
// Missing `from` is `default_days` before today; missing `to` is today.
struct Period {
  Timestamp from = 0;
  Timestamp to = 0;
};
Result<Period> QueryPeriod(const Request& req, const Clock& clock, int default_days);

// Optional query parameters `from` and `to` (YYYY-MM-DD, `to` inclusive) → [from, to) instants; absent
// ones stay nullopt (unlike QueryPeriod, no default period).
struct OptionalPeriod {
  std::optional<Timestamp> from;
  std::optional<Timestamp> to;
};
Result<OptionalPeriod> QueryOptionalPeriod(const Request& req);

// Query parameter `name` as a date (YYYY-MM-DD); absent or blank yields `fallback`.
Result<std::chrono::sys_days> QueryDate(const Request& req, std::string_view name, std::chrono::sys_days fallback);

// Query parameters `page` (from 1) and `page_size` (1..100, default 20).
struct PageQuery {
  int page = 1;
  int page_size = 20;
};
Result<PageQuery> QueryPage(const Request& req);
// An optional positive id in the query (`unit_id=3`); absent, empty or 0 means no filter.
Result<std::optional<std::int64_t>> QueryId(const Request& req, std::string_view name);

Response Ok(const nlohmann::json& body);
// A file to save: `body` as `content_type`, named `ascii_name` for old clients and `name` (UTF-8) for the rest.
Response Attachment(std::string body, std::string content_type, const std::string& ascii_name,
                    const std::string& name);
inline constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// A response whose body is already JSON text (from JsonWriter).
Response JsonText(int status, std::string body);
Response Created(const nlohmann::json& body);

}  // namespace minsheng::api
