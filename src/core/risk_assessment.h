// Rules of the stability-risk assessment of a major matter (稳定风险评估, seed 004): a survey of the affected
// residents scores support, satisfaction and confidence on a 5-point scale; the matter goes ahead only when
// MORE than two thirds of the respondents support it (2/3以上群众认可是硬性指标), and is vetoed otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace minsheng {

inline constexpr int kMinScore = 1;
inline constexpr int kMaxScore = 5;
// A respondent supports the matter when their support score is at least this (4 or 5).
inline constexpr int kSupportingScore = 4;

struct RiskResponse {
  int support = 0;
  int satisfaction = 0;
  int confidence = 0;
};

// kInvalid "out_of_range" naming the first score outside 1..5 ("support", "satisfaction", "confidence").
Status CheckRiskResponse(const RiskResponse& response);

// The report of a survey: the three means, the supporters against the 2/3 bar, the decision.
struct RiskReport {
  std::int64_t respondents = 0;
  std::int64_t supporters = 0;      // support score 4 or 5
  double support_share = 0;         // supporters / respondents (0 without respondents)
  double mean_support = 0;
  double mean_satisfaction = 0;
  double mean_confidence = 0;
  bool passed = false;              // PassesTwoThirds(supporters, respondents)
};
RiskReport ReportOf(const std::vector<RiskResponse>& responses);

// The hard bar: more than two thirds, in exact integers: 3 * supporters > 2 * respondents. Exactly 2/3
// (e.g. 6 of 9) does not pass; no respondent never passes.
bool PassesTwoThirds(std::int64_t supporters, std::int64_t respondents);

// Where an assessment stands: collecting responses, then decided once: passed or vetoed.
enum class RiskStatus { kCollecting, kPassed, kVetoed };
std::string_view RiskStatusName(RiskStatus status);   // "collecting", "passed", "vetoed"
std::string_view RiskStatusLabel(RiskStatus status);  // "调查中", "通过", "否决"
// nullopt for an unknown name.
std::optional<RiskStatus> ParseRiskStatus(std::string_view name);
// What may be done now: while collecting "respond" and "decide"; nothing once decided (a decision is final).
std::vector<std::string> AllowedRiskActions(RiskStatus status);

}  // namespace minsheng
