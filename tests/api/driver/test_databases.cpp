#include "test_databases.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "pg_tools.h"
#include "server_process.h"
#include "test_clock.h"

namespace minsheng::apitest {
namespace {

namespace fs = std::filesystem;

}  // namespace

TestDatabases::TestDatabases(Engine engine, std::string binary, std::string work_root, int demo_appeals,
                             std::string admin_url, std::string replica_admin_url)
    : engine_(engine),
      binary_(std::move(binary)),
      work_root_(std::move(work_root)),
      demo_appeals_(demo_appeals),
      admin_url_(std::move(admin_url)),
      replica_admin_url_(std::move(replica_admin_url)) {}

std::expected<void, std::string> TestDatabases::MakeDemo(const std::string& url, const std::string& log_path) const {
  // `demo` may migrate by itself; a failing `migrate` is only worth a note.
  auto migrated = RunCommand({binary_, "migrate", "--db", url}, log_path, 120);
  auto demo = RunCommand({binary_, "demo", "--db", url, "--appeals", std::to_string(demo_appeals_), "--now", TestNowText()}, log_path, 300);
  if (!demo) return std::unexpected(demo.error() + (migrated ? "" : "(and before it: " + migrated.error() + ")"));
  return {};
}

std::expected<void, std::string> TestDatabases::MakeTemplate() {
  if (engine_ == Engine::kSqlite) {
    std::string path = work_root_ + "/template.db";
    auto made = MakeDemo("sqlite:" + path, setup_log());
    if (!made) return made;
    template_ = path;
    return {};
  }
  std::string name = "ms_tpl_" + std::to_string(::getpid());
  auto created = Psql(admin_url_, "CREATE DATABASE " + name, setup_log());
  if (!created) return std::unexpected("create the template database: " + created.error());
  auto made = MakeDemo(WithDatabase(admin_url_, name), setup_log());
  if (!made) {
    (void)Psql(admin_url_, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", setup_log());
    return made;
  }
  template_ = name;
  return {};
}

std::expected<std::string, std::string> TestDatabases::Create(const std::string& dir) {
  std::string log = dir + "/setup.log";
  if (engine_ == Engine::kSqlite) {
    std::string db = dir + "/minsheng.db";
    if (template_.empty()) {
      auto made = MakeDemo("sqlite:" + db, log);
      if (!made) return std::unexpected(made.error());
      return "sqlite:" + db;
    }
    std::error_code ec;
    fs::copy_file(template_, db, ec);
    if (ec) return std::unexpected("copy template database: " + ec.message());
    if (fs::exists(template_ + "-wal")) fs::copy_file(template_ + "-wal", db + "-wal", ec);
    if (ec) return std::unexpected("copy template database's WAL: " + ec.message());
    return "sqlite:" + db;
  }
  std::string name = "ms_" + std::to_string(::getpid()) + "_" + std::to_string(next_++);
  std::string sql = "CREATE DATABASE " + name + (template_.empty() ? "" : " TEMPLATE " + template_);
  // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template; nobody should be, but
  // a moment's retry is cheap.
  std::expected<void, std::string> created;
  for (int attempt = 0; attempt < 5; ++attempt) {
    created = Psql(admin_url_, sql, log);
    if (created) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200 * (attempt + 1)));
  }
  if (!created) return std::unexpected(created.error());
  std::string url = WithDatabase(admin_url_, name);
  if (template_.empty()) {
    auto made = MakeDemo(url, log);
    if (!made) {
      Drop(url, log);
      return std::unexpected(made.error());
    }
  }
  return url;
}

void TestDatabases::Drop(const std::string& url, const std::string& log_path) {
  if (engine_ != Engine::kPostgresql) return;
  (void)Psql(admin_url_, "DROP DATABASE IF EXISTS " + DatabaseOf(url) + " WITH (FORCE)", log_path);
}

void TestDatabases::DropTemplate() {
  if (engine_ != Engine::kPostgresql || template_.empty()) return;
  (void)Psql(admin_url_, "DROP DATABASE IF EXISTS " + template_ + " WITH (FORCE)", setup_log());
  template_.clear();
}

std::string TestDatabases::ReplicaUrl(const std::string& url) const {
  if (!has_replica()) return {};
  return WithDatabase(replica_admin_url_, DatabaseOf(url));
}

std::expected<void, std::string> TestDatabases::WaitOnReplica(const std::string& url, const std::string& log_path,
                                                              int timeout_s) const {
  std::string replica = ReplicaUrl(url);
  if (replica.empty()) return std::unexpected("no replica (MINSHENG_TEST_PG_REPLICA)");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  std::expected<void, std::string> last;
  while (true) {
    last = Psql(replica, "select 1", log_path, 10);
    if (last) return {};
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return std::unexpected("database " + DatabaseOf(url) + " did not reach the replica within " +
                         std::to_string(timeout_s) + " s: " + last.error());
}

std::expected<void, std::string> TestDatabases::SetReplayPaused(bool paused, const std::string& log_path) const {
  if (!has_replica()) return std::unexpected("no replica (MINSHENG_TEST_PG_REPLICA)");
  return Psql(replica_admin_url_, paused ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()", log_path,
              20);
}

std::expected<std::string, std::string> TestDatabases::ReplayState(const std::string& log_path) const {
  if (!has_replica()) return std::unexpected("no replica (MINSHENG_TEST_PG_REPLICA)");
  return PsqlValue(replica_admin_url_, "SELECT pg_get_wal_replay_pause_state()", log_path, 20);
}

}  // namespace minsheng::apitest
