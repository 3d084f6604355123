#include "app/evaluation_service.h"

#include <algorithm>
#include <limits>
#include <set>

#include <nlohmann/json.hpp>

#include "app/region_scope.h"
#include "core/calendar.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;
using store::Tx;

constexpr int kMinYear = 2000;
constexpr int kMaxYear = 2100;
constexpr std::size_t kMaxTargets = 200;
constexpr int kUnranked = std::numeric_limits<int>::max();  // sorts units without a score last

Error RoundNotFound() { return Error::NotFound("评议活动不存在", "id"); }

// A deputy's region and the round's are on one line of the tree: a district round is every deputy's, a
// street round its own deputies' (and the district's).
bool OnOneBranch(const std::string& a, const std::string& b) { return a.starts_with(b) || b.starts_with(a); }

bool MayManage(const Actor& actor, const std::string& round_path) {
  return RoleMayDo(actor.role, Operation::kManageEvaluations) && round_path.starts_with(actor.region_path);
}

bool MaySeeRunningResults(const Actor& actor, const std::string& round_path) {
  return MayManage(actor, round_path) || actor.Is(Role::kLeader) || actor.Is(Role::kSupervisor);
}

std::vector<std::string> ParseCriteria(const std::string& json_text) {
  std::vector<std::string> out;
  auto parsed = nlohmann::json::parse(json_text, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& c : parsed)
    if (c.is_string()) out.push_back(c.get<std::string>());
  return out;
}

Status CheckInput(const EvaluationRoundInput& in) {
  if (in.title.empty()) return Fail(Error::Invalid("missing_field", "请填写评议活动名称", "title"));
  if (in.year < kMinYear || in.year > kMaxYear)
    return Fail(Error::Invalid("out_of_range", "年度应在 2000 到 2100 之间", "year"));
  if (in.criteria.empty() || in.criteria.size() > static_cast<std::size_t>(kEvaluationMaxCriteria))
    return Fail(Error::Invalid("out_of_range", "评议内容应有 1 到 12 项", "criteria"));
  std::set<std::string> seen;
  for (const auto& c : in.criteria) {
    if (c.empty()) return Fail(Error::Invalid("missing_field", "评议内容不能为空", "criteria"));
    if (!seen.insert(c).second) return Fail(Error::Invalid("duplicate_value", "评议内容“" + c + "”重复", "criteria"));
  }
  if (!(in.deputy_share >= 0 && in.deputy_share <= 1))
    return Fail(Error::Invalid("out_of_range", "代表委员评分的权重应在 0 到 1 之间", "deputy_share"));
  if (in.targets.empty() || in.targets.size() > kMaxTargets)
    return Fail(Error::Invalid("out_of_range", "被评议单位应有 1 到 200 个", "targets"));
  return {};
}

// The results of a round from its tallies, in target order, ranked with the default bottom count.
std::vector<EvaluationResult> Results(const std::vector<store::EvaluationTargetRecord>& targets,
                                      const std::vector<store::EvaluationTally>& tallies, double deputy_share) {
  std::vector<EvaluationResult> out;
  for (const auto& t : targets) {
    EvaluationResult r{.target = t};
    for (const auto& tally : tallies) {
      if (tally.target_id != t.id) continue;
      if (tally.evaluator == "deputy") {
        r.deputy_forms = tally.forms;
        r.deputy_mean = tally.mean;
      } else {
        r.resident_forms = tally.forms;
        r.resident_mean = tally.mean;
      }
    }
    r.score = CombineScores(r.deputy_mean, r.resident_mean, deputy_share);
    out.push_back(std::move(r));
  }
  std::vector<std::optional<double>> scores;
  for (const auto& r : out) scores.push_back(r.score);
  const int scored = static_cast<int>(std::count_if(scores.begin(), scores.end(), [](auto& s) { return s.has_value(); }));
  auto standings = RankEvaluation(scores, DefaultBottomCount(scored));
  for (std::size_t i = 0; i < out.size(); ++i) out[i].standing = standings[i];
  return out;
}

