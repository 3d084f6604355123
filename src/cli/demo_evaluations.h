// The demo's public evaluation (docs/demo.md): a closed round of the year on the district's departments and an
// open evaluation meeting of street s01.
#pragma once

#include "cli/demo_fixture.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/database.h"

namespace minsheng::cli {

// The district's report-and-appraisal of the year of ten departments (the water bureau and the urban management
// bureau left out), scored by the three demo deputies and twelve residents' paper forms and closed a month
// ago; street s01's evaluation meeting on three public services, open, with four residents' forms and no
// deputy's yet.
Status LoadDemoEvaluations(store::Database& db, const LoadedFixture& fixture, Timestamp now);

}  // namespace minsheng::cli
