// Issue 12, manual supervision (督办单 issued by hand, 现场督查 and 跟踪督查) and the staff workbench's
// notices: /api/v1/appeals/{id}/supervision, /api/v1/supervision…, /api/v1/appeals/{id}/inspections,
// /api/v1/notices. The automatic notices stay at /api/v1/supervision-notices (appeals_routes.cpp).
#include <nlohmann/json.hpp>

#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "core/calendar.h"
#include "core/supervision.h"

namespace minsheng::api {
namespace {

using app::Actor;
using nlohmann::json;

constexpr std::size_t kTextMax = 5000;
constexpr int kNoticeListMax = 100;

std::string DateOf(Timestamp due) { return FormatDate(LocalDay(due - 1)); }

json NoticeJson(const app::ManualNoticeView& v) {
  const auto& n = v.notice;
  auto state = ParseSupervisionState(n.status);
  json allowed = json::array();
  for (const auto& a : v.allowed) allowed.push_back(a);
  return {{"id", n.id},
          {"source", "manual"},
          {"appeal_id", n.appeal_id},
          {"appeal_title", n.appeal_title},
          {"receipt_code", n.appeal_receipt_code},
          {"unit_id", n.unit_id},
          {"unit_name", n.unit_name},
          {"status", n.status},
          {"status_label", state ? SupervisionStateLabel(*state) : std::string_view(n.status)},
          {"reason", n.reason},
          {"required_action", n.required_action},
          {"deadline", DateOf(n.deadline)},
          {"overdue", v.overdue},
          {"issued_by", n.issued_by},
          {"issued_by_name", n.issued_by_name},
          {"issued_at", FormatTime(n.issued_at)},
          {"answer", n.answer},
          {"answered_by_name", n.answered_by_name},
          {"answered_at", TimeOrNull(n.answered_at)},
          {"answered_on_time", n.answered_at ? json(*n.answered_at <= n.deadline) : json(nullptr)},
          {"decided_by_name", n.decided_by_name},
          {"decided_at", TimeOrNull(n.decided_at)},
          {"decision_note", n.decision_note},
          {"escalated_to", IdOrNull(n.escalated_to)},
          {"escalated_to_name", n.escalated_to_name},
          {"allowed_actions", allowed}};
}

json InspectionJson(const store::InspectionRecord& r) {
  auto kind = ParseInspectionKind(r.kind);
  return {{"id", r.id},
          {"appeal_id", r.appeal_id},
          {"kind", r.kind},
          {"kind_label", kind ? InspectionKindLabel(*kind) : std::string_view(r.kind)},
          {"findings", r.findings},
          {"notice_id", IdOrNull(r.notice_id)},
          {"inspected_by_name", r.inspected_by_name},
          {"inspected_at", FormatTime(r.inspected_at)}};
}

std::string_view StaffNoticeLabel(const std::string& kind) {
  static const std::pair<std::string_view, std::string_view> kLabels[] = {
      {"yellow_warning", "黄色预警"},         {"red_warning", "红色预警"},
      {"supervision_issued", "督办单"},       {"supervision_answered", "督办反馈"},
      {"supervision_escalated", "督办提级"}};
  for (const auto& [name, label] : kLabels)
    if (name == kind) return label;
  return kind;
}

json StaffNoticeJson(const store::StaffNoticeRecord& n) {
  return {{"id", n.id},
          {"kind", n.kind},
          {"kind_label", StaffNoticeLabel(n.kind)},
          {"appeal_id", n.appeal_id},
          {"appeal_title", n.appeal_title},
          {"receipt_code", n.appeal_receipt_code},
          {"message", n.message},
          {"created_at", FormatTime(n.created_at)},
          {"read", n.read_at.has_value()},
          {"read_at", TimeOrNull(n.read_at)}};
}

Result<json> Body(const Request& req) {
  return ParseJsonObject(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
}

}  // namespace

void AddSupervisionRoutes(Router& router, ApiServices& s) {
  router.Add("POST", "/api/v1/appeals/{id}/supervision",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, Body(req));
               app::IssueSupervisionInput in;
               MS_ASSIGN(unit_id, OptionalInt64(body, "unit_id", 1));
               MS_ASSIGN(reason, RequiredString(body, "reason", kTextMax));
               MS_ASSIGN(required_action, RequiredString(body, "required_action", kTextMax));
               MS_ASSIGN(deadline_text, RequiredString(body, "deadline", 10));
               MS_ASSIGN(deadline, ParseDate(deadline_text, "deadline"));
               in.unit_id = unit_id;
               in.reason = reason;
               in.required_action = required_action;
               in.deadline = deadline;
               MS_ASSIGN(notice, s.supervision.Issue(actor, id, in));
               return Created(NoticeJson(notice));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/appeals/{id}/supervision",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(view, s.supervision.OfAppeal(actor, id));
               json notices = json::array(), inspections = json::array();
               for (const auto& n : view.notices) notices.push_back(NoticeJson(n));
               for (const auto& i : view.inspections) inspections.push_back(InspectionJson(i));
               return Ok({{"notices", notices},
                          {"inspections", inspections},
                          {"unit_ids", view.unit_ids},
                          {"may_issue", view.may_issue},
                          {"may_inspect", view.may_inspect}});
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/appeals/{id}/inspections",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, Body(req));
               app::InspectionInput in;
               MS_ASSIGN(kind, RequiredString(body, "kind", 20));
               MS_ASSIGN(findings, RequiredString(body, "findings", kTextMax));
               MS_ASSIGN(notice_id, OptionalInt64(body, "notice_id", 1));
               in.kind = kind;
               in.findings = findings;
               in.notice_id = notice_id;
               MS_ASSIGN(inspection, s.supervision.RecordInspection(actor, id, in));
               return Created(InspectionJson(inspection));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/supervision", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               store::ManualNoticeFilter f;
               MS_ASSIGN(page, QueryPage(req));
               MS_ASSIGN(unit_id, QueryId(req, "unit_id"));
               MS_ASSIGN(appeal_id, QueryId(req, "appeal_id"));
               MS_ASSIGN(status, QueryString(req, "status", 20));
               MS_ASSIGN(overdue, QueryBool(req, "overdue"));
               if (status && !status->empty()) {
                 MS_TRY(ParseSupervisionState(*status, "status"));
                 f.status = *status;
               }
               f.page = page.page;
               f.page_size = page.page_size;
               f.unit_id = unit_id;
               f.appeal_id = appeal_id;
               if (overdue) f.overdue_at = Timestamp{0};  // the service puts its clock's now
               MS_ASSIGN(result, s.supervision.List(actor, f));
               json items = json::array();
               for (const auto& n : result.items) items.push_back(NoticeJson(n));
               return Ok({{"items", items}, {"total", result.total}, {"page", f.page}, {"page_size", f.page_size}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/supervision/{id}", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(notice, s.supervision.Get(actor, id));
               return Ok(NoticeJson(notice));
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/supervision/{id}/answer",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, Body(req));
               MS_ASSIGN(content, RequiredString(body, "content", kTextMax));
               MS_ASSIGN(notice, s.supervision.Answer(actor, id, content));
               return Ok(NoticeJson(notice));
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/supervision/{id}/close",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, Body(req));
               MS_ASSIGN(note, OptionalString(body, "note", kTextMax));
               MS_ASSIGN(notice, s.supervision.Close(actor, id, note.value_or("")));
               return Ok(NoticeJson(notice));
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/supervision/{id}/escalate",
             Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, Body(req));
               MS_ASSIGN(note, OptionalString(body, "note", kTextMax));
               MS_ASSIGN(notice, s.supervision.Escalate(actor, id, note.value_or("")));
               return Ok(NoticeJson(notice));
             }),
             Dispatch::kWorker);

  // The workbench's notices: polled by the staff header's bell (a cheap read: the unread count by index).
  router.Add("GET", "/api/v1/notices", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(unread_only, QueryBool(req, "unread"));
               MS_ASSIGN(limit, QueryInt64(req, "limit", 20, 1, kNoticeListMax));
               MS_ASSIGN(appeal_id, QueryId(req, "appeal_id"));
               MS_ASSIGN(list, s.supervision.MyNotices(actor, unread_only, static_cast<int>(limit), appeal_id));
               json items = json::array();
               for (const auto& n : list.items) items.push_back(StaffNoticeJson(n));
               return Ok({{"items", items}, {"unread", list.unread}});
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/notices/{id}/read", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(notice, s.supervision.MarkRead(actor, id));
               return Ok(StaffNoticeJson(notice));
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/notices/read-all", Staff(s, [&s](Request&, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(marked, s.supervision.MarkAllRead(actor));
               return Ok({{"marked", marked}, {"unread", 0}});
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
