#include "app/deadline_sweep.h"

#include <nlohmann/json.hpp>

#include "app/case_owner.h"  // issue 12: the case owner's plan
#include "app/studio_service.h"
#include "app/supervision_service.h"  // issue 12: warnings
#include "app/wall_service.h"  // issue 12: the message wall
#include "core/calendar.h"
#include "core/lifecycle.h"
#include "core/supervision.h"
#include "store/appeal_repository.h"
#include "store/job_lease_repository.h"
#include "store/opinion_repository.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

constexpr int kBatch = 200;

// The unit is still working on it: the reply and resolve deadlines are theirs.
bool WithUnit(const std::string& status) {
  return status == "dispatched" || status == "accepted" || status == "in_progress";
}

std::string DueText(Timestamp due) { return FormatDate(LocalDay(due - 1)); }

// The working-day calendar as stored now (the sweep runs outside the servers' calendar cache).
Result<WorkCalendar> LoadCalendar(store::Database& db) {
  WorkCalendar calendar;
  MS_TRY(db.Read([&](store::Tx& tx) -> Status {
    MS_ASSIGN(days, store::ListCalendarDays(tx));
    for (const auto& d : days) {
      MS_ASSIGN(day, ParseDate(d.day));
      calendar.Set(CalendarDay{day, d.kind == "workday" ? DayKind::kWorkday : DayKind::kHoliday, d.name});
    }
    return {};
  }));
  return calendar;
}

// Issues the notices one appeal is owed; returns whether anything changed.
Result<SweepReport> SweepOne(store::Tx& tx, store::AppealRecord a, Timestamp now) {
  SweepReport report;
  if (!WithUnit(a.status)) return report;
  const std::int64_t version = a.version;
  auto notify = [&](const char* kind, Timestamp deadline, std::string note,
                    store::OptId unit = std::nullopt) -> Status {
    if (!unit) unit = a.lead_unit_id;
    store::NoticeRecord n{.appeal_id = a.id, .unit_id = unit, .kind = kind, .deadline = deadline,
                          .issued_at = now, .note = note};
    MS_ASSIGN(inserted, store::InsertNoticeIfAbsent(tx, n, a.street_id));
    if (!inserted) return {};
    ++report.notices_issued;
    nlohmann::json data{{"kind", kind}, {"deadline", deadline}};
    if (unit != a.lead_unit_id && unit) data["unit_id"] = *unit;  // to an assisting unit
    store::EventRecord e{.appeal_id = a.id, .at = now, .actor_label = "系统", .action = "supervision_notice",
                         .from_status = a.status, .to_status = a.status, .note = std::move(note),
                         .data = data.dump()};
    MS_TRY(store::AppendEvent(tx, e, a.street_id));
    return {};
  };
  if (a.reply_due && *a.reply_due < now && !a.replied_at)
    MS_TRY(notify("reply_overdue", *a.reply_due, "已超过答复期限（" + DueText(*a.reply_due) + "），请尽快答复"));
  // Issue 12: an assisting unit late with its opinion gets its own notice, as a lead unit late with its reply.
  MS_ASSIGN(late_opinions, store::ListOverdueOpinions(tx, a.id, now));
  for (const auto& o : late_opinions)
    MS_TRY(notify("opinion_overdue", o.due_at,
                  "协办意见已超过期限（" + DueText(o.due_at) + "），请尽快向主办单位提交", o.unit_id));
  if (a.resolve_due && *a.resolve_due < now)
    MS_TRY(notify("resolve_overdue", *a.resolve_due, "已超过办结期限（" + DueText(*a.resolve_due) + "），请尽快办结"));
  if (a.escalate_due && *a.escalate_due < now && !a.escalated_to_leader_at) {
    std::string note = "逾期未办结，已提请包案领导督办";
    if (!a.case_owner_id) {
      // Issue 12: the leader responsible for the appeal's street, the note saying whether that rule applied.
      MS_ASSIGN(leader, LeaderForAppeal(tx, a));
      a.case_owner_id = leader.leader_id;
      note += LeaderChoiceNote(leader);
    }
    a.escalated_to_leader_at = now;
    MS_TRY(notify("escalation", *a.escalate_due, std::move(note)));
    ++report.escalated;
  }
  // Anything added to an appeal bumps its version, so readers (and the detail cache) see the change.
  if (report.notices_issued > 0 || report.escalated > 0) {
    a.updated_at = now;
    MS_TRY(store::UpdateAppeal(tx, a, version));
  }
  return report;
}

