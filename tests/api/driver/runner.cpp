#include "runner.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <regex>
#include <thread>

#include "json_path.h"
#include "pg_tools.h"
#include "specials.h"
#include "test_clock.h"

namespace minsheng::apitest {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// The first `max` bytes of s, cut at a UTF-8 character boundary.
std::string Shorten(const std::string& s, size_t max = 700) {
  if (s.size() <= max) return s;
  while (max > 0 && (static_cast<unsigned char>(s[max]) & 0xC0) == 0x80) --max;
  return s.substr(0, max) + "… (" + std::to_string(s.size()) + " bytes)";
}

std::string Show(const std::optional<json>& v) {
  if (!v) return "(missing)";
  return Shorten(v->dump(), 300);
}

bool StatusMatches(int status, const std::string& pattern) {
  std::string s = std::to_string(status);
  if (pattern.size() != 3) return false;
  if (pattern.ends_with("xx")) return s[0] == pattern[0];
  return s == pattern;
}

}  // namespace

bool JsonEqual(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!JsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !JsonEqual(*it, *other)) return false;
    }
    return true;
  }
  return a == b;
}

std::optional<json> ParseLiteral(const std::string& text) {
  static const std::regex arithmetic(R"(^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*([-+])\s*([0-9]+(?:\.[0-9]+)?)\s*$)");
  std::smatch m;
  if (std::regex_match(text, m, arithmetic)) {
    double a = std::stod(m[1]), b = std::stod(m[3]);
    double r = m[2] == "+" ? a + b : a - b;
    if (r == static_cast<double>(static_cast<long long>(r))) return json(static_cast<long long>(r));
    return json(r);
  }
  json parsed = json::parse(text, nullptr, false);
  if (!parsed.is_discarded()) return parsed;
  static const std::regex bare(R"(^[A-Za-z_][A-Za-z0-9_.\-]*$)");
  if (std::regex_match(text, bare)) return json(text);
  return std::nullopt;
}

std::expected<void, std::string> CheckOp(const std::optional<json>& actual, const std::string& op,
                                         const json& expected) {
  auto mismatch = [&](const std::string& why = {}) {
    return std::unexpected("got " + Show(actual) + (why.empty() ? "" : " (" + why + ")"));
  };
  if (op == "exists") {
    if (!actual || actual->is_null()) return mismatch();
    return {};
  }
  if (op == "absent") {
    if (actual && !actual->is_null()) return mismatch();
    return {};
  }
  if (op == "!=") {
    if (actual && JsonEqual(*actual, expected)) return mismatch();
    return {};
  }
  if (!actual) return mismatch();
  const json& a = *actual;
  if (op == "=") {
    if (!JsonEqual(a, expected)) return mismatch();
    return {};
  }
  if (op == "<" || op == "<=" || op == ">" || op == ">=") {
    int cmp;
    if (a.is_number() && expected.is_number()) {
      double x = a.get<double>(), y = expected.get<double>();
      cmp = x < y ? -1 : (x > y ? 1 : 0);
    } else if (a.is_string() && expected.is_string()) {
      cmp = a.get<std::string>().compare(expected.get<std::string>());
      cmp = cmp < 0 ? -1 : (cmp > 0 ? 1 : 0);
    } else {
      return mismatch("cannot order these types");
    }
    bool ok = (op == "<" && cmp < 0) || (op == "<=" && cmp <= 0) || (op == ">" && cmp > 0) || (op == ">=" && cmp >= 0);
    if (!ok) return mismatch();
    return {};
  }
  if (op == "contains" || op == "!contains") {
    bool found = false;
    if (a.is_array()) {
      for (const auto& e : a) found = found || JsonEqual(e, expected);
    } else if (a.is_string()) {
      std::string needle = expected.is_string() ? expected.get<std::string>() : expected.dump();
      found = a.get<std::string>().find(needle) != std::string::npos;
    } else if (a.is_object() && expected.is_string()) {
      found = a.contains(expected.get<std::string>());
    } else {
      return mismatch("neither an array, a string nor an object");
    }
    if (found != (op == "contains")) return mismatch();
    return {};
  }
  if (op == "sorted") {
    if (!a.is_array()) return mismatch("not an array");
    bool desc = expected == "desc";
    for (size_t i = 1; i < a.size(); ++i) {
      const json &x = a[i - 1], &y = a[i];
      bool numbers = x.is_number() && y.is_number();
      bool strings = x.is_string() && y.is_string();
      if (!numbers && !strings) return mismatch("element " + std::to_string(i) + " cannot be ordered");
      bool in_order = numbers ? (desc ? x.get<double>() >= y.get<double>() : x.get<double>() <= y.get<double>())
                              : (desc ? x.get<std::string>() >= y.get<std::string>()
                                      : x.get<std::string>() <= y.get<std::string>());
      if (!in_order) return mismatch("out of order at element " + std::to_string(i));
    }
    return {};
  }
  return std::unexpected("unknown operator " + op);
}

