// sweep_bench: how long one deadline sweep takes on a database (issue 13: "one tick at 10M takes at most
// 100 ms when nothing is due").
//
//   sweep_bench --db sqlite:/tmp/big.db [--now 2026-11-18T10:00:00+08:00] [--ticks 20] [--step 30]
//
// Runs one sweep at `now` (it serves whatever is due then, and its time is printed apart), then `ticks` more,
// each `step` seconds of clock after the one before, as a server's periodic sweep would. Prints each tick's
// time and what it issued, then p50 and max of the ticks after the first. Writes: run it on a copy.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/deadline_sweep.h"
#include "core/calendar.h"
#include "core/clock.h"
#include "store/database.h"

namespace {

using namespace minsheng;
using SteadyClock = std::chrono::steady_clock;

int Usage(const char* why) {
  std::fprintf(stderr, "%s\nusage: sweep_bench --db URL [--now ISO-8601] [--ticks 20] [--step 30]\n", why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string url, now_text = "2026-11-18T10:00:00+08:00";
  int ticks = 20, step = 30;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--db")
      url = v;
    else if (a == "--now")
      now_text = v;
    else if (a == "--ticks")
      ticks = std::atoi(v.c_str());
    else if (a == "--step")
      step = std::atoi(v.c_str());
    else
      return Usage(("unknown flag " + a).c_str());
  }
  if (url.empty()) return Usage("--db is required");
  auto now = ParseTimestamp(now_text, "now");
  if (!now) return Usage("--now is not an ISO-8601 time");
  auto db = store::OpenDatabase(url);
  if (!db) {
    std::fprintf(stderr, "cannot open %s: %s\n", url.c_str(), db.error().message.c_str());
    return 1;
  }
  ManualClock clock(*now);
  std::vector<double> ms;
  for (int t = 0; t <= ticks; ++t) {
    const auto start = SteadyClock::now();
    auto report = app::SweepDeadlines(**db, clock);
    const double took = std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
    if (!report) {
      std::fprintf(stderr, "sweep failed: %s\n", report.error().message.c_str());
      return 1;
    }
    std::printf("tick %2d  %8.2f ms  notices %d, warnings %d, escalated %d, wall %d, shifts %d\n", t, took,
                report->notices_issued, report->warnings_issued, report->escalated, report->wall_notices_issued,
                report->shifts_decided);
    if (t > 0) ms.push_back(took);
    clock.Advance(step);
  }
  if (!ms.empty()) {
    std::sort(ms.begin(), ms.end());
    std::printf("ticks after the first: %zu, p50 %.2f ms, max %.2f ms\n", ms.size(), ms[ms.size() / 2], ms.back());
  }
  return 0;
}
