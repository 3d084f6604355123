// Issue 12: assisting units' opinions (/api/v1/appeals/{id}/opinion, …/opinion/waive), reviewed replies
// (/api/v1/appeals/{id}/reply/approve, …/reply/send-back) and the department setting that turns review on
// (/api/v1/departments/{id}/review-replies). The lead unit's reply itself stays POST …/reply (appeals_routes.cpp).
#include <nlohmann/json.hpp>

#include "api/appeal_json.h"
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "api/user_json.h"

namespace minsheng::api {
namespace {

using app::Actor;

constexpr std::size_t kTextMax = 20000;
constexpr std::size_t kNoteMax = 5000;

Response OpinionResponse(int status, const store::OpinionRecord& o) {
  JsonWriter w;
  WriteOpinion(w, o);
  return JsonText(status, w.Take());
}

Response AppealResponse(ApiServices& s, const Actor& actor, const store::AppealRecord& a) {
  JsonWriter w;
  WriteAppeal(w, a, s.appeals.MaySeePersonalData(actor, a), s.appeals.TimingOf(a));
  return JsonText(200, w.Take());
}

Result<nlohmann::json> Body(const Request& req) {
  return ParseJsonObject(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
}

}  // namespace

void AddOpinionReviewRoutes(Router& router, ApiServices& s) {
  router.Add("POST", "/api/v1/appeals/{id}/opinion", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, Body(req));
               MS_ASSIGN(content, RequiredString(body, "content", kTextMax));
               MS_ASSIGN(opinion, s.appeals.GiveOpinion(actor, id, content));
               return OpinionResponse(201, opinion);
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/appeals/{id}/opinion/waive",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, Body(req));
               MS_ASSIGN(unit_id, RequiredInt64(body, "unit_id", 1));
               MS_ASSIGN(reason, RequiredString(body, "reason", kNoteMax));
               MS_ASSIGN(opinion, s.appeals.WaiveOpinion(actor, id, unit_id, reason));
               return OpinionResponse(200, opinion);
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/appeals/{id}/reply/approve",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, Body(req));
               MS_ASSIGN(note, OptionalString(body, "note", kNoteMax));
               MS_ASSIGN(appeal, s.appeals.ApproveReply(actor, id, note.value_or("")));
               return AppealResponse(s, actor, appeal);
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/appeals/{id}/reply/send-back",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, Body(req));
               MS_ASSIGN(reason, RequiredString(body, "reason", kNoteMax));
               MS_ASSIGN(appeal, s.appeals.SendBackReply(actor, id, reason));
               return AppealResponse(s, actor, appeal);
             }),
             Dispatch::kWorker);

  router.Add("PUT", "/api/v1/departments/{id}/review-replies",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(review, RequiredBool(body, "review_replies"));
               MS_ASSIGN(department, s.appeals.SetReviewReplies(actor, id, review));
               return Ok(DepartmentJson(department));
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
