// /api/v1/consultations (协商议事) for staff: create, list, one, and a route per step
// (topics, appeals, submit, decide, research, meeting, publish, dispatch, actions, track, done);
// /api/v1/public/consultations for residents: published outcomes and comments (rate-limited per address).
#include <functional>

#include <nlohmann/json.hpp>

#include "api/consultation_json.h"
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "core/calendar.h"

namespace minsheng::api {
namespace {

using app::Actor;
using nlohmann::json;

constexpr std::size_t kTextMax = 5000;

// Errors of a nested object's reader name the member under `prefix` ("actions[0].title").
template <typename T>
Result<T> Under(Result<T> r, const std::string& prefix) {
  if (!r && !r.error().field.empty()) r.error().field = prefix + "." + r.error().field;
  return r;
}

Result<std::optional<std::string>> Note(const json& body) { return OptionalString(body, "note", kTextMax); }

Result<json> Body(const Request& req) {
  return ParseJsonObject(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
}

Result<std::chrono::sys_days> RequiredDate(const json& body, std::string_view field) {
  MS_ASSIGN(text, RequiredString(body, field, 10));
  return ParseDate(text, field);
}

Result<app::ActionInput> ReadAction(const json& item) {
  if (!item.is_object()) return Fail(Error::Invalid("wrong_type", "落实事项应为对象", ""));
  app::ActionInput a;
  MS_ASSIGN(title, RequiredString(item, "title", 500));
  MS_ASSIGN(owner, RequiredInt64(item, "owner_unit_id", 1));
  MS_ASSIGN(deadline, RequiredDate(item, "deadline"));
  MS_ASSIGN(appeal_ids, OptionalInt64Array(item, "appeal_ids", 500));
  a.title = title;
  a.owner_unit_id = owner;
  a.deadline = deadline;
  a.appeal_ids = appeal_ids;
  return a;
}

Result<app::ParticipantInput> ReadParticipant(const json& item) {
  if (!item.is_object()) return Fail(Error::Invalid("wrong_type", "参会人员应为对象", ""));
  app::ParticipantInput p;
  MS_ASSIGN(role, RequiredString(item, "role", 40));
  MS_ASSIGN(name, RequiredString(item, "name", 100));
  MS_ASSIGN(unit_id, OptionalInt64(item, "unit_id", 1));
  MS_ASSIGN(user_id, OptionalInt64(item, "user_id", 1));
  MS_ASSIGN(attended, OptionalBool(item, "attended"));
  p.role = role;
  p.name = name;
  p.unit_id = unit_id;
  p.user_id = user_id;
  p.attended = attended.value_or(false);
  return p;
}

Result<app::MeetingInput> ReadMeeting(const json& body) {
  app::MeetingInput in;
  MS_ASSIGN(at, OptionalString(body, "meeting_at", 40));
  if (at) {
    MS_ASSIGN(t, ParseTimestamp(*at, "meeting_at"));
    in.meeting_at = t;
  }
  MS_ASSIGN(place, OptionalString(body, "place", 200));
  MS_ASSIGN(form, OptionalString(body, "form", 20));
  MS_ASSIGN(minutes, OptionalString(body, "minutes", 20000));
  in.place = place;
  in.form = form;
  in.minutes = minutes;
  if (body.contains("participants") && !body["participants"].is_null()) {
    const json& list = body["participants"];
    if (!list.is_array()) return Fail(Error::Invalid("wrong_type", "参会人员应为数组", "participants"));
    if (list.size() > 200) return Fail(Error::Invalid("too_long", "参会人员最多 200 人", "participants"));
    std::vector<app::ParticipantInput> people;
    for (std::size_t i = 0; i < list.size(); ++i) {
      MS_ASSIGN(p, Under(ReadParticipant(list[i]), "participants[" + std::to_string(i) + "]"));
      people.push_back(std::move(p));
    }
    in.participants = std::move(people);
  }
  return in;
}

Result<app::PublishInput> ReadPublish(const json& body) {
  app::PublishInput in;
  MS_ASSIGN(outcome, RequiredString(body, "outcome", 20000));
  MS_ASSIGN(days, OptionalInt64(body, "notice_days", 1, app::ConsultationService::kMaxNoticeDays));
  MS_ASSIGN(explanation, OptionalString(body, "explanation", kTextMax));
  in.outcome = outcome;
  in.notice_days = static_cast<int>(days.value_or(7));
  in.explanation = explanation.value_or("");
  if (body.contains("actions") && !body["actions"].is_null()) {
    const json& list = body["actions"];
    if (!list.is_array()) return Fail(Error::Invalid("wrong_type", "落实事项应为数组", "actions"));
    if (list.size() > 100) return Fail(Error::Invalid("too_long", "落实事项最多 100 项", "actions"));
    for (std::size_t i = 0; i < list.size(); ++i) {
      MS_ASSIGN(a, Under(ReadAction(list[i]), "actions[" + std::to_string(i) + "]"));
      in.actions.push_back(std::move(a));
    }
  }
  return in;
}

// A step route: POST /api/v1/consultations/{id}/<segment>, the body read by `run`, answering the detail.
using StepRun = std::function<Result<app::ConsultationDetail>(const Actor&, std::int64_t, const json&)>;

void AddStep(Router& router, ApiServices& s, const std::string& pattern, StepRun run) {
  router.Add("POST", pattern, Staff(s, [&s, run](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, Body(req));
               MS_ASSIGN(detail, run(actor, id, body));
               return Ok(ConsultationDetailJson(detail, s.consultations.AllowedActions(actor, detail.consultation),
                                                s.clock.Now()));
             }),
             Dispatch::kWorker);
}

}  // namespace

void AddConsultationRoutes(Router& router, ApiServices& s) {
  // {kind, title, region_id, description?, appeal_ids?} → 201 the consultation in step collecting.
  router.Add("POST", "/api/v1/consultations", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               app::ConsultationInput in;
               MS_ASSIGN(kind, RequiredString(body, "kind", 20));
               MS_ASSIGN(title, RequiredString(body, "title", 200));
               MS_ASSIGN(region_id, RequiredInt64(body, "region_id", 1));
               MS_ASSIGN(description, OptionalString(body, "description", kTextMax));
               MS_ASSIGN(appeal_ids, OptionalInt64Array(body, "appeal_ids", 200));
               in.kind = kind;
               in.title = title;
               in.region_id = region_id;
               in.description = description.value_or("");
               in.appeal_ids = appeal_ids;
               MS_ASSIGN(detail, s.consultations.Create(actor, in));
               return Created(ConsultationDetailJson(detail, s.consultations.AllowedActions(actor, detail.consultation),
                                                     s.clock.Now()));
             }),
             Dispatch::kWorker);

  // ?step=&kind=&region_id=&appeal_id=&page=&page_size= → {items, total, page, page_size}, newest first.
  router.Add("GET", "/api/v1/consultations", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               app::ConsultationQuery q;
               MS_ASSIGN(step, QueryString(req, "step", 20));
               MS_ASSIGN(kind, QueryString(req, "kind", 20));
               MS_ASSIGN(region_id, QueryId(req, "region_id"));
               MS_ASSIGN(appeal_id, QueryId(req, "appeal_id"));
               MS_ASSIGN(page, QueryPage(req));
               q.step = step;
               q.kind = kind;
               q.region_id = region_id;
               q.appeal_id = appeal_id;
               q.page = page.page;
               q.page_size = page.page_size;
               MS_ASSIGN(result, s.consultations.List(actor, q));
               json items = json::array();
               for (const auto& c : result.items) {
                 json item = ConsultationItemJson(c);
                 item["allowed_actions"] = s.consultations.AllowedActions(actor, c);
                 items.push_back(std::move(item));
               }
               return Ok({{"items", items},
                          {"total", result.total},
                          {"page", page.page},
                          {"page_size", page.page_size},
                          {"kinds", ConsultationKindOptions()},
                          {"steps", ConsultationStepOptions()}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/consultations/{id}", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(detail, s.consultations.Get(actor, id));
               return Ok(ConsultationDetailJson(detail, s.consultations.AllowedActions(actor, detail.consultation),
                                                s.clock.Now()));
             }),
             Dispatch::kWorker);

  // {content, source?: resident|deputy|staff, proposer?}
  AddStep(router, s, "/api/v1/consultations/{id}/topics", [&s](const Actor& actor, std::int64_t id, const json& body)
              -> Result<app::ConsultationDetail> {
    MS_ASSIGN(content, RequiredString(body, "content", kTextMax));
    MS_ASSIGN(source, OptionalString(body, "source", 20));
    MS_ASSIGN(proposer, OptionalString(body, "proposer", 100));
    return s.consultations.AddTopic(actor, id, {source.value_or(""), content, proposer.value_or("")});
  });
  // {appeal_ids}: received appeals are triaged "deliberate" into it, deliberating ones join it.
  AddStep(router, s, "/api/v1/consultations/{id}/appeals", [&s](const Actor& actor, std::int64_t id, const json& body)
              -> Result<app::ConsultationDetail> {
    MS_ASSIGN(appeal_ids, OptionalInt64Array(body, "appeal_ids", 200));
    return s.consultations.LinkAppeals(actor, id, appeal_ids);
  });
  AddStep(router, s, "/api/v1/consultations/{id}/submit", [&s](const Actor& actor, std::int64_t id, const json& body)
              -> Result<app::ConsultationDetail> {
    MS_ASSIGN(note, Note(body));
    return s.consultations.Submit(actor, id, note.value_or(""));
  });
  // {accept: true, reason?} or {accept: false, refusal_rule: against_law|superior_decided|discriminatory, reason}.
  AddStep(router, s, "/api/v1/consultations/{id}/decide", [&s](const Actor& actor, std::int64_t id, const json& body)
              -> Result<app::ConsultationDetail> {
    MS_ASSIGN(accept, RequiredBool(body, "accept"));
    MS_ASSIGN(rule, OptionalString(body, "refusal_rule", 40));
    MS_ASSIGN(reason, OptionalString(body, "reason", kTextMax));
    return s.consultations.Decide(actor, id, {accept, rule.value_or(""), reason.value_or("")});
  });
  // {content, link?}: research notes; no attachment store, a link to the material instead.
  AddStep(router, s, "/api/v1/consultations/{id}/research", [&s](const Actor& actor, std::int64_t id, const json& body)
              -> Result<app::ConsultationDetail> {
    MS_ASSIGN(content, RequiredString(body, "content", kTextMax));
    MS_ASSIGN(link, OptionalString(body, "link", 1000));
    return s.consultations.AddResearch(actor, id, {content, link.value_or("")});
  });
  // {meeting_at?, place?, form?, participants?: [{role, name, unit_id?, user_id?, attended?}], minutes?}
  AddStep(router, s, "/api/v1/consultations/{id}/meeting", [&s](const Actor& actor, std::int64_t id, const json& body)
              -> Result<app::ConsultationDetail> {
    MS_ASSIGN(in, ReadMeeting(body));
    return s.consultations.Meeting(actor, id, in);
  });
  // {outcome, notice_days?, actions: [{title, owner_unit_id, deadline, appeal_ids?}], explanation?}
  AddStep(router, s, "/api/v1/consultations/{id}/publish", [&s](const Actor& actor, std::int64_t id, const json& body)
              -> Result<app::ConsultationDetail> {
    MS_ASSIGN(in, ReadPublish(body));
    return s.consultations.Publish(actor, id, in);
  });
  // Analysis meetings: {lead_unit_id, assisting_unit_ids?, deadline?, minutes?, note?} dispatches every linked appeal.
  AddStep(router, s, "/api/v1/consultations/{id}/dispatch", [&s](const Actor& actor, std::int64_t id, const json& body)
              -> Result<app::ConsultationDetail> {
    app::AnalysisDispatchInput in;
    MS_ASSIGN(lead, RequiredInt64(body, "lead_unit_id", 1));
    MS_ASSIGN(assisting, OptionalInt64Array(body, "assisting_unit_ids", 50));
    MS_ASSIGN(deadline, OptionalString(body, "deadline", 10));
    MS_ASSIGN(minutes, OptionalString(body, "minutes", 20000));
    MS_ASSIGN(note, Note(body));
    in.lead_unit_id = lead;
    in.assisting_unit_ids = assisting;
    if (deadline) {
      MS_ASSIGN(day, ParseDate(*deadline, "deadline"));
      in.deadline = day;
    }
    in.minutes = minutes.value_or("");
    in.note = note.value_or("");
    return s.consultations.DispatchAnalysis(actor, id, in);
  });
  // {title, owner_unit_id, deadline}
  AddStep(router, s, "/api/v1/consultations/{id}/actions", [&s](const Actor& actor, std::int64_t id, const json& body)
              -> Result<app::ConsultationDetail> {
    MS_ASSIGN(in, ReadAction(body));
    return s.consultations.AddAction(actor, id, in);
  });
  router.Add("POST", "/api/v1/consultations/{id}/actions/{action_id}/done",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(action_id, PathId(req, "action_id"));
               MS_ASSIGN(body, Body(req));
               MS_ASSIGN(note, Note(body));
               MS_ASSIGN(detail, s.consultations.CompleteAction(actor, id, action_id, note.value_or("")));
               return Ok(ConsultationDetailJson(detail, s.consultations.AllowedActions(actor, detail.consultation),
                                                s.clock.Now()));
             }),
             Dispatch::kWorker);
  AddStep(router, s, "/api/v1/consultations/{id}/track", [&s](const Actor& actor, std::int64_t id, const json& body)
              -> Result<app::ConsultationDetail> {
    MS_ASSIGN(note, Note(body));
    return s.consultations.Track(actor, id, note.value_or(""));
  });
  AddStep(router, s, "/api/v1/consultations/{id}/done", [&s](const Actor& actor, std::int64_t id, const json& body)
              -> Result<app::ConsultationDetail> {
    MS_ASSIGN(note, Note(body));
    return s.consultations.Finish(actor, id, note.value_or(""));
  });

  // The portal: published outcomes, newest first.
  router.Add("GET", "/api/v1/public/consultations", Plain([&s](Request& req) -> Result<Response> {
               MS_ASSIGN(page, QueryPage(req));
               MS_ASSIGN(result, s.consultations.ListPublished(page.page, page.page_size));
               const Timestamp now = s.clock.Now();
               json items = json::array();
               for (const auto& c : result.items) items.push_back(PublicConsultationItemJson(c, now));
               return Ok({{"items", items}, {"total", result.total}, {"page", page.page}, {"page_size", page.page_size}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/public/consultations/{id}", Plain([&s](Request& req) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(detail, s.consultations.GetPublished(id));
               return Ok(PublicConsultationJson(detail, s.clock.Now()));
             }),
             Dispatch::kWorker);

  // {content, author?}: during the notice period; rate-limited per address like public appeals.
  router.Add("POST", "/api/v1/public/consultations/{id}/comments", Plain([&s](Request& req) -> Result<Response> {
               if (!s.public_comments.Allow(req.remote_address))
                 return Fail(Error{ErrorKind::kRateLimited, "rate_limited", "发表意见过于频繁，请稍后再试", "", {}});
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(content, RequiredString(body, "content", 1000));
               MS_ASSIGN(author, OptionalString(body, "author", 50));
               MS_ASSIGN(comment, s.consultations.Comment(id, author.value_or(""), content));
               return Created({{"id", comment.id},
                               {"consultation_id", comment.consultation_id},
                               {"author", comment.author.empty() ? "匿名群众" : comment.author},
                               {"content", comment.content},
                               {"at", FormatTime(comment.created_at)}});
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
