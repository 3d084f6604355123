#include "app/appeal_service.h"

#include <algorithm>
#include <array>
#include <functional>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/case_owner.h"
#include "app/consultation_link.h"
#include "app/deputy_following.h"
#include "app/password.h"
#include "app/proposal_service.h"
#include "app/repeat_link.h"
#include "app/unit_assignment.h"
#include "core/assisting_opinion.h"
#include "core/calendar.h"
#include "core/deadline.h"
#include "core/dissatisfaction.h"
#include "core/overdue.h"
#include "core/repeat.h"
#include "core/reply_review.h"
#include "text/reply_check.h"
#include "store/duty_repository.h"
#include "store/opinion_repository.h"
#include "store/repeat_repository.h"
#include "store/field_log_repository.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::AppealRecord;
using store::Id;
using store::Tx;

struct ChannelInfo {
  std::string_view name;
  std::string_view label;
};
constexpr std::array kChannels = {
    ChannelInfo{"walk_in", "来访"}, ChannelInfo{"letter", "来信"}, ChannelInfo{"phone", "热线"},
    ChannelInfo{"web", "网上"},     ChannelInfo{"wall", "民情回音墙"}, ChannelInfo{"visit", "走访"},
    ChannelInfo{"grid", "网格员"},  ChannelInfo{"deputy", "代表转交"},
};

constexpr std::array kSatisfactions = {"satisfied", "basically_satisfied", "dissatisfied"};

AppealState StateOf(const AppealRecord& a) {
  auto s = ParseState(a.status);
  return s ? *s : AppealState::kReceived;
}

// Whether `region` (nullopt: none) lies in the actor's region scope.
bool RegionInScope(const Actor& actor, const std::optional<store::RegionRecord>& region) {
  if (!actor.IsStaff() || actor.DistrictWide()) return true;
  return region && region->path.starts_with(actor.region_path);
}

// Whether the appeal lies in the actor's region scope.
Result<bool> InRegionScope(Tx& tx, const Actor& actor, Id region_id) {
  if (!actor.IsStaff() || actor.DistrictWide()) return true;
  MS_ASSIGN(region, store::FindRegion(tx, region_id));
  return RegionInScope(actor, region);
}

bool HandlerOf(const Actor& actor, const std::vector<store::DispatchRecord>& dispatches, bool lead_only) {
  if (!actor.department_id) return false;
  for (const auto& d : dispatches)
    if (d.unit_id == *actor.department_id && (!lead_only || (d.active && d.role == "lead"))) return true;
  return false;
}

Error AppealNotFound() { return Error::NotFound("诉求不存在", "id"); }

// Whether the actor works this case and so may see the appellant's name and phone.
bool PersonalDataVisible(const Actor& actor, const AppealRecord& appeal) {
  if (!actor.IsStaff() || appeal.anonymous) return false;
  switch (actor.role) {
    case Role::kHandler: return appeal.lead_unit_id && actor.department_id == appeal.lead_unit_id;
    case Role::kDeputy: return appeal.deputy_id == actor.user_id;
    case Role::kLeader: return appeal.case_owner_id == actor.user_id;
    default: return true;  // admin, registrar, coordinator, supervisor (callbacks) in their scope
  }
}

// Whether an answer showing `appeal` to `actor` shows a resident's name or phone unmasked: a view the
// audit log records.
bool ShowsPersonalData(const Actor& actor, const AppealRecord& appeal) {
  return PersonalDataVisible(actor, appeal) && (!appeal.appellant_name.empty() || !appeal.appellant_phone.empty());
}

Status AuditView(Tx& tx, const Actor& actor, Timestamp now, const AppealRecord& appeal) {
  return Audit(tx, actor, now, "view_personal_data", "appeal", appeal.id, appeal.street_id,
               {{"receipt_code", appeal.receipt_code}});
}

// Read access: region scope for most roles; handlers see what was ever dispatched to their unit. An
// appeal out of scope answers exactly as a missing one, so that ids do not tell what exists.
Status CheckCanSee(Tx& tx, const Actor& actor, const AppealRecord& a,
                   const std::vector<store::DispatchRecord>& dispatches) {
  if (!actor.IsStaff()) return {};
  if (actor.Is(Role::kHandler)) {
    if (HandlerOf(actor, dispatches, false)) return {};
    return Fail(AppealNotFound());
  }
  if (actor.Is(Role::kDeputy)) {
    MS_ASSIGN(own, InDeputyScope(tx, actor, a));
    if (!own) return Fail(AppealNotFound());
    return {};
  }
  MS_ASSIGN(in_scope, InRegionScope(tx, actor, a.region_id));
  if (in_scope) return {};
  // An assistant acts for their deputy on the deputy's cases wherever they lie.
  MS_ASSIGN(assisting, FollowsCase(tx, actor, a));
  if (!assisting) return Fail(AppealNotFound());
  return {};
}

Status CheckCanSee(Tx& tx, const Actor& actor, const AppealRecord& a) {
  if (!actor.Is(Role::kHandler)) return CheckCanSee(tx, actor, a, {});
  MS_ASSIGN(dispatches, store::ListDispatches(tx, a.id));
  return CheckCanSee(tx, actor, a, dispatches);
}

std::string Trimmed(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

Status RequireText(const std::string& text, std::string_view field, std::string_view what) {
  if (Trimmed(text).empty())
    return Fail(Error::Invalid("missing_field", "请填写" + std::string(what), std::string(field)));
  return {};
}

}  // namespace

bool IsKnownChannel(std::string_view channel) {
  return std::any_of(kChannels.begin(), kChannels.end(), [&](const auto& c) { return c.name == channel; });
}

bool IsKnownSatisfaction(std::string_view satisfaction) {
  return std::find(kSatisfactions.begin(), kSatisfactions.end(), satisfaction) != kSatisfactions.end();
}

bool IsValidPhone(std::string_view phone) {
  const bool digits =
      std::all_of(phone.begin(), phone.end(), [](char ch) { return (ch >= '0' && ch <= '9') || ch == '-' || ch == '+'; });
  return digits && phone.size() >= 5 && phone.size() <= 20;
}

std::string_view ChannelLabel(std::string_view channel) {
  for (const auto& c : kChannels)
    if (c.name == channel) return c.label;
  return channel;
}

AppealService::AppealService(store::Database& db, const Clock& clock, const CalendarCache& calendar)
    : db_(db), clock_(clock), calendar_(calendar) {}

