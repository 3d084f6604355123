#include "app/supervision_service.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "app/appeal_note.h"
#include "app/appeal_service.h"  // CheckCanSeeAppeal
#include "app/deadline_sweep.h"  // EscalationLeader
#include "core/calendar.h"
#include "core/lifecycle.h"
#include "core/supervision.h"
#include "store/appeal_repository.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::AppealRecord;
using store::Id;
using store::ManualNoticeRecord;
using store::Tx;

Error NoticeNotFound() { return Error::NotFound("督办单不存在", "id"); }

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

Status RequireText(const std::string& text, std::string_view field, std::string_view what) {
  if (Blank(text)) return Fail(Error::Invalid("missing_field", "请填写" + std::string(what), std::string(field)));
  return {};
}

std::string DateText(Timestamp due) { return FormatDate(LocalDay(due - 1)); }

SupervisionState StateOf(const ManualNoticeRecord& n) {
  auto s = ParseSupervisionState(n.status);
  return s ? *s : SupervisionState::kIssued;
}

bool IsOpen(const AppealRecord& a) {
  auto s = ParseState(a.status);
  return s && !IsFinished(*s);
}

// The appeal, read in `tx`, if the actor may see it (kNotFound as for a missing id otherwise).
Result<AppealRecord> LoadAppeal(Tx& tx, const Actor& actor, Id id) {
  MS_ASSIGN(found, store::FindAppeal(tx, id));
  if (!found) return Fail(Error::NotFound("诉求不存在", "id"));
  MS_TRY(CheckCanSeeAppeal(tx, actor, *found));
  return std::move(*found);
}

// A manual notice is visible to the handlers of the unit it addresses, and to others who may see its appeal.
Status CheckCanSeeNotice(Tx& tx, const Actor& actor, const ManualNoticeRecord& n) {
  if (actor.Is(Role::kHandler)) {
    if (!actor.department_id || *actor.department_id != n.unit_id) return Fail(NoticeNotFound());
    return {};
  }
  MS_ASSIGN(appeal, store::FindAppeal(tx, n.appeal_id));
  if (!appeal) return Fail(NoticeNotFound());
  auto seen = CheckCanSeeAppeal(tx, actor, *appeal);
  if (!seen) return Fail(NoticeNotFound());
  return {};
}

// The appeal's current units, lead first.
Result<std::vector<Id>> CurrentUnits(Tx& tx, const AppealRecord& a) {
  std::vector<Id> out;
  if (a.lead_unit_id) out.push_back(*a.lead_unit_id);
  MS_ASSIGN(dispatches, store::ListDispatches(tx, a.id));
  for (const auto& d : dispatches)
    if (d.active && std::find(out.begin(), out.end(), d.unit_id) == out.end()) out.push_back(d.unit_id);
  return out;
}

// Drops a workbench notice to each of `users` (once per user, appeal, kind, deadline and ref).
Status NotifyUsers(Tx& tx, const std::vector<Id>& users, const AppealRecord& a, std::string_view kind,
                   Timestamp deadline, Id ref_id, const std::string& message, Timestamp now, int* issued = nullptr) {
  for (Id user : users) {
    MS_ASSIGN(inserted, store::InsertStaffNoticeIfAbsent(
                            tx, {.street_id = a.street_id, .user_id = user, .appeal_id = a.id, .kind = std::string(kind),
                                 .deadline = deadline, .ref_id = ref_id, .message = message, .created_at = now}));
    if (inserted && issued) ++*issued;
  }
  return {};
}

Result<std::vector<Id>> UnitHandlers(Tx& tx, Id unit_id) {
  MS_ASSIGN(users, store::ListUsers(tx, {.role = "handler", .department_id = unit_id, .active_only = true}));
  std::vector<Id> out;
  for (const auto& u : users) out.push_back(u.id);
  return out;
}

// The handler of the case: the lead unit's accepting handler, else every active handler of the lead unit.
Result<std::vector<Id>> CaseHandlers(Tx& tx, const AppealRecord& a) {
  if (!a.lead_unit_id) return std::vector<Id>{};
  MS_ASSIGN(accepting, store::AcceptingHandler(tx, a.id, *a.lead_unit_id));
  if (accepting) return std::vector<Id>{*accepting};
  return UnitHandlers(tx, *a.lead_unit_id);
}

