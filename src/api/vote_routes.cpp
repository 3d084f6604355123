// /api/v1/votes (实事项目投票) for staff and /api/v1/public/votes for residents: the open and closed votes,
// casting a ballot with a voter code (rate-limited per client address like public appeals), the results
// once closed. The JSON never holds a code's owner or a ballot's voter: there is none to show.
#include <nlohmann/json.hpp>

#include "api/appeal_json.h"
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "core/calendar.h"
#include "core/risk_assessment.h"
#include "core/vote.h"

namespace minsheng::api {
namespace {

using app::Actor;
using nlohmann::json;

json OptionsJson(const std::vector<store::VoteOptionRecord>& options) {
  json out = json::array();
  for (const auto& o : options) out.push_back({{"id", o.id}, {"title", o.title}});
  return out;
}

json RiskSummary(const std::optional<store::RiskAssessmentRecord>& risk) {
  if (!risk) return nullptr;
  const RiskStatus status = ParseRiskStatus(risk->status).value_or(RiskStatus::kCollecting);
  return {{"id", risk->id},
          {"status", risk->status},
          {"status_label", RiskStatusLabel(status)},
          {"passed", status == RiskStatus::kPassed}};
}

// A vote as the portal shows it; staff get the code counts and the actions allowed on top.
json VoteJson(const app::VoteView& v, bool staff) {
  json out = {{"id", v.vote.id},
              {"title", v.vote.title},
              {"description", v.vote.description},
              {"region_id", v.vote.region_id},
              {"region_name", v.vote.region_name},
              {"major", v.vote.major},
              {"threshold_label", v.vote.major ? "超过三分之二" : "超过半数"},
              {"max_choices", v.vote.max_choices},
              {"opens_at", FormatTime(v.vote.opens_at)},
              {"closes_at", FormatTime(v.vote.closes_at)},
              {"closed_at", TimeOrNull(v.vote.closed_at)},
              {"status", VoteStatusName(v.status)},
              {"status_label", VoteStatusLabel(v.status)},
              {"options", OptionsJson(v.options)},
              {"risk_assessment", RiskSummary(v.risk)}};
  if (staff) {
    out["codes_issued"] = v.codes.issued;
    out["codes_used"] = v.codes.used;  // the turnout so far (a used code is a ballot cast)
    out["allowed"] = AllowedVoteActions(v.status);
    out["created_at"] = FormatTime(v.vote.created_at);
  }
  return out;
}

json ResultsJson(const app::VoteResults& r) {
  json options = json::array();
  for (const auto& o : r.options)
    options.push_back({{"id", o.option.id}, {"title", o.option.title}, {"votes", o.votes}, {"chosen", o.chosen}});
  return {{"vote_id", r.view.vote.id},
          {"title", r.view.vote.title},
          {"region_name", r.view.vote.region_name},
          {"major", r.view.vote.major},
          {"threshold_label", r.view.vote.major ? "得票超过投票人数的三分之二" : "得票超过投票人数的半数"},
          {"max_choices", r.view.vote.max_choices},
          {"closed_at", TimeOrNull(r.view.vote.closed_at)},
          {"codes_issued", r.view.codes.issued},
          {"turnout", r.turnout},
          {"options", options},
          {"risk_assessment", RiskSummary(r.view.risk)}};
}

Result<app::VoteInput> ReadVoteInput(const json& body) {
  app::VoteInput in;
  MS_ASSIGN(title, RequiredString(body, "title", 200));
  MS_ASSIGN(description, OptionalString(body, "description", 5000));
  MS_ASSIGN(region_id, RequiredInt64(body, "region_id", 1));
  MS_ASSIGN(major, OptionalBool(body, "major"));
  MS_ASSIGN(max_choices, RequiredInt64(body, "max_choices", 1, kMaxVoteOptions));
  in.title = title;
  in.description = description.value_or("");
  in.region_id = region_id;
  in.major = major.value_or(false);
  in.max_choices = static_cast<int>(max_choices);
  if (!body.contains("options") || body["options"].is_null())
    return Fail(Error::Invalid("missing_field", "请列出候选项目", "options"));
  if (!body["options"].is_array()) return Fail(Error::Invalid("wrong_type", "候选项目应为数组", "options"));
  if (body["options"].size() > static_cast<std::size_t>(kMaxVoteOptions))
    return Fail(Error::Invalid("too_long", "候选项目最多 30 个", "options"));
  for (const auto& option : body["options"]) {
    if (!option.is_object()) return Fail(Error::Invalid("wrong_type", "候选项目应为 {title}", "options"));
    auto option_title = RequiredString(option, "title", 200);
    if (!option_title) {
      Error e = std::move(option_title).error();
      e.field = "options.title";
      return Fail(std::move(e));
    }
    in.options.push_back(*option_title);
  }
  MS_ASSIGN(opens_at, OptionalString(body, "opens_at", 40));
  if (opens_at) {
    MS_ASSIGN(t, ParseTimestamp(*opens_at, "opens_at"));
    in.opens_at = t;
  }
  MS_ASSIGN(closes_at, RequiredString(body, "closes_at", 40));
  MS_ASSIGN(closes, ParseTimestamp(closes_at, "closes_at"));
  in.closes_at = closes;
  return in;
}

}  // namespace

void AddVoteRoutes(Router& router, ApiServices& s) {
  router.Add("POST", "/api/v1/votes", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(in, ReadVoteInput(body));
               MS_ASSIGN(view, s.votes.Create(actor, in));
               return Created(VoteJson(view, true));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/votes", Staff(s, [&s](Request&, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(items, s.votes.List(actor));
               json out = json::array();
               for (const auto& v : items) out.push_back(VoteJson(v, true));
               return Ok({{"items", out}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/votes/{id}", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(view, s.votes.Get(actor, id));
               return Ok(VoteJson(view, true));
             }),
             Dispatch::kWorker);

  // {count} → {codes: [...]} for a printed sheet; or {phone} → one code queued to that phone (SMS outbox).
  router.Add("POST", "/api/v1/votes/{id}/voter-codes", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(phone, OptionalString(body, "phone", 20));
               if (phone) {
                 MS_ASSIGN(sms_id, s.votes.SendCode(actor, id, *phone));
                 return Created(
                     {{"vote_id", id}, {"sent_to", MaskPhone(*phone)}, {"outbox_id", sms_id}, {"codes", json::array()}});
               }
               MS_ASSIGN(count, RequiredInt64(body, "count", 1, kMaxVoterCodesPerRequest));
               MS_ASSIGN(issued, s.votes.IssueCodes(actor, id, static_cast<int>(count)));
               return Created({{"vote_id", issued.vote_id}, {"codes", issued.codes}});
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/votes/{id}/close", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(view, s.votes.Close(actor, id));
               return Ok(VoteJson(view, true));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/public/votes", Plain([&s](Request&) -> Result<Response> {
               MS_ASSIGN(items, s.votes.Published());
               json out = json::array();
               for (const auto& v : items) out.push_back(VoteJson(v, false));
               return Ok({{"items", out}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/public/votes/{id}", Plain([&s](Request& req) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(view, s.votes.PublishedOne(id));
               return Ok(VoteJson(view, false));
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/public/votes/{id}/ballots", Plain([&s](Request& req) -> Result<Response> {
               if (!s.public_ballots.Allow(req.remote_address))
                 return Fail(Error{ErrorKind::kRateLimited, "rate_limited", "尝试过于频繁，请稍后再试", "", {}});
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(code, RequiredString(body, "code", 40));
               if (!body.contains("choices") || body["choices"].is_null())
                 return Fail(Error::Invalid("missing_field", "请至少选择一个项目", "choices"));
               MS_ASSIGN(choices, OptionalInt64Array(body, "choices", kMaxVoteOptions + 1));
               MS_TRY(s.votes.Cast(id, code, choices));
               return Created({{"vote_id", id}, {"accepted", true}, {"message", "投票成功，感谢您的参与"}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/public/votes/{id}/results", Plain([&s](Request& req) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(results, s.votes.Results(id));
               return Ok(ResultsJson(results));
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