Session::Session(const RunOptions& options, std::string dir) : options_(options), dir_(std::move(dir)) {
  vars_["today"] = TestDate(0);
  vars_["tomorrow"] = TestDate(1);
  vars_["yesterday"] = TestDate(-1);
}

std::expected<void, std::string> Session::Start(bool with_replica) {
  auto url = options_.databases->Create(dir_);
  if (!url) return std::unexpected("create the database: " + url.error());
  db_url_ = *url;
  std::vector<std::string> fixed;
  if (with_replica) {
    auto arrived = options_.databases->WaitOnReplica(db_url_, dir_ + "/setup.log");
    if (!arrived) return arrived;
    fixed = {"--db-replica", options_.databases->ReplicaUrl(db_url_)};
  }
  server_ = std::make_unique<ServerProcess>(options_.binary, db_url_, dir_ + "/server.log", fixed);
  auto started = server_->Start();
  if (!started) return started;
  Reconnect();
  vars_["port"] = server_->port();
  return {};
}

void Session::Reconnect() { client_ = std::make_unique<HttpClient>("127.0.0.1", server_->port()); }

std::expected<void, std::string> Session::Restart(bool kill, const std::vector<std::string>& args) {
  client_.reset();
  if (kill) {
    server_->Kill();
  } else {
    server_->Stop();
  }
  ForgetTokens();
  auto started = server_->Start(args);
  if (!started) return started;
  Reconnect();
  vars_["port"] = server_->port();
  return {};
}

std::string Session::ServerNote() {
  if (!server_) return {};
  if (server_->Alive()) return {};
  return "    server exited (" + server_->ExitDescription() + "); log tail:\n" + FileTail(server_->log_path(), 15);
}

std::optional<std::string> Session::Lookup(const std::string& name) const {
  auto it = vars_.find(name);
  if (it == vars_.end()) return std::nullopt;
  if (it->second.is_string()) return it->second.get<std::string>();
  return it->second.dump();
}

std::expected<std::string, std::string> Session::Sub(const std::string& text) const {
  return Substitute(text, [this](const std::string& name) { return Lookup(name); });
}

std::expected<std::string, std::string> Session::Login(const std::string& user, const std::string& password) {
  json body = {{"username", user}, {"password", password}};
  auto response = client_->Send("POST", "/api/v1/auth/login", body.dump());
  if (!response) return std::unexpected("login as " + user + ": " + response.error());
  json parsed = json::parse(response->body, nullptr, false);
  if (response->status != 200 || !parsed.is_object() || !parsed.contains("token") || !parsed["token"].is_string())
    return std::unexpected("login as " + user + " answered " + std::to_string(response->status) + " " +
                           Shorten(response->body, 300));
  tokens_[user] = parsed["token"].get<std::string>();
  return tokens_[user];
}

std::expected<std::string, std::string> Session::Token(const std::string& user) {
  if (auto it = tokens_.find(user); it != tokens_.end()) return it->second;
  return Login(user);
}

std::expected<std::optional<json>, std::string> Session::Resolve(const std::string& raw_path) {
  auto path = Sub(raw_path);
  if (!path) return std::unexpected(path.error());
  if (!last_response_) return std::unexpected("no request made yet");
  if (*path == "$status") return std::optional<json>(last_response_->status);
  if (*path == "$raw") return std::optional<json>(last_response_->body);
  if (path->starts_with("$header.")) {
    std::string v = last_response_->Header(path->substr(8));
    if (v.empty()) return std::optional<json>();
    return std::optional<json>(v);
  }
  if (!last_json_) return std::optional<json>();
  return EvaluatePath(*last_json_, *path);
}

std::expected<json, std::string> Session::ParseValue(const std::string& text) {
  auto substituted = Sub(text);
  if (!substituted) return std::unexpected(substituted.error());
  auto value = ParseLiteral(*substituted);
  if (!value) return std::unexpected("not a JSON value: " + *substituted);
  return *value;
}

