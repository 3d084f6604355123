#include "app/proposal_service.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/appeal_service.h"
#include "app/region_scope.h"
#include "app/unit_assignment.h"
#include "core/calendar.h"
#include "core/consultation.h"
#include "core/deputy_following.h"
#include "core/lifecycle.h"
#include "store/appeal_repository.h"
#include "store/consultation_repository.h"
#include "store/deputy_case_repository.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::AppealRecord;
using store::Id;
using store::OptId;
using store::Tx;
using std::chrono::sys_days;
using A = ProposalAction;
using S = ProposalStep;

constexpr std::size_t kTitleMax = 200;
constexpr std::size_t kTextMax = 20000;
constexpr int kDefaultAnswerDays = 90;  // a proposal's answer is due within three months of its assignment

Error ProposalNotFound() { return Error::NotFound("建议不存在", "id"); }

std::string Trimmed(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

Status RequireText(const std::string& text, std::string_view field, std::string_view what, std::size_t max) {
  if (Trimmed(text).empty())
    return Fail(Error::Invalid("missing_field", "请填写" + std::string(what), std::string(field)));
  if (text.size() > max) return Fail(Error::Invalid("too_long", std::string(what) + "过长", std::string(field)));
  return {};
}

// Worded as api/route_access.cpp words the routes' refusals.
std::string_view OperationWhat(Operation op) {
  switch (op) {
    case Operation::kReadProposals: return "查看建议提案";
    case Operation::kKeepProposals: return "登记或提交建议提案";
    case Operation::kAssignProposals: return "交办建议提案";
    case Operation::kHandleProposals: return "办理建议提案";
    case Operation::kRateProposals: return "评价建议提案答复";
    default: return "办理建议提案";
  }
}

Status RequireProposalOperation(const Actor& actor, Operation op) {
  return RequireOperation(actor, op, OperationWhat(op));
}

bool InRegion(const Actor& actor, const std::string& path) {
  return actor.DistrictWide() || path.starts_with(actor.region_path);
}

// The deputy's side: the deputy or one of their assistants.
Result<bool> ForDeputy(Tx& tx, const Actor& actor, Id deputy_id) {
  if (!actor.IsStaff()) return false;
  if (actor.user_id == deputy_id) return true;
  if (!actor.Is(Role::kDeputy) && !actor.Is(Role::kRegistrar)) return false;
  return store::IsDeputyAssistant(tx, deputy_id, actor.user_id);
}

const store::ProposalUnitRecord* UnitRow(const std::vector<store::ProposalUnitRecord>& units, OptId unit_id) {
  if (!unit_id) return nullptr;
  for (const auto& u : units)
    if (u.unit_id == *unit_id) return &u;
  return nullptr;
}

// Read access (404 as a missing id otherwise): the deputy's side, the units assigned, staff of the region.
Result<bool> MaySee(Tx& tx, const Actor& actor, const Proposal& p, const std::vector<store::ProposalUnitRecord>& units) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, Operation::kReadProposals)) return false;
  if (actor.Is(Role::kHandler)) return UnitRow(units, actor.department_id) != nullptr;
  if (actor.Is(Role::kDeputy)) return ForDeputy(tx, actor, p.deputy_id);
  if (InRegion(actor, p.region_path)) return true;
  return ForDeputy(tx, actor, p.deputy_id);
}

// Whether the actor may take `action` on the proposal they see (its role allows the operation already).
Result<bool> MayTake(Tx& tx, const Actor& actor, A action, const Proposal& p,
                     const std::vector<store::ProposalUnitRecord>& units) {
  if (!RoleMayDo(actor.role, ProposalOperation(action))) return false;
  if (actor.Is(Role::kAdmin)) return InRegion(actor, p.region_path);
  const store::ProposalUnitRecord* mine = UnitRow(units, actor.department_id);
  switch (action) {
    case A::kRegister:
    case A::kSubmit:
      if (actor.Is(Role::kCoordinator)) return InRegion(actor, p.region_path);
      return ForDeputy(tx, actor, p.deputy_id);
    case A::kRate: return ForDeputy(tx, actor, p.deputy_id);
    case A::kAssign: return InRegion(actor, p.region_path);
    case A::kContact: return mine != nullptr;
    case A::kOpinion: return mine != nullptr && mine->role == "assisting";
    case A::kApprove:
    case A::kReturnAnswer: return mine != nullptr && mine->role == "lead" && actor.unit_head;
    case A::kAnswer:
    case A::kFollowUp: return mine != nullptr && mine->role == "lead";
  }
  return false;
}

std::string Refusal(A action) {
  switch (action) {
    case A::kRegister:
    case A::kSubmit: return "只有提出建议的代表、其助理或所在街镇枢纽可以执行“" + std::string(ProposalActionLabel(action)) + "”";
    case A::kRate: return "只有提出建议的代表或其助理可以评价答复";
    case A::kAssign: return "只有建议所在区域的街镇枢纽可以交办";
    case A::kContact: return "只有承办单位可以记录与代表的联系";
    case A::kOpinion: return "只有协办单位可以提出协办意见";
    case A::kApprove:
    case A::kReturnAnswer: return "只有主办单位的负责人可以审核答复";
    default: return "只有主办单位可以执行“" + std::string(ProposalActionLabel(action)) + "”";
  }
}

