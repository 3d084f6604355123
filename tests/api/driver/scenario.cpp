#include "scenario.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace minsheng::apitest {
namespace {

const std::set<std::string> kMethods = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
const std::set<std::string> kDirectives = {"expect",  "capture", "set",   "as",    "login",   "header",
                                           "restart", "special", "sleep", "print", "include", "requires"};
const std::set<std::string> kRequirements = {"postgresql", "replica"};
const std::set<std::string> kOps = {"=", "!=", "<", "<=", ">", ">=", "contains", "!contains", "exists",
                                    "absent", "sorted"};

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// Removes a trailing `# comment` (a # after whitespace, outside double quotes).
std::string StripComment(std::string_view line) {
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && quoted) {
      ++i;
      continue;
    }
    if (c == '"') quoted = !quoted;
    if (c == '#' && !quoted && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return Trim(line.substr(0, i));
  }
  return Trim(line);
}

std::vector<std::string> Words(std::string_view s) {
  std::istringstream in{std::string(s)};
  std::vector<std::string> words;
  std::string w;
  while (in >> w) words.push_back(w);
  return words;
}

std::string FirstWord(std::string_view s) {
  auto words = Words(s);
  return words.empty() ? std::string() : words[0];
}

bool IsStatusPattern(const std::string& s) {
  static const std::regex re("^[1-5]([0-9][0-9]|xx)(\\|[1-5]([0-9][0-9]|xx))*$");
  return std::regex_match(s, re);
}

// Checks that a JSON body parses once every ${var} is replaced by 1.
std::optional<std::string> CheckJson(const std::string& body) {
  auto replaced = Substitute(body, [](const std::string&) { return std::optional<std::string>("1"); });
  if (!replaced) return replaced.error();
  auto parsed = nlohmann::json::parse(*replaced, nullptr, false);
  if (parsed.is_discarded()) return "body is not valid JSON (use `raw` for malformed bodies): " + body;
  return std::nullopt;
}

class Parser {
 public:
  Parser(std::string file_label, std::filesystem::path include_dir, int depth)
      : file_(std::move(file_label)), include_dir_(std::move(include_dir)), depth_(depth) {}

