#include "app/consultation_service.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/appeal_note.h"
#include "app/consultation_link.h"
#include "app/region_scope.h"
#include "core/access.h"
#include "core/calendar.h"
#include "store/appeal_repository.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;
using store::Tx;
using K = ConsultationKind;
using S = ConsultationStep;
using A = ConsultationAction;

constexpr std::array kParticipantRoles = {"stakeholder", "resident_representative", "deputy", "department",
                                          "expert",      "party_leader"};
constexpr std::array kMeetingForms = {"in_person", "online", "written"};
constexpr std::array kTopicSources = {"resident", "deputy", "staff"};

Error NotFound() { return Error::NotFound("协商议事不存在", "id"); }

bool InRegion(const Actor& actor, const std::string& path) {
  return actor.DistrictWide() || path.starts_with(actor.region_path);
}

std::string Trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

Status RequireText(const std::string& text, std::string_view field, std::string_view what) {
  if (Trim(text).empty())
    return Fail(Error::Invalid("missing_field", "请填写" + std::string(what), std::string(field)));
  return {};
}

template <typename List>
bool OneOf(const List& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

store::OptId ActorId(const Actor& actor) { return actor.IsStaff() ? store::OptId(actor.user_id) : std::nullopt; }

Result<ConsultationDetail> LoadDetail(Tx& tx, Id id) {
  ConsultationDetail d;
  MS_ASSIGN(found, store::FindConsultation(tx, id));
  if (!found) return Fail(NotFound());
  d.consultation = std::move(*found);
  MS_ASSIGN(topics, store::ListConsultationTopics(tx, id));
  MS_ASSIGN(appeals, store::ListConsultationAppeals(tx, id));
  MS_ASSIGN(notes, store::ListConsultationNotes(tx, id));
  MS_ASSIGN(participants, store::ListConsultationParticipants(tx, id));
  MS_ASSIGN(actions, store::ListConsultationActions(tx, id));
  MS_ASSIGN(comments, store::ListConsultationComments(tx, id));
  MS_ASSIGN(events, store::ListConsultationEvents(tx, id));
  d.topics = std::move(topics);
  d.appeals = std::move(appeals);
  d.notes = std::move(notes);
  d.participants = std::move(participants);
  d.actions = std::move(actions);
  d.comments = std::move(comments);
  d.events = std::move(events);
  MS_ASSIGN(actors, ActorNames::Load(tx, ActorNames::IdsOf(d.events)));
  d.actors = std::move(actors);
  return d;
}

// Everything one step needs: the loaded consultation (mutate it), its kind and steps, the log entry.
struct Change {
  Consultation c;
  K kind = K::kCoordination;
  S from = S::kCollecting;
  S to = S::kCollecting;
  store::ConsultationEventRecord event;
  Timestamp now = 0;
};
using Step = std::function<Status(Tx&, Change&)>;

// One step as a transaction: the role first (a role that may never act learns nothing of which ids exist),
// then the consultation in the caller's region (404 otherwise, as for a missing id), the step table, `step`,
// the row under its version and one log entry. Answers the consultation as it is afterwards.
Result<ConsultationDetail> RunStep(store::Database& db, const Clock& clock, const Actor& actor, Id id,
                                   Operation operation, std::string_view what, A action, const Step& step) {
  MS_TRY(RequireOperation(actor, operation, what));
  return WriteValue<ConsultationDetail>(db, [&](Tx& tx) -> Result<ConsultationDetail> {
    MS_ASSIGN(found, store::FindConsultation(tx, id));
    if (!found || !InRegion(actor, found->region_path)) return Fail(NotFound());
    Change ch;
    ch.c = std::move(*found);
    ch.now = clock.Now();
    MS_ASSIGN(kind, ParseKind(ch.c.kind));
    MS_ASSIGN(from, ParseStep(ch.c.step));
    ch.kind = kind;
    ch.from = from;
    MS_ASSIGN(to, NextStep(kind, from, action));
    ch.to = to;
    const std::int64_t version = ch.c.version;
    ch.c.step = std::string(StepName(to));
    ch.c.updated_at = ch.now;
    ch.event = {.consultation_id = id, .street_id = ch.c.street_id, .at = ch.now, .actor_id = ActorId(actor),
                .actor_label = actor.PublicLabel(), .action = std::string(ConsultationActionName(action)),
                .from_step = std::string(StepName(from)), .to_step = ch.c.step};
    MS_TRY(step(tx, ch));
    MS_TRY(store::UpdateConsultation(tx, ch.c, version));
    MS_TRY(store::AppendConsultationEvent(tx, ch.event));
    return LoadDetail(tx, id);
  });
}

// Links one appeal the caller may see: a received (returned, reopened) appeal is triaged "deliberate" into
// the consultation; one already deliberating joins it with a timeline event of its own.
Status LinkOne(Tx& tx, AppealService& appeals, const Actor& actor, const Consultation& c, Id appeal_id,
               Timestamp now) {
  const Error missing = Error::Invalid("invalid_value", "诉求不存在：" + std::to_string(appeal_id), "appeal_ids");
  MS_ASSIGN(found, store::FindAppeal(tx, appeal_id));
  if (!found) return Fail(missing);
  if (!CheckCanSeeAppeal(tx, actor, *found)) return Fail(missing);
  if (found->status != "deliberating") {
    MS_TRY(appeals.TriageIn(tx, actor, appeal_id,
                            {.route = Action::kDeliberate, .note = "转协商议事“" + c.title + "”",
                             .consultation_id = c.id}));
    return {};
  }
  MS_TRY(JoinConsultation(tx, actor, c.id, *found, now));
  return NoteOnAppeal(tx, actor, std::move(*found), now,
                      {.action = "consultation_join", .note = "加入协商议事“" + c.title + "”",
                       .data = {{"consultation_id", c.id}, {"consultation_title", c.title}}});
}

Result<std::chrono::sys_days> CheckDeadline(std::chrono::sys_days deadline, Timestamp now, std::string field) {
  if (deadline < LocalDay(now)) return Fail(Error::Invalid("invalid_value", "完成期限不能早于今天", std::move(field)));
  return deadline;
}

Status CheckUnit(Tx& tx, Id unit_id, std::string field) {
  MS_ASSIGN(unit, store::FindDepartment(tx, unit_id));
  if (!unit || !unit->active) return Fail(Error::Invalid("invalid_value", "责任单位不存在", std::move(field)));
  return {};
}

std::string Shorten(const std::string& text, std::size_t max_bytes = 120) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a code point
  return text.substr(0, cut) + "…";
}

}  // namespace

