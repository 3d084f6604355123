#include "specials.h"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <tuple>
#include <thread>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "json_path.h"
#include "pg_tools.h"
#include "runner.h"
#include "server_process.h"
#include "test_databases.h"

namespace minsheng::apitest {
namespace {

using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

struct Answer {
  int status = 0;
  json body;
  std::string text;
};

std::expected<Answer, std::string> Call(HttpClient& client, const std::string& token, const std::string& method,
                                        const std::string& target, const json& body = nullptr) {
  Headers headers = {{"Authorization", "Bearer " + token}};
  auto response = client.Send(method, target, body.is_null() ? std::string() : body.dump(), headers);
  if (!response) return std::unexpected(method + " " + target + ": " + response.error());
  Answer answer{response->status, json::parse(response->body, nullptr, false), response->body};
  if (answer.body.is_discarded()) answer.body = nullptr;
  return answer;
}

std::string Describe(const std::string& what, const Answer& a) {
  size_t max = std::min<size_t>(a.text.size(), 400);
  while (max < a.text.size() && max > 0 && (static_cast<unsigned char>(a.text[max]) & 0xC0) == 0x80) --max;
  return what + " answered " + std::to_string(a.status) + " " + a.text.substr(0, max);
}

// Ids the specials need, looked up by code on the demo data.
struct Refs {
  long long region = 0;
  long long category = 0;
  std::vector<long long> departments;  // housing, transport, urban
};

std::expected<Refs, std::string> LoadRefs(HttpClient& client, const std::string& token) {
  Refs refs;
  auto regions = Call(client, token, "GET", "/api/v1/regions");
  if (!regions) return std::unexpected(regions.error());
  auto region = EvaluatePath(regions->body, "items[code=s01c01].id").value_or(std::nullopt);
  auto categories = Call(client, token, "GET", "/api/v1/categories");
  if (!categories) return std::unexpected(categories.error());
  auto category = EvaluatePath(categories->body, "items[0].id").value_or(std::nullopt);
  auto departments = Call(client, token, "GET", "/api/v1/departments");
  if (!departments) return std::unexpected(departments.error());
  if (!region || !category) return std::unexpected("cannot find region s01c01 or a category in the reference data");
  refs.region = region->get<long long>();
  refs.category = category->get<long long>();
  for (const char* code : {"housing", "transport", "urban"}) {
    auto id = EvaluatePath(departments->body, std::string("items[code=") + code + "].id").value_or(std::nullopt);
    if (!id) return std::unexpected(std::string("cannot find department ") + code);
    refs.departments.push_back(id->get<long long>());
  }
  return refs;
}

// Each from a resident of its own: one phone per n, so that none repeats another (core/repeat.h).
json NewAppeal(const Refs& refs, int n) {
  return {{"title", "并发测试诉求 " + std::to_string(n)},
          {"content", "用于并发与崩溃恢复测试的诉求内容，编号 " + std::to_string(n)},
          {"channel", "phone"},
          {"region_id", refs.region},
          {"category_id", refs.category},
          {"address", "朝阳社区 " + std::to_string(n) + " 号"},
          {"appellant", {{"name", "测试人"}, {"phone", std::to_string(13900000000LL + n)}, {"anonymous", false}}}};
}

std::expected<void, std::string> Kill9(Session& session, int rounds) {
  auto token = session.Login("registrar");
  if (!token) return std::unexpected(token.error());
  auto refs = LoadRefs(session.client(), *token);
  if (!refs) return std::unexpected(refs.error());
  for (int i = 0; i < rounds; ++i) {
    auto created = Call(session.client(), *token, "POST", "/api/v1/appeals", NewAppeal(*refs, i));
    if (!created) return std::unexpected("round " + std::to_string(i) + ": " + created.error());
    if (created->status != 201 || !created->body.contains("id"))
      return std::unexpected("round " + std::to_string(i) + ": " + Describe("POST /api/v1/appeals", *created));
    std::string id = created->body["id"].dump();
    auto restarted = session.Restart(/*kill=*/true, {});
    if (!restarted) return std::unexpected("round " + std::to_string(i) + ": restart after SIGKILL: " + restarted.error());
    auto fetched = Call(session.client(), *token, "GET", "/api/v1/appeals/" + id);
    if (fetched && fetched->status == 401) {
      token = session.Login("registrar");
      if (!token) return std::unexpected(token.error());
      fetched = Call(session.client(), *token, "GET", "/api/v1/appeals/" + id);
    }
    if (!fetched) return std::unexpected("round " + std::to_string(i) + ": " + fetched.error());
    if (fetched->status != 200)
      return std::unexpected("round " + std::to_string(i) + ": appeal acknowledged with 201 was lost after SIGKILL: " +
                             Describe("GET /api/v1/appeals/" + id, *fetched));
    if (fetched->body.value("title", "") != created->body.value("title", ""))
      return std::unexpected("round " + std::to_string(i) + ": appeal " + id + " came back with another title");
  }
  session.AddNote("kill9: " + std::to_string(rounds) + " acknowledged appeals survived SIGKILL");
  return {};
}

// What a racing client may try in each state (all as admin, who may do every transition).
json ChooseAction(const std::string& status, const Refs& refs, std::mt19937& rng, std::string* action) {
  auto pick = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
  long long lead = refs.departments[rng() % 2];
  if (status == "received" || status == "returned" || status == "reopened" || status == "deliberating") {
    if (status == "deliberating" && pick(30)) {
      *action = "close";
      return {{"note", "协商后办结"}};
    }
    if (status != "deliberating" && pick(20)) {
      *action = "triage";
      return {{"route", "deliberate"}, {"note", "提交协商"}};
    }
    *action = "dispatch";
    json body = {{"lead_unit_id", lead}, {"note", "并发派单"}};
    if (pick(50)) body["assisting_unit_ids"] = json::array({refs.departments[2]});
    return body;
  }
  if (status == "dispatched") {
    if (pick(60)) {
      *action = "accept";
      return {{"note", "签收"}};
    }
    *action = "return";
    return {{"reason", "非本单位职责"}};
  }
  if (status == "accepted") {
    if (pick(60)) {
      *action = "contact";
      return {{"note", "已电话联系诉求人"}, {"method", "phone"}};
    }
    *action = "return";
    return {{"reason", "非本单位职责"}};
  }
  if (status == "in_progress") {
    if (pick(50)) {
      *action = "reply";
      return {{"content", "已处理完毕，答复如下。"}};
    }
    *action = "return";
    return {{"reason", "需其他单位处理"}};
  }
  if (status == "replied") {
    int r = static_cast<int>(rng() % 100);
    if (r < 30) {
      *action = "callback";
      return {{"resolved", true}, {"satisfaction", "satisfied"}};
    }
    if (r < 60) {
      *action = "callback";
      return {{"resolved", false}, {"satisfaction", "dissatisfied"}, {"reason", "推诿"}};
    }
    if (r < 80) {
      *action = "reopen";
      return {{"reason", "群众反映未解决"}};
    }
    *action = "close";
    return {{"note", "办结"}};
  }
  if (status == "closed") {
    *action = "reopen";
    return {{"reason", "重新办理"}};
  }
  action->clear();
  return nullptr;
}

// Checks one appeal after the race; `successes` is how many transitions clients saw succeed on it.
std::optional<std::string> CheckAppeal(const json& appeal, long long successes) {
  std::string id = appeal.contains("id") ? appeal["id"].dump() : "?";
  std::string where = "appeal " + id + ": ";
  if (!appeal.contains("timeline") || !appeal["timeline"].is_array()) return where + "no timeline";
  const json& timeline = appeal["timeline"];
  if (timeline.empty()) return where + "empty timeline";
  std::string status = appeal.value("status", "");
  std::string current;
  for (size_t i = 0; i < timeline.size(); ++i) {
    const json& e = timeline[i];
    std::string from = e.contains("from_status") && e["from_status"].is_string() ? e["from_status"].get<std::string>() : "";
    std::string to = e.contains("to_status") && e["to_status"].is_string() ? e["to_status"].get<std::string>() : "";
    if (i == 0) {
      if (to != "received") return where + "first event goes to '" + to + "', not received";
      current = to;
      continue;
    }
    if (to.empty()) continue;  // an event without a status change
    if (from != current)
      return where + "event " + std::to_string(i) + " (" + e.value("action", "?") + ") starts from '" + from +
             "' but the previous event ended in '" + current + "'";
    current = to;
  }
  if (current != status) return where + "timeline replays to '" + current + "' but status is '" + status + "'";
  long long events = static_cast<long long>(timeline.size()) - 1;
  if (events != successes)
    return where + std::to_string(successes) + " transitions succeeded for clients but the timeline has " +
           std::to_string(events) + " events after registration";
  int active_leads = 0;
  json lead_unit;
  for (const json& d : appeal.value("dispatches", json::array())) {
    if (d.value("role", "") == "lead" && d.value("active", false) == true) {
      ++active_leads;
      lead_unit = d.value("unit_id", json());
    }
  }
  bool must_have_lead = status == "dispatched" || status == "accepted" || status == "in_progress" || status == "replied";
  if (active_leads > 1) return where + std::to_string(active_leads) + " active lead units";
  if (must_have_lead && active_leads != 1)
    return where + "status " + status + " but " + std::to_string(active_leads) + " active lead units";
  if (must_have_lead && appeal.value("lead_unit_id", json()) != lead_unit)
    return where + "lead_unit_id " + appeal.value("lead_unit_id", json()).dump() + " differs from the active lead dispatch " +
           lead_unit.dump();
  return std::nullopt;
}

// The servers of the race sweep deadlines every second, 40 days ahead, so that both issue supervision
// notices for the demo's overdue appeals at the same time.
const std::vector<std::string> kRaceServerArgs = {"--sweep-seconds", "1", "--clock-offset", "3456000"};

// Starts a server on a thread of its own that stays until Stop(): the driver's children die with the
// thread that spawned them (PR_SET_PDEATHSIG), so a server started alongside another needs such a thread.
class BackgroundServer {
 public:
  BackgroundServer(ServerProcess& server, std::vector<std::string> args)
      : thread_([this, &server, args = std::move(args)] {
          auto started = server.Start(args);
          std::unique_lock lock(mutex_);
          started_ = std::move(started);
          ready_ = true;
          changed_.notify_all();
          changed_.wait(lock, [this] { return stop_; });
          lock.unlock();
          server.Stop();
        }) {}
  ~BackgroundServer() { Stop(); }
  BackgroundServer(const BackgroundServer&) = delete;
  BackgroundServer& operator=(const BackgroundServer&) = delete;