struct Loaded {
  Proposal proposal;
  std::vector<store::ProposalUnitRecord> units;
};

Result<Loaded> LoadVisible(Tx& tx, const Actor& actor, Id id) {
  MS_ASSIGN(found, store::FindProposal(tx, id));
  if (!found) return Fail(ProposalNotFound());
  MS_ASSIGN(units, store::ListProposalUnits(tx, id));
  MS_ASSIGN(visible, MaySee(tx, actor, *found, units));
  if (!visible) return Fail(ProposalNotFound());
  return Loaded{std::move(*found), std::move(units)};
}

Result<ProposalDetail> LoadDetail(Tx& tx, const Actor& actor, Loaded loaded) {
  ProposalDetail d;
  d.proposal = std::move(loaded.proposal);
  d.units = std::move(loaded.units);
  const Id id = d.proposal.id;
  MS_ASSIGN(appeals, store::ListProposalAppeals(tx, id));
  MS_ASSIGN(contacts, store::ListProposalContacts(tx, id));
  MS_ASSIGN(opinions, store::ListProposalOpinions(tx, id));
  MS_ASSIGN(answers, store::ListProposalAnswers(tx, id));
  MS_ASSIGN(timeline, store::ListProposalEvents(tx, id));
  d.appeals = std::move(appeals);
  d.contacts = std::move(contacts);
  d.opinions = std::move(opinions);
  d.answers = std::move(answers);
  d.timeline = std::move(timeline);
  MS_ASSIGN(actors, ActorNames::Load(tx, ActorNames::IdsOf(d.timeline)));
  d.actors = std::move(actors);
  if (d.proposal.consultation_id) {
    MS_ASSIGN(consultation, store::FindConsultation(tx, *d.proposal.consultation_id));
    if (consultation) d.consultation_title = consultation->title;
  }
  auto step = ParseProposalStep(d.proposal.step);
  if (step) {
    if (*step == S::kDraft) {
      MS_ASSIGN(may, MayTake(tx, actor, A::kSubmit, d.proposal, d.units));
      if (may) d.allowed_actions.push_back("edit");
    }
    for (A a : ProposalActionsFrom(*step)) {
      MS_ASSIGN(may, MayTake(tx, actor, a, d.proposal, d.units));
      if (!may) continue;
      const std::string name(ProposalActionName(a));
      if (a == A::kReturnAnswer) continue;  // taken through approve {approve: false}
      if (a == A::kApprove && !d.answers.empty() && d.answers.back().drafted_by == actor.user_id) continue;
      if (std::find(d.allowed_actions.begin(), d.allowed_actions.end(), name) == d.allowed_actions.end())
        d.allowed_actions.push_back(name);
    }
  }
  return d;
}

// Appends an event to a linked appeal's timeline (bumping its version, as every change to an appeal does).
Status AppendAppealEvent(Tx& tx, const Actor& actor, Id appeal_id, Timestamp now, std::string action,
                         std::string note, const nlohmann::json& data, std::optional<AppealState> close = {}) {
  MS_ASSIGN(found, store::FindAppeal(tx, appeal_id));
  if (!found) return {};
  AppealRecord a = std::move(*found);
  const std::int64_t version = a.version;
  const std::string from = a.status;
  if (close) {
    a.status = std::string(StateName(*close));
    a.closed_at = now;
  }
  a.updated_at = now;
  MS_TRY(store::UpdateAppeal(tx, a, version));
  store::EventRecord e{.appeal_id = a.id, .at = now,
                       .actor_id = actor.IsStaff() ? OptId(actor.user_id) : std::nullopt,
                       .actor_label = actor.PublicLabel(), .action = std::move(action), .from_status = from,
                       .to_status = a.status, .note = std::move(note), .data = data.dump()};
  MS_TRY(store::AppendEvent(tx, e, a.street_id));
  return {};
}

// Tells each linked appeal: the answer sent, the follow-up, and at the close, closes those still escalated.
Status TellLinkedAppeals(Tx& tx, const Actor& actor, const Proposal& p, Timestamp now, const std::string& action,
                         const std::string& note, bool closing) {
  MS_ASSIGN(links, store::ListProposalAppeals(tx, p.id));
  for (const auto& link : links) {
    nlohmann::json data{{"proposal_id", p.id}};
    if (p.answer_category) data["category"] = *p.answer_category;
    if (p.follow_up_on) data["follow_up_on"] = FormatDate(LocalDay(*p.follow_up_on));
    MS_TRY(AppendAppealEvent(tx, actor, link.appeal_id, now, action, note, data));
    if (closing && link.status == StateName(AppealState::kEscalated) &&
        NextState(AppealState::kEscalated, Action::kClose).has_value())
      MS_TRY(AppendAppealEvent(tx, actor, link.appeal_id, now, std::string(ActionName(Action::kClose)),
                               "代表建议已办结", data, AppealState::kClosed));
  }
  return {};
}

