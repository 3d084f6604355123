// GET /api/v1/metrics, /api/v1/rankings and /api/v1/metrics/export.xlsx for staff; GET /api/v1/public/metrics
// for everyone.
#include "api/dashboard_workbook.h"
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/router.h"
#include "api/routes.h"
#include "app/metrics_service.h"
#include "core/calendar.h"

namespace minsheng::api {
namespace {

using nlohmann::json;

json OptNumber(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json CountsJson(const MetricCounts& c) {
  return {{"total", c.total},           {"dispatched", c.dispatched},
          {"response_due", c.response_due}, {"responded_on_time", c.responded_on_time},
          {"replied", c.replied},       {"closed", c.closed},
          {"closed_on_time", c.closed_on_time}, {"called_back", c.called_back},
          {"resolved", c.resolved},     {"satisfied", c.satisfied},
          {"reopened", c.reopened},     {"open", c.open},
          {"overdue", c.overdue}};
}

json RatesJson(const Rates& r) {
  return {{"response_rate", OptNumber(r.response_rate)},     {"resolution_rate", OptNumber(r.resolution_rate)},
          {"satisfaction_rate", OptNumber(r.satisfaction_rate)}, {"on_time_rate", OptNumber(r.on_time_rate)},
          {"reply_rate", OptNumber(r.reply_rate)},           {"callback_rate", OptNumber(r.callback_rate)},
          {"reopen_rate", OptNumber(r.reopen_rate)},         {"backlog_age_days", OptNumber(r.backlog_age_days)}};
}

json GroupJson(const app::MetricGroup& g) {
  json out = {{"id", g.id}, {"name", g.name}, {"counts", CountsJson(g.counts)}, {"rates", RatesJson(g.rates)}};
  if (!g.subgroups.empty()) {
    json subgroups = json::array();
    for (const auto& sub : g.subgroups) subgroups.push_back(GroupJson(sub));
    out["subgroups"] = std::move(subgroups);
  }
  return out;
}

Result<app::MetricsRequest> ReadRequest(const Request& req, const Clock& clock, GroupBy group_by) {
  app::MetricsRequest r;
  MS_ASSIGN(period, QueryPeriod(req, clock, 180));
  r.group_by = group_by;
  r.from = period.from;
  r.to = period.to;
  MS_ASSIGN(region, QueryId(req, "region_id"));
  r.region_id = region;
  return r;
}

// group_by and then_by from the query; the public may not group by deputy.
Result<std::pair<GroupBy, std::optional<GroupBy>>> QueryGrouping(const Request& req, bool for_public) {
  MS_ASSIGN(group_text, QueryString(req, "group_by", 20));
  MS_ASSIGN(then_text, QueryString(req, "then_by", 20));
  if (for_public)
    for (const auto& [text, field] : {std::pair{group_text, "group_by"}, std::pair{then_text, "then_by"}})
      if (text == "deputy")
        return Fail(Error{ErrorKind::kInvalid, "invalid_group_by", "公开数据不按代表分组", field,
                          {"department", "region", "category", "channel", "week", "month"}});
  MS_ASSIGN(group_by, ParseGroupBy(group_text.value_or("department")));
  std::optional<GroupBy> then_by;
  if (then_text && !then_text->empty()) {
    auto parsed = ParseGroupBy(*then_text);
    if (!parsed) {
      Error e = parsed.error();
      e.field = "then_by";
      return Fail(std::move(e));
    }
    if (*parsed == group_by) return Fail(Error::Invalid("invalid_value", "第二分组应与第一分组不同", "then_by"));
    then_by = *parsed;
  }
  return std::pair{group_by, then_by};
}

// The rates and counts of one period, grouped as the query asks (default: by department).
Result<Response> MetricsResponse(const Request& req, ApiServices& s, bool for_public) {
  MS_ASSIGN(grouping, QueryGrouping(req, for_public));
  MS_ASSIGN(request, ReadRequest(req, s.clock, grouping.first));
  request.then_by = grouping.second;
  MS_ASSIGN(report, app::ComputeMetrics(s.db, s.clock, request));
  json groups = json::array();
  for (const auto& g : report.groups) groups.push_back(GroupJson(g));
  json out = {{"from", FormatTime(request.from)},
              {"to", FormatTime(request.to)},
              {"group_by", GroupByName(request.group_by)},
              {"groups", groups},
              {"total", GroupJson(report.total)}};
  if (request.then_by) out["then_by"] = GroupByName(*request.then_by);
  return Ok(out);
}

Result<GroupBy> RankingKind(const Request& req) {
  MS_ASSIGN(kind, QueryString(req, "kind", 20));
  const std::string k = kind.value_or("department");
  if (k != "department" && k != "street")
    return Fail(Error::Invalid("invalid_value", "排名类型应为 department 或 street", "kind"));
  return k == "street" ? GroupBy::kRegion : GroupBy::kDepartment;
}

Result<RankingWeights> QueryWeights(const Request& req) {
  MS_ASSIGN(weights_text, QueryString(req, "weights", 200));
  return ParseRankingWeights(weights_text.value_or(""));
}

// The dashboard as a workbook: what /metrics, /rankings and the monthly trend answer for the same query.
Result<Response> ExportResponse(const Request& req, ApiServices& s) {
  MS_ASSIGN(grouping, QueryGrouping(req, false));
  MS_ASSIGN(ranking_by, RankingKind(req));
  MS_ASSIGN(weights, QueryWeights(req));
  MS_ASSIGN(base, ReadRequest(req, s.clock, grouping.first));
  MS_ASSIGN(report, app::ComputeDashboard(s.db, s.clock,
                                          {.from = base.from, .to = base.to, .region_id = base.region_id,
                                           .group_by = grouping.first, .ranking_by = ranking_by,
                                           .weights = weights}));
  const std::string first_day = FormatDate(LocalDay(base.from));
  const std::string last_day = FormatDate(LocalDay(base.to - 1));
  MS_ASSIGN(bytes, DashboardWorkbook(report, {.period = first_day + " 至 " + last_day,
                                              .group_by = std::string(GroupByLabel(grouping.first)),
                                              .ranking = std::string(GroupByLabel(ranking_by))}));
  Response response;
  response.body = std::move(bytes);
  response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  const std::string name = "民声数据看板_" + first_day + "_" + last_day + ".xlsx";
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"minsheng-dashboard-" + first_day + "-" +
                                                           last_day + ".xlsx\"; filename*=UTF-8''" +
                                                           PercentEncode(name));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

void AddMetricsRoutes(Router& router, ApiServices& s) {
  router.Add("GET", "/api/v1/metrics", Staff(s, [&s](Request& req, const app::Actor&) -> Result<Response> {
               return MetricsResponse(req, s, false);
             }));
  // The same numbers for everyone (DESIGN.md §3: every department's rates are public). They hold
  // only counts, never a resident's data.
  router.Add("GET", "/api/v1/public/metrics", Plain([&s](Request& req) -> Result<Response> {
               return MetricsResponse(req, s, true);
             }));

  router.Add("GET", "/api/v1/metrics/export.xlsx",
             Staff(s, [&s](Request& req, const app::Actor&) -> Result<Response> { return ExportResponse(req, s); }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/rankings", Staff(s, [&s](Request& req, const app::Actor&) -> Result<Response> {
               MS_ASSIGN(ranking_by, RankingKind(req));
               MS_ASSIGN(weights, QueryWeights(req));
               MS_ASSIGN(request, ReadRequest(req, s.clock, ranking_by));
               MS_ASSIGN(entries, app::Rank(s.db, s.clock, request, weights));
               json items = json::array();
               for (const auto& e : entries) {
                 json item = GroupJson(e.group);
                 item["rank"] = e.rank;
                 item["score"] = OptNumber(e.score);
                 items.push_back(item);
               }
               return Ok({{"kind", ranking_by == GroupBy::kRegion ? "street" : "department"}, {"weights", FormatRankingWeights(weights)}, {"items", items}});
             }));
}

}  // namespace minsheng::api
