#include "api/bulletin_page.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "api/handler_support.h"
#include "api/xlsx_file.h"

namespace minsheng::api {
namespace {

using nlohmann::json;

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Str(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return "";
  const json& v = j.at(key);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A percentage cell: "87.5%" or "—".
std::string Pct(const json& v) { return v.is_number() ? Num(v.get<double>()) + "%" : "—"; }

// "↑ 7.5 个百分点" / "↓ 2.0 个百分点" / "→ 持平" / "—".
std::string ChangeText(const json& c) {
  if (!c.is_object()) return "<span class=\"muted\">—</span>";
  const std::string dir = Str(c, "direction");
  if (dir == "flat") return "<span class=\"flat\">→ 持平</span>";
  const double points = std::fabs(c.value("points", 0.0));
  return "<span class=\"" + dir + "\">" + Escape(Str(c, "arrow")) + " " + Num(points) + " 个百分点</span>";
}

std::string RankChangeText(const json& v) {
  if (!v.is_number_integer()) return "<span class=\"muted\">新上榜</span>";
  const int n = v.get<int>();
  if (n > 0) return "<span class=\"up\">↑" + std::to_string(n) + "</span>";
  if (n < 0) return "<span class=\"down\">↓" + std::to_string(-n) + "</span>";
  return "<span class=\"flat\">→</span>";
}

const json& Arr(const json& s, const char* key) {
  static const json kEmpty = json::array();
  return s.is_object() && s.contains(key) && s.at(key).is_array() ? s.at(key) : kEmpty;
}

// A chart's <svg> opening tag; `name` is what a screen reader says for it (role img needs a name).
std::string SvgOpen(int width, int height, const std::string& name) {
  return "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(width) + " " +
         std::to_string(height) + "\" width=\"100%\" role=\"img\" aria-label=\"" + Escape(name) + "\">";
}

// Horizontal bars (value 0..max) with a label on the left and the value on the right.
std::string BarChart(const std::vector<std::pair<std::string, std::optional<double>>>& bars, double max,
                     const std::string& unit, const std::string& color, const std::string& name, bool counts = false) {
  const int row = 26, label_w = 190, bar_w = 400, width = label_w + bar_w + 70;
  const int height = static_cast<int>(bars.size()) * row + 10;
  std::string svg = SvgOpen(width, height, name);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const int y = static_cast<int>(i) * row + 5;
    const auto& [label, value] = bars[i];
    svg += "<text x=\"" + std::to_string(label_w - 8) + "\" y=\"" + std::to_string(y + 16) +
           "\" text-anchor=\"end\" font-size=\"13\">" + Escape(label) + "</text>";
    svg += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 4) + "\" width=\"" +
           std::to_string(bar_w) + "\" height=\"16\" fill=\"#f2f3f5\"/>";
    if (value) {
      const double w = max > 0 ? std::clamp(*value / max, 0.0, 1.0) * bar_w : 0;
      svg += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 4) + "\" width=\"" + Num(w) +
             "\" height=\"16\" fill=\"" + color + "\"/>";
    }
    svg += "<text x=\"" + std::to_string(label_w + bar_w + 6) + "\" y=\"" + std::to_string(y + 16) +
           "\" font-size=\"13\">" + (value ? (counts ? std::to_string(std::llround(*value)) : Num(*value)) + unit : std::string("—")) + "</text>";
  }
  return svg + "</svg>";
}

std::optional<double> OptNum(const json& v) {
  return v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt;
}