namespace {

// Everything one transition needs: the loaded appeal, its dispatches, and the event being written.
struct Change {
  AppealRecord appeal;     // mutate this
  AppealState from;
  AppealState to;
  std::vector<store::DispatchRecord> dispatches;
  store::EventRecord event;  // action, note and data may be set by the step
  Timestamp now;
};

// Runs one lifecycle transition as a transaction: load, authorise, check the state machine, apply `step`,
// store the appeal under its version and append exactly one event.
using Step = std::function<Status(Tx&, Change&)>;

enum class Unit { kAny, kLeadHandler };

// The transition inside the caller's transaction `tx`.
Result<AppealRecord> RunTransitionIn(Tx& tx, const Clock& clock, const Actor& actor, Id id, Action action, Unit unit,
                                     const Step& step) {
  {
    // The role first: a role that may never take the action learns nothing about which ids exist.
    if (actor.IsStaff() && !RoleMay(actor.role, action))
      return Fail(Error::Forbidden("您的角色（" + std::string(RoleLabel(actor.role)) + "）不能执行“" +
                                   std::string(ActionLabel(action)) + "”"));
    MS_ASSIGN(found, store::FindAppeal(tx, id));
    if (!found) return Fail(AppealNotFound());
    Change c{std::move(*found), {}, {}, {}, {}, clock.Now()};
    MS_ASSIGN(dispatches, store::ListDispatches(tx, id));
    c.dispatches = std::move(dispatches);
    MS_TRY(CheckCanSee(tx, actor, c.appeal, c.dispatches));
    if (unit == Unit::kLeadHandler && actor.Is(Role::kHandler) && !HandlerOf(actor, c.dispatches, true))
      return Fail(Error::Forbidden("只有主办单位可以执行“" + std::string(ActionLabel(action)) + "”"));
    c.from = StateOf(c.appeal);
    MS_ASSIGN(to, NextState(c.from, action));
    c.to = to;
    const std::int64_t version = c.appeal.version;
    c.appeal.status = std::string(StateName(c.to));
    c.appeal.updated_at = c.now;
    c.event.appeal_id = id;
    c.event.at = c.now;
    c.event.actor_id = actor.IsStaff() ? store::OptId(actor.user_id) : std::nullopt;
    c.event.actor_label = actor.PublicLabel();
    c.event.action = std::string(ActionName(action));
    c.event.from_status = std::string(StateName(c.from));
    c.event.to_status = c.appeal.status;
    MS_TRY(step(tx, c));
    MS_TRY(store::UpdateAppeal(tx, c.appeal, version));
    c.appeal.version = version + 1;
    MS_TRY(store::AppendEvent(tx, c.event, c.appeal.street_id));
    // The answer shows the appeal as the actor may see it: a view of personal data is recorded with it.
    if (ShowsPersonalData(actor, c.appeal)) MS_TRY(AuditView(tx, actor, c.now, c.appeal));
    return std::move(c.appeal);
  }
}

Result<AppealRecord> RunTransition(store::Database& db, const Clock& clock, const Actor& actor, Id id,
                                   Action action, Unit unit, const Step& step) {
  return WriteValue<AppealRecord>(
      db, [&](Tx& tx) { return RunTransitionIn(tx, clock, actor, id, action, unit, step); });
}

// Issue 12: a step on an appeal that does not move it in the lifecycle (an assisting opinion, a waiver, a reply
// drafted or sent back under review), inside `tx`: the same load and scope check as a transition, then `step`
// (which checks who may take it), the appeal stored under its version and exactly one event `event_action`.
// The caller has checked the actor's role.
Result<AppealRecord> RunStepIn(Tx& tx, const Clock& clock, const Actor& actor, Id id, std::string_view event_action,
                               const Step& step) {
  MS_ASSIGN(found, store::FindAppeal(tx, id));
  if (!found) return Fail(AppealNotFound());
  Change c{std::move(*found), {}, {}, {}, {}, clock.Now()};
  MS_ASSIGN(dispatches, store::ListDispatches(tx, id));
  c.dispatches = std::move(dispatches);
  MS_TRY(CheckCanSee(tx, actor, c.appeal, c.dispatches));
  c.from = c.to = StateOf(c.appeal);
  const std::int64_t version = c.appeal.version;
  c.appeal.updated_at = c.now;
  c.event.appeal_id = id;
  c.event.at = c.now;
  c.event.actor_id = actor.IsStaff() ? store::OptId(actor.user_id) : std::nullopt;
  c.event.actor_label = actor.PublicLabel();
  c.event.action = std::string(event_action);
  c.event.from_status = c.appeal.status;
  c.event.to_status = c.appeal.status;
  MS_TRY(step(tx, c));
  MS_TRY(store::UpdateAppeal(tx, c.appeal, version));
  c.appeal.version = version + 1;
  MS_TRY(store::AppendEvent(tx, c.event, c.appeal.street_id));
  if (ShowsPersonalData(actor, c.appeal)) MS_TRY(AuditView(tx, actor, c.now, c.appeal));
  return std::move(c.appeal);
}

// The appeal is with its units: they accept, contact, reply, and the assisting units give their opinions.
bool WithUnits(AppealState s) {
  return s == AppealState::kDispatched || s == AppealState::kAccepted || s == AppealState::kInProgress;
}

// The state of the latest reply review of the appeal, and the pending draft if there is one.
struct ReviewNow {
  ReviewState state = ReviewState::kNone;
  std::optional<store::ReplyReviewRecord> pending;
};
ReviewNow CurrentReview(const std::vector<store::ReplyReviewRecord>& reviews) {
  ReviewNow out;
  if (reviews.empty()) return out;
  auto state = ParseReviewState(reviews.back().status);
  out.state = state ? *state : ReviewState::kNone;
  if (out.state == ReviewState::kPending) out.pending = reviews.back();
  return out;
}

// The reply gate (core/assisting_opinion.h) over the opinions of the appeal's active dispatches.
Status CheckOpinionGate(Tx& tx, Id appeal_id) {
  MS_ASSIGN(opinions, store::ListOpinions(tx, appeal_id));
  std::vector<OpinionGateEntry> entries;
  for (const auto& o : opinions) {
    if (!o.active) continue;
    auto state = ParseOpinionState(o.status);
    MS_ASSIGN(unit, store::FindDepartment(tx, o.unit_id));
    entries.push_back({unit ? unit->name : "#" + std::to_string(o.unit_id), state ? *state : OpinionState::kPending});
  }
  return CheckOpinionsIn(entries);
}

// Records a reply released now (a plain reply, or a draft approved by the unit head): the reply row with what the
// quality check finds it lacks (issue 14), and the appeal replied on time if released by its reply deadline. Adds
// the reply's id and flaws to the event's `data`; returns the reply's id.
Result<Id> ReleaseReply(Tx& tx, Change& c, Id author_id, const std::string& content, nlohmann::json& data) {
  const text::ReplyCheck check = text::CheckReply(c.appeal.title + "\n" + c.appeal.content, content);
  MS_ASSIGN(reply_id, store::InsertReply(tx,
                                         {.appeal_id = c.appeal.id,
                                          .unit_id = c.appeal.lead_unit_id,
                                          .author_id = author_id,
                                          .content = content,
                                          .created_at = c.now,
                                          .flaws = text::JoinReplyFlaws(check.flaws)},
                                         c.appeal.street_id));
  c.appeal.replied_at = c.now;
  c.appeal.reply_on_time = c.appeal.reply_due && c.now <= *c.appeal.reply_due ? 1 : 0;
  data["reply_id"] = reply_id;
  if (check.flagged()) {
    data["flaws"] = nlohmann::json::array();
    for (text::ReplyFlaw f : check.flaws) data["flaws"].push_back(text::ReplyFlawName(f));
  }
  return reply_id;
}

}  // namespace

Status CheckCanSeeAppeal(Tx& tx, const Actor& actor, const AppealRecord& appeal) {
  return CheckCanSee(tx, actor, appeal);
}

Result<AppealRecord> AppealService::Register(const Actor& actor, const RegisterInput& in) {
  return WriteValue<AppealRecord>(db_, [&](Tx& tx) { return RegisterIn(tx, actor, in); });
}

Result<AppealRecord> AppealService::RegisterIn(Tx& tx, const Actor& actor, const RegisterInput& in) {
  if (actor.IsStaff() && !RoleMay(actor.role, Action::kRegister))
    return Fail(Error::Forbidden("您的角色（" + std::string(RoleLabel(actor.role)) + "）不能登记诉求"));
  MS_TRY(RequireText(in.title, "title", "诉求标题"));
  MS_TRY(RequireText(in.content, "content", "诉求内容"));
  if (!IsKnownChannel(in.channel))
    return Fail(Error::Invalid("invalid_value",
                               "未知的渠道：" + in.channel +
                                   "（可选 walk_in、letter、phone、web、wall、visit、grid、deputy）",
                               "channel"));
  if (in.anonymous && !Trimmed(in.appellant_name).empty())
    return Fail(Error::Invalid("invalid_value", "匿名诉求不应填写姓名", "appellant.name"));
  if (!in.anonymous && Trimmed(in.appellant_name).empty())
    return Fail(Error::Invalid("missing_field", "实名诉求请填写诉求人姓名", "appellant.name"));
  if (!in.appellant_phone.empty() && !IsValidPhone(in.appellant_phone))
    return Fail(Error::Invalid("invalid_value", "联系电话格式不正确", "appellant.phone"));
  const Timestamp now = clock_.Now();
  // Issue 13: the three reads travel together (one round trip on PostgreSQL); checked in the same order as ever.
  auto region_later = store::FindRegionLater(tx, in.region_id);
  auto category_later = store::FindCategoryLater(tx, in.category_id);
  std::optional<store::Later<store::OptId>> shift_later;
  if (actor.IsStaff())  // a deputy registering while checked in on a duty shift: the appeal is tied to it
    shift_later.emplace(store::FindShiftOnDutyLater(tx, actor.user_id, now));
  // The appeal's id comes with them, so that its INSERT need not be waited for (two round trips in all).
  auto id_later = store::ReserveAppealIdLater(tx);
  MS_ASSIGN(region, region_later.Get());
  if (!region) return Fail(Error::Invalid("invalid_value", "所属区域不存在", "region_id"));
  if (!RegionInScope(actor, region)) return Fail(Error::Forbidden("该区域不在您负责的范围内"));
  MS_ASSIGN(category, category_later.Get());
  if (!category || !category->active) return Fail(Error::Invalid("invalid_value", "诉求分类不存在", "category_id"));
  AppealRecord a;
  a.receipt_code = NewReceiptCode();
  a.title = Trimmed(in.title);
  a.content = in.content;
  a.channel = in.channel;
  a.region_id = region->id;
  a.street_id = region->street_id;
  a.category_id = category->id;
  a.address = in.address;
  a.anonymous = in.anonymous;
  a.appellant_name = Trimmed(in.appellant_name);
  a.appellant_phone = in.appellant_phone;
  a.status = std::string(StateName(AppealState::kReceived));
  a.created_at = a.updated_at = now;
  a.created_by = actor.IsStaff() ? store::OptId(actor.user_id) : std::nullopt;
  if (shift_later) {
    MS_ASSIGN(shift, shift_later->Get());
    a.duty_shift_id = shift;
  }
  MS_ASSIGN(id, id_later.Get());
  a.id = id;
  MS_TRY(store::InsertAppealLater(tx, a));
  store::EventRecord e;
  e.appeal_id = id;
  e.at = now;
  e.actor_id = a.created_by;
  e.actor_label = actor.PublicLabel();
  e.action = std::string(ActionName(Action::kRegister));
  e.to_status = a.status;
  e.note = "通过" + std::string(ChannelLabel(a.channel)) + "渠道受理";
  MS_TRY(store::AppendEvent(tx, e, a.street_id));
  MS_TRY(LinkRepeatAtIntake(tx, actor, a, now));
  return a;
}

