// Issue 12, the case owner's plan (包案方案): PUT /api/v1/appeals/{id}/plan (write or revise),
// POST /api/v1/appeals/{id}/plan/done (a step done), GET /api/v1/owned-cases (a leader's 我包的案), and
// GET|PUT /api/v1/leaders/{id}/streets (which streets a leader answers for; the admin sets them).
#include <nlohmann/json.hpp>

#include "api/appeal_json.h"
#include "api/case_plan_json.h"
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"

namespace minsheng::api {
namespace {

using app::Actor;
using nlohmann::json;

constexpr std::size_t kNoteMax = 2000;

// A field error inside steps[i] named as such ("steps[2].title").
template <typename T>
Result<T> InStep(Result<T> r, std::size_t i) {
  if (r) return r;
  Error e = r.error();
  e.field = "steps[" + std::to_string(i) + "]." + e.field;
  return Fail(std::move(e));
}

Result<std::vector<StepDraft>> ParseSteps(const json& body) {
  if (!body.contains("steps") || body["steps"].is_null())
    return Fail(Error::Invalid("missing_field", "请填写方案步骤", "steps"));
  const json& steps = body["steps"];
  if (!steps.is_array()) return Fail(Error::Invalid("wrong_type", "steps 应为数组", "steps"));
  if (steps.size() > kMaxPlanSteps)
    return Fail(Error::Invalid("too_long", "方案最多 " + std::to_string(kMaxPlanSteps) + " 个步骤", "steps"));
  std::vector<StepDraft> out;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const json& item = steps[i];
    if (!item.is_object())
      return Fail(Error::Invalid("wrong_type", "每个步骤应为对象", "steps[" + std::to_string(i) + "]"));
    MS_ASSIGN(id, InStep(OptionalInt64(item, "id", 1), i));
    MS_ASSIGN(title, InStep(OptionalString(item, "title", kMaxStepTitle), i));
    MS_ASSIGN(unit_id, InStep(OptionalInt64(item, "unit_id", 1), i));
    MS_ASSIGN(due_date, InStep(OptionalString(item, "due_date", 10), i));
    out.push_back({.id = id, .title = title.value_or(""), .unit_id = unit_id.value_or(0),
                   .due_date = due_date.value_or("")});
  }
  return out;
}

Response PlanResponse(const app::CasePlan& plan) {
  JsonWriter w;
  WriteCasePlan(w, plan);
  return JsonText(200, w.Take());
}

json StreetsJson(const std::vector<store::LeaderStreetRecord>& streets) {
  json items = json::array();
  for (const auto& x : streets) items.push_back({{"street_id", x.street_id}, {"street_name", x.street_name}});
  return {{"items", items}};
}

}  // namespace

void AddCasePlanRoutes(Router& router, ApiServices& s) {
  router.Add("PUT", "/api/v1/appeals/{id}/plan", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(steps, ParseSteps(body));
               MS_ASSIGN(note, OptionalString(body, "note", kNoteMax));
               MS_ASSIGN(plan, s.case_plans.WritePlan(actor, id, steps, note.value_or("")));
               return PlanResponse(plan);
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/appeals/{id}/plan/done",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(step_id, RequiredInt64(body, "step_id", 1));
               MS_ASSIGN(note, RequiredString(body, "note", kNoteMax));
               MS_ASSIGN(plan, s.case_plans.CompleteStep(actor, id, step_id, note));
               return PlanResponse(plan);
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/owned-cases", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(page, QueryPage(req));
               MS_ASSIGN(finished, QueryBool(req, "finished"));
               MS_ASSIGN(result, s.case_plans.OwnedCases(actor, page.page, page.page_size, finished));
               JsonWriter w;
               w.BeginObject().Key("items").BeginArray();
               for (const auto& c : result.items) {
                 w.BeginObject();
                 // The queue needs no resident's name or phone: masked (the detail shows them to the owner).
                 WriteAppealMembers(w, c.appeal, false, s.appeals.TimingOf(c.appeal));
                 w.Key("case_plan");
                 WriteCasePlan(w, c.plan);
                 w.EndObject();
               }
               w.EndArray().Field("total", result.total).Field("page", page.page).Field("page_size", page.page_size);
               return JsonText(200, w.EndObject().Take());
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/leaders/{id}/streets",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(streets, s.case_plans.LeaderStreets(actor, id));
               return Ok(StreetsJson(streets));
             }),
             Dispatch::kWorker);

  router.Add("PUT", "/api/v1/leaders/{id}/streets",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               if (!body.contains("street_ids") || body["street_ids"].is_null())
                 return Fail(Error::Invalid("missing_field", "请选择分管街道（可为空数组）", "street_ids"));
               MS_ASSIGN(street_ids, OptionalInt64Array(body, "street_ids", 50));
               MS_ASSIGN(streets, s.case_plans.SetLeaderStreets(actor, id, street_ids));
               return Ok(StreetsJson(streets));
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
