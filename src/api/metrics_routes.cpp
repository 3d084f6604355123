// GET /api/v1/metrics, /api/v1/rankings and /api/v1/metrics/export.xlsx for staff; GET /api/v1/public/metrics
// for everyone.
#include "api/appeal_json.h"
#include "api/dashboard_workbook.h"
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/metrics_query.h"
#include "api/router.h"
#include "api/routes.h"
#include "app/metrics_service.h"
#include "core/calendar.h"
#include "core/dissatisfaction.h"

namespace minsheng::api {
namespace {

using nlohmann::json;

json OptNumber(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// Issue 12: the dissatisfaction causes by API name, every cause present (0 when none).
json CausesJson(const MetricCounts& c) {
  json out = json::object();
  const auto causes = AllCauses();
  for (std::size_t i = 0; i < causes.size(); ++i) out[std::string(CauseName(causes[i]))] = c.causes[i];
  return out;
}

json CountsJson(const MetricCounts& c) {
  return {{"total", c.total},           {"dispatched", c.dispatched},
          {"response_due", c.response_due}, {"responded_on_time", c.responded_on_time},
          {"replied", c.replied},       {"closed", c.closed},
          {"closed_on_time", c.closed_on_time}, {"called_back", c.called_back},
          {"resolved", c.resolved},     {"satisfied", c.satisfied},
          {"reopened", c.reopened},     {"open", c.open},
          {"overdue", c.overdue},       {"repeats", c.repeats},
          {"supervised", c.supervised}, {"manually_supervised", c.manually_supervised},
          {"causes", CausesJson(c)}};
}

json RatesJson(const Rates& r) {
  return {{"response_rate", OptNumber(r.response_rate)},     {"resolution_rate", OptNumber(r.resolution_rate)},
          {"satisfaction_rate", OptNumber(r.satisfaction_rate)}, {"on_time_rate", OptNumber(r.on_time_rate)},
          {"reply_rate", OptNumber(r.reply_rate)},           {"callback_rate", OptNumber(r.callback_rate)},
          {"reopen_rate", OptNumber(r.reopen_rate)},         {"backlog_age_days", OptNumber(r.backlog_age_days)},
          {"evaluation", OptNumber(r.evaluation)},           {"repeat_rate", OptNumber(r.repeat_rate)}};
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

json ReportJson(const app::MetricsRequest& request, const app::MetricsReport& report) {
  json groups = json::array();
  for (const auto& g : report.groups) groups.push_back(GroupJson(g));
  json out = {{"from", FormatTime(request.from)},
              {"to", FormatTime(request.to)},
              {"group_by", GroupByName(request.group_by)},
              {"groups", groups},
              {"total", GroupJson(report.total)},
              {"cause_options", CauseOptionsJson()}};
  if (request.then_by) out["then_by"] = GroupByName(*request.then_by);
  return out;
}

// The dashboard as a workbook: what /metrics, /rankings and the monthly trend answer for the same query.
Result<Response> ExportResponse(const Request& req, ApiServices& s, const app::Actor& actor) {
  MS_ASSIGN(base, ReadMetricsRequest(req, s.clock, false));
  MS_ASSIGN(ranking_by, ReadRankingKind(req));
  MS_ASSIGN(weights, ReadRankingWeights(req));
  MS_ASSIGN(report, s.metrics.Dashboard(actor, {.from = base.from, .to = base.to, .region_id = base.region_id,
                                                .group_by = base.group_by, .ranking_by = ranking_by,
                                                .weights = weights}));
  const std::string first_day = FormatDate(LocalDay(base.from));
  const std::string last_day = FormatDate(LocalDay(base.to - 1));
  MS_ASSIGN(bytes, DashboardWorkbook(report, {.period = first_day + " 至 " + last_day,
                                              .group_by = std::string(GroupByLabel(base.group_by)),
                                              .ranking = std::string(GroupByLabel(ranking_by))}));
  return Attachment(std::move(bytes), kXlsxType, "minsheng-dashboard-" + first_day + "-" + last_day + ".xlsx",
                    "民声数据看板_" + first_day + "_" + last_day + ".xlsx");
}

// Issue 13: the public numbers' cache key: the query as ReadMetricsRequest understood it (defaults filled in,
// unknown parameters dropped), so that spellings of one question share an answer.
std::string PublicMetricsKey(const app::MetricsRequest& r) {
  return std::string(GroupByName(r.group_by)) + "|" + (r.then_by ? std::string(GroupByName(*r.then_by)) : "") + "|" +
         std::to_string(r.from) + "|" + std::to_string(r.to) + "|" + (r.region_id ? std::to_string(*r.region_id) : "");
}

}  // namespace

// Every route here may read many rows: they run on the worker pool, never on the I/O threads.
void AddMetricsRoutes(Router& router, ApiServices& s) {
  router.Add("GET", "/api/v1/metrics", Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(request, ReadMetricsRequest(req, s.clock, false));
               MS_ASSIGN(report, s.metrics.Compute(actor, request));
               return Ok(ReportJson(request, report));
             }),
             Dispatch::kWorker);
  // The same numbers for everyone (DESIGN.md §3: every department's rates are public). They hold
  // only counts, never a resident's data. Issue 13: anyone may call it, so each address is limited, and an
  // answer is kept for a short while (PublicMetricsGate, `serve --public-metrics-cache/--public-metrics-limit`).
  router.Add("GET", "/api/v1/public/metrics", Plain([&s](Request& req) -> Result<Response> {
               MS_TRY(s.public_metrics_gate.Admit(req.remote_address));
               MS_ASSIGN(request, ReadMetricsRequest(req, s.clock, true));
               const std::string key = PublicMetricsKey(request);
               std::optional<std::string> body = s.public_metrics_gate.Find(key);
               if (!body) {
                 MS_ASSIGN(report, s.metrics.Public(request));
                 body = JsonResponse(200, ReportJson(request, *report)).body;
                 s.public_metrics_gate.Store(key, *body);
               }
               Response response = JsonText(200, std::move(*body));
               response.headers.emplace_back(
                   "Cache-Control",
                   "public, max-age=" + std::to_string(s.public_metrics_gate.options().cache_ttl.count()));
               return response;
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/metrics/export.xlsx",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               return ExportResponse(req, s, actor);
             }),
             Dispatch::kBulk);

  router.Add("GET", "/api/v1/rankings", Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(ranking_by, ReadRankingKind(req));
               MS_ASSIGN(weights, ReadRankingWeights(req));
               MS_ASSIGN(request, ReadMetricsRequest(req, s.clock, false));
               request.group_by = ranking_by;
               MS_ASSIGN(entries, s.metrics.Rank(actor, request, weights));
               json items = json::array();
               for (const auto& e : entries) {
                 json item = GroupJson(e.group);
                 item["rank"] = e.rank;
                 item["score"] = OptNumber(e.score);
                 items.push_back(item);
               }
               return Ok({{"kind", ranking_by == GroupBy::kRegion ? "street" : "department"},
                          {"weights", FormatRankingWeights(weights)},
                          {"items", items}});
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
