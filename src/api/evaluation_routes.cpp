// /api/v1/evaluations: public evaluation rounds (评议会 / 述职测评), their forms and results, the yearly
// table; /api/v1/public/evaluations/table: the yearly table of closed rounds, for everyone.
#include <cmath>

#include <nlohmann/json.hpp>

#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "core/calendar.h"

namespace minsheng::api {
namespace {

using app::Actor;
using nlohmann::json;

constexpr std::size_t kMaxCriterionLength = 30;

json Number(const std::optional<double>& v) {
  if (!v) return nullptr;
  return std::round(*v * 100) / 100;  // two decimals: a score of 0–100
}

json TargetJson(const store::EvaluationTargetRecord& t) {
  return {{"id", t.id}, {"department_id", IdOrNull(t.department_id)}, {"name", t.name}};
}

json StandingJson(const EvaluationStanding& s) {
  return {{"rank", s.rank == 0 ? json(nullptr) : json(s.rank)}, {"bottom", s.bottom}};
}

json RoundJson(const app::EvaluationRound& r) {
  const auto& round = r.round;
  auto kind = ParseEvaluationKind(round.kind);
  json out = {{"id", round.id},
              {"title", round.title},
              {"year", round.year},
              {"kind", round.kind},
              {"kind_label", kind ? EvaluationKindLabel(*kind) : ""},
              {"region_id", round.region_id},
              {"region_name", r.region_name},
              {"criteria", r.criteria},
              {"deputy_share", round.deputy_share},
              {"state", round.state},
              {"state_label", round.state == "open" ? "进行中" : "已结束"},
              {"created_at", FormatTime(round.created_at)},
              {"closed_at", TimeOrNull(round.closed_at)},
              {"deputy_forms", r.deputy_forms},
              {"resident_forms", r.resident_forms},
              {"evaluated_by_me", r.evaluated_by_me},
              {"results_visible", r.results_visible}};
  json targets = json::array();
  for (const auto& t : r.targets) targets.push_back(TargetJson(t));
  out["targets"] = targets;
  json results = json::array();
  for (const auto& x : r.results) {
    results.push_back({{"target_id", x.target.id},
                       {"department_id", IdOrNull(x.target.department_id)},
                       {"name", x.target.name},
                       {"deputy_forms", x.deputy_forms},
                       {"resident_forms", x.resident_forms},
                       {"deputy_mean", Number(x.deputy_mean)},
                       {"resident_mean", Number(x.resident_mean)},
                       {"score", Number(x.score)},
                       {"standing", StandingJson(x.standing)}});
  }
  out["results"] = results;
  return out;
}

json TableJson(const app::EvaluationTable& t) {
  json rows = json::array();
  for (const auto& row : t.rows) {
    rows.push_back({{"department_id", IdOrNull(row.department_id)},
                    {"name", row.name},
                    {"rounds", row.rounds},
                    {"forms", row.forms},
                    {"deputy_mean", Number(row.deputy_mean)},
                    {"resident_mean", Number(row.resident_mean)},
                    {"score", Number(row.score)},
                    {"rank", row.standing.rank == 0 ? json(nullptr) : json(row.standing.rank)},
                    {"bottom", row.standing.bottom}});
  }
  return {{"year", t.year}, {"bottom", t.bottom}, {"rows", rows}};
}

// An array field of `object`: missing or null → empty; not an array → wrong_type; more than `max_items` → too_long.
Result<json> OptionalArray(const json& object, const std::string& field, std::size_t max_items) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return json::array();
  if (!it->is_array()) return Fail(Error::Invalid("wrong_type", "应为数组", field));
  if (it->size() > max_items)
    return Fail(Error::Invalid("too_long", "最多 " + std::to_string(max_items) + " 项", field));
  return *it;
}

Result<std::vector<std::string>> ReadCriteria(const json& body) {
  MS_ASSIGN(items, OptionalArray(body, "criteria", kEvaluationMaxCriteria));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string field = "criteria[" + std::to_string(i) + "]";
    if (!items[i].is_string()) return Fail(Error::Invalid("wrong_type", "评议内容应为文字", field));
    const std::string text(TrimSpace(items[i].get<std::string>()));
    MS_TRY(CheckPrintable(text, field));
    if (Utf8Length(text) > kMaxCriterionLength)
      return Fail(Error::Invalid("too_long", "每项评议内容最多 30 个字", field));
    out.push_back(text);
  }
  return out;
}

Result<app::EvaluationRoundInput> ReadRoundInput(const json& body) {
  app::EvaluationRoundInput in;
  MS_ASSIGN(title, RequiredString(body, "title", 100));
  MS_ASSIGN(year, RequiredInt64(body, "year", 2000, 2100));
  MS_ASSIGN(kind_name, OptionalString(body, "kind", 20));
  MS_ASSIGN(region_id, RequiredInt64(body, "region_id", 1));
  MS_ASSIGN(criteria, ReadCriteria(body));
  in.title = title;
  in.year = static_cast<int>(year);
  if (kind_name) {
    MS_ASSIGN(kind, ParseEvaluationKind(*kind_name));
    in.kind = kind;
  }
  in.region_id = region_id;
  in.criteria = std::move(criteria);
  if (auto it = body.find("deputy_share"); it != body.end() && !it->is_null()) {
    if (!it->is_number() || !std::isfinite(it->get<double>()))
      return Fail(Error::Invalid("wrong_type", "代表委员评分的权重应为 0 到 1 之间的数", "deputy_share"));
    in.deputy_share = it->get<double>();
  }
  MS_ASSIGN(targets, OptionalArray(body, "targets", 200));
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const std::string field = "targets[" + std::to_string(i) + "]";
    if (!targets[i].is_object()) return Fail(Error::Invalid("wrong_type", "被评议单位应为对象", field));
    MS_ASSIGN(department_id, OptionalInt64(targets[i], "department_id", 1));
    MS_ASSIGN(name, OptionalString(targets[i], "name", 100));
    if (!department_id && !name)
      return Fail(Error::Invalid("missing_field", "请选择部门或填写被评议的公共服务", field));
    in.targets.push_back({.department_id = department_id, .name = name.value_or("")});
  }
  return in;
}

