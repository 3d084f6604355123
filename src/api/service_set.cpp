#include "api/service_set.h"

namespace minsheng::api {

ServiceSet::ServiceSet(store::Database& db, const Clock& clock, int public_submissions_per_minute,
                       PublicMetricsOptions public_metrics)
    : db_(db),
      appeals_(db, clock, calendar_),
      auth_(db, clock),
      reference_(db, clock, calendar_),
      metrics_(db, clock),
      audit_(db, clock),
      studios_(db, clock, calendar_),
      grids_(db, clock),
      deputy_records_(db, clock, studios_),
      deputy_cases_(db, clock),
      public_submissions_(public_submissions_per_minute, std::chrono::seconds(60)),
      field_logs_(db, clock, appeals_),
      receptions_(db, clock, field_logs_),
      public_bookings_(public_submissions_per_minute, std::chrono::seconds(60)),
      evaluations_(db, clock),  // issue 11, public evaluation
      proposals_(db, clock),    // issue 11: proposals
      votes_(db, clock),        // issue 11: votes and risk assessments
      risk_assessments_(db, clock),
      public_ballots_(public_submissions_per_minute * kBallotsPerSubmission, std::chrono::seconds(60)),
      consultations_(db, clock, appeals_),  // issue 11: consultations
      public_comments_(public_submissions_per_minute, std::chrono::seconds(60)),
      wall_(db, clock, calendar_, appeals_),  // issue 12: the message wall
      public_wall_posts_(public_submissions_per_minute, std::chrono::seconds(60)),
      bulletins_(db, clock),                 // issue 12: bulletins
      case_plans_(db, clock),                // issue 12: the case owner's plan
      supervision_(db, clock),               // issue 12: manual supervision and warnings
      public_metrics_gate_(public_metrics),  // issue 13: the public numbers' cache and rate limit
      hotspots_(db, clock),
      api_{clock,
           appeals_,
           auth_,
           reference_,
           metrics_,
           audit_,
           grids_,
           deputy_records_,
           deputy_cases_,
           public_submissions_,
           field_logs_,
           receptions_,
           public_bookings_,
           studios_,
           evaluations_,
           proposals_,
           votes_,
           risk_assessments_,
           public_ballots_,
           consultations_,
           public_comments_,
           wall_,
           public_wall_posts_,
           bulletins_,
           case_plans_,
           supervision_,
           public_metrics_gate_,
           appeal_json_,
           hotspots_} {}

Status ServiceSet::LoadCalendar() { return calendar_.Reload(db_); }

}  // namespace minsheng::api