  std::expected<void, std::string> WaitStarted() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return ready_; });
    return started_;
  }
  // Stops the server (SIGTERM) and ends the thread.
  void Stop() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool ready_ = false;
  bool stop_ = false;
  std::expected<void, std::string> started_;
  std::thread thread_;  // last: starts once the members above exist
};

// Every supervision notice (all pages), as the given token sees them.
std::expected<std::vector<json>, std::string> AllNotices(HttpClient& client, const std::string& token) {
  std::vector<json> all;
  for (int page = 1; page <= 100; ++page) {
    std::string target = "/api/v1/supervision-notices?page_size=100&page=" + std::to_string(page);
    auto got = Call(client, token, "GET", target);
    if (!got) return std::unexpected(got.error());
    if (got->status != 200 || !got->body.is_object() || !got->body.contains("items") || !got->body["items"].is_array())
      return std::unexpected(Describe("GET " + target, *got));
    for (const json& n : got->body["items"]) all.push_back(n);
    long long total = got->body.value("total", 0LL);
    if (got->body["items"].empty() || static_cast<long long>(all.size()) >= total) break;
  }
  return all;
}

// No (appeal, kind, deadline) twice among the notices (distinct notice ids; a repeated id is paging).
std::optional<std::string> CheckNoticesUnique(const std::vector<json>& notices, size_t* distinct) {
  std::set<std::string> seen_ids;
  std::map<std::tuple<std::string, std::string, std::string>, json> by_key;
  for (const json& n : notices) {
    if (!seen_ids.insert(n.value("id", json()).dump()).second) continue;
    auto key = std::make_tuple(n.value("appeal_id", json()).dump(), n.value("kind", json()).dump(),
                               n.value("deadline", json()).dump());
    if (auto it = by_key.find(key); it != by_key.end())
      return "supervision notice issued twice for appeal " + std::get<0>(key) + ", kind " + std::get<1>(key) +
             ", deadline " + std::get<2>(key) + ": " + it->second.dump() + " and " + n.dump();
    by_key[key] = n;
  }
  *distinct = by_key.size();
  return std::nullopt;
}