Result<AppealRecord> AppealService::Dispatch(const Actor& actor, Id id, const DispatchInput& in) {
  return WriteValue<AppealRecord>(db_, [&](Tx& tx) { return DispatchIn(tx, actor, id, in); });
}

Result<AppealRecord> AppealService::DispatchIn(Tx& in_tx, const Actor& actor, Id id, const DispatchInput& in) {
  auto calendar = calendar_.Get();
  return RunTransitionIn(in_tx, clock_, actor, id, Action::kDispatch, Unit::kAny, [&](Tx& tx, Change& c) -> Status {
    MS_ASSIGN(units, CheckUnitAssignment(tx, in.lead_unit_id, in.assisting_unit_ids));
    const store::DepartmentRecord* lead = &units.lead;
    const std::vector<Id>& assisting = units.assisting;
    if (in.case_owner_id) {
      MS_ASSIGN(owner, store::FindUser(tx, *in.case_owner_id));
      if (!owner || owner->role != "leader")
        return Fail(Error::Invalid("invalid_value", "包案领导不存在或不是领导角色", "case_owner_id"));
      c.appeal.case_owner_id = in.case_owner_id;
    }
    if (in.deputy_id) {
      MS_ASSIGN(deputy, store::FindUser(tx, *in.deputy_id));
      if (!deputy || deputy->role != "deputy")
        return Fail(Error::Invalid("invalid_value", "跟进代表不存在或不是代表角色", "deputy_id"));
      c.appeal.deputy_id = in.deputy_id;
    }
    MS_ASSIGN(category, store::FindCategory(tx, c.appeal.category_id));
    if (!category) return Fail(Error::Internal("诉求分类缺失"));

    const Timestamp now = c.now;
    Timestamp reply_due = ComputeDeadline(*calendar, now, category->reply_days).due;
    if (in.deadline) {
      reply_due = LocalDayStart(*in.deadline + std::chrono::days(1));
      if (reply_due <= now) return Fail(Error::Invalid("invalid_value", "办理期限不能早于今天", "deadline"));
    }
    c.appeal.lead_unit_id = in.lead_unit_id;
    c.appeal.dispatched_at = now;
    c.appeal.accept_due = ComputeDeadline(*calendar, now, category->accept_days).due;
    c.appeal.contact_due = ComputeDeadline(*calendar, now, category->contact_days).due;
    c.appeal.reply_due = reply_due;
    c.appeal.resolve_due = std::max(reply_due, ComputeDeadline(*calendar, now, category->resolve_days).due);
    c.appeal.escalate_due = ExtendDue(*calendar, reply_due, category->escalate_days);
    c.appeal.accepted_at.reset();
    c.appeal.escalated_to_leader_at.reset();
    if (c.from == AppealState::kReopened) {
      c.appeal.replied_at.reset();
      c.appeal.reply_on_time.reset();
    }
    MS_TRY(store::EndActiveDispatches(tx, id, now, "重新派单"));
    MS_TRY(store::InsertDispatch(tx, {.appeal_id = id, .unit_id = in.lead_unit_id, .role = "lead",
                                      .dispatched_at = now, .dispatched_by = actor.user_id},
                                 c.appeal.street_id));
    // Each assisting unit owes the lead unit a written opinion by the opinion deadline (issue 12).
    Timestamp opinion_due = OpinionDue(*calendar, now, reply_due);
    if (in.opinion_deadline) {
      if (assisting.empty())
        return Fail(Error::Invalid("invalid_value", "未指定协办单位，无需设置协办意见期限", "opinion_deadline"));
      opinion_due = LocalDayStart(*in.opinion_deadline + std::chrono::days(1));
      if (opinion_due <= now) return Fail(Error::Invalid("invalid_value", "协办意见期限不能早于今天", "opinion_deadline"));
      if (opinion_due > reply_due)
        return Fail(Error::Invalid("invalid_value", "协办意见期限不能晚于答复期限", "opinion_deadline"));
    }
    for (Id unit : assisting) {
      MS_ASSIGN(dispatch_id, store::InsertDispatch(tx, {.appeal_id = id, .unit_id = unit, .role = "assisting",
                                                        .dispatched_at = now, .dispatched_by = actor.user_id},
                                                   c.appeal.street_id));
      MS_TRY(store::InsertOpinion(tx, {.appeal_id = id, .street_id = c.appeal.street_id, .dispatch_id = dispatch_id,
                                       .unit_id = unit, .due_at = opinion_due, .created_at = now}));
    }
    c.event.note = in.note.empty() ? "主办：" + lead->name : in.note;
    nlohmann::json data{{"lead_unit_id", in.lead_unit_id}, {"assisting_unit_ids", assisting}, {"reply_due", reply_due}};
    if (!assisting.empty()) data["opinion_due"] = opinion_due;
    if (in.consultation_id) data["consultation_id"] = *in.consultation_id;
    c.event.data = data.dump();
    return {};
  });
}

Result<AppealRecord> AppealService::Triage(const Actor& actor, Id id, const TriageInput& in) {
  return WriteValue<AppealRecord>(db_, [&](Tx& tx) { return TriageIn(tx, actor, id, in); });
}

