// /api/v1/proposals (建议提案, issue 11): register, list, detail, edit a draft, each step of the table in
// core/proposal.h as its own route (submit, assign, contacts, opinions, answer, approve, rate, follow-up), and
// the figures per unit and per deputy.
#include <nlohmann/json.hpp>

#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/proposal_json.h"
#include "api/routes.h"
#include "core/calendar.h"

namespace minsheng::api {
namespace {

using app::Actor;
using nlohmann::json;

constexpr std::size_t kTextMax = 20000;

Result<json> Body(const Request& req) {
  return ParseJsonObject(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
}

Result<std::optional<std::chrono::sys_days>> OptionalDate(const json& body, std::string_view field) {
  MS_ASSIGN(text, OptionalString(body, field, 10));
  if (!text) return std::optional<std::chrono::sys_days>();
  MS_ASSIGN(day, ParseDate(*text, field));
  return std::optional<std::chrono::sys_days>(day);
}

Result<app::ProposalAnswerInput> ReadAnswer(const json& body) {
  MS_ASSIGN(category, RequiredString(body, "category", 1));
  MS_ASSIGN(content, RequiredString(body, "content", kTextMax));
  MS_ASSIGN(follow_up_on, OptionalDate(body, "follow_up_on"));
  return app::ProposalAnswerInput{category, content, follow_up_on};
}

// A POST on /api/v1/proposals/{id}/<segment> that reads its body and answers the proposal's detail.
using StepHandler = std::function<Result<app::ProposalDetail>(const Actor&, std::int64_t, const json&)>;
void AddStep(Router& router, ApiServices& s, std::string_view segment, StepHandler handler) {
  router.Add("POST", "/api/v1/proposals/{id}/" + std::string(segment),
             Staff(s, [handler = std::move(handler)](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, Body(req));
               MS_ASSIGN(detail, handler(actor, id, body));
               return Ok(ProposalDetailJson(detail));
             }),
             Dispatch::kWorker);
}

}  // namespace

void AddProposalRoutes(Router& router, ApiServices& s) {
  // {kind, title, content?, deputy_id?, region_id?, consultation_id?, appeal_ids?} → 201 the detail (a draft).
  router.Add("POST", "/api/v1/proposals", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               app::ProposalInput in;
               MS_ASSIGN(kind, RequiredString(body, "kind", 20));
               MS_ASSIGN(title, RequiredString(body, "title", 200));
               MS_ASSIGN(content, OptionalString(body, "content", kTextMax));
               MS_ASSIGN(deputy_id, OptionalInt64(body, "deputy_id", 1));
               MS_ASSIGN(region_id, OptionalInt64(body, "region_id", 1));
               MS_ASSIGN(consultation_id, OptionalInt64(body, "consultation_id", 1));
               MS_ASSIGN(appeal_ids, OptionalInt64Array(body, "appeal_ids", 50));
               in.kind = kind;
               in.title = title;
               in.content = content.value_or("");
               in.deputy_id = deputy_id;
               in.region_id = region_id;
               in.consultation_id = consultation_id;
               in.appeal_ids = std::move(appeal_ids);
               MS_ASSIGN(detail, s.proposals.Register(actor, in));
               return Created(ProposalDetailJson(detail));
             }),
             Dispatch::kWorker);

  // ?kind=&step=&unit_id=&deputy_id=&year= → {items, labels}.
  router.Add("GET", "/api/v1/proposals", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               app::ProposalQuery q;
               MS_ASSIGN(kind, QueryString(req, "kind", 20));
               MS_ASSIGN(step, QueryString(req, "step", 30));
               MS_ASSIGN(unit_id, QueryId(req, "unit_id"));
               MS_ASSIGN(deputy_id, QueryId(req, "deputy_id"));
               MS_ASSIGN(year, QueryInt64(req, "year", 0, 0, 2100));
               q.kind = kind;
               q.step = step;
               q.unit_id = unit_id;
               q.deputy_id = deputy_id;
               if (year != 0) q.year = static_cast<int>(year);
               MS_ASSIGN(items, s.proposals.List(actor, q));
               json out = json::array();
               for (const auto& p : items) out.push_back(ProposalSummaryJson(p));
               return Ok({{"items", out}, {"labels", ProposalVocabularyJson()}});
             }),
             Dispatch::kWorker);

  // ?year= (default this year) &region_id= (default the caller's) → {year, units: [...], deputies: [...]}.
  router.Add("GET", "/api/v1/proposals/figures", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               const int this_year = static_cast<int>(std::chrono::year_month_day(LocalDay(s.clock.Now())).year());
               MS_ASSIGN(year, QueryInt64(req, "year", this_year, 2000, 2100));
               MS_ASSIGN(region_id, QueryId(req, "region_id"));
               MS_ASSIGN(figures, s.proposals.Figures(actor, static_cast<int>(year), region_id));
               return Ok(ProposalFiguresJson(figures));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/proposals/{id}", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(detail, s.proposals.Get(actor, id));
               return Ok(ProposalDetailJson(detail));
             }),
             Dispatch::kWorker);

  // A draft's kind, title, content.
  router.Add("PATCH", "/api/v1/proposals/{id}", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               app::ProposalEdit edit;
               MS_ASSIGN(kind, OptionalString(body, "kind", 20));
               MS_ASSIGN(title, OptionalString(body, "title", 200));
               MS_ASSIGN(content, OptionalString(body, "content", kTextMax));
               edit.kind = kind;
               edit.title = title;
               edit.content = content;
               MS_ASSIGN(detail, s.proposals.Edit(actor, id, edit));
               return Ok(ProposalDetailJson(detail));
             }),
             Dispatch::kWorker);

  AddStep(router, s, "submit", [&s](const Actor& actor, std::int64_t id, const json& body) -> Result<app::ProposalDetail> {
    MS_ASSIGN(note, OptionalString(body, "note", kTextMax));
    return s.proposals.Submit(actor, id, note.value_or(""));
  });
  // 交办: {lead_unit_id, assisting_unit_ids?, deadline?: YYYY-MM-DD, note?}.
  AddStep(router, s, "assign", [&s](const Actor& actor, std::int64_t id, const json& body) -> Result<app::ProposalDetail> {
    app::AssignInput in;
    MS_ASSIGN(lead, RequiredInt64(body, "lead_unit_id", 1));
    MS_ASSIGN(assisting, OptionalInt64Array(body, "assisting_unit_ids", 20));
    MS_ASSIGN(deadline, OptionalDate(body, "deadline"));
    MS_ASSIGN(note, OptionalString(body, "note", kTextMax));
    in.lead_unit_id = lead;
    in.assisting_unit_ids = std::move(assisting);
    in.deadline = deadline;
    in.note = note.value_or("");
    return s.proposals.Assign(actor, id, in);
  });
  // {stage: before|during|after, method: face_to_face|phone|visit, note}.
  AddStep(router, s, "contacts", [&s](const Actor& actor, std::int64_t id, const json& body) -> Result<app::ProposalDetail> {
    MS_ASSIGN(stage, RequiredString(body, "stage", 10));
    MS_ASSIGN(method, RequiredString(body, "method", 20));
    MS_ASSIGN(note, RequiredString(body, "note", kTextMax));
    return s.proposals.Contact(actor, id, {stage, method, note});
  });
  AddStep(router, s, "opinions", [&s](const Actor& actor, std::int64_t id, const json& body) -> Result<app::ProposalDetail> {
    MS_ASSIGN(content, RequiredString(body, "content", kTextMax));
    return s.proposals.Opinion(actor, id, content);
  });
  // {category: A|B|C, content, follow_up_on?: YYYY-MM-DD (B)}.
  AddStep(router, s, "answer", [&s](const Actor& actor, std::int64_t id, const json& body) -> Result<app::ProposalDetail> {
    MS_ASSIGN(in, ReadAnswer(body));
    return s.proposals.Answer(actor, id, in);
  });
  // {approve: bool, note?} (note required when refused).
  AddStep(router, s, "approve", [&s](const Actor& actor, std::int64_t id, const json& body) -> Result<app::ProposalDetail> {
    MS_ASSIGN(approve, RequiredBool(body, "approve"));
    MS_ASSIGN(note, OptionalString(body, "note", kTextMax));
    return s.proposals.Approve(actor, id, approve, note.value_or(""));
  });
  // {rating: satisfied|basically_satisfied|dissatisfied, note? (required when dissatisfied)}.
  AddStep(router, s, "rate", [&s](const Actor& actor, std::int64_t id, const json& body) -> Result<app::ProposalDetail> {
    MS_ASSIGN(rating, RequiredString(body, "rating", 30));
    MS_ASSIGN(note, OptionalString(body, "note", kTextMax));
    return s.proposals.Rate(actor, id, rating, note.value_or(""));
  });
  // 回头看: {category: A|B|C, content, follow_up_on? (B: the next date)}.
  AddStep(router, s, "follow-up", [&s](const Actor& actor, std::int64_t id, const json& body) -> Result<app::ProposalDetail> {
    MS_ASSIGN(in, ReadAnswer(body));
    return s.proposals.FollowUp(actor, id, in);
  });
}

}  // namespace minsheng::api
