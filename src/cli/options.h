// Command-line flags: `--name value` or `--name=value`, validated against the flags a command knows.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace minsheng::cli {

class Flags {
 public:
  // Parses args (after the sub-command); unknown flags and missing values are errors.
  static Result<Flags> Parse(const std::vector<std::string>& args, const std::vector<std::string>& known);

  std::string Get(const std::string& name, const std::string& fallback) const;
  Result<long long> GetInt(const std::string& name, long long fallback, long long min, long long max) const;
  bool Has(const std::string& name) const { return values_.contains(name); }

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace minsheng::cli
