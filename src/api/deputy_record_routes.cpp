// /api/v1/deputies/{user_id}/activities: what a deputy did that the yearly "five ones" count.
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "app/deputy_record_service.h"
#include "core/calendar.h"
#include "core/five_ones.h"

namespace minsheng::api {
namespace {

using nlohmann::json;

json ActivityJson(const store::DeputyActivityRecord& a) {
  const auto kind = ParseDutyActivity(a.kind);
  return {{"id", a.id},
          {"deputy_id", a.deputy_id},
          {"kind", a.kind},
          {"kind_label", kind ? DutyActivityLabel(*kind) : std::string_view(a.kind)},
          {"title", a.title},
          {"happened_on", a.happened_on},
          {"note", a.note},
          {"recorded_by", IdOrNull(a.recorded_by)},
          {"created_at", FormatTime(a.created_at)}};
}

Result<int> QueryYear(const Request& req, const Clock& clock) {
  const int this_year = static_cast<int>(std::chrono::year_month_day{LocalDay(clock.Now())}.year());
  MS_ASSIGN(year, QueryInt64(req, "year", this_year, 2000, 2100));
  return static_cast<int>(year);
}

}  // namespace

void AddDeputyRecordRoutes(Router& router, ApiServices& s) {
  router.Add("GET", "/api/v1/deputies/{user_id}/activities",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req, "user_id"));
               MS_ASSIGN(year, QueryYear(req, s.clock));
               MS_ASSIGN(activities, s.deputy_records.Activities(actor, id, year));
               json items = json::array();
               for (const auto& a : activities) items.push_back(ActivityJson(a));
               json kinds = json::array();
               for (DutyActivity k : kDutyActivities)
                 kinds.push_back({{"kind", DutyActivityName(k)}, {"label", DutyActivityLabel(k)}});
               return Ok({{"items", items}, {"year", year}, {"kinds", kinds}});
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/deputies/{user_id}/activities",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req, "user_id"));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               app::ActivityInput in;
               MS_ASSIGN(kind, RequiredString(body, "kind", 20));
               MS_ASSIGN(title, RequiredString(body, "title", 200));
               MS_ASSIGN(day, RequiredString(body, "happened_on", 10));
               MS_ASSIGN(note, OptionalString(body, "note", 2000));
               MS_ASSIGN(happened_on, ParseDate(day, "happened_on"));
               in.kind = std::move(kind);
               in.title = std::move(title);
               in.happened_on = happened_on;
               in.note = note.value_or("");
               MS_ASSIGN(activity, s.deputy_records.RecordActivity(actor, id, in));
               return Created(ActivityJson(activity));
             }));
}

}  // namespace minsheng::api
