#include "api/wall_json.h"

#include "api/appeal_json.h"
#include "api/handler_support.h"
#include "core/calendar.h"
#include "core/lifecycle.h"
#include "core/wall_post.h"

namespace minsheng::api {
namespace {

using nlohmann::json;

WallPostState StateOf(const app::WallPost& post) {
  auto s = ParseWallPostState(post.state);
  return s ? *s : WallPostState::kPending;
}

WallReplyTiming TimingOf(const app::WallPost& post, Timestamp now) {
  return WallReplyTimingAt(post.reply_due, post.replied_at, now);
}

json StringOrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// The last day a due instant (the start of the day after) allows.
std::string DueDay(Timestamp due) { return FormatDate(LocalDay(due - 1)); }

std::string AppealStatusLabel(const std::string& status) {
  auto s = ParseState(status);
  return s ? std::string(StateLabel(*s)) : status;
}

std::string EventActionLabel(const std::string& action) {
  if (action == "supervision_notice") return "督办";
  return std::string(WallPostActionLabelOf(action).value_or(action));
}

}  // namespace

json PublicWallPostJson(const app::WallPost& post, Timestamp now) {
  const WallReplyTiming timing = TimingOf(post, now);
  json reply = nullptr;
  if (post.replied_at)
    reply = {{"content", RedactNumbers(post.reply)}, {"author_label", post.reply_author_label},
             {"at", FormatTime(*post.replied_at)}};
  return {{"id", post.id},
          {"content", RedactNumbers(post.content)},
          {"street_id", IdOrNull(post.street_id)},
          {"street_name", post.street_name},
          {"region_name", post.region_name},
          {"category_id", IdOrNull(post.category_id)},
          {"category_name", StringOrNull(post.category_name)},
          {"unit_name", StringOrNull(post.unit_name)},
          {"created_at", FormatTime(post.created_at)},
          {"reply_due", FormatTime(post.reply_due)},
          {"reply_due_day", DueDay(post.reply_due)},
          {"reply_status", WallReplyTimingName(timing)},
          {"reply_status_label", WallReplyTimingLabel(timing)},
          {"reply_in_time", post.replied_at ? json(timing == WallReplyTiming::kOnTime) : json(nullptr)},
          {"reply", reply},
          {"turned_into_appeal", post.appeal_id.has_value()},
          {"appeal_status_label", post.appeal_id ? json(AppealStatusLabel(post.appeal_status)) : json(nullptr)}};
}

json WallPostJson(const app::WallPost& post, Timestamp now, bool phone_unmasked,
                  const std::vector<std::string>& allowed_actions) {
  const WallPostState state = StateOf(post);
  const WallReplyTiming timing = TimingOf(post, now);
  return {{"id", post.id},
          {"content", post.content},
          {"phone", post.phone.empty() ? json(nullptr) : json(phone_unmasked ? post.phone : MaskPhone(post.phone))},
          {"phone_masked", !phone_unmasked && !post.phone.empty()},
          {"state", post.state},
          {"state_label", WallPostStateLabel(state)},
          {"on_wall", IsOnWall(state)},
          {"region_id", post.region_id},
          {"region_name", post.region_name},
          {"street_id", IdOrNull(post.street_id)},
          {"street_name", post.street_name},
          {"category_id", IdOrNull(post.category_id)},
          {"category_name", StringOrNull(post.category_name)},
          {"unit_id", IdOrNull(post.unit_id)},
          {"unit_name", StringOrNull(post.unit_name)},
          {"created_at", FormatTime(post.created_at)},
          {"reply_due", FormatTime(post.reply_due)},
          {"reply_due_day", DueDay(post.reply_due)},
          {"reply_warn_at", FormatTime(post.reply_warn_at)},
          {"urgency", app::WallService::UrgencyOf(post, now)},
          {"overdue", WallPostOverdue(state, post.reply_due, now)},
          {"reply_status", WallReplyTimingName(timing)},
          {"reply_status_label", WallReplyTimingLabel(timing)},
          {"reply_in_time", post.replied_at ? json(timing == WallReplyTiming::kOnTime) : json(nullptr)},
          {"reply", StringOrNull(post.reply)},
          {"replied_at", TimeOrNull(post.replied_at)},
          {"reply_author_label", StringOrNull(post.reply_author_label)},
          {"reply_unit_id", IdOrNull(post.reply_unit_id)},
          {"published_at", TimeOrNull(post.published_at)},
          {"hidden_at", TimeOrNull(post.hidden_at)},
          {"hide_reason", StringOrNull(post.hide_reason)},
          {"appeal_id", IdOrNull(post.appeal_id)},
          {"appeal_status", StringOrNull(post.appeal_status)},
          {"appeal_status_label", post.appeal_id ? json(AppealStatusLabel(post.appeal_status)) : json(nullptr)},
          {"version", post.version},
          {"allowed_actions", allowed_actions}};
}

json WallPostDetailJson(const app::WallPostDetail& d, Timestamp now, bool phone_unmasked,
                        const std::vector<std::string>& allowed_actions) {
  json out = WallPostJson(d.post, now, phone_unmasked, allowed_actions);
  json events = json::array();
  for (const auto& e : d.events)
    events.push_back({{"at", FormatTime(e.at)},
                      {"actor_label", e.actor_label},
                      {"action", e.action},
                      {"action_label", EventActionLabel(e.action)},
                      {"from_state", StringOrNull(e.from_state)},
                      {"to_state", e.to_state},
                      {"note", e.note}});
  json notices = json::array();
  for (const auto& n : d.notices)
    notices.push_back({{"id", n.id},
                       {"kind", n.kind},
                       {"kind_label", "超期未答复"},
                       {"unit_id", IdOrNull(n.unit_id)},
                       {"deadline", FormatTime(n.deadline)},
                       {"issued_at", FormatTime(n.issued_at)},
                       {"note", n.note}});
  out["events"] = std::move(events);
  out["notices"] = std::move(notices);
  return out;
}

}  // namespace minsheng::api
