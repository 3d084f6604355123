#include "core/metrics.h"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace minsheng {

namespace {

std::optional<double> Ratio(std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kWhitespace = " \t\r\n";
  const auto begin = s.find_first_not_of(kWhitespace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kWhitespace) - begin + 1);
}

// The weight keys, in canonical order, and where each lives in RankingWeights.
constexpr std::array<std::pair<std::string_view, double RankingWeights::*>, 7> kWeightKeys = {{
    {"response", &RankingWeights::response},
    {"resolution", &RankingWeights::resolution},
    {"satisfaction", &RankingWeights::satisfaction},
    {"on_time", &RankingWeights::on_time},
    {"reply", &RankingWeights::reply},
    {"callback", &RankingWeights::callback},
    {"evaluation", &RankingWeights::evaluation},
}};

constexpr std::string_view kWeightKeyList =
    "response、resolution、satisfaction、on_time、reply、callback、evaluation";

Error WeightsError(std::string message) {
  return Error::Invalid("invalid_weights", std::move(message), "weights");
}

struct GroupByInfo {
  std::string_view name;
  GroupBy value;
  std::string_view label;
};
constexpr std::array<GroupByInfo, 7> kGroupBys = {{
    {"department", GroupBy::kDepartment, "部门"},
    {"region", GroupBy::kRegion, "街道"},
    {"category", GroupBy::kCategory, "分类"},
    {"channel", GroupBy::kChannel, "渠道"},
    {"deputy", GroupBy::kDeputy, "代表"},
    {"week", GroupBy::kWeek, "周"},
    {"month", GroupBy::kMonth, "月"},
}};

}  // namespace

MetricCounts& MetricCounts::operator+=(const MetricCounts& other) {
  total += other.total;
  dispatched += other.dispatched;
  response_due += other.response_due;
  responded_on_time += other.responded_on_time;
  replied += other.replied;
  closed += other.closed;
  closed_on_time += other.closed_on_time;
  called_back += other.called_back;
  resolved += other.resolved;
  satisfied += other.satisfied;
  reopened += other.reopened;
  open += other.open;
  open_age_days_sum += other.open_age_days_sum;
  overdue += other.overdue;
  repeats += other.repeats;
  supervised += other.supervised;
  manually_supervised += other.manually_supervised;
  for (std::size_t i = 0; i < causes.size(); ++i) causes[i] += other.causes[i];
  return *this;
}

Rates ComputeRates(const MetricCounts& c) {
  Rates rates;
  rates.response_rate = Ratio(c.responded_on_time, c.response_due);
  rates.resolution_rate = Ratio(c.resolved, c.called_back);
  rates.satisfaction_rate = Ratio(c.satisfied, c.called_back);
  rates.on_time_rate = Ratio(c.closed_on_time, c.closed);
  rates.reply_rate = Ratio(c.replied, c.dispatched);
  rates.callback_rate = Ratio(c.called_back, c.replied);
  rates.reopen_rate = Ratio(c.reopened, c.called_back);
  rates.backlog_age_days = Ratio(c.open_age_days_sum, c.open);
  rates.repeat_rate = Ratio(c.repeats, c.total);
  return rates;
}

Result<RankingWeights> ParseRankingWeights(std::string_view spec) {
  if (Trim(spec).empty()) return RankingWeights{};
  RankingWeights weights{0, 0, 0, 0, 0, 0, 0};
  std::array<bool, kWeightKeys.size()> seen{};
  while (true) {
    const auto comma = spec.find(',');
    const std::string_view item = Trim(spec.substr(0, comma));
    const auto colon = item.find(':');
    if (colon == std::string_view::npos) {
      return Fail(WeightsError("权重“" + std::string(item) + "”应写成 名称:数值，如 response:0.3"));
    }
    std::string_view key = Trim(item.substr(0, colon));
    const std::string_view value_text = Trim(item.substr(colon + 1));
    if (key.ends_with("_rate")) key.remove_suffix(5);

    size_t index = 0;
    while (index < kWeightKeys.size() && kWeightKeys[index].first != key) ++index;
    if (index == kWeightKeys.size()) {
      return Fail(WeightsError("未知的权重名称“" + std::string(key) + "”，可用：" +
                               std::string(kWeightKeyList)));
    }
    if (seen[index]) {
      return Fail(WeightsError("权重“" + std::string(key) + "”重复出现"));
    }
    seen[index] = true;

    double value = 0;
    const auto [end, ec] = std::from_chars(value_text.data(), value_text.data() + value_text.size(), value);
    if (value_text.empty() || ec != std::errc() || end != value_text.data() + value_text.size() ||
        !std::isfinite(value) || value < 0) {
      return Fail(WeightsError("权重“" + std::string(key) + "”的值应为不小于 0 的数"));
    }
    weights.*kWeightKeys[index].second = value;

    if (comma == std::string_view::npos) break;
    spec.remove_prefix(comma + 1);
  }
  double sum = 0;
  for (const auto& [key, member] : kWeightKeys) sum += weights.*member;
  if (!(sum > 0)) return Fail(WeightsError("权重不能全部为 0"));
  return weights;
}

std::string FormatRankingWeights(const RankingWeights& weights) {
  std::string out;
  for (const auto& [key, member] : kWeightKeys) {
    if (!out.empty()) out += ',';
    char buffer[64];
    // Shortest text that parses back to the same double.
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, weights.*member);
    out += key;
    out += ':';
    out.append(buffer, result.ptr);
  }
  return out;
}

std::optional<double> Score(const Rates& rates, const RankingWeights& weights) {
  const std::array<std::pair<const std::optional<double>*, double>, 7> terms = {{
      {&rates.response_rate, weights.response},
      {&rates.resolution_rate, weights.resolution},
      {&rates.satisfaction_rate, weights.satisfaction},
      {&rates.on_time_rate, weights.on_time},
      {&rates.reply_rate, weights.reply},
      {&rates.callback_rate, weights.callback},
      {&rates.evaluation, weights.evaluation},
  }};
  double weighted = 0;
  double weight_sum = 0;
  for (const auto& [rate, weight] : terms) {
    if (!rate->has_value() || !(weight > 0)) continue;
    weighted += weight * **rate;
    weight_sum += weight;
  }
  if (!(weight_sum > 0)) return std::nullopt;
  return 100.0 * weighted / weight_sum;
}

Result<GroupBy> ParseGroupBy(std::string_view text) {
  for (const auto& g : kGroupBys)
    if (g.name == text) return g.value;
  std::string choices;
  for (const auto& g : kGroupBys)
    choices += (choices.empty() ? "" : "、") + std::string(g.name) + "（" + std::string(g.label) + "）";
  Error error = Error::Invalid("invalid_group_by", "分组方式应为 " + choices + " 之一", "group_by");
  for (const auto& g : kGroupBys) error.allowed.emplace_back(g.name);
  return Fail(std::move(error));
}

std::string_view GroupByName(GroupBy group_by) {
  for (const auto& g : kGroupBys)
    if (g.value == group_by) return g.name;
  return "department";
}

std::string_view GroupByLabel(GroupBy group_by) {
  for (const auto& g : kGroupBys)
    if (g.value == group_by) return g.label;
  return "部门";
}

}  // namespace minsheng
