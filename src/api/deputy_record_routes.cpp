// /api/v1/deputies/{user_id}/activities: what a deputy did that the yearly "five ones" count.
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "api/user_json.h"
#include "api/xlsx_file.h"
#include "app/deputy_record_service.h"
#include "core/calendar.h"
#include "core/five_ones.h"

namespace minsheng::api {
namespace {

using nlohmann::json;

json ActivityJson(const store::DeputyActivityRecord& a) {
  const auto kind = ParseDutyActivity(a.kind);
  return {{"id", a.id},
          {"deputy_id", a.deputy_id},
          {"kind", a.kind},
          {"kind_label", kind ? DutyActivityLabel(*kind) : std::string_view(a.kind)},
          {"title", a.title},
          {"happened_on", a.happened_on},
          {"note", a.note},
          {"recorded_by", IdOrNull(a.recorded_by)},
          {"created_at", FormatTime(a.created_at)}};
}

Result<int> QueryYear(const Request& req, const Clock& clock) {
  const int this_year = static_cast<int>(std::chrono::year_month_day{LocalDay(clock.Now())}.year());
  MS_ASSIGN(year, QueryInt64(req, "year", this_year, 2000, 2100));
  return static_cast<int>(year);
}

// ?month=YYYY-MM, default this month.
Result<std::chrono::year_month> QueryMonth(const Request& req, const Clock& clock) {
  MS_ASSIGN(text, QueryString(req, "month", 7));
  if (!text) {
    const std::chrono::year_month_day today{LocalDay(clock.Now())};
    return today.year() / today.month();
  }
  MS_ASSIGN(day, ParseDate(*text + "-01", "month"));
  const std::chrono::year_month_day ymd{day};
  return ymd.year() / ymd.month();
}

json FiguresJson(const BulletinFigures& f) {
  return {{"shifts_due", f.shifts_due}, {"attended", f.attended},     {"late", f.late},
          {"left_early", f.left_early}, {"came_and_left", f.came_and_left}, {"absent", f.absent},
          {"receptions", f.receptions}, {"visits", f.visits},         {"people_met", f.people_met},
          {"appeals_raised", f.appeals_raised}, {"followed", f.followed}, {"closed", f.closed},
          {"contacts", f.contacts},     {"relayed_only", f.relayed_only}};
}

json BulletinJson(const app::Bulletin& b) {
  json rows = json::array();
  for (const auto& r : b.rows)
    rows.push_back({{"rank", r.rank}, {"user_id", r.user_id}, {"name", r.name}, {"score", r.score},
                    {"figures", FiguresJson(r.figures)}});
  return {{"title", b.title}, {"month", b.month}, {"items", rows},
          {"score_rule", "到岗 +2，迟到/早退/来去匆匆 −1，缺勤 −3，接待或走访一次 +1，亲自联系群众一次 +1，"
                         "跟踪办结一件 +2，仅转交（二传手）一件 −2"}};
}

Result<std::string> BulletinWorkbook(const app::Bulletin& b) {
  return BuildXlsx(b.title, [&](lxw_workbook* wb) {
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_font_size(bold, 14);
    lxw_format* header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_bg_color(header, 0xF2F3F5);
    format_set_border(header, LXW_BORDER_THIN);
    format_set_text_wrap(header);
    lxw_format* cell = workbook_add_format(wb);
    format_set_border(cell, LXW_BORDER_THIN);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "履职通报");
    worksheet_write_string(ws, 0, 0, b.title.c_str(), bold);
    const char* columns[] = {"名次", "代表", "得分", "应值班", "到岗", "迟到", "早退", "来去匆匆", "缺勤",
                             "接待", "走访", "见面人数", "反映诉求", "跟踪", "跟踪办结", "亲自联系", "仅转交"};
    constexpr lxw_row_t kHeaderRow = 2;
    for (lxw_col_t c = 0; c < std::size(columns); ++c) {
      worksheet_write_string(ws, kHeaderRow, c, columns[c], header);
      worksheet_set_column(ws, c, c, c == 1 ? 22 : 9, nullptr);
    }
    lxw_row_t r = kHeaderRow + 1;
    for (const auto& row : b.rows) {
      const auto& f = row.figures;
      const int numbers[] = {f.shifts_due, f.attended, f.late,   f.left_early, f.came_and_left, f.absent,
                             f.receptions, f.visits,   f.people_met, f.appeals_raised, f.followed, f.closed,
                             f.contacts,   f.relayed_only};
      worksheet_write_number(ws, r, 0, row.rank, cell);
      worksheet_write_string(ws, r, 1, row.name.c_str(), cell);
      worksheet_write_number(ws, r, 2, row.score, cell);
      for (std::size_t i = 0; i < std::size(numbers); ++i)
        worksheet_write_number(ws, r, static_cast<lxw_col_t>(3 + i), numbers[i], cell);
      ++r;
    }
    worksheet_freeze_panes(ws, kHeaderRow + 1, 2);
  });
}

Result<Response> BulletinFile(const app::Bulletin& b, const std::string& ascii_name) {
  MS_ASSIGN(bytes, BulletinWorkbook(b));
  return Attachment(std::move(bytes), kXlsxType, ascii_name + "-" + b.month + ".xlsx", b.title + ".xlsx");
}

json RecordJson(const app::DeputyRecord& r) {
  json items = json::array();
  for (std::size_t i = 0; i < kDutyActivities.size(); ++i)
    items.push_back({{"kind", DutyActivityName(kDutyActivities[i])},
                     {"label", DutyActivityLabel(kDutyActivities[i])},
                     {"count", r.activities[i]}});
  json missing = json::array();
  for (DutyActivity a : r.missing) missing.push_back(DutyActivityName(a));
  json activities = json::array();
  for (const auto& a : r.activity_list) activities.push_back(ActivityJson(a));
  const std::string_view kind = r.deputy.deputy_kind;
  return {{"deputy", {{"id", r.deputy.id}, {"display_name", r.deputy.display_name}, {"deputy_kind", kind},
                      {"deputy_kind_label", DeputyKindLabel(kind)},
                      {"region_id", r.deputy.region_id}, {"region_name", r.region_name}}},
          {"year", r.year},
          {"duty", {{"shifts_due", r.duty.shifts_due}, {"shifts_scheduled", r.duty.shifts_scheduled},
                    {"attended", r.present}, {"on_time", r.duty.on_time},
                    {"late", r.duty.late}, {"left_early", r.duty.left_early}, {"absent", r.duty.absent},
                    {"came_and_left", r.duty.came_and_left}, {"appeals_on_shift", r.duty.appeals_on_shift}}},
          {"field_work", {{"receptions", r.field_work.receptions}, {"visits", r.field_work.visits},
                          {"people_met", r.field_work.people_met}, {"appeals_raised", r.field_work.appeals_raised}}},
          {"cases", {{"followed", r.followed}, {"closed", r.followed_closed}, {"contacts", r.contacts},
                     {"relayed_only", r.relayed_only}}},
          {"consultations", r.consultations},
          {"proposals", r.proposals},
          {"five_ones", {{"items", items}, {"missing", missing}, {"met", r.missing.empty()}}},
          {"activities", activities}};
}

}  // namespace

