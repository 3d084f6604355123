// The demo's votes on practical projects (实事项目投票) and stability-risk assessments (稳定风险评估):
// a closed street-wide vote with its results (one project at exactly half of the ballots, so not chosen), a
// closed major vote of 西岭镇 whose risk assessment passed, an open community vote residents can still
// vote in (with unused codes), and an assessment vetoed at exactly two thirds.
#pragma once

#include "cli/demo_fixture.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

// Deterministic, relative to `now`; goes through the use cases (app/vote_service.h,
// app/risk_assessment_service.h) on a clock of its own.
Status LoadDemoVotes(store::Database& db, const LoadedFixture& fixture, Timestamp now);

}  // namespace minsheng::cli
