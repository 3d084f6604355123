// How long turning one appeal's detail into the JSON body of GET /api/v1/appeals/{id} takes.
#include <benchmark/benchmark.h>

#include "api/appeal_json.h"

namespace minsheng::api {
namespace {

app::AppealDetail TypicalDetail() {
  app::AppealDetail d;
  auto& a = d.appeal;
  a.id = 1000;
  a.receipt_code = "KDDGD3WMMSFJ";
  a.title = "丹桂苑老旧电梯存在安全隐患，希望更换";
  a.content = "来电人反映：桂园社区丹桂苑，电梯停运后物业只贴了一张“维修中”的告示，半个月过去了也没见有人来修。"
              "楼里住着好几户行动不便的老人，电梯一坏只能困在家里，买菜看病都成问题。请有关部门尽快处理。";
  a.channel = "phone";
  a.region_id = 6;
  a.street_id = 2;
  a.category_id = 2;
  a.address = "东湖街道桂园社区丹桂苑17栋3单元";
  a.appellant_name = "陈先生";
  a.appellant_phone = "13800009721";
  a.status = "closed";
  a.created_at = 1770948000;
  a.updated_at = a.created_at + 86400 * 9;
  a.lead_unit_id = 1;
  a.dispatched_at = a.accept_due = a.contact_due = a.reply_due = a.resolve_due = a.escalate_due = a.created_at;
  a.replied_at = a.closed_at = a.created_at;
  a.last_satisfaction = "satisfied";
  const char* actions[] = {"register", "dispatch", "accept", "contact", "reply", "callback", "supervision_notice",
                           "close"};
  int seq = 0;
  for (const char* action : actions)
    d.timeline.push_back({.id = seq, .appeal_id = a.id, .seq = ++seq, .at = a.created_at + seq * 3600,
                          .actor_id = 3, .actor_label = "职能部门", .action = action, .from_status = "accepted",
                          .to_status = "in_progress", .note = "已电话联系诉求人，约定周三上门查看电梯故障情况。",
                          .data = R"({"lead_unit_id":1,"assisting_unit_ids":[2,3],"reply_due":1771948000})"});
  d.dispatches.push_back({.id = 1, .appeal_id = a.id, .unit_id = 1, .role = "lead", .dispatched_at = a.created_at});
  d.dispatches.push_back({.id = 2, .appeal_id = a.id, .unit_id = 2, .role = "assisting", .dispatched_at = a.created_at});
  d.replies.push_back({.id = 1, .appeal_id = a.id, .unit_id = 1, .author_id = 3,
                       .content = "经现场核查，电梯主板老化，已协调维保单位于本周更换主板并完成年检，现已恢复运行。",
                       .created_at = a.created_at});
  d.callbacks.push_back({.id = 1, .appeal_id = a.id, .resolved = true, .satisfaction = "satisfied",
                         .source = "staff", .created_at = a.created_at});
  return d;
}

// A detail read once: its records are written out too.
void BM_AppealDetailJson(benchmark::State& state) {
  const app::AppealView view{std::make_shared<const app::AppealDetail>(TypicalDetail())};
  const std::vector<std::string> allowed = {"reopen"};
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string body = AppealDetailJson(view, AppealDetailJsonParts(*view.detail), true, app::AppealTiming{}, allowed);
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_AppealDetailJson);

// Issue 13: a detail read again, its parts kept (api/appeal_json_cache.h): only the timing and the reader's actions
// are written around them.
void BM_AppealDetailJsonPartsKept(benchmark::State& state) {
  const app::AppealView view{std::make_shared<const app::AppealDetail>(TypicalDetail())};
  const AppealJsonParts parts = AppealDetailJsonParts(*view.detail);
  const std::vector<std::string> allowed = {"reopen"};
  for (auto _ : state) {
    std::string body = AppealDetailJson(view, parts, true, app::AppealTiming{}, allowed);
    benchmark::DoNotOptimize(body);
  }
}
BENCHMARK(BM_AppealDetailJsonPartsKept);

}  // namespace
}  // namespace minsheng::api

BENCHMARK_MAIN();