Result<AppealRecord> AppealService::TriageIn(Tx& in_tx, const Actor& actor, Id id, const TriageInput& in) {
  MS_TRY(RequireText(in.note, "note", "梳理意见"));
  return RunTransitionIn(in_tx, clock_, actor, id, in.route, Unit::kAny, [&](Tx& tx, Change& c) -> Status {
    c.event.note = in.note;
    if (in.consultation_id) {
      if (in.route != Action::kDeliberate && in.route != Action::kExplain)
        return Fail(Error::Invalid("invalid_value", "只有“协商议事”或“解释”路径可以指定协商议事", "consultation_id"));
      if (in.route == Action::kDeliberate) {
        // Joins the consultation in this same transaction: its topic and link are written with the event.
        MS_ASSIGN(joined, JoinConsultation(tx, actor, *in.consultation_id, c.appeal, c.now));
        c.event.data = nlohmann::json{{"consultation_id", joined.id}, {"consultation_title", joined.title}}.dump();
      } else {
        c.event.data = nlohmann::json{{"consultation_id", *in.consultation_id}}.dump();
      }
    }
    if (in.route == Action::kMerge) {
      if (!in.merge_into_id)
        return Fail(Error::Invalid("missing_field", "合并时请指定合并到的诉求", "merge_into_id"));
      if (*in.merge_into_id == id)
        return Fail(Error::Invalid("invalid_value", "不能合并到自身", "merge_into_id"));
      // The appeal merged into must be one the caller may see; one out of scope reads as missing.
      MS_ASSIGN(target, store::FindAppeal(tx, *in.merge_into_id));
      const Error missing = Error::Invalid("invalid_value", "要合并到的诉求不存在", "merge_into_id");
      if (!target) return Fail(missing);
      if (!CheckCanSee(tx, actor, *target)) return Fail(missing);
      if (IsFinished(StateOf(*target)))
        return Fail(Error::Invalid("invalid_value", "只能合并到未办结的诉求", "merge_into_id"));
      c.appeal.merged_into_id = target->id;
      // Only the id: another appeal's receipt code would let anyone who reads this event track it.
      c.event.data = nlohmann::json{{"merge_into_id", target->id}}.dump();
    }
    if (in.deputy_id) {
      // The named deputy follows the case and must explain in person before its callback (explain), or takes
      // it up in a proposal (escalate).
      if (in.route != Action::kExplain && in.route != Action::kEscalate)
        return Fail(Error::Invalid("invalid_value", "只有“解释”和“转建议提案”路径可以指定代表", "deputy_id"));
      MS_TRY(CheckNamedDeputy(tx, *in.deputy_id, c.appeal));
      if (in.route == Action::kExplain || !c.appeal.deputy_id) c.appeal.deputy_id = in.deputy_id;
      c.event.data = nlohmann::json{{"deputy_id", *in.deputy_id}}.dump();
    }
    if (in.proposal_id && in.route != Action::kEscalate)
      return Fail(Error::Invalid("invalid_value", "只有“转建议提案”路径可以指定建议", "proposal_id"));
    if (in.route == Action::kEscalate) {
      // Issue 11: a draft proposal for the deputy (or the draft named) takes the appeal up.
      MS_ASSIGN(proposal_id, EscalateToProposal(tx, actor, c.appeal, in.deputy_id, in.proposal_id, c.now));
      if (proposal_id) {
        auto data = nlohmann::json::parse(c.event.data.empty() ? "{}" : c.event.data);
        data["proposal_id"] = *proposal_id;
        c.event.data = data.dump();
      }
    }
    if (in.route == Action::kReject || in.route == Action::kMerge) c.appeal.closed_at = c.now;
    return {};
  });
}

Result<AppealRecord> AppealService::Accept(const Actor& actor, Id id, const std::string& note) {
  return RunTransition(db_, clock_, actor, id, Action::kAccept, Unit::kLeadHandler, [&](Tx&, Change& c) -> Status {
    c.appeal.accepted_at = c.now;
    c.event.note = note;
    return {};
  });
}

Result<AppealRecord> AppealService::Return(const Actor& actor, Id id, const std::string& reason) {
  MS_TRY(RequireText(reason, "reason", "退单理由"));
  return RunTransition(db_, clock_, actor, id, Action::kReturn, Unit::kLeadHandler,
                       [&](Tx& tx, Change& c) -> Status {
                         // A draft under review belongs to this unit's handling: its head decides it first.
                         MS_ASSIGN(reviews, store::ListReplyReviews(tx, id));
                         if (CurrentReview(reviews).pending)
                           return Fail(Error::Conflict("reply_under_review",
                                                       "答复正在等待单位负责人审核，审核或退回答复后才能退单"));
                         MS_TRY(store::EndActiveDispatches(tx, id, c.now, "退单：" + reason));
                         c.appeal.lead_unit_id.reset();
                         c.event.note = reason;
                         return {};
                       });
}

Result<AppealRecord> AppealService::Contact(const Actor& actor, Id id, const std::string& note,
                                            const std::string& method) {
  MS_TRY(RequireText(note, "note", "联系情况"));
  return RunTransition(db_, clock_, actor, id, Action::kContact, Unit::kLeadHandler, [&](Tx&, Change& c) -> Status {
    if (actor.Is(Role::kDeputy) && c.appeal.deputy_id != actor.user_id)
      return Fail(Error::Forbidden("只有跟进该诉求的代表可以记录联系"));
    if (!c.appeal.first_contact_at) {
      c.appeal.first_contact_at = c.now;
      c.appeal.first_contact_on_time = c.appeal.contact_due && c.now <= *c.appeal.contact_due ? 1 : 0;
    }
    c.event.note = note;
    if (!method.empty()) c.event.data = nlohmann::json{{"method", method}}.dump();
    return {};
  });
}

Result<store::ExtensionRecord> AppealService::RequestExtension(const Actor& actor, Id id, int days,
                                                               const std::string& reason) {
  if (days < 1 || days > 60)
    return Fail(Error::Invalid("invalid_value", "延期天数应在 1 到 60 个工作日之间", "days"));
  MS_TRY(RequireText(reason, "reason", "延期理由"));
  std::optional<store::ExtensionRecord> out;
  MS_TRY(RunTransition(db_, clock_, actor, id, Action::kRequestExtension, Unit::kLeadHandler,
                       [&](Tx& tx, Change& c) -> Status {
                         MS_ASSIGN(existing, store::ListExtensions(tx, id));
                         for (const auto& x : existing)
                           if (x.status == "pending")
                             return Fail(Error::Conflict("extension_pending", "已有待审批的延期申请"));
                         store::ExtensionRecord x{.appeal_id = id, .unit_id = c.appeal.lead_unit_id,
                                                  .requested_by = actor.IsStaff() ? store::OptId(actor.user_id)
                                                                                  : std::nullopt,
                                                  .days = days, .reason = reason, .status = "pending",
                                                  .created_at = c.now};
                         MS_ASSIGN(ext_id, store::InsertExtension(tx, x, c.appeal.street_id));
                         x.id = ext_id;
                         c.event.note = reason;
                         c.event.data = nlohmann::json{{"extension_id", ext_id}, {"days", days}}.dump();
                         out = x;
                         return {};
                       }));
  return std::move(*out);
}

Result<store::ExtensionRecord> AppealService::DecideExtension(const Actor& actor, Id extension_id, bool approve,
                                                              const std::string& note) {
  if (!actor.Is(Role::kCoordinator) && !actor.Is(Role::kLeader) && !actor.Is(Role::kAdmin))
    return Fail(Error::Forbidden("只有街镇枢纽、包案领导或管理员可以审批延期"));
  auto calendar = calendar_.Get();
  std::optional<store::ExtensionRecord> out;
  MS_TRY(db_.Write([&](Tx& tx) -> Status {
    const Error missing = Error::NotFound("延期申请不存在", "id");
    MS_ASSIGN(found, store::FindExtension(tx, extension_id));
    if (!found) return Fail(missing);
    store::ExtensionRecord x = std::move(*found);
    MS_ASSIGN(appeal, store::FindAppeal(tx, x.appeal_id));
    if (!appeal) return Fail(Error::Internal("延期申请对应的诉求缺失"));
    if (!CheckCanSee(tx, actor, *appeal)) return Fail(missing);
    if (x.status != "pending") return Fail(Error::Conflict("already_decided", "该延期申请已处理"));
    const Timestamp now = clock_.Now();
    x.status = approve ? "approved" : "refused";
    x.decided_by = actor.user_id;
    x.decided_at = now;
    x.decision_note = note;
    MS_TRY(store::DecideExtension(tx, x));
    AppealRecord a = *appeal;
    const std::int64_t version = a.version;
    nlohmann::json data{{"extension_id", x.id}, {"approved", approve}, {"days", x.days}};
    if (approve) {
      if (a.reply_due) a.reply_due = ExtendDue(*calendar, *a.reply_due, x.days);
      if (a.resolve_due) a.resolve_due = ExtendDue(*calendar, *a.resolve_due, x.days);
      if (a.escalate_due) a.escalate_due = ExtendDue(*calendar, *a.escalate_due, x.days);
      data["reply_due"] = a.reply_due ? nlohmann::json(*a.reply_due) : nlohmann::json();
      // The assisting units' pending opinions move with the reply deadline (issue 12).
      MS_ASSIGN(opinions, store::ListOpinions(tx, a.id));
      for (const auto& o : opinions)
        if (o.active && o.status == "pending")
          MS_TRY(store::SetOpinionDue(tx, o.id, ExtendDue(*calendar, o.due_at, x.days)));
    }
    a.updated_at = now;
    MS_TRY(store::UpdateAppeal(tx, a, version));
    store::EventRecord e{.appeal_id = a.id, .at = now, .actor_id = actor.user_id,
                         .actor_label = actor.PublicLabel(),
                         .action = approve ? "extension_approved" : "extension_refused",
                         .from_status = a.status, .to_status = a.status, .note = note, .data = data.dump()};
    MS_TRY(store::AppendEvent(tx, e, a.street_id));
    out = std::move(x);
    return {};
  }));
  return std::move(*out);
}