// The coordinators of the appeal's street; where the street has none, the district's.
Result<std::vector<Id>> StreetCoordinators(Tx& tx, const AppealRecord& a) {
  std::string path;
  const Id region = a.street_id ? *a.street_id : a.region_id;
  MS_ASSIGN(r, store::FindRegion(tx, region));
  if (r) path = r->path;
  MS_ASSIGN(users, store::ListUsers(tx, {.role = "coordinator", .active_only = true, .along_path = path}));
  MS_ASSIGN(regions, store::ListRegions(tx));
  auto path_of = [&](Id id) -> std::string {
    for (const auto& x : regions)
      if (x.id == id) return x.path;
    return "";
  };
  std::vector<Id> street, above;
  for (const auto& u : users) (path_of(u.region_id).starts_with(path) ? street : above).push_back(u.id);
  return street.empty() ? above : street;
}

}  // namespace

SupervisionService::SupervisionService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

ManualNoticeView SupervisionService::ViewOf(const Actor& actor, ManualNoticeRecord notice) const {
  ManualNoticeView v;
  const SupervisionState state = StateOf(notice);
  v.overdue = SupervisionOverdue(state, notice.deadline, clock_.Now());
  for (SupervisionAction a : SupervisionActionsFrom(state)) {
    const bool may = a == SupervisionAction::kAnswer
                         ? RoleMayDo(actor.role, Operation::kAnswerSupervision) && actor.department_id &&
                               *actor.department_id == notice.unit_id
                         : RoleMayDo(actor.role, Operation::kSupervise);
    if (actor.IsStaff() && may) v.allowed.emplace_back(SupervisionActionName(a));
  }
  v.notice = std::move(notice);
  return v;
}

Result<ManualNoticeView> SupervisionService::Issue(const Actor& actor, Id appeal_id, const IssueSupervisionInput& in) {
  MS_TRY(RequireOperation(actor, Operation::kSupervise, "督办"));
  MS_TRY(RequireText(in.reason, "reason", "督办事由"));
  MS_TRY(RequireText(in.required_action, "required_action", "督办要求"));
  const Timestamp now = clock_.Now();
  if (in.deadline < LocalDay(now))
    return Fail(Error::Invalid("invalid_value", "反馈期限不能早于今天", "deadline"));
  MS_ASSIGN(id, WriteValue<Id>(db_, [&](Tx& tx) -> Result<Id> {
    MS_ASSIGN(a, LoadAppeal(tx, actor, appeal_id));
    MS_ASSIGN(units, CurrentUnits(tx, a));
    if (!IsOpen(a) || units.empty()) {
      Error e = Error::Conflict("invalid_transition", IsOpen(a) ? "诉求尚未派单，没有可督办的承办单位"
                                                                : "诉求已办结，不能再下发督办单");
      e.allowed = {"inspect"};
      return Fail(std::move(e));
    }
    const Id unit = in.unit_id.value_or(units.front());
    if (std::find(units.begin(), units.end(), unit) == units.end())
      return Fail(Error::Invalid("invalid_value", "督办对象须为本诉求当前的承办单位（主办或协办）", "unit_id"));
    ManualNoticeRecord n{.appeal_id = a.id, .street_id = a.street_id, .unit_id = unit, .status = "issued",
                         .reason = in.reason, .required_action = in.required_action,
                         .deadline = LocalDayStart(in.deadline + std::chrono::days(1)), .issued_by = actor.user_id,
                         .issued_at = now};
    MS_ASSIGN(id, store::InsertManualNotice(tx, n));
    MS_ASSIGN(dept, store::FindDepartment(tx, unit));
    const std::string unit_name = dept ? dept->name : "";
    MS_TRY(NoteOnAppeal(tx, actor, a, now,
                        {.action = "supervision_issued",
                         .note = "督办" + unit_name + "：" + in.reason + "；要求：" + in.required_action + "（" +
                                 FormatDate(in.deadline) + "前反馈）",
                         .data = {{"notice_id", id}, {"unit_id", unit}, {"deadline", FormatDate(in.deadline)}}}));
    MS_ASSIGN(handlers, UnitHandlers(tx, unit));
    MS_TRY(NotifyUsers(tx, handlers, a, "supervision_issued", n.deadline, id,
                       "督办单：" + in.reason + "（请于" + FormatDate(in.deadline) + "前反馈）", now));
    return id;
  }));
  return Get(actor, id);
}


