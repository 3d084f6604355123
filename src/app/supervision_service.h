// Manual supervision (督办单, 现场督查, 跟踪督查, issue 12) and the staff workbench's notices (yellow and red
// warnings, supervision steps). Each use case is one transaction that also appends one event to the
// appeal's timeline and bumps the appeal's version, so that the appeal's readers see the change.
//
// Who: supervisors, coordinators and admins issue, close and escalate notices and record inspections on the
// appeals of their region; the handlers of the addressed unit answer (and see only their unit's notices:
// anything else answers as missing). Every staff member reads their own workbench notices.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/calendar_cache.h"
#include "core/clock.h"
#include "store/database.h"
#include "store/supervision_repository.h"

namespace minsheng::app {

struct IssueSupervisionInput {
  store::OptId unit_id;  // one of the appeal's current units; none: the lead unit
  std::string reason;
  std::string required_action;
  std::chrono::sys_days deadline{};  // answer by the end of this day (today or later)
};

struct InspectionInput {
  std::string kind;  // on_site | follow_up
  std::string findings;
  store::OptId notice_id;  // a manual notice of the same appeal
};

// A manual notice as the caller sees it, with what the caller may do with it now.
struct ManualNoticeView {
  store::ManualNoticeRecord notice;
  bool overdue = false;                // still unanswered past its deadline
  std::vector<std::string> allowed;    // "answer", "close", "escalate"
};

// An appeal's manual supervision: its notices (oldest first), inspections, and whether the caller may issue
// a notice or record an inspection on it now.
struct AppealSupervision {
  std::vector<ManualNoticeView> notices;
  std::vector<store::InspectionRecord> inspections;
  bool may_issue = false;
  bool may_inspect = false;
  std::vector<store::Id> unit_ids;  // the appeal's current units (lead first): whom a notice can address
};

struct ManualNoticeList {
  std::vector<ManualNoticeView> items;
  std::int64_t total = 0;
};

struct StaffNoticeList {
  std::vector<store::StaffNoticeRecord> items;
  std::int64_t unread = 0;
};

class SupervisionService {
 public:
  SupervisionService(store::Database& db, const Clock& clock);

  // Issues a notice to one of an open appeal's current units. 400 on a missing reason or required action,
  // a deadline before today, or a unit that is not one of the appeal's current units (field unit_id);
  // 409 invalid_transition when the appeal is not open or has no unit yet. Event supervision_issued; the
  // unit's handlers get a workbench notice.
  Result<ManualNoticeView> Issue(const Actor& actor, store::Id appeal_id, const IssueSupervisionInput& input);
  // The addressed unit's handler answers (反馈). Event supervision_answered; the issuer gets a notice.
  Result<ManualNoticeView> Answer(const Actor& actor, store::Id notice_id, const std::string& content);
  // The supervisor closes an answered notice (satisfied). Event supervision_closed.
  Result<ManualNoticeView> Close(const Actor& actor, store::Id notice_id, const std::string& note);
  // The supervisor escalates the notice to the appeal's leader (LeaderForAppeal, app/deadline_sweep.h): the
  // leader becomes the case owner if the appeal has none. Event supervision_escalated; the leader gets a notice.
  Result<ManualNoticeView> Escalate(const Actor& actor, store::Id notice_id, const std::string& note);
  // Records an on-site or follow-up inspection on an appeal (open or not). Event inspection.
  Result<store::InspectionRecord> RecordInspection(const Actor& actor, store::Id appeal_id, const InspectionInput& input);

  // Reads in the caller's scope (kNotFound out of it).
  Result<ManualNoticeView> Get(const Actor& actor, store::Id notice_id);
  Result<AppealSupervision> OfAppeal(const Actor& actor, store::Id appeal_id);
  // A handler: only their unit's (kForbidden when asking for another unit); others: their region.
  Result<ManualNoticeList> List(const Actor& actor, store::ManualNoticeFilter filter);

  // The caller's own workbench notices, newest first (only one appeal's if `appeal_id`), with the caller's
  // unread count (over all appeals).
  Result<StaffNoticeList> MyNotices(const Actor& actor, bool unread_only, int limit, store::OptId appeal_id = {});
  // Marks one of the caller's notices read (kNotFound for anyone else's); idempotent.
  Result<store::StaffNoticeRecord> MarkRead(const Actor& actor, store::Id notice_id);
  // Marks all the caller's notices read; returns how many were unread.
  Result<std::int64_t> MarkAllRead(const Actor& actor);

 private:
  ManualNoticeView ViewOf(const Actor& actor, store::ManualNoticeRecord notice) const;

  store::Database& db_;
  const Clock& clock_;
};

// The warnings, issued by the deadline sweep (app/deadline_sweep.cpp) to an appeal whose units still owe their
// reply: a yellow warning at 80% of the reply deadline's working time and a red one past it (core/supervision.h
// WarningAt), each sent to the lead unit's accepting handler (else the lead unit's active handlers) and the
// coordinators of its street (else of the district), once per (user, appeal, kind, reply deadline). Returns how
// many workbench notices were issued.
Result<int> WarnOfDeadline(store::Tx& tx, const WorkCalendar& calendar, store::AppealRecord appeal, Timestamp now);

}  // namespace minsheng::app