  std::expected<std::vector<Step>, std::string> Parse(std::string_view text) {
    std::vector<std::string> lines;
    std::istringstream in{std::string(text)};
    std::string l;
    while (std::getline(in, l)) {
      if (!l.empty() && l.back() == '\r') l.pop_back();
      lines.push_back(l);
    }
    std::vector<Step> steps;
    for (size_t i = 0; i < lines.size(); ++i) {
      int line_no = static_cast<int>(i) + 1;
      std::string raw = Trim(lines[i]);
      if (raw.empty() || raw[0] == '#') continue;
      std::string line = StripComment(raw);
      auto fail = [&](const std::string& why) {
        return std::unexpected(file_ + ":" + std::to_string(line_no) + ": " + why + "\n    " + raw);
      };
      std::vector<std::string> words = Words(line);
      const std::string& head = words[0];
      Step step{file_, line_no, line, {}};

      if (kMethods.contains(head)) {
        if (words.size() != 2 || words[1][0] != '/') return fail("expected `METHOD /path`");
        RequestStep request{head, words[1], RequestStep::Body::kNone, {}, 0};
        std::string json_text;
        while (i + 1 < lines.size()) {
          std::string next = Trim(lines[i + 1]);
          std::string first = FirstWord(next);
          if (next.empty() || next[0] == '#' || kDirectives.contains(first) || kMethods.contains(first)) break;
          ++i;
          if (first == "raw" && request.body_kind == RequestStep::Body::kNone) {
            request.body_kind = RequestStep::Body::kRaw;
            request.body = next.size() > 4 ? next.substr(4) : std::string();
          } else if (first == "bigbody" && request.body_kind == RequestStep::Body::kNone) {
            auto bw = Words(next);
            if (bw.size() != 2) return fail("expected `bigbody BYTES`");
            request.body_kind = RequestStep::Body::kBig;
            request.big_size = std::stoul(bw[1]);
          } else if (request.body_kind == RequestStep::Body::kNone ||
                     request.body_kind == RequestStep::Body::kJson) {
            request.body_kind = RequestStep::Body::kJson;
            json_text += lines[i] + "\n";
          } else {
            return fail("a request has one body: `raw`, `bigbody`, or JSON lines");
          }
        }
        if (request.body_kind == RequestStep::Body::kJson) {
          request.body = json_text;
          if (auto bad = CheckJson(json_text)) return fail(*bad);
        }
        step.action = request;
        steps.push_back(std::move(step));
        continue;
      }

      if (head == "include") {
        if (words.size() != 2) return fail("expected `include FILE`");
        if (depth_ > 5) return fail("includes nested too deep");
        std::filesystem::path path = include_dir_ / words[1];
        std::ifstream in_file(path);
        if (!in_file) return fail("cannot read " + path.string());
        std::stringstream buf;
        buf << in_file.rdbuf();
        Parser inner(words[1], include_dir_, depth_ + 1);
        auto included = inner.Parse(buf.str());
        if (!included) return std::unexpected(included.error());
        for (auto& s : *included) steps.push_back(std::move(s));
        for (auto& r : inner.requirements()) AddRequirement(r);
        continue;
      }

      if (head == "requires") {
        if (words.size() != 2 || !kRequirements.contains(words[1]))
          return fail("expected `requires postgresql` or `requires replica`");
        AddRequirement(words[1]);
        if (words[1] == "replica") AddRequirement("postgresql");
        continue;
      }

      if (head == "expect") {
        if (words.size() < 2) return fail("expected `expect STATUS` or `expect PATH OP VALUE`");
        if (IsStatusPattern(words[1])) {
          if (words.size() > 3) return fail("expected `expect STATUS [error_code]`");
          ExpectStatusStep e;
          std::string s = words[1];
          size_t start = 0;
          while (true) {
            size_t bar = s.find('|', start);
            e.statuses.push_back(s.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
            if (bar == std::string::npos) break;
            start = bar + 1;
          }
          if (words.size() == 3) e.code = words[2];
          step.action = e;
        } else {
          ExpectValueStep e;
          size_t w = 1;
          if (words[w] == "all") {
            e.all = true;
            ++w;
          }
          if (words.size() < w + 2) return fail("expected `expect [all] PATH OP [VALUE]`");
          e.path = words[w];
          e.op = words[w + 1];
          if (!kOps.contains(e.op)) return fail("unknown operator `" + e.op + "`");
          // The value is the rest of the line after the operator, spaces kept.
          size_t op_at = line.find(" " + e.op, line.find(e.path) + e.path.size());
          e.value = Trim(line.substr(op_at + 1 + e.op.size()));
          bool unary = e.op == "exists" || e.op == "absent";
          if (unary && !e.value.empty()) return fail("`" + e.op + "` takes no value");
          if (!unary && e.value.empty()) return fail("`" + e.op + "` needs a value");
          if (e.op == "sorted" && e.value != "asc" && e.value != "desc") return fail("`sorted asc|desc`");
          step.action = e;
        }
        steps.push_back(std::move(step));
        continue;
      }

      if (head == "capture" || head == "set") {
        size_t eq = line.find(" = ");
        if (words.size() < 4 || words[2] != "=" || eq == std::string::npos)
          return fail("expected `" + head + " NAME = " + (head == "set" ? "VALUE`" : "PATH [?? DEFAULT]`"));
        std::string rest = Trim(line.substr(eq + 3));
        if (head == "set") {
          step.action = SetStep{words[1], rest};
        } else {
          CaptureStep c{words[1], rest, std::nullopt};
          if (size_t q = rest.find(" ?? "); q != std::string::npos) {
            c.path = Trim(rest.substr(0, q));
            c.fallback = Trim(rest.substr(q + 4));
          }
          if (c.path.find(' ') != std::string::npos) return fail("a path has no spaces");
          step.action = c;
        }
        steps.push_back(std::move(step));
        continue;
      }

      if (head == "as") {
        if (words.size() != 2) return fail("expected `as USER` or `as none`");
        step.action = AsStep{words[1]};
      } else if (head == "login") {
        if (words.size() < 2 || words.size() > 3) return fail("expected `login USER [PASSWORD]`");
        step.action = LoginStep{words[1], words.size() == 3 ? words[2] : "demo12345"};
      } else if (head == "header") {
        size_t colon = line.find(':');
        if (colon == std::string::npos) return fail("expected `header NAME: VALUE`");
        step.action = HeaderStep{Trim(line.substr(6, colon - 6)), Trim(line.substr(colon + 1))};
      } else if (head == "restart") {
        RestartStep r;
        for (size_t w = 1; w < words.size(); ++w) {
          if (words[w] == "--kill") {
            r.kill = true;
          } else {
            r.args.push_back(words[w]);
          }
        }
        step.action = r;
      } else if (head == "special") {
        if (words.size() < 2) return fail("expected `special NAME [ARGS]`");
        step.action = SpecialStep{words[1], {words.begin() + 2, words.end()}};
      } else if (head == "sleep") {
        if (words.size() != 2) return fail("expected `sleep MILLISECONDS`");
        step.action = SleepStep{std::stoi(words[1])};
      } else if (head == "print") {
        if (words.size() != 2) return fail("expected `print PATH`");
        step.action = PrintStep{words[1]};
      } else {
        return fail("unknown directive `" + head + "`");
      }
      steps.push_back(std::move(step));
    }
    return steps;
  }

  // What the parsed text declared with `requires` (each once, in order).
  const std::vector<std::string>& requirements() const { return requirements_; }

 private:
  void AddRequirement(const std::string& r) {
    if (std::find(requirements_.begin(), requirements_.end(), r) == requirements_.end()) requirements_.push_back(r);
  }

  std::string file_;
  std::filesystem::path include_dir_;
  int depth_;
  std::vector<std::string> requirements_;
};

// Every request must be followed by an `expect STATUS` before the next request.
std::optional<std::string> CheckStatusExpectations(const std::vector<Step>& steps) {
  const Step* open = nullptr;
  for (const Step& step : steps) {
    bool is_request = std::holds_alternative<RequestStep>(step.action);
    bool ends = is_request || std::holds_alternative<RestartStep>(step.action) ||
                std::holds_alternative<SpecialStep>(step.action) || std::holds_alternative<AsStep>(step.action) ||
                std::holds_alternative<LoginStep>(step.action);
    if (ends && open)
      return open->file + ":" + std::to_string(open->line) + ": request without `expect STATUS`\n    " + open->text;
    if (is_request) open = &step;
    if (std::holds_alternative<ExpectStatusStep>(step.action)) open = nullptr;
  }
  if (open) return open->file + ":" + std::to_string(open->line) + ": request without `expect STATUS`\n    " + open->text;
  return std::nullopt;
}

}  // namespace

std::expected<Scenario, std::string> ParseScenarioText(std::string_view text, const std::string& file_label,
                                                       const std::filesystem::path& include_dir) {
  Parser parser(file_label, include_dir, 0);
  auto steps = parser.Parse(text);
  if (!steps) return std::unexpected(steps.error());
  if (auto bad = CheckStatusExpectations(*steps)) return std::unexpected(*bad);
  Scenario scenario;
  scenario.name = std::filesystem::path(file_label).stem().string();
  scenario.path = file_label;
  scenario.steps = std::move(*steps);
  scenario.requirements = parser.requirements();
  return scenario;
}

std::expected<Scenario, std::string> ParseScenarioFile(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return std::unexpected("cannot read " + file.string());
  std::stringstream buf;
  buf << in.rdbuf();
  auto scenario = ParseScenarioText(buf.str(), file.filename().string(), file.parent_path());
  if (scenario) scenario->path = file.string();
  return scenario;
}

}  // namespace minsheng::apitest