Status LinkAppeal(Tx& tx, const Actor& actor, const Proposal& p, const AppealRecord& appeal, Timestamp now) {
  auto linked = store::InsertProposalAppeal(tx, {.proposal_id = p.id, .appeal_id = appeal.id,
                                                 .street_id = appeal.street_id,
                                                 .linked_by = actor.IsStaff() ? OptId(actor.user_id) : std::nullopt,
                                                 .linked_at = now});
  if (!linked && linked.error().code == "unique_violation")
    return Fail(Error::Conflict("appeal_linked", "诉求“" + appeal.title + "”已纳入其他建议"));
  return linked;
}

store::ProposalEventRecord NewEvent(const Actor& actor, const Proposal& p, Timestamp now, A action,
                                    std::optional<std::string> from) {
  return {.proposal_id = p.id, .street_id = p.street_id, .at = now,
          .actor_id = actor.IsStaff() ? OptId(actor.user_id) : std::nullopt, .actor_label = actor.PublicLabel(),
          .action = std::string(ProposalActionName(action)), .from_step = std::move(from), .to_step = p.step};
}

// Creates a draft and its first event (the caller links appeals).
Result<Proposal> CreateDraft(Tx& tx, const Actor& actor, Proposal p, Timestamp now, const std::string& note) {
  p.step = std::string(ProposalStepName(S::kDraft));
  p.created_by = actor.user_id;
  p.created_at = p.updated_at = now;
  MS_ASSIGN(id, store::InsertProposal(tx, p));
  MS_ASSIGN(stored, store::FindProposal(tx, id));
  if (!stored) return Fail(Error::Internal("刚登记的建议读不到"));
  auto e = NewEvent(actor, *stored, now, A::kRegister, std::nullopt);
  e.note = note;
  MS_TRY(store::AppendProposalEvent(tx, e));
  return std::move(*stored);
}

Result<store::UserRecord> ActiveDeputy(Tx& tx, Id deputy_id) {
  MS_ASSIGN(deputy, store::FindUser(tx, deputy_id));
  if (!deputy || deputy->role != "deputy" || !deputy->active)
    return Fail(Error::Invalid("invalid_value", "代表不存在或已停用", "deputy_id"));
  return std::move(*deputy);
}

Result<std::optional<sys_days>> CheckPlanDate(const std::string& category, std::optional<sys_days> on, Timestamp now) {
  if (category == "B") {
    if (!on) return Fail(Error::Invalid("missing_field", "B类答复请填写计划解决日期（回头看日期）", "follow_up_on"));
    if (*on <= LocalDay(now))
      return Fail(Error::Invalid("invalid_value", "计划解决日期应晚于今天", "follow_up_on"));
    return on;
  }
  if (on) return Fail(Error::Invalid("invalid_value", "只有B类答复需要计划解决日期", "follow_up_on"));
  return std::optional<sys_days>();
}

// One step of the machine as a transaction: load what the actor sees (404), check the role (403), the binding
// (403), the step with its facts (409), apply `step`, store under the version, append the event.
struct Change {
  Loaded loaded;
  Proposal& p() { return loaded.proposal; }
  S from = S::kDraft;
  S to = S::kDraft;
  ProposalFacts facts;
  store::ProposalEventRecord event;
  Timestamp now = 0;
};
using FactsFn = std::function<Result<ProposalFacts>(Tx&, Change&)>;
using StepFn = std::function<Status(Tx&, Change&)>;

Result<ProposalDetail> RunStep(store::Database& db, const Clock& clock, const Actor& actor, Id id, A action,
                               const FactsFn& facts, const StepFn& step) {
  MS_TRY(RequireProposalOperation(actor, ProposalOperation(action)));
  return WriteValue<ProposalDetail>(db, [&](Tx& tx) -> Result<ProposalDetail> {
    MS_ASSIGN(loaded, LoadVisible(tx, actor, id));
    Change c{std::move(loaded)};
    c.now = clock.Now();
    MS_ASSIGN(may, MayTake(tx, actor, action, c.p(), c.loaded.units));
    if (!may) return Fail(Error::Forbidden(Refusal(action)));
    MS_ASSIGN(from, ParseProposalStep(c.p().step));
    c.from = from;
    if (facts) {
      MS_ASSIGN(f, facts(tx, c));
      c.facts = f;
    }
    MS_ASSIGN(to, NextProposalStep(c.from, action, c.facts));
    c.to = to;
    const std::int64_t version = c.p().version;
    c.p().step = std::string(ProposalStepName(c.to));
    c.p().updated_at = c.now;
    if (c.to == S::kClosed && c.from != S::kClosed) c.p().closed_at = c.now;
    c.event = NewEvent(actor, c.p(), c.now, action, std::string(ProposalStepName(c.from)));
    MS_TRY(step(tx, c));
    MS_TRY(store::UpdateProposal(tx, c.p(), version));
    c.p().version = version + 1;
    MS_TRY(store::AppendProposalEvent(tx, c.event));
    return LoadDetail(tx, actor, std::move(c.loaded));
  });
}

std::optional<AnswerCategory> CategoryOf(const std::optional<std::string>& name) {
  if (!name) return std::nullopt;
  auto c = ParseAnswerCategory(*name);
  return c ? std::optional<AnswerCategory>(*c) : std::nullopt;
}

