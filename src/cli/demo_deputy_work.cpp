#include "cli/demo_deputy_work.h"

#include <array>
#include <string_view>
#include <utility>

#include "core/calendar.h"
#include "core/grid_visits.h"
#include "store/deputy_activity_repository.h"
#include "store/field_log_repository.h"
#include "store/grid_repository.h"

namespace minsheng::cli {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kContactPoints = {{
    {"leader", "s01c01"},
    {"leader", "s01c02"},
    {"leader-2", "s02c01"},
    {"leader-2", "s02c02"},
    {"leader-2", "s02c03"},
}};

// Activities of the year, as (deputy, kind, title, days before now). deputy-s02 has no proposal and no
// good deed yet: their record shows what is missing.
struct DemoActivity {
  std::string_view deputy;
  std::string_view kind;
  std::string_view title;
  int days_ago;
};
constexpr std::array kActivities = {
    DemoActivity{"deputy", "meeting", "区人大常委会专题询问会", 200},
    DemoActivity{"deputy", "proposal", "关于加快老旧小区加装电梯的建议", 150},
    DemoActivity{"deputy", "investigation", "社区养老服务设施专题调研", 120},
    DemoActivity{"deputy", "opinion_report", "关于背街小巷停车难的社情民意", 90},
    DemoActivity{"deputy", "good_deed", "协调修复朝阳社区积水路段", 40},
    DemoActivity{"deputy-s01", "meeting", "东湖街道议事协商会", 100},
    DemoActivity{"deputy-s01", "investigation", "菜市场油烟扰民情况调研", 75},
    DemoActivity{"deputy-s01", "opinion_report", "关于学校周边交通秩序的社情民意", 30},
    DemoActivity{"deputy-s01", "good_deed", "为独居老人联系上门助餐", 12},
    DemoActivity{"deputy-s02", "meeting", "西岭镇人大代表述职会", 80},
    DemoActivity{"deputy-s02", "investigation", "村级道路养护情况调研", 45},
};

// What a grid worker notes on a round.
constexpr std::array<std::string_view, 6> kRoundNotes = {
    "楼道堆物已劝离", "", "独居老人上门探访，身体情况良好", "", "路灯有两盏不亮，已报物业", "",
};

// The grid workers' rounds over the last six weeks: visit days a week cycle through 3, 4, 2, 3 (shifted per
// grid), so some grids meet the rule of three days in a week and some fall short, this week included.
Status LoadGridRounds(store::Tx& tx, const LoadedFixture& fixture, Timestamp now) {
  constexpr int kDaysPattern[] = {3, 4, 2, 3};
  constexpr int kDayOffsets[] = {0, 2, 4, 5, 1, 3};
  const auto this_monday = WeekStart(LocalDay(now));
  int grid = 0;
  for (const auto& [code, region] : fixture.regions) {
    if (region.level != "grid") continue;
    const auto& worker = fixture.users.at("registrar-" + code.substr(0, 3));
    for (int week = 0; week < 6; ++week) {
      const auto monday = this_monday - std::chrono::days{7 * week};
      const int days = kDaysPattern[(grid + week) % 4];
      for (int d = 0; d < days; ++d) {
        const Timestamp met_at =
            LocalDayStart(monday + std::chrono::days{kDayOffsets[d]}) + 9 * 3600 + (grid * 13 % 120) * 60;
        if (met_at > now) continue;
        store::FieldLogRecord log;
        log.street_id = region.street_id;
        log.region_id = region.id;
        log.author_id = worker.id;
        log.kind = "visit";
        log.met_at = met_at;
        log.place = region.name + "入户走访";
        log.people_count = 1 + (grid + week + d) % 4;
        log.raised = std::string(kRoundNotes[(grid + week + d) % kRoundNotes.size()]);
        log.created_at = log.updated_at = met_at + 1800;
        MS_TRY(store::InsertFieldLog(tx, log));
      }
    }
    ++grid;
  }
  return {};
}

}  // namespace

Status LoadDemoDeputyWork(store::Database& db, const LoadedFixture& fixture, Timestamp now) {
  return db.Write([&](store::Tx& tx) -> Status {
    const Timestamp at = now - 60 * 24 * 3600;
    int index = 0;
    for (const auto& [code, region] : fixture.regions) {
      if (region.level != "grid") continue;
      const std::string street = code.substr(0, 3);
      const auto& worker = fixture.users.at("registrar-" + street);
      MS_TRY(store::InsertGridMember(tx, region.id, region.street_id, worker.id, "grid_worker", at));
      if (index++ % 2 == 0) {
        const auto& deputy = fixture.users.at("deputy-" + street);
        MS_TRY(store::InsertGridMember(tx, region.id, region.street_id, deputy.id, "deputy", at));
      }
    }
    const auto& admin = fixture.users.at("admin");
    for (const auto& [leader, area] : kContactPoints) {
      const auto& region = fixture.regions.at(std::string(area));
      MS_TRY(store::InsertContactPoint(tx, fixture.users.at(std::string(leader)).id, region.id, region.street_id, at,
                                       admin.id));
    }
    MS_TRY(LoadGridRounds(tx, fixture, now));
    const int year = static_cast<int>(std::chrono::year_month_day{LocalDay(now)}.year());
    for (const auto& a : kActivities) {
      const Timestamp when = now - Timestamp{a.days_ago} * 24 * 3600;
      const auto day = LocalDay(when);
      if (static_cast<int>(std::chrono::year_month_day{day}.year()) != year) continue;  // this year's only
      const auto& deputy = fixture.users.at(std::string(a.deputy));
      const auto& home = fixture.regions.at(std::string(a.deputy == "deputy" ? "district" : a.deputy.substr(7)));
      store::DeputyActivityRecord r;
      r.deputy_id = deputy.id;
      r.street_id = home.street_id;
      r.kind = a.kind;
      r.title = a.title;
      r.happened_on = FormatDate(day);
      r.recorded_by = deputy.id;
      r.created_at = when;
      MS_TRY(store::InsertDeputyActivity(tx, r));
    }
    return {};
  });
}

}  // namespace minsheng::cli