Result<AppealRecord> AppealService::Reply(const Actor& actor, Id id, const std::string& content) {
  MS_TRY(RequireText(content, "content", "答复内容"));
  return WriteValue<AppealRecord>(db_, [&](Tx& tx) -> Result<AppealRecord> {
    // A draft for review: a handler (not the head) of a lead unit that reviews its replies.
    bool draft = false;
    if (actor.Is(Role::kHandler) && !actor.unit_head) {
      MS_ASSIGN(found, store::FindAppeal(tx, id));
      if (found && found->lead_unit_id) {
        MS_ASSIGN(reviews, store::DepartmentReviewsReplies(tx, *found->lead_unit_id));
        draft = reviews;
      }
    }
    if (draft) {
      if (!RoleMay(actor.role, Action::kReply))
        return Fail(Error::Forbidden("您的角色（" + std::string(RoleLabel(actor.role)) + "）不能执行“答复”"));
      return RunStepIn(tx, clock_, actor, id, "reply_drafted", [&](Tx& step_tx, Change& c) -> Status {
        if (!HandlerOf(actor, c.dispatches, true)) return Fail(Error::Forbidden("只有主办单位可以执行“答复”"));
        MS_TRY(NextState(c.from, Action::kReply));
        MS_ASSIGN(reviews, store::ListReplyReviews(step_tx, id));
        MS_TRY(NextReviewState(CurrentReview(reviews).state, ReviewAction::kDraft,
                               {.lead_handler = true, .unit_head = actor.unit_head}));
        MS_TRY(CheckOpinionGate(step_tx, id));
        MS_ASSIGN(review_id, store::InsertReplyReview(step_tx, {.appeal_id = id, .street_id = c.appeal.street_id,
                                                                .unit_id = *c.appeal.lead_unit_id, .content = content,
                                                                .drafted_by = actor.user_id, .drafted_at = c.now}));
        c.event.note = content;
        c.event.data = nlohmann::json{{"review_id", review_id}}.dump();
        return {};
      });
    }
    return RunTransitionIn(tx, clock_, actor, id, Action::kReply, Unit::kLeadHandler, [&](Tx& step_tx, Change& c) -> Status {
      MS_ASSIGN(reviews, store::ListReplyReviews(step_tx, id));
      if (CurrentReview(reviews).pending)
        return Fail(Error::Conflict("reply_under_review", "已有答复待单位负责人审核，审核或退回后才能再次答复"));
      MS_TRY(CheckOpinionGate(step_tx, id));
      nlohmann::json data = nlohmann::json::object();
      MS_TRY(ReleaseReply(step_tx, c, actor.user_id, content, data));
      c.event.note = content;
      c.event.data = data.dump();
      return {};
    });
  });
}

Result<AppealRecord> AppealService::ApproveReply(const Actor& actor, Id id, const std::string& note) {
  MS_TRY(RequireOperation(actor, Operation::kReviewReplies, "审核答复"));
  return RunTransition(db_, clock_, actor, id, Action::kReply, Unit::kLeadHandler, [&](Tx& tx, Change& c) -> Status {
    MS_ASSIGN(reviews, store::ListReplyReviews(tx, id));
    ReviewNow now = CurrentReview(reviews);
    const bool drafter = now.pending && now.pending->drafted_by == actor.user_id;
    MS_TRY(NextReviewState(now.state, ReviewAction::kApprove,
                           {.lead_handler = HandlerOf(actor, c.dispatches, true), .unit_head = actor.unit_head,
                            .drafter = drafter}));
    MS_TRY(CheckOpinionGate(tx, id));
    store::ReplyReviewRecord r = std::move(*now.pending);
    nlohmann::json data{{"review_id", r.id}};
    MS_ASSIGN(reply_id, ReleaseReply(tx, c, r.drafted_by, r.content, data));
    r.status = std::string(ReviewStateName(ReviewState::kApproved));
    r.reviewed_by = actor.user_id;
    r.reviewed_at = c.now;
    r.review_note = note;
    r.reply_id = reply_id;
    MS_TRY(store::DecideReplyReview(tx, r));
    c.event.action = "reply_approved";
    c.event.note = r.content;  // the released reply, as a plain reply's event carries it
    data["drafted_by"] = r.drafted_by;
    if (!note.empty()) data["review_note"] = note;
    c.event.data = data.dump();
    return {};
  });
}

Result<AppealRecord> AppealService::SendBackReply(const Actor& actor, Id id, const std::string& reason) {
  MS_TRY(RequireOperation(actor, Operation::kReviewReplies, "审核答复"));
  MS_TRY(RequireText(reason, "reason", "退回理由"));
  return WriteValue<AppealRecord>(db_, [&](Tx& tx) {
    return RunStepIn(tx, clock_, actor, id, "reply_sent_back", [&](Tx& step_tx, Change& c) -> Status {
      MS_ASSIGN(reviews, store::ListReplyReviews(step_tx, id));
      ReviewNow now = CurrentReview(reviews);
      const bool drafter = now.pending && now.pending->drafted_by == actor.user_id;
      MS_TRY(NextReviewState(now.state, ReviewAction::kSendBack,
                             {.lead_handler = HandlerOf(actor, c.dispatches, true), .unit_head = actor.unit_head,
                              .drafter = drafter}));
      store::ReplyReviewRecord r = std::move(*now.pending);
      r.status = std::string(ReviewStateName(ReviewState::kSentBack));
      r.reviewed_by = actor.user_id;
      r.reviewed_at = c.now;
      r.review_note = reason;
      MS_TRY(store::DecideReplyReview(step_tx, r));
      c.event.note = reason;
      c.event.data = nlohmann::json{{"review_id", r.id}, {"drafted_by", r.drafted_by}}.dump();
      return {};
    });
  });
}

Result<store::OpinionRecord> AppealService::GiveOpinion(const Actor& actor, Id id, const std::string& content) {
  MS_TRY(RequireOperation(actor, Operation::kGiveOpinion, "提交协办意见"));
  MS_TRY(RequireText(content, "content", "协办意见"));
  std::optional<store::OpinionRecord> out;
  MS_TRY(WriteValue<AppealRecord>(db_, [&](Tx& tx) {
    return RunStepIn(tx, clock_, actor, id, "opinion", [&](Tx& step_tx, Change& c) -> Status {
      MS_ASSIGN(opinions, store::ListOpinions(step_tx, id));
      const store::OpinionRecord* mine = nullptr;
      bool earlier = false;  // the unit assisted in an earlier round only
      for (const auto& o : opinions) {
        if (!actor.department_id || o.unit_id != *actor.department_id) continue;
        if (o.active) mine = &o;
        else earlier = true;
      }
      if (mine == nullptr && !earlier) return Fail(Error::Forbidden("只有本诉求的协办单位可以提交协办意见"));
      if (mine == nullptr || !WithUnits(c.from))
        return Fail(Error::Conflict("invalid_transition", "诉求当前状态为“" + std::string(StateLabel(c.from)) +
                                                              "”，无需再提交协办意见"));
      auto state = ParseOpinionState(mine->status);
      MS_TRY(NextOpinionState(state ? *state : OpinionState::kPending, OpinionAction::kGive));
      store::OpinionRecord o = *mine;
      o.status = std::string(OpinionStateName(OpinionState::kGiven));
      o.content = content;
      o.given_by = actor.user_id;
      o.given_at = c.now;
      o.on_time = c.now <= o.due_at ? 1 : 0;
      MS_TRY(store::CloseOpinion(step_tx, o));
      c.event.note = content;
      c.event.data = nlohmann::json{{"opinion_id", o.id}, {"unit_id", o.unit_id}, {"on_time", *o.on_time == 1}}.dump();
      out = std::move(o);
      return {};
    });
  }));
  return std::move(*out);
}

