#include "app/metrics_service.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "app/appeal_service.h"
#include "app/evaluation_service.h"
#include "core/access.h"
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
constexpr int kPublicSlots = 2;               // public reports computed at once
constexpr auto kPublicWait = std::chrono::seconds(5);

using std::chrono::sys_days;

// The store groups weeks and months by local day (days since 1970-01-01); this folds them.
std::string BucketOf(GroupBy g, const std::string& key) {
  if (!IsTimeGroup(g) || key.empty()) return key;
  long long day = 0;
  std::from_chars(key.data(), key.data() + key.size(), day);
  return TimeBucketKey(g, sys_days(std::chrono::days(day)));
}

struct Sums {
  MetricCounts counts;
  std::map<std::string, MetricCounts> subgroups;
};

Error TooManyCells(std::size_t cells, const MetricsRequest& request) {
  return Error::Invalid("too_many_groups",
                        "分组过多：一次最多 " + std::to_string(kMaxReportCells) + " 组（本次 " + std::to_string(cells) +
                            " 组），请缩短时间范围或换一种分组",
                        request.then_by ? "then_by" : "group_by");
}

// The period's first and last local day.
std::pair<sys_days, sys_days> PeriodDays(const MetricsRequest& r) { return {LocalDay(r.from), LocalDay(r.to - 1)}; }

// The then_by periods listed under the group `key`: for a period, those of the then_by kind that overlap
// it inside the request's period; for any other group, every one of the request's period.
Result<std::vector<std::string>> SubBuckets(const MetricsRequest& r, const std::string& key) {
  auto [first, last] = PeriodDays(r);
  if (IsTimeGroup(r.group_by)) {
    if (auto range = TimeBucketDays(r.group_by, key)) {
      first = std::max(first, range->first);
      last = std::min(last, range->second);
    }
  }
  return TimeBucketsBetween(*r.then_by, first, last, kMaxTimeBuckets);
}

// Refuses a bad period, more periods than kMaxTimeBuckets, and a period × period report beyond
// kMaxReportCells, before any database work; returns the group_by periods (empty unless a period).
Result<std::vector<std::string>> CheckShape(const MetricsRequest& r) {
  if (r.to <= r.from) return Fail(Error::Invalid("invalid_value", "结束日期应晚于开始日期", "to"));
  const auto [first, last] = PeriodDays(r);
  std::vector<std::string> groups;
  if (IsTimeGroup(r.group_by)) {
    MS_ASSIGN(buckets, TimeBucketsBetween(r.group_by, first, last, kMaxTimeBuckets));
    groups = std::move(buckets);
  }
  if (r.then_by && IsTimeGroup(*r.then_by)) {
    if (!IsTimeGroup(r.group_by)) {
      MS_TRY(TimeBucketsBetween(*r.then_by, first, last, kMaxTimeBuckets));
    } else {
      std::size_t cells = groups.size();
      for (const auto& g : groups) {
        MS_ASSIGN(subs, SubBuckets(r, g));
        cells += subs.size();
      }
      if (cells > kMaxReportCells) return Fail(TooManyCells(cells, r));
    }
  }
  return groups;
}

int LocalYear(Timestamp t) { return static_cast<int>(std::chrono::year_month_day(LocalDay(t)).year()); }

// Departments' public evaluation scores of the years the period touches, as their `evaluation` rate.
Status AddEvaluationScores(store::Tx& tx, const MetricsRequest& request, MetricsReport& report) {
  MS_ASSIGN(scores, DepartmentEvaluationScores(tx, LocalYear(request.from), LocalYear(std::max(request.from, request.to - 1))));
  for (auto& g : report.groups) {
    store::Id id = 0;
    if (std::from_chars(g.id.data(), g.id.data() + g.id.size(), id).ec != std::errc()) continue;
    if (auto it = scores.find(id); it != scores.end()) g.rates.evaluation = it->second / 100.0;
  }
  return {};
}

