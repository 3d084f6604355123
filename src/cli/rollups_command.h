// `minsheng rollups --db URL --check | --rebuild`: the per-period counts behind the metrics, checked against a
// recount of the appeals or rebuilt from it.
#pragma once

#include <string>
#include <vector>

namespace minsheng::cli {

// Returns the exit code: 0 when the counts agree (or were rebuilt), 1 when they differ or on error, 2 on bad flags.
int RunRollupsCommand(std::vector<std::string> args);

}  // namespace minsheng::cli