ConsultationService::ConsultationService(store::Database& db, const Clock& clock, AppealService& appeals)
    : db_(db), clock_(clock), appeals_(appeals) {}

Result<ConsultationDetail> ConsultationService::Create(const Actor& actor, const ConsultationInput& in) {
  MS_TRY(RequireOperation(actor, Operation::kManageConsultations, "管理协商议事"));
  MS_ASSIGN(kind, ParseKind(in.kind));
  MS_TRY(RequireText(in.title, "title", "议题名称"));
  return WriteValue<ConsultationDetail>(db_, [&](Tx& tx) -> Result<ConsultationDetail> {
    MS_ASSIGN(region, RegionInScope(tx, actor, in.region_id));
    if (region.level == "district" || !region.street_id)
      return Fail(Error::Invalid("invalid_value", "协商议事的区域应为街镇、社区或网格", "region_id"));
    const Timestamp now = clock_.Now();
    Consultation c;
    c.street_id = region.street_id;
    c.region_id = region.id;
    c.kind = std::string(KindName(kind));
    c.title = Trim(in.title);
    c.description = Trim(in.description);
    c.step = std::string(StepName(S::kCollecting));
    c.created_by = actor.user_id;
    c.created_at = c.updated_at = now;
    MS_ASSIGN(id, store::InsertConsultation(tx, c));
    c.id = id;
    c.region_path = region.path;
    MS_TRY(store::AppendConsultationEvent(
        tx, {.consultation_id = id, .street_id = c.street_id, .at = now, .actor_id = actor.user_id,
             .actor_label = actor.PublicLabel(), .action = "create", .from_step = "", .to_step = c.step,
             .note = std::string(KindLabel(kind)) + "：" + c.title}));
    std::set<Id> seen;
    for (Id appeal_id : in.appeal_ids)
      if (seen.insert(appeal_id).second) MS_TRY(LinkOne(tx, appeals_, actor, c, appeal_id, now));
    return LoadDetail(tx, id);
  });
}