// Grouped columns: for each rate, this period next to the previous one.
std::string RatesChart(const json& rates, const std::string& now_label, const std::string& before_label) {
  const int width = 660, height = 250, base = 200, top = 20, col = 200;
  std::string svg = SvgOpen(width, height, "三率：" + now_label + "与" + before_label + "对比");
  svg += "<line x1=\"40\" y1=\"" + std::to_string(base) + "\" x2=\"" + std::to_string(width - 10) + "\" y2=\"" +
         std::to_string(base) + "\" stroke=\"#606266\"/>";
  for (int p = 0; p <= 100; p += 25) {
    const int y = base - (base - top) * p / 100;
    svg += "<text x=\"34\" y=\"" + std::to_string(y + 4) + "\" text-anchor=\"end\" font-size=\"11\" fill=\"#606266\">" +
           std::to_string(p) + "%</text>";
    if (p > 0)
      svg += "<line x1=\"40\" y1=\"" + std::to_string(y) + "\" x2=\"" + std::to_string(width - 10) + "\" y2=\"" +
             std::to_string(y) + "\" stroke=\"#e4e7ed\"/>";
  }
  for (std::size_t i = 0; i < rates.size(); ++i) {
    const int x = 70 + static_cast<int>(i) * col;
    const auto draw = [&](const json& v, int dx, const char* color) {
      if (!v.is_number()) return;
      const double h = (base - top) * std::clamp(v.get<double>(), 0.0, 100.0) / 100.0;
      svg += "<rect x=\"" + std::to_string(x + dx) + "\" y=\"" + Num(base - h) + "\" width=\"56\" height=\"" + Num(h) +
             "\" fill=\"" + color + "\"/>";
      svg += "<text x=\"" + std::to_string(x + dx + 28) + "\" y=\"" + Num(base - h - 4) +
             "\" text-anchor=\"middle\" font-size=\"11\">" + Num(v.get<double>()) + "</text>";
    };
    draw(rates[i].value("previous", json()), 0, "#b1b3b8");
    draw(rates[i].value("value", json()), 60, "#b3261e");
    svg += "<text x=\"" + std::to_string(x + 58) + "\" y=\"" + std::to_string(base + 20) +
           "\" text-anchor=\"middle\" font-size=\"13\">" + Escape(Str(rates[i], "label")) + "</text>";
  }
  svg += "<rect x=\"420\" y=\"226\" width=\"12\" height=\"12\" fill=\"#b1b3b8\"/><text x=\"436\" y=\"237\" font-size=\"12\">" +
         Escape(before_label) + "</text>";
  svg += "<rect x=\"540\" y=\"226\" width=\"12\" height=\"12\" fill=\"#b3261e\"/><text x=\"556\" y=\"237\" font-size=\"12\">" +
         Escape(now_label) + "</text>";
  return svg + "</svg>";
}

// The quarter's three months: one line per rate.
std::string TrendChart(const json& trend) {
  const int width = 660, height = 260, left = 50, right = 620, top = 20, base = 200;
  std::string svg = SvgOpen(width, height, "本季度三率走势");
  for (int p = 0; p <= 100; p += 25) {
    const int y = base - (base - top) * p / 100;
    svg += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(y) + "\" x2=\"" + std::to_string(right) +
           "\" y2=\"" + std::to_string(y) + "\" stroke=\"" + (p == 0 ? "#606266" : "#e4e7ed") + "\"/>";
    svg += "<text x=\"" + std::to_string(left - 6) + "\" y=\"" + std::to_string(y + 4) +
           "\" text-anchor=\"end\" font-size=\"11\" fill=\"#606266\">" + std::to_string(p) + "%</text>";
  }
  const std::size_t n = trend.size();
  auto x_of = [&](std::size_t i) { return n <= 1 ? (left + right) / 2.0 : left + 40 + (right - left - 80) * i / (n - 1.0); };
  for (std::size_t i = 0; i < n; ++i)
    svg += "<text x=\"" + Num(x_of(i)) + "\" y=\"" + std::to_string(base + 20) +
           "\" text-anchor=\"middle\" font-size=\"13\">" + Escape(Str(trend[i], "label")) + "</text>";
  struct Line {
    const char* key;
    const char* label;
    const char* color;
  };
  const Line lines[] = {{"response_rate", "响应率", "#1f5fa8"},
                        {"resolution_rate", "解决率", "#2e7d32"},
                        {"satisfaction_rate", "满意率", "#b3261e"}};
  int legend_x = 180;
  for (const auto& l : lines) {
    std::string points;
    for (std::size_t i = 0; i < n; ++i) {
      auto v = OptNum(trend[i].value(l.key, json()));
      if (!v) continue;
      const double y = base - (base - top) * std::clamp(*v, 0.0, 100.0) / 100.0;
      points += Num(x_of(i)) + "," + Num(y) + " ";
      svg += "<circle cx=\"" + Num(x_of(i)) + "\" cy=\"" + Num(y) + "\" r=\"4\" fill=\"" + l.color + "\"/>";
    }
    if (!points.empty())
      svg += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + l.color + "\" stroke-width=\"2\"/>";
    svg += "<rect x=\"" + std::to_string(legend_x) + "\" y=\"234\" width=\"14\" height=\"4\" fill=\"" + l.color +
           "\"/><text x=\"" + std::to_string(legend_x + 18) + "\" y=\"240\" font-size=\"12\">" + l.label + "</text>";
    legend_x += 110;
  }
  return svg + "</svg>";
}