std::pair<Timestamp, Timestamp> YearSpan(int year) {
  return {LocalDayStart(sys_days{std::chrono::year{year} / 1 / 1}),
          LocalDayStart(sys_days{std::chrono::year{year + 1} / 1 / 1})};
}

Status CheckYear(int year) {
  if (year < 2000 || year > 2100) return Fail(Error::Invalid("out_of_range", "年份应在 2000 到 2100 之间", "year"));
  return {};
}

// The list filter for what the actor sees.
Result<store::ProposalFilter> ScopeFilter(Tx& tx, const Actor& actor) {
  store::ProposalFilter f;
  if (actor.Is(Role::kHandler)) {
    f.scope_unit_id = actor.department_id.value_or(0);
  } else if (actor.Is(Role::kDeputy) || actor.Is(Role::kRegistrar)) {
    // Their own and their deputies' (assistants); a registrar also the region's.
    MS_ASSIGN(rows, tx.Query("SELECT deputy_id FROM deputy_assistants WHERE assistant_id = ?", {actor.user_id}));
    std::vector<Id> ids{actor.user_id};
    for (const auto& row : rows) ids.push_back(row.Int(0));
    if (actor.Is(Role::kDeputy)) f.scope_deputy_ids = ids;
    else if (!actor.DistrictWide()) f.scope_path = actor.region_path;
  } else if (!actor.DistrictWide()) {
    f.scope_path = actor.region_path;
  }
  return f;
}

}  // namespace

Result<OptId> EscalateToProposal(Tx& tx, const Actor& actor, const AppealRecord& appeal, OptId deputy_id,
                                 OptId proposal_id, Timestamp now) {
  if (proposal_id) {
    const Error bad = Error::Invalid("invalid_value", "要纳入的建议不存在或已提交", "proposal_id");
    MS_ASSIGN(found, store::FindProposal(tx, *proposal_id));
    if (!found || found->step != ProposalStepName(S::kDraft)) return Fail(bad);
    MS_ASSIGN(units, store::ListProposalUnits(tx, found->id));
    MS_ASSIGN(visible, MaySee(tx, actor, *found, units));
    if (!visible) return Fail(bad);
    MS_TRY(LinkAppeal(tx, actor, *found, appeal, now));
    auto e = NewEvent(actor, *found, now, A::kRegister, found->step);
    e.action = "link_appeal";
    e.note = "纳入诉求：" + appeal.title;
    e.data = nlohmann::json{{"appeal_id", appeal.id}}.dump();
    MS_TRY(store::AppendProposalEvent(tx, e));
    return OptId(found->id);
  }
  const OptId deputy = deputy_id ? deputy_id : appeal.deputy_id;
  if (!deputy) return OptId();
  MS_ASSIGN(user, ActiveDeputy(tx, *deputy));
  Proposal p;
  p.street_id = appeal.street_id;
  p.region_id = appeal.region_id;
  p.deputy_id = user.id;
  p.kind = std::string(ProposalKindName(ProposalKind::kSuggestion));
  p.title = appeal.title;
  p.content = appeal.content;
  MS_ASSIGN(draft, CreateDraft(tx, actor, std::move(p), now, "由诉求梳理转为建议草稿"));
  MS_TRY(LinkAppeal(tx, actor, draft, appeal, now));
  return OptId(draft.id);
}

Result<int> SubmittedProposalCount(Tx& tx, Id deputy_id, Timestamp from, Timestamp to) {
  MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM proposals WHERE deputy_id = ? AND submitted_at >= ? "
                             "AND submitted_at < ?",
                             {deputy_id, from, to}));
  return row ? static_cast<int>(row->Int(0)) : 0;
}

ProposalService::ProposalService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

namespace {

// A proposal taken up from a consultation: one the actor's area holds whose meeting has been held.
Status CheckConsultation(Tx& tx, const Actor& actor, Id consultation_id) {
  MS_ASSIGN(found, store::FindConsultation(tx, consultation_id));
  if (!found || !InRegion(actor, found->region_path))
    return Fail(Error::Invalid("invalid_value", "协商议事不存在", "consultation_id"));
  auto step = ParseStep(found->step);
  if (!step || !MayBecomeProposal(*step))
    return Fail(Error::Invalid("invalid_value", "只能将已召开会议的协商议事转为建议（当前：" +
                                                    std::string(step ? StepLabel(*step) : "") + "）",
                               "consultation_id"));
  return {};
}

}  // namespace

