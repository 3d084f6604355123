// minsheng_api_scenarios: runs tests/api/scenarios/*.test, each against a fresh `minsheng serve`.
//
//   minsheng_api_scenarios --binary build/minsheng --scenarios tests/api/scenarios
//       [--filter NAME[,NAME]] [--jobs 2] [--appeals 40] [--no-template] [--keep] [--verbose]
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

namespace minsheng::apitest {
namespace {

namespace fs = std::filesystem;

struct Args {
  std::string binary;
  std::string scenarios;
  std::vector<std::string> filters;
  int jobs = 2;
  int appeals = 40;
  bool template_db = true;
  bool keep = false;
  bool verbose = false;
  bool check = false;
  bool self_test_only = false;
};

int Usage(const std::string& why) {
  std::cerr << why << "\nusage: minsheng_api_scenarios --binary PATH --scenarios DIR [--filter A,B] [--jobs N]\n"
            << "       [--appeals N] [--no-template] [--keep] [--verbose] | --check | --self-test\n";
  return 2;
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
    } else if (a == "--filter") {
      std::stringstream in(value());
      std::string f;
      while (std::getline(in, f, ',')) args.filters.push_back(f);
    } else if (a == "--jobs") {
      args.jobs = std::max(1, std::atoi(value().c_str()));
    } else if (a == "--appeals") {
      args.appeals = std::atoi(value().c_str());
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
  // The long C++ checks first, so that the two job slots finish together.
  std::stable_sort(scenarios.begin(), scenarios.end(),
                   [](const Scenario& a, const Scenario& b) { return HasSpecial(a) && !HasSpecial(b); });

  RunOptions options;
  options.binary = fs::absolute(args.binary).string();
  options.demo_appeals = args.appeals;
  options.keep = args.keep;
  options.verbose = args.verbose;
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/minsheng-api-XXXXXX";
  if (!::mkdtemp(pattern.data())) return Usage("cannot create a work directory from " + pattern);
  options.work_root = pattern;
  std::cout << "minsheng API scenarios: " << scenarios.size() << " files, binary " << options.binary << ", work dir "
            << options.work_root << std::endl;

  std::string setup_error;
  if (args.template_db) {
    std::string db = options.work_root + "/template.db";
    auto made = MakeDemoDatabase(options.binary, db, args.appeals, options.work_root + "/template.log");
    if (made) {
      options.template_db = db;
    } else {
      setup_error = "demo database: " + made.error();
      std::cout << "cannot create the demo database; every scenario fails:\n  " << setup_error << "\n";
    }
  }

  std::mutex mutex;
  std::atomic<size_t> next{0};
  auto worker = [&] {
    while (true) {
      size_t i = next++;
      if (i >= scenarios.size()) return;
      ScenarioResult result;
      if (setup_error.empty()) {
        result = RunScenario(scenarios[i], options);
      } else {
        result.report = setup_error + "\n";
      }
      std::lock_guard lock(mutex);
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%.1f s", result.seconds);
      if (result.ok) {
        ++passed;
        std::cout << "ok     " << scenarios[i].name << " (" << seconds << ")\n" << result.notes;
      } else {
        ++failed;
        std::cout << "FAILED " << scenarios[i].name << " (" << seconds << ")\n  " << result.report << result.notes;
      }
      std::cout.flush();
    }
  };
  std::vector<std::thread> threads;
  for (int j = 0; j < args.jobs; ++j) threads.emplace_back(worker);
  for (auto& t : threads) t.join();

  if (!args.keep) {
    std::error_code ec;
    fs::remove_all(options.work_root, ec);
  }
  std::cout << passed << " passed, " << failed << " failed" << std::endl;
  return failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace minsheng::apitest

int main(int argc, char** argv) { return minsheng::apitest::Main(argc, argv); }