Result<ManualNoticeView> SupervisionService::Answer(const Actor& actor, Id notice_id, const std::string& content) {
  MS_TRY(RequireOperation(actor, Operation::kAnswerSupervision, "反馈督办单"));
  MS_TRY(RequireText(content, "content", "反馈内容"));
  const Timestamp now = clock_.Now();
  MS_TRY(db_.Write([&](Tx& tx) -> Status {
    MS_ASSIGN(found, store::FindManualNotice(tx, notice_id));
    if (!found) return Fail(NoticeNotFound());
    MS_TRY(CheckCanSeeNotice(tx, actor, *found));
    ManualNoticeRecord n = *found;
    MS_ASSIGN(next, NextSupervisionState(StateOf(n), SupervisionAction::kAnswer));
    n.status = std::string(SupervisionStateName(next));
    n.answer = content;
    n.answered_by = actor.user_id;
    n.answered_at = now;
    MS_TRY(store::UpdateManualNotice(tx, n, found->status));
    MS_ASSIGN(a, store::FindAppeal(tx, n.appeal_id));
    if (!a) return Fail(NoticeNotFound());
    const bool on_time = now <= n.deadline;
    MS_TRY(NoteOnAppeal(tx, actor, *a, now,
                        {.action = "supervision_answered",
                         .note = content,
                         .data = {{"notice_id", n.id}, {"unit_id", n.unit_id}, {"on_time", on_time}}}));
    MS_TRY(NotifyUsers(tx, {n.issued_by}, *a, "supervision_answered", n.deadline, n.id,
                       n.unit_name + "已反馈督办单：" + n.reason, now));
    return {};
  }));
  return Get(actor, notice_id);
}

Result<ManualNoticeView> SupervisionService::Close(const Actor& actor, Id notice_id, const std::string& note) {
  MS_TRY(RequireOperation(actor, Operation::kSupervise, "督办"));
  const Timestamp now = clock_.Now();
  MS_TRY(db_.Write([&](Tx& tx) -> Status {
    MS_ASSIGN(found, store::FindManualNotice(tx, notice_id));
    if (!found) return Fail(NoticeNotFound());
    MS_TRY(CheckCanSeeNotice(tx, actor, *found));
    ManualNoticeRecord n = *found;
    MS_ASSIGN(next, NextSupervisionState(StateOf(n), SupervisionAction::kClose));
    n.status = std::string(SupervisionStateName(next));
    n.decided_by = actor.user_id;
    n.decided_at = now;
    n.decision_note = note;
    MS_TRY(store::UpdateManualNotice(tx, n, found->status));
    MS_ASSIGN(a, store::FindAppeal(tx, n.appeal_id));
    if (!a) return Fail(NoticeNotFound());
    MS_TRY(NoteOnAppeal(tx, actor, *a, now,
                        {.action = "supervision_closed",
                         .note = note.empty() ? "督办单办结" : note,
                         .data = {{"notice_id", n.id}, {"unit_id", n.unit_id}}}));
    return {};
  }));
  return Get(actor, notice_id);
}

Result<ManualNoticeView> SupervisionService::Escalate(const Actor& actor, Id notice_id, const std::string& note) {
  MS_TRY(RequireOperation(actor, Operation::kSupervise, "督办"));
  const Timestamp now = clock_.Now();
  MS_TRY(db_.Write([&](Tx& tx) -> Status {
    MS_ASSIGN(found, store::FindManualNotice(tx, notice_id));
    if (!found) return Fail(NoticeNotFound());
    MS_TRY(CheckCanSeeNotice(tx, actor, *found));
    ManualNoticeRecord n = *found;
    MS_ASSIGN(next, NextSupervisionState(StateOf(n), SupervisionAction::kEscalate));
    MS_ASSIGN(appeal, store::FindAppeal(tx, n.appeal_id));
    if (!appeal) return Fail(NoticeNotFound());
    AppealRecord a = *appeal;
    MS_ASSIGN(leader, EscalationLeader(tx, a));
    if (!leader) return Fail(Error::Conflict("no_leader", "没有可提级的包案领导，请先在用户管理中设置领导"));
    n.status = std::string(SupervisionStateName(next));
    n.decided_by = actor.user_id;
    n.decided_at = now;
    n.decision_note = note;
    n.escalated_to = leader;
    MS_TRY(store::UpdateManualNotice(tx, n, found->status));
    // The leader takes the case as its owner (一抓到底), as the sweep's escalation does.
    if (!a.case_owner_id) a.case_owner_id = leader;
    if (!a.escalated_to_leader_at) a.escalated_to_leader_at = now;
    MS_ASSIGN(owner, store::FindUser(tx, *leader));
    MS_TRY(NoteOnAppeal(tx, actor, a, now,
                        {.action = "supervision_escalated",
                         .note = "提请包案领导" + (owner ? owner->display_name : std::string()) + "督办" +
                                 (note.empty() ? "" : "：" + note),
                         .data = {{"notice_id", n.id}, {"unit_id", n.unit_id}, {"leader_id", *leader}}}));
    MS_TRY(NotifyUsers(tx, {*leader}, a, "supervision_escalated", n.deadline, n.id,
                       "督办单提级：" + n.unit_name + "，" + n.reason, now));
    return {};
  }));
  return Get(actor, notice_id);
}

