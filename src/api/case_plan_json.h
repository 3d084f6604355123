// JSON of the case owner's plan (issue 12): on the appeal detail (staff only), in the plan routes' answers
// and in a leader's "我包的案" queue.
#pragma once

#include <chrono>

#include "api/json_writer.h"
#include "app/case_plan_service.h"

namespace minsheng::api {

// {"steps": [{id, position, title, unit_id, unit_name, due_date, status, status_label, overdue, done_at,
// done_by, done_by_name, done_note}], "total", "done", "overdue", "next_step_id"}, overdue as of plan.as_of.
void WriteCasePlan(JsonWriter& w, const app::CasePlan& plan);

}  // namespace minsheng::api
