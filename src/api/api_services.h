// What the route files need, built once in cli/serve and passed down (no globals).
#pragma once

#include "api/appeal_json_cache.h"
#include "api/public_metrics_gate.h"
#include "api/rate_limiter.h"
#include "app/appeal_service.h"
#include "app/audit.h"
#include "app/auth_service.h"
#include "app/deputy_record_service.h"
#include "app/evaluation_service.h"
#include "app/field_log_service.h"
#include "app/grid_service.h"
#include "app/deputy_case_service.h"
#include "app/hotspot_service.h"
#include "app/metrics_service.h"
#include "app/proposal_service.h"
#include "app/reception_service.h"
#include "app/reference_service.h"
#include "app/studio_service.h"
// Votes and risk assessments (issue 11, part C).
#include "app/risk_assessment_service.h"
#include "app/vote_service.h"
#include "app/consultation_service.h"  // issue 11, part A
#include "app/wall_service.h"  // issue 12: the message wall
#include "app/bulletin_service.h"  // issue 12: bulletins
#include "app/case_plan_service.h"  // issue 12: the case owner's plan
#include "app/supervision_service.h"  // issue 12: manual supervision and warnings
#include "core/clock.h"

namespace minsheng::api {

struct ApiServices {
  const Clock& clock;
  app::AppealService& appeals;
  app::AuthService& auth;
  app::ReferenceService& reference;
  app::MetricsService& metrics;
  app::AuditService& audit;
  app::GridService& grids;
  app::DeputyRecordService& deputy_records;
  app::DeputyCaseService& deputy_cases;
  RateLimiter& public_submissions;  // per client address
  app::FieldLogService& field_logs;
  app::ReceptionService& receptions;
  RateLimiter& public_bookings;     // per client address, like public_submissions
  app::StudioService& studios;
  app::EvaluationService& evaluations;  // issue 11, public evaluation
  app::ProposalService& proposals;  // issue 11: proposals
  // Votes and risk assessments (issue 11, part C).
  app::VoteService& votes;
  app::RiskAssessmentService& risk_assessments;
  RateLimiter& public_ballots;  // per client address: ballot attempts (guessing codes)
  // Consultations (issue 11, part A).
  app::ConsultationService& consultations;
  RateLimiter& public_comments;     // residents' comments on published outcomes, per client address
  // The message wall (issue 12).
  app::WallService& wall;
  RateLimiter& public_wall_posts;   // residents' posts, per client address
  app::BulletinService& bulletins;  // issue 12: bulletins
  app::CasePlanService& case_plans;  // issue 12: the case owner's plan
  app::SupervisionService& supervision;  // issue 12: manual supervision and warnings
  PublicMetricsGate& public_metrics_gate;  // issue 13: GET /api/v1/public/metrics' cache and rate limit
  AppealJsonCache& appeal_json;            // issue 13: the part of an appeal's detail every reader gets alike
  app::HotspotService& hotspots;           // issue 14: hot-spot warnings
};

}  // namespace minsheng::api
