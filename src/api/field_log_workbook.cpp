#include "api/field_log_workbook.h"

#include "api/field_log_json.h"
#include "api/handler_support.h"
#include "api/xlsx_file.h"

namespace minsheng::api {

Result<std::string> FieldLogWorkbook(const std::vector<app::FieldLog>& logs, const app::Actor& actor,
                                     const std::string& subtitle) {
  return BuildXlsx("民情日志台账 " + subtitle, [&](lxw_workbook* wb) {
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_font_size(bold, 14);
    lxw_format* header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_bg_color(header, 0xF2F3F5);
    format_set_border(header, LXW_BORDER_THIN);
    lxw_format* cell = workbook_add_format(wb);
    format_set_border(cell, LXW_BORDER_THIN);
    format_set_border_color(cell, 0xDCDFE6);
    format_set_text_wrap(cell);
    format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);

    lxw_worksheet* ws = workbook_add_worksheet(wb, "民情日志台账");
    worksheet_write_string(ws, 0, 0, "民情日志台账", bold);
    worksheet_write_string(ws, 1, 0, (subtitle + "（共 " + std::to_string(logs.size()) + " 条）").c_str(), nullptr);
    const char* columns[] = {"序号", "时间", "类型", "记录人", "区域", "地点", "工作室编号", "人数", "姓名", "反映问题", "转为诉求"};
    const double widths[] = {6, 18, 8, 14, 16, 22, 10, 6, 16, 48, 12};
    constexpr lxw_row_t kHeaderRow = 3;
    for (lxw_col_t c = 0; c < std::size(columns); ++c) {
      worksheet_write_string(ws, kHeaderRow, c, columns[c], header);
      worksheet_set_column(ws, c, c, widths[c], nullptr);
    }
    lxw_row_t r = kHeaderRow + 1;
    for (const auto& log : logs) {
      const std::string names =
          app::FieldLogService::MaySeeNames(actor, log) ? log.people_names : MaskNames(log.people_names);
      std::string when = FormatTime(log.met_at).substr(0, 16);
      when[10] = ' ';
      const std::string appeal = log.appeal_id ? "#" + std::to_string(*log.appeal_id) : "";
      worksheet_write_number(ws, r, 0, static_cast<double>(r - kHeaderRow), cell);
      worksheet_write_string(ws, r, 1, when.c_str(), cell);
      worksheet_write_string(ws, r, 2, std::string(FieldLogKindLabel(log.kind)).c_str(), cell);
      worksheet_write_string(ws, r, 3, log.author_name.c_str(), cell);
      worksheet_write_string(ws, r, 4, log.region_name.c_str(), cell);
      worksheet_write_string(ws, r, 5, log.place.c_str(), cell);
      if (log.studio_id) worksheet_write_number(ws, r, 6, static_cast<double>(*log.studio_id), cell);
      else worksheet_write_blank(ws, r, 6, cell);
      worksheet_write_number(ws, r, 7, log.people_count, cell);
      worksheet_write_string(ws, r, 8, names.c_str(), cell);
      worksheet_write_string(ws, r, 9, log.raised.c_str(), cell);
      worksheet_write_string(ws, r, 10, appeal.c_str(), cell);
      ++r;
    }
    worksheet_freeze_panes(ws, kHeaderRow + 1, 0);
  });
}

}  // namespace minsheng::api
