#include "cli/options.h"

#include <algorithm>
#include <charconv>

namespace minsheng::cli {

Result<Flags> Flags::Parse(const std::vector<std::string>& args, const std::vector<std::string>& known) {
  Flags flags;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!arg.starts_with("--")) return Fail(Error::Invalid("bad_flag", "unexpected argument: " + arg, arg));
    std::string name = arg.substr(2), value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else {
      if (i + 1 >= args.size()) return Fail(Error::Invalid("bad_flag", "flag --" + name + " needs a value", name));
      value = args[++i];
    }
    if (std::find(known.begin(), known.end(), name) == known.end())
      return Fail(Error::Invalid("bad_flag", "unknown flag --" + name, name));
    flags.values_[name] = value;
  }
  return flags;
}

std::string Flags::Get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

Result<long long> Flags::GetInt(const std::string& name, long long fallback, long long min, long long max) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  long long v = 0;
  const auto& s = it->second;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < min || v > max)
    return Fail(Error::Invalid("bad_flag",
                               "--" + name + " must be an integer in [" + std::to_string(min) + ", " +
                                   std::to_string(max) + "]",
                               name));
  return v;
}

}  // namespace minsheng::cli
