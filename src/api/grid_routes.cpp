// /api/v1/grids: grids with their people and whether they were visited often enough in a week, and
// /api/v1/leaders/{id}/contact-points: the residential areas a leader is linked to.
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "app/grid_service.h"
#include "core/calendar.h"
#include "core/grid_visits.h"

namespace minsheng::api {
namespace {

using nlohmann::json;

std::string_view DutyLabel(std::string_view duty) {
  if (duty == "grid_worker") return "网格员";
  if (duty == "deputy") return "联系代表";
  if (duty == "messenger") return "民情信使";
  return duty;
}

json GridJson(const app::GridWeek& w) {
  json members = json::array();
  for (const auto& m : w.members)
    members.push_back({{"user_id", m.user_id}, {"display_name", m.display_name}, {"role", m.role},
                       {"duty", m.duty}, {"duty_label", DutyLabel(m.duty)}});
  return {{"region_id", w.grid.region_id},
          {"code", w.grid.code},
          {"name", w.grid.name},
          {"community_name", w.grid.community_name},
          {"street_id", IdOrNull(w.grid.street_id)},
          {"required_visit_days", w.grid.required_visit_days},
          {"visits", w.visits},
          {"visit_days", w.visit_days},
          {"people_met", w.people_met},
          {"behind", w.behind},
          {"members", members}};
}

json WeekJson(std::chrono::sys_days monday, bool over) {
  return {{"week_start", FormatDate(monday)}, {"week_end", FormatDate(monday + std::chrono::days{6})},
          {"week_over", over}};
}

}  // namespace

void AddGridRoutes(Router& router, ApiServices& s) {
  router.Add("GET", "/api/v1/grids", Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               app::GridQuery query;
               MS_ASSIGN(region_id, QueryId(req, "region_id"));
               MS_ASSIGN(week, QueryDate(req, "week", LocalDay(s.clock.Now())));
               MS_ASSIGN(behind, QueryBool(req, "behind"));
               query.region_id = region_id;
               query.week = week;
               query.behind_only = behind;
               MS_ASSIGN(report, s.grids.List(actor, query));
               json items = json::array();
               for (const auto& w : report.grids) items.push_back(GridJson(w));
               json body = WeekJson(report.week_start, report.week_over);
               body["items"] = items;
               body["total"] = items.size();
               return Ok(body);
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/grids/{id}", Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(week, QueryDate(req, "week", LocalDay(s.clock.Now())));
               MS_ASSIGN(grid, s.grids.Get(actor, id, week));
               json body = GridJson(grid);
               const auto monday = WeekStart(week);
               body.update(WeekJson(monday, s.clock.Now() >= LocalDayStart(monday + std::chrono::days{7})));
               return Ok(body);
             }),
             Dispatch::kWorker);

  router.Add("PUT", "/api/v1/grids/{id}", Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(days, RequiredInt64(body, "required_visit_days", 1, 7));
               MS_TRY(s.grids.SetVisitDays(actor, id, static_cast<int>(days)));
               MS_ASSIGN(grid, s.grids.Get(actor, id, LocalDay(s.clock.Now())));
               return Ok(GridJson(grid));
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/grids/{id}/members", Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(user_id, RequiredInt64(body, "user_id", 1));
               MS_ASSIGN(duty, RequiredString(body, "duty", 20));
               MS_ASSIGN(member_id, s.grids.AddMember(actor, id, user_id, duty));
               return Created({{"id", member_id}, {"region_id", id}, {"user_id", user_id}, {"duty", duty}});
             }),
             Dispatch::kWorker);

  router.Add("DELETE", "/api/v1/grids/{id}/members/{user_id}",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(user_id, PathId(req, "user_id"));
               MS_ASSIGN(removed, s.grids.RemoveMember(actor, id, user_id));
               return Ok({{"removed", removed}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/leaders/{id}/contact-points",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(points, s.grids.ContactPoints(actor, id));
               json items = json::array();
               for (const auto& p : points)
                 items.push_back({{"region_id", p.point.region_id}, {"region_name", p.point.region_name},
                                  {"region_level", p.point.region_level}, {"street_id", IdOrNull(p.point.street_id)},
                                  {"visits", p.visits}, {"last_visit_at", TimeOrNull(p.last_visit_at)},
                                  {"created_at", FormatTime(p.point.created_at)}});
               return Ok({{"items", items}, {"max", app::GridService::kMaxContactPoints}});
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/leaders/{id}/contact-points",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(region_id, RequiredInt64(body, "region_id", 1));
               MS_ASSIGN(point_id, s.grids.AddContactPoint(actor, id, region_id));
               return Created({{"id", point_id}, {"leader_id", id}, {"region_id", region_id}});
             }),
             Dispatch::kWorker);

  router.Add("DELETE", "/api/v1/leaders/{id}/contact-points/{region_id}",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(region_id, PathId(req, "region_id"));
               MS_ASSIGN(removed, s.grids.RemoveContactPoint(actor, id, region_id));
               return Ok({{"removed", removed}});
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
