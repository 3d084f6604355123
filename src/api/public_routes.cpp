// The public side (no login): submit, track by receipt code, rate the reply; and /api/v1/health.
// (The public regions and categories are in reference_routes.cpp, the public metrics in
// metrics_routes.cpp.)
#include "api/appeal_input.h"
#include "api/appeal_json.h"
#include "api/error_mapping.h"
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/proposal_json.h"
#include "api/routes.h"

namespace minsheng::api {
namespace {

using nlohmann::json;

Result<std::string> ReceiptCode(const Request& req) {
  auto it = req.params.find("receipt_code");
  if (it == req.params.end() || it->second.empty() || it->second.size() > 32)
    return Fail(Error::NotFound("查询码不存在", "receipt_code"));
  std::string code = it->second;
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return code;
}

}  // namespace

void AddPublicRoutes(Router& router, ApiServices& s) {
  router.Add("POST", "/api/v1/public/appeals", Plain([&s](Request& req) -> Result<Response> {
               if (!s.public_submissions.Allow(req.remote_address))
                 return Fail(Error{ErrorKind::kRateLimited, "rate_limited", "提交过于频繁，请稍后再试", "", {}});
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(in, ReadRegisterInput(body, false));
               MS_ASSIGN(appeal, s.appeals.Register(app::Actor::Resident(), in));
               return Created({{"receipt_code", appeal.receipt_code},
                               {"status", appeal.status},
                               {"created_at", FormatTime(appeal.created_at)}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/public/appeals/{receipt_code}", Plain([&s](Request& req) -> Result<Response> {
               MS_ASSIGN(code, ReceiptCode(req));
               MS_ASSIGN(detail, s.appeals.Track(code));
               MS_ASSIGN(units, s.reference.Departments());
               json out = PublicAppealJson(detail, units);
               MS_ASSIGN(answers, s.proposals.AnswersOfAppeal(detail.appeal.id));  // issue 11: proposals
               out["proposal_answers"] = PublicProposalAnswersJson(answers);
               return Ok(out);
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/public/appeals/{receipt_code}/callback", Plain([&s](Request& req) -> Result<Response> {
               MS_ASSIGN(code, ReceiptCode(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(in, ReadCallbackInput(body));
               MS_ASSIGN(appeal, s.appeals.CallbackByReceipt(code, in));
               return Ok({{"receipt_code", appeal.receipt_code}, {"status", appeal.status}});
             }),
             Dispatch::kWorker);

  // Issue 12: the causes a dissatisfied callback may give, with their labels (staff and portal forms).
  router.Add("GET", "/api/v1/public/callback-causes", Plain([](Request&) -> Result<Response> {
               return Ok({{"items", CauseOptionsJson()}});
             }));
}

void AddAllRoutes(Router& router, ApiServices& s) {
  AddAuthRoutes(router, s);
  AddAppealRoutes(router, s);
  AddReferenceRoutes(router, s);
  AddMetricsRoutes(router, s);
  AddHotspotRoutes(router, s);
  AddPublicRoutes(router, s);
  AddAuditRoutes(router, s);
  AddGridRoutes(router, s);
  AddDeputyRecordRoutes(router, s);
  AddFieldLogRoutes(router, s);
  AddReceptionRoutes(router, s);
  AddDeputyCaseRoutes(router, s);
  AddStudioRoutes(router, s);
  AddEvaluationRoutes(router, s);
  AddProposalRoutes(router, s);  // issue 11: proposals
  // Votes and risk assessments (issue 11, part C).
  AddVoteRoutes(router, s);
  AddRiskAssessmentRoutes(router, s);
  AddConsultationRoutes(router, s);  // issue 11, part A
  AddWallRoutes(router, s);  // issue 12: the message wall
  AddOpinionReviewRoutes(router, s);  // issue 12: assisting opinions and reviewed replies
  AddBulletinRoutes(router, s);  // issue 12: bulletins
  AddCasePlanRoutes(router, s);       // issue 12: the case owner's plan
  AddSupervisionRoutes(router, s);  // issue 12: manual supervision and warnings
  router.Add("GET", "/api/v1/health", Plain([&s](Request&) -> Result<Response> {
               MS_ASSIGN(engine, s.reference.Health());
               return Ok({{"status", "ok"}, {"database", std::string(engine)}});
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
