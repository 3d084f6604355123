// minsheng_api_scenarios: runs tests/api/scenarios/*.test, each against a fresh `minsheng serve`.
//
//   minsheng_api_scenarios --binary build/minsheng --scenarios tests/api/scenarios
//       [--engine sqlite|postgresql] [--filter NAME[,NAME]] [--jobs 2] [--appeals 40] [--now ISO] [--no-template]
//       [--keep] [--verbose]
//   PostgreSQL: MINSHENG_TEST_PG (the `postgres` database of a private cluster, as superuser) and optionally
//   MINSHENG_TEST_PG_REPLICA (its streaming replica); without MINSHENG_TEST_PG the run is skipped (exit 77)
//   unless MINSHENG_REQUIRE_PG=1 (exit 1).
//   minsheng_api_scenarios --scenarios DIR --check     parse every scenario file, run nothing
//   minsheng_api_scenarios --self-test                 the driver's own checks only
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "runner.h"
#include "scenario.h"
#include "self_test.h"
#include "test_clock.h"
#include "test_databases.h"

namespace minsheng::apitest {
namespace {

namespace fs = std::filesystem;

struct Args {
  std::string binary;
  std::string scenarios;
  std::vector<std::string> filters;
  Engine engine = Engine::kSqlite;
  int jobs = 2;
  int appeals = 40;
  std::string now;  // the test clock's start (test_clock.h); MINSHENG_TEST_NOW or the default
  bool template_db = true;
  bool keep = false;
  bool verbose = false;
  bool check = false;
  bool self_test_only = false;
};

int Usage(const std::string& why) {
  std::cerr << why << "\nusage: minsheng_api_scenarios --binary PATH --scenarios DIR [--engine sqlite|postgresql]\n"
            << "       [--filter A,B] [--jobs N] [--appeals N] [--now ISO] [--no-template] [--keep] [--verbose]\n"
            << "       | --check | --self-test\n";
  return 2;
}

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

// Why `s` cannot run here ("" if it can).
std::string MissingRequirement(const Scenario& s, const TestDatabases& databases) {
  if (s.Requires("replica") && !databases.has_replica()) return "needs replica";
  if (s.Requires("postgresql") && databases.engine() != Engine::kPostgresql) return "needs postgresql";
  return {};
}

bool HasSpecial(const Scenario& s) {
  return std::any_of(s.steps.begin(), s.steps.end(),
                     [](const Step& step) { return std::holds_alternative<SpecialStep>(step.action); });
}

int Main(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) return {};
      return argv[++i];
    };
    if (a == "--binary") {
      args.binary = value();
    } else if (a == "--scenarios") {
      args.scenarios = value();
    } else if (a == "--engine") {
      std::string engine = value();
      if (engine == "sqlite") {
        args.engine = Engine::kSqlite;
      } else if (engine == "postgresql") {
        args.engine = Engine::kPostgresql;
      } else {
        return Usage("--engine must be sqlite or postgresql");
      }
    } else if (a == "--filter") {
      std::stringstream in(value());
      std::string f;
      while (std::getline(in, f, ',')) args.filters.push_back(f);
    } else if (a == "--jobs") {
      args.jobs = std::max(1, std::atoi(value().c_str()));
    } else if (a == "--appeals") {
      args.appeals = std::atoi(value().c_str());
    } else if (a == "--now") {
      args.now = value();
    } else if (a == "--no-template") {
      args.template_db = false;
    } else if (a == "--keep") {
      args.keep = true;
    } else if (a == "--verbose") {
      args.verbose = true;
    } else if (a == "--check") {
      args.check = true;
    } else if (a == "--self-test") {
      args.self_test_only = true;
    } else {
      return Usage("unknown argument " + a);
    }
  }

  auto self_failures = RunSelfTests();
  for (const auto& f : self_failures) std::cout << "FAILED driver self-test: " << f << "\n";
  if (args.self_test_only) {
    std::cout << (self_failures.empty() ? 1 : 0) << " passed, " << (self_failures.empty() ? 0 : 1) << " failed\n";
    return self_failures.empty() ? 0 : 1;
  }
  if (!self_failures.empty()) {
    std::cout << "0 passed, 1 failed\n";
    return 1;
  }
  if (args.now.empty()) {
    const char* env = std::getenv("MINSHENG_TEST_NOW");
    args.now = env != nullptr && *env != '\0' ? env : kDefaultTestNow;
  }
  if (!SetTestNow(args.now)) return Usage("--now must read like 2026-11-18T10:00:00+08:00");
  if (args.scenarios.empty()) return Usage("--scenarios is required");
  if (args.binary.empty() && !args.check) return Usage("--binary is required");

  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(args.scenarios)) {
    if (entry.path().extension() != ".test") continue;
    std::string stem = entry.path().stem().string();
    bool wanted = args.filters.empty() || std::any_of(args.filters.begin(), args.filters.end(), [&](const auto& f) {
                    return stem.find(f) != std::string::npos;
                  });
    if (wanted) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());

  int passed = 0, failed = 0;
  std::vector<Scenario> scenarios;
  for (const auto& file : files) {
    auto parsed = ParseScenarioFile(file);
    if (!parsed) {
      std::cout << "FAILED " << file.stem().string() << ": parse error: " << parsed.error() << "\n";
      ++failed;
      continue;
    }
    scenarios.push_back(std::move(*parsed));
  }
  if (args.check) {
    for (const auto& s : scenarios) std::cout << "ok     " << s.name << " (parsed, " << s.steps.size() << " steps)\n";
    passed = static_cast<int>(scenarios.size());
    std::cout << passed << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
  }
  std::string pg_url, pg_replica_url;
  if (args.engine == Engine::kPostgresql) {
    pg_url = Env("MINSHENG_TEST_PG");
    pg_replica_url = Env("MINSHENG_TEST_PG_REPLICA");
    if (pg_url.empty()) {
      std::cout << "skipped: MINSHENG_TEST_PG not set" << std::endl;
      if (Env("MINSHENG_REQUIRE_PG") == "1") {
        std::cout << "MINSHENG_REQUIRE_PG=1: a PostgreSQL run without MINSHENG_TEST_PG fails" << std::endl;
        return 1;
      }
      return 77;
    }
    ::setenv("PGCONNECT_TIMEOUT", "5", 0);  // psql must not hang on a cluster that is gone
  }

  // The long C++ checks first, so that the two job slots finish together.
  std::stable_sort(scenarios.begin(), scenarios.end(),
                   [](const Scenario& a, const Scenario& b) { return HasSpecial(a) && !HasSpecial(b); });

  RunOptions options;
  options.binary = fs::absolute(args.binary).string();
  options.keep = args.keep;
  options.verbose = args.verbose;
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/minsheng-api-XXXXXX";
  if (!::mkdtemp(pattern.data())) return Usage("cannot create a work directory from " + pattern);
  options.work_root = pattern;
  TestDatabases databases(args.engine, options.binary, options.work_root, args.appeals, pg_url, pg_replica_url);
  options.databases = &databases;
  std::cout << "minsheng API scenarios: " << scenarios.size() << " files, engine " << databases.engine_name()
            << (databases.has_replica() ? " with replica" : "") << ", binary " << options.binary << ", work dir "
            << options.work_root << std::endl;

  // Scenarios that cannot run here are skipped; those using the replica run alone, after the others,
  // since pausing replay affects the whole replica cluster.
  int skipped = 0;
  std::vector<const Scenario*> parallel, alone;
  for (const auto& s : scenarios) {
    if (std::string missing = MissingRequirement(s, databases); !missing.empty()) {
      std::cout << "skip   " << s.name << " (" << missing << ")\n";
      ++skipped;
    } else if (s.Requires("replica")) {
      alone.push_back(&s);
    } else {
      parallel.push_back(&s);
    }
  }

  std::string setup_error;
  if (args.template_db && !(parallel.empty() && alone.empty())) {
    auto made = databases.MakeTemplate();
    if (!made) {
      setup_error = "demo database: " + made.error();
      std::cout << "cannot create the demo database; every scenario fails:\n  " << setup_error << "\n";
    }
  }

  std::mutex mutex;
  auto run_one = [&](const Scenario& scenario) {
    ScenarioResult result;
    if (setup_error.empty()) {
      result = RunScenario(scenario, options);
    } else {
      result.report = setup_error + "\n";
    }
    std::lock_guard lock(mutex);
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f s", result.seconds);
    if (result.ok) {
      ++passed;
      std::cout << "ok     " << scenario.name << " (" << seconds << ")\n" << result.notes;
    } else {
      ++failed;
      std::cout << "FAILED " << scenario.name << " (" << seconds << ")\n  " << result.report << result.notes;
    }
    std::cout.flush();
  };
  std::atomic<size_t> next{0};
  auto worker = [&] {
    while (true) {
      size_t i = next++;
      if (i >= parallel.size()) return;
      run_one(*parallel[i]);
    }
  };
  std::vector<std::thread> threads;
  for (int j = 0; j < args.jobs; ++j) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  for (const Scenario* s : alone) run_one(*s);

  if (!args.keep) {
    databases.DropTemplate();
    std::error_code ec;
    fs::remove_all(options.work_root, ec);
  }
  std::cout << passed << " passed, " << failed << " failed" << (skipped ? ", " + std::to_string(skipped) + " skipped" : "")
            << std::endl;
  return failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace minsheng::apitest

int main(int argc, char** argv) { return minsheng::apitest::Main(argc, argv); }
