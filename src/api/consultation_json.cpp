#include "api/consultation_json.h"

#include <algorithm>
#include <array>

#include "api/handler_support.h"
#include "core/calendar.h"
#include "core/consultation.h"
#include "core/lifecycle.h"

namespace minsheng::api {
namespace {

using nlohmann::json;

struct Label {
  std::string_view name;
  std::string_view label;
};
constexpr std::array kParticipantRoles = {
    Label{"stakeholder", "利益相关方"}, Label{"resident_representative", "居民代表"}, Label{"deputy", "代表委员"},
    Label{"department", "职能部门"},    Label{"expert", "专家"},                   Label{"party_leader", "社区党组织负责人"},
};
constexpr std::array kForms = {Label{"in_person", "现场会议"}, Label{"online", "线上会议"}, Label{"written", "书面协商"}};
constexpr std::array kSources = {Label{"resident", "群众提出"}, Label{"deputy", "代表提出"}, Label{"appeal", "诉求转入"},
                                 Label{"staff", "工作人员提出"}};
constexpr std::array kOutcomes = {Label{"", "待协商"}, Label{"dispatched", "已派单"}, Label{"explained", "已解释"}};
constexpr std::array kEventActions = {Label{"create", "发起协商议事"}};

template <typename Table>
std::string_view LabelOf(const Table& table, std::string_view name) {
  for (const auto& l : table)
    if (l.name == name) return l.label;
  return name;
}

std::string_view KindLabelOf(const std::string& name) {
  auto k = ParseKind(name);
  return k ? KindLabel(*k) : std::string_view(name);
}
std::string_view StepLabelOf(const std::string& name) {
  if (name.empty()) return "";
  auto s = ParseStep(name);
  return s ? StepLabel(*s) : std::string_view(name);
}
std::string_view RuleLabelOf(const std::string& name) {
  if (name.empty()) return "";
  auto r = ParseRefusalRule(name);
  return r ? RefusalRuleLabel(*r) : std::string_view(name);
}
std::string_view EventLabelOf(const std::string& action) {
  for (ConsultationAction a : AllConsultationActions())
    if (ConsultationActionName(a) == action) return ConsultationActionLabel(a);
  return LabelOf(kEventActions, action);
}
std::string_view AppealStatusLabel(const std::string& status) {
  auto s = ParseState(status);
  return s ? StateLabel(*s) : std::string_view(status);
}

bool CommentsOpen(const app::Consultation& c, Timestamp now) {
  auto kind = ParseKind(c.kind);
  auto step = ParseStep(c.step);
  return kind && step && IsPublished(*kind, *step) && c.notice_ends_at && now <= *c.notice_ends_at;
}

// The stepper: the kind's path with each step done, current or to do (refused: the steps until it was refused).
json PathJson(const app::Consultation& c) {
  json out = json::array();
  auto kind = ParseKind(c.kind);
  auto step = ParseStep(c.step);
  if (!kind || !step) return out;
  const auto path = PathOf(*kind);
  auto at = std::find(path.begin(), path.end(), *step);
  const bool refused = *step == ConsultationStep::kRefused;
  for (auto it = path.begin(); it != path.end(); ++it) {
    std::string state = "todo";
    if (refused) state = *it == ConsultationStep::kCollecting ? "done" : "todo";
    else if (it < at) state = "done";
    else if (it == at) state = *step == ConsultationStep::kDone ? "done" : "current";
    out.push_back({{"step", StepName(*it)}, {"label", StepLabel(*it)}, {"state", state}});
  }
  if (refused) out.push_back({{"step", "refused"}, {"label", StepLabel(*step)}, {"state", "current"}});
  return out;
}

json ActionJson(const store::ConsultationActionRecord& a, Timestamp now) {
  const bool overdue = a.status == "open" && a.deadline < FormatDate(LocalDay(now));
  return {{"id", a.id},
          {"title", a.title},
          {"owner_unit_id", a.owner_unit_id},
          {"owner_unit_name", a.owner_unit_name},
          {"deadline", a.deadline},
          {"status", a.status},
          {"status_label", a.status == "done" ? "已完成" : overdue ? "已逾期" : "落实中"},
          {"overdue", overdue},
          {"done_at", TimeOrNull(a.done_at)},
          {"done_note", a.done_note}};
}

json CommentJson(const store::ConsultationCommentRecord& c) {
  return {{"id", c.id}, {"author", c.author.empty() ? "匿名群众" : c.author}, {"content", c.content},
          {"at", FormatTime(c.created_at)}};
}

json MeetingJson(const app::Consultation& c) {
  return {{"at", TimeOrNull(c.meeting_at)},
          {"place", c.meeting_place},
          {"form", c.meeting_form},
          {"form_label", LabelOf(kForms, c.meeting_form)}};
}

// What the staff and the portal views share.
json CommonJson(const app::Consultation& c) {
  return {{"id", c.id},
          {"kind", c.kind},
          {"kind_label", KindLabelOf(c.kind)},
          {"title", c.title},
          {"region_name", c.region_name},
          {"step", c.step},
          {"step_label", StepLabelOf(c.step)},
          {"published_at", TimeOrNull(c.published_at)},
          {"notice_ends_at", TimeOrNull(c.notice_ends_at)}};
}

template <typename Table>
json Options(const Table& table) {
  json out = json::array();
  for (const auto& l : table) out.push_back({{"value", l.name}, {"label", l.label}});
  return out;
}

}  // namespace

json ConsultationKindOptions() {
  json out = json::array();
  for (ConsultationKind k : AllConsultationKinds()) out.push_back({{"value", KindName(k)}, {"label", KindLabel(k)}});
  return out;
}

json ConsultationStepOptions() {
  json out = json::array();
  for (ConsultationStep s : AllConsultationSteps()) out.push_back({{"value", StepName(s)}, {"label", StepLabel(s)}});
  return out;
}

json ConsultationItemJson(const app::Consultation& c) {
  json out = CommonJson(c);
  out["region_id"] = c.region_id;
  out["street_id"] = IdOrNull(c.street_id);
  out["refusal_rule"] = c.refusal_rule.empty() ? json(nullptr) : json(c.refusal_rule);
  out["refusal_rule_label"] = RuleLabelOf(c.refusal_rule);
  out["meeting_at"] = TimeOrNull(c.meeting_at);
  out["created_at"] = FormatTime(c.created_at);
  out["updated_at"] = FormatTime(c.updated_at);
  return out;
}

json ConsultationDetailJson(const app::ConsultationDetail& d, const std::vector<std::string>& allowed_actions,
                            Timestamp now) {
  const app::Consultation& c = d.consultation;
  json out = ConsultationItemJson(c);
  out["description"] = c.description;
  out["refusal_reason"] = c.refusal_reason;
  out["decided_at"] = TimeOrNull(c.decided_at);
  out["meeting"] = MeetingJson(c);
  out["minutes"] = c.minutes;
  out["outcome"] = c.outcome;
  out["notice_days"] = c.notice_days;
  out["comments_open"] = CommentsOpen(c, now);
  out["lead_unit_id"] = IdOrNull(c.lead_unit_id);
  out["done_at"] = TimeOrNull(c.done_at);
  out["version"] = c.version;
  out["path"] = PathJson(c);
  json topics = json::array();
  for (const auto& t : d.topics)
    topics.push_back({{"id", t.id}, {"source", t.source}, {"source_label", LabelOf(kSources, t.source)},
                      {"content", t.content}, {"proposer", t.proposer}, {"appeal_id", IdOrNull(t.appeal_id)},
                      {"created_at", FormatTime(t.created_at)}});
  out["topics"] = topics;
  json appeals = json::array();
  for (const auto& a : d.appeals)
    appeals.push_back({{"appeal_id", a.appeal_id}, {"title", a.appeal_title}, {"status", a.appeal_status},
                       {"status_label", AppealStatusLabel(a.appeal_status)}, {"outcome", a.outcome},
                       {"outcome_label", LabelOf(kOutcomes, a.outcome)}, {"action_id", IdOrNull(a.action_id)},
                       {"linked_at", FormatTime(a.linked_at)}});
  out["appeals"] = appeals;
  json notes = json::array();
  for (const auto& n : d.notes)
    notes.push_back({{"id", n.id}, {"content", n.content}, {"link", n.link}, {"author_name", n.author_name},
                     {"created_at", FormatTime(n.created_at)}});
  out["research_notes"] = notes;
  json participants = json::array();
  for (const auto& p : d.participants)
    participants.push_back({{"id", p.id}, {"role", p.role}, {"role_label", LabelOf(kParticipantRoles, p.role)},
                            {"name", p.name}, {"unit_id", IdOrNull(p.unit_id)}, {"user_id", IdOrNull(p.user_id)},
                            {"attended", p.attended}});
  out["participants"] = participants;
  json actions = json::array();
  for (const auto& a : d.actions) actions.push_back(ActionJson(a, now));
  out["actions"] = actions;
  json comments = json::array();
  for (const auto& x : d.comments) comments.push_back(CommentJson(x));
  out["comments"] = comments;
  json events = json::array();
  for (const auto& e : d.events)
    events.push_back({{"at", FormatTime(e.at)}, {"actor_label", d.actors.StaffLabel(e.actor_id, e.actor_label)},
                      {"actor_name", d.actors.Person(e.actor_id)}, {"actor_unit", d.actors.Unit(e.actor_id)},
                      {"action", e.action},
                      {"action_label", EventLabelOf(e.action)}, {"from_step", e.from_step},
                      {"to_step", e.to_step}, {"to_step_label", StepLabelOf(e.to_step)}, {"note", e.note}});
  out["events"] = events;
  out["allowed_actions"] = allowed_actions;
  json rules = json::array();
  for (RefusalRule r : {RefusalRule::kAgainstLaw, RefusalRule::kSuperiorDecided, RefusalRule::kDiscriminatory})
    rules.push_back({{"value", RefusalRuleName(r)}, {"label", RefusalRuleLabel(r)}});
  out["options"] = {{"refusal_rules", rules},
                    {"participant_roles", Options(kParticipantRoles)},
                    {"meeting_forms", Options(kForms)},
                    {"topic_sources", Options(kSources)}};
  return out;
}

json PublicConsultationItemJson(const app::Consultation& c, Timestamp now) {
  json out = CommonJson(c);
  out["outcome"] = c.outcome;
  out["comments_open"] = CommentsOpen(c, now);
  return out;
}

json PublicConsultationJson(const app::ConsultationDetail& d, Timestamp now) {
  const app::Consultation& c = d.consultation;
  json out = PublicConsultationItemJson(c, now);
  out["description"] = c.description;
  out["meeting"] = MeetingJson(c);
  // Who took part, by role: how many were invited and attended (names stay with staff).
  json roles = json::array();
  for (const auto& r : kParticipantRoles) {
    int invited = 0, attended = 0;
    for (const auto& p : d.participants)
      if (p.role == r.name) {
        ++invited;
        attended += p.attended ? 1 : 0;
      }
    if (invited > 0)
      roles.push_back({{"role", r.name}, {"role_label", r.label}, {"invited", invited}, {"attended", attended}});
  }
  out["participants"] = roles;
  json actions = json::array();
  for (const auto& a : d.actions) actions.push_back(ActionJson(a, now));
  out["actions"] = actions;
  json comments = json::array();
  for (const auto& x : d.comments) comments.push_back(CommentJson(x));
  out["comments"] = comments;
  return out;
}

}  // namespace minsheng::api