Result<MetricsReport> SumGroups(store::Tx& tx, Timestamp now, const MetricsRequest& request) {
  MS_ASSIGN(periods, CheckShape(request));
  MS_ASSIGN(rows, store::SumMetricCounts(tx, {.group_by = request.group_by, .then_by = request.then_by,
                                              .from = request.from, .to = request.to, .now = now,
                                              .region_id = request.region_id}));
  std::map<std::string, Sums> sums;
  for (const auto& p : periods) sums[p];
  for (const auto& row : rows) {
    Sums& group = sums[BucketOf(request.group_by, row.key)];
    group.counts += row.counts;
    if (request.then_by) group.subgroups[BucketOf(*request.then_by, row.sub_key)] += row.counts;
  }
  std::size_t cells = sums.size();
  for (auto& [key, group] : sums) {
    if (request.then_by && IsTimeGroup(*request.then_by)) {
      MS_ASSIGN(subs, SubBuckets(request, key));
      for (const auto& b : subs) group.subgroups[b];
    }
    cells += group.subgroups.size();
  }
  if (cells > kMaxReportCells) return Fail(TooManyCells(cells, request));

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
  if (request.group_by == GroupBy::kDepartment) MS_TRY(AddEvaluationScores(tx, request, report));
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

// The dashboard's roles only; a caller below the district sees their own region (its subtree) only.
Status ScopeRegion(store::Tx& tx, const Actor& actor, store::OptId& region_id) {
  if (actor.DistrictWide()) return {};
  if (!region_id) {
    region_id = actor.region_id;
    return {};
  }
  MS_ASSIGN(region, store::FindRegion(tx, *region_id));
  if (!region || !region->path.starts_with(actor.region_path))
    return Fail(Error{ErrorKind::kForbidden, "forbidden", "该区域不在您负责的范围内", "region_id", {}});
  return {};
}

}  // namespace

Status CheckDashboardAccess(const Actor& actor) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, Operation::kViewDashboard))
    return Fail(Error::Forbidden("您的角色（" + std::string(RoleLabel(actor.role)) + "）不能查看统计数据"));
  return {};
}

// Issue 12, bulletins.
Result<MetricsReport> SumMetrics(store::Tx& tx, Timestamp now, const MetricsRequest& request) {
  return SumGroups(tx, now, request);
}
std::vector<RankingEntry> RankMetricGroups(std::vector<MetricGroup> groups, const RankingWeights& weights) {
  return RankGroups(std::move(groups), weights);
}

MetricsService::MetricsService(store::Database& db, const Clock& clock)
    : db_(db), clock_(clock), public_slots_(kPublicSlots) {}

Result<MetricsReport> MetricsService::Compute(const Actor& actor, MetricsRequest request) {
  MS_TRY(CheckDashboardAccess(actor));
  MS_TRY(CheckShape(request));  // a bad period fails before any database work
  return ReadMayLagValue<MetricsReport>(db_, [&](store::Tx& tx) -> Result<MetricsReport> {
    MS_TRY(ScopeRegion(tx, actor, request.region_id));
    return SumGroups(tx, clock_.Now(), request);
  });
}

Result<std::vector<RankingEntry>> MetricsService::Rank(const Actor& actor, MetricsRequest request,
                                                       const RankingWeights& weights) {
  request.then_by.reset();
  MS_ASSIGN(report, Compute(actor, std::move(request)));
  return RankGroups(std::move(report.groups), weights);
}

Result<DashboardReport> MetricsService::Dashboard(const Actor& actor, DashboardRequest request) {
  MS_TRY(CheckDashboardAccess(actor));
  MetricsRequest base{.from = request.from, .to = request.to};
  MetricsRequest groups = base, ranking = base, trend = base, heat = base;
  groups.group_by = request.group_by;
  ranking.group_by = request.ranking_by;
  trend.group_by = GroupBy::kMonth;
  heat.group_by = GroupBy::kRegion;
  heat.then_by = GroupBy::kCategory;
  MS_TRY(CheckShape(groups));
  MS_TRY(CheckShape(trend));
  return ReadMayLagValue<DashboardReport>(db_, [&](store::Tx& tx) -> Result<DashboardReport> {
    store::OptId region_id = request.region_id;
    MS_TRY(ScopeRegion(tx, actor, region_id));
    for (MetricsRequest* r : {&groups, &ranking, &trend, &heat}) r->region_id = region_id;
    const Timestamp now = clock_.Now();
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

Result<std::shared_ptr<const MetricsReport>> MetricsService::Public(const MetricsRequest& request) {
  if (request.group_by == GroupBy::kDeputy || request.then_by == GroupBy::kDeputy)
    return Fail(Error::Invalid("invalid_group_by", "公开数据不按代表分组",
                               request.group_by == GroupBy::kDeputy ? "group_by" : "then_by"));
  MS_TRY(CheckShape(request));
  // Anyone may ask, so only a few reports are computed at once; the others wait a little, then are told
  // to come back.
  const Slots::Held slot = public_slots_.TryTake(kPublicWait);
  if (!slot) return Fail(Error::RetryLater(ErrorKind::kUnavailable, "busy", "公开数据查询繁忙，请稍后再试", 5));
  const Timestamp now = clock_.Now();
  MS_ASSIGN(report, ReadMayLagValue<MetricsReport>(db_, [&](store::Tx& tx) { return SumGroups(tx, now, request); }));
  return std::make_shared<const MetricsReport>(std::move(report));
}

}  // namespace minsheng::app