Result<store::InspectionRecord> SupervisionService::RecordInspection(const Actor& actor, Id appeal_id,
                                                                     const InspectionInput& in) {
  MS_TRY(RequireOperation(actor, Operation::kSupervise, "督办"));
  MS_ASSIGN(kind, ParseInspectionKind(in.kind));
  MS_TRY(RequireText(in.findings, "findings", "督查情况"));
  const Timestamp now = clock_.Now();
  MS_ASSIGN(id, WriteValue<Id>(db_, [&](Tx& tx) -> Result<Id> {
    MS_ASSIGN(a, LoadAppeal(tx, actor, appeal_id));
    if (in.notice_id) {
      MS_ASSIGN(n, store::FindManualNotice(tx, *in.notice_id));
      if (!n || n->appeal_id != a.id)
        return Fail(Error::Invalid("invalid_value", "该督办单不属于本诉求", "notice_id"));
    }
    store::InspectionRecord r{.appeal_id = a.id, .street_id = a.street_id, .kind = std::string(InspectionKindName(kind)),
                              .findings = in.findings, .notice_id = in.notice_id, .inspected_by = actor.user_id,
                              .inspected_at = now};
    MS_ASSIGN(id, store::InsertInspection(tx, r));
    nlohmann::json data{{"inspection_id", id}, {"kind", r.kind}};
    if (in.notice_id) data["notice_id"] = *in.notice_id;
    MS_TRY(NoteOnAppeal(tx, actor, a, now, {.action = "inspection_" + r.kind, .note = in.findings, .data = data}));
    return id;
  }));
  MS_ASSIGN(all, ReadValue<std::vector<store::InspectionRecord>>(
                     db_, [&](Tx& tx) { return store::ListInspectionsOfAppeal(tx, appeal_id); }));
  for (auto& r : all)
    if (r.id == id) return std::move(r);
  return Fail(Error::NotFound("督查记录不存在", "id"));
}

Result<ManualNoticeView> SupervisionService::Get(const Actor& actor, Id notice_id) {
  MS_ASSIGN(found, ReadValue<ManualNoticeRecord>(db_, [&](Tx& tx) -> Result<ManualNoticeRecord> {
    MS_ASSIGN(n, store::FindManualNotice(tx, notice_id));
    if (!n) return Fail(NoticeNotFound());
    MS_TRY(CheckCanSeeNotice(tx, actor, *n));
    return std::move(*n);
  }));
  return ViewOf(actor, std::move(found));
}

Result<AppealSupervision> SupervisionService::OfAppeal(const Actor& actor, Id appeal_id) {
  MS_TRY(RequireOperation(actor, Operation::kReadNotices, "查看督办"));
  AppealSupervision out;
  MS_TRY(db_.Read([&](Tx& tx) -> Status {
    out = {};
    MS_ASSIGN(a, LoadAppeal(tx, actor, appeal_id));
    MS_ASSIGN(notices, store::ListManualNoticesOfAppeal(tx, a.id));
    for (auto& n : notices) {
      if (actor.Is(Role::kHandler) && (!actor.department_id || *actor.department_id != n.unit_id)) continue;
      out.notices.push_back(ViewOf(actor, std::move(n)));
    }
    MS_ASSIGN(inspections, store::ListInspectionsOfAppeal(tx, a.id));
    out.inspections = std::move(inspections);
    MS_ASSIGN(units, CurrentUnits(tx, a));
    out.unit_ids = std::move(units);
    const bool supervises = RoleMayDo(actor.role, Operation::kSupervise);
    out.may_issue = supervises && IsOpen(a) && !out.unit_ids.empty();
    out.may_inspect = supervises;
    return {};
  }));
  return out;
}