void AddDeputyRecordRoutes(Router& router, ApiServices& s) {
  router.Add("GET", "/api/v1/deputies/{user_id}/activities",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req, "user_id"));
               MS_ASSIGN(year, QueryYear(req, s.clock));
               MS_ASSIGN(activities, s.deputy_records.Activities(actor, id, year));
               json items = json::array();
               for (const auto& a : activities) items.push_back(ActivityJson(a));
               json kinds = json::array();
               for (DutyActivity k : kDutyActivities)
                 kinds.push_back({{"kind", DutyActivityName(k)}, {"label", DutyActivityLabel(k)}});
               return Ok({{"items", items}, {"year", year}, {"kinds", kinds}});
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/deputies/{user_id}/activities",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req, "user_id"));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               app::ActivityInput in;
               MS_ASSIGN(kind, RequiredString(body, "kind", 20));
               MS_ASSIGN(title, RequiredString(body, "title", 200));
               MS_ASSIGN(day, RequiredString(body, "happened_on", 10));
               MS_ASSIGN(note, OptionalString(body, "note", 2000));
               MS_ASSIGN(happened_on, ParseDate(day, "happened_on"));
               in.kind = std::move(kind);
               in.title = std::move(title);
               in.happened_on = happened_on;
               in.note = note.value_or("");
               MS_ASSIGN(activity, s.deputy_records.RecordActivity(actor, id, in));
               return Created(ActivityJson(activity));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/deputies/{user_id}/record",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req, "user_id"));
               MS_ASSIGN(year, QueryYear(req, s.clock));
               MS_ASSIGN(record, s.deputy_records.Record(actor, id, year));
               return Ok(RecordJson(record));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/studios/{id}/bulletin",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(month, QueryMonth(req, s.clock));
               MS_ASSIGN(bulletin, s.deputy_records.StudioBulletin(actor, id, month));
               return Ok(BulletinJson(bulletin));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/studios/{id}/bulletin.xlsx",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(month, QueryMonth(req, s.clock));
               MS_ASSIGN(bulletin, s.deputy_records.StudioBulletin(actor, id, month));
               return BulletinFile(bulletin, "minsheng-studio-" + std::to_string(id) + "-bulletin");
             }),
             Dispatch::kBulk);

  router.Add("GET", "/api/v1/bulletins", Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(region_id, QueryId(req, "region_id"));
               MS_ASSIGN(month, QueryMonth(req, s.clock));
               MS_ASSIGN(bulletin, s.deputy_records.RegionBulletin(actor, region_id, month));
               return Ok(BulletinJson(bulletin));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/bulletins/export.xlsx",
             Staff(s, [&s](Request& req, const app::Actor& actor) -> Result<Response> {
               MS_ASSIGN(region_id, QueryId(req, "region_id"));
               MS_ASSIGN(month, QueryMonth(req, s.clock));
               MS_ASSIGN(bulletin, s.deputy_records.RegionBulletin(actor, region_id, month));
               return BulletinFile(bulletin, "minsheng-bulletin");
             }),
             Dispatch::kBulk);
}

}  // namespace minsheng::api