Result<ProposalDetail> ProposalService::Register(const Actor& actor, const ProposalInput& in) {
  MS_TRY(RequireProposalOperation(actor, Operation::kKeepProposals));
  MS_ASSIGN(kind, ParseProposalKind(in.kind));
  MS_TRY(RequireText(in.title, "title", "建议标题", kTitleMax * 4));
  if (in.content.size() > kTextMax) return Fail(Error::Invalid("too_long", "建议内容过长", "content"));
  return WriteValue<ProposalDetail>(db_, [&](Tx& tx) -> Result<ProposalDetail> {
    const Timestamp now = clock_.Now();
    OptId deputy_id = in.deputy_id;
    if (!deputy_id) {
      if (!actor.Is(Role::kDeputy)) return Fail(Error::Invalid("missing_field", "请选择提出建议的代表", "deputy_id"));
      deputy_id = actor.user_id;
    }
    MS_ASSIGN(deputy, ActiveDeputy(tx, *deputy_id));
    MS_ASSIGN(region, RegionInScope(tx, actor, in.region_id.value_or(deputy.region_id)));
    if (!actor.Is(Role::kCoordinator) && !actor.Is(Role::kAdmin)) {
      MS_ASSIGN(for_deputy, ForDeputy(tx, actor, deputy.id));
      if (!for_deputy) return Fail(Error::Forbidden("只能登记本人或所协助代表的建议"));
    }
    Proposal p;
    p.street_id = region.street_id;
    p.region_id = region.id;
    p.deputy_id = deputy.id;
    p.kind = std::string(ProposalKindName(kind));
    p.title = Trimmed(in.title);
    p.content = in.content;
    if (in.consultation_id) MS_TRY(CheckConsultation(tx, actor, *in.consultation_id));
    p.consultation_id = in.consultation_id;
    std::vector<AppealRecord> appeals;
    for (Id appeal_id : in.appeal_ids) {
      const Error missing = Error::Invalid("invalid_value", "诉求不存在：" + std::to_string(appeal_id), "appeal_ids");
      MS_ASSIGN(appeal, store::FindAppeal(tx, appeal_id));
      if (!appeal || !CheckCanSeeAppeal(tx, actor, *appeal)) return Fail(missing);
      if (appeal->status != StateName(AppealState::kEscalated))
        return Fail(Error::Invalid("invalid_value", "只能纳入已转建议提案的诉求：" + appeal->title, "appeal_ids"));
      appeals.push_back(std::move(*appeal));
    }
    MS_ASSIGN(draft, CreateDraft(tx, actor, std::move(p), now, ""));
    for (const auto& appeal : appeals) {
      MS_TRY(LinkAppeal(tx, actor, draft, appeal, now));
      MS_TRY(AppendAppealEvent(tx, actor, appeal.id, now, "proposal_link", "纳入代表" + std::string(ProposalKindLabel(kind)) + "：" + draft.title,
                               {{"proposal_id", draft.id}}));
    }
    MS_ASSIGN(loaded, LoadVisible(tx, actor, draft.id));
    return LoadDetail(tx, actor, std::move(loaded));
  });
}

Result<ProposalDetail> ProposalService::Edit(const Actor& actor, Id id, const ProposalEdit& edit) {
  MS_TRY(RequireProposalOperation(actor, Operation::kKeepProposals));
  std::optional<ProposalKind> kind;
  if (edit.kind) {
    MS_ASSIGN(k, ParseProposalKind(*edit.kind));
    kind = k;
  }
  if (edit.title) MS_TRY(RequireText(*edit.title, "title", "建议标题", kTitleMax * 4));
  if (edit.content && edit.content->size() > kTextMax)
    return Fail(Error::Invalid("too_long", "建议内容过长", "content"));
  return WriteValue<ProposalDetail>(db_, [&](Tx& tx) -> Result<ProposalDetail> {
    MS_ASSIGN(loaded, LoadVisible(tx, actor, id));
    MS_ASSIGN(may, MayTake(tx, actor, A::kSubmit, loaded.proposal, loaded.units));
    if (!may) return Fail(Error::Forbidden("只能修改本人或所协助代表的建议"));
    if (loaded.proposal.step != ProposalStepName(S::kDraft)) {
      Error e = Error::Conflict("invalid_transition", "建议已提交，不能再修改");
      MS_ASSIGN(step, ParseProposalStep(loaded.proposal.step));
      for (A a : ProposalActionsFrom(step)) e.allowed.emplace_back(ProposalActionName(a));
      return Fail(std::move(e));
    }
    Proposal& p = loaded.proposal;
    const std::int64_t version = p.version;
    if (kind) p.kind = std::string(ProposalKindName(*kind));
    if (edit.title) p.title = Trimmed(*edit.title);
    if (edit.content) p.content = *edit.content;
    p.updated_at = clock_.Now();
    MS_TRY(store::UpdateProposal(tx, p, version));
    p.version = version + 1;
    return LoadDetail(tx, actor, std::move(loaded));
  });
}

Result<ProposalDetail> ProposalService::Get(const Actor& actor, Id id) {
  MS_TRY(RequireProposalOperation(actor, Operation::kReadProposals));
  return ReadValue<ProposalDetail>(db_, [&](Tx& tx) -> Result<ProposalDetail> {
    MS_ASSIGN(loaded, LoadVisible(tx, actor, id));
    return LoadDetail(tx, actor, std::move(loaded));
  });
}

Result<std::vector<Proposal>> ProposalService::List(const Actor& actor, const ProposalQuery& q) {
  MS_TRY(RequireProposalOperation(actor, Operation::kReadProposals));
  if (q.kind) MS_TRY(ParseProposalKind(*q.kind));
  if (q.step) MS_TRY(ParseProposalStep(*q.step));
  if (q.year) MS_TRY(CheckYear(*q.year));
  return ReadMayLagValue<std::vector<Proposal>>(db_, [&](Tx& tx) -> Result<std::vector<Proposal>> {
    MS_ASSIGN(f, ScopeFilter(tx, actor));
    f.kind = q.kind;
    f.step = q.step;
    f.unit_id = q.unit_id;
    f.deputy_id = q.deputy_id;
    if (q.year) {
      auto [from, to] = YearSpan(*q.year);
      f.from = from;
      f.to = to;
    }
    return store::ListProposals(tx, f);
  });
}