Result<ConsultationDetail> ConsultationService::AddTopic(const Actor& actor, Id id, const TopicInput& in) {
  return RunStep(db_, clock_, actor, id, Operation::kProposeTopics, "提出议题", A::kAddTopic,
                 [&](Tx& tx, Change& ch) -> Status {
                   MS_TRY(RequireText(in.content, "content", "议题内容"));
                   std::string source = in.source;
                   if (source.empty()) source = actor.Is(Role::kDeputy) ? "deputy" : "staff";
                   if (!OneOf(kTopicSources, source))
                     return Fail(Error::Invalid("invalid_value", "议题来源应为 resident、deputy 或 staff", "source"));
                   if (actor.Is(Role::kDeputy) && source != "deputy")
                     return Fail(Error::Invalid("invalid_value", "代表提出的议题来源应为 deputy", "source"));
                   std::string proposer = Trim(in.proposer);
                   if (proposer.empty() && source != "resident") proposer = actor.display_name;
                   MS_TRY(store::InsertConsultationTopic(
                       tx, {.consultation_id = id, .street_id = ch.c.street_id, .source = source,
                            .content = Trim(in.content), .proposer = proposer, .created_by = actor.user_id,
                            .created_at = ch.now}));
                   ch.event.note = Shorten(Trim(in.content));
                   return {};
                 });
}

Result<ConsultationDetail> ConsultationService::LinkAppeals(const Actor& actor, Id id, const std::vector<Id>& appeal_ids) {
  return RunStep(db_, clock_, actor, id, Operation::kManageConsultations, "管理协商议事", A::kLinkAppeal,
                 [&](Tx& tx, Change& ch) -> Status {
                   if (appeal_ids.empty())
                     return Fail(Error::Invalid("missing_field", "请选择要关联的诉求", "appeal_ids"));
                   std::set<Id> seen;
                   for (Id appeal_id : appeal_ids)
                     if (seen.insert(appeal_id).second) MS_TRY(LinkOne(tx, appeals_, actor, ch.c, appeal_id, ch.now));
                   ch.event.note = "关联诉求 " + std::to_string(seen.size()) + " 件";
                   return {};
                 });
}

Result<ConsultationDetail> ConsultationService::Submit(const Actor& actor, Id id, const std::string& note) {
  return RunStep(db_, clock_, actor, id, Operation::kManageConsultations, "管理协商议事", A::kSubmit,
                 [&](Tx& tx, Change& ch) -> Status {
                   MS_ASSIGN(topics, store::ListConsultationTopics(tx, id));
                   if (topics.empty())
                     return Fail(Error::Conflict("no_topics", "还没有征集到议题，不能提交审定"));
                   ch.event.note = Trim(note);
                   return {};
                 });
}

Result<ConsultationDetail> ConsultationService::Decide(const Actor& actor, Id id, const DecideInput& in) {
  return RunStep(
      db_, clock_, actor, id, Operation::kManageConsultations, "管理协商议事", in.accept ? A::kAccept : A::kRefuse,
      [&](Tx& tx, Change& ch) -> Status {
        ch.c.decided_at = ch.now;
        if (in.accept) {
          ch.event.note = Trim(in.reason).empty() ? "议题通过审定" : "议题通过审定：" + Trim(in.reason);
          return {};
        }
        MS_ASSIGN(rule, ParseRefusalRule(in.refusal_rule));
        MS_TRY(RequireText(in.reason, "reason", "不予协商的理由"));
        ch.c.refusal_rule = std::string(RefusalRuleName(rule));
        ch.c.refusal_reason = Trim(in.reason);
        const std::string told = "协商议事“" + ch.c.title + "”不予协商（" + std::string(RefusalRuleLabel(rule)) +
                                 "）：" + ch.c.refusal_reason;
        ch.event.note = "不予协商（" + std::string(RefusalRuleLabel(rule)) + "）：" + ch.c.refusal_reason;
        // The residents of linked appeals are told why: each appeal takes the explain route with the reason.
        MS_ASSIGN(links, store::ListConsultationAppeals(tx, id));
        for (const auto& link : links) {
          if (!link.outcome.empty() || link.appeal_status != "deliberating") continue;
          MS_TRY(appeals_.TriageIn(tx, actor, link.appeal_id,
                                   {.route = Action::kExplain, .note = told, .consultation_id = id}));
          MS_TRY(store::SetConsultationAppealOutcome(tx, link.id, "explained", std::nullopt));
        }
        return {};
      });
}

