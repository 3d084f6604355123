// Following a case (issue 10): /api/v1/appeals/{id}/deputy-contacts and /deputy-opinions, a deputy's
// assistants under /api/v1/deputies/{user_id}/assistants, and the deputies' case figures /api/v1/deputies.
#include <chrono>

#include <nlohmann/json.hpp>

#include "api/deputy_case_json.h"
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "core/calendar.h"

namespace minsheng::api {
namespace {

using app::Actor;
using nlohmann::json;

constexpr std::size_t kNoteMax = 5000;

json AssistantJson(const store::DeputyAssistantRecord& x) {
  return {{"id", x.assistant_id},       {"deputy_id", x.deputy_id},
          {"display_name", x.assistant_name}, {"role", x.assistant_role},
          {"created_at", FormatTime(x.created_at)}};
}

}  // namespace

void AddDeputyCaseRoutes(Router& router, ApiServices& s) {
  router.Add("POST", "/api/v1/appeals/{id}/deputy-contacts",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(method, RequiredString(body, "method", 20));
               MS_ASSIGN(note, RequiredString(body, "note", kNoteMax));
               MS_ASSIGN(contact, s.deputy_cases.RecordContact(actor, id, {method, note}));
               JsonWriter w;
               WriteDeputyContact(w, contact, {});
               return JsonText(201, w.Take());
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/appeals/{id}/deputy-opinions",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(content, RequiredString(body, "content", kNoteMax));
               MS_ASSIGN(opinion, s.deputy_cases.AddOpinion(actor, id, content));
               JsonWriter w;
               WriteDeputyOpinion(w, opinion, {});
               return JsonText(201, w.Take());
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/deputies/{user_id}/assistants",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(deputy_id, PathId(req, "user_id"));
               MS_ASSIGN(rows, s.deputy_cases.Assistants(actor, deputy_id));
               json items = json::array();
               for (const auto& x : rows) items.push_back(AssistantJson(x));
               return Ok({{"items", items}});
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/deputies/{user_id}/assistants",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(deputy_id, PathId(req, "user_id"));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(assistant_id, RequiredInt64(body, "assistant_id", 1));
               MS_ASSIGN(x, s.deputy_cases.AddAssistant(actor, deputy_id, assistant_id));
               return Created(AssistantJson(x));
             }),
             Dispatch::kWorker);

  router.Add("DELETE", "/api/v1/deputies/{user_id}/assistants/{assistant_id}",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(deputy_id, PathId(req, "user_id"));
               MS_ASSIGN(assistant_id, PathId(req, "assistant_id"));
               MS_TRY(s.deputy_cases.RemoveAssistant(actor, deputy_id, assistant_id));
               return Ok({{"removed", true}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/deputies", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               const int this_year = static_cast<int>(std::chrono::year_month_day(LocalDay(s.clock.Now())).year());
               MS_ASSIGN(year, QueryInt64(req, "year", this_year, 2000, 2100));
               MS_ASSIGN(rows, s.deputy_cases.Deputies(actor, static_cast<int>(year)));
               json items = json::array();
               for (const auto& r : rows)
                 items.push_back({{"id", r.deputy.id},
                                  {"display_name", r.deputy.display_name},
                                  {"deputy_kind", r.deputy.deputy_kind},
                                  {"region_id", r.deputy.region_id},
                                  {"followed", r.figures.followed},
                                  {"followed_to_close", r.figures.followed_to_close},
                                  {"personal_contacts", r.figures.personal_contacts},
                                  {"relayed_only", r.figures.relayed_only}});
               return Ok({{"year", year}, {"items", items}});
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
