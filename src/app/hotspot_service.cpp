#include "app/hotspot_service.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "app/metrics_service.h"
#include "app/region_scope.h"
#include "core/calendar.h"
#include "core/rollup.h"
#include "store/hotspot_repository.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;
using store::RegionRecord;

// A cell's counts: [0, weeks) the earlier weeks, oldest first; [weeks] the week scored.
using CellKey = std::tuple<Id, Id>;  // region (a street or a community), category
using WeekCounts = std::vector<std::int64_t>;

// The community that `region_id` lies in (itself when it is one), or nullptr when it lies in none (registered
// at a street).
const RegionRecord* CommunityOf(const std::unordered_map<Id, RegionRecord>& regions, Id region_id) {
  for (auto it = regions.find(region_id); it != regions.end();) {
    if (it->second.level == "community") return &it->second;
    if (!it->second.parent_id) break;
    it = regions.find(*it->second.parent_id);
  }
  return nullptr;
}

}  // namespace

std::string_view HotspotLevelName(HotspotLevel level) {
  return level == HotspotLevel::kStreet ? "street" : "community";
}

HotspotService::HotspotService(store::Database& db, const Clock& clock, HotspotRule rule)
    : db_(db), clock_(clock), rule_(rule) {}

Result<HotspotReport> HotspotService::Week(const Actor& actor, const HotspotRequest& request) {
  MS_TRY(CheckDashboardAccess(actor));
  HotspotReport report{.week = WeekStart(request.day.value_or(LocalDayNumber(clock_.Now()))), .rule = rule_};
  const std::int32_t first_week = report.week - 7 * rule_.weeks;
  return ReadMayLagValue<HotspotReport>(db_, [&](store::Tx& tx) -> Result<HotspotReport> {
    std::string scope_path = actor.region_path;
    if (request.region_id) {
      MS_ASSIGN(region, RegionInScope(tx, actor, *request.region_id));
      scope_path = region.path;
    }
    MS_ASSIGN(region_rows, store::ListRegions(tx));
    std::unordered_map<Id, RegionRecord> regions;
    for (auto& r : region_rows) regions.emplace(r.id, std::move(r));
    MS_ASSIGN(category_rows, store::ListCategories(tx));
    std::unordered_map<Id, std::string> categories;
    for (auto& c : category_rows) categories.emplace(c.id, std::move(c.name));
    // A scope inside one street reads only that street's counts.
    store::OptId street_id;
    for (const auto& [id, r] : regions)
      if (r.path == scope_path && r.street_id) street_id = r.street_id;

    for (HotspotLevel level : {HotspotLevel::kStreet, HotspotLevel::kCommunity}) {
      const bool by_region = level == HotspotLevel::kCommunity;
      MS_ASSIGN(counts, store::ListWeeklyCounts(tx, first_week, report.week, by_region, street_id));
      std::map<CellKey, WeekCounts> cells;
      for (const store::WeeklyCount& w : counts) {
        Id place = w.street_id;
        if (by_region) {
          const RegionRecord* community = CommunityOf(regions, w.region_id);
          if (!community) continue;
          place = community->id;
        }
        auto [it, _] = cells.try_emplace({place, w.category_id}, WeekCounts(rule_.weeks + 1, 0));
        it->second[(w.week - first_week) / 7] += w.total;
      }
      for (auto& [key, weeks] : cells) {
        const std::int64_t count = weeks.back();
        if (count < rule_.min_count) continue;
        const auto [place, category_id] = key;
        auto region = regions.find(place);
        if (region == regions.end() || !region->second.path.starts_with(scope_path)) continue;
        weeks.pop_back();
        const HotspotScore score = ScoreWeek(count, weeks, rule_);
        if (!score.warning) continue;
        const Id street = region->second.street_id.value_or(place);
        auto street_region = regions.find(street);
        auto category = categories.find(category_id);
        report.items.push_back(Hotspot{.level = level,
                                       .street_id = street,
                                       .street_name = street_region == regions.end() ? "" : street_region->second.name,
                                       .region_id = place,
                                       .region_name = region->second.name,
                                       .category_id = category_id,
                                       .category_name = category == categories.end() ? "" : category->second,
                                       .count = count,
                                       .score = score,
                                       .history = std::move(weeks)});
      }
    }
    std::stable_sort(report.items.begin(), report.items.end(), [](const Hotspot& a, const Hotspot& b) {
      return std::tie(b.score.score, b.count) < std::tie(a.score.score, a.count);
    });
    return std::move(report);
  });
}

}  // namespace minsheng::app