// The round as `actor` may see it.
Result<EvaluationRound> Load(Tx& tx, const Actor& actor, store::EvaluationRoundRecord record, bool with_results) {
  EvaluationRound out;
  MS_ASSIGN(region, store::FindRegion(tx, record.region_id));
  out.region_name = region ? region->name : "";
  const std::string path = region ? region->path : "";
  out.criteria = ParseCriteria(record.criteria);
  MS_ASSIGN(targets, store::ListEvaluationTargets(tx, record.id));
  MS_ASSIGN(forms, store::ListEvaluationForms(tx, record.id));
  for (const auto& f : forms) {
    (f.evaluator == "deputy" ? out.deputy_forms : out.resident_forms) += 1;
    if (f.deputy_id && *f.deputy_id == actor.user_id) out.evaluated_by_me = true;
  }
  out.results_visible = with_results && (record.state == "closed" || MaySeeRunningResults(actor, path));
  if (out.results_visible) {
    MS_ASSIGN(tallies, store::TallyEvaluationRound(tx, record.id));
    out.results = Results(targets, tallies, record.deputy_share);
  }
  out.targets = std::move(targets);
  out.round = std::move(record);
  return out;
}

Result<std::pair<store::EvaluationRoundRecord, std::string>> FindRound(Tx& tx, Id id) {
  MS_ASSIGN(found, store::FindEvaluationRound(tx, id));
  if (!found) return Fail(RoundNotFound());
  MS_ASSIGN(region, store::FindRegion(tx, found->region_id));
  return std::pair{std::move(*found), region ? region->path : std::string{}};
}

// The year table from the closed rounds' tallies: one row per department (or named service).
EvaluationTable BuildTable(int year, const std::vector<store::ClosedRoundTally>& tallies, std::optional<int> bottom) {
  struct RoundScore {
    std::optional<double> deputy, resident;
    double share = 0.5;
    std::int64_t forms = 0;
  };
  // unit key → round id → its sides in that round
  std::map<std::string, EvaluationTableRow> rows;
  std::map<std::string, std::map<Id, RoundScore>> rounds;
  for (const auto& t : tallies) {
    const std::string key = t.department_id ? "d" + std::to_string(*t.department_id) : "n" + t.name;
    auto& row = rows[key];
    row.department_id = t.department_id;
    if (row.name.empty()) row.name = t.name;
    auto& r = rounds[key][t.round_id];
    r.share = t.deputy_share;
    r.forms += t.forms;
    (t.evaluator == "deputy" ? r.deputy : r.resident) = t.mean;
  }
  EvaluationTable table{.year = year};
  std::vector<std::optional<double>> scores;
  for (auto& [key, row] : rows) {
    double sum = 0, deputy_sum = 0, resident_sum = 0;
    int deputy_rounds = 0, resident_rounds = 0;
    for (const auto& [round_id, r] : rounds[key]) {
      row.rounds += 1;
      row.forms += r.forms;
      sum += CombineScores(r.deputy, r.resident, r.share).value_or(0);
      if (r.deputy) {
        deputy_sum += *r.deputy;
        ++deputy_rounds;
      }
      if (r.resident) {
        resident_sum += *r.resident;
        ++resident_rounds;
      }
    }
    if (row.rounds > 0) row.score = sum / row.rounds;
    if (deputy_rounds > 0) row.deputy_mean = deputy_sum / deputy_rounds;
    if (resident_rounds > 0) row.resident_mean = resident_sum / resident_rounds;
    scores.push_back(row.score);
    table.rows.push_back(std::move(row));
  }
  const int scored = static_cast<int>(std::count_if(scores.begin(), scores.end(), [](auto& s) { return s.has_value(); }));
  table.bottom = bottom.value_or(DefaultBottomCount(scored));
  auto standings = RankEvaluation(scores, table.bottom);
  for (std::size_t i = 0; i < table.rows.size(); ++i) table.rows[i].standing = standings[i];
  std::stable_sort(table.rows.begin(), table.rows.end(), [](const auto& a, const auto& b) {
    return (a.standing.rank == 0 ? kUnranked : a.standing.rank) < (b.standing.rank == 0 ? kUnranked : b.standing.rank);
  });
  return table;
}

Status CheckYear(int year) {
  if (year < kMinYear || year > kMaxYear) return Fail(Error::Invalid("out_of_range", "年度应在 2000 到 2100 之间", "year"));
  return {};
}

}  // namespace

EvaluationService::EvaluationService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

