// Stability-risk assessments of major matters (稳定风险评估, seed 004). Staff of an area (core/access.h
// kManageRiskAssessments) open an assessment of a matter — optionally the major vote it decides — enter the
// surveyed residents' scores (support, satisfaction, confidence, 1–5 each, anonymous), and decide once: the
// matter passes only with more than two thirds supporters (core/risk_assessment.h), else it is vetoed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "core/risk_assessment.h"
#include "store/database.h"
#include "store/vote_repository.h"

namespace minsheng::app {

struct RiskAssessmentInput {
  std::string title;
  std::string description;
  store::Id region_id = 0;
  store::OptId vote_id;  // a major vote in the caller's region
};

// An assessment with its report so far (or as decided).
struct RiskAssessmentView {
  store::RiskAssessmentRecord assessment;
  RiskStatus status = RiskStatus::kCollecting;
  RiskReport report;
  std::string vote_title;  // of vote_id, if any
};

class RiskAssessmentService {
 public:
  RiskAssessmentService(store::Database& db, const Clock& clock);

  Result<RiskAssessmentView> Create(const Actor& actor, const RiskAssessmentInput& input);
  // The caller's region, newest first; status: collecting | passed | vetoed, or all.
  Result<std::vector<RiskAssessmentView>> List(const Actor& actor, const std::optional<std::string>& status);
  // kNotFound for an unknown assessment or one outside the caller's region.
  Result<RiskAssessmentView> Get(const Actor& actor, store::Id id);
  // One respondent's scores (kInvalid out_of_range naming the score); 409 invalid_transition once decided.
  Result<RiskAssessmentView> Respond(const Actor& actor, store::Id id, const RiskResponse& response);
  // Decides on the responses: passed or vetoed, final. 409 invalid_transition once decided, 409 no_responses
  // without any response.
  Result<RiskAssessmentView> Decide(const Actor& actor, store::Id id);

 private:
  Result<RiskAssessmentView> Load(store::Tx& tx, const Actor& actor, store::Id id);

  store::Database& db_;
  const Clock& clock_;
};

}  // namespace minsheng::app