Result<ConsultationDetail> ConsultationService::AddResearch(const Actor& actor, Id id, const ResearchInput& in) {
  return RunStep(db_, clock_, actor, id, Operation::kManageConsultations, "管理协商议事", A::kResearch,
                 [&](Tx& tx, Change& ch) -> Status {
                   MS_TRY(RequireText(in.content, "content", "调研内容"));
                   const std::string link = Trim(in.link);
                   if (!link.empty() && !link.starts_with("http://") && !link.starts_with("https://"))
                     return Fail(Error::Invalid("invalid_value", "材料链接应以 http:// 或 https:// 开头", "link"));
                   MS_TRY(store::InsertConsultationNote(tx, {.consultation_id = id, .street_id = ch.c.street_id,
                                                             .content = Trim(in.content), .link = link,
                                                             .author_id = actor.user_id, .created_at = ch.now}));
                   ch.event.note = Shorten(Trim(in.content));
                   return {};
                 });
}

Result<ConsultationDetail> ConsultationService::Meeting(const Actor& actor, Id id, const MeetingInput& in) {
  return RunStep(
      db_, clock_, actor, id, Operation::kManageConsultations, "管理协商议事", A::kMeeting,
      [&](Tx& tx, Change& ch) -> Status {
        if (in.form) {
          if (!OneOf(kMeetingForms, *in.form))
            return Fail(Error::Invalid("invalid_value", "会议形式应为 in_person（现场）、online（线上）或 written（书面）",
                                       "form"));
          ch.c.meeting_form = *in.form;
        }
        if (ch.c.meeting_form.empty()) {
          if (ch.kind != K::kMicro) return Fail(Error::Invalid("missing_field", "请选择会议形式", "form"));
          ch.c.meeting_form = "written";  // the light path: a written consultation unless said otherwise
        }
        if (in.place) ch.c.meeting_place = Trim(*in.place);
        if (in.meeting_at) ch.c.meeting_at = *in.meeting_at;
        if (ch.c.meeting_form == "in_person" && ch.c.meeting_place.empty())
          return Fail(Error::Invalid("missing_field", "现场会议请填写地点", "place"));
        std::vector<std::string> said;
        if (in.participants) {
          std::vector<store::ConsultationParticipantRecord> rows;
          for (std::size_t i = 0; i < in.participants->size(); ++i) {
            const auto& p = (*in.participants)[i];
            const std::string at = "participants[" + std::to_string(i) + "]";
            if (!OneOf(kParticipantRoles, p.role))
              return Fail(Error::Invalid("invalid_value",
                                         "参会身份应为 stakeholder、resident_representative、deputy、department、expert "
                                         "或 party_leader",
                                         at + ".role"));
            if (Trim(p.name).empty()) return Fail(Error::Invalid("missing_field", "请填写参会人员", at + ".name"));
            if (p.unit_id) MS_TRY(CheckUnit(tx, *p.unit_id, at + ".unit_id"));
            rows.push_back({.role = p.role, .name = Trim(p.name), .unit_id = p.unit_id, .user_id = p.user_id,
                            .attended = p.attended});
          }
          MS_TRY(store::ReplaceConsultationParticipants(tx, id, ch.c.street_id, rows));
          const auto attended = std::count_if(rows.begin(), rows.end(), [](const auto& r) { return r.attended; });
          said.push_back("参会 " + std::to_string(rows.size()) + " 人，出席 " + std::to_string(attended) + " 人");
        }
        if (in.minutes) {
          ch.c.minutes = Trim(*in.minutes);
          said.push_back("记录会议纪要");
        }
        std::string note = ch.from == S::kMeeting ? "更新会议" : "安排会议";
        for (const auto& s : said) note += "；" + s;
        ch.event.note = note;
        return {};
      });
}