std::expected<void, std::string> Race(Session& session, double seconds, int pairs) {
  constexpr int kAppealsPerPair = 3;
  constexpr int kMaxRounds = 400;
  // Both servers on the scenario's database (the same SQLite file or PostgreSQL database), started
  // together so that their first sweeps run at the same moment.
  ServerProcess second(session.options().binary, session.db_url(), session.dir() + "/server2.log",
                       session.server().fixed_args());
  BackgroundServer second_keeper(second, kRaceServerArgs);
  auto first_started = session.Restart(/*kill=*/false, kRaceServerArgs);
  auto second_started = second_keeper.WaitStarted();
  if (!first_started) return std::unexpected("restart the first server: " + first_started.error());
  if (!second_started) return std::unexpected("second server on the same database: " + second_started.error());
  int ports[2] = {session.server().port(), second.port()};

  auto token = session.Login("admin");
  if (!token) return std::unexpected(token.error());
  HttpClient second_client("127.0.0.1", ports[1]);
  std::string tokens[2] = {*token, ""};
  {
    json body = {{"username", "admin"}, {"password", "demo12345"}};
    auto response = second_client.Send("POST", "/api/v1/auth/login", body.dump());
    if (!response || response->status != 200) return std::unexpected("login on the second server failed");
    tokens[1] = json::parse(response->body, nullptr, false).value("token", "");
  }
  auto refs = LoadRefs(session.client(), tokens[0]);
  if (!refs) return std::unexpected(refs.error());

  std::vector<long long> appeals;
  for (int i = 0; i < pairs * kAppealsPerPair; ++i) {
    auto created = Call(session.client(), tokens[0], "POST", "/api/v1/appeals", NewAppeal(*refs, 1000 + i));
    if (!created) return std::unexpected(created.error());
    if (created->status != 201) return std::unexpected(Describe("POST /api/v1/appeals", *created));
    appeals.push_back(created->body["id"].get<long long>());
  }

  std::mutex mutex;
  std::map<long long, long long> successes;
  std::vector<std::string> errors;
  std::atomic<long long> conflicts{0}, oks{0};
  auto deadline = SteadyClock::now() + std::chrono::milliseconds(static_cast<long long>(seconds * 1000));

  struct Pair {
    int phase = 0;
    int round = 0;
    bool go = true;
  };
  // Runs when both threads of a pair arrive; at the start of each round it decides whether to go on.
  struct NextRound {
    Pair* state;
    std::mutex* mutex;
    const std::vector<std::string>* errors;
    SteadyClock::time_point deadline;
    void operator()() noexcept {
      if (state->phase++ % 2 != 0) return;
      std::lock_guard lock(*mutex);
      state->go = errors->empty() && SteadyClock::now() < deadline && state->round < kMaxRounds;
      ++state->round;
    }
  };
  std::vector<Pair> pair_state(pairs);
  std::vector<std::unique_ptr<std::barrier<NextRound>>> barriers;
  for (int p = 0; p < pairs; ++p)
    barriers.push_back(std::make_unique<std::barrier<NextRound>>(2, NextRound{&pair_state[p], &mutex, &errors, deadline}));

  std::vector<std::thread> threads;
  for (int t = 0; t < pairs * 2; ++t) {
    threads.emplace_back([&, t] {
      int pair = t / 2, side = t % 2;
      HttpClient client("127.0.0.1", ports[side], 20000);
      std::mt19937 rng(static_cast<unsigned>(t * 7919 + 17));
      auto& barrier = *barriers[pair];
      auto fail = [&](const std::string& e) {
        std::lock_guard lock(mutex);
        errors.push_back(e);
      };
      try {
        for (int round = 0;; ++round) {
          barrier.arrive_and_wait();
          if (!pair_state[pair].go) break;
          long long id = appeals[pair * kAppealsPerPair + round % kAppealsPerPair];
          std::string target = "/api/v1/appeals/" + std::to_string(id);
          auto got = Call(client, tokens[side], "GET", target);
          barrier.arrive_and_wait();  // both sides read the same state, then both write
          if (!got) {
            fail(got.error());
            continue;
          }
          if (got->status != 200 || !got->body.is_object()) {
            fail(Describe("GET " + target, *got));
            continue;
          }
          std::string action;
          json body = ChooseAction(got->body.value("status", ""), *refs, rng, &action);
          if (action.empty()) continue;
          auto done = Call(client, tokens[side], "POST", target + "/" + action, body);
          if (!done) {
            fail(done.error());
            continue;
          }
          if (done->status / 100 == 2) {
            ++oks;
            std::lock_guard lock(mutex);
            ++successes[id];
          } else if (done->status == 409) {
            ++conflicts;
          } else {
            fail(Describe("POST " + target + "/" + action + " (server " + std::to_string(side + 1) + ")", *done));
          }
        }
      } catch (const std::exception& e) {
        fail(std::string("client thread: ") + e.what());
        barrier.arrive_and_drop();
      }
    });
  }
  for (auto& t : threads) t.join();
  second_keeper.Stop();
  if (!errors.empty()) {
    std::string all = "racing clients got answers other than 2xx/409 (" + std::to_string(errors.size()) + "), first: " + errors[0];
    if (errors.size() > 1) all += "\n    second: " + errors[1];
    return std::unexpected(all);
  }
  for (long long id : appeals) {
    auto got = Call(session.client(), tokens[0], "GET", "/api/v1/appeals/" + std::to_string(id));
    if (!got) return std::unexpected(got.error());
    if (got->status != 200) return std::unexpected(Describe("GET appeal " + std::to_string(id), *got));
    if (auto bad = CheckAppeal(got->body, successes[id])) return std::unexpected(*bad);
  }
  auto notices = AllNotices(session.client(), tokens[0]);
  if (!notices) return std::unexpected("supervision notices after the race: " + notices.error());
  size_t distinct = 0;
  if (auto bad = CheckNoticesUnique(*notices, &distinct)) return std::unexpected(*bad);
  if (distinct == 0)
    return std::unexpected("two servers sweeping 40 days ahead issued no supervision notice for the demo's "
                           "overdue appeals, so the duplicate check proves nothing");
  session.AddNote("race: " + std::to_string(oks.load()) + " transitions won, " + std::to_string(conflicts.load()) +
                  " refused with 409, " + std::to_string(appeals.size()) + " appeals consistent, 2 servers; " +
                  std::to_string(distinct) + " supervision notices from 2 sweeping servers, none repeated");
  return {};
}