Result<EvaluationRound> EvaluationService::Create(const Actor& actor, const EvaluationRoundInput& in) {
  MS_TRY(RequireOperation(actor, Operation::kManageEvaluations, "组织评议"));
  MS_TRY(CheckInput(in));
  return WriteValue<EvaluationRound>(db_, [&](Tx& tx) -> Result<EvaluationRound> {
    MS_ASSIGN(region, RegionInScope(tx, actor, in.region_id));
    if (region.level != "district" && region.level != "street")
      return Fail(Error::Invalid("invalid_value", "评议活动应由区或街镇组织", "region_id"));
    store::EvaluationRoundRecord round{.region_id = region.id,
                                       .street_id = region.street_id,
                                       .year = in.year,
                                       .kind = std::string(EvaluationKindName(in.kind)),
                                       .title = in.title,
                                       .criteria = nlohmann::json(in.criteria).dump(),
                                       .deputy_share = in.deputy_share,
                                       .state = "open",
                                       .created_by = actor.user_id,
                                       .created_at = clock_.Now()};
    MS_ASSIGN(id, store::InsertEvaluationRound(tx, round));
    std::set<std::string> names;
    for (std::size_t i = 0; i < in.targets.size(); ++i) {
      const auto& t = in.targets[i];
      const std::string field = "targets[" + std::to_string(i) + "]";
      store::EvaluationTargetRecord target{.round_id = id, .street_id = region.street_id};
      if (t.department_id) {
        MS_ASSIGN(department, store::FindDepartment(tx, *t.department_id));
        if (!department || !department->active)
          return Fail(Error::Invalid("unknown_department", "被评议的部门不存在", field + ".department_id"));
        target.department_id = department->id;
        target.name = department->name;
      } else if (!t.name.empty()) {
        target.name = t.name;
      } else {
        return Fail(Error::Invalid("missing_field", "请选择部门或填写被评议的公共服务", field));
      }
      if (!names.insert(target.name).second)
        return Fail(Error::Invalid("duplicate_value", "“" + target.name + "”重复", field));
      MS_TRY(store::InsertEvaluationTarget(tx, target));
    }
    MS_ASSIGN(stored, store::FindEvaluationRound(tx, id));
    if (!stored) return Fail(Error::Internal("刚写入的评议活动读不到"));
    return Load(tx, actor, std::move(*stored), true);
  });
}

Result<std::vector<EvaluationRound>> EvaluationService::List(const Actor& actor, const EvaluationRoundQuery& q) {
  MS_TRY(RequireOperation(actor, Operation::kReadEvaluations, "查看评议"));
  if (q.year) MS_TRY(CheckYear(*q.year));
  if (q.state && *q.state != "open" && *q.state != "closed")
    return Fail(Error::Invalid("invalid_value", "状态应为 open（进行中）或 closed（已结束）", "state"));
  return ReadValue<std::vector<EvaluationRound>>(db_, [&](Tx& tx) -> Result<std::vector<EvaluationRound>> {
    store::EvaluationRoundFilter filter{.year = q.year, .state = q.state};
    if (q.region_id) {
      MS_ASSIGN(region, store::FindRegion(tx, *q.region_id));
      if (!region) return Fail(Error::Invalid("unknown_region", "区域不存在", "region_id"));
      filter.region_path = region->path;
    }
    MS_ASSIGN(records, store::ListEvaluationRounds(tx, filter));
    std::vector<EvaluationRound> out;
    for (auto& r : records) {
      MS_ASSIGN(round, Load(tx, actor, std::move(r), false));
      out.push_back(std::move(round));
    }
    return out;
  });
}

Result<EvaluationRound> EvaluationService::Get(const Actor& actor, Id id) {
  MS_TRY(RequireOperation(actor, Operation::kReadEvaluations, "查看评议"));
  return ReadValue<EvaluationRound>(db_, [&](Tx& tx) -> Result<EvaluationRound> {
    MS_ASSIGN(found, FindRound(tx, id));
    return Load(tx, actor, std::move(found.first), true);
  });
}

