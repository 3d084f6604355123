#include "api/appeal_json.h"

#include "api/case_plan_json.h"  // issue 12
#include "api/deputy_case_json.h"
#include "api/handler_support.h"
#include "text/reply_check.h"
#include "core/assisting_opinion.h"
#include "core/dissatisfaction.h"
#include "core/repeat.h"
#include "core/lifecycle.h"
#include "core/reply_review.h"

namespace minsheng::api {
namespace {

using nlohmann::json;

std::size_t FirstCodePointLength(const std::string& s) {
  if (s.empty()) return 0;
  const auto c = static_cast<unsigned char>(s[0]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
  return std::min(n, s.size());
}

std::string_view StatusLabel(const std::string& status) {
  auto s = ParseState(status);
  return s ? StateLabel(*s) : std::string_view(status);
}

std::string_view EventLabel(const std::string& action) {
  static const std::pair<std::string_view, std::string_view> kExtra[] = {
      {"extension_approved", "延期获批"}, {"extension_refused", "延期未获批"},
      {"supervision_notice", "督办"},     {"triage", "梳理"},
      {"deputy_contact", "代表联系群众"}, {"deputy_opinion", "代表书面意见"},
      // Proposals (issue 11): written on the appeals a proposal took up.
      {"proposal_link", "纳入代表建议"}, {"proposal_answer", "代表建议答复"},
      {"proposal_follow_up", "代表建议回头看"}, {"proposal_close", "代表建议办结"},
      {"consultation_join", "加入协商议事"},  // issue 11, part A
      {"wall_post", "回音墙留言转为诉求"},  // issue 12: the message wall
      // Issue 12: assisting opinions and reviewed replies.
      {"opinion", "协办意见"}, {"opinion_waived", "免于协办意见"}, {"reply_drafted", "答复提交审核"},
      {"reply_approved", "答复审核通过"}, {"reply_sent_back", "答复被退回"},
      // Issue 12: repeat appeals.
      {"repeat_linked", "关联重复诉求"}, {"repeat_unlinked", "取消重复诉求关联"},
      // Issue 12, the case owner's plan.
      {"plan_written", "制定包案方案"}, {"plan_revised", "修改包案方案"}, {"plan_step_done", "包案方案步骤完成"},
      // Issue 12: manual supervision and warnings (app/supervision_service.cpp).
      {"supervision_issued", "下发督办单"}, {"supervision_answered", "督办单反馈"},
      {"supervision_closed", "督办单办结"}, {"supervision_escalated", "督办单提级"},
      {"inspection_on_site", "现场督查"}, {"inspection_follow_up", "跟踪督查"},
      {"yellow_warning", "黄色预警"}, {"red_warning", "红色预警"}};
  for (const auto& [name, label] : kExtra)
    if (name == action) return label;
  return ActionLabelOf(action).value_or(action);
}

}  // namespace

std::string MaskName(const std::string& name) {
  if (name.empty()) return "";
  return name.substr(0, FirstCodePointLength(name)) + "*";
}

std::string MaskPhone(const std::string& phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

namespace {

void TimeField(JsonWriter& w, std::string_view key, const std::optional<Timestamp>& t) {
  w.Key(key);
  if (t) w.String(FormatTime(*t));
  else w.Null();
}

}  // namespace

void WriteAppealRecordMembers(JsonWriter& w, const store::AppealRecord& a, bool personal_data) {
  w.Field("id", a.id)
      .Field("receipt_code", a.receipt_code)
      .Field("title", a.title)
      .Field("content", a.content)
      .Field("channel", a.channel)
      .Field("region_id", a.region_id)
      .Field("street_id", a.street_id)
      .Field("category_id", a.category_id)
      .Field("address", a.address);
  w.Key("appellant").BeginObject().Field("anonymous", a.anonymous);
  if (a.anonymous) {
    w.Key("name").Null().Key("phone").Null();
  } else {
    w.Field("name", personal_data ? a.appellant_name : MaskName(a.appellant_name));
    w.Field("phone", personal_data ? a.appellant_phone : MaskPhone(a.appellant_phone));
  }
  w.EndObject();
  w.Field("status", a.status)
      .Field("status_label", StatusLabel(a.status))
      .Field("version", a.version)
      .Field("created_at", FormatTime(a.created_at))
      .Field("updated_at", FormatTime(a.updated_at))
      .Field("lead_unit_id", a.lead_unit_id)
      .Field("case_owner_id", a.case_owner_id)
      .Field("deputy_id", a.deputy_id)
      .Field("merged_into_id", a.merged_into_id);
  w.Key("deadlines").BeginObject();
  TimeField(w, "accept_due", a.accept_due);
  TimeField(w, "contact_due", a.contact_due);
  TimeField(w, "reply_due", a.reply_due);
  TimeField(w, "resolve_due", a.resolve_due);
  TimeField(w, "escalate_due", a.escalate_due);
  w.EndObject();
  TimeField(w, "dispatched_at", a.dispatched_at);
  TimeField(w, "accepted_at", a.accepted_at);
  TimeField(w, "first_contact_at", a.first_contact_at);
  TimeField(w, "replied_at", a.replied_at);
  TimeField(w, "closed_at", a.closed_at);
  w.Field("reopen_count", a.reopen_count)
      .Field("callback_count", a.callback_count)
      .Field("last_satisfaction", a.last_satisfaction);
}

void WriteAppealTimingMembers(JsonWriter& w, const app::AppealTiming& timing) {
  w.Field("urgency", timing.urgency);
  TimeField(w, "current_due", timing.current_due);  // the deadline that matters now (core/overdue.h)
  w.Field("overdue", timing.overdue_days > 0).Field("overdue_days", std::int64_t{timing.overdue_days});
}

void WriteAppealMembers(JsonWriter& w, const store::AppealRecord& a, bool personal_data,
                        const app::AppealTiming& timing) {
  WriteAppealRecordMembers(w, a, personal_data);
  WriteAppealTimingMembers(w, timing);
}

void WriteAppeal(JsonWriter& w, const store::AppealRecord& a, bool personal_data, const app::AppealTiming& timing) {
  w.BeginObject();
  WriteAppealMembers(w, a, personal_data, timing);
  w.EndObject();
}

void WriteReply(JsonWriter& w, const store::ReplyRecord& r) {
  w.BeginObject()
      .Field("id", r.id)
      .Field("unit_id", r.unit_id)
      .Field("author_id", r.author_id)
      .Field("content", r.content)
      .Field("at", FormatTime(r.created_at));
  // Issue 14: what the quality check found the reply lacks, with the reason for people; [] for nothing.
  w.Key("flaws").BeginArray();
  for (text::ReplyFlaw f : text::SplitReplyFlaws(r.flaws))
    w.BeginObject().Field("code", text::ReplyFlawName(f)).Field("reason", text::ReplyFlawReason(f)).EndObject();
  w.EndArray().EndObject();
}

void WriteExtension(JsonWriter& w, const store::ExtensionRecord& x) {
  w.BeginObject()
      .Field("id", x.id)
      .Field("appeal_id", x.appeal_id)
      .Field("unit_id", x.unit_id)
      .Field("days", x.days)
      .Field("reason", x.reason)
      .Field("status", x.status)
      .Field("requested_by", x.requested_by)
      .Field("decided_by", x.decided_by);
  TimeField(w, "decided_at", x.decided_at);
  w.Field("decision_note", x.decision_note).Field("created_at", FormatTime(x.created_at)).EndObject();
}

void WriteNotice(JsonWriter& w, const store::NoticeRecord& n) {
  w.BeginObject()
      .Field("id", n.id)
      .Field("appeal_id", n.appeal_id)
      .Field("unit_id", n.unit_id)
      .Field("kind", n.kind)
      .Field("deadline", FormatTime(n.deadline))
      .Field("issued_at", FormatTime(n.issued_at))
      .Field("note", n.note)
      .EndObject();
}

void WriteOpinion(JsonWriter& w, const store::OpinionRecord& o) {
  auto state = ParseOpinionState(o.status);
  w.BeginObject()
      .Field("id", o.id)
      .Field("appeal_id", o.appeal_id)
      .Field("unit_id", o.unit_id)
      .Field("status", o.status)
      .Field("status_label", state ? OpinionStateLabel(*state) : std::string_view(o.status))
      .Field("active", o.active)
      .Field("due_at", FormatTime(o.due_at))
      .Field("content", o.content)
      .Field("given_by", o.given_by)
      .Field("given_by_name", o.given_by_name);
  TimeField(w, "given_at", o.given_at);
  w.Key("on_time");
  if (o.on_time) w.Bool(*o.on_time == 1);
  else w.Null();
  w.Field("waived_by", o.waived_by).Field("waived_by_name", o.waived_by_name);
  TimeField(w, "waived_at", o.waived_at);
  w.Field("waive_reason", o.waive_reason).EndObject();
}

void WriteReplyReview(JsonWriter& w, const store::ReplyReviewRecord& r) {
  auto state = ParseReviewState(r.status);
  w.BeginObject()
      .Field("id", r.id)
      .Field("unit_id", r.unit_id)
      .Field("content", r.content)
      .Field("status", r.status)
      .Field("status_label", state ? ReviewStateLabel(*state) : std::string_view(r.status))
      .Field("drafted_by", r.drafted_by)
      .Field("drafted_by_name", r.drafted_by_name)
      .Field("drafted_at", FormatTime(r.drafted_at))
      .Field("reviewed_by", r.reviewed_by)
      .Field("reviewed_by_name", r.reviewed_by_name);
  TimeField(w, "reviewed_at", r.reviewed_at);
  w.Field("review_note", r.review_note).Field("reply_id", r.reply_id).EndObject();
}

// The causes callback `callback_id` gave: "causes": [{cause, label, note}].
void WriteCauses(JsonWriter& w, const std::vector<store::CallbackCauseRecord>& causes, std::int64_t callback_id) {
  w.Key("causes").BeginArray();
  for (const auto& c : causes) {
    if (c.callback_id != callback_id) continue;
    w.BeginObject()
        .Field("cause", c.cause)
        .Field("label", CauseLabelOf(c.cause))
        .Field("note", c.note)
        .EndObject();
  }
  w.EndArray();
}

// A repeat link seen from the appeal asked about: the appeal at the other end, why and who linked them.
void WriteRepeatLink(JsonWriter& w, const store::RepeatLinkRecord& l) {
  w.BeginObject()
      .Field("id", l.other_id)
      .Field("receipt_code", l.other_receipt_code)
      .Field("title", l.other_title)
      .Field("status", l.other_status)
      .Field("status_label", StatusLabel(l.other_status))
      .Field("created_at", FormatTime(l.other_created_at))
      .Field("lead_unit_id", l.other_lead_unit_id)
      .Field("reason", l.reason)
      .Field("reason_label", RepeatReasonLabelOf(l.reason))
      .Field("linked_by", l.linked_by)
      .Field("linked_by_name", l.linked_by_name)
      .Field("linked_at", FormatTime(l.created_at))
      .EndObject();
}

namespace {

// The detail's members every reader gets alike (AppealDetailRecordsJson).
void WriteRecordMembers(JsonWriter& rest, const app::AppealDetail& d) {
  for (auto [key, name] : {std::pair{"case_owner_name", &d.case_owner_name}, std::pair{"deputy_name", &d.deputy_name}}) {
    rest.Key(key);
    if (name->empty()) rest.Null();
    else rest.String(*name);
  }
  rest.Field("field_log_id", d.field_log_id);
  rest.Field("duty_shift_id", d.appeal.duty_shift_id);  // the duty shift it was registered on, or null
  rest.Key("assisting_unit_ids").BeginArray();
  for (const auto& x : d.dispatches)
    if (x.active && x.role == "assisting") rest.Int(x.unit_id);
  rest.EndArray();
  rest.Key("timeline").BeginArray();
  for (const auto& e : d.timeline) {
    rest.BeginObject()
        .Field("seq", e.seq)
        .Field("at", FormatTime(e.at))
        .Field("actor_id", e.actor_id)
        .Field("actor_label", d.actors.StaffLabel(e.actor_id, e.actor_label))
        .Field("actor_name", d.actors.Person(e.actor_id))
        .Field("actor_unit", d.actors.Unit(e.actor_id))
        .Field("action", e.action)
        .Field("action_label", EventLabel(e.action))
        .Field("from_status", e.from_status)
        .Field("to_status", e.to_status)
        .Field("note", e.note)
        .Key("data")
        .Raw(e.data.empty() ? std::string_view("{}") : std::string_view(e.data))
        .EndObject();
  }
  rest.EndArray();
  rest.Key("dispatches").BeginArray();
  for (const auto& x : d.dispatches) {
    rest.BeginObject()
        .Field("id", x.id)
        .Field("unit_id", x.unit_id)
        .Field("role", x.role)
        .Field("active", x.active)
        .Field("dispatched_at", FormatTime(x.dispatched_at));
    TimeField(rest, "ended_at", x.ended_at);
    rest.Field("end_reason", x.end_reason).EndObject();
  }
  rest.EndArray();
  rest.Key("replies").BeginArray();
  for (const auto& r : d.replies) WriteReply(rest, r);
  rest.EndArray();
  rest.Key("callbacks").BeginArray();
  for (const auto& c : d.callbacks) {
    rest.BeginObject()
        .Field("id", c.id)
        .Field("resolved", c.resolved)
        .Field("satisfaction", c.satisfaction)
        .Field("reason", c.reason)
        .Field("source", c.source)
        .Field("at", FormatTime(c.created_at));
    WriteCauses(rest, d.callback_causes, c.id);
    rest.EndObject();
  }
  rest.EndArray();
  rest.Key("extensions").BeginArray();
  for (const auto& x : d.extensions) WriteExtension(rest, x);
  rest.EndArray();
  rest.Key("supervision_notices").BeginArray();
  for (const auto& n : d.notices) WriteNotice(rest, n);
  rest.EndArray();
  WriteDeputyFollowingMembers(rest, d.following);
  // Issue 12.
  rest.Key("opinions").BeginArray();
  for (const auto& o : d.opinions) WriteOpinion(rest, o);
  rest.EndArray();
  rest.Key("reply_reviews").BeginArray();
  for (const auto& r : d.reply_reviews) WriteReplyReview(rest, r);
  rest.EndArray();
  rest.Key("repeat_of").BeginArray();
  for (const auto& l : d.repeat_links.repeat_of) WriteRepeatLink(rest, l);
  rest.EndArray();
  rest.Key("repeats").BeginArray();
  for (const auto& l : d.repeat_links.repeats) WriteRepeatLink(rest, l);
  rest.EndArray();
  static const std::string kCauseOptions = CauseOptionsJson().dump();
  rest.Key("cause_options").Raw(kCauseOptions);
  rest.Field("first_asked_by", d.appeal.created_by);
  rest.Key("first_asked_by_name");
  if (d.first_asked_by_name.empty()) rest.Null();
  else rest.String(d.first_asked_by_name);
}

// Members written into their own object, returned without its braces.
template <typename Write>
std::string MembersOf(Write write) {
  JsonWriter w;
  w.BeginObject();
  write(w);
  std::string members = w.EndObject().Take();
  return members.substr(1, members.size() - 2);
}

}  // namespace

std::string AppealDetailRecordsJson(const app::AppealDetail& d) {
  return MembersOf([&](JsonWriter& w) { WriteRecordMembers(w, d); });
}

AppealJsonParts AppealDetailJsonParts(const app::AppealDetail& d) {
  AppealJsonParts parts;
  parts.records = AppealDetailRecordsJson(d);
  parts.appeal_masked = MembersOf([&](JsonWriter& w) { WriteAppealRecordMembers(w, d.appeal, false); });
  parts.appeal_shown = MembersOf([&](JsonWriter& w) { WriteAppealRecordMembers(w, d.appeal, true); });
  return parts;
}

std::string AppealDetailJson(const app::AppealView& view, const AppealJsonParts& parts, bool personal_data,
                             const app::AppealTiming& timing, const std::vector<std::string>& allowed_actions,
                             const std::vector<std::string>& repeat_actions) {
  const std::string& appeal = personal_data ? parts.appeal_shown : parts.appeal_masked;
  JsonWriter w(appeal.size() + parts.records.size() + 2048);  // the rest: a few hundred bytes
  w.BeginObject();
  w.RawMembers(appeal);
  WriteAppealTimingMembers(w, timing);
  w.RawMembers(parts.records);
  w.Field("lead_reviews_replies", view.lead_reviews_replies);
  w.Field("repeat_actions", repeat_actions);
  w.Key("case_plan");  // issue 12, the case owner's plan (the staff detail only; the public view has none)
  WriteCasePlan(w, view.case_plan);
  w.Field("allowed_actions", allowed_actions).EndObject();
  return w.Take();
}

json CauseOptionsJson() {
  json out = json::array();
  for (auto cause : AllCauses()) out.push_back({{"cause", CauseName(cause)}, {"label", CauseLabel(cause)}});
  return out;
}

json PublicAppealJson(const app::AppealDetail& d, const std::vector<store::DepartmentRecord>& units) {
  auto unit_name = [&](const std::optional<std::int64_t>& id) -> std::string {
    for (const auto& u : units)
      if (id && u.id == *id) return u.name;
    return "";
  };
  json timeline = json::array(), replies = json::array(), callbacks = json::array();
  for (const auto& e : d.timeline) {
    // The units' own exchanges (assisting opinions, drafts under review) are not the resident's to read.
    // Nor are links to other residents' appeals (repeat appeals).
    if (e.action == "opinion" || e.action == "opinion_waived" || e.action == "reply_drafted" ||
        e.action == "reply_sent_back" || e.action == "repeat_linked" || e.action == "repeat_unlinked")
      continue;
    if (e.action.starts_with("plan_")) continue;  // issue 12: the case owner's plan is the staff's

    json item{{"at", FormatTime(e.at)},
              {"action", e.action},
              {"action_label", EventLabel(e.action)},
              {"actor_label", d.actors.PublicLabel(e.actor_id, e.actor_label)},
              {"to_status", e.to_status ? json(*e.to_status) : json(nullptr)}};
    // Notes the resident should read: why it was rejected, returned, merged or explained, and the reply.
    if (e.action == "reject" || e.action == "merge" || e.action == "explain" || e.action == "reply" ||
        e.action == "reply_approved" ||  // issue 12: the reply released after review
        e.action == "deliberate" || e.action == "escalate" || e.action.starts_with("proposal_"))
      item["note"] = e.note;
    // A consultation's doing (issue 11, part A): which consultation, and what it decided for the resident.
    if (e.data.find("\"consultation_id\"") != std::string::npos) {
      json data = json::parse(e.data, nullptr, false);
      if (data.is_object() && data.contains("consultation_id")) {
        item["note"] = e.note;
        item["consultation_id"] = data["consultation_id"];
      }
    }
    timeline.push_back(item);
  }
  for (const auto& r : d.replies)
    replies.push_back({{"unit_name", unit_name(r.unit_id)}, {"content", r.content}, {"at", FormatTime(r.created_at)}});
  for (const auto& c : d.callbacks)
    callbacks.push_back({{"resolved", c.resolved}, {"satisfaction", c.satisfaction}, {"at", FormatTime(c.created_at)}});
  const bool can_rate = d.appeal.status == "replied" || d.appeal.status == "explaining";
  return json{{"receipt_code", d.appeal.receipt_code},
              {"title", d.appeal.title},
              {"content", d.appeal.content},
              {"channel", d.appeal.channel},
              {"status", d.appeal.status},
              {"status_label", StatusLabel(d.appeal.status)},
              {"created_at", FormatTime(d.appeal.created_at)},
              {"lead_unit_name", unit_name(d.appeal.lead_unit_id)},
              {"timeline", timeline},
              {"replies", replies},
              {"callbacks", callbacks},
              {"can_rate", can_rate},
              {"cause_options", can_rate ? CauseOptionsJson() : json::array()}};
}

}  // namespace minsheng::api