Result<ConsultationDetail> ConsultationService::Publish(const Actor& actor, Id id, const PublishInput& in) {
  return RunStep(
      db_, clock_, actor, id, Operation::kManageConsultations, "管理协商议事", A::kPublish,
      [&](Tx& tx, Change& ch) -> Status {
        MS_TRY(RequireText(in.outcome, "outcome", "协商结果"));
        if (in.notice_days < 1 || in.notice_days > kMaxNoticeDays)
          return Fail(Error::Invalid("out_of_range", "公示期应在 1 到 60 天之间", "notice_days"));
        if (ch.c.minutes.empty())
          return Fail(Error::Conflict("minutes_missing", "请先记录会议纪要，再公示协商结果"));
        MS_ASSIGN(links, store::ListConsultationAppeals(tx, id));
        std::map<Id, std::size_t> action_of;  // appeal id → index into in.actions
        for (std::size_t i = 0; i < in.actions.size(); ++i) {
          const auto& a = in.actions[i];
          const std::string at = "actions[" + std::to_string(i) + "]";
          MS_TRY(RequireText(a.title, at + ".title", "落实事项"));
          MS_TRY(CheckUnit(tx, a.owner_unit_id, at + ".owner_unit_id"));
          MS_TRY(CheckDeadline(a.deadline, ch.now, at + ".deadline"));
          for (Id appeal_id : a.appeal_ids) {
            const bool linked = std::any_of(links.begin(), links.end(), [&](const auto& l) {
              return l.appeal_id == appeal_id && l.outcome.empty();
            });
            if (!linked)
              return Fail(Error::Invalid("invalid_value", "诉求未关联本协商议事：" + std::to_string(appeal_id),
                                         at + ".appeal_ids"));
            if (!action_of.emplace(appeal_id, i).second)
              return Fail(Error::Invalid("invalid_value", "一件诉求只能由一个落实事项承接", at + ".appeal_ids"));
          }
        }
        ch.c.outcome = Trim(in.outcome);
        ch.c.notice_days = in.notice_days;
        ch.c.published_at = ch.now;
        ch.c.notice_ends_at = ch.now + static_cast<Timestamp>(in.notice_days) * kSecondsPerDay;
        std::vector<Id> action_ids;
        for (const auto& a : in.actions) {
          MS_ASSIGN(action_id, store::InsertConsultationAction(
                                   tx, {.consultation_id = id, .street_id = ch.c.street_id, .title = Trim(a.title),
                                        .owner_unit_id = a.owner_unit_id, .deadline = FormatDate(a.deadline),
                                        .created_at = ch.now}));
          action_ids.push_back(action_id);
        }
        // Each linked appeal moves with the outcome: dispatched to its action's owner unit, or explained.
        const std::string explanation = Trim(in.explanation).empty() ? ch.c.outcome : Trim(in.explanation);
        int dispatched = 0, explained = 0;
        for (const auto& link : links) {
          if (!link.outcome.empty()) continue;
          auto it = action_of.find(link.appeal_id);
          if (it != action_of.end()) {
            const ActionInput& a = in.actions[it->second];
            MS_TRY(appeals_.DispatchIn(tx, actor, link.appeal_id,
                                       {.lead_unit_id = a.owner_unit_id, .deadline = a.deadline,
                                        .note = "协商议事“" + ch.c.title + "”议定：" + Trim(a.title),
                                        .consultation_id = id}));
            MS_TRY(store::SetConsultationAppealOutcome(tx, link.id, "dispatched", action_ids[it->second]));
            ++dispatched;
          } else if (link.appeal_status == "deliberating") {
            MS_TRY(appeals_.TriageIn(tx, actor, link.appeal_id,
                                     {.route = Action::kExplain,
                                      .note = "协商议事“" + ch.c.title + "”结果：" + explanation,
                                      .consultation_id = id}));
            MS_TRY(store::SetConsultationAppealOutcome(tx, link.id, "explained", std::nullopt));
            ++explained;
          }
        }
        ch.event.note = "公示 " + std::to_string(in.notice_days) + " 天；落实事项 " + std::to_string(in.actions.size()) +
                        " 项；诉求派单 " + std::to_string(dispatched) + " 件、解释 " + std::to_string(explained) + " 件";
        return {};
      });
}

