// /api/v1/appeals and the lifecycle transitions, /api/v1/extensions, /api/v1/supervision-notices.
#include <nlohmann/json.hpp>

#include "api/appeal_input.h"
#include "api/appeal_json.h"
#include "api/appeal_list_query.h"
#include "api/error_mapping.h"
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "core/calendar.h"

namespace minsheng::api {
namespace {

using nlohmann::json;
using app::Actor;

constexpr std::size_t kTextMax = 20000;
constexpr std::size_t kNoteMax = 5000;

// The appeal, as the caller may see it.
Response AppealResponse(ApiServices& s, const Actor& actor, const store::AppealRecord& a, int status = 200) {
  JsonWriter w;
  WriteAppeal(w, a, s.appeals.MaySeePersonalData(actor, a), s.appeals.TimingOf(a));
  return JsonText(status, w.Take());
}

// A transition route: parse the body, run the use case, answer with the appeal.
using TransitionFn = std::function<Result<store::AppealRecord>(const Actor&, std::int64_t, const json&)>;

void AddTransition(Router& router, ApiServices& s, const std::string& action, TransitionFn fn) {
  router.Add("POST", "/api/v1/appeals/{id}/" + action,
             Staff(s, [&s, action, fn = std::move(fn)](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body.empty() ? std::string_view("{}") : req.body));
               MS_ASSIGN(appeal, fn(actor, id, body));
               // Issue 12: a reply that stays in progress is a draft waiting for the unit head's review.
               const bool drafted = action == "reply" && appeal.status == "in_progress";
               return AppealResponse(s, actor, appeal, drafted ? 202 : 200);
             }),
             Dispatch::kWorker);
}

Result<std::string> Note(const json& body, std::string_view field = "note") {
  MS_ASSIGN(note, OptionalString(body, field, kNoteMax));
  return note.value_or("");
}

}  // namespace

