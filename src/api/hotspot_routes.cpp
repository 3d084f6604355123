// GET /api/v1/hotspots?week=YYYY-MM-DD&region_id=: the week's hot-spot warnings (app/hotspot_service.h).
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/router.h"
#include "api/routes.h"
#include "app/hotspot_service.h"
#include "core/calendar.h"

namespace minsheng::api {
namespace {

using nlohmann::json;

std::string DayText(std::int32_t day) { return FormatDate(std::chrono::sys_days(std::chrono::days(day))); }

json HotspotJson(const app::Hotspot& h) {
  return {{"level", app::HotspotLevelName(h.level)},
          {"street_id", h.street_id},
          {"street_name", h.street_name},
          {"region_id", h.region_id},
          {"region_name", h.region_name},
          {"category_id", h.category_id},
          {"category_name", h.category_name},
          {"count", h.count},
          {"baseline", h.score.baseline},
          {"mad", h.score.mad},
          {"score", std::round(h.score.score * 100) / 100},
          {"history", h.history}};
}

}  // namespace

void AddHotspotRoutes(Router& router, ApiServices& s) {
  router.Add("GET", "/api/v1/hotspots",
             Staff(s,
                   [&s](Request& req, const app::Actor& actor) -> Result<Response> {
                     app::HotspotRequest request;
                     MS_ASSIGN(week, QueryString(req, "week", 10));
                     if (week && !week->empty()) {
                       MS_ASSIGN(day, ParseDate(*week, "week"));
                       request.day = static_cast<std::int32_t>(day.time_since_epoch().count());
                     }
                     MS_ASSIGN(region, QueryId(req, "region_id"));
                     request.region_id = region;
                     MS_ASSIGN(report, s.hotspots.Week(actor, request));
                     json items = json::array();
                     for (const auto& h : report.items) items.push_back(HotspotJson(h));
                     return Ok({{"week", DayText(report.week)},
                                {"week_end", DayText(report.week + 6)},
                                {"weeks", report.rule.weeks},
                                {"min_count", report.rule.min_count},
                                {"threshold", report.rule.threshold},
                                {"items", std::move(items)}});
                   }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
