// Rules of public evaluation (评议会 / 述职测评, seeds 002 and 004): residents and deputies score units on
// a form; a unit's evaluation score, and the yearly table with the bottom ones marked.
//
// ## How an evaluation is scored (评议计分)
//
// A round's form has criteria (e.g. 工作作风、办事效率、服务质量), each scored 1 to 5 points by every
// evaluator for every unit evaluated. One form's score for a unit is its mean points × 20 (0–100; all 5s
// give 100). A unit's score in a round is the deputies' mean and the residents' mean, weighted by the
// round's deputy share (default 0.5); when only one side scored, that side alone. A unit's yearly score
// is the mean of its scores in the year's closed rounds. The ranking score (综合得分) takes it as the
// rate `evaluation` (score ÷ 100) with the weight `evaluation` (default 0.2).
//
// The yearly table ranks the scored units, best first (equal scores share a rank: 1, 2, 2, 4). The
// bottom ones (末位) are the last ⌈10%⌉ of them (at least one when there are two or more), and any unit
// tied with the last of those.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace minsheng {

inline constexpr int kEvaluationMinPoints = 1;
inline constexpr int kEvaluationMaxPoints = 5;
inline constexpr int kEvaluationMaxCriteria = 12;

enum class EvaluatorKind { kDeputy, kResident };
std::string_view EvaluatorKindName(EvaluatorKind kind);   // "deputy"
std::string_view EvaluatorKindLabel(EvaluatorKind kind);  // "代表委员"
Result<EvaluatorKind> ParseEvaluatorKind(std::string_view name);  // field "evaluator"

// A round's kind: an evaluation meeting on a public service (评议会) or a report-and-appraisal of
// departments (述职测评).
enum class EvaluationKind { kMeeting, kReport };
std::string_view EvaluationKindName(EvaluationKind kind);   // "meeting"
std::string_view EvaluationKindLabel(EvaluationKind kind);  // "评议会"
Result<EvaluationKind> ParseEvaluationKind(std::string_view name);  // field "kind"

// One form's score for one unit from its points per criterion (one per criterion, each 1–5): the mean × 20.
// Fails (Invalid "invalid_points", field `field`) when the count differs from `criteria` or a point is out of range.
Result<double> FormScore(const std::vector<int>& points, std::size_t criteria, std::string_view field = "points");

// A unit's score in a round from the means of its deputies' and residents' form scores.
std::optional<double> CombineScores(std::optional<double> deputies, std::optional<double> residents,
                                    double deputy_share);

// How many units of `scored` are marked bottom by default: ⌈10%⌉, at least 1 from 2 units, none for 0 or 1.
int DefaultBottomCount(int scored);

struct EvaluationStanding {
  int rank = 0;         // 1 = best; 0 for a unit without a score
  bool bottom = false;  // 末位
};

// Ranks `scores` (one per unit, nullopt when the unit has none) best first; `bottom` units are marked
// from the end, ties with the last of them marked too. The result is in the order of `scores`.
std::vector<EvaluationStanding> RankEvaluation(const std::vector<std::optional<double>>& scores, int bottom);

}  // namespace minsheng
