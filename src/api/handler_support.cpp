#include "api/handler_support.h"

#include <charconv>

#include "api/error_mapping.h"
#include "api/json_body.h"
#include "api/route_access.h"
#include "core/calendar.h"

namespace minsheng::api {

Handler Plain(ResultHandler handler) {
  return [handler = std::move(handler)](Request& req) -> Response {
    auto result = handler(req);
    if (!result) return ErrorResponse(result.error());
    return std::move(*result);
  };
}

std::string BearerToken(const Request& req) {
  const std::string header = req.Header("Authorization");
  if (header.size() > 7 && (header.starts_with("Bearer ") || header.starts_with("bearer "))) return header.substr(7);
  return {};
}

Handler Staff(ApiServices& services, StaffHandler handler) {
  return [&services, handler = std::move(handler)](Request& req) -> Response {
    auto actor = services.auth.Authenticate(BearerToken(req));
    if (!actor) return ErrorResponse(actor.error());
    // The route's row in api/route_access.cpp: a role that may never call it learns nothing more.
    if (auto allowed = CheckRouteAccess(req.method, req.route, *actor); !allowed) return ErrorResponse(allowed.error());
    actor->remote_address = req.remote_address;
    auto result = handler(req, *actor);
    if (!result) return ErrorResponse(result.error());
    return std::move(*result);
  };
}

Result<std::int64_t> PathId(const Request& req, const std::string& name) {
  auto it = req.params.find(name);
  std::int64_t id = 0;
  if (it != req.params.end()) {
    const auto& s = it->second;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec == std::errc() && end == s.data() + s.size() && id > 0) return id;
  }
  return Fail(Error::NotFound("资源不存在：编号无效", name));
}

std::string FormatTime(Timestamp t) {
  const auto day = LocalDay(t);
  const std::chrono::year_month_day ymd{day};
  const auto secs = static_cast<unsigned>(t - LocalDayStart(day));
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return FormatDate(day) + "T00:00:00+08:00";
  // Written digit by digit: every timestamp of every appeal response passes through here.
  char buf[] = "0000-00-00T00:00:00+08:00";
  auto put = [&buf](int pos, int width, unsigned value) {
    for (int k = width - 1; k >= 0; --k, value /= 10) buf[pos + k] = static_cast<char>('0' + value % 10);
  };
  put(0, 4, static_cast<unsigned>(year));
  put(5, 2, static_cast<unsigned>(ymd.month()));
  put(8, 2, static_cast<unsigned>(ymd.day()));
  put(11, 2, secs / 3600);
  put(14, 2, secs / 60 % 60);
  put(17, 2, secs % 60);
  return std::string(buf, sizeof buf - 1);
}

nlohmann::json TimeOrNull(const std::optional<Timestamp>& t) { return t ? nlohmann::json(FormatTime(*t)) : nullptr; }
nlohmann::json IdOrNull(const std::optional<std::int64_t>& id) { return id ? nlohmann::json(*id) : nullptr; }

Result<Period> QueryPeriod(const Request& req, const Clock& clock, int default_days) {
  const auto today = LocalDay(clock.Now());
  Period p;
  p.to = LocalDayStart(today + std::chrono::days(1));
  p.from = LocalDayStart(today - std::chrono::days(default_days));
  if (auto it = req.query.find("from"); it != req.query.end() && !it->second.empty()) {
    MS_ASSIGN(day, ParseDate(it->second, "from"));
    p.from = LocalDayStart(day);
  }
  if (auto it = req.query.find("to"); it != req.query.end() && !it->second.empty()) {
    MS_ASSIGN(day, ParseDate(it->second, "to"));
    p.to = LocalDayStart(day + std::chrono::days(1));
  }
  if (p.to <= p.from) return Fail(Error::Invalid("invalid_value", "结束日期不能早于开始日期", "to"));
  return p;
}

Result<OptionalPeriod> QueryOptionalPeriod(const Request& req) {
  OptionalPeriod p;
  for (auto [name, target, next_day] : {std::tuple{"from", &p.from, 0}, std::tuple{"to", &p.to, 1}}) {
    MS_ASSIGN(text, QueryString(req, name, 10));
    if (text) {
      MS_ASSIGN(day, ParseDate(*text, name));
      *target = LocalDayStart(day + std::chrono::days(next_day));
    }
  }
  return p;
}

Result<std::chrono::sys_days> QueryDate(const Request& req, std::string_view name, std::chrono::sys_days fallback) {
  MS_ASSIGN(text, QueryString(req, name, 10));
  if (!text) return fallback;
  return ParseDate(*text, name);
}

Result<PageQuery> QueryPage(const Request& req) {
  MS_ASSIGN(page, QueryInt64(req, "page", 1, 1, 100000));
  MS_ASSIGN(page_size, QueryInt64(req, "page_size", 20, 1, 100));
  return PageQuery{static_cast<int>(page), static_cast<int>(page_size)};
}

Result<std::optional<std::int64_t>> QueryId(const Request& req, std::string_view name) {
  MS_ASSIGN(v, QueryInt64(req, name, 0, 0, std::numeric_limits<std::int64_t>::max()));
  return v > 0 ? std::optional<std::int64_t>(v) : std::nullopt;
}

Response Ok(const nlohmann::json& body) { return JsonResponse(200, body); }

Response Attachment(std::string body, std::string content_type, const std::string& ascii_name,
                    const std::string& name) {
  Response response;
  response.body = std::move(body);
  response.content_type = std::move(content_type);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + ascii_name +
                                                           "\"; filename*=UTF-8''" + PercentEncode(name));
  return response;
}
Response JsonText(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Response Created(const nlohmann::json& body) { return JsonResponse(201, body); }

}  // namespace minsheng::api
