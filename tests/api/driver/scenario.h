// The scenario text format (tests/api/scenarios/README.md): parsed into a list of steps.
#pragma once

#include <cstddef>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace minsheng::apitest {

// `GET /api/v1/appeals/${a}` and its body lines (JSON, `raw TEXT`, or `bigbody BYTES`).
struct RequestStep {
  enum class Body { kNone, kJson, kRaw, kBig };
  std::string method;
  std::string target;
  Body body_kind = Body::kNone;
  std::string body;       // JSON or raw text, before ${var} substitution
  std::size_t big_size = 0;
};
// `expect 200`, `expect 2xx`, `expect 400|404 not_found`: status (and error.code).
struct ExpectStatusStep {
  std::vector<std::string> statuses;
  std::string code;
};
// `expect [all] PATH OP [VALUE]`; OP is = != < <= > >= contains !contains exists absent sorted.
struct ExpectValueStep {
  bool all = false;
  std::string path;
  std::string op;
  std::string value;
};
// `capture NAME = PATH [?? DEFAULT]`.
struct CaptureStep {
  std::string name;
  std::string path;
  std::optional<std::string> fallback;
};
// `set NAME = VALUE`.
struct SetStep {
  std::string name;
  std::string value;
};
// `as USER` (or `as none`): later requests carry USER's token, logging in on first use.
struct AsStep {
  std::string user;
};
// `login USER [PASSWORD]`: logs in now (a fresh token) and switches to USER.
struct LoginStep {
  std::string user;
  std::string password;
};
// `header NAME: VALUE`: added to the next request only (an Authorization here replaces the token).
struct HeaderStep {
  std::string name;
  std::string value;
};
// `restart [--kill] [SERVER ARGS...]`: stops (SIGTERM, or SIGKILL with --kill) and starts the server on
// the same database; tokens are forgotten.
struct RestartStep {
  bool kill = false;
  std::vector<std::string> args;
};
// `special NAME [ARGS...]`: a check written in C++ (specials.h).
struct SpecialStep {
  std::string name;
  std::vector<std::string> args;
};
// `sleep MILLISECONDS`.
struct SleepStep {
  int ms = 0;
};
// `print PATH`: shows a value of the last response (for writing scenarios).
struct PrintStep {
  std::string path;
};

using Action = std::variant<RequestStep, ExpectStatusStep, ExpectValueStep, CaptureStep, SetStep, AsStep,
                            LoginStep, HeaderStep, RestartStep, SpecialStep, SleepStep, PrintStep>;

struct Step {
  std::string file;  // file name, for reports
  int line = 0;
  std::string text;  // the directive line as written
  Action action;
};

struct Scenario {
  std::string name;  // file stem
  std::string path;
  std::vector<Step> steps;
  // From `requires postgresql` / `requires replica` (replica implies postgresql): where it can run.
  std::vector<std::string> requirements;
  bool Requires(const std::string& what) const {
    for (const auto& r : requirements)
      if (r == what) return true;
    return false;
  }
};

// Parses scenario text; `include FILE` is resolved against include_dir. Errors name file:line.
std::expected<Scenario, std::string> ParseScenarioText(std::string_view text, const std::string& file_label,
                                                       const std::filesystem::path& include_dir);
// Reads and parses one .test file.
std::expected<Scenario, std::string> ParseScenarioFile(const std::filesystem::path& file);

// Replaces each ${name} with `lookup(name)`; fails naming an unknown variable.
template <typename Lookup>
std::expected<std::string, std::string> Substitute(std::string_view text, Lookup&& lookup) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("${", i);
    if (open == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) return std::unexpected(std::string("unclosed ${ in: ") + std::string(text));
    out.append(text.substr(i, open - i));
    std::string name(text.substr(open + 2, close - open - 2));
    std::optional<std::string> value = lookup(name);
    if (!value) return std::unexpected("unknown variable ${" + name + "}");
    out.append(*value);
    i = close + 1;
  }
  return out;
}

}  // namespace minsheng::apitest