Result<EvaluationRound> EvaluationService::SubmitForm(const Actor& actor, Id id, const EvaluationFormInput& in) {
  const bool deputy = in.evaluator == EvaluatorKind::kDeputy;
  if (deputy && !actor.Is(Role::kDeputy))  // the message the route's guard gives too
    return Fail(Error::Forbidden("只有代表委员可以填写代表评议表"));
  if (!deputy) MS_TRY(RequireOperation(actor, Operation::kManageEvaluations, "组织评议"));
  if (in.scores.empty()) return Fail(Error::Invalid("missing_field", "请至少为一个单位评分", "scores"));
  return WriteValue<EvaluationRound>(db_, [&](Tx& tx) -> Result<EvaluationRound> {
    MS_ASSIGN(found, FindRound(tx, id));
    auto& [round, path] = found;
    if (deputy ? !OnOneBranch(actor.region_path, path) : !MayManage(actor, path))
      return Fail(Error::Forbidden("该评议活动不在您的范围内"));
    if (round.state != "open") return Fail(Error::Conflict("evaluation_closed", "评议活动已结束，不能再提交评议表"));
    const auto criteria = ParseCriteria(round.criteria);
    MS_ASSIGN(targets, store::ListEvaluationTargets(tx, id));
    store::EvaluationFormRecord form{.round_id = id,
                                     .street_id = round.street_id,
                                     .evaluator = std::string(EvaluatorKindName(in.evaluator)),
                                     .deputy_id = deputy ? store::OptId{actor.user_id} : std::nullopt,
                                     .entered_by = actor.user_id,
                                     .created_at = clock_.Now()};
    auto form_id = store::InsertEvaluationForm(tx, form);
    if (!form_id && form_id.error().code == "unique_violation")
      return Fail(Error::Conflict("already_evaluated", "您已提交过本次评议的评议表"));
    if (!form_id) return Fail(form_id.error());
    std::set<Id> scored;
    for (std::size_t i = 0; i < in.scores.size(); ++i) {
      const auto& s = in.scores[i];
      const std::string field = "scores[" + std::to_string(i) + "]";
      if (std::none_of(targets.begin(), targets.end(), [&](const auto& t) { return t.id == s.target_id; }))
        return Fail(Error::Invalid("unknown_target", "被评议单位不属于本次评议", field + ".target_id"));
      if (!scored.insert(s.target_id).second)
        return Fail(Error::Invalid("duplicate_value", "同一单位只能评一次分", field + ".target_id"));
      MS_ASSIGN(score, FormScore(s.points, criteria.size(), field + ".points"));
      std::string points;
      for (int p : s.points) points += (points.empty() ? "" : ",") + std::to_string(p);
      MS_TRY(store::InsertEvaluationScore(
          tx, {.form_id = *form_id, .target_id = s.target_id, .street_id = round.street_id, .points = points, .score = score}));
    }
    return Load(tx, actor, std::move(round), true);
  });
}

Result<EvaluationRound> EvaluationService::Close(const Actor& actor, Id id) {
  MS_TRY(RequireOperation(actor, Operation::kManageEvaluations, "组织评议"));
  return WriteValue<EvaluationRound>(db_, [&](Tx& tx) -> Result<EvaluationRound> {
    MS_ASSIGN(found, FindRound(tx, id));
    auto& [round, path] = found;
    if (!MayManage(actor, path)) return Fail(Error::Forbidden("该评议活动不在您负责的范围内"));
    MS_ASSIGN(closed, store::CloseEvaluationRound(tx, id, clock_.Now()));
    if (!closed) return Fail(Error::Conflict("evaluation_closed", "评议活动已结束"));
    MS_ASSIGN(stored, store::FindEvaluationRound(tx, id));
    if (!stored) return Fail(RoundNotFound());
    return Load(tx, actor, std::move(*stored), true);
  });
}

Result<EvaluationTable> EvaluationService::Table(const Actor& actor, int year, store::OptId region_id,
                                                 std::optional<int> bottom) {
  MS_TRY(RequireOperation(actor, Operation::kReadEvaluations, "查看评议"));
  MS_TRY(CheckYear(year));
  if (bottom && (*bottom < 0 || *bottom > static_cast<int>(kMaxTargets)))
    return Fail(Error::Invalid("out_of_range", "末位数应在 0 到 200 之间", "bottom"));
  return ReadValue<EvaluationTable>(db_, [&](Tx& tx) -> Result<EvaluationTable> {
    std::optional<std::string> path;
    if (region_id) {
      MS_ASSIGN(region, store::FindRegion(tx, *region_id));
      if (!region) return Fail(Error::Invalid("unknown_region", "区域不存在", "region_id"));
      path = region->path;
    }
    MS_ASSIGN(tallies, store::TallyClosedRounds(tx, year, year, path));
    return BuildTable(year, tallies, bottom);
  });
}

Result<EvaluationTable> EvaluationService::PublicTable(int year) {
  MS_TRY(CheckYear(year));
  return ReadValue<EvaluationTable>(db_, [&](Tx& tx) -> Result<EvaluationTable> {
    MS_ASSIGN(tallies, store::TallyClosedRounds(tx, year, year, std::nullopt));
    return BuildTable(year, tallies, std::nullopt);
  });
}

Result<std::map<Id, double>> DepartmentEvaluationScores(Tx& tx, int from_year, int to_year) {
  MS_ASSIGN(tallies, store::TallyClosedRounds(tx, from_year, to_year, std::nullopt));
  std::map<Id, double> out;
  for (const auto& row : BuildTable(from_year, tallies, 0).rows)
    if (row.department_id && row.score) out[*row.department_id] = *row.score;
  return out;
}

}  // namespace minsheng::app
