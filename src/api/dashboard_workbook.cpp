#include "api/dashboard_workbook.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "api/xlsx_file.h"

namespace minsheng::api {
namespace {

// One value of a table cell: text, a count, a rate (shown as a percentage) or a score; nullopt is blank.
struct Cell {
  enum class Kind { kText, kCount, kRate, kScore } kind = Kind::kText;
  std::string text;
  std::optional<double> number;
};
Cell Text(std::string s) { return {Cell::Kind::kText, std::move(s), std::nullopt}; }
Cell Count(std::int64_t n) { return {Cell::Kind::kCount, {}, static_cast<double>(n)}; }
Cell Rate(std::optional<double> r) { return {Cell::Kind::kRate, {}, r}; }
Cell Score(std::optional<double> s) { return {Cell::Kind::kScore, {}, s}; }

using Row = std::vector<Cell>;

struct Table {
  std::string sheet;  // at most 31 characters, none of []:*?/
  std::string title;
  std::vector<std::string> header;
  std::vector<Row> rows;
  std::optional<Row> total;  // the bold last row
  std::size_t name_column = 0;  // the wide one
};

class Writer {
 public:
  explicit Writer(lxw_workbook* wb) : wb_(wb) {
    title_ = workbook_add_format(wb_);
    format_set_bold(title_);
    format_set_font_size(title_, 14);
    note_ = workbook_add_format(wb_);
    format_set_font_color(note_, 0x606266);
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xF2F3F5);
    format_set_border(header_, LXW_BORDER_THIN);
    format_set_text_wrap(header_);
    for (bool bold : {false, true}) {
      Formats& f = bold ? bold_ : plain_;
      f.text = Make(bold, nullptr);
      f.count = Make(bold, "0");
      f.rate = Make(bold, "0.0%");
      f.score = Make(bold, "0.0");
    }
  }

  void Add(const Table& t, const std::string& period) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, t.sheet.c_str());
    worksheet_write_string(ws, 0, 0, t.title.c_str(), title_);
    worksheet_write_string(ws, 1, 0, ("统计期间：" + period + "（按登记时间）").c_str(), note_);
    constexpr lxw_row_t kHeaderRow = 3;
    for (std::size_t c = 0; c < t.header.size(); ++c)
      worksheet_write_string(ws, kHeaderRow, Col(c), t.header[c].c_str(), header_);
    lxw_row_t r = kHeaderRow + 1;
    for (const Row& row : t.rows) WriteRow(ws, r++, row, plain_);
    if (t.total) WriteRow(ws, r++, *t.total, bold_);
    worksheet_set_column(ws, 0, Col(t.header.size() - 1), 11, nullptr);
    worksheet_set_column(ws, Col(t.name_column), Col(t.name_column), 24, nullptr);
    worksheet_freeze_panes(ws, kHeaderRow + 1, Col(t.name_column + 1));
  }

 private:
  struct Formats {
    lxw_format* text = nullptr;
    lxw_format* count = nullptr;
    lxw_format* rate = nullptr;
    lxw_format* score = nullptr;
  };

  static lxw_col_t Col(std::size_t c) { return static_cast<lxw_col_t>(c); }

  lxw_format* Make(bool bold, const char* number_format) {
    lxw_format* f = workbook_add_format(wb_);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, 0xDCDFE6);
    if (bold) format_set_bold(f);
    if (number_format) format_set_num_format(f, number_format);
    return f;
  }

  void WriteRow(lxw_worksheet* ws, lxw_row_t r, const Row& row, const Formats& f) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      const Cell& cell = row[c];
      lxw_format* format = cell.kind == Cell::Kind::kText    ? f.text
                           : cell.kind == Cell::Kind::kCount ? f.count
                           : cell.kind == Cell::Kind::kRate  ? f.rate
                                                             : f.score;
      if (cell.kind == Cell::Kind::kText)
        worksheet_write_string(ws, r, Col(c), cell.text.c_str(), format);
      else if (cell.number)
        worksheet_write_number(ws, r, Col(c), *cell.number, format);
      else
        worksheet_write_blank(ws, r, Col(c), format);
    }
  }

  lxw_workbook* wb_;
  lxw_format* title_ = nullptr;
  lxw_format* note_ = nullptr;
  lxw_format* header_ = nullptr;
  Formats plain_;
  Formats bold_;
};