// What the sweep watches on the appeal as it stands (core/supervision.h NextSweepAt).
Result<SweepWatch> WatchOf(store::Tx& tx, const store::AppealRecord& a) {
  SweepWatch w{.with_unit = WithUnit(a.status),
               .replied = a.replied_at.has_value(),
               .escalated = a.escalated_to_leader_at.has_value(),
               .dispatched_at = a.dispatched_at,
               .reply_due = a.reply_due,
               .resolve_due = a.resolve_due,
               .escalate_due = a.escalate_due};
  if (w.with_unit) {
    MS_ASSIGN(dues, store::ListPendingOpinionDues(tx, a.id));
    w.opinion_dues = std::move(dues);
  }
  return w;
}

}  // namespace

Result<SweepReport> SweepDeadlines(store::Database& db, const Clock& clock) {
  const Timestamp now = clock.Now();
  SweepReport total;
  MS_ASSIGN(calendar, LoadCalendar(db));
  // Only the appeals that may owe something now (appeals.sweep_due, indexed); each, once served, is set to the
  // next instant it may owe something, so an appeal already served is not read again before then.
  MS_ASSIGN(due, ReadValue<std::vector<store::Id>>(
                     db, [&](store::Tx& tx) { return store::ListAppealsDueForSweep(tx, now, 100000); }));
  for (std::size_t i = 0; i < due.size(); i += kBatch) {
    // Each appeal is re-read inside the write so that a concurrent change (or another server's sweep)
    // is seen; the unique notice keys make a repeated sweep harmless.
    SweepReport batch;
    MS_TRY(db.Write([&](store::Tx& tx) -> Status {
      batch = {};  // the engine may run this again after a serialization failure
      for (std::size_t j = i; j < std::min(due.size(), i + kBatch); ++j) {
        MS_ASSIGN(fresh, store::FindAppeal(tx, due[j]));
        if (!fresh) continue;
        MS_ASSIGN(r, SweepOne(tx, std::move(*fresh), now));
        batch.notices_issued += r.notices_issued;
        batch.escalated += r.escalated;
        MS_ASSIGN(warned, store::FindAppeal(tx, due[j]));
        MS_ASSIGN(warnings, WarnOfDeadline(tx, calendar, *warned, now));
        batch.warnings_issued += warnings;
        MS_ASSIGN(served, store::FindAppeal(tx, due[j]));
        MS_ASSIGN(watch, WatchOf(tx, *served));
        MS_TRY(store::SetSweepDue(tx, due[j], NextSweepAt(calendar, watch, now)));
      }
      return {};
    }));
    total.notices_issued += batch.notices_issued;
    total.escalated += batch.escalated;
    total.warnings_issued += batch.warnings_issued;
  }
  MS_ASSIGN(shifts, SweepDutyShifts(db, now));
  total.shifts_decided = shifts;
  // The message wall (issue 12): overdue posts get their notices too.
  MS_ASSIGN(wall_notices, SweepWallPosts(db, now));
  total.wall_notices_issued = wall_notices;
  return total;
}

Result<store::OptId> EscalationLeader(store::Tx& tx, const store::AppealRecord& appeal) {
  if (appeal.case_owner_id) return appeal.case_owner_id;
  MS_ASSIGN(choice, LeaderForAppeal(tx, appeal));
  return choice.leader_id;
}

Result<std::optional<SweepReport>> SweepTick(store::Database& db, const Clock& clock, std::int64_t period_seconds,
                                             std::string_view holder) {
  MS_ASSIGN(claimed, WriteValue<bool>(db, [&](store::Tx& tx) {
              return store::ClaimJobTick(tx, "deadline_sweep", clock.Now(), period_seconds, holder);
            }));
  if (!claimed) return std::optional<SweepReport>();
  MS_ASSIGN(report, SweepDeadlines(db, clock));
  return std::optional<SweepReport>(report);
}

}  // namespace minsheng::app
