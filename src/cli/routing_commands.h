// `minsheng train` and `minsheng classify` on files (issue 14, routing suggestions): train a routing
// classifier from a CSV, and classify JSON Lines with it.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace minsheng::cli {

// `train --data FILE.csv --text-column NAME --label-column NAME --model PATH`: prints accuracy, macro-F1
// and top-3 accuracy on a stratified held-out 10% (fixed seed) to `out`, then trains on every row and
// writes the model. Returns the exit code; errors go to `err` in Chinese.
int RunTrain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// `classify --model PATH [--top K]`: for each line of `in` ({"text": "..."}), one line on `out`,
// {"labels": [{"label": "...", "p": 0.93}, ...]} with K labels best first, or {"error": "..."} for a line
// that is not such an object. Returns the exit code.
int RunClassify(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace minsheng::cli