void AddAppealRoutes(Router& router, ApiServices& s) {
  router.Add("POST", "/api/v1/appeals", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(in, ReadRegisterInput(body, true));
               MS_ASSIGN(appeal, s.appeals.Register(actor, in));
               return AppealResponse(s, actor, appeal, 201);
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/appeals", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(f, ParseAppealListQuery(req, actor, s.clock.Now()));
               MS_ASSIGN(result, s.appeals.List(actor, f));
               JsonWriter w;
               w.BeginObject().Key("items").BeginArray();
               for (const auto& a : result.items) {
                 w.BeginObject();
                 WriteAppealMembers(w, a, s.appeals.MaySeePersonalData(actor, a), s.appeals.TimingOf(a));
                 if (f.with_last_reply) {
                   w.Key("last_reply");
                   auto it = result.last_replies.find(a.id);
                   if (it != result.last_replies.end()) WriteReply(w, it->second);
                   else w.Null();
                 }
                 w.EndObject();
               }
               w.EndArray().Field("total", result.total).Field("page", f.page).Field("page_size", f.page_size);
               // Issue 13: a total above the serve option --list-count-cap is that cap, flagged inexact; a full
               // page names the cursor of the next one.
               w.Field("total_exact", result.total_exact).Key("next_cursor");
               if (result.next) w.String(EncodeAppealCursor(*result.next, f.order));
               else w.Null();
               return JsonText(200, w.EndObject().Take());
             }),
             Dispatch::kWorker);

  // Issue 13: read on the I/O thread where it can (Dispatch::kPointRead); a view that shows a resident's name
  // is recorded in the audit log on a worker first (Response::finish), and shown only once that succeeded.
  router.Add("GET", "/api/v1/appeals/{id}",
             Staff(s,
                   [&s](Request& req, const Actor& actor) -> Result<Response> {
                     MS_ASSIGN(id, PathId(req));
                     MS_ASSIGN(view, s.appeals.GetUnrecorded(actor, id));
                     const app::AppealDetail& detail = *view.detail;
                     auto allowed = s.appeals.AllowedActions(actor, detail);
                     MS_ASSIGN(follows, s.deputy_cases.MayRecord(actor, detail.appeal));
                     if (follows) allowed.insert(allowed.end(), {"deputy_contact", "deputy_opinion"});
                     Response response =
                         JsonText(200, AppealDetailJson(view, *s.appeal_json.PartsOf(detail),
                                                        s.appeals.MaySeePersonalData(actor, detail.appeal),
                                                        s.appeals.TimingOf(detail.appeal), allowed,
                                                        s.appeals.RepeatActions(actor, detail)));
                     if (!s.appeals.ViewIsAudited(actor, detail.appeal)) return response;
                     Response pending;
                     pending.finish = [&s, actor, appeal = detail.appeal, answer = std::move(response)]() mutable {
                       if (auto recorded = s.appeals.RecordView(actor, appeal); !recorded)
                         return ErrorResponse(recorded.error());
                       return std::move(answer);
                     };
                     return pending;
                   }),
             Dispatch::kPointRead);

  AddTransition(router, s, "dispatch", [&s](const Actor& actor, std::int64_t id, const json& body)
                                           -> Result<store::AppealRecord> {
    app::DispatchInput in;
    MS_ASSIGN(lead, RequiredInt64(body, "lead_unit_id", 1));
    MS_ASSIGN(assisting, OptionalInt64Array(body, "assisting_unit_ids", 20));
    MS_ASSIGN(deadline, OptionalString(body, "deadline", 10));
    MS_ASSIGN(owner, OptionalInt64(body, "case_owner_id", 1));
    MS_ASSIGN(deputy, OptionalInt64(body, "deputy_id", 1));
    MS_ASSIGN(note, Note(body));
    MS_ASSIGN(opinion_deadline, OptionalString(body, "opinion_deadline", 10));  // issue 12
    if (opinion_deadline) {
      MS_ASSIGN(day, ParseDate(*opinion_deadline, "opinion_deadline"));
      in.opinion_deadline = day;
    }
    in.lead_unit_id = lead;
    in.assisting_unit_ids = std::move(assisting);
    if (deadline) {
      MS_ASSIGN(day, ParseDate(*deadline, "deadline"));
      in.deadline = day;
    }
    in.case_owner_id = owner;
    in.deputy_id = deputy;
    in.note = std::move(note);
    return s.appeals.Dispatch(actor, id, in);
  });
  AddTransition(router, s, "triage", [&s](const Actor& actor, std::int64_t id, const json& body)
                                         -> Result<store::AppealRecord> {
    MS_ASSIGN(route, RequiredString(body, "route", 20));
    auto action = ParseTriageRoute(route);
    if (!action) {
      if (route == "dispatch")
        return Fail(Error::Invalid("invalid_value", "派单请使用 POST /api/v1/appeals/{id}/dispatch", "route"));
      return Fail(Error::Invalid("invalid_value", "梳理路径应为 deliberate、escalate、explain、merge 或 reject",
                                 "route"));
    }
    MS_ASSIGN(note, RequiredString(body, "note", kNoteMax));
    MS_ASSIGN(merge_into, OptionalInt64(body, "merge_into_id", 1));
    MS_ASSIGN(deputy, OptionalInt64(body, "deputy_id", 1));
    MS_ASSIGN(proposal, OptionalInt64(body, "proposal_id", 1));  // escalate: join this draft proposal (issue 11)
    MS_ASSIGN(consultation, OptionalInt64(body, "consultation_id", 1));  // deliberate: joins it (issue 11)
    return s.appeals.Triage(actor, id, {*action, note, merge_into, deputy, proposal, consultation});
  });
  AddTransition(router, s, "accept", [&s](const Actor& actor, std::int64_t id, const json& body)
                                         -> Result<store::AppealRecord> {
    MS_ASSIGN(note, Note(body));
    return s.appeals.Accept(actor, id, note);
  });
  AddTransition(router, s, "return", [&s](const Actor& actor, std::int64_t id, const json& body)
                                         -> Result<store::AppealRecord> {
    MS_ASSIGN(reason, RequiredString(body, "reason", kNoteMax));
    return s.appeals.Return(actor, id, reason);
  });
  AddTransition(router, s, "contact", [&s](const Actor& actor, std::int64_t id, const json& body)
                                          -> Result<store::AppealRecord> {
    MS_ASSIGN(note, RequiredString(body, "note", kNoteMax));
    MS_ASSIGN(method, OptionalString(body, "method", 40));
    return s.appeals.Contact(actor, id, note, method.value_or(""));
  });
  AddTransition(router, s, "reply", [&s](const Actor& actor, std::int64_t id, const json& body)
                                        -> Result<store::AppealRecord> {
    MS_ASSIGN(content, RequiredString(body, "content", kTextMax));
    return s.appeals.Reply(actor, id, content);
  });
  AddTransition(router, s, "callback", [&s](const Actor& actor, std::int64_t id, const json& body)
                                           -> Result<store::AppealRecord> {
    MS_ASSIGN(in, ReadCallbackInput(body));
    return s.appeals.Callback(actor, id, in);
  });
  AddTransition(router, s, "reopen", [&s](const Actor& actor, std::int64_t id, const json& body)
                                         -> Result<store::AppealRecord> {
    MS_ASSIGN(reason, RequiredString(body, "reason", kNoteMax));
    return s.appeals.Reopen(actor, id, reason);
  });
  AddTransition(router, s, "close", [&s](const Actor& actor, std::int64_t id, const json& body)
                                        -> Result<store::AppealRecord> {
    MS_ASSIGN(note, Note(body));
    return s.appeals.Close(actor, id, note);
  });
  // Issue 12: repeat appeals (重复诉求) linked or unlinked by a registrar.
  AddTransition(router, s, "repeat-of", [&s](const Actor& actor, std::int64_t id, const json& body)
                                            -> Result<store::AppealRecord> {
    MS_ASSIGN(repeat_of_id, RequiredInt64(body, "repeat_of_id", 1));
    MS_ASSIGN(note, Note(body));
    return s.appeals.LinkRepeat(actor, id, repeat_of_id, note);
  });
  AddTransition(router, s, "repeat-of/remove", [&s](const Actor& actor, std::int64_t id, const json& body)
                                                   -> Result<store::AppealRecord> {
    MS_ASSIGN(other_id, RequiredInt64(body, "other_id", 1));
    MS_ASSIGN(reason, RequiredString(body, "reason", kNoteMax));
    return s.appeals.UnlinkRepeat(actor, id, other_id, reason);
  });

  router.Add("POST", "/api/v1/appeals/{id}/extension",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(days, RequiredInt64(body, "days", 1, 60));
               MS_ASSIGN(reason, RequiredString(body, "reason", kNoteMax));
               MS_ASSIGN(x, s.appeals.RequestExtension(actor, id, static_cast<int>(days), reason));
               JsonWriter w;
               WriteExtension(w, x);
               return JsonText(201, w.Take());
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/extensions/{id}/decision",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(approve, RequiredBool(body, "approve"));
               MS_ASSIGN(note, Note(body));
               MS_ASSIGN(x, s.appeals.DecideExtension(actor, id, approve, note));
               JsonWriter w;
               WriteExtension(w, x);
               return JsonText(200, w.Take());
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/supervision-notices",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               store::NoticeFilter f;
               MS_ASSIGN(page, QueryPage(req));
               MS_ASSIGN(unit_id, QueryId(req, "unit_id"));
               MS_ASSIGN(appeal_id, QueryId(req, "appeal_id"));
               f.page = page.page;
               f.page_size = page.page_size;
               f.unit_id = unit_id;
               f.appeal_id = appeal_id;
               MS_ASSIGN(result, s.appeals.ListNotices(actor, f));
               JsonWriter w;
               w.BeginObject().Key("items").BeginArray();
               for (const auto& n : result.items) WriteNotice(w, n);
               w.EndArray().Field("total", result.total).Field("page", f.page).Field("page_size", f.page_size);
               return JsonText(200, w.EndObject().Take());
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