// Whether the appeals list (newest first, up to 100) as `token` sees it contains `id`.
std::expected<bool, std::string> Listed(HttpClient& client, const std::string& token, long long id) {
  auto got = Call(client, token, "GET", "/api/v1/appeals?page_size=100");
  if (!got) return std::unexpected(got.error());
  if (got->status != 200 || !got->body.is_object() || !got->body.contains("items") || !got->body["items"].is_array())
    return std::unexpected(Describe("GET /api/v1/appeals?page_size=100", *got));
  for (const json& item : got->body["items"])
    if (item.value("id", -1LL) == id) return true;
  return false;
}

// Resumes replay on the replica when it goes out of scope, whatever happened.
class ResumeReplay {
 public:
  ResumeReplay(const TestDatabases& databases, std::string log) : databases_(databases), log_(std::move(log)) {}
  ~ResumeReplay() { (void)databases_.SetReplayPaused(false, log_); }
  ResumeReplay(const ResumeReplay&) = delete;
  ResumeReplay& operator=(const ResumeReplay&) = delete;

 private:
  const TestDatabases& databases_;
  std::string log_;
};

std::expected<void, std::string> ReplicaLag(Session& session) {
  const TestDatabases& databases = *session.options().databases;
  const auto& fixed = session.server().fixed_args();
  if (!databases.has_replica() || std::find(fixed.begin(), fixed.end(), "--db-replica") == fixed.end())
    return std::unexpected("special replica_lag needs a server with --db-replica (write `requires replica`)");
  std::string log = session.dir() + "/replica.log";
  auto token = session.Login("registrar");
  if (!token) return std::unexpected(token.error());
  auto refs = LoadRefs(session.client(), *token);
  if (!refs) return std::unexpected(refs.error());
  auto listed = Listed(session.client(), *token, -1);
  if (!listed) return std::unexpected("the list before pausing: " + listed.error());

  ResumeReplay resume(databases, log);
  auto paused = databases.SetReplayPaused(true, log);
  if (!paused) return std::unexpected("pause replay on the replica: " + paused.error());
  auto state = databases.ReplayState(log);
  if (!state) return std::unexpected("replay state on the replica: " + state.error());
  if (*state == "not paused") return std::unexpected("replay on the replica is still '" + *state + "' after pausing");

  auto created = Call(session.client(), *token, "POST", "/api/v1/appeals", NewAppeal(*refs, 7000));
  if (!created) return std::unexpected(created.error());
  if (created->status != 201 || !created->body.contains("id"))
    return std::unexpected(Describe("POST /api/v1/appeals", *created));
  long long id = created->body["id"].get<long long>();
  std::string target = "/api/v1/appeals/" + std::to_string(id);
  auto fetched = Call(session.client(), *token, "GET", target);
  if (!fetched) return std::unexpected(fetched.error());
  if (fetched->status != 200 || fetched->body.value("id", -1LL) != id)
    return std::unexpected("read-your-own-write: while replay is paused, " + Describe("GET " + target, *fetched) +
                           " (a single appeal must come from the primary)");
  for (int look = 0; look < 2; ++look) {
    if (look > 0) std::this_thread::sleep_for(std::chrono::milliseconds(500));
    listed = Listed(session.client(), *token, id);
    if (!listed) return std::unexpected("the list while replay is paused: " + listed.error());
    if (*listed)
      return std::unexpected("appeal " + std::to_string(id) + " is in GET /api/v1/appeals while the replica's replay "
                             "is paused: lists do not come from the replica");
  }

  auto resumed = databases.SetReplayPaused(false, log);
  if (!resumed) return std::unexpected("resume replay on the replica: " + resumed.error());
  auto resumed_at = SteadyClock::now();
  while (true) {
    listed = Listed(session.client(), *token, id);
    if (!listed) return std::unexpected("the list after resuming replay: " + listed.error());
    if (*listed) break;
    if (SteadyClock::now() - resumed_at > std::chrono::seconds(10))
      return std::unexpected("appeal " + std::to_string(id) + " is still not in GET /api/v1/appeals 10 s after "
                             "replay resumed on the replica");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - resumed_at).count();
  session.AddNote("replica_lag: appeal " + std::to_string(id) + " read at once from the primary, absent from the "
                  "list while replay was paused, listed " + std::to_string(waited) + " ms after resuming");
  return {};
}