std::string RankingTable(const json& rows, const std::string& what, const std::string& before_label) {
  std::string h = "<table><thead><tr><th>名次</th><th>" + what +
                  "</th><th>综合得分</th><th>诉求件数</th><th>响应率</th><th>解决率</th><th>满意率</th><th>满意率较" +
                  Escape(before_label) + "</th><th>名次变化</th></tr></thead><tbody>";
  for (const auto& r : rows) {
    h += "<tr><td class=\"num\">" + Str(r, "rank") + "</td><td>" + Escape(Str(r, "name")) + "</td><td class=\"num\">" +
         (r.value("score", json()).is_number() ? Num(r["score"].get<double>()) : "—") + "</td><td class=\"num\">" +
         Str(r, "appeals") + "</td><td class=\"num\">" + Pct(r.value("response_rate", json())) +
         "</td><td class=\"num\">" + Pct(r.value("resolution_rate", json())) + "</td><td class=\"num\">" +
         Pct(r.value("satisfaction_rate", json())) + "</td><td>" + ChangeText(r.value("satisfaction_change", json())) +
         "</td><td>" + RankChangeText(r.value("rank_change", json())) + "</td></tr>";
  }
  if (rows.empty()) h += "<tr><td colspan=\"9\" class=\"muted\">本期无数据</td></tr>";
  return h + "</tbody></table>";
}

std::vector<std::pair<std::string, std::optional<double>>> ScoreBars(const json& rows) {
  std::vector<std::pair<std::string, std::optional<double>>> bars;
  for (const auto& r : rows) bars.emplace_back(Str(r, "name"), OptNum(r.value("score", json())));
  return bars;
}

// "response:0.24,resolution:0.28,…" → "响应率 24%、解决率 28%、…" (weights of zero left out).
std::string WeightsText(const std::string& spec) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"response", "响应率"}, {"resolution", "解决率"}, {"satisfaction", "满意率"}, {"on_time", "按期办结率"},
      {"reply", "答复率"},    {"callback", "回访率"},   {"evaluation", "评议得分"}};
  std::string out;
  std::size_t at = 0;
  while (at < spec.size()) {
    std::size_t end = spec.find(',', at);
    if (end == std::string::npos) end = spec.size();
    const std::string item = spec.substr(at, end - at);
    at = end + 1;
    const std::size_t colon = item.find(':');
    if (colon == std::string::npos) continue;
    const double weight = std::atof(item.c_str() + colon + 1);
    if (weight <= 0) continue;
    std::string label = item.substr(0, colon);
    for (const auto& [name, text] : kNames)
      if (name == label) label = std::string(text);
    char percent[16];
    std::snprintf(percent, sizeof percent, "%g%%", weight * 100);
    out += (out.empty() ? "" : "、") + label + " " + percent;
  }
  return out;
}