Result<ProposalDetail> ProposalService::Submit(const Actor& actor, Id id, const std::string& note) {
  return RunStep(db_, clock_, actor, id, A::kSubmit, {}, [&](Tx&, Change& c) -> Status {
    c.p().submitted_at = c.now;
    c.event.note = note;
    return {};
  });
}

Result<ProposalDetail> ProposalService::Assign(const Actor& actor, Id id, const AssignInput& in) {
  return RunStep(db_, clock_, actor, id, A::kAssign, {}, [&](Tx& tx, Change& c) -> Status {
    MS_ASSIGN(chosen, CheckUnitAssignment(tx, in.lead_unit_id, in.assisting_unit_ids));
    const store::DepartmentRecord* lead = &chosen.lead;
    const std::vector<Id>& assisting = chosen.assisting;
    const sys_days due_day = in.deadline.value_or(LocalDay(c.now) + std::chrono::days(kDefaultAnswerDays));
    if (due_day < LocalDay(c.now)) return Fail(Error::Invalid("invalid_value", "答复期限不能早于今天", "deadline"));
    c.p().lead_unit_id = lead->id;
    c.p().lead_unit_name = lead->name;
    c.p().deadline = LocalDayStart(due_day + std::chrono::days(1));
    c.p().assigned_at = c.now;
    MS_TRY(store::InsertProposalUnit(tx, {.proposal_id = c.p().id, .street_id = c.p().street_id, .unit_id = lead->id,
                                          .role = "lead"}));
    for (Id unit : assisting)
      MS_TRY(store::InsertProposalUnit(tx, {.proposal_id = c.p().id, .street_id = c.p().street_id, .unit_id = unit,
                                            .role = "assisting"}));
    MS_ASSIGN(units, store::ListProposalUnits(tx, c.p().id));
    c.loaded.units = std::move(units);
    c.event.note = in.note.empty() ? "主办：" + lead->name : in.note;
    c.event.data = nlohmann::json{{"lead_unit_id", lead->id}, {"assisting_unit_ids", assisting},
                                  {"deadline", FormatDate(due_day)}}
                       .dump();
    return {};
  });
}

Result<ProposalDetail> ProposalService::Contact(const Actor& actor, Id id, const ProposalContactInput& in) {
  MS_ASSIGN(stage, ParseContactStage(in.stage));
  if (!IsDeputyContactMethod(in.method))
    return Fail(Error{ErrorKind::kInvalid, "invalid_value", "联系方式应为 face_to_face（当面）、phone（电话）或 visit（上门走访）",
                      "method", {"face_to_face", "phone", "visit"}});
  MS_TRY(RequireText(in.note, "note", "联系情况", kTextMax));
  return RunStep(db_, clock_, actor, id, A::kContact, {}, [&](Tx& tx, Change& c) -> Status {
    MS_TRY(CheckContactStage(c.from, stage));
    MS_ASSIGN(contact_id, store::InsertProposalContact(tx, {.proposal_id = c.p().id, .street_id = c.p().street_id,
                                                            .unit_id = actor.department_id,
                                                            .stage = std::string(ContactStageName(stage)),
                                                            .method = in.method, .note = in.note,
                                                            .recorded_by = actor.user_id, .at = c.now}));
    c.event.note = std::string(ContactStageLabel(stage)) + "联系：" + in.note;
    c.event.data = nlohmann::json{{"contact_id", contact_id}, {"stage", ContactStageName(stage)},
                                  {"method", in.method}}
                       .dump();
    return {};
  });
}

Result<ProposalDetail> ProposalService::Opinion(const Actor& actor, Id id, const std::string& content) {
  MS_TRY(RequireText(content, "content", "协办意见", kTextMax));
  return RunStep(db_, clock_, actor, id, A::kOpinion, {}, [&](Tx& tx, Change& c) -> Status {
    MS_ASSIGN(opinion_id, store::InsertProposalOpinion(tx, {.proposal_id = c.p().id, .street_id = c.p().street_id,
                                                            .unit_id = actor.department_id, .content = content,
                                                            .recorded_by = actor.user_id, .at = c.now}));
    c.event.note = content;
    c.event.data = nlohmann::json{{"opinion_id", opinion_id}}.dump();
    return {};
  });
}