std::string EnvValue(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// The primary of the private test cluster, stopped and started with pg_ctl (as user postgres when we are
// root, as scripts/pg_cluster.sh runs it). `data` is its data directory (MINSHENG_TEST_PG_DATA).
class PgPrimary {
 public:
  PgPrimary(std::string data, std::string log) : data_(std::move(data)), log_(std::move(log)) {
    pg_ctl_ = FindProgram("pg_ctl");
    if (pg_ctl_.empty()) pg_ctl_ = "/usr/lib/postgresql/15/bin/pg_ctl";
  }
  // Stops it at once, like a crash (no checkpoint; it recovers from its WAL on start).
  std::expected<void, std::string> Kill() const { return PgCtl({"stop", "-D", data_, "-m", "immediate", "-w", "-t", "30"}); }
  // Starts it again (its log where scripts/pg_cluster.sh keeps it) and waits until it accepts connections.
  std::expected<void, std::string> Start() const {
    return PgCtl({"start", "-D", data_, "-l", data_ + ".log", "-w", "-t", "60"});
  }
  bool Running() const { return PgCtl({"status", "-D", data_}).has_value(); }

 private:
  std::expected<void, std::string> PgCtl(std::vector<std::string> args) const {
    // From `/`: the postgres user may not be able to enter our working directory.
    std::vector<std::string> argv = {"/usr/bin/env", "-C", "/", pg_ctl_};
    if (::geteuid() == 0) argv.insert(argv.begin(), {"/usr/sbin/runuser", "-u", "postgres", "--"});
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, log_, 90);
  }

  std::string data_, log_, pg_ctl_;
};