std::string Session::LastExchange() const {
  if (!last_response_) return {};
  return "    request:  " + last_request_ + " → " + std::to_string(last_response_->status) + "\n    body:     " +
         Shorten(last_response_->body) + "\n";
}

std::expected<void, std::string> Session::DoRequest(const RequestStep& request) {
  auto target = Sub(request.target);
  if (!target) return std::unexpected(target.error());
  std::string body;
  switch (request.body_kind) {
    case RequestStep::Body::kNone:
      break;
    case RequestStep::Body::kJson: {
      auto text = Sub(request.body);
      if (!text) return std::unexpected(text.error());
      json parsed = json::parse(*text, nullptr, false);
      if (parsed.is_discarded()) return std::unexpected("body is not JSON after substitution: " + *text);
      body = parsed.dump();
      break;
    }
    case RequestStep::Body::kRaw: {
      auto text = Sub(request.body);
      if (!text) return std::unexpected(text.error());
      body = *text;
      break;
    }
    case RequestStep::Body::kBig:
      body = "{\"title\": \"" + std::string(request.big_size, 'x') + "\", \"content\": \"x\"}";
      break;
  }
  Headers headers;
  bool has_auth = false;
  for (const auto& [k, v] : pending_headers_) {
    auto value = Sub(v);
    if (!value) return std::unexpected(value.error());
    if (k == "Authorization" || k == "authorization") has_auth = true;
    headers.emplace_back(k, *value);
  }
  pending_headers_.clear();
  if (!has_auth && !user_.empty()) {
    auto token = Token(user_);
    if (!token) return std::unexpected(token.error());
    headers.emplace_back("Authorization", "Bearer " + *token);
  }
  last_request_ = request.method + " " + *target + (user_.empty() ? "" : "  (as " + user_ + ")");
  last_response_.reset();
  last_json_.reset();
  auto response = client_->Send(request.method, *target, body, headers);
  if (!response) return std::unexpected("request " + last_request_ + " failed: " + response.error());
  last_response_ = std::move(*response);
  if (!last_response_->body.empty()) {
    json parsed = json::parse(last_response_->body, nullptr, false);
    if (!parsed.is_discarded()) last_json_ = std::move(parsed);
  }
  if (options_.verbose) {
    std::cout << "  " << last_request_ << (body.empty() ? "" : " " + Shorten(body, 300)) << "\n    → "
              << last_response_->status << " " << Shorten(last_response_->body, 500) << "\n";
  }
  return {};
}