Result<store::OpinionRecord> AppealService::WaiveOpinion(const Actor& actor, Id id, Id unit_id,
                                                         const std::string& reason) {
  MS_TRY(RequireOperation(actor, Operation::kWaiveOpinion, "免于协办意见"));
  MS_TRY(RequireText(reason, "reason", "免于提交的理由"));
  std::optional<store::OpinionRecord> out;
  MS_TRY(WriteValue<AppealRecord>(db_, [&](Tx& tx) {
    return RunStepIn(tx, clock_, actor, id, "opinion_waived", [&](Tx& step_tx, Change& c) -> Status {
      MS_ASSIGN(opinions, store::ListOpinions(step_tx, id));
      const store::OpinionRecord* target = nullptr;
      for (const auto& o : opinions)
        if (o.active && o.unit_id == unit_id) target = &o;
      if (target == nullptr)
        return Fail(Error::Invalid("invalid_value", "该单位不是本诉求当前的协办单位", "unit_id"));
      if (!WithUnits(c.from))
        return Fail(Error::Conflict("invalid_transition", "诉求当前状态为“" + std::string(StateLabel(c.from)) +
                                                              "”，无需免于协办意见"));
      auto state = ParseOpinionState(target->status);
      MS_TRY(NextOpinionState(state ? *state : OpinionState::kPending, OpinionAction::kWaive));
      store::OpinionRecord o = *target;
      o.status = std::string(OpinionStateName(OpinionState::kWaived));
      o.waived_by = actor.user_id;
      o.waived_at = c.now;
      o.waive_reason = reason;
      MS_TRY(store::CloseOpinion(step_tx, o));
      c.event.note = reason;
      c.event.data = nlohmann::json{{"opinion_id", o.id}, {"unit_id", o.unit_id}}.dump();
      out = std::move(o);
      return {};
    });
  }));
  return std::move(*out);
}

Result<store::DepartmentRecord> AppealService::SetReviewReplies(const Actor& actor, Id department_id, bool review) {
  MS_TRY(RequireOperation(actor, Operation::kManageReference, "设置部门答复审核"));
  return WriteValue<store::DepartmentRecord>(db_, [&](Tx& tx) -> Result<store::DepartmentRecord> {
    MS_ASSIGN(found, store::FindDepartment(tx, department_id));
    if (!found) return Fail(Error::NotFound("部门不存在", "id"));
    MS_TRY(store::SetDepartmentReviewsReplies(tx, department_id, review));
    MS_TRY(Audit(tx, actor, clock_.Now(), "department_review_replies", "department", department_id, std::nullopt,
                 {{"code", found->code}, {"review_replies", review}}));
    found->review_replies = review;
    return std::move(*found);
  });
}

namespace {

// The callback's causes once checked (core/dissatisfaction.h).
Result<std::vector<DissatisfactionCause>> ValidateCallback(const CallbackInput& in) {
  if (!IsKnownSatisfaction(in.satisfaction))
    return Fail(Error::Invalid("invalid_value", "满意度应为 satisfied、basically_satisfied 或 dissatisfied",
                               "satisfaction"));
  if (in.satisfaction == "dissatisfied" && Trimmed(in.reason).empty())
    return Fail(Error::Invalid("missing_field", "不满意时请说明原因", "reason"));
  return ParseCauses(in.causes, in.satisfaction == "dissatisfied");
}

Step CallbackStep(const Actor& actor, const CallbackInput& in, std::vector<DissatisfactionCause> causes) {
  return [&actor, in, causes = std::move(causes)](Tx& tx, Change& c) -> Status {
    if (c.from == AppealState::kExplaining) MS_TRY(RequireDeputyExplanation(tx, c.appeal.id));
    const bool dissatisfied = in.satisfaction == "dissatisfied";
    MS_ASSIGN(callback_id,
              store::InsertCallback(tx, {.appeal_id = c.appeal.id, .resolved = in.resolved,
                                         .satisfaction = in.satisfaction, .reason = in.reason,
                                         .source = actor.IsStaff() ? "staff" : "resident",
                                         .recorded_by = actor.IsStaff() ? store::OptId(actor.user_id) : std::nullopt,
                                         .created_at = c.now},
                                    c.appeal.street_id));
    std::vector<store::CallbackCauseRecord> rows;
    nlohmann::json cause_names = nlohmann::json::array();
    for (auto cause : causes) {
      rows.push_back({.callback_id = callback_id, .cause = std::string(CauseName(cause)),
                      .note = cause == DissatisfactionCause::kOther ? Trimmed(in.reason) : ""});
      cause_names.push_back(CauseName(cause));
    }
    MS_TRY(store::InsertCallbackCauses(tx, c.appeal.id, c.appeal.street_id, callback_id, c.appeal.lead_unit_id,
                                       c.appeal.deputy_id, rows, c.now));
    c.appeal.callback_count += 1;
    c.appeal.last_resolved = in.resolved ? 1 : 0;
    c.appeal.last_satisfaction = in.satisfaction;
    nlohmann::json data{{"resolved", in.resolved}, {"satisfaction", in.satisfaction}};
    std::string owner_note;
    if (dissatisfied) {
      data["causes"] = cause_names;
      c.appeal.reopen_count += 1;
      c.appeal.dissatisfied_count += 1;
      if (c.appeal.dissatisfied_count >= 2) {
        // A second dissatisfaction goes to a leader (DESIGN.md §2).
        if (!c.appeal.case_owner_id) {
          // Issue 12: the leader responsible for the appeal's street; the note says whether that rule applied.
          MS_ASSIGN(leader, LeaderForAppeal(tx, c.appeal));
          c.appeal.case_owner_id = leader.leader_id;
          owner_note = LeaderChoiceNote(leader);
        }
        c.appeal.escalated_to_leader_at = c.now;
        data["case_owner_id"] = c.appeal.case_owner_id ? nlohmann::json(*c.appeal.case_owner_id) : nlohmann::json();
      }
    } else {
      c.appeal.closed_at = c.now;
      c.appeal.closed_on_time = c.appeal.reply_on_time.value_or(0);
    }
    c.event.note = in.reason + owner_note;
    c.event.data = data.dump();
    return {};
  };
}

}  // namespace

Result<AppealRecord> AppealService::Callback(const Actor& actor, Id id, const CallbackInput& in) {
  MS_ASSIGN(causes, ValidateCallback(in));
  const Action action = in.satisfaction == "dissatisfied" ? Action::kCallbackDissatisfied : Action::kCallbackSatisfied;
  return RunTransition(db_, clock_, actor, id, action, Unit::kAny, CallbackStep(actor, in, std::move(causes)));
}

Result<AppealRecord> AppealService::CallbackByReceipt(const std::string& receipt_code, const CallbackInput& in) {
  MS_ASSIGN(causes, ValidateCallback(in));
  MS_ASSIGN(appeal, ReadValue<AppealRecord>(db_, [&](Tx& tx) -> Result<AppealRecord> {
    MS_ASSIGN(found, store::FindAppealByReceiptCode(tx, receipt_code));
    if (!found) return Fail(Error::NotFound("查询码不存在", "receipt_code"));
    return std::move(*found);
  }));
  static const Actor kResident = Actor::Resident();
  const Action action = in.satisfaction == "dissatisfied" ? Action::kCallbackDissatisfied : Action::kCallbackSatisfied;
  return RunTransition(db_, clock_, kResident, appeal.id, action, Unit::kAny,
                       CallbackStep(kResident, in, std::move(causes)));
}

Result<AppealRecord> AppealService::LinkRepeat(const Actor& actor, Id id, Id repeat_of_id, const std::string& note) {
  MS_TRY(RequireOperation(actor, Operation::kLinkRepeats, "关联重复诉求"));
  return WriteValue<AppealRecord>(db_, [&](Tx& tx) -> Result<AppealRecord> {
    MS_ASSIGN(earlier, store::FindAppeal(tx, repeat_of_id));
    if (!earlier || !CheckCanSee(tx, actor, *earlier))
      return Fail(Error::Invalid("invalid_value", "要关联的诉求不存在", "repeat_of_id"));
    if (earlier->id == id) return Fail(Error::Invalid("invalid_value", "不能关联诉求本身", "repeat_of_id"));
    if (earlier->status == StateName(AppealState::kMerged))
      return Fail(Error::Invalid("invalid_value", "要关联的诉求已被合并，请关联合并后的诉求", "repeat_of_id"));
    const std::string why = Trimmed(note);
    std::string later_code;
    MS_ASSIGN(later, RunStepIn(tx, clock_, actor, id, "repeat_linked", [&](Tx& tx, Change& c) -> Status {
      if (earlier->created_at > c.appeal.created_at ||
          (earlier->created_at == c.appeal.created_at && earlier->id > c.appeal.id))
        return Fail(Error::Invalid("invalid_value", "重复诉求应关联更早受理的诉求", "repeat_of_id"));
      MS_TRY(store::InsertRepeatLink(tx, {.appeal_id = id, .repeat_of_id = earlier->id, .reason = "manual",
                                          .linked_by = actor.user_id, .created_at = c.now},
                                     c.appeal.street_id));
      later_code = c.appeal.receipt_code + "「" + c.appeal.title + "」";
      c.event.note = "重复诉求：与 " + earlier->receipt_code + "「" + earlier->title + "」相同（" +
                     std::string(RepeatReasonLabel(RepeatReason::kManual)) + (why.empty() ? "" : "：" + why) + "）";
      c.event.data = nlohmann::json{{"repeat_of_id", earlier->id}, {"reason", "manual"}}.dump();
      return {};
    }));
    MS_TRY(NoteRepeatOnOther(tx, actor, earlier->id, clock_.Now(), "repeat_linked",
                             "收到重复诉求 " + later_code + "（" + std::string(RepeatReasonLabel(RepeatReason::kManual)) +
                                 "）",
                             id));
    return later;
  });
}