Result<ConsultationDetail> ConsultationService::DispatchAnalysis(const Actor& actor, Id id,
                                                                 const AnalysisDispatchInput& in) {
  return RunStep(db_, clock_, actor, id, Operation::kManageConsultations, "管理协商议事", A::kDispatch,
                 [&](Tx& tx, Change& ch) -> Status {
                   if (!Trim(in.minutes).empty()) ch.c.minutes = Trim(in.minutes);
                   if (ch.c.minutes.empty())
                     return Fail(Error::Invalid("missing_field", "请填写分析协调会纪要", "minutes"));
                   MS_ASSIGN(links, store::ListConsultationAppeals(tx, id));
                   int dispatched = 0;
                   for (const auto& link : links) {
                     if (!link.outcome.empty() || link.appeal_status != "deliberating") continue;
                     MS_TRY(appeals_.DispatchIn(
                         tx, actor, link.appeal_id,
                         {.lead_unit_id = in.lead_unit_id, .assisting_unit_ids = in.assisting_unit_ids,
                          .deadline = in.deadline,
                          .note = Trim(in.note).empty() ? "分析协调会“" + ch.c.title + "”议定派单" : Trim(in.note),
                          .consultation_id = id}));
                     MS_TRY(store::SetConsultationAppealOutcome(tx, link.id, "dispatched", std::nullopt));
                     ++dispatched;
                   }
                   if (dispatched == 0)
                     return Fail(Error::Conflict("no_appeals", "没有待派单的关联诉求"));
                   ch.c.lead_unit_id = in.lead_unit_id;
                   ch.c.done_at = ch.now;
                   ch.event.note = "议定主办、协办单位，派单 " + std::to_string(dispatched) + " 件";
                   return {};
                 });
}

Result<ConsultationDetail> ConsultationService::AddAction(const Actor& actor, Id id, const ActionInput& in) {
  return RunStep(db_, clock_, actor, id, Operation::kManageConsultations, "管理协商议事", A::kAddAction,
                 [&](Tx& tx, Change& ch) -> Status {
                   MS_TRY(RequireText(in.title, "title", "落实事项"));
                   MS_TRY(CheckUnit(tx, in.owner_unit_id, "owner_unit_id"));
                   MS_TRY(CheckDeadline(in.deadline, ch.now, "deadline"));
                   if (!in.appeal_ids.empty())
                     return Fail(Error::Invalid("invalid_value", "关联诉求已随结果公示处理", "appeal_ids"));
                   MS_TRY(store::InsertConsultationAction(
                       tx, {.consultation_id = id, .street_id = ch.c.street_id, .title = Trim(in.title),
                            .owner_unit_id = in.owner_unit_id, .deadline = FormatDate(in.deadline),
                            .created_at = ch.now}));
                   ch.event.note = Trim(in.title);
                   return {};
                 });
}

Result<ConsultationDetail> ConsultationService::CompleteAction(const Actor& actor, Id id, Id action_id,
                                                               const std::string& note) {
  return RunStep(db_, clock_, actor, id, Operation::kManageConsultations, "管理协商议事", A::kCompleteAction,
                 [&](Tx& tx, Change& ch) -> Status {
                   MS_ASSIGN(actions, store::ListConsultationActions(tx, id));
                   auto it = std::find_if(actions.begin(), actions.end(), [&](const auto& a) { return a.id == action_id; });
                   if (it == actions.end()) return Fail(Error::NotFound("落实事项不存在", "action_id"));
                   MS_TRY(store::CompleteConsultationAction(tx, action_id, ch.now, Trim(note)));
                   ch.event.note = it->title + (Trim(note).empty() ? "" : "：" + Trim(note));
                   return {};
                 });
}

Result<ConsultationDetail> ConsultationService::Track(const Actor& actor, Id id, const std::string& note) {
  return RunStep(db_, clock_, actor, id, Operation::kManageConsultations, "管理协商议事", A::kTrack,
                 [&](Tx&, Change& ch) -> Status {
                   ch.event.note = Trim(note);
                   return {};
                 });
}

Result<ConsultationDetail> ConsultationService::Finish(const Actor& actor, Id id, const std::string& note) {
  return RunStep(db_, clock_, actor, id, Operation::kManageConsultations, "管理协商议事", A::kFinish,
                 [&](Tx& tx, Change& ch) -> Status {
                   MS_ASSIGN(actions, store::ListConsultationActions(tx, id));
                   const auto open = std::count_if(actions.begin(), actions.end(),
                                                   [](const auto& a) { return a.status != "done"; });
                   if (open > 0)
                     return Fail(Error::Conflict("actions_open",
                                                 "还有 " + std::to_string(open) + " 项落实事项未完成，不能办结"));
                   ch.c.done_at = ch.now;
                   ch.event.note = Trim(note);
                   return {};
                 });
}