Result<ProposalDetail> ProposalService::Answer(const Actor& actor, Id id, const ProposalAnswerInput& in) {
  MS_ASSIGN(category, ParseAnswerCategory(in.category));
  MS_TRY(RequireText(in.content, "content", "答复内容", kTextMax));
  MS_ASSIGN(plan, CheckPlanDate(in.category, in.follow_up_on, clock_.Now()));
  return RunStep(db_, clock_, actor, id, A::kAnswer, {}, [&](Tx& tx, Change& c) -> Status {
    MS_ASSIGN(answers, store::ListProposalAnswers(tx, c.p().id));
    store::ProposalAnswerRecord x;
    if (!answers.empty() && !answers.back().sent_at) x = answers.back();  // revising the draft
    x.proposal_id = c.p().id;
    x.street_id = c.p().street_id;
    x.kind = "answer";
    x.round = c.p().dissatisfied_count + 1;
    x.unit_id = c.p().lead_unit_id;
    x.category = std::string(AnswerCategoryName(category));
    x.content = in.content;
    x.follow_up_on = plan ? OptId(LocalDayStart(*plan)) : std::nullopt;
    x.drafted_by = actor.user_id;
    x.drafted_at = c.now;
    if (x.id != 0) {
      MS_TRY(store::UpdateProposalAnswer(tx, x));
    } else {
      MS_ASSIGN(answer_id, store::InsertProposalAnswer(tx, x));
      x.id = answer_id;
    }
    c.event.note = std::string(AnswerCategoryLabel(category));
    c.event.data = nlohmann::json{{"answer_id", x.id}, {"category", x.category}, {"round", x.round}}.dump();
    return {};
  });
}

Result<ProposalDetail> ProposalService::Approve(const Actor& actor, Id id, bool approve, const std::string& note) {
  if (!approve) {
    MS_TRY(RequireText(note, "note", "退回理由", kTextMax));
    return RunStep(db_, clock_, actor, id, A::kReturnAnswer, {}, [&](Tx&, Change& c) -> Status {
      c.event.note = note;
      return {};
    });
  }
  return RunStep(db_, clock_, actor, id, A::kApprove, {}, [&](Tx& tx, Change& c) -> Status {
    MS_ASSIGN(answers, store::ListProposalAnswers(tx, c.p().id));
    if (answers.empty() || answers.back().sent_at) return Fail(Error::Internal("待审核的答复缺失"));
    store::ProposalAnswerRecord x = answers.back();
    if (x.drafted_by == actor.user_id) return Fail(Error::Forbidden("答复须由起草人以外的单位负责人审核"));
    x.approved_by = actor.user_id;
    x.sent_at = c.now;
    MS_TRY(store::UpdateProposalAnswer(tx, x));
    Proposal& p = c.p();
    p.answer_category = x.category;
    p.follow_up_on = x.follow_up_on;
    p.answered_at = c.now;
    if (!p.first_answered_at) p.first_answered_at = c.now;
    p.rating.reset();  // the deputy rates this answer anew
    p.rated_at.reset();
    c.event.note = note;
    c.event.data = nlohmann::json{{"answer_id", x.id}, {"category", x.category}}.dump();
    auto category = CategoryOf(x.category);
    const std::string told = "代表" + std::string(ProposalKindLabel(*ParseProposalKind(p.kind))) + "已答复（" +
                             std::string(category ? AnswerCategoryLabel(*category) : "") + "）：" + x.content;
    return TellLinkedAppeals(tx, actor, p, c.now, "proposal_answer", told, false);
  });
}

Result<ProposalDetail> ProposalService::Rate(const Actor& actor, Id id, const std::string& rating_name,
                                             const std::string& note) {
  MS_ASSIGN(rating, ParseProposalRating(rating_name));
  if (note.size() > kTextMax) return Fail(Error::Invalid("too_long", "评价意见过长", "note"));
  if (rating == ProposalRating::kDissatisfied) MS_TRY(RequireText(note, "note", "不满意的理由", kTextMax));
  return RunStep(
      db_, clock_, actor, id, A::kRate,
      [&](Tx&, Change& c) -> Result<ProposalFacts> {
        return ProposalFacts{CategoryOf(c.p().answer_category), rating, c.p().dissatisfied_count >= 1};
      },
      [&](Tx& tx, Change& c) -> Status {
        Proposal& p = c.p();
        p.rating = std::string(ProposalRatingName(rating));
        p.rated_at = c.now;
        if (c.to == S::kAssigned) ++p.dissatisfied_count;  // back to the lead unit for the second answer
        c.event.note = std::string(ProposalRatingLabel(rating)) + (note.empty() ? "" : "：" + note);
        c.event.data = nlohmann::json{{"rating", p.rating.value_or("")}}.dump();
        if (c.to == S::kClosed) return TellLinkedAppeals(tx, actor, p, c.now, "proposal_close", "代表建议已办结", true);
        return {};
      });
}

