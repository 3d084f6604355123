#include "app/metrics_service.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "app/appeal_service.h"
#include "core/calendar.h"
#include "core/time_buckets.h"
#include "store/metrics_repository.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

// Names of the groups' ids, read in the same transaction as the counts.
Result<std::map<std::string, std::string>> GroupNames(store::Tx& tx, GroupBy g) {
  std::map<std::string, std::string> names;
  switch (g) {
    case GroupBy::kDepartment: {
      MS_ASSIGN(rows, store::ListDepartments(tx));
      for (const auto& d : rows) names[std::to_string(d.id)] = d.name;
      break;
    }
    case GroupBy::kRegion: {
      MS_ASSIGN(rows, store::ListRegions(tx));
      for (const auto& r : rows) names[std::to_string(r.id)] = r.name;
      break;
    }
    case GroupBy::kCategory: {
      MS_ASSIGN(rows, store::ListCategories(tx));
      for (const auto& c : rows) names[std::to_string(c.id)] = c.name;
      break;
    }
    case GroupBy::kDeputy: {
      MS_ASSIGN(rows, store::ListUsers(tx, {.role = "deputy"}));
      for (const auto& u : rows) names[std::to_string(u.id)] = u.display_name;
      break;
    }
    case GroupBy::kChannel:
    case GroupBy::kWeek:
    case GroupBy::kMonth: break;
  }
  return names;
}

std::string NameOf(GroupBy g, const std::string& key, const std::map<std::string, std::string>& names) {
  if (key.empty()) {
    switch (g) {
      case GroupBy::kDepartment: return "未派单";
      case GroupBy::kRegion: return "区级";
      case GroupBy::kDeputy: return "无跟进代表";
      default: return "未指定";
    }
  }
  if (g == GroupBy::kChannel) return std::string(ChannelLabel(key));
  if (IsTimeGroup(g)) return TimeBucketName(g, key);
  auto it = names.find(key);
  return it == names.end() ? key : it->second;
}

constexpr std::size_t kMaxTimeBuckets = 520;  // ten years of weeks

// The store groups weeks and months by local day (days since 1970-01-01); this folds them.
std::string BucketOf(GroupBy g, const std::string& key) {
  if (!IsTimeGroup(g) || key.empty()) return key;
  long long day = 0;
  std::from_chars(key.data(), key.data() + key.size(), day);
  return TimeBucketKey(g, std::chrono::sys_days(std::chrono::days(day)));
}

struct Sums {
  MetricCounts counts;
  std::map<std::string, MetricCounts> subgroups;
};

// A period's weeks or months, all of them, when the request groups by time: a trend shows the quiet
// ones as zero.
Result<std::vector<std::string>> BucketsOf(const MetricsRequest& request) {
  if (request.to <= request.from) return Fail(Error::Invalid("invalid_value", "结束日期应晚于开始日期", "to"));
  const GroupBy time_group = IsTimeGroup(request.group_by) ? request.group_by : request.then_by.value_or(request.group_by);
  if (!IsTimeGroup(time_group)) return std::vector<std::string>{};
  return TimeBucketsBetween(time_group, LocalDay(request.from), LocalDay(request.to - 1), kMaxTimeBuckets);
}

Result<MetricsReport> SumGroups(store::Tx& tx, Timestamp now, const MetricsRequest& request) {
  MS_ASSIGN(buckets, BucketsOf(request));
  MS_ASSIGN(rows, store::SumMetricCounts(tx, {.group_by = request.group_by, .then_by = request.then_by,
                                              .from = request.from, .to = request.to, .now = now,
                                              .region_id = request.region_id}));
  std::map<std::string, Sums> sums;
  if (IsTimeGroup(request.group_by))
    for (const auto& b : buckets) sums[b];
  for (const auto& row : rows) {
    Sums& group = sums[BucketOf(request.group_by, row.key)];
    group.counts += row.counts;
    if (request.then_by) group.subgroups[BucketOf(*request.then_by, row.sub_key)] += row.counts;
  }
  if (request.then_by && IsTimeGroup(*request.then_by))
    for (auto& [key, group] : sums)
      for (const auto& b : buckets) group.subgroups[b];

  MS_ASSIGN(names, GroupNames(tx, request.group_by));
  std::map<std::string, std::string> sub_names;
  if (request.then_by) {
    MS_ASSIGN(found, GroupNames(tx, *request.then_by));
    sub_names = std::move(found);
  }
  MetricsReport report;
  report.total.name = "合计";
  for (auto& [key, s] : sums) {
    MetricGroup g{key, NameOf(request.group_by, key, names), s.counts, ComputeRates(s.counts), {}};
    for (auto& [sub_key, counts] : s.subgroups)
      g.subgroups.push_back({sub_key, NameOf(*request.then_by, sub_key, sub_names), counts, ComputeRates(counts), {}});
    report.total.counts += s.counts;
    report.groups.push_back(std::move(g));
  }
  report.total.rates = ComputeRates(report.total.counts);
  return report;
}

std::vector<RankingEntry> RankGroups(std::vector<MetricGroup> groups, const RankingWeights& weights) {
  std::vector<RankingEntry> out;
  for (auto& g : groups) {
    if (g.id.empty()) continue;
    out.push_back({0, Score(g.rates, weights), std::move(g)});
  }
  std::stable_sort(out.begin(), out.end(), [](const RankingEntry& a, const RankingEntry& b) {
    if (a.score.has_value() != b.score.has_value()) return a.score.has_value();
    return a.score.value_or(0) > b.score.value_or(0);
  });
  for (std::size_t i = 0; i < out.size(); ++i) out[i].rank = static_cast<int>(i + 1);
  return out;
}

}  // namespace

Result<MetricsReport> ComputeMetrics(store::Database& db, const Clock& clock, const MetricsRequest& request) {
  MS_TRY(BucketsOf(request));  // a bad period fails before any database work
  return ReadMayLagValue<MetricsReport>(db, [&](store::Tx& tx) { return SumGroups(tx, clock.Now(), request); });
}

Result<std::vector<RankingEntry>> Rank(store::Database& db, const Clock& clock, const MetricsRequest& request,
                                       const RankingWeights& weights) {
  MS_ASSIGN(report, ComputeMetrics(db, clock, request));
  return RankGroups(std::move(report.groups), weights);
}

Result<DashboardReport> ComputeDashboard(store::Database& db, const Clock& clock, const DashboardRequest& request) {
  MetricsRequest base{.from = request.from, .to = request.to, .region_id = request.region_id};
  MetricsRequest groups = base, ranking = base, trend = base, heat = base;
  groups.group_by = request.group_by;
  ranking.group_by = request.ranking_by;
  trend.group_by = GroupBy::kMonth;
  heat.group_by = GroupBy::kRegion;
  heat.then_by = GroupBy::kCategory;
  MS_TRY(BucketsOf(trend));
  return ReadMayLagValue<DashboardReport>(db, [&](store::Tx& tx) -> Result<DashboardReport> {
    const Timestamp now = clock.Now();
    DashboardReport out;
    MS_ASSIGN(by_group, SumGroups(tx, now, groups));
    MS_ASSIGN(by_rank, SumGroups(tx, now, ranking));
    MS_ASSIGN(by_month, SumGroups(tx, now, trend));
    MS_ASSIGN(by_street, SumGroups(tx, now, heat));
    out.groups = std::move(by_group);
    out.ranking = RankGroups(std::move(by_rank.groups), request.weights);
    out.trend = std::move(by_month);
    out.streets_by_category = std::move(by_street);
    return out;
  });
}

}  // namespace minsheng::app