const std::vector<std::string> kRateHeader = {"响应率", "解决率", "满意率", "按期办结率"};

void AppendRates(Row& row, const Rates& r) {
  for (const auto& rate : {r.response_rate, r.resolution_rate, r.satisfaction_rate, r.on_time_rate})
    row.push_back(Rate(rate));
}

Row GroupRow(const app::MetricGroup& g, const std::string& name) {
  Row row{Text(name), Count(g.counts.total), Count(g.counts.dispatched), Count(g.counts.replied),
          Count(g.counts.closed), Count(g.counts.called_back)};
  AppendRates(row, g.rates);
  row.push_back(Count(g.counts.overdue));
  return row;
}

std::vector<std::string> Header(std::string first, std::vector<std::string> counts, bool overdue) {
  std::vector<std::string> h{std::move(first)};
  h.insert(h.end(), counts.begin(), counts.end());
  h.insert(h.end(), kRateHeader.begin(), kRateHeader.end());
  if (overdue) h.push_back("超期");
  return h;
}

std::vector<Table> Tables(const app::DashboardReport& report, const DashboardLabels& labels) {
  std::vector<Table> out;

  Table ranking{.sheet = labels.ranking + "排名", .title = labels.ranking + "综合排名（三率加权得分）"};
  ranking.header = {"名次", "名称", "综合得分", "诉求量"};
  ranking.header.insert(ranking.header.end(), kRateHeader.begin(), kRateHeader.end());
  ranking.header.push_back("超期");
  ranking.name_column = 1;
  for (const auto& e : report.ranking) {
    Row row{Count(e.rank), Text(e.group.name), Score(e.score), Count(e.group.counts.total)};
    AppendRates(row, e.group.rates);
    row.push_back(Count(e.group.counts.overdue));
    ranking.rows.push_back(std::move(row));
  }
  out.push_back(std::move(ranking));

  Table groups{.sheet = "按" + labels.group_by, .title = "三率与诉求量（按" + labels.group_by + "）",
               .header = Header(labels.group_by, {"诉求量", "已派单", "已答复", "已办结", "已回访"}, true)};
  for (const auto& g : report.groups.groups) groups.rows.push_back(GroupRow(g, g.name));
  groups.total = GroupRow(report.groups.total, "合计");
  out.push_back(std::move(groups));

  Table trend{.sheet = "月度趋势", .title = "月度趋势", .header = Header("月份", {"诉求量"}, false)};
  for (const auto& m : report.trend.groups) {
    Row row{Text(m.name), Count(m.counts.total)};
    AppendRates(row, m.rates);
    trend.rows.push_back(std::move(row));
  }
  out.push_back(std::move(trend));

  // Streets down, categories across, in the order they first appear.
  Table heat{.sheet = "街道×分类", .title = "诉求量：街道 × 分类", .header = {"街道"}};
  std::vector<std::string> categories;
  for (const auto& street : report.streets_by_category.groups)
    for (const auto& c : street.subgroups)
      if (std::find(categories.begin(), categories.end(), c.name) == categories.end()) categories.push_back(c.name);
  heat.header.insert(heat.header.end(), categories.begin(), categories.end());
  heat.header.push_back("合计");
  for (const auto& street : report.streets_by_category.groups) {
    Row row{Text(street.name)};
    for (const auto& name : categories) {
      std::int64_t n = 0;
      for (const auto& c : street.subgroups)
        if (c.name == name) n += c.counts.total;
      row.push_back(Count(n));
    }
    row.push_back(Count(street.counts.total));
    heat.rows.push_back(std::move(row));
  }
  out.push_back(std::move(heat));
  return out;
}

}  // namespace

Result<std::string> DashboardWorkbook(const app::DashboardReport& report, const DashboardLabels& labels) {
  return BuildXlsx("民声数据看板 " + labels.period, [&](lxw_workbook* wb) {
    Writer writer(wb);
    for (const Table& t : Tables(report, labels)) writer.Add(t, labels.period);
  });
}

}  // namespace minsheng::api
