// Each resource registers its routes in its own file (Drogon style); cli/serve calls these.
#pragma once

#include "api/api_services.h"
#include "api/router.h"

namespace minsheng::api {

void AddAuthRoutes(Router& router, ApiServices& services);
void AddAppealRoutes(Router& router, ApiServices& services);
void AddReferenceRoutes(Router& router, ApiServices& services);
void AddMetricsRoutes(Router& router, ApiServices& services);
void AddPublicRoutes(Router& router, ApiServices& services);
void AddAuditRoutes(Router& router, ApiServices& services);
void AddGridRoutes(Router& router, ApiServices& services);
void AddDeputyRecordRoutes(Router& router, ApiServices& services);
void AddFieldLogRoutes(Router& router, ApiServices& services);
void AddReceptionRoutes(Router& router, ApiServices& services);
// Following a case (issue 10): deputy contacts and opinions, assistants, the deputies' figures.
void AddDeputyCaseRoutes(Router& router, ApiServices& services);
void AddStudioRoutes(Router& router, ApiServices& services);
// Public evaluation (issue 11): rounds, forms, results, the yearly table.
void AddEvaluationRoutes(Router& router, ApiServices& services);
// Proposals (issue 11): /api/v1/proposals and its steps and figures.
void AddProposalRoutes(Router& router, ApiServices& services);
// Votes on practical projects and risk assessments (issue 11, part C).
void AddVoteRoutes(Router& router, ApiServices& services);
void AddRiskAssessmentRoutes(Router& router, ApiServices& services);
// Consultations (issue 11, part A): /api/v1/consultations and /api/v1/public/consultations.
void AddConsultationRoutes(Router& router, ApiServices& services);
// The message wall (issue 12): /api/v1/public/wall and /api/v1/wall.
void AddWallRoutes(Router& router, ApiServices& services);
// Issue 12, assisting units and reviewed replies: opinions, their waiver, reply review, the department setting.
void AddOpinionReviewRoutes(Router& router, ApiServices& services);
// Issue 12, bulletins: /api/v1/bulletins (publish, preview, staff list) and /api/v1/public/bulletins.
void AddBulletinRoutes(Router& router, ApiServices& services);
// Issue 12, the case owner's plan: /api/v1/appeals/{id}/plan, /api/v1/owned-cases, /api/v1/leaders/{id}/streets.
void AddCasePlanRoutes(Router& router, ApiServices& services);
// Issue 12, manual supervision and warnings: /api/v1/supervision, …/inspections, /api/v1/notices.
void AddSupervisionRoutes(Router& router, ApiServices& services);

// Issue 14: GET /api/v1/hotspots.
void AddHotspotRoutes(Router& router, ApiServices& services);

// All of the above plus GET /api/v1/health.
void AddAllRoutes(Router& router, ApiServices& services);

}  // namespace minsheng::api