Result<ProposalDetail> ProposalService::FollowUp(const Actor& actor, Id id, const ProposalAnswerInput& in) {
  MS_ASSIGN(category, ParseAnswerCategory(in.category));
  MS_TRY(RequireText(in.content, "content", "回头看情况", kTextMax));
  MS_ASSIGN(plan, CheckPlanDate(in.category, in.follow_up_on, clock_.Now()));
  return RunStep(
      db_, clock_, actor, id, A::kFollowUp,
      [&](Tx&, Change& c) -> Result<ProposalFacts> {
        return ProposalFacts{category, std::nullopt, c.p().dissatisfied_count >= 1};
      },
      [&](Tx& tx, Change& c) -> Status {
        Proposal& p = c.p();
        if (p.follow_up_on) MS_TRY(CheckFollowUpDue(*p.follow_up_on, c.now));
        store::ProposalAnswerRecord x{.proposal_id = p.id, .street_id = p.street_id, .kind = "follow_up",
                                      .round = p.dissatisfied_count + 1, .unit_id = p.lead_unit_id,
                                      .category = std::string(AnswerCategoryName(category)), .content = in.content,
                                      .follow_up_on = plan ? OptId(LocalDayStart(*plan)) : std::nullopt,
                                      .drafted_by = actor.user_id, .drafted_at = c.now,
                                      .approved_by = actor.user_id, .sent_at = c.now};
        MS_ASSIGN(answer_id, store::InsertProposalAnswer(tx, x));
        p.answer_category = x.category;
        p.follow_up_on = x.follow_up_on;
        p.answered_at = c.now;
        c.event.note = std::string(AnswerCategoryLabel(category)) + "：" + in.content;
        c.event.data = nlohmann::json{{"answer_id", answer_id}, {"category", x.category}}.dump();
        const std::string told = "回头看（" + std::string(AnswerCategoryLabel(category)) + "）：" + in.content;
        return TellLinkedAppeals(tx, actor, p, c.now, "proposal_follow_up", told, c.to == S::kClosed);
      });
}

Result<ProposalFigures> ProposalService::Figures(const Actor& actor, int year, OptId region_id) {
  MS_TRY(RequireProposalOperation(actor, Operation::kReadProposals));
  MS_TRY(CheckYear(year));
  return ReadMayLagValue<ProposalFigures>(db_, [&](Tx& tx) -> Result<ProposalFigures> {
    MS_ASSIGN(f, ScopeFilter(tx, actor));
    if (region_id) {
      MS_ASSIGN(region, RegionInScope(tx, actor, *region_id));
      f.scope_path = region.path;
    }
    auto [from, to] = YearSpan(year);
    f.from = from;
    f.to = to;
    f.limit = 100000;
    MS_ASSIGN(proposals, store::ListProposals(tx, f));
    std::vector<Id> ids;
    for (const auto& p : proposals) ids.push_back(p.id);
    MS_ASSIGN(met, store::ProposalsMetBefore(tx, ids));
    const std::set<Id> met_before(met.begin(), met.end());
    std::map<Id, std::vector<ProposalFact>> by_unit, by_deputy;
    std::map<Id, std::string> unit_names, deputy_names;
    for (const auto& p : proposals) {
      ProposalFact fact;
      fact.lead_unit_id = p.lead_unit_id;
      fact.deputy_id = p.deputy_id;
      fact.step = ParseProposalStep(p.step).value_or(S::kDraft);
      fact.met_before = met_before.contains(p.id);
      fact.answered = p.first_answered_at.has_value();
      fact.on_time = p.first_answered_at && p.deadline && *p.first_answered_at <= *p.deadline;
      fact.category = CategoryOf(p.answer_category);
      if (p.rating) {
        auto r = ParseProposalRating(*p.rating);
        if (r) fact.rating = *r;
      }
      // A handler sees the figures of their own unit only.
      if (p.lead_unit_id && (!actor.Is(Role::kHandler) || p.lead_unit_id == actor.department_id)) {
        by_unit[*p.lead_unit_id].push_back(fact);
        unit_names[*p.lead_unit_id] = p.lead_unit_name;
      }
      by_deputy[p.deputy_id].push_back(fact);
      deputy_names[p.deputy_id] = p.deputy_name;
    }
    ProposalFigures out;
    out.year = year;
    for (const auto& [unit, facts] : by_unit)
      out.units.push_back({unit, unit_names[unit], CountUnitProposals(facts)});
    for (const auto& [deputy, facts] : by_deputy)
      out.deputies.push_back({deputy, deputy_names[deputy], CountDeputyProposals(facts)});
    std::sort(out.units.begin(), out.units.end(), [](const auto& a, const auto& b) { return a.unit_name < b.unit_name; });
    std::sort(out.deputies.begin(), out.deputies.end(),
              [](const auto& a, const auto& b) { return a.deputy_name < b.deputy_name; });
    return out;
  });
}

Result<std::vector<PublicProposalAnswer>> ProposalService::AnswersOfAppeal(Id appeal_id) {
  return ReadValue<std::vector<PublicProposalAnswer>>(db_, [&](Tx& tx) -> Result<std::vector<PublicProposalAnswer>> {
    std::vector<PublicProposalAnswer> out;
    MS_ASSIGN(proposal_id, store::FindProposalOfAppeal(tx, appeal_id));
    if (!proposal_id) return out;
    MS_ASSIGN(p, store::FindProposal(tx, *proposal_id));
    if (!p) return out;
    MS_ASSIGN(answers, store::ListProposalAnswers(tx, p->id));
    MS_ASSIGN(departments, store::ListDepartments(tx));
    for (const auto& a : answers) {
      if (!a.sent_at) continue;
      std::string unit_name;
      for (const auto& d : departments)
        if (a.unit_id && d.id == *a.unit_id) unit_name = d.name;
      out.push_back({.kind = p->kind, .category = a.category, .content = a.content, .unit_name = unit_name,
                     .follow_up_on = a.follow_up_on, .sent_at = *a.sent_at, .follow_up = a.kind == "follow_up"});
    }
    return out;
  });
}

}  // namespace minsheng::app
