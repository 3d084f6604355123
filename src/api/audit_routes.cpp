// GET /api/v1/audit-log and /api/v1/audit-log/export.csv: the audit log for admins. There is no route that
// changes or removes an entry.
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "app/audit.h"
#include "core/calendar.h"

namespace minsheng::api {
namespace {

using nlohmann::json;

Result<app::AuditQuery> ReadAuditQuery(const Request& req) {
  app::AuditQuery q;
  MS_ASSIGN(actor_id, QueryId(req, "actor_id"));
  MS_ASSIGN(target_id, QueryId(req, "target_id"));
  MS_ASSIGN(action, QueryString(req, "action", 40));
  MS_ASSIGN(target_kind, QueryString(req, "target_kind", 40));
  q.actor_id = actor_id;
  q.target_id = target_id;
  q.action = action;
  q.target_kind = target_kind;
  MS_ASSIGN(period, QueryOptionalPeriod(req));
  q.from = period.from;
  q.to = period.to;
  return q;
}

json DetailJson(const std::string& text) {
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? json(text) : parsed;
}

json EntryJson(const app::AuditEntry& e) {
  return {{"id", e.id},
          {"at", FormatTime(e.at)},
          {"actor_id", IdOrNull(e.actor_id)},
          {"actor_label", e.actor_label},
          {"action", e.action},
          {"action_label", app::AuditActionLabel(e.action)},
          {"target_kind", e.target_kind},
          {"target_id", IdOrNull(e.target_id)},
          {"street_id", IdOrNull(e.street_id)},
          {"detail", DetailJson(e.detail)},
          {"remote_address", e.remote_address}};
}

// One CSV field (RFC 4180), safe to open in a spreadsheet: text that a spreadsheet would run as a formula
// (starting with = + - @, tab or CR) is prefixed with an apostrophe.
std::string CsvField(std::string text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) text = "'" + text;
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string AuditCsv(const std::vector<app::AuditEntry>& entries) {
  std::string out = "\xEF\xBB\xBF时间,操作人,操作人编号,操作,对象类型,对象编号,街道编号,来源地址,详情\r\n";
  auto id = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string(); };
  for (const auto& e : entries) {
    for (const std::string& field :
         {FormatTime(e.at), e.actor_label, id(e.actor_id), app::AuditActionLabel(e.action), e.target_kind,
          id(e.target_id), id(e.street_id), e.remote_address, e.detail}) {
      out += CsvField(field);
      out += ',';
    }
    out.back() = '\r';
    out += '\n';
  }
  return out;
}

}  // namespace

void AddAuditRoutes(Router& router, ApiServices& s) {
  router.Add("GET", "/api/v1/audit-log", Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(query, ReadAuditQuery(req));
               MS_ASSIGN(page, QueryPage(req));
               query.page = page.page;
               query.page_size = page.page_size;
               MS_ASSIGN(result, s.audit.List(actor, query));
               json items = json::array();
               for (const auto& e : result.items) items.push_back(EntryJson(e));
               json actions = json::array();
               for (const auto& [name, label] : app::AuditActions()) actions.push_back({{"action", name}, {"label", label}});
               return Ok({{"items", items}, {"total", result.total}, {"page", page.page}, {"page_size", page.page_size},
                          {"actions", actions}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/audit-log/export.csv",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(query, ReadAuditQuery(req));
               MS_ASSIGN(entries, s.audit.Export(actor, query));
               const std::string day = FormatDate(LocalDay(s.clock.Now()));
               return Attachment(AuditCsv(entries), "text/csv; charset=utf-8", "minsheng-audit-" + day + ".csv",
                                 "民声审计日志_" + day + ".csv");
             }),
             Dispatch::kBulk);
}

}  // namespace minsheng::api
