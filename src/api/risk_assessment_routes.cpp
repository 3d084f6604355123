// /api/v1/risk-assessments (稳定风险评估): open an assessment, enter survey responses, decide, read the report.
#include <nlohmann/json.hpp>

#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "core/risk_assessment.h"

namespace minsheng::api {
namespace {

using app::Actor;
using nlohmann::json;

// The report: the three means, the supporters' share against the 2/3 bar, and the decision.
json RiskJson(const app::RiskAssessmentView& v) {
  const auto& a = v.assessment;
  const auto& r = v.report;
  return {{"id", a.id},
          {"title", a.title},
          {"description", a.description},
          {"region_id", a.region_id},
          {"region_name", a.region_name},
          {"vote_id", IdOrNull(a.vote_id)},
          {"vote_title", a.vote_id ? json(v.vote_title) : json(nullptr)},
          {"status", RiskStatusName(v.status)},
          {"status_label", RiskStatusLabel(v.status)},
          {"decided", v.status != RiskStatus::kCollecting},
          {"passed", v.status == RiskStatus::kPassed},
          {"vetoed", v.status == RiskStatus::kVetoed},
          {"respondents", r.respondents},
          {"supporters", r.supporters},
          {"support_share", r.support_share},
          {"bar", "2/3"},
          {"bar_label", "支持率须超过三分之二（支持度评 4 分或 5 分为支持）"},
          {"would_pass", r.passed},
          {"means", {{"support", r.mean_support}, {"satisfaction", r.mean_satisfaction},
                     {"confidence", r.mean_confidence}}},
          {"allowed", AllowedRiskActions(v.status)},
          {"decided_at", TimeOrNull(a.decided_at)},
          {"created_at", FormatTime(a.created_at)}};
}

}  // namespace

void AddRiskAssessmentRoutes(Router& router, ApiServices& s) {
  router.Add("POST", "/api/v1/risk-assessments", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               app::RiskAssessmentInput in;
               MS_ASSIGN(title, RequiredString(body, "title", 200));
               MS_ASSIGN(description, OptionalString(body, "description", 5000));
               MS_ASSIGN(region_id, RequiredInt64(body, "region_id", 1));
               MS_ASSIGN(vote_id, OptionalInt64(body, "vote_id", 1));
               in.title = title;
               in.description = description.value_or("");
               in.region_id = region_id;
               in.vote_id = vote_id;
               MS_ASSIGN(view, s.risk_assessments.Create(actor, in));
               return Created(RiskJson(view));
             }),
             Dispatch::kWorker);

  // ?status=collecting|passed|vetoed
  router.Add("GET", "/api/v1/risk-assessments", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(status, QueryString(req, "status", 20));
               MS_ASSIGN(items, s.risk_assessments.List(actor, status));
               json out = json::array();
               for (const auto& v : items) out.push_back(RiskJson(v));
               return Ok({{"items", out}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/risk-assessments/{id}", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(view, s.risk_assessments.Get(actor, id));
               return Ok(RiskJson(view));
             }),
             Dispatch::kWorker);

  // {support, satisfaction, confidence}: integers 1–5 each.
  router.Add("POST", "/api/v1/risk-assessments/{id}/responses",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(support, RequiredInt64(body, "support", kMinScore, kMaxScore));
               MS_ASSIGN(satisfaction, RequiredInt64(body, "satisfaction", kMinScore, kMaxScore));
               MS_ASSIGN(confidence, RequiredInt64(body, "confidence", kMinScore, kMaxScore));
               RiskResponse r{static_cast<int>(support), static_cast<int>(satisfaction), static_cast<int>(confidence)};
               MS_ASSIGN(view, s.risk_assessments.Respond(actor, id, r));
               return Created(RiskJson(view));
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/risk-assessments/{id}/decide",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(view, s.risk_assessments.Decide(actor, id));
               return Ok(RiskJson(view));
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