// Brings the primary back when it goes out of scope, whatever happened, and waits (up to 60 s) for the
// replica to stream from it again, so that the tests after this one find the cluster as it was.
class RestorePrimary {
 public:
  RestorePrimary(const PgPrimary& primary, std::string admin_url, std::string log)
      : primary_(primary), admin_url_(std::move(admin_url)), log_(std::move(log)) {}
  ~RestorePrimary() {
    if (!primary_.Running()) (void)primary_.Start();
    const auto deadline = SteadyClock::now() + std::chrono::seconds(60);
    while (SteadyClock::now() < deadline) {
      auto streaming = PsqlValue(admin_url_, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'", log_, 10);
      if (streaming && *streaming != "0") return;
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  }
  RestorePrimary(const RestorePrimary&) = delete;
  RestorePrimary& operator=(const RestorePrimary&) = delete;

 private:
  const PgPrimary& primary_;
  std::string admin_url_, log_;
};

// One POST /appeals of the outage's clients: when it started and ended, and how it was answered.
struct Outcome {
  SteadyClock::time_point start, end;
  int status = 0;  // 0: no HTTP answer (error says why)
  long long id = 0;
  std::string error;
};

std::expected<void, std::string> PgOutage(Session& session, double down_seconds) {
  constexpr int kClients = 4;
  constexpr auto kSlowest = std::chrono::seconds(5);  // an answer, even 503, comes within this
  constexpr auto kRecovery = std::chrono::seconds(20);
  const std::string data = EnvValue("MINSHENG_TEST_PG_DATA");
  if (session.db_url().rfind("postgresql", 0) != 0)
    return std::unexpected("special pg_outage runs on PostgreSQL only (write `requires postgresql`)");
  if (EnvValue("MINSHENG_TEST_PG_OUTAGE") != "1") {
    session.AddNote("pg_outage: not run here: it stops the shared test cluster, so only ctest's api_scenarios_pg_outage "
                    "(RUN_SERIAL, MINSHENG_TEST_PG_OUTAGE=1) runs it");
    return {};
  }
  if (data.empty()) {
    // A cluster that scripts/test.sh did not start is not ours to stop.
    session.AddNote("pg_outage: not run: MINSHENG_TEST_PG_DATA (the primary's data directory, exported by "
                    "scripts/test.sh for the cluster it starts) is not set");
    return {};
  }
  const std::string log = session.dir() + "/pg_outage.log";
  auto token = session.Login("registrar");
  if (!token) return std::unexpected(token.error());
  auto refs = LoadRefs(session.client(), *token);
  if (!refs) return std::unexpected(refs.error());

  PgPrimary primary(data, log);
  RestorePrimary restore(primary, EnvValue("MINSHENG_TEST_PG"), log);
  const int port = session.server().port();
  std::atomic<bool> stop{false};
  std::vector<std::vector<Outcome>> outcomes(kClients);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      HttpClient client("127.0.0.1", port, 15000);
      for (int n = 0; !stop.load(); ++n) {
        Outcome o;
        o.start = SteadyClock::now();
        auto answer = Call(client, *token, "POST", "/api/v1/appeals", NewAppeal(*refs, 9000 + c * 10000 + n));
        o.end = SteadyClock::now();
        if (!answer) {
          o.error = answer.error();
          client.Close();
        } else {
          o.status = answer->status;
          if (o.status == 201) o.id = answer->body.value("id", 0LL);
          if (o.status != 201 && o.status != 503) o.error = Describe("POST /api/v1/appeals", *answer);
        }
        outcomes[c].push_back(std::move(o));
        // Not a flood while the database is down: 503s come back at once.
        if (outcomes[c].back().status != 201) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
  }
  // Stops and joins the clients, on every way out (they use `outcomes`, `token` and `refs`).
  struct JoinClients {
    std::atomic<bool>& stop;
    std::vector<std::thread>& threads;
    void operator()() {
      stop = true;
      for (auto& t : threads) {
        if (t.joinable()) t.join();
      }
    }
    ~JoinClients() { (*this)(); }
  } join_clients{stop, clients};

  std::this_thread::sleep_for(std::chrono::seconds(1));  // load before the outage
  auto killed = primary.Kill();
  if (!killed) return std::unexpected("stop the PostgreSQL primary: " + killed.error());
  const auto down_at = SteadyClock::now();
  // A read while it is down: 503 too.
  HttpClient reader("127.0.0.1", port, 15000);
  std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(down_seconds * 1000)));
  auto read_down = Call(reader, *token, "GET", "/api/v1/appeals?page_size=5");
  const auto up_at = SteadyClock::now();
  auto started = primary.Start();
  if (!started) return std::unexpected("start the PostgreSQL primary again: " + started.error());
  const auto started_at = SteadyClock::now();
  // Recovered: some POST started after the primary was back answered 201, within kRecovery.
  std::optional<SteadyClock::time_point> recovered_at;
  std::vector<Outcome> probed;  // the probe's own 201 counts as acknowledged too
  while (!recovered_at && SteadyClock::now() - started_at < kRecovery) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto probe = Call(reader, *token, "POST", "/api/v1/appeals", NewAppeal(*refs, 8000));
    if (probe && probe->status == 201) {
      recovered_at = SteadyClock::now();
      probed.push_back({started_at, *recovered_at, 201, probe->body.value("id", 0LL), ""});
    } else if (!probe) {
      reader.Close();
    }
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // load after it
  join_clients();

  if (!read_down) return std::unexpected("GET /api/v1/appeals while PostgreSQL was down: " + read_down.error());
  if (read_down->status != 503)
    return std::unexpected("while PostgreSQL was down, " + Describe("GET /api/v1/appeals?page_size=5", *read_down) +
                           " (expected 503)");
  if (!recovered_at)
    return std::unexpected("POST /api/v1/appeals did not answer 201 within 20 s of PostgreSQL starting again");
  outcomes.push_back(std::move(probed));

  int created = 0, unavailable = 0, unavailable_while_down = 0;
  for (const auto& per_client : outcomes) {
    for (const Outcome& o : per_client) {
      if (!o.error.empty()) return std::unexpected("a client during the outage: " + o.error);
      if (o.end - o.start > kSlowest)
        return std::unexpected("a POST took " +
                               std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(o.end - o.start).count()) +
                               " ms to answer " + std::to_string(o.status) + " (at most 5 s, even while PostgreSQL is down)");
      const bool while_down = o.start > down_at && o.end < up_at;
      if (o.status == 201) {
        if (while_down) return std::unexpected("a POST answered 201 while PostgreSQL was down");
        ++created;
      } else {
        ++unavailable;
        if (while_down) ++unavailable_while_down;
      }
    }
  }
  if (unavailable_while_down == 0) return std::unexpected("no POST was answered while PostgreSQL was down");
  // Nothing acknowledged is lost.
  for (const auto& per_client : outcomes) {
    for (const Outcome& o : per_client) {
      if (o.status != 201) continue;
      const std::string target = "/api/v1/appeals/" + std::to_string(o.id);
      auto fetched = Call(session.client(), *token, "GET", target);
      if (!fetched) return std::unexpected(fetched.error());
      if (fetched->status != 200)
        return std::unexpected("appeal acknowledged with 201 around the outage is gone: " + Describe("GET " + target, *fetched));
    }
  }
  const auto ms = [](auto d) { return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()); };
  session.AddNote("pg_outage: " + std::to_string(created) + " appeals acknowledged and all readable, " +
                  std::to_string(unavailable) + " answered 503 (" + std::to_string(unavailable_while_down) +
                  " while PostgreSQL was down for " + ms(up_at - down_at) + " ms); 201 again " +
                  ms(*recovered_at - started_at) + " ms after it started");
  return {};
}

