#include "core/risk_assessment.h"

#include <string>
#include <utility>

namespace minsheng {

Status CheckRiskResponse(const RiskResponse& r) {
  const std::pair<int, std::string_view> scores[] = {
      {r.support, "support"}, {r.satisfaction, "satisfaction"}, {r.confidence, "confidence"}};
  for (const auto& [score, field] : scores)
    if (score < kMinScore || score > kMaxScore)
      return Fail(Error::Invalid("out_of_range", "评分应为 1 到 5 的整数", std::string(field)));
  return {};
}

bool PassesTwoThirds(std::int64_t supporters, std::int64_t respondents) {
  return respondents > 0 && 3 * supporters > 2 * respondents;
}

RiskReport ReportOf(const std::vector<RiskResponse>& responses) {
  RiskReport out;
  out.respondents = static_cast<std::int64_t>(responses.size());
  std::int64_t support = 0, satisfaction = 0, confidence = 0;
  for (const auto& r : responses) {
    support += r.support;
    satisfaction += r.satisfaction;
    confidence += r.confidence;
    if (r.support >= kSupportingScore) ++out.supporters;
  }
  if (out.respondents > 0) {
    const double n = static_cast<double>(out.respondents);
    out.support_share = static_cast<double>(out.supporters) / n;
    out.mean_support = static_cast<double>(support) / n;
    out.mean_satisfaction = static_cast<double>(satisfaction) / n;
    out.mean_confidence = static_cast<double>(confidence) / n;
  }
  out.passed = PassesTwoThirds(out.supporters, out.respondents);
  return out;
}

std::string_view RiskStatusName(RiskStatus status) {
  switch (status) {
    case RiskStatus::kCollecting: return "collecting";
    case RiskStatus::kPassed: return "passed";
    case RiskStatus::kVetoed: return "vetoed";
  }
  return "?";
}

std::string_view RiskStatusLabel(RiskStatus status) {
  switch (status) {
    case RiskStatus::kCollecting: return "调查中";
    case RiskStatus::kPassed: return "通过";
    case RiskStatus::kVetoed: return "否决";
  }
  return "?";
}

std::optional<RiskStatus> ParseRiskStatus(std::string_view name) {
  for (RiskStatus s : {RiskStatus::kCollecting, RiskStatus::kPassed, RiskStatus::kVetoed})
    if (RiskStatusName(s) == name) return s;
  return std::nullopt;
}

std::vector<std::string> AllowedRiskActions(RiskStatus status) {
  if (status == RiskStatus::kCollecting) return {"respond", "decide"};
  return {};
}

}  // namespace minsheng
