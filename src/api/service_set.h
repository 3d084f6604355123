// Every service the routes need, built over one database and one clock: `minsheng serve`, the tests and
// the fuzz harnesses build the server's routes the same way (AddAllRoutes(router, set.api())).
#pragma once

#include "api/api_services.h"
#include "api/public_metrics_gate.h"
#include "api/rate_limiter.h"
#include "app/appeal_service.h"
#include "app/audit.h"
#include "app/auth_service.h"
#include "app/field_log_service.h"
#include "app/calendar_cache.h"
#include "app/deputy_record_service.h"
#include "app/evaluation_service.h"
#include "app/grid_service.h"
#include "app/deputy_case_service.h"
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
#include "store/database.h"

namespace minsheng::api {

class ServiceSet {
 public:
  // `db` and `clock` must outlive the set. Public submissions are limited per client address to
  // `public_submissions_per_minute`, and so are public bookings of reception slots (separately). Ballot
  // attempts get kBallotsPerSubmission times as many: residents of a studio vote one after another from its
  // one terminal, while a guesser of 10-character codes is still hopeless.
  static constexpr int kBallotsPerSubmission = 6;
  // Issue 13: `public_metrics` sets GET /api/v1/public/metrics' cache and per-address limit.
  ServiceSet(store::Database& db, const Clock& clock, int public_submissions_per_minute = 5,
             PublicMetricsOptions public_metrics = {});
  ServiceSet(const ServiceSet&) = delete;
  ServiceSet& operator=(const ServiceSet&) = delete;

  // Loads the working-day calendar from the database; call once before serving.
  Status LoadCalendar();

  ApiServices& api() { return api_; }
  app::AppealService& appeals() { return appeals_; }
  app::AuthService& auth() { return auth_; }
  app::BulletinService& bulletins() { return bulletins_; }  // issue 12: serve sets how prints are made
  app::ReferenceService& reference() { return reference_; }

 private:
  store::Database& db_;
  app::CalendarCache calendar_;
  app::AppealService appeals_;
  app::AuthService auth_;
  app::ReferenceService reference_;
  app::MetricsService metrics_;
  app::AuditService audit_;
  app::StudioService studios_;
  app::GridService grids_;
  app::DeputyRecordService deputy_records_;
  app::DeputyCaseService deputy_cases_;
  RateLimiter public_submissions_;
  app::FieldLogService field_logs_;
  app::ReceptionService receptions_;
  RateLimiter public_bookings_;
  app::EvaluationService evaluations_;  // issue 11, public evaluation
  app::ProposalService proposals_;  // issue 11: proposals
  // Votes and risk assessments (issue 11, part C).
  app::VoteService votes_;
  app::RiskAssessmentService risk_assessments_;
  RateLimiter public_ballots_;
  // Consultations (issue 11, part A).
  app::ConsultationService consultations_;
  RateLimiter public_comments_;
  // The message wall (issue 12).
  app::WallService wall_;
  RateLimiter public_wall_posts_;
  app::BulletinService bulletins_;  // issue 12: bulletins
  app::CasePlanService case_plans_;  // issue 12: the case owner's plan
  app::SupervisionService supervision_;  // issue 12: manual supervision and warnings
  PublicMetricsGate public_metrics_gate_;  // issue 13: the public numbers' cache and rate limit
  AppealJsonCache appeal_json_;            // issue 13: the part of an appeal's detail every reader gets alike
  app::HotspotService hotspots_;           // issue 14: hot-spot warnings
  ApiServices api_;
};

}  // namespace minsheng::api