Result<AppealRecord> AppealService::UnlinkRepeat(const Actor& actor, Id id, Id other_id, const std::string& note) {
  MS_TRY(RequireOperation(actor, Operation::kLinkRepeats, "取消重复诉求关联"));
  MS_TRY(RequireText(note, "reason", "取消关联的理由"));
  return WriteValue<AppealRecord>(db_, [&](Tx& tx) -> Result<AppealRecord> {
    MS_ASSIGN(other, store::FindAppeal(tx, other_id));
    if (!other || !CheckCanSee(tx, actor, *other))
      return Fail(Error::NotFound("这两件诉求没有关联为重复诉求", "other_id"));
    std::string this_code;
    MS_ASSIGN(appeal, RunStepIn(tx, clock_, actor, id, "repeat_unlinked", [&](Tx& tx, Change& c) -> Status {
      MS_TRY(store::DeleteRepeatLink(tx, id, other_id));
      this_code = c.appeal.receipt_code;
      c.event.note = "取消与 " + other->receipt_code + " 的重复诉求关联：" + Trimmed(note);
      c.event.data = nlohmann::json{{"other_id", other_id}}.dump();
      return {};
    }));
    MS_TRY(NoteRepeatOnOther(tx, actor, other_id, clock_.Now(), "repeat_unlinked",
                             "取消与 " + this_code + " 的重复诉求关联：" + Trimmed(note), id));
    return appeal;
  });
}

Result<AppealRecord> AppealService::Reopen(const Actor& actor, Id id, const std::string& reason) {
  MS_TRY(RequireText(reason, "reason", "重办理由"));
  return RunTransition(db_, clock_, actor, id, Action::kReopen, Unit::kAny, [&](Tx&, Change& c) -> Status {
    c.appeal.reopen_count += 1;
    c.appeal.closed_at.reset();
    c.appeal.closed_on_time.reset();
    c.event.note = reason;
    return {};
  });
}

Result<AppealRecord> AppealService::Close(const Actor& actor, Id id, const std::string& note) {
  return RunTransition(db_, clock_, actor, id, Action::kClose, Unit::kAny, [&](Tx& tx, Change& c) -> Status {
    if (c.from == AppealState::kExplaining) MS_TRY(RequireDeputyExplanation(tx, c.appeal.id));
    c.appeal.closed_at = c.now;
    c.appeal.closed_on_time = c.appeal.reply_on_time.value_or(c.from == AppealState::kReplied ? 0 : 1);
    c.event.note = note;
    return {};
  });
}

Result<std::shared_ptr<const AppealDetail>> AppealService::LoadDetail(Tx& tx, AppealRecord appeal) {
  const Id id = appeal.id;
  if (auto cached = cache_.Find(id, appeal.version)) return cached;
  AppealDetail d;
  d.appeal = std::move(appeal);
  // One statement says which lists hold rows; the empty ones (most of them, for most appeals) are not read.
  MS_ASSIGN(has, store::ProbeAppealChildren(tx, id));
  MS_ASSIGN(timeline, store::ListEvents(tx, id));
  d.timeline = std::move(timeline);
  if (has.dispatches) {
    MS_ASSIGN(dispatches, store::ListDispatches(tx, id));
    d.dispatches = std::move(dispatches);
  }
  if (has.replies) {
    MS_ASSIGN(replies, store::ListReplies(tx, id));
    d.replies = std::move(replies);
  }
  if (has.callbacks) {
    MS_ASSIGN(callbacks, store::ListCallbacks(tx, id));
    d.callbacks = std::move(callbacks);
  }
  if (has.extensions) {
    MS_ASSIGN(extensions, store::ListExtensions(tx, id));
    d.extensions = std::move(extensions);
  }
  if (has.notices) {
    MS_ASSIGN(notices, store::ListNoticesOfAppeal(tx, id));
    d.notices = std::move(notices);
  }
  // Without contacts or opinions and not explaining, the following is empty (LoadDeputyFollowing reads nothing else).
  if (has.deputy_contacts || has.deputy_opinions || d.appeal.status == "explaining") {
    MS_ASSIGN(following, LoadDeputyFollowing(tx, d.appeal));
    d.following = std::move(following);
  }
  d.field_log_id = has.field_log_id;
  if (has.opinions) {
    MS_ASSIGN(opinions, store::ListOpinions(tx, id));
    d.opinions = std::move(opinions);
  }
  if (has.reply_reviews) {
    MS_ASSIGN(reply_reviews, store::ListReplyReviews(tx, id));
    d.reply_reviews = std::move(reply_reviews);
  }
  if (has.callback_causes) {
    MS_ASSIGN(causes, store::ListCallbackCauses(tx, id));
    d.callback_causes = std::move(causes);
  }
  if (has.repeat_links) {
    MS_ASSIGN(repeat_links, store::ListRepeatLinks(tx, id));
    d.repeat_links = std::move(repeat_links);
  }
  // One query names the timeline's actors, the case owner, the deputy and the registrar.
  std::vector<store::OptId> people = ActorNames::IdsOf(d.timeline);
  people.insert(people.end(), {d.appeal.case_owner_id, d.appeal.deputy_id, d.appeal.created_by});
  MS_ASSIGN(actors, ActorNames::Load(tx, people));
  d.case_owner_name = actors.Person(d.appeal.case_owner_id);
  d.deputy_name = actors.Person(d.appeal.deputy_id);
  d.first_asked_by_name = actors.Person(d.appeal.created_by);
  d.actors = std::move(actors);
  std::vector<store::PlanStepRecord> plan_steps;  // issue 12, the case owner's plan
  if (has.plan_steps) {
    MS_ASSIGN(steps, store::ListPlanSteps(tx, id));
    plan_steps = std::move(steps);
  }
  d.case_plan = PlanOf(std::move(plan_steps), LocalDay(clock_.Now()));
  auto loaded = std::make_shared<const AppealDetail>(std::move(d));
  cache_.Put(id, loaded->appeal.version, loaded);
  return loaded;
}

Result<AppealDetail> AppealService::Get(const Actor& actor, Id id) {
  MS_ASSIGN(view, GetUnrecorded(actor, id));
  // Recorded before the answer is sent: an unrecorded view is not shown.
  if (ViewIsAudited(actor, view.detail->appeal)) MS_TRY(RecordView(actor, view.detail->appeal));
  AppealDetail detail = *view.detail;
  detail.case_plan = std::move(view.case_plan);
  return detail;
}

bool AppealService::ViewIsAudited(const Actor& actor, const AppealRecord& appeal) const {
  return ShowsPersonalData(actor, appeal);
}

Status AppealService::RecordView(const Actor& actor, const AppealRecord& appeal) {
  return db_.Write([&](Tx& tx) { return AuditView(tx, actor, clock_.Now(), appeal); });
}

Result<AppealView> AppealService::GetUnrecorded(const Actor& actor, Id id) {
  return ReadValue<AppealView>(db_, [&](Tx& tx) -> Result<AppealView> {
    // A detail read again (staff reread the open cases of their queues) costs one short statement here.
    MS_ASSIGN(stamp, store::FindAppealStamp(tx, id));
    if (!stamp) return Fail(AppealNotFound());
    AppealView view;
    view.detail = cache_.Find(id, stamp->version);
    if (!view.detail) {
      MS_ASSIGN(found, store::FindAppeal(tx, id));
      if (!found) return Fail(AppealNotFound());
      MS_ASSIGN(loaded, LoadDetail(tx, std::move(*found)));
      view.detail = std::move(loaded);
    }
    MS_TRY(CheckCanSee(tx, actor, view.detail->appeal, view.detail->dispatches));
    // Read now, not cached: the admin may switch it without touching the appeal.
    view.lead_reviews_replies = view.detail->appeal.lead_unit_id && stamp->lead_reviews_replies;
    // The plan's progress counts overdue steps as of today, not as of when the detail was cached.
    view.case_plan = PlanOf(view.detail->case_plan.steps, LocalDay(clock_.Now()));
    return view;
  });
}

