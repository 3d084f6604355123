#include "api/proposal_json.h"

#include "api/handler_support.h"
#include "core/calendar.h"
#include "core/proposal.h"

namespace minsheng::api {
namespace {

using nlohmann::json;

json DateOrNull(const std::optional<Timestamp>& t) {
  return t ? json(FormatDate(LocalDay(*t))) : json(nullptr);
}
// The day a deadline instant (the start of the day after) ends.
json DueDayOrNull(const std::optional<Timestamp>& t) {
  return t ? json(FormatDate(LocalDay(*t - 1))) : json(nullptr);
}
json OptRate(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

std::string KindLabel(const std::string& kind) {
  auto k = ParseProposalKind(kind);
  return k ? std::string(ProposalKindLabel(*k)) : kind;
}
std::string StepLabel(const std::string& step) {
  auto s = ParseProposalStep(step);
  return s ? std::string(ProposalStepLabel(*s)) : step;
}
std::string CategoryLabel(const std::string& c) {
  auto v = ParseAnswerCategory(c);
  return v ? std::string(AnswerCategoryLabel(*v)) : c;
}
json CategoryLabelOrNull(const std::optional<std::string>& c) { return c ? json(CategoryLabel(*c)) : json(nullptr); }
json RatingLabelOrNull(const std::optional<std::string>& r) {
  if (!r) return nullptr;
  auto v = ParseProposalRating(*r);
  return v ? json(std::string(ProposalRatingLabel(*v))) : json(*r);
}

}  // namespace

json ProposalSummaryJson(const app::Proposal& p) {
  return {{"id", p.id},
          {"kind", p.kind},
          {"kind_label", KindLabel(p.kind)},
          {"title", p.title},
          {"step", p.step},
          {"step_label", StepLabel(p.step)},
          {"deputy_id", p.deputy_id},
          {"deputy_name", p.deputy_name},
          {"region_id", p.region_id},
          {"region_name", p.region_name},
          {"street_id", IdOrNull(p.street_id)},
          {"consultation_id", IdOrNull(p.consultation_id)},
          {"lead_unit_id", IdOrNull(p.lead_unit_id)},
          {"lead_unit_name", p.lead_unit_id ? json(p.lead_unit_name) : json(nullptr)},
          {"deadline", DueDayOrNull(p.deadline)},
          {"answer_category", p.answer_category ? json(*p.answer_category) : json(nullptr)},
          {"answer_category_label", CategoryLabelOrNull(p.answer_category)},
          {"follow_up_on", DateOrNull(p.follow_up_on)},
          {"rating", p.rating ? json(*p.rating) : json(nullptr)},
          {"rating_label", RatingLabelOrNull(p.rating)},
          {"second_round", p.dissatisfied_count >= 1},
          {"submitted_at", TimeOrNull(p.submitted_at)},
          {"assigned_at", TimeOrNull(p.assigned_at)},
          {"first_answered_at", TimeOrNull(p.first_answered_at)},
          {"answered_at", TimeOrNull(p.answered_at)},
          {"closed_at", TimeOrNull(p.closed_at)},
          {"created_at", FormatTime(p.created_at)},
          {"updated_at", FormatTime(p.updated_at)}};
}

json ProposalDetailJson(const app::ProposalDetail& d) {
  json out = ProposalSummaryJson(d.proposal);
  out["content"] = d.proposal.content;
  out["consultation_title"] = d.consultation_title;
  json units = json::array();
  for (const auto& u : d.units)
    units.push_back({{"unit_id", u.unit_id}, {"unit_name", u.unit_name}, {"role", u.role},
                     {"role_label", u.role == "lead" ? "主办" : "协办"}});
  out["units"] = units;
  // The appeals it took up: no receipt codes (they would let a reader track the resident's appeal).
  json appeals = json::array();
  for (const auto& a : d.appeals)
    appeals.push_back({{"appeal_id", a.appeal_id}, {"title", a.title}, {"status", a.status},
                       {"linked_at", FormatTime(a.linked_at)}});
  out["appeals"] = appeals;
  json contacts = json::array();
  for (const auto& c : d.contacts) {
    auto stage = ParseContactStage(c.stage);
    contacts.push_back({{"id", c.id}, {"unit_id", IdOrNull(c.unit_id)}, {"stage", c.stage},
                        {"stage_label", stage ? std::string(ContactStageLabel(*stage)) : c.stage},
                        {"method", c.method}, {"note", c.note}, {"recorded_by", c.recorded_by},
                        {"recorded_by_name", c.recorder_name}, {"at", FormatTime(c.at)}});
  }
  out["contacts"] = contacts;
  json opinions = json::array();
  for (const auto& o : d.opinions)
    opinions.push_back({{"id", o.id}, {"unit_id", IdOrNull(o.unit_id)}, {"content", o.content},
                        {"recorded_by", o.recorded_by}, {"recorded_by_name", o.recorder_name},
                        {"at", FormatTime(o.at)}});
  out["opinions"] = opinions;
  json answers = json::array();
  for (const auto& a : d.answers)
    answers.push_back({{"id", a.id}, {"kind", a.kind}, {"kind_label", a.kind == "follow_up" ? "回头看" : "答复"},
                       {"round", a.round}, {"unit_id", IdOrNull(a.unit_id)}, {"category", a.category},
                       {"category_label", CategoryLabel(a.category)}, {"content", a.content},
                       {"follow_up_on", DateOrNull(a.follow_up_on)}, {"drafted_by", a.drafted_by},
                       {"drafted_at", FormatTime(a.drafted_at)}, {"approved_by", IdOrNull(a.approved_by)},
                       {"sent_at", TimeOrNull(a.sent_at)}, {"sent", a.sent_at.has_value()}});
  out["answers"] = answers;
  json timeline = json::array();
  for (const auto& e : d.timeline) {
    json data = json::parse(e.data.empty() ? "{}" : e.data, nullptr, false);
    if (data.is_discarded()) data = json::object();
    timeline.push_back({{"at", FormatTime(e.at)}, {"actor_id", IdOrNull(e.actor_id)},
                        {"actor_label", d.actors.StaffLabel(e.actor_id, e.actor_label)},
                        {"actor_name", d.actors.Person(e.actor_id)}, {"actor_unit", d.actors.Unit(e.actor_id)},
                        {"action", e.action},
                        {"action_label", e.action == "link_appeal"
                                             ? std::string("纳入诉求")
                                             : std::string(ProposalActionLabelOf(e.action).value_or(e.action))},
                        {"from_step", e.from_step ? json(*e.from_step) : json(nullptr)}, {"to_step", e.to_step},
                        {"note", e.note}, {"data", data}});
  }
  out["timeline"] = timeline;
  out["allowed_actions"] = d.allowed_actions;
  out["labels"] = ProposalVocabularyJson();
  return out;
}

json ProposalFiguresJson(const app::ProposalFigures& f) {
  json units = json::array();
  for (const auto& u : f.units) {
    const auto& x = u.figures;
    units.push_back({{"unit_id", u.unit_id}, {"unit_name", u.unit_name}, {"assigned", x.assigned},
                     {"met_before", x.met_before}, {"answered", x.answered}, {"on_time", x.on_time},
                     {"rated", x.rated}, {"satisfied", x.satisfied}, {"category_a", x.category_a},
                     {"category_b", x.category_b}, {"category_c", x.category_c},
                     {"meeting_rate", OptRate(x.meeting_rate)}, {"reply_rate", OptRate(x.reply_rate)},
                     {"satisfaction_rate", OptRate(x.satisfaction_rate)}, {"on_time_rate", OptRate(x.on_time_rate)}});
  }
  json deputies = json::array();
  for (const auto& d : f.deputies) {
    const auto& x = d.figures;
    deputies.push_back({{"deputy_id", d.deputy_id}, {"deputy_name", d.deputy_name}, {"total", x.total},
                        {"drafts", x.drafts}, {"submitted", x.submitted}, {"in_handling", x.in_handling},
                        {"awaiting_follow_up", x.awaiting_follow_up}, {"closed", x.closed},
                        {"category_a", x.category_a}, {"category_b", x.category_b}, {"category_c", x.category_c},
                        {"satisfied", x.satisfied}, {"basically_satisfied", x.basically_satisfied},
                        {"dissatisfied", x.dissatisfied}});
  }
  return {{"year", f.year}, {"units", units}, {"deputies", deputies}};
}

json PublicProposalAnswersJson(const std::vector<app::PublicProposalAnswer>& answers) {
  json out = json::array();
  for (const auto& a : answers)
    out.push_back({{"proposal_kind", a.kind}, {"proposal_kind_label", KindLabel(a.kind)},
                   {"category", a.category}, {"category_label", CategoryLabel(a.category)},
                   {"content", a.content}, {"unit_name", a.unit_name}, {"follow_up_on", DateOrNull(a.follow_up_on)},
                   {"follow_up", a.follow_up}, {"at", FormatTime(a.sent_at)}});
  return out;
}

json ProposalVocabularyJson() {
  json kinds = json::array(), steps = json::array(), categories = json::array(), stages = json::array(),
       ratings = json::array();
  for (ProposalKind k : AllProposalKinds())
    kinds.push_back({{"kind", ProposalKindName(k)}, {"label", ProposalKindLabel(k)}});
  for (ProposalStep s : AllProposalSteps())
    steps.push_back({{"step", ProposalStepName(s)}, {"label", ProposalStepLabel(s)}});
  for (AnswerCategory c : {AnswerCategory::kA, AnswerCategory::kB, AnswerCategory::kC})
    categories.push_back({{"category", AnswerCategoryName(c)}, {"label", AnswerCategoryLabel(c)}});
  for (ContactStage s : {ContactStage::kBefore, ContactStage::kDuring, ContactStage::kAfter})
    stages.push_back({{"stage", ContactStageName(s)}, {"label", ContactStageLabel(s)}});
  for (ProposalRating r : {ProposalRating::kSatisfied, ProposalRating::kBasicallySatisfied, ProposalRating::kDissatisfied})
    ratings.push_back({{"rating", ProposalRatingName(r)}, {"label", ProposalRatingLabel(r)}});
  return {{"kinds", kinds}, {"steps", steps}, {"categories", categories}, {"stages", stages}, {"ratings", ratings}};
}

}  // namespace minsheng::api
