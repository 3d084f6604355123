#include "test_clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string_view>

namespace minsheng::apitest {
namespace {

std::int64_t RealNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Reads "YYYY-MM-DDTHH:MM:SS+HH:MM" or "…Z" (the driver's own small reader; the server has its own).
bool ParseIso(const std::string& text, std::int64_t& out) {
  int y, mo, d, h, mi, s;
  char zone[8] = {};
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%7s", &y, &mo, &d, &h, &mi, &s, zone) != 7) return false;
  std::int64_t offset = 0;
  const std::string_view z(zone);
  if (z != "Z") {
    int oh, om;
    if (z.size() != 6 || (z[0] != '+' && z[0] != '-') || std::sscanf(zone + 1, "%2d:%2d", &oh, &om) != 2)
      return false;
    offset = (z[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const auto days = std::chrono::sys_days(std::chrono::year(y) / mo / d).time_since_epoch().count();
  out = std::int64_t{days} * 86400 + h * 3600 + mi * 60 + s - offset;
  return true;
}

struct State {
  std::string text = kDefaultTestNow;
  std::int64_t start = 0;       // the test instant the run starts at
  std::int64_t real_start = RealNow();
  State() { ParseIso(text, start); }
};

State& state() {
  static State s;
  return s;
}

}  // namespace

bool SetTestNow(const std::string& iso) {
  std::int64_t t = 0;
  if (!ParseIso(iso, t)) return false;
  state().text = iso;
  state().start = t;
  state().real_start = RealNow();
  return true;
}

const std::string& TestNowText() { return state().text; }

std::int64_t TestNow() { return state().start + (RealNow() - state().real_start); }

std::string TestDate(int days) {
  std::time_t t = TestNow() + 8 * 3600 + std::int64_t{days} * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::vector<std::string> WithTestClock(std::vector<std::string> serve_args) {
  const std::int64_t offset = state().start - state().real_start;
  for (std::size_t i = 0; i + 1 < serve_args.size(); ++i) {
    if (serve_args[i] == "--clock-offset") {
      serve_args[i + 1] = std::to_string(std::stoll(serve_args[i + 1]) + offset);
      return serve_args;
    }
  }
  serve_args.push_back("--clock-offset");
  serve_args.push_back(std::to_string(offset));
  return serve_args;
}

}  // namespace minsheng::apitest
