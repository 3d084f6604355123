#include "cli/serve.h"

#include <malloc.h>
#include <pthread.h>
#include <unistd.h>

#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <functional>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

#include "api/http_server.h"
#include "api/routes.h"
#include "api/service_set.h"
#include "api/static_files.h"
#include "app/deadline_sweep.h"
#include "app/rollup_upkeep.h"
#include "store/database.h"
#include "store/migrations.h"

namespace minsheng::cli {
namespace {

// Runs `tick` once at construction, then every `interval` on its own thread until destroyed.
class Periodic {
 public:
  Periodic(std::chrono::milliseconds interval, std::function<void()> tick)
      : interval_(interval), tick_(std::move(tick)) {
    tick_();
    thread_ = std::thread([this] { Run(); });
  }
  ~Periodic() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void Run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stop_; })) {
      lock.unlock();
      tick_();
      lock.lock();
    }
  }

  std::chrono::milliseconds interval_;
  std::function<void()> tick_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

// This server among several, for the sweep's lease: host name and process id.
std::string Holder() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(::getpid());
}

// The deadline sweep, at once (a server that was down catches up on deadlines before it answers anyone) and
// then every `interval`; with several servers on one database, each tick is run by whichever server claims it
// first (app::SweepTick). After each tick it returns free heap to the system.
std::function<void()> SweepTicks(store::Database& db, const Clock& clock, std::chrono::seconds interval) {
  return [&db, &clock, interval, holder = Holder()] {
    auto report = app::SweepTick(db, clock, interval.count(), holder);
    if (!report)
      std::cerr << "deadline sweep failed: " << report.error().message << "\n";
    else if (*report && (*report)->notices_issued > 0)
      std::cerr << "deadline sweep: " << (*report)->notices_issued << " notices, " << (*report)->escalated
                << " escalated\n";
    // Freed heap stays with glibc's arenas (a big export or list leaves a high-water mark in the arena of
    // the thread that built it); handing the free pages back keeps the resident size near what is in use.
    malloc_trim(0);
  };
}

// Folds the changes of the appeals into the per-period counts the metrics read (store/rollup_repository.h),
// so that the changes not yet folded stay few. Several servers may fold at once: the database keeps them apart.
std::function<void()> RollupFolds(store::Database& db) {
  return [&db] {
    if (auto folded = app::FoldRollups(db); !folded)
      std::cerr << "rollup fold failed: " << folded.error().message << "\n";
  };
}

}  // namespace

Status Serve(const ServeOptions& o) {
  // Block the stop signals in every thread; the main thread waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  // glibc gives each busy thread its own heap arena (up to 8 per core); with 64 workers that leaves memory
  // scattered where it cannot be returned. A few arenas keep the resident size close to what is in use.
  mallopt(M_ARENA_MAX, 4);

  SystemClock system_clock;
  OffsetClock clock(system_clock, o.clock_offset_seconds);
  store::DatabaseOptions db_options;
  if (o.db_connections > 0) db_options.read_connections = db_options.pg_connections = o.db_connections;
  db_options.replica_url = o.db_replica_url;
  MS_ASSIGN(db, store::OpenDatabase(o.db_url, db_options));
  MS_TRY(store::Migrate(*db));
  api::ServiceSet services(*db, clock, 5,
                           {.cache_ttl = std::chrono::seconds(o.public_metrics_cache_seconds),  // issue 13
                            .per_minute = o.public_metrics_per_minute});
  MS_TRY(services.LoadCalendar());
  services.bulletins().SetPrintOptions({.chromium = o.chromium,  // issue 12, bulletins
                                        .timeout = std::chrono::seconds(o.print_timeout_seconds)});
  services.appeals().SetListCountCap(o.list_count_cap);  // issue 13, lists

  api::Router router;
  api::AddAllRoutes(router, services.api());
  if (!o.web_root.empty()) {
    if (!std::filesystem::exists(std::filesystem::path(o.web_root) / "index.html"))
      return Fail(Error::Invalid("bad_flag", "--web-root has no index.html: " + o.web_root, "web-root"));
    router.SetFallback(api::StaticFiles(o.web_root));
  }

  api::ServerOptions server_options;
  server_options.address = o.address;
  server_options.port = o.port;
  server_options.io_threads = o.io_threads;
  server_options.worker_threads = o.worker_threads;
  server_options.bulk_threads = o.bulk_threads;  // issue 13
  server_options.inline_on_workers = db->ReadsWait();
  // Issue 13: each I/O thread reads on a connection of its own, so it answers point reads (an appeal's
  // detail) itself without ever waiting for the pool; on PostgreSQL none is given and they go to the workers.
  server_options.on_io_thread = [&db = *db] { return !db.ReadsWait() && db.DedicateReaderToThisThread(); };
  Periodic sweep(std::chrono::seconds(o.sweep_seconds), SweepTicks(*db, clock, std::chrono::seconds(o.sweep_seconds)));
  Periodic fold(std::chrono::seconds(1), RollupFolds(*db));
  api::HttpServer server(router, server_options);
  MS_TRY(server.Start());
  std::cout << "minsheng listening on http://" << o.address << ":" << server.port() << " (" << db->Engine()
            << ")" << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  std::cout << "minsheng stopping (signal " << received << ")" << std::endl;
  server.Stop();
  server.Wait();
  return {};
}

}  // namespace minsheng::cli
