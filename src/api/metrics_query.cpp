#include "api/metrics_query.h"

#include "api/handler_support.h"
#include "api/json_body.h"

namespace minsheng::api {
namespace {

constexpr int kDefaultDays = 180;

// The groupings the public may use: all but deputy (their counts are for staff).
const std::vector<std::string> kPublicGroupings = {"department", "region", "category", "channel", "week", "month"};

Result<std::optional<GroupBy>> ReadGrouping(const Request& req, const char* field, bool for_public) {
  MS_ASSIGN(text, QueryString(req, field, 20));
  if (!text || text->empty()) return std::optional<GroupBy>();
  auto parsed = ParseGroupBy(*text);
  if (for_public && (!parsed || *parsed == GroupBy::kDeputy)) {
    std::string choices;
    for (const auto& g : kPublicGroupings) choices += (choices.empty() ? "" : "、") + g;
    return Fail(Error{ErrorKind::kInvalid, "invalid_group_by",
                      (parsed ? "公开数据不按代表分组；" : "") + std::string("公开数据的分组方式应为 ") + choices + " 之一",
                      field, kPublicGroupings});
  }
  if (!parsed) {
    Error e = parsed.error();
    e.field = field;
    return Fail(std::move(e));
  }
  return std::optional<GroupBy>(*parsed);
}

}  // namespace

Result<app::MetricsRequest> ReadMetricsRequest(const Request& req, const Clock& clock, bool for_public) {
  app::MetricsRequest r;
  MS_ASSIGN(group_by, ReadGrouping(req, "group_by", for_public));
  MS_ASSIGN(then_by, ReadGrouping(req, "then_by", for_public));
  r.group_by = group_by.value_or(GroupBy::kDepartment);
  if (then_by && *then_by == r.group_by)
    return Fail(Error::Invalid("invalid_value", "第二分组应与第一分组不同", "then_by"));
  r.then_by = then_by;
  MS_ASSIGN(period, QueryPeriod(req, clock, kDefaultDays));
  r.from = period.from;
  r.to = period.to;
  MS_ASSIGN(region, QueryId(req, "region_id"));
  r.region_id = region;
  return r;
}

Result<GroupBy> ReadRankingKind(const Request& req) {
  MS_ASSIGN(kind, QueryString(req, "kind", 20));
  const std::string k = kind.value_or("department");
  if (k.empty() || k == "department") return GroupBy::kDepartment;
  if (k == "street") return GroupBy::kRegion;
  return Fail(Error{ErrorKind::kInvalid, "invalid_value", "排名类型应为 department 或 street", "kind",
                    {"department", "street"}});
}

Result<RankingWeights> ReadRankingWeights(const Request& req) {
  MS_ASSIGN(weights_text, QueryString(req, "weights", 200));
  return ParseRankingWeights(weights_text.value_or(""));
}

}  // namespace minsheng::api