Result<ManualNoticeList> SupervisionService::List(const Actor& actor, store::ManualNoticeFilter filter) {
  MS_TRY(RequireOperation(actor, Operation::kReadNotices, "查看督办单"));
  if (actor.Is(Role::kHandler)) {
    if (filter.unit_id && filter.unit_id != actor.department_id)
      return Fail(Error::Forbidden("只能查看本部门的督办单"));
    filter.unit_id = actor.department_id.value_or(0);
  } else if (!actor.DistrictWide()) {
    filter.scope_path = actor.region_path;
  }
  if (filter.overdue_at) filter.overdue_at = clock_.Now();
  MS_ASSIGN(page, ReadMayLagValue<store::ManualNoticePage>(db_, [&](Tx& tx) { return store::ListManualNotices(tx, filter); }));
  ManualNoticeList out;
  out.total = page.total;
  for (auto& n : page.items) out.items.push_back(ViewOf(actor, std::move(n)));
  return out;
}

Result<StaffNoticeList> SupervisionService::MyNotices(const Actor& actor, bool unread_only, int limit,
                                                     store::OptId appeal_id) {
  if (!actor.IsStaff()) return Fail(Error::Unauthenticated("unauthenticated", "请先登录"));
  StaffNoticeList out;
  MS_TRY(db_.Read([&](Tx& tx) -> Status {
    MS_ASSIGN(items, store::ListStaffNotices(tx, actor.user_id, unread_only, appeal_id, limit));
    MS_ASSIGN(unread, store::CountUnreadStaffNotices(tx, actor.user_id));
    out.items = std::move(items);
    out.unread = unread;
    return {};
  }));
  return out;
}

Result<store::StaffNoticeRecord> SupervisionService::MarkRead(const Actor& actor, Id notice_id) {
  if (!actor.IsStaff()) return Fail(Error::Unauthenticated("unauthenticated", "请先登录"));
  const Timestamp now = clock_.Now();
  return WriteValue<store::StaffNoticeRecord>(db_, [&](Tx& tx) -> Result<store::StaffNoticeRecord> {
    MS_ASSIGN(found, store::FindStaffNotice(tx, notice_id));
    if (!found || found->user_id != actor.user_id) return Fail(Error::NotFound("提醒不存在", "id"));
    MS_TRY(store::MarkStaffNoticeRead(tx, actor.user_id, notice_id, now));
    if (!found->read_at) found->read_at = now;
    return std::move(*found);
  });
}

Result<std::int64_t> SupervisionService::MarkAllRead(const Actor& actor) {
  if (!actor.IsStaff()) return Fail(Error::Unauthenticated("unauthenticated", "请先登录"));
  const Timestamp now = clock_.Now();
  return WriteValue<std::int64_t>(db_, [&](Tx& tx) { return store::MarkAllStaffNoticesRead(tx, actor.user_id, now); });
}

namespace {

// The warnings one appeal owes now; returns how many workbench notices were issued.
Result<int> WarnOne(Tx& tx, const WorkCalendar& calendar, AppealRecord a, Timestamp now) {
  const bool with_unit = a.status == "dispatched" || a.status == "accepted" || a.status == "in_progress";
  if (!with_unit || a.replied_at || !a.reply_due || !a.dispatched_at) return 0;
  auto warning = WarningAt(calendar, *a.dispatched_at, *a.reply_due, now);
  if (!warning) return 0;
  const std::string kind(WarningKindName(*warning));
  MS_ASSIGN(already, store::WarningIssued(tx, a.id, kind, *a.reply_due));
  MS_ASSIGN(handlers, CaseHandlers(tx, a));
  MS_ASSIGN(coordinators, StreetCoordinators(tx, a));
  std::vector<Id> users = handlers;
  for (Id c : coordinators)
    if (std::find(users.begin(), users.end(), c) == users.end()) users.push_back(c);
  const std::string due = DateText(*a.reply_due);
  const std::string message = *warning == WarningKind::kYellow
                                  ? "已用去答复时限的80%，请于" + due + "前答复"
                                  : "已超过答复期限（" + due + "），请尽快答复";
  int issued = 0;
  MS_TRY(NotifyUsers(tx, users, a, kind, *a.reply_due, 0, message, now, &issued));
  if (!already && issued > 0) {
    const Actor system = Actor::System();
    MS_TRY(NoteOnAppeal(tx, system, a, now,
                        {.action = kind,
                         .note = std::string(WarningKindLabel(*warning)) + "：" + message,
                         .data = {{"kind", kind}, {"deadline", *a.reply_due}, {"users", users}}}));
  }
  return issued;
}

}  // namespace

Result<int> WarnOfDeadline(Tx& tx, const WorkCalendar& calendar, AppealRecord appeal, Timestamp now) {
  return WarnOne(tx, calendar, std::move(appeal), now);
}

}  // namespace minsheng::app
