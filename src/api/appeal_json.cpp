#include "api/appeal_json.h"

#include "api/handler_support.h"
#include "core/lifecycle.h"

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
      {"supervision_notice", "督办"},     {"triage", "梳理"}};
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

json AppealJson(const store::AppealRecord& a, bool personal_data, std::string_view urgency) {
  json appellant{{"anonymous", a.anonymous}};
  if (a.anonymous) {
    appellant["name"] = nullptr;
    appellant["phone"] = nullptr;
  } else {
    appellant["name"] = personal_data ? a.appellant_name : MaskName(a.appellant_name);
    appellant["phone"] = personal_data ? a.appellant_phone : MaskPhone(a.appellant_phone);
  }
  return json{
      {"id", a.id},
      {"receipt_code", a.receipt_code},
      {"title", a.title},
      {"content", a.content},
      {"channel", a.channel},
      {"region_id", a.region_id},
      {"street_id", IdOrNull(a.street_id)},
      {"category_id", a.category_id},
      {"address", a.address},
      {"appellant", appellant},
      {"status", a.status},
      {"status_label", StatusLabel(a.status)},
      {"version", a.version},
      {"created_at", FormatTime(a.created_at)},
      {"updated_at", FormatTime(a.updated_at)},
      {"lead_unit_id", IdOrNull(a.lead_unit_id)},
      {"case_owner_id", IdOrNull(a.case_owner_id)},
      {"deputy_id", IdOrNull(a.deputy_id)},
      {"merged_into_id", IdOrNull(a.merged_into_id)},
      {"deadlines",
       {{"accept_due", TimeOrNull(a.accept_due)},
        {"contact_due", TimeOrNull(a.contact_due)},
        {"reply_due", TimeOrNull(a.reply_due)},
        {"resolve_due", TimeOrNull(a.resolve_due)},
        {"escalate_due", TimeOrNull(a.escalate_due)}}},
      {"urgency", urgency},
      {"dispatched_at", TimeOrNull(a.dispatched_at)},
      {"accepted_at", TimeOrNull(a.accepted_at)},
      {"first_contact_at", TimeOrNull(a.first_contact_at)},
      {"replied_at", TimeOrNull(a.replied_at)},
      {"closed_at", TimeOrNull(a.closed_at)},
      {"reopen_count", a.reopen_count},
      {"callback_count", a.callback_count},
      {"last_satisfaction", a.last_satisfaction ? json(*a.last_satisfaction) : json(nullptr)},
  };
}

json ExtensionJson(const store::ExtensionRecord& x) {
  return json{{"id", x.id},           {"appeal_id", x.appeal_id},     {"unit_id", IdOrNull(x.unit_id)},
              {"days", x.days},       {"reason", x.reason},           {"status", x.status},
              {"requested_by", IdOrNull(x.requested_by)},             {"decided_by", IdOrNull(x.decided_by)},
              {"decided_at", TimeOrNull(x.decided_at)},               {"decision_note", x.decision_note},
              {"created_at", FormatTime(x.created_at)}};
}

json NoticeJson(const store::NoticeRecord& n) {
  return json{{"id", n.id},
              {"appeal_id", n.appeal_id},
              {"unit_id", IdOrNull(n.unit_id)},
              {"kind", n.kind},
              {"deadline", FormatTime(n.deadline)},
              {"issued_at", FormatTime(n.issued_at)},
              {"note", n.note}};
}

json AppealDetailJson(const app::AppealDetail& d, bool personal_data, std::string_view urgency,
                      const std::vector<std::string>& allowed_actions) {
  json out = AppealJson(d.appeal, personal_data, urgency);
  json assisting = json::array();
  json timeline = json::array(), dispatches = json::array(), replies = json::array(), callbacks = json::array(),
       extensions = json::array(), notices = json::array();
  for (const auto& x : d.dispatches) {
    if (x.active && x.role == "assisting") assisting.push_back(x.unit_id);
    dispatches.push_back({{"id", x.id}, {"unit_id", x.unit_id}, {"role", x.role}, {"active", x.active},
                          {"dispatched_at", FormatTime(x.dispatched_at)}, {"ended_at", TimeOrNull(x.ended_at)},
                          {"end_reason", x.end_reason}});
  }
  for (const auto& e : d.timeline)
    timeline.push_back({{"seq", e.seq}, {"at", FormatTime(e.at)}, {"actor_id", IdOrNull(e.actor_id)},
                        {"actor_label", e.actor_label}, {"action", e.action}, {"action_label", EventLabel(e.action)},
                        {"from_status", e.from_status ? json(*e.from_status) : json(nullptr)},
                        {"to_status", e.to_status ? json(*e.to_status) : json(nullptr)}, {"note", e.note},
                        {"data", json::parse(e.data, nullptr, false)}});
  for (const auto& r : d.replies)
    replies.push_back({{"id", r.id}, {"unit_id", IdOrNull(r.unit_id)}, {"author_id", IdOrNull(r.author_id)},
                       {"content", r.content}, {"at", FormatTime(r.created_at)}});
  for (const auto& c : d.callbacks)
    callbacks.push_back({{"id", c.id}, {"resolved", c.resolved}, {"satisfaction", c.satisfaction},
                         {"reason", c.reason}, {"source", c.source}, {"at", FormatTime(c.created_at)}});
  for (const auto& x : d.extensions) extensions.push_back(ExtensionJson(x));
  for (const auto& n : d.notices) notices.push_back(NoticeJson(n));
  out["assisting_unit_ids"] = assisting;
  out["timeline"] = timeline;
  out["dispatches"] = dispatches;
  out["replies"] = replies;
  out["callbacks"] = callbacks;
  out["extensions"] = extensions;
  out["supervision_notices"] = notices;
  out["allowed_actions"] = allowed_actions;
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
    json item{{"at", FormatTime(e.at)}, {"action", e.action}, {"action_label", EventLabel(e.action)},
              {"actor_label", e.actor_label}, {"to_status", e.to_status ? json(*e.to_status) : json(nullptr)}};
    // Notes the resident should read: why it was rejected, returned, merged or explained, and the reply.
    if (e.action == "reject" || e.action == "merge" || e.action == "explain" || e.action == "reply" ||
        e.action == "deliberate" || e.action == "escalate")
      item["note"] = e.note;
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
              {"can_rate", can_rate}};
}

}  // namespace minsheng::api
