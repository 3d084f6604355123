// Where each scenario's database comes from: a copy of a demo SQLite file, or a PostgreSQL database created
// from a demo template database on a private cluster (MINSHENG_TEST_PG), optionally with its streaming
// replica (MINSHENG_TEST_PG_REPLICA).
#pragma once

#include <atomic>
#include <expected>
#include <string>

namespace minsheng::apitest {

enum class Engine { kSqlite, kPostgresql };

class TestDatabases {
 public:
  // SQLite: files under work_root. PostgreSQL: admin_url is the `postgres` database of the cluster as a
  // superuser; replica_admin_url the same on its streaming replica ("" if there is none).
  TestDatabases(Engine engine, std::string binary, std::string work_root, int demo_appeals,
                std::string admin_url = {}, std::string replica_admin_url = {});
  TestDatabases(const TestDatabases&) = delete;
  TestDatabases& operator=(const TestDatabases&) = delete;

  Engine engine() const { return engine_; }
  const char* engine_name() const { return engine_ == Engine::kSqlite ? "sqlite" : "postgresql"; }
  bool has_replica() const { return engine_ == Engine::kPostgresql && !replica_admin_url_.empty(); }
  const std::string& replica_admin_url() const { return replica_admin_url_; }

  // Creates the demo template (migrate, then demo). Without it each Create runs migrate and demo itself.
  std::expected<void, std::string> MakeTemplate();
  // A fresh demo database for one scenario whose files live in `dir`; returns the URL for `--db`.
  std::expected<std::string, std::string> Create(const std::string& dir);
  // Removes a database Create made (PostgreSQL: DROP DATABASE … WITH (FORCE); SQLite: nothing, the
  // scenario directory goes with it). Errors are only logged to log_path.
  void Drop(const std::string& url, const std::string& log_path);
  // Drops the template (PostgreSQL).
  void DropTemplate();
  // The URL of `url`'s database on the replica ("" without one).
  std::string ReplicaUrl(const std::string& url) const;
  // Waits (up to timeout_s) until `url`'s database has reached the replica and accepts connections.
  std::expected<void, std::string> WaitOnReplica(const std::string& url, const std::string& log_path,
                                                 int timeout_s = 10) const;
  // Pauses (or resumes) WAL replay on the replica: pg_wal_replay_pause() / pg_wal_replay_resume().
  std::expected<void, std::string> SetReplayPaused(bool paused, const std::string& log_path) const;
  // The replica's pg_get_wal_replay_pause_state(): "not paused", "pause requested" or "paused".
  std::expected<std::string, std::string> ReplayState(const std::string& log_path) const;
  // Where the template's and psql's output goes.
  std::string setup_log() const { return work_root_ + "/setup.log"; }

 private:
  std::expected<void, std::string> MakeDemo(const std::string& url, const std::string& log_path) const;

  Engine engine_;
  std::string binary_;
  std::string work_root_;
  int demo_appeals_;
  std::string admin_url_;
  std::string replica_admin_url_;
  std::string template_;  // SQLite: the template file; PostgreSQL: the template database's name
  std::atomic<int> next_{0};
};

}  // namespace minsheng::apitest
