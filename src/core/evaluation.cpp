#include "core/evaluation.h"

#include <algorithm>
#include <array>
#include <numeric>

namespace minsheng {
namespace {

template <typename E>
struct NamedValue {
  E value;
  std::string_view name;
  std::string_view label;
};

constexpr std::array<NamedValue<EvaluatorKind>, 2> kEvaluators = {{
    {EvaluatorKind::kDeputy, "deputy", "代表委员"},
    {EvaluatorKind::kResident, "resident", "群众代表"},
}};

constexpr std::array<NamedValue<EvaluationKind>, 2> kKinds = {{
    {EvaluationKind::kMeeting, "meeting", "评议会"},
    {EvaluationKind::kReport, "report", "述职测评"},
}};

template <typename E, std::size_t N>
const NamedValue<E>& Find(const std::array<NamedValue<E>, N>& table, E value) {
  for (const auto& i : table)
    if (i.value == value) return i;
  return table[0];
}

template <typename E, std::size_t N>
Result<E> Parse(const std::array<NamedValue<E>, N>& table, std::string_view name, std::string_view field) {
  std::string allowed;
  for (const auto& i : table) {
    if (i.name == name) return i.value;
    allowed += (allowed.empty() ? "" : "、") + std::string(i.name);
  }
  return Fail(Error::Invalid("invalid_value", "未知的取值“" + std::string(name) + "”（可选 " + allowed + "）",
                             std::string(field)));
}

}  // namespace

std::string_view EvaluatorKindName(EvaluatorKind kind) { return Find(kEvaluators, kind).name; }
std::string_view EvaluatorKindLabel(EvaluatorKind kind) { return Find(kEvaluators, kind).label; }
Result<EvaluatorKind> ParseEvaluatorKind(std::string_view name) { return Parse(kEvaluators, name, "evaluator"); }

std::string_view EvaluationKindName(EvaluationKind kind) { return Find(kKinds, kind).name; }
std::string_view EvaluationKindLabel(EvaluationKind kind) { return Find(kKinds, kind).label; }
Result<EvaluationKind> ParseEvaluationKind(std::string_view name) { return Parse(kKinds, name, "kind"); }

Result<double> FormScore(const std::vector<int>& points, std::size_t criteria, std::string_view field) {
  if (points.size() != criteria || criteria == 0)
    return Fail(Error::Invalid("invalid_points",
                               "每个被评单位应按 " + std::to_string(criteria) + " 项评议内容各打一个分",
                               std::string(field)));
  for (int p : points)
    if (p < kEvaluationMinPoints || p > kEvaluationMaxPoints)
      return Fail(Error::Invalid("invalid_points", "评分应为 1 到 5 分", std::string(field)));
  const double sum = std::accumulate(points.begin(), points.end(), 0.0);
  return sum / static_cast<double>(points.size()) * (100.0 / kEvaluationMaxPoints);
}

std::optional<double> CombineScores(std::optional<double> deputies, std::optional<double> residents,
                                    double deputy_share) {
  if (!deputies) return residents;
  if (!residents) return deputies;
  const double share = std::clamp(deputy_share, 0.0, 1.0);
  return *deputies * share + *residents * (1 - share);
}

int DefaultBottomCount(int scored) {
  if (scored < 2) return 0;
  return std::max(1, (scored + 9) / 10);
}

std::vector<EvaluationStanding> RankEvaluation(const std::vector<std::optional<double>>& scores, int bottom) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < scores.size(); ++i)
    if (scores[i]) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return *scores[a] > *scores[b]; });

  std::vector<EvaluationStanding> out(scores.size());
  for (std::size_t pos = 0; pos < order.size(); ++pos) {
    const bool tied = pos > 0 && *scores[order[pos]] == *scores[order[pos - 1]];
    out[order[pos]].rank = tied ? out[order[pos - 1]].rank : static_cast<int>(pos) + 1;
  }
  const int marked = std::clamp(bottom, 0, static_cast<int>(order.size()));
  if (marked > 0) {
    const double edge = *scores[order[order.size() - static_cast<std::size_t>(marked)]];
    for (std::size_t i : order) out[i].bottom = *scores[i] <= edge;
  }
  return out;
}

}  // namespace minsheng