constexpr char kStyle[] = R"CSS(
@page { size: A4; margin: 18mm 16mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #1d1e20; font: 11pt/1.7 "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC",
  "WenQuanYi Micro Hei", "Microsoft YaHei", serif; }
.sheet { max-width: 178mm; margin: 0 auto; }
header.masthead { text-align: center; border-bottom: 3px solid #b3261e; padding-bottom: 8px; margin-bottom: 14px; }
.masthead .org { color: #b3261e; font-size: 26pt; font-weight: bold; letter-spacing: 0.3em; line-height: 1.3; }
.masthead .issue { margin-top: 6px; font-size: 11pt; display: flex; justify-content: space-between; }
h1 { font-size: 17pt; text-align: center; margin: 12px 0 10px; letter-spacing: 0.05em; }
h2 { font-size: 14pt; margin: 0 0 8px; padding-left: 8px; border-left: 5px solid #b3261e; }
section { break-before: page; page-break-before: always; }
section.first { break-before: auto; page-break-before: auto; }
p { margin: 6px 0; text-indent: 2em; text-align: justify; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 12px; font-size: 9.5pt; break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #909399; padding: 3px 5px; text-align: left; }
th { background: #f2f3f5; font-weight: bold; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chart { display: block; margin: 6px 0 10px; break-inside: avoid; }
.up { color: #b3261e; } .down { color: #1f5fa8; } .flat, .muted { color: #5c5f66; }
.notice { border: 1px solid #b3261e; color: #8c1d18; padding: 6px 10px; margin: 8px 0; text-indent: 0; }
.draft { background: #fff4e5; border-color: #c46a00; color: #6b3a00; }
.kpis { display: flex; gap: 8px; margin: 8px 0; }
.kpi { flex: 1; border: 1px solid #dcdfe6; padding: 6px 8px; text-align: center; }
.kpi .v { font-size: 18pt; font-weight: bold; color: #b3261e; }
.kpi .l { font-size: 10pt; }
footer { margin-top: 16px; font-size: 9pt; color: #5c5f66; text-indent: 0; }
@media screen { body { background: #e9eaec; } .sheet { background: #fff; padding: 16mm; margin: 12px auto; } }
)CSS";

}  // namespace

std::string BulletinPageHtml(const app::BulletinIssue& issue, bool draft) {
  const json& s = issue.snapshot;
  const std::string period_label = Str(s, "period_label");
  const std::string before_label = Str(s, "previous_period_label");
  const bool quarter = Str(s, "kind") == "quarter";
  std::string h = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + Escape(issue.title) +
                  "</title><style>" + kStyle + "</style></head><body><div class=\"sheet\">";
  h += "<header class=\"masthead\"><div class=\"org\">" + std::string(quarter ? "民生诉求季度讲评" : "民生诉求工作通报") +
       "</div><div class=\"issue\"><span>" +
       (draft ? std::string("预览（未发布）")
              : std::to_string(issue.period.size() >= 4 ? std::stoi(issue.period.substr(0, 4)) : 0) + "年第" +
                    std::to_string(issue.number) + "期") +
       "</span><span>" + (draft ? std::string() : "发布日期：" + FormatTime(issue.published_at).substr(0, 10)) +
       "</span></div></header>";
  h += "<h1>" + Escape(issue.title) + "</h1>";
  if (draft)
    h += "<p class=\"notice draft\">这是预览：数据按此刻计算，发布后才成为正式的一期，发布后不可修改。</p>";
  if (issue.superseded_by)
    h += "<p class=\"notice\">本期已被替代（已被替代），请以替代后的通报为准（编号 " + std::to_string(*issue.superseded_by) +
         "）。</p>";
  if (issue.supersedes_id && !issue.note.empty())
    h += "<p class=\"notice\">本期替代此前发布的同期通报。替代说明：" + Escape(issue.note) + "</p>";

  // 1. Overall.
  const json& totals = s.value("totals", json::object());
  const json& rates = Arr(s, "rates");
  h += "<section class=\"first\"><h2>一、总体情况</h2>";
  h += "<p>" + Escape(Str(s, "from")) + " 至 " + Escape(Str(s, "to")) + "，全区共登记民生诉求 " + Str(totals, "appeals") +
       " 件，已派单 " + Str(totals, "dispatched") + " 件，已答复 " + Str(totals, "replied") + " 件，已办结 " +
       Str(totals, "closed") + " 件，已回访 " + Str(totals, "called_back") + " 件，目前超期未答复 " +
       Str(totals, "overdue") + " 件。与" + Escape(before_label) + "相比：";
  for (std::size_t i = 0; i < rates.size(); ++i) {
    h += Escape(Str(rates[i], "label")) + " " + Pct(rates[i].value("value", json())) + "（" +
         ChangeText(rates[i].value("change", json())) + "）" + (i + 1 < rates.size() ? "，" : "。");
  }
  h += "</p><div class=\"kpis\">";
  for (const auto& r : rates)
    h += "<div class=\"kpi\"><div class=\"v\">" + Pct(r.value("value", json())) + "</div><div class=\"l\">" +
         Escape(Str(r, "label")) + " " + ChangeText(r.value("change", json())) + "</div></div>";
  h += "</div>";
  h += "<table><thead><tr><th>指标</th><th>" + Escape(period_label) + "</th><th>" + Escape(before_label) +
       "</th><th>变化</th></tr></thead><tbody>";
  for (const auto& r : rates)
    h += "<tr><td>" + Escape(Str(r, "label")) + "</td><td class=\"num\">" + Pct(r.value("value", json())) +
         "</td><td class=\"num\">" + Pct(r.value("previous", json())) + "</td><td>" +
         ChangeText(r.value("change", json())) + "</td></tr>";
  h += "</tbody></table>" + RatesChart(rates, period_label, before_label);
  h += "<footer>口径：响应率＝按时首次联系件数÷应联系件数；解决率、满意率以回访结果计（满意含基本满意）；综合得分按" +
       Escape(WeightsText(Str(s, "weights"))) + "加权（无数据的指标不计，其余按比例折算）。统计对象为本期登记的诉求，数据于发布时冻结。</footer></section>";

  // A quarter's trend.
  if (quarter) {
    const json& trend = Arr(s, "trend");
    h += "<section><h2>二、季度走势</h2><p>本季度三个月的三率走势如下。</p>" + TrendChart(trend);
    h += "<table><thead><tr><th>月份</th><th>诉求件数</th><th>响应率</th><th>解决率</th><th>满意率</th></tr></thead><tbody>";
    for (const auto& m : trend)
      h += "<tr><td>" + Escape(Str(m, "label")) + "</td><td class=\"num\">" + Str(m, "appeals") + "</td><td class=\"num\">" +
           Pct(m.value("response_rate", json())) + "</td><td class=\"num\">" + Pct(m.value("resolution_rate", json())) +
           "</td><td class=\"num\">" + Pct(m.value("satisfaction_rate", json())) + "</td></tr>";
    h += "</tbody></table></section>";
  }
  const char* const numbers[] = {"二", "三", "四", "五", "六", "七", "八"};
  int n = quarter ? 1 : 0;
  auto heading = [&](const std::string& text) { return "<h2>" + std::string(numbers[n++]) + "、" + text + "</h2>"; };

  const json& departments = Arr(s, "departments");
  h += "<section>" + heading("职能部门排名") + "<p>按综合得分由高到低排列；名次变化与" + Escape(before_label) + "相比。</p>" +
       RankingTable(departments, "部门", before_label) + BarChart(ScoreBars(departments), 100, "", "#b3261e", "部门综合得分") +
       "</section>";
  const json& streets = Arr(s, "streets");
  h += "<section>" + heading("街镇排名") + RankingTable(streets, "街镇", before_label) +
       BarChart(ScoreBars(streets), 100, "", "#1f5fa8", "街道（镇）综合得分") + "</section>";

  const json& overdue = Arr(s, "overdue");
  h += "<section>" + heading("超期情况") + "<p>本期登记的诉求中，超期最严重的 " + std::to_string(overdue.size()) +
       " 件如下（按超期天数排列）。</p><table><thead><tr><th>查询码</th><th>诉求</th><th>承办单位</th><th>街镇</th>"
       "<th>超期天数</th><th>状态</th></tr></thead><tbody>";
  for (const auto& o : overdue)
    h += "<tr><td>" + Escape(Str(o, "receipt_code")) + "</td><td>" + Escape(Str(o, "title")) + "</td><td>" +
         Escape(Str(o, "unit_name")) + "</td><td>" + Escape(Str(o, "street_name")) + "</td><td class=\"num\">" +
         Str(o, "days_overdue") + "</td><td>" + Escape(Str(o, "state_label")) + "</td></tr>";
  if (overdue.empty()) h += "<tr><td colspan=\"6\" class=\"muted\">本期没有超期诉求</td></tr>";
  h += "</tbody></table>";

  const json& repeats = s.value("repeats", json::object());
  h += heading("重复诉求") + "<p>本期登记的诉求中，被认定为重复诉求的共 " + Str(repeats, "total") +
       " 件。重复诉求比例高，说明问题没有真正解决。</p><table><thead><tr><th>承办单位</th><th>重复诉求</th><th>诉求件数</th>"
       "<th>重复率</th></tr></thead><tbody>";
  for (const auto& r : Arr(repeats, "by_unit"))
    h += "<tr><td>" + Escape(Str(r, "unit_name")) + "</td><td class=\"num\">" + Str(r, "repeats") +
         "</td><td class=\"num\">" + Str(r, "appeals") + "</td><td class=\"num\">" + Pct(r.value("repeat_rate", json())) +
         "</td></tr>";
  if (Arr(repeats, "by_unit").empty()) h += "<tr><td colspan=\"4\" class=\"muted\">本期没有重复诉求</td></tr>";
  h += "</tbody></table></section>";

  const json& causes = s.value("causes", json::object());
  const json& by_cause = Arr(causes, "by_cause");
  std::vector<std::pair<std::string, std::optional<double>>> cause_bars;
  double cause_max = 1;
  for (const auto& c : by_cause) {
    cause_bars.emplace_back(Str(c, "label"), c.value("count", 0.0));
    cause_max = std::max(cause_max, c.value("count", 0.0));
  }
  h += "<section>" + heading("群众不满意原因") + "<p>回访不满意的诉求共记录原因 " + Str(causes, "total") +
       " 项，分布如下。</p>" + BarChart(cause_bars, cause_max, " 项", "#c46a00", "不满意原因分布", true);
  h += "<table><thead><tr><th>单位</th><th>合计</th>";
  for (const auto& c : by_cause) h += "<th>" + Escape(Str(c, "label")) + "</th>";
  h += "</tr></thead><tbody>";
  for (const auto& u : Arr(causes, "by_unit")) {
    h += "<tr><td>" + Escape(Str(u, "unit_name")) + "</td><td class=\"num\">" + Str(u, "total") + "</td>";
    for (const auto& c : by_cause) h += "<td class=\"num\">" + Str(u.value("counts", json::object()), Str(c, "cause").c_str()) + "</td>";
    h += "</tr>";
  }
  if (Arr(causes, "by_unit").empty())
    h += "<tr><td colspan=\"" + std::to_string(by_cause.size() + 2) + "\" class=\"muted\">本期没有不满意原因记录</td></tr>";
  h += "</tbody></table><footer>本通报数据发布后不再改动；如需更正，以新一期替代并说明原因。</footer></section>";
  return h + "</div></body></html>";
}

Result<std::string> BulletinWorkbook(const app::BulletinIssue& issue) {
  const json& s = issue.snapshot;
  return BuildXlsx(issue.title, [&](lxw_workbook* wb) {
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_bg_color(head, 0xF2F3F5);
    format_set_border(head, LXW_BORDER_THIN);
    auto sheet = [&](const char* name, const std::vector<std::string>& header) {
      lxw_worksheet* ws = workbook_add_worksheet(wb, name);
      worksheet_write_string(ws, 0, 0, issue.title.c_str(), bold);
      for (std::size_t c = 0; c < header.size(); ++c)
        worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c), header[c].c_str(), head);
      worksheet_set_column(ws, 0, static_cast<lxw_col_t>(header.size()), 14, nullptr);
      return ws;
    };
    auto cell = [](lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const json& v) {
      if (v.is_number()) worksheet_write_number(ws, r, c, v.get<double>(), nullptr);
      else if (v.is_string()) worksheet_write_string(ws, r, c, v.get<std::string>().c_str(), nullptr);
    };
    lxw_worksheet* ws = sheet("总体", {"指标", Str(s, "period_label"), Str(s, "previous_period_label"), "变化（百分点）"});
    lxw_row_t r = 3;
    for (const auto& x : Arr(s, "rates")) {
      cell(ws, r, 0, x.value("label", json()));
      cell(ws, r, 1, x.value("value", json()));
      cell(ws, r, 2, x.value("previous", json()));
      if (x.value("change", json()).is_object()) cell(ws, r, 3, x["change"].value("points", json()));
      ++r;
    }
    for (const auto& [name, rows] : {std::pair{"部门排名", "departments"}, std::pair{"街镇排名", "streets"}}) {
      ws = sheet(name, {"名次", "名称", "综合得分", "诉求件数", "响应率%", "解决率%", "满意率%", "上期名次"});
      r = 3;
      for (const auto& x : Arr(s, rows)) {
        lxw_col_t c = 0;
        for (const char* key : {"rank", "name", "score", "appeals", "response_rate", "resolution_rate",
                                "satisfaction_rate", "previous_rank"})
          cell(ws, r, c++, x.value(key, json()));
        ++r;
      }
    }
    ws = sheet("超期诉求", {"查询码", "诉求", "承办单位", "街镇", "超期天数", "状态"});
    r = 3;
    for (const auto& x : Arr(s, "overdue")) {
      lxw_col_t c = 0;
      for (const char* key : {"receipt_code", "title", "unit_name", "street_name", "days_overdue", "state_label"})
        cell(ws, r, c++, x.value(key, json()));
      ++r;
    }
    ws = sheet("重复诉求", {"承办单位", "重复诉求", "诉求件数", "重复率%"});
    r = 3;
    const json repeats = s.value("repeats", json::object());
    for (const auto& x : Arr(repeats, "by_unit")) {
      lxw_col_t c = 0;
      for (const char* key : {"unit_name", "repeats", "appeals", "repeat_rate"}) cell(ws, r, c++, x.value(key, json()));
      ++r;
    }
    const json& causes = s.value("causes", json::object());
    std::vector<std::string> header = {"单位", "合计"};
    for (const auto& c : Arr(causes, "by_cause")) header.push_back(Str(c, "label"));
    ws = sheet("不满意原因", header);
    r = 3;
    for (const auto& u : Arr(causes, "by_unit")) {
      cell(ws, r, 0, u.value("unit_name", json()));
      cell(ws, r, 1, u.value("total", json()));
      lxw_col_t c = 2;
      for (const auto& x : Arr(causes, "by_cause")) cell(ws, r, c++, u.value("counts", json::object()).value(Str(x, "cause"), json()));
      ++r;
    }
    if (!Arr(s, "trend").empty()) {
      ws = sheet("季度走势", {"月份", "诉求件数", "响应率%", "解决率%", "满意率%"});
      r = 3;
      for (const auto& x : Arr(s, "trend")) {
        lxw_col_t c = 0;
        for (const char* key : {"label", "appeals", "response_rate", "resolution_rate", "satisfaction_rate"})
          cell(ws, r, c++, x.value(key, json()));
        ++r;
      }
    }
  });
}

}  // namespace minsheng::api
