// How long the read side of GET /api/v1/appeals/{id} takes: AppealService::Get (7 queries in one
// read transaction) on a demo database of 2,000 appeals, from 1 and 2 threads.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "app/appeal_service.h"
#include "app/auth_service.h"
#include "cli/demo.h"
#include "store/reference_repository.h"

namespace minsheng {
namespace {

struct Fixture {
  Fixture() {
    const auto path = std::filesystem::temp_directory_path() / "minsheng_get_bench.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    db = std::move(*store::OpenDatabase("sqlite:" + path.string()));
    cli::DemoOptions options;
    options.appeals = 2000;
    if (!cli::LoadDemo(*db, options)) std::abort();
    if (!calendar.Reload(*db)) std::abort();
    appeals = std::make_unique<app::AppealService>(*db, clock, calendar);
    app::AuthService auth(*db, clock);
    auto user = store::ReadValue<std::optional<store::UserRecord>>(
        *db, [](store::Tx& tx) { return store::FindUserByUsername(tx, "coordinator"); });
    actor = *auth.ActorOf((*user)->id);
  }
  SystemClock clock;
  std::unique_ptr<store::Database> db;
  app::CalendarCache calendar;
  std::unique_ptr<app::AppealService> appeals;
  app::Actor actor;
};

Fixture& Shared() {
  static Fixture f;
  return f;
}

void BM_AppealGet(benchmark::State& state) {
  auto& f = Shared();
  std::int64_t id = 1 + state.thread_index() * 997;
  for (auto _ : state) {
    auto detail = f.appeals->Get(f.actor, id);
    if (!detail) state.SkipWithError("get failed");
    benchmark::DoNotOptimize(detail);
    id = id % 2000 + 1;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AppealGet)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace
}  // namespace minsheng

BENCHMARK_MAIN();
