// The driver's own checks (JSON paths, operators, the scenario parser), run before the scenarios.
#pragma once

#include <string>
#include <vector>

namespace minsheng::apitest {

// Runs the built-in checks; returns one line per failure (empty when all pass).
std::vector<std::string> RunSelfTests();

}  // namespace minsheng::apitest
