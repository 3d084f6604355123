// Query strings, read as the routes read them, from a Request whose query comes from ParseTarget:
// - the metrics query (src/api/metrics_query.h): ReadMetricsRequest for staff and for the public,
//   ReadRankingKind, ReadRankingWeights, and the trend's buckets over the period read (as
//   MetricsService asks TimeBucketsBetween for them, at most 520);
// - the appeals list and notices filters, which still live inside their route lambdas
//   (appeals_routes.cpp): the same readers with the same names and limits, QueryPage, QueryId,
//   QueryString, ParseState, ParseDate, and QueryPeriod / QueryInt64 for the other routes.
// Checks: every value read is within its documented range; errors are kInvalid and name a field.
//
// Input: the query string (what follows '?').
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include "api/handler_support.h"
#include "api/http_types.h"
#include "api/json_body.h"
#include "api/metrics_query.h"
#include "api/router.h"
#include "app/appeal_service.h"
#include "core/calendar.h"
#include "core/clock.h"
#include "core/lifecycle.h"
#include "core/metrics.h"
#include "core/time_buckets.h"

namespace {

namespace api = minsheng::api;
using minsheng::GroupBy;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "query_fuzz: broken promise: %s\n", what);
    std::abort();
  }
}

void CheckError(const minsheng::Error& error) {
  Check(error.kind == minsheng::ErrorKind::kInvalid, "a query error is kInvalid (400)");
  Check(!error.code.empty() && !error.message.empty(), "a query error has a code and a message");
  Check(!error.field.empty(), "a query error names its parameter");
}

template <typename T>
bool Read(const minsheng::Result<T>& result) {
  if (!result) CheckError(result.error());
  return result.has_value();
}

const minsheng::ManualClock& Clock() {
  static const minsheng::ManualClock clock(1795968000);  // 2026-11-30T00:00:00+08:00
  return clock;
}

void FuzzMetrics(const api::Request& req) {
  for (const bool for_public : {false, true}) {
    auto r = api::ReadMetricsRequest(req, Clock(), for_public);
    if (!Read(r)) continue;
    Check(r->from < r->to, "the period is not empty");
    Check(!r->then_by || *r->then_by != r->group_by, "then_by differs from group_by");
    Check(!for_public || (r->group_by != GroupBy::kDeputy && r->then_by != GroupBy::kDeputy),
          "the public never groups by deputy");
    Check(!r->region_id || *r->region_id > 0, "region_id is positive");
    for (const GroupBy g : {r->group_by, r->then_by.value_or(GroupBy::kDepartment)}) {
      if (!minsheng::IsTimeGroup(g)) continue;
      auto buckets = minsheng::TimeBucketsBetween(g, minsheng::LocalDay(r->from), minsheng::LocalDay(r->to - 1), 520);
      if (Read(buckets)) Check(!buckets->empty() && buckets->size() <= 520, "1..520 buckets");
    }
  }
  if (auto kind = api::ReadRankingKind(req); Read(kind)) {
    Check(*kind == GroupBy::kDepartment || *kind == GroupBy::kRegion, "ranking by department or street");
  }
  if (auto weights = api::ReadRankingWeights(req); Read(weights)) {
    Check(weights->response >= 0 && weights->resolution >= 0 && weights->satisfaction >= 0 &&
              weights->on_time >= 0 && weights->reply >= 0 && weights->callback >= 0,
          "weights are not negative");
  }
}

// GET /appeals and GET /supervision-notices, reader by reader as the routes call them.
void FuzzListFilters(const api::Request& req) {
  if (auto page = api::QueryPage(req); Read(page)) {
    Check(page->page >= 1 && page->page <= 100000, "page in 1..100000");
    Check(page->page_size >= 1 && page->page_size <= 100, "page_size in 1..100");
  }
  if (auto status = api::QueryString(req, "status", 40); Read(status) && *status) {
    if (auto state = minsheng::ParseState(**status); !state) Check(!state.error().code.empty(), "state error");
  }
  for (const char* name : {"department_id", "region_id", "category_id", "unit_id", "appeal_id"}) {
    if (auto id = api::QueryId(req, name); Read(id) && *id) Check(**id > 0, "an id filter is positive");
  }
  if (auto channel = api::QueryString(req, "channel", 20); Read(channel) && *channel) {
    (void)minsheng::app::IsKnownChannel(**channel);
  }
  for (const auto& [name, max_len] : {std::pair{"overdue", 5}, {"q", 100}, {"sort", 10}, {"with", 20}}) {
    if (auto text = api::QueryString(req, name, max_len); Read(text) && *text) {
      Check(!(*text)->empty() && api::TrimSpace(**text) == **text, "a query string read is trimmed, not blank");
      Check(api::Utf8Length(**text) <= std::size_t(max_len), "a query string read is within its length");
    }
  }
  for (const char* name : {"from", "to"}) {
    if (auto text = api::QueryString(req, name, 10); Read(text) && *text) {
      if (auto day = minsheng::ParseDate(**text, name); Read(day)) {
        Check(minsheng::FormatDate(*day) == **text, "a date read formats back to its text");
      }
    }
  }
  if (auto period = api::QueryPeriod(req, Clock(), 30); Read(period)) Check(period->from < period->to, "period");
  for (const auto& [min, max] : {std::pair<std::int64_t, std::int64_t>{1, 100},
                                 {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()},
                                 {-5, -1}}) {
    if (auto v = api::QueryInt64(req, "page", min, min, max); Read(v)) Check(*v >= min && *v <= max, "in range");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  api::Request req;
  req.method = "GET";
  req.target = "/api/v1/metrics?" + std::string(reinterpret_cast<const char*>(data), size);
  api::ParseTarget(req.target, req.path, req.query);
  FuzzMetrics(req);
  FuzzListFilters(req);
  return 0;
}
