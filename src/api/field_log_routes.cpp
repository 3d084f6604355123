// /api/v1/field-logs: field logs (民情日志), raising one into an appeal, and the archive (台账) as .xlsx.
#include <nlohmann/json.hpp>

#include "api/appeal_input.h"
#include "api/appeal_json.h"
#include "api/field_log_json.h"
#include "api/field_log_workbook.h"
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "core/calendar.h"

namespace minsheng::api {
namespace {

using app::Actor;
using nlohmann::json;

constexpr std::size_t kTextMax = 5000;

Result<std::optional<Timestamp>> OptionalTime(const json& body, std::string_view field) {
  MS_ASSIGN(text, OptionalString(body, field, 40));
  if (!text) return std::optional<Timestamp>();
  MS_ASSIGN(t, ParseTimestamp(*text, field));
  return std::optional<Timestamp>(t);
}

Result<app::FieldLogInput> ReadInput(const json& body) {
  app::FieldLogInput in;
  MS_ASSIGN(kind, RequiredString(body, "kind", 20));
  MS_ASSIGN(region_id, RequiredInt64(body, "region_id", 1));
  MS_ASSIGN(studio_id, OptionalInt64(body, "studio_id", 1));
  MS_ASSIGN(author_id, OptionalInt64(body, "author_id", 1));
  MS_ASSIGN(met_at, OptionalTime(body, "met_at"));
  MS_ASSIGN(place, OptionalString(body, "place", 200));
  MS_ASSIGN(people_count, OptionalInt64(body, "people_count", 1, 10000));
  MS_ASSIGN(people_names, OptionalString(body, "people_names", 500));
  MS_ASSIGN(raised, OptionalString(body, "raised", kTextMax));
  in.kind = kind;
  in.region_id = region_id;
  in.studio_id = studio_id;
  in.author_id = author_id;
  in.met_at = met_at;
  in.place = place.value_or("");
  in.people_count = static_cast<int>(people_count.value_or(1));
  in.people_names = people_names.value_or("");
  in.raised = raised.value_or("");
  return in;
}

Result<app::FieldLogChange> ReadChange(const json& body) {
  app::FieldLogChange c;
  if (body.contains("region_id")) {
    MS_ASSIGN(v, RequiredInt64(body, "region_id", 1));
    c.region_id = v;
  }
  if (body.contains("studio_id")) {
    MS_ASSIGN(v, OptionalInt64(body, "studio_id", 1));
    c.studio_id = v;
  }
  if (body.contains("met_at")) {
    MS_ASSIGN(v, OptionalTime(body, "met_at"));
    if (!v) return Fail(Error::Invalid("missing_field", "请填写接待或走访时间", "met_at"));
    c.met_at = v;
  }
  if (body.contains("people_count")) {
    MS_ASSIGN(v, RequiredInt64(body, "people_count", 1, 10000));
    c.people_count = static_cast<int>(v);
  }
  for (auto [field, target, max] : {std::tuple{"place", &c.place, std::size_t{200}},
                                    std::tuple{"people_names", &c.people_names, std::size_t{500}},
                                    std::tuple{"raised", &c.raised, kTextMax}}) {
    if (!body.contains(field)) continue;
    MS_ASSIGN(v, OptionalString(body, field, max));
    *target = v.value_or("");
  }
  return c;
}

Result<app::FieldLogQuery> ReadQuery(const Request& req) {
  app::FieldLogQuery q;
  MS_ASSIGN(period, QueryOptionalPeriod(req));
  q.from = period.from;
  q.to = period.to;
  MS_ASSIGN(studio_id, QueryId(req, "studio_id"));
  MS_ASSIGN(author_id, QueryId(req, "author_id"));
  MS_ASSIGN(region_id, QueryId(req, "region_id"));
  MS_ASSIGN(kind, QueryString(req, "kind", 20));
  if (kind && *kind != "reception" && *kind != "visit")
    return Fail(Error::Invalid("invalid_value", "日志类型应为 reception（接待）或 visit（走访）", "kind"));
  q.studio_id = studio_id;
  q.author_id = author_id;
  q.region_id = region_id;
  q.kind = kind;
  return q;
}

}  // namespace

void AddFieldLogRoutes(Router& router, ApiServices& s) {
  router.Add("GET", "/api/v1/field-logs", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(query, ReadQuery(req));
               MS_ASSIGN(page, QueryPage(req));
               query.page = page.page;
               query.page_size = page.page_size;
               MS_ASSIGN(result, s.field_logs.List(actor, query));
               json items = json::array();
               for (const auto& log : result.items) items.push_back(FieldLogJson(log, actor));
               return Ok({{"items", items}, {"total", result.total}, {"page", page.page}, {"page_size", page.page_size}});
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/field-logs", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(in, ReadInput(body));
               MS_ASSIGN(log, s.field_logs.Create(actor, in));
               return Created(FieldLogJson(log, actor));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/field-logs/export.xlsx",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(query, ReadQuery(req));
               MS_ASSIGN(logs, s.field_logs.Export(actor, query));
               const std::string from = query.from ? FormatDate(LocalDay(*query.from)) : "";
               const std::string to = query.to ? FormatDate(LocalDay(*query.to - 1)) : FormatDate(LocalDay(s.clock.Now()));
               std::string subtitle = (from.empty() ? "截至 " + to : from + " 至 " + to);
               if (query.studio_id) subtitle += " · 工作室 #" + std::to_string(*query.studio_id);
               if (query.kind) subtitle += " · " + std::string(FieldLogKindLabel(*query.kind));
               MS_ASSIGN(bytes, FieldLogWorkbook(logs, actor, subtitle));
               const std::string day = FormatDate(LocalDay(s.clock.Now()));
               return Attachment(std::move(bytes), kXlsxType, "minsheng-field-logs-" + day + ".xlsx",
                                 "民情日志台账_" + day + ".xlsx");
             }),
             Dispatch::kBulk);

  router.Add("GET", "/api/v1/field-logs/{id}", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(log, s.field_logs.Get(actor, id));
               return Ok(FieldLogJson(log, actor));
             }),
             Dispatch::kWorker);

  router.Add("PATCH", "/api/v1/field-logs/{id}", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(change, ReadChange(body));
               MS_ASSIGN(log, s.field_logs.Update(actor, id, change));
               return Ok(FieldLogJson(log, actor));
             }),
             Dispatch::kWorker);

  // 转为诉求: {category_id, title?, appellant?: {anonymous, name, phone}} → 201 {field_log, appeal}.
  router.Add("POST", "/api/v1/field-logs/{id}/appeal",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body.empty() ? std::string_view("{}") : req.body));
               app::RaiseInput in;
               MS_ASSIGN(category_id, RequiredInt64(body, "category_id", 1));
               MS_ASSIGN(title, OptionalString(body, "title", 200));
               in.category_id = category_id;
               in.title = title.value_or("");
               if (body.contains("appellant") && !body["appellant"].is_null()) {
                 MS_ASSIGN(appellant, ReadAppellant(body));
                 in.anonymous = appellant.anonymous;
                 in.appellant_name = std::move(appellant.name);
                 in.appellant_phone = std::move(appellant.phone);
               }
               MS_ASSIGN(raised, s.field_logs.Raise(actor, id, in));
               JsonWriter w;
               WriteAppeal(w, raised.appeal, s.appeals.MaySeePersonalData(actor, raised.appeal),
                           s.appeals.TimingOf(raised.appeal));
               json appeal = json::parse(w.Take());
               return Created({{"field_log", FieldLogJson(raised.log, actor)}, {"appeal", appeal}});
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