// Issue 11, part C: a vote of 朝阳社区 (opened at once) with `pairs` voter codes; for each code two clients on
// their own connections send a ballot at the same instant (a barrier releases both). Exactly one must answer
// 201 and the other 409 already_voted; the results after closing must count `pairs` ballots.
std::expected<void, std::string> BallotRace(Session& session, int pairs) {
  auto token = session.Login("coordinator-s01");
  if (!token) return std::unexpected(token.error());
  auto regions = Call(session.client(), *token, "GET", "/api/v1/regions");
  if (!regions) return std::unexpected(regions.error());
  auto region = EvaluatePath(regions->body, "items[code=s01c01].id").value_or(std::nullopt);
  if (!region) return std::unexpected("cannot find region s01c01");
  json vote_body = {{"title", "并发投票测试"}, {"region_id", *region}, {"major", false}, {"max_choices", 1},
                    {"options", json::array({json{{"title", "甲"}}, json{{"title", "乙"}}})},
                    {"closes_at", "2027-06-30T18:00:00+08:00"}};
  auto vote = Call(session.client(), *token, "POST", "/api/v1/votes", vote_body);
  if (!vote) return std::unexpected(vote.error());
  if (vote->status != 201) return std::unexpected(Describe("POST /api/v1/votes", *vote));
  const std::string id = vote->body["id"].dump();
  const json options = vote->body["options"];
  auto codes = Call(session.client(), *token, "POST", "/api/v1/votes/" + id + "/voter-codes", json{{"count", pairs}});
  if (!codes) return std::unexpected(codes.error());
  if (codes->status != 201) return std::unexpected(Describe("POST voter-codes", *codes));

  const int port = session.server().port();
  int counted = 0;
  std::map<long long, int> votes;  // option id → ballots the clients saw counted
  for (const json& code : codes->body["codes"]) {
    Answer answers[2];
    std::string errors[2];
    std::barrier start(2);
    {
      std::vector<std::jthread> clients;
      for (int side = 0; side < 2; ++side)
        clients.emplace_back([&, side] {
          HttpClient client("127.0.0.1", port, 15000);
          const json body = {{"code", code}, {"choices", json::array({options[side]["id"]})}};
          // Connect first, so that both requests leave at the barrier.
          (void)client.Send("GET", "/api/v1/health");
          start.arrive_and_wait();
          auto a = Call(client, "", "POST", "/api/v1/public/votes/" + id + "/ballots", body);
          if (a) answers[side] = *a;
          else errors[side] = a.error();
        });
    }
    for (int side = 0; side < 2; ++side)
      if (!errors[side].empty()) return std::unexpected(errors[side]);
    const int won = (answers[0].status == 201) + (answers[1].status == 201);
    const auto lost_as_used = [](const Answer& a) {
      return a.status == 409 && a.body.is_object() &&
             a.body.value("error", json::object()).value("code", std::string()) == "already_voted";
    };
    if (won != 1 || !(lost_as_used(answers[0]) || lost_as_used(answers[1])))
      return std::unexpected("code " + code.get<std::string>() + ": expected one 201 and one 409 already_voted, got " +
                             Describe("one", answers[0]) + " and " + Describe("the other", answers[1]));
    ++counted;
    ++votes[options[answers[0].status == 201 ? 0 : 1]["id"].get<long long>()];
  }
  auto closed = Call(session.client(), *token, "POST", "/api/v1/votes/" + id + "/close", json::object());
  if (!closed || closed->status != 200)
    return std::unexpected(closed ? Describe("POST close", *closed) : closed.error());
  auto results = Call(session.client(), "", "GET", "/api/v1/public/votes/" + id + "/results");
  if (!results || results->status != 200)
    return std::unexpected(results ? Describe("GET results", *results) : results.error());
  if (results->body["turnout"] != counted)
    return std::unexpected("turnout " + results->body["turnout"].dump() + ", but " + std::to_string(counted) +
                           " ballots were accepted");
  for (const json& o : results->body["options"])
    if (o["votes"] != votes[o["id"].get<long long>()])
      return std::unexpected("option " + o["id"].dump() + " has " + o["votes"].dump() + " votes, clients saw " +
                             std::to_string(votes[o["id"].get<long long>()]));
  session.AddNote("ballot_race: " + std::to_string(counted) + " codes, each raced by two ballots: one counted, one " +
                  "already_voted");
  return {};
}