Result<ConsultationDetail> ConsultationService::Get(const Actor& actor, Id id) {
  MS_TRY(RequireOperation(actor, Operation::kReadConsultations, "查看协商议事"));
  return ReadValue<ConsultationDetail>(db_, [&](Tx& tx) -> Result<ConsultationDetail> {
    MS_ASSIGN(found, store::FindConsultation(tx, id));
    if (!found || !InRegion(actor, found->region_path)) return Fail(NotFound());
    return LoadDetail(tx, id);
  });
}

Result<store::ConsultationPage> ConsultationService::List(const Actor& actor, ConsultationQuery q) {
  MS_TRY(RequireOperation(actor, Operation::kReadConsultations, "查看协商议事"));
  if (q.step) MS_TRY(ParseStep(*q.step));
  if (q.kind) MS_TRY(ParseKind(*q.kind));
  store::ConsultationFilter f;
  f.step = q.step;
  f.kind = q.kind;
  f.appeal_id = q.appeal_id;
  f.page = q.page;
  f.page_size = q.page_size;
  if (!actor.DistrictWide()) f.scope_path = actor.region_path;
  return ReadMayLagValue<store::ConsultationPage>(db_, [&](Tx& tx) -> Result<store::ConsultationPage> {
    if (q.region_id) {
      MS_ASSIGN(region, RegionInScope(tx, actor, *q.region_id));
      f.region_path = region.path;
    }
    return store::ListConsultations(tx, f);
  });
}

std::vector<std::string> ConsultationService::AllowedActions(const Actor& actor, const Consultation& c) const {
  auto kind = ParseKind(c.kind);
  auto step = ParseStep(c.step);
  if (!kind || !step || !actor.IsStaff()) return {};
  std::vector<std::string> all = AllowedActionNames(*kind, *step);
  std::vector<std::string> out;
  if (RoleMayDo(actor.role, Operation::kManageConsultations)) out = std::move(all);
  else if (RoleMayDo(actor.role, Operation::kProposeTopics) && OneOf(all, "topics")) out = {"topics"};
  // 转为建议: POST /proposals with consultation_id (ProposalService checks the same).
  if (MayBecomeProposal(*step) && RoleMayDo(actor.role, Operation::kKeepProposals)) out.push_back("propose");
  return out;
}

Result<store::ConsultationPage> ConsultationService::ListPublished(int page, int page_size) {
  store::ConsultationFilter f;
  f.published_only = true;
  f.page = page;
  f.page_size = page_size;
  return ReadMayLagValue<store::ConsultationPage>(db_, [&](Tx& tx) { return store::ListConsultations(tx, f); });
}

Result<ConsultationDetail> ConsultationService::GetPublished(Id id) {
  return ReadValue<ConsultationDetail>(db_, [&](Tx& tx) -> Result<ConsultationDetail> {
    MS_ASSIGN(found, store::FindConsultation(tx, id));
    if (!found) return Fail(NotFound());
    MS_ASSIGN(kind, ParseKind(found->kind));
    MS_ASSIGN(step, ParseStep(found->step));
    if (!IsPublished(kind, step)) return Fail(NotFound());
    return LoadDetail(tx, id);
  });
}

Result<store::ConsultationCommentRecord> ConsultationService::Comment(Id id, const std::string& author,
                                                                      const std::string& content) {
  MS_TRY(RequireText(content, "content", "意见内容"));
  return WriteValue<store::ConsultationCommentRecord>(db_, [&](Tx& tx) -> Result<store::ConsultationCommentRecord> {
    MS_ASSIGN(found, store::FindConsultation(tx, id));
    if (!found) return Fail(NotFound());
    MS_ASSIGN(kind, ParseKind(found->kind));
    MS_ASSIGN(step, ParseStep(found->step));
    if (!IsPublished(kind, step)) return Fail(NotFound());
    const Timestamp now = clock_.Now();
    if (!found->notice_ends_at || now > *found->notice_ends_at)
      return Fail(Error::Conflict("comments_closed", "公示期已结束，不能再发表意见"));
    store::ConsultationCommentRecord c{.consultation_id = id, .street_id = found->street_id, .author = Trim(author),
                                       .content = Trim(content), .created_at = now};
    MS_ASSIGN(comment_id, store::InsertConsultationComment(tx, c));
    c.id = comment_id;
    return c;
  });
}

}  // namespace minsheng::app
