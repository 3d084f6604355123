// Runs one parsed scenario against its own fresh `minsheng serve` process.
#pragma once

#include <expected>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http_client.h"
#include "scenario.h"
#include "server_process.h"
#include "test_databases.h"

namespace minsheng::apitest {

struct RunOptions {
  std::string binary;                  // the minsheng executable under test
  TestDatabases* databases = nullptr;  // makes each scenario's database (SQLite or PostgreSQL)
  std::string work_root;               // where scenario directories are made
  bool keep = false;                   // keep each scenario's directory (server log) and database
  bool verbose = false;      // print every request and response
};

struct ScenarioResult {
  bool ok = false;
  std::string report;  // empty when ok; otherwise where and why it failed
  std::string notes;   // figures reported by specials (e.g. how many transitions raced)
  double seconds = 0;
};

// The state of one running scenario; specials (specials.h) use it too.
class Session {
 public:
  Session(const RunOptions& options, std::string dir);

  // Creates the scenario's database and starts the server on it; with_replica: waits until the database
  // has reached the replica and passes `--db-replica` to the server.
  std::expected<void, std::string> Start(bool with_replica = false);
  // Runs one step; the error says what was expected and what came.
  std::expected<void, std::string> Execute(const Step& step);

  // Logs `user` in on the current server and returns the token.
  std::expected<std::string, std::string> Login(const std::string& user, const std::string& password = "demo12345");
  // The token of `user`, logging in if there is none yet.
  std::expected<std::string, std::string> Token(const std::string& user);
  // Forgets all tokens (after a restart they may be expired by a clock offset).
  void ForgetTokens() { tokens_.clear(); }

  ServerProcess& server() { return *server_; }
  // The client bound to the current server (kept alive across requests).
  HttpClient& client() { return *client_; }
  // Recreates the client after the server moved to another port.
  void Reconnect();
  // Restarts the server (SIGKILL if kill, else SIGTERM) with `args`, forgetting tokens.
  std::expected<void, std::string> Restart(bool kill, const std::vector<std::string>& args);

  const RunOptions& options() const { return options_; }
  const std::string& dir() const { return dir_; }
  // The URL the server runs on (`sqlite:DIR/minsheng.db` or `postgresql://…/ms_PID_N`); "" before Start.
  const std::string& db_url() const { return db_url_; }
  // Adds a line to the scenario's report (shown after its ok/FAILED line).
  void AddNote(const std::string& note) { notes_ += "    " + note + "\n"; }
  const std::string& notes() const { return notes_; }
  // The last request and its response, for failure reports.
  std::string LastExchange() const;
  // A note on the server's state for failure reports ("server exited (signal 11)" + log tail).
  std::string ServerNote();

 private:
  std::expected<void, std::string> DoRequest(const RequestStep& request);
  std::expected<std::optional<nlohmann::json>, std::string> Resolve(const std::string& path);
  std::expected<nlohmann::json, std::string> ParseValue(const std::string& text);
  std::optional<std::string> Lookup(const std::string& name) const;
  std::expected<std::string, std::string> Sub(const std::string& text) const;

  RunOptions options_;
  std::string dir_;
  std::string db_url_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
  std::map<std::string, nlohmann::json> vars_;
  std::map<std::string, std::string> tokens_;
  std::string user_;  // empty: no token
  Headers pending_headers_;
  std::string last_request_;
  std::optional<HttpResponse> last_response_;
  std::optional<nlohmann::json> last_json_;
  std::string notes_;
};

// Runs a scenario from a fresh copy of the demo database to its first failure (a scenario that
// `requires replica` gets `--db-replica`); drops the database afterwards unless options.keep.
ScenarioResult RunScenario(const Scenario& scenario, const RunOptions& options);

// Compares two JSON values, numbers by value (1 == 1.0).
bool JsonEqual(const nlohmann::json& a, const nlohmann::json& b);

// Checks `actual OP expected` for one ExpectValueStep operator; the error explains a mismatch.
std::expected<void, std::string> CheckOp(const std::optional<nlohmann::json>& actual, const std::string& op,
                                         const nlohmann::json& expected);

// Parses a scenario value: JSON, `A + B` / `A - B` of numbers, or a bare word as a string.
std::optional<nlohmann::json> ParseLiteral(const std::string& text);

}  // namespace minsheng::apitest