Result<AppealDetail> AppealService::Track(const std::string& receipt_code) {
  return ReadValue<AppealDetail>(db_, [&](Tx& tx) -> Result<AppealDetail> {
    MS_ASSIGN(found, store::FindAppealByReceiptCode(tx, receipt_code));
    if (!found) return Fail(Error::NotFound("查询码不存在", "receipt_code"));
    MS_ASSIGN(detail, LoadDetail(tx, std::move(*found)));
    return AppealDetail(*detail);
  });
}

Result<store::AppealPage> AppealService::List(const Actor& actor, store::AppealFilter filter) {
  if (actor.Is(Role::kHandler)) {
    if (!actor.department_id) return Fail(Error::Forbidden("您的账号未绑定部门"));
    filter.scope_unit_id = actor.department_id;
  } else if (actor.Is(Role::kDeputy)) {
    filter.scope_deputy_user = actor.user_id;
  } else if (!actor.DistrictWide()) {
    // An assistant asking for the queue of the deputy they assist sees that deputy's cases wherever they lie.
    bool assisting = false;
    if (filter.deputy_id) {
      MS_ASSIGN(assists, ReadValue<bool>(db_, [&](Tx& tx) {
        return store::IsDeputyAssistant(tx, *filter.deputy_id, actor.user_id);
      }));
      assisting = assists;
    }
    if (!assisting) filter.scope_path = actor.region_path;
  }
  filter.count_cap = list_count_cap_;
  MS_ASSIGN(page, ReadMayLagValue<store::AppealPage>(db_, [&](Tx& tx) { return store::ListAppeals(tx, filter); }));
  // One entry for the page, naming every appeal whose resident it shows unmasked.
  std::vector<Id> shown;
  for (const auto& a : page.items)
    if (ShowsPersonalData(actor, a)) shown.push_back(a.id);
  if (!shown.empty())
    MS_TRY(db_.Write([&](Tx& tx) {
      return Audit(tx, actor, clock_.Now(), "view_personal_data", "appeal_list", std::nullopt, std::nullopt,
                   {{"appeal_ids", shown}});
    }));
  return page;
}

Result<store::NoticePage> AppealService::ListNotices(const Actor& actor, store::NoticeFilter filter) {
  if (actor.Is(Role::kHandler)) {
    if (filter.unit_id && filter.unit_id != actor.department_id)
      return Fail(Error::Forbidden("只能查看本部门的督办单"));
    filter.unit_id = actor.department_id;
  } else if (actor.Is(Role::kDeputy)) {
    filter.scope_deputy_user = actor.user_id;
  } else if (!actor.DistrictWide()) {
    filter.scope_path = actor.region_path;
  }
  return ReadMayLagValue<store::NoticePage>(db_, [&](Tx& tx) { return store::ListNotices(tx, filter); });
}

bool AppealService::MaySeePersonalData(const Actor& actor, const AppealRecord& appeal) const {
  return PersonalDataVisible(actor, appeal);
}

std::string_view AppealService::UrgencyOf(const AppealRecord& a) const {
  if (!a.reply_due || !a.dispatched_at || a.replied_at || IsFinished(StateOf(a))) return UrgencyName(Urgency::kNormal);
  const auto calendar = calendar_.Get();
  const Timestamp now = clock_.Now();
  if (now > *a.reply_due) return UrgencyName(Urgency::kRed);
  const std::int64_t total = WorkingSecondsBetween(*calendar, *a.dispatched_at, *a.reply_due);
  const std::int64_t used = WorkingSecondsBetween(*calendar, *a.dispatched_at, now);
  return UrgencyName(used * 100 >= total * kWarnPercent ? Urgency::kYellow : Urgency::kNormal);
}

AppealTiming AppealService::TimingOf(const AppealRecord& a) const {
  const AppealDues dues{.accept = a.accept_due, .contact = a.contact_due, .reply = a.reply_due,
                        .resolve = a.resolve_due};
  const AppealState state = StateOf(a);
  return {.urgency = UrgencyOf(a), .current_due = CurrentDue(state, dues),
          .overdue_days = OverdueDays(state, dues, clock_.Now())};
}

std::vector<std::string> AppealService::AllowedActions(const Actor& actor, const AppealDetail& detail) const {
  std::vector<std::string> out;
  if (!actor.IsStaff()) return out;
  const AppealState state = StateOf(detail.appeal);
  const bool lead_handler = HandlerOf(actor, detail.dispatches, true);
  bool opinion_missing = false, my_opinion_pending = false;
  for (const auto& o : detail.opinions) {
    if (!o.active || o.status != OpinionStateName(OpinionState::kPending)) continue;
    opinion_missing = true;
    if (actor.department_id && o.unit_id == *actor.department_id) my_opinion_pending = true;
  }
  const ReviewNow review = CurrentReview(detail.reply_reviews);
  for (Action a : ActionsFrom(state)) {
    if (!RoleMay(actor.role, a)) continue;
    const bool needs_lead = a == Action::kAccept || a == Action::kReturn || a == Action::kReply ||
                            a == Action::kRequestExtension || (a == Action::kContact && actor.Is(Role::kHandler));
    if (needs_lead && actor.Is(Role::kHandler) && !lead_handler) continue;
    if (a == Action::kContact && actor.Is(Role::kDeputy) && detail.appeal.deputy_id != actor.user_id) continue;
    // The explain route's named deputy has not explained in person yet (RequireDeputyExplanation).
    const bool ends_explaining =
        a == Action::kCallbackSatisfied || a == Action::kCallbackDissatisfied || a == Action::kClose;
    if (ends_explaining && detail.following.explanation_missing) continue;
    // Issue 12: no reply while an assisting opinion is missing or a draft waits for the unit head.
    if (a == Action::kReply && (opinion_missing || review.pending)) continue;
    if (a == Action::kReturn && review.pending) continue;  // the head decides the draft first
    std::string name(ActionName(a));
    if (a == Action::kDeliberate || a == Action::kEscalate || a == Action::kExplain || a == Action::kMerge ||
        a == Action::kReject)
      name = "triage";
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  // Issue 12: the assisting unit's opinion, the coordinator's waiver, the head's review.
  if (WithUnits(state)) {
    if (actor.Is(Role::kHandler) && RoleMayDo(actor.role, Operation::kGiveOpinion) && my_opinion_pending)
      out.emplace_back(OpinionActionName(OpinionAction::kGive));
    if (RoleMayDo(actor.role, Operation::kWaiveOpinion) && opinion_missing)
      out.emplace_back(OpinionActionName(OpinionAction::kWaive));
  }
  if (state == AppealState::kInProgress && RoleMayDo(actor.role, Operation::kReviewReplies) && review.pending) {
    const Reviewer who{.lead_handler = lead_handler, .unit_head = actor.unit_head,
                       .drafter = review.pending->drafted_by == actor.user_id};
    for (ReviewAction a : ReviewActionsFor(review.state, who)) out.emplace_back(ReviewActionName(a));
  }
  // Issue 12, the case owner's plan: its owner writes and follows it while the appeal is open.
  if (RoleMayDo(actor.role, Operation::kOwnCases) && detail.appeal.case_owner_id == actor.user_id &&
      !IsFinished(state))
    out.emplace_back("write_plan");
  return out;
}

std::vector<std::string> AppealService::RepeatActions(const Actor& actor, const AppealDetail& detail) const {
  std::vector<std::string> out;
  if (!RoleMayDo(actor.role, Operation::kLinkRepeats) || !actor.IsStaff()) return out;
  if (StateOf(detail.appeal) != AppealState::kMerged) out.emplace_back("link");
  if (!detail.repeat_links.repeat_of.empty() || !detail.repeat_links.repeats.empty()) out.emplace_back("unlink");
  return out;
}

}  // namespace minsheng::app
