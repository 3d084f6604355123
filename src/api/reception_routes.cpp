// /api/v1/reception-slots (接访日程) and /api/v1/bookings for staff; /api/v1/public/reception-slots for
// residents (the coming slots, and booking one: rate-limited per address like public appeals).
#include <nlohmann/json.hpp>

#include "api/appeal_json.h"
#include "api/field_log_json.h"
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "core/calendar.h"

namespace minsheng::api {
namespace {

using app::Actor;
using nlohmann::json;

Result<Timestamp> RequiredTime(const json& body, std::string_view field) {
  MS_ASSIGN(text, RequiredString(body, field, 40));
  return ParseTimestamp(text, field);
}

Result<app::SlotInput> ReadSlotInput(const json& body) {
  app::SlotInput in;
  MS_ASSIGN(studio_id, OptionalInt64(body, "studio_id", 1));
  MS_ASSIGN(place, OptionalString(body, "place", 200));
  MS_ASSIGN(region_id, RequiredInt64(body, "region_id", 1));
  MS_ASSIGN(starts_at, RequiredTime(body, "starts_at"));
  MS_ASSIGN(ends_at, RequiredTime(body, "ends_at"));
  MS_ASSIGN(capacity, RequiredInt64(body, "capacity", 1, app::ReceptionService::kMaxCapacity));
  MS_ASSIGN(topic, OptionalString(body, "topic", 200));
  MS_ASSIGN(host_id, OptionalInt64(body, "host_id", 1));
  in.studio_id = studio_id;
  in.place = place.value_or("");
  in.region_id = region_id;
  in.starts_at = starts_at;
  in.ends_at = ends_at;
  in.capacity = static_cast<int>(capacity);
  in.topic = topic.value_or("");
  in.host_id = host_id;
  return in;
}

}  // namespace

void AddReceptionRoutes(Router& router, ApiServices& s) {
  router.Add("POST", "/api/v1/reception-slots", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(in, ReadSlotInput(body));
               MS_ASSIGN(slot, s.receptions.Publish(actor, in));
               return Created(SlotJson({.slot = slot, .bookings = {}, .personal_data = true, .manageable = true}));
             }),
             Dispatch::kWorker);

  // ?from=&to= (dates of the start; default: from today), status=open|cancelled, host_id=, studio_id=.
  router.Add("GET", "/api/v1/reception-slots", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               app::SlotQuery q;
               MS_ASSIGN(period, QueryOptionalPeriod(req));
               q.from = period.from ? period.from : std::optional<Timestamp>(LocalDayStart(LocalDay(s.clock.Now())));
               q.to = period.to;
               MS_ASSIGN(status, QueryString(req, "status", 20));
               if (status && *status != "open" && *status != "cancelled")
                 return Fail(Error::Invalid("invalid_value", "状态应为 open 或 cancelled", "status"));
               q.status = status;
               MS_ASSIGN(host_id, QueryId(req, "host_id"));
               MS_ASSIGN(studio_id, QueryId(req, "studio_id"));
               q.host_id = host_id;
               q.studio_id = studio_id;
               MS_ASSIGN(items, s.receptions.List(actor, q));
               json out = json::array();
               for (const auto& item : items) out.push_back(SlotJson(item));
               return Ok({{"items", out}});
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/reception-slots/{id}/cancel",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body.empty() ? std::string_view("{}") : req.body));
               MS_ASSIGN(reason, OptionalString(body, "reason", 500));
               MS_ASSIGN(slot, s.receptions.Cancel(actor, id, reason.value_or("")));
               return Ok(SlotJson({.slot = slot, .bookings = {}, .personal_data = false, .manageable = true}));
             }),
             Dispatch::kWorker);

  // 接待: {people_count?, raised?, category_id?, title?} → the booking, its field log and the appeal if raised.
  router.Add("POST", "/api/v1/bookings/{id}/receive", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body.empty() ? std::string_view("{}") : req.body));
               app::ReceiveInput in;
               MS_ASSIGN(people_count, OptionalInt64(body, "people_count", 1, 10000));
               MS_ASSIGN(raised, OptionalString(body, "raised", 5000));
               MS_ASSIGN(category_id, OptionalInt64(body, "category_id", 1));
               MS_ASSIGN(title, OptionalString(body, "title", 200));
               in.people_count = static_cast<int>(people_count.value_or(1));
               in.raised = raised.value_or("");
               in.category_id = category_id;
               in.title = title.value_or("");
               MS_ASSIGN(received, s.receptions.Receive(actor, id, in));
               json out = {{"booking", BookingJson(received.booking, true)},
                           {"field_log", FieldLogJson(received.log, actor)},
                           {"appeal", nullptr}};
               if (received.appeal) {
                 JsonWriter w;
                 WriteAppeal(w, *received.appeal, s.appeals.MaySeePersonalData(actor, *received.appeal),
                             s.appeals.TimingOf(*received.appeal));
                 out["appeal"] = json::parse(w.Take());
               }
               return Ok(out);
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/public/reception-slots", Plain([&s](Request&) -> Result<Response> {
               MS_ASSIGN(slots, s.receptions.Coming());
               json items = json::array();
               for (const auto& slot : slots) items.push_back(PublicSlotJson(slot));
               return Ok({{"items", items}});
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/public/reception-slots/{id}/bookings", Plain([&s](Request& req) -> Result<Response> {
               if (!s.public_bookings.Allow(req.remote_address))
                 return Fail(Error{ErrorKind::kRateLimited, "rate_limited", "预约过于频繁，请稍后再试", "", {}});
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(name, RequiredString(body, "name", 50));
               MS_ASSIGN(phone, RequiredString(body, "phone", 20));
               MS_ASSIGN(topic, OptionalString(body, "topic", 500));
               MS_ASSIGN(booking, s.receptions.Book(id, {.name = name, .phone = phone, .topic = topic.value_or("")}));
               return Created({{"booking_code", booking.booking_code},
                               {"slot_id", booking.slot_id},
                               {"status", booking.status},
                               {"created_at", FormatTime(booking.created_at)}});
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
