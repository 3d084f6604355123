// The scenarios' clock. Every scenario runs as if the driver had started at one fixed instant (by default
// kDefaultTestNow), so that what the demo data holds and what the scenarios expect does not depend on the
// day the suite runs: the demo is loaded with `--now`, every server runs with a `--clock-offset` that puts
// its clock there, and ${today} is that day.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace minsheng::apitest {

// A Wednesday in a month without holidays, well inside the shipped holiday calendar (2025–2026).
inline constexpr const char* kDefaultTestNow = "2026-11-18T10:00:00+08:00";

// Sets the instant the run pretends to start at (ISO 8601 with an offset, as `minsheng demo --now` reads
// it). Call once, before any server starts. Returns false for text it cannot read.
bool SetTestNow(const std::string& iso);
// The ISO text given to SetTestNow (for `minsheng demo --now`).
const std::string& TestNowText();
// The test clock now: the fixed start plus the time since the driver started.
std::int64_t TestNow();
// The date (China Standard Time, YYYY-MM-DD) `days` from the test clock's today.
std::string TestDate(int days);
// `minsheng serve` arguments with the test clock's offset: an existing `--clock-offset N` becomes one
// shifted by the offset, otherwise `--clock-offset OFFSET` is added.
std::vector<std::string> WithTestClock(std::vector<std::string> serve_args);

}  // namespace minsheng::apitest