std::expected<void, std::string> Session::Execute(const Step& step) {
  const Action& action = step.action;
  if (auto* request = std::get_if<RequestStep>(&action)) return DoRequest(*request);

  if (auto* expect = std::get_if<ExpectStatusStep>(&action)) {
    if (!last_response_) return std::unexpected("no response to check");
    bool ok = false;
    for (const auto& s : expect->statuses) ok = ok || StatusMatches(last_response_->status, s);
    std::string want;
    for (const auto& s : expect->statuses) want += (want.empty() ? "" : "|") + s;
    if (!ok) return std::unexpected("expected status " + want + ", got " + std::to_string(last_response_->status));
    if (!expect->code.empty()) {
      std::optional<json> code;
      if (last_json_) code = EvaluatePath(*last_json_, "error.code").value_or(std::nullopt);
      if (!code || *code != expect->code)
        return std::unexpected("expected error.code " + expect->code + ", got " + Show(code));
    }
    return {};
  }

  if (auto* expect = std::get_if<ExpectValueStep>(&action)) {
    auto actual = Resolve(expect->path);
    if (!actual) return std::unexpected(actual.error());
    json expected;
    if (expect->op != "exists" && expect->op != "absent") {
      auto value = ParseValue(expect->value);
      if (!value) return std::unexpected(value.error());
      expected = *value;
    }
    std::string what = expect->path + " " + expect->op + (expect->value.empty() ? "" : " " + expect->value);
    if (expect->all) {
      if (!*actual || !(*actual)->is_array()) return std::unexpected("`all` needs an array at " + expect->path + ", got " + Show(*actual));
      if ((*actual)->empty()) return std::unexpected("`all` needs at least one element at " + expect->path);
      for (size_t i = 0; i < (*actual)->size(); ++i) {
        auto checked = CheckOp((**actual)[i], expect->op, expected);
        if (!checked) return std::unexpected("expected all " + what + ", element " + std::to_string(i) + " " + checked.error());
      }
      return {};
    }
    auto checked = CheckOp(*actual, expect->op, expected);
    if (!checked) return std::unexpected("expected " + what + ", " + checked.error());
    return {};
  }

  if (auto* capture = std::get_if<CaptureStep>(&action)) {
    auto value = Resolve(capture->path);
    if (!value) return std::unexpected(value.error());
    if (!*value || (*value)->is_null()) {
      if (!capture->fallback) return std::unexpected("cannot capture " + capture->path + ": missing");
      auto fallback = ParseValue(*capture->fallback);
      if (!fallback) return std::unexpected(fallback.error());
      vars_[capture->name] = *fallback;
    } else {
      vars_[capture->name] = **value;
    }
    return {};
  }

  if (auto* set = std::get_if<SetStep>(&action)) {
    auto value = ParseValue(set->value);
    if (!value) return std::unexpected(value.error());
    vars_[set->name] = *value;
    return {};
  }

  if (auto* as = std::get_if<AsStep>(&action)) {
    user_ = as->user == "none" ? std::string() : as->user;
    return {};
  }

  if (auto* login = std::get_if<LoginStep>(&action)) {
    auto token = Login(login->user, login->password);
    if (!token) return std::unexpected(token.error());
    user_ = login->user;
    return {};
  }

  if (auto* header = std::get_if<HeaderStep>(&action)) {
    pending_headers_.emplace_back(header->name, header->value);
    return {};
  }

  if (auto* restart = std::get_if<RestartStep>(&action)) {
    std::vector<std::string> args;
    for (const auto& a : restart->args) {
      auto v = Sub(a);
      if (!v) return std::unexpected(v.error());
      args.push_back(*v);
    }
    return Restart(restart->kill, args);
  }

  if (auto* special = std::get_if<SpecialStep>(&action)) return RunSpecial(*this, special->name, special->args);

  if (auto* sleep = std::get_if<SleepStep>(&action)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(sleep->ms));
    return {};
  }

  if (auto* print = std::get_if<PrintStep>(&action)) {
    auto value = Resolve(print->path);
    if (!value) return std::unexpected(value.error());
    std::cout << "  " << step.file << ":" << step.line << ": " << print->path << " = " << Show(*value) << "\n";
    return {};
  }
  return std::unexpected("unhandled step");
}

ScenarioResult RunScenario(const Scenario& scenario, const RunOptions& options) {
  auto started_at = std::chrono::steady_clock::now();
  ScenarioResult result;
  std::string pattern = (fs::path(options.work_root) / (scenario.name + "-XXXXXX")).string();
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) {
    result.report = "cannot create a directory under " + options.work_root;
    return result;
  }
  std::string dir = buf.data();
  bool ok = false;
  bool with_replica = scenario.Requires("replica");
  std::string db_url;
  {
    Session session(options, dir);
    auto started = session.Start(with_replica);
    db_url = session.db_url();
    if (!started) {
      result.report = "server did not start: " + started.error();
    } else {
      ok = true;
      for (const Step& step : scenario.steps) {
        auto done = session.Execute(step);
        if (!done) {
          ok = false;
          result.report = step.file + ":" + std::to_string(step.line) + ": " + step.text + "\n    " + done.error() +
                          "\n" + session.LastExchange() + session.ServerNote();
          break;
        }
      }
      result.notes = session.notes();
      session.server().Stop();
      if (ok && session.server().ExitDescription().starts_with("signal") &&
          session.server().ExitDescription() != "signal 15") {
        ok = false;
        result.report = "server ended badly on SIGTERM (" + session.server().ExitDescription() + ")\n" +
                        FileTail(session.server().log_path(), 15);
      }
    }
  }
  // A special pausing the replica resumes it itself; this is the safety net should it have thrown.
  if (with_replica && options.databases->has_replica())
    (void)options.databases->SetReplayPaused(false, dir + "/setup.log");
  result.ok = ok;
  std::string kept = options.keep ? ")" : ", removed)";
  if (options.databases->engine() == Engine::kPostgresql && !db_url.empty())
    kept = ", database " + DatabaseOf(db_url) + kept;
  if (!ok) result.report += "    (scenario directory: " + dir + kept + "\n";
  if (!options.keep) {
    if (!db_url.empty()) options.databases->Drop(db_url, options.databases->setup_log());
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_at).count();
  return result;
}

}  // namespace minsheng::apitest
