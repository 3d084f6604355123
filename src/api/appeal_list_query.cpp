#include "api/appeal_list_query.h"

#include <algorithm>
#include <charconv>

#include "api/handler_support.h"
#include "api/json_body.h"
#include "app/appeal_service.h"
#include "app/password.h"
#include "core/dissatisfaction.h"
#include "core/lifecycle.h"

namespace minsheng::api {
namespace {

// The parameter `name` when it is one of `allowed`; nullopt when absent or empty; else 400 invalid_value with
// `message`, naming the field and the allowed values.
Result<std::optional<std::string>> QueryChoice(const Request& req, const char* name, std::vector<std::string> allowed,
                                               const char* message) {
  MS_ASSIGN(value, QueryString(req, name, 40));
  if (!value || value->empty()) return std::optional<std::string>();
  if (std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return value;
  return Fail(Error{ErrorKind::kInvalid, "invalid_value", message, name, std::move(allowed)});
}

// The decimal integer `text` is in full, or nullopt.
std::optional<std::int64_t> WholeInt(std::string_view text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

// The cursor's parts between its dots.
std::vector<std::string_view> DotParts(std::string_view text) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t dot = text.find('.', start);
    parts.push_back(text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

}  // namespace

std::string EncodeAppealCursor(const store::AppealCursor& c, store::AppealFilter::Order order) {
  const std::string tail = std::to_string(c.created_at) + "." + std::to_string(c.id);
  if (order == store::AppealFilter::Order::kNewest) return "n." + tail;
  return "d." + (c.due ? std::to_string(*c.due) : std::string("-")) + "." + tail;
}

std::optional<store::AppealCursor> DecodeAppealCursor(std::string_view text, store::AppealFilter::Order order) {
  const auto parts = DotParts(text);
  const bool newest = order == store::AppealFilter::Order::kNewest;
  if (parts.size() != (newest ? 3u : 4u) || parts[0] != (newest ? "n" : "d")) return std::nullopt;
  store::AppealCursor c;
  if (!newest && parts[1] != "-") {
    c.due = WholeInt(parts[1]);
    if (!c.due) return std::nullopt;
  }
  const auto created_at = WholeInt(parts[parts.size() - 2]);
  const auto id = WholeInt(parts.back());
  if (!created_at || !id || *id <= 0) return std::nullopt;
  c.created_at = *created_at;
  c.id = *id;
  return c;
}

Result<store::AppealFilter> ParseAppealListQuery(const Request& req, const app::Actor& actor, Timestamp now) {
  store::AppealFilter f;
  MS_ASSIGN(page, QueryPage(req));
  f.page = page.page;
  f.page_size = page.page_size;
  MS_ASSIGN(status, QueryString(req, "status", 40));
  if (status && !status->empty()) {
    MS_TRY(ParseState(*status));
    f.status = status;
  }
  MS_ASSIGN(department_id, QueryId(req, "department_id"));
  MS_ASSIGN(region_id, QueryId(req, "region_id"));
  MS_ASSIGN(category_id, QueryId(req, "category_id"));
  f.department_id = department_id;
  f.region_id = region_id;
  f.category_id = category_id;
  MS_ASSIGN(channel, QueryString(req, "channel", 20));
  if (channel && !channel->empty()) {
    if (!app::IsKnownChannel(*channel))
      return Fail(Error::Invalid("invalid_value", "未知的渠道：" + *channel, "channel"));
    f.channel = channel;
  }
  MS_ASSIGN(overdue, QueryString(req, "overdue", 5));
  if (overdue && (*overdue == "true" || *overdue == "1")) f.overdue_at = now;
  MS_ASSIGN(period, QueryOptionalPeriod(req));
  f.from = period.from;
  f.to = period.to;
  MS_ASSIGN(q, QueryString(req, "q", 100));
  if (q && !TrimSpace(*q).empty()) {
    const std::string text(TrimSpace(*q));
    f.query = text;
    f.query_code = app::AsReceiptCode(text);
    if (text.size() <= 15 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
      f.query_id = std::stoll(text);
  }
  MS_ASSIGN(sort, QueryChoice(req, "sort", {"newest", "due"}, "排序方式应为 newest（最新登记）或 due（期限最近）"));
  if (sort == "due") f.order = store::AppealFilter::Order::kDue;
  MS_ASSIGN(with, QueryChoice(req, "with", {"last_reply"}, "with 只能为 last_reply"));
  f.with_last_reply = with.has_value();
  // Issue 12: the appeals waiting for an assisting opinion or a review by the unit head.
  MS_ASSIGN(awaiting, QueryChoice(req, "awaiting", {"opinion", "review"},
                                  "awaiting 应为 opinion（待协办意见）或 review（待审核答复）"));
  f.awaiting = awaiting;
  // Issue 12: the appeals the caller first received (首问负责) and those repeating an earlier one.
  MS_ASSIGN(first_asked, QueryChoice(req, "first_asked", {"me"}, "first_asked 只能为 me（我首问的诉求）"));
  if (first_asked) f.created_by = actor.user_id;
  MS_ASSIGN(repeat, QueryString(req, "repeat", 5));
  if (repeat == "true" || repeat == "1") {
    f.repeats_only = true;
  } else if (repeat && !repeat->empty() && repeat != "false" && repeat != "0") {
    return Fail(Error{ErrorKind::kInvalid, "invalid_value", "repeat 应为 true 或 false", "repeat", {"true", "false"}});
  }
  // Issue 12, the dashboard's drill-down: its 部门 (the lead unit), a cause of dissatisfaction, a satisfaction.
  MS_ASSIGN(lead_unit_id, QueryId(req, "lead_unit_id"));
  f.lead_unit_id = lead_unit_id;
  MS_ASSIGN(cause, QueryString(req, "cause", 40));
  if (cause && !cause->empty()) {
    MS_TRY(ParseCause(*cause, "cause"));
    f.cause = cause;
  }
  MS_ASSIGN(satisfaction, QueryString(req, "satisfaction", 40));
  if (satisfaction && !satisfaction->empty()) {
    if (!app::IsKnownSatisfaction(*satisfaction))
      return Fail(Error{ErrorKind::kInvalid, "invalid_value",
                        "满意度应为 satisfied（满意）、basically_satisfied（基本满意）或 dissatisfied（不满意）",
                        "satisfaction", {"satisfied", "basically_satisfied", "dissatisfied"}});
    f.satisfaction = satisfaction;
  }
  // The dashboard's 被督办: appeals with a notice of the deadline sweep (auto) or of a supervisor (manual).
  MS_ASSIGN(supervised, QueryChoice(req, "supervised", {"auto", "manual"},
                                    "supervised 应为 auto（自动督办）或 manual（人工督办）"));
  f.supervised = supervised;
  // The appeals a deputy follows: `me` for the caller's own queue, or a deputy's user id.
  MS_ASSIGN(deputy, QueryString(req, "deputy_id", 20));
  if (deputy == "me") {
    f.deputy_id = actor.user_id;
  } else if (deputy) {
    MS_ASSIGN(deputy_id, QueryId(req, "deputy_id"));
    f.deputy_id = deputy_id;
  }
  // Issue 13: keyset pages, after the cursor of the previous page (of the same sort).
  MS_ASSIGN(cursor, QueryString(req, "cursor", 80));
  if (cursor && !cursor->empty()) {
    f.after = DecodeAppealCursor(*cursor, f.order);
    if (!f.after)
      return Fail(Error::Invalid("invalid_value", "cursor 无效：请使用上一页返回的 next_cursor（排序方式须相同）",
                                 "cursor"));
  }
  return f;
}

}  // namespace minsheng::api