// Issue 13, backup and restore: `minsheng backup` while `writers` clients POST appeals; `minsheng restore` into
// a new database (which verifies it against the manifest); a server on the restored database holds every
// appeal acknowledged before the backup began and none sent after it ended.
std::expected<void, std::string> BackupDuringWrites(Session& session, int writers) {
  auto token = session.Login("registrar");
  if (!token) return std::unexpected(token.error());
  auto refs = LoadRefs(session.client(), *token);
  if (!refs) return std::unexpected(refs.error());
  const bool postgres = session.db_url().starts_with("postgresql://");
  const std::string binary = session.options().binary;
  const std::string file = session.dir() + (postgres ? "/backup.dump" : "/backup.db");

  struct Written {
    long long id;
    SteadyClock::time_point sent, answered;
  };
  std::mutex mutex;
  std::vector<Written> written;
  std::vector<std::string> errors;
  std::atomic<bool> stop{false};
  const int port = session.server().port();
  std::vector<std::jthread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      HttpClient client("127.0.0.1", port, 20000);
      for (int i = 0; !stop && i < 2000; ++i) {
        const auto sent = SteadyClock::now();
        auto created = Call(client, *token, "POST", "/api/v1/appeals", NewAppeal(*refs, 20000 + w * 2000 + i));
        std::lock_guard lock(mutex);
        if (!created || created->status != 201) {
          errors.push_back(created ? Describe("POST /api/v1/appeals", *created) : created.error());
          return;
        }
        written.push_back({created->body["id"].get<long long>(), sent, SteadyClock::now()});
      }
    });
  }
  const auto stop_writers = [&] {
    stop = true;
    threads.clear();  // joins
  };
  // Until `done` holds (checked under the mutex) or 60 s have passed: on a loaded machine a fixed pause could end
  // before any appeal was acknowledged, or before one sent after the backup came back.
  const auto wait_until = [&](auto done) {
    const auto give_up = SteadyClock::now() + std::chrono::seconds(60);
    for (;;) {
      {
        std::lock_guard lock(mutex);
        if (done() || !errors.empty()) return;
      }
      if (SteadyClock::now() > give_up) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  };
  wait_until([&] { return written.size() >= static_cast<std::size_t>(writers); });
  const auto backup_start = SteadyClock::now();
  auto backed_up = RunCommand({binary, "backup", "--db", session.db_url(), "--to", file}, session.dir() + "/backup.log", 300);
  const auto backup_end = SteadyClock::now();
  wait_until([&] {
    return std::count_if(written.begin(), written.end(), [&](const Written& w) { return w.sent > backup_end; }) >=
           writers;
  });
  stop_writers();
  if (!backed_up) return std::unexpected("minsheng backup during writes: " + backed_up.error());
  if (!errors.empty()) return std::unexpected("a writer during the backup: " + errors.front());

  // The restore target: a new SQLite file, or a new PostgreSQL database (dropped again afterwards).
  std::string target = "sqlite:" + session.dir() + "/restored.db";
  struct DropDatabase {
    std::string admin, name, log;
    bool keep;
    ~DropDatabase() {
      if (!name.empty() && !keep) (void)Psql(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", log);
    }
  } drop{session.db_url(), "", session.dir() + "/psql.log", session.options().keep};
  if (postgres) {
    const std::string name = DatabaseOf(session.db_url()) + "_restored";
    auto created = Psql(session.db_url(), "CREATE DATABASE " + name, drop.log);
    if (!created) return std::unexpected("create the restore target: " + created.error());
    drop.name = name;
    target = WithDatabase(session.db_url(), name);
  }
  const std::string restore_log = session.dir() + "/restore.log";
  auto restored = RunCommand({binary, "restore", "--db", target, "--from", file}, restore_log, 300);
  if (!restored) return std::unexpected("minsheng restore: " + restored.error());
  if (FileTail(restore_log, 2).find("verified") == std::string::npos)
    return std::unexpected("minsheng restore did not print `verified`:\n" + FileTail(restore_log, 5));

  ServerProcess server(binary, target, session.dir() + "/restored-server.log");
  if (auto started = server.Start(); !started) return std::unexpected("serve the restored database: " + started.error());
  HttpClient client("127.0.0.1", server.port(), 20000);
  auto restored_token = [&]() -> std::expected<std::string, std::string> {
    json body = {{"username", "registrar"}, {"password", "demo12345"}};
    auto response = client.Send("POST", "/api/v1/auth/login", body.dump());
    if (!response || response->status != 200) return std::unexpected("login on the restored database failed");
    return json::parse(response->body, nullptr, false).value("token", "");
  }();
  if (!restored_token) return std::unexpected(restored_token.error());
  int before = 0, during = 0, during_kept = 0, after = 0;
  for (const Written& w : written) {
    const std::string target_path = "/api/v1/appeals/" + std::to_string(w.id);
    auto got = Call(client, *restored_token, "GET", target_path);
    if (!got) return std::unexpected(got.error());
    if (got->status != 200 && got->status != 404) return std::unexpected(Describe("restored GET " + target_path, *got));
    const bool kept = got->status == 200;
    if (w.answered < backup_start) {
      ++before;
      if (!kept) return std::unexpected("appeal " + std::to_string(w.id) + " was acknowledged before the backup began "
                                        "but is not in the restored database");
    } else if (w.sent > backup_end) {
      ++after;
      if (kept) return std::unexpected("appeal " + std::to_string(w.id) + " was sent after the backup ended but is in "
                                       "the restored database");
    } else {
      ++during;
      during_kept += kept;
    }
  }
  if (before == 0 || after == 0) return std::unexpected("the writers did not write both before and after the backup");
  if (during == 0) return std::unexpected("no appeal was written while the backup ran, so it proves nothing");
  session.AddNote("backup_during_writes: " + std::to_string(written.size()) + " appeals POSTed by " +
                  std::to_string(writers) + " clients, " + std::to_string(during) + " while the backup ran (" +
                  std::to_string(during_kept) + " of them in its snapshot); restored and verified, " +
                  std::to_string(before) + " earlier ones all there, " + std::to_string(after) + " later ones absent");
  return {};
}

}  // namespace

std::expected<void, std::string> RunSpecial(Session& session, const std::string& name,
                                            const std::vector<std::string>& args) {
  try {
    if (name == "kill9") return Kill9(session, args.empty() ? 20 : std::stoi(args[0]));
    if (name == "race")
      return Race(session, args.empty() ? 5.0 : std::stod(args[0]), args.size() < 2 ? 4 : std::stoi(args[1]));
    if (name == "replica_lag") return ReplicaLag(session);
    if (name == "pg_outage") return PgOutage(session, args.empty() ? 3.0 : std::stod(args[0]));
    if (name == "ballot_race") return BallotRace(session, args.empty() ? 10 : std::stoi(args[0]));
    // Issue 13, backup and restore.
    if (name == "backup_during_writes") return BackupDuringWrites(session, args.empty() ? 4 : std::stoi(args[0]));
  } catch (const std::exception& e) {
    // nlohmann::json throws on a response of an unexpected shape; report it as a failure.
    return std::unexpected("special " + name + ": unexpected response shape: " + e.what());
  }
  return std::unexpected("unknown special `" + name + "`");
}

}  // namespace minsheng::apitest
