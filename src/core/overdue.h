// The deadline that matters in an appeal's current state, and "overdue", defined once (DESIGN.md §2): lists,
// counts, badges, the queue order and the metrics all use this rule (the store writes it as SQL from DuesOf).
//
// | state | the deadline that matters |
// |---|---|
// | dispatched | accepting (else the reply) |
// | accepted | the first contact (else the reply) |
// | in_progress | the reply |
// | replied | the resolution (办结): the callback and the close are due |
// | any other | none: received, returned and reopened wait for a dispatch that sets new deadlines; deliberating, escalated and explaining follow their own steps; closed, merged and rejected are finished |
//
// An appeal is overdue when `now` is past that deadline. A replied appeal's reply deadline was met or missed
// once and for all; it no longer makes the appeal overdue, and a finished appeal is never overdue.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/calendar.h"
#include "core/lifecycle.h"

namespace minsheng {

enum class DueKind { kAccept, kContact, kReply, kResolve };

// "accept_due", "contact_due", "reply_due", "resolve_due": the JSON names of the appeal's deadlines.
std::string_view DueName(DueKind kind);

// The deadlines that bind an appeal in `state`, in order of preference: the first one set is the current one.
// Empty for a state without a deadline.
std::span<const DueKind> DuesOf(AppealState state);

struct AppealDues {
  std::optional<Timestamp> accept, contact, reply, resolve;
};

// The deadline that matters now, or none.
std::optional<Timestamp> CurrentDue(AppealState state, const AppealDues& dues);
// Past the deadline that matters now (strictly: a deadline met at its instant is met).
bool IsOverdue(AppealState state, const AppealDues& dues, Timestamp now);
// Whole calendar days past it (1 from the first second), 0 when not overdue.
int OverdueDays(AppealState state, const AppealDues& dues, Timestamp now);

}  // namespace minsheng