Result<app::EvaluationFormInput> ReadFormInput(const json& body, EvaluatorKind evaluator) {
  app::EvaluationFormInput in;
  in.evaluator = evaluator;
  MS_ASSIGN(scores, OptionalArray(body, "scores", 200));
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const std::string field = "scores[" + std::to_string(i) + "]";
    if (!scores[i].is_object()) return Fail(Error::Invalid("wrong_type", "评分应为对象", field));
    MS_ASSIGN(target_id, RequiredInt64(scores[i], "target_id", 1));
    MS_ASSIGN(points_json, OptionalArray(scores[i], "points", kEvaluationMaxCriteria));
    app::EvaluationScoreInput score{.target_id = target_id};
    for (const auto& p : points_json) {
      if (!p.is_number_integer()) return Fail(Error::Invalid("wrong_type", "评分应为 1 到 5 的整数", field + ".points"));
      const auto v = p.get<std::int64_t>();
      score.points.push_back(v < 0 || v > 100 ? -1 : static_cast<int>(v));
    }
    in.scores.push_back(std::move(score));
  }
  return in;
}

int ThisYear(const Clock& clock) { return static_cast<int>(std::chrono::year_month_day(LocalDay(clock.Now())).year()); }

}  // namespace

void AddEvaluationRoutes(Router& router, ApiServices& s) {
  // {title, year, kind?: meeting|report, region_id, criteria: [..], deputy_share?, targets: [{department_id}|{name}]}
  router.Add("POST", "/api/v1/evaluations", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(in, ReadRoundInput(body));
               MS_ASSIGN(round, s.evaluations.Create(actor, in));
               return Created(RoundJson(round));
             }),
             Dispatch::kWorker);

  // ?year=&region_id=&state=open|closed
  router.Add("GET", "/api/v1/evaluations", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               app::EvaluationRoundQuery q;
               MS_ASSIGN(year, QueryInt64(req, "year", 0, 0, 2100));
               if (year != 0) q.year = static_cast<int>(year);
               MS_ASSIGN(region_id, QueryId(req, "region_id"));
               q.region_id = region_id;
               MS_ASSIGN(state, QueryString(req, "state", 20));
               q.state = state;
               MS_ASSIGN(rounds, s.evaluations.List(actor, q));
               json items = json::array();
               for (const auto& r : rounds) items.push_back(RoundJson(r));
               return Ok({{"items", items}});
             }),
             Dispatch::kWorker);

  // ?year= (default: this year) &region_id= &bottom= (how many to mark; default ⌈10%⌉)
  router.Add("GET", "/api/v1/evaluations/table", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(year, QueryInt64(req, "year", ThisYear(s.clock), 2000, 2100));
               MS_ASSIGN(region_id, QueryId(req, "region_id"));
               MS_ASSIGN(bottom, QueryInt64(req, "bottom", -1, 0, 200));
               MS_ASSIGN(table, s.evaluations.Table(actor, static_cast<int>(year), region_id,
                                                    bottom < 0 ? std::nullopt : std::optional<int>(bottom)));
               return Ok(TableJson(table));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/evaluations/{id}", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(round, s.evaluations.Get(actor, id));
               return Ok(RoundJson(round));
             }),
             Dispatch::kWorker);

  // A deputy's own form, and a resident's paper form entered by the round's managers:
  // {scores: [{target_id, points: [1–5 per criterion]}]}.
  for (const auto& form : {std::pair{"/api/v1/evaluations/{id}/forms", EvaluatorKind::kDeputy},
                           std::pair{"/api/v1/evaluations/{id}/resident-forms", EvaluatorKind::kResident}}) {
    const EvaluatorKind evaluator = form.second;
    router.Add("POST", form.first, Staff(s, [&s, evaluator](Request& req, const Actor& actor) -> Result<Response> {
                 MS_ASSIGN(id, PathId(req));
                 MS_ASSIGN(body, ParseJsonObject(req.body));
                 MS_ASSIGN(in, ReadFormInput(body, evaluator));
                 MS_ASSIGN(round, s.evaluations.SubmitForm(actor, id, in));
                 return Created(RoundJson(round));
               }),
               Dispatch::kWorker);
  }

  router.Add("POST", "/api/v1/evaluations/{id}/close", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(round, s.evaluations.Close(actor, id));
               return Ok(RoundJson(round));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/public/evaluations/table", Plain([&s](Request& req) -> Result<Response> {
               MS_ASSIGN(year, QueryInt64(req, "year", ThisYear(s.clock), 2000, 2100));
               MS_ASSIGN(table, s.evaluations.PublicTable(static_cast<int>(year)));
               return Ok(TableJson(table));
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
