// Bulletins (issue 12: 每月一通报, 每季度一讲评). Staff publish (POST /api/v1/bulletins {month | quarter, note?}),
// preview and list them; anyone reads the published issues at /api/v1/public/bulletins: the list, and one issue
// as JSON ({id}), its print page ({id}.html), its PDF ({id}.pdf) and its workbook ({id}.xlsx).
#include <charconv>

#include <nlohmann/json.hpp>

#include "api/bulletin_page.h"
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"

namespace minsheng::api {
namespace {

using app::Actor;
using app::BulletinIssue;
using nlohmann::json;

constexpr std::size_t kNoteMax = 500;

// {month: "YYYY-MM"} or {quarter: "YYYY-Qn"}, exactly one.
Result<BulletinPeriod> ReadPeriod(const json& body) {
  MS_ASSIGN(month, OptionalString(body, "month", 20));
  MS_ASSIGN(quarter, OptionalString(body, "quarter", 20));
  if (month && quarter) return Fail(Error::Invalid("invalid_quarter", "月份和季度只能选一个", "quarter"));
  if (quarter) return ParseBulletinQuarter(*quarter);
  if (!month) return Fail(Error::Invalid("invalid_month", "请选择月份（YYYY-MM）或季度（YYYY-Qn）", "month"));
  return ParseBulletinMonth(*month);
}

std::string Base(std::int64_t id) { return "/api/v1/public/bulletins/" + std::to_string(id); }

json IssueJson(const BulletinIssue& b, bool staff) {
  const std::string year = b.period.substr(0, 4);
  json out = {{"id", b.id},
              {"kind", BulletinKindName(b.kind)},
              {"kind_label", BulletinKindLabel(b.kind)},
              {"period", b.period},
              {"period_label", b.period_label},
              {"number", b.number},
              {"number_label", year + "年第" + std::to_string(b.number) + "期"},
              {"title", b.title},
              {"note", b.note},
              {"published_at", FormatTime(b.published_at)},
              {"state", b.superseded_by ? "superseded" : "current"},
              {"state_label", b.superseded_by ? "已被替代" : "现行"},
              {"supersedes_id", IdOrNull(b.supersedes_id)},
              {"superseded_by", IdOrNull(b.superseded_by)},
              {"links", {{"html", Base(b.id) + ".html"}, {"pdf", Base(b.id) + ".pdf"}, {"xlsx", Base(b.id) + ".xlsx"}}}};
  if (staff) out["publisher_name"] = b.publisher_name;
  return out;
}

json ListJson(const std::vector<BulletinIssue>& issues, bool staff) {
  json items = json::array();
  for (const auto& b : issues) items.push_back(IssueJson(b, staff));
  return {{"items", std::move(items)}, {"total", issues.size()}};
}

Response Html(std::string body) {
  Response r;
  r.body = std::move(body);
  r.content_type = "text/html; charset=utf-8";
  return r;
}

// "12", "12.pdf", "12.xlsx", "12.html" → the id and the format ("" for JSON); 404 for anything else.
Result<std::pair<std::int64_t, std::string>> IdAndFormat(const Request& req) {
  const std::string& text = req.params.at("id");
  const std::size_t dot = text.find('.');
  const std::string digits = text.substr(0, dot);
  const std::string format = dot == std::string::npos ? "" : text.substr(dot + 1);
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc() || end != digits.data() + digits.size() || id <= 0 ||
      (format != "" && format != "pdf" && format != "xlsx" && format != "html"))
    return Fail(Error::NotFound("没有这期通报"));
  return std::pair{id, format};
}

}  // namespace

void AddBulletinRoutes(Router& router, ApiServices& s) {
  // {month: "2026-10"} or {quarter: "2026-Q3"}, note (required to supersede) → 201 the issue.
  router.Add("POST", "/api/v1/bulletins", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(period, ReadPeriod(body));
               MS_ASSIGN(note, OptionalString(body, "note", kNoteMax));
               MS_ASSIGN(issue, s.bulletins.Publish(actor, period, note.value_or("")));
               return Created(IssueJson(issue, true));
             }),
             Dispatch::kBulk);

  // The figures an issue would freeze now, and its print page: {snapshot, html}.
  router.Add("POST", "/api/v1/bulletins/preview", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(period, ReadPeriod(body));
               MS_ASSIGN(snapshot, s.bulletins.Preview(actor, period));
               BulletinIssue draft{.kind = period.kind,
                                   .period = PeriodKey(period),
                                   .period_label = PeriodLabel(period),
                                   .title = PeriodLabel(period) + (period.kind == BulletinKind::kQuarter
                                                                       ? "民生诉求办理情况讲评"
                                                                       : "民生诉求办理情况通报"),
                                   .snapshot = snapshot};
               return Ok({{"snapshot", snapshot}, {"html", BulletinPageHtml(draft, true)}});
             }),
             Dispatch::kBulk);

  // (GET /api/v1/bulletins is the deputies' duty bulletins: deputy_record_routes.cpp.)
  router.Add("GET", "/api/v1/bulletins/issues", Staff(s, [&s](Request&, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(issues, s.bulletins.ListForStaff(actor));
               return Ok(ListJson(issues, true));
             }),
             Dispatch::kWorker);

  // Every published issue, newest first; superseded ones say so and link the issue that replaced them.
  router.Add("GET", "/api/v1/public/bulletins", Plain([&s](Request&) -> Result<Response> {
               MS_ASSIGN(issues, s.bulletins.List());
               return Ok(ListJson(issues, false));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/public/bulletins/{id}", Plain([&s](Request& req) -> Result<Response> {
               MS_ASSIGN(which, IdAndFormat(req));
               const auto& [id, format] = which;
               if (format == "pdf") {
                 MS_ASSIGN(pdf, s.bulletins.Pdf(id, [](const BulletinIssue& b) { return BulletinPageHtml(b); }));
                 Response r;
                 r.body = std::move(pdf);
                 r.content_type = "application/pdf";
                 r.headers.emplace_back("Content-Disposition",
                                        "inline; filename=\"bulletin-" + std::to_string(id) + ".pdf\"");
                 return r;
               }
               MS_ASSIGN(issue, s.bulletins.Get(id));
               if (format == "html") return Html(BulletinPageHtml(issue));
               if (format == "xlsx") {
                 MS_ASSIGN(bytes, BulletinWorkbook(issue));
                 return Attachment(std::move(bytes), kXlsxType, "bulletin-" + std::to_string(id) + ".xlsx",
                                   issue.title + ".xlsx");
               }
               json out = IssueJson(issue, false);
               out["snapshot"] = issue.snapshot;
               return Ok(out);
             }),
             Dispatch::kBulk);
}

}  // namespace minsheng::api
