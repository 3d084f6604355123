#include "api/dashboard_workbook.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>

namespace minsheng::api {
namespace {

// Reads the workbook back with Debian's unzip: each sheet's cells by reference ("B5"), with shared
// strings resolved, so the test checks what a spreadsheet program would show.
class WorkbookReader {
 public:
  explicit WorkbookReader(const std::string& bytes) {
    path_ = (std::filesystem::temp_directory_path() / ("minsheng-test-" + std::to_string(getpid()) + ".xlsx"));
    std::ofstream(path_, std::ios::binary) << bytes;
    for (const auto& s : Matches(Part("xl/sharedStrings.xml"), R"re(<t[^>]*>([^<]*)</t>)re")) strings_.push_back(s);
  }
  ~WorkbookReader() { std::filesystem::remove(path_); }

  std::string Part(const std::string& name) const {
    std::string out;
    FILE* p = popen(("unzip -p '" + path_.string() + "' '" + name + "'").c_str(), "r");
    if (!p) return out;
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, p)) out.append(buffer, n);
    pclose(p);
    return out;
  }

  std::vector<std::string> SheetNames() const {
    return Matches(Part("xl/workbook.xml"), R"re(<sheet name="([^"]*)")re");
  }

  // sheet: 1-based, in workbook order.
  std::map<std::string, std::string> Cells(int sheet) const {
    std::map<std::string, std::string> cells;
    const std::string xml = Part("xl/worksheets/sheet" + std::to_string(sheet) + ".xml");
    static const std::regex cell(R"re(<c r="([A-Z]+[0-9]+)"([^>]*?)(/>|>(?:<f>[^<]*</f>)?<v>([^<]*)</v></c>))re");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), cell); it != std::sregex_iterator(); ++it) {
      const std::string attributes = (*it)[2];
      std::string value = (*it)[4];
      if (attributes.find("t=\"s\"") != std::string::npos) value = strings_.at(std::stoul(value));
      cells[(*it)[1]] = value;
    }
    return cells;
  }

 private:
  static std::vector<std::string> Matches(const std::string& text, const char* pattern) {
    std::vector<std::string> out;
    const std::regex re(pattern);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
      out.push_back((*it)[1]);
    return out;
  }

  std::filesystem::path path_;
  std::vector<std::string> strings_;
};

app::MetricGroup Group(std::string id, std::string name, std::int64_t total, std::int64_t called_back,
                       std::int64_t satisfied) {
  app::MetricGroup g;
  g.id = std::move(id);
  g.name = std::move(name);
  g.counts.total = total;
  g.counts.dispatched = total;
  g.counts.replied = called_back;
  g.counts.called_back = called_back;
  g.counts.satisfied = satisfied;
  g.counts.overdue = 1;
  g.rates = ComputeRates(g.counts);
  return g;
}

app::DashboardReport Report() {
  app::DashboardReport r;
  r.groups.groups = {Group("4", "区水务局", 10, 8, 6), Group("5", "区交通运输局", 5, 0, 0)};
  r.groups.total = Group("", "合计", 15, 8, 6);
  r.ranking = {{1, 91.5, Group("4", "区水务局", 10, 8, 6)}, {2, std::nullopt, Group("5", "区交通运输局", 5, 0, 0)}};
  r.trend.groups = {Group("2026-10", "2026年10月", 7, 3, 3), Group("2026-11", "2026年11月", 8, 5, 3)};
  app::MetricGroup street = Group("2", "东湖街道", 12, 0, 0);
  street.subgroups = {Group("1", "物业服务", 9, 0, 0), Group("3", "供水停水", 3, 0, 0)};
  app::MetricGroup town = Group("3", "西岭镇", 3, 0, 0);
  town.subgroups = {Group("3", "供水停水", 3, 0, 0)};
  r.streets_by_category.groups = {street, town};
  return r;
}

TEST(DashboardWorkbook, HoldsTheRankingTheGroupsTheTrendAndTheStreetTable) {
  auto bytes = DashboardWorkbook(Report(), {.period = "2026-10-01 至 2026-11-22", .group_by = "部门", .ranking = "部门"});
  ASSERT_TRUE(bytes) << bytes.error().message;
  ASSERT_GT(bytes->size(), 1000u);
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  WorkbookReader book(*bytes);
  EXPECT_EQ(book.SheetNames(), (std::vector<std::string>{"部门排名", "按部门", "月度趋势", "街道×分类"}));

  auto ranking = book.Cells(1);
  EXPECT_EQ(ranking["A2"], "统计期间：2026-10-01 至 2026-11-22（按登记时间）");
  EXPECT_EQ(ranking["B4"], "名称");
  EXPECT_EQ(ranking["A5"], "1");
  EXPECT_EQ(ranking["B5"], "区水务局");
  EXPECT_EQ(ranking["C5"], "91.5");
  EXPECT_EQ(ranking["D5"], "10");
  EXPECT_EQ(ranking["G5"], "0.75");  // 满意率 6/8, a number the sheet shows as a percentage
  EXPECT_EQ(ranking["B6"], "区交通运输局");
  EXPECT_EQ(ranking["C6"], "");       // no score: a blank cell, not 0
  EXPECT_EQ(ranking.count("A7"), 0u);

  auto groups = book.Cells(2);
  EXPECT_EQ(groups["A4"], "部门");
  EXPECT_EQ(groups["A5"], "区水务局");
  EXPECT_EQ(groups["B5"], "10");
  EXPECT_EQ(groups["A7"], "合计");
  EXPECT_EQ(groups["B7"], "15");

  auto trend = book.Cells(3);
  EXPECT_EQ(trend["A5"], "2026年10月");
  EXPECT_EQ(trend["B6"], "8");

  auto heat = book.Cells(4);
  EXPECT_EQ(heat["B4"], "物业服务");
  EXPECT_EQ(heat["C4"], "供水停水");
  EXPECT_EQ(heat["D4"], "合计");
  EXPECT_EQ(heat["A6"], "西岭镇");
  EXPECT_EQ(heat["B6"], "0");  // a street without that category shows 0
  EXPECT_EQ(heat["C6"], "3");
  EXPECT_EQ(heat["D5"], "12");
}

TEST(DashboardWorkbook, AnEmptyPeriodStillGivesEverySheetWithItsHeader) {
  auto bytes = DashboardWorkbook(app::DashboardReport{}, {.period = "2030-01-01 至 2030-01-31", .group_by = "渠道",
                                                          .ranking = "街道"});
  ASSERT_TRUE(bytes) << bytes.error().message;
  WorkbookReader book(*bytes);
  EXPECT_EQ(book.SheetNames(), (std::vector<std::string>{"街道排名", "按渠道", "月度趋势", "街道×分类"}));
  auto groups = book.Cells(2);
  EXPECT_EQ(groups["A4"], "渠道");
  EXPECT_EQ(groups["A5"], "合计");
  EXPECT_EQ(groups["B5"], "0");
}

}  // namespace
}  // namespace minsheng::api
