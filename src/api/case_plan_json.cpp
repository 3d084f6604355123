#include "api/case_plan_json.h"

#include "api/handler_support.h"
#include "core/case_plan.h"
#include "core/calendar.h"

namespace minsheng::api {

void WriteCasePlan(JsonWriter& w, const app::CasePlan& plan) {
  w.BeginObject().Key("steps").BeginArray();
  for (const auto& s : plan.steps) {
    const auto state = ParseStepState(s.status);
    const auto due = ParseDate(s.due_date);
    const bool overdue = state && due && StepOverdue({.due = *due, .state = *state}, plan.as_of);
    w.BeginObject()
        .Field("id", s.id)
        .Field("position", s.position)
        .Field("title", s.title)
        .Field("unit_id", s.unit_id)
        .Field("unit_name", s.unit_name)
        .Field("due_date", s.due_date)
        .Field("status", s.status)
        .Field("status_label", state ? StepStateLabel(*state) : std::string_view(s.status))
        .Field("overdue", overdue);
    w.Key("done_at");
    if (s.done_at) w.String(FormatTime(*s.done_at));
    else w.Null();
    w.Field("done_by", s.done_by).Field("done_by_name", s.done_by_name).Field("done_note", s.done_note).EndObject();
  }
  w.EndArray()
      .Field("total", plan.progress.total)
      .Field("done", plan.progress.done)
      .Field("overdue", plan.progress.overdue)
      .Field("next_step_id", plan.progress.next_id)
      .EndObject();
}

}  // namespace minsheng::api
