#include "app/metrics_service.h"

#include <algorithm>
#include <map>

#include "app/appeal_service.h"
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
    case GroupBy::kChannel: break;
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
  auto it = names.find(key);
  return it == names.end() ? key : it->second;
}

}  // namespace

Result<MetricsReport> ComputeMetrics(store::Database& db, const Clock& clock, const MetricsRequest& request) {
  if (request.to <= request.from)
    return Fail(Error::Invalid("invalid_value", "结束日期应晚于开始日期", "to"));
  return ReadMayLagValue<MetricsReport>(db, [&](store::Tx& tx) -> Result<MetricsReport> {
    MS_ASSIGN(sums, store::SumMetricCounts(tx, {.group_by = request.group_by, .from = request.from,
                                                .to = request.to, .now = clock.Now(),
                                                .region_id = request.region_id}));
    MS_ASSIGN(names, GroupNames(tx, request.group_by));
    MetricsReport report;
    report.total.name = "合计";
    for (auto& s : sums) {
      MetricGroup g{s.key, NameOf(request.group_by, s.key, names), s.counts, ComputeRates(s.counts)};
      report.total.counts += s.counts;
      report.groups.push_back(std::move(g));
    }
    report.total.rates = ComputeRates(report.total.counts);
    return report;
  });
}

Result<std::vector<RankingEntry>> Rank(store::Database& db, const Clock& clock, const MetricsRequest& request,
                                       const RankingWeights& weights) {
  MS_ASSIGN(report, ComputeMetrics(db, clock, request));
  std::vector<RankingEntry> out;
  for (auto& g : report.groups) {
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

}  // namespace minsheng::app
