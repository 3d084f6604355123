// The PostgreSQL engine of the Database interface (libpq): a pool of connections to the primary,
// and optionally one to a streaming replica for ReadMayLag. Writes run in REPEATABLE READ
// transactions and are retried on serialization failures and deadlocks, so two servers racing on
// one row never both win. Callers normally reach it through OpenDatabase("postgresql://…").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "store/database.h"

namespace minsheng::store {

// Counters, for tests and benchmarks.
struct PgStats {
  std::int64_t commits = 0;          // write transactions committed
  std::int64_t retries = 0;          // write transactions run again after a serialization failure
  std::int64_t replica_reads = 0;    // ReadMayLag calls answered by the replica
  std::int64_t replica_fallbacks = 0;  // ReadMayLag calls sent to the primary because the replica failed
  std::int64_t round_trips = 0;      // exchanges with a server waited for (a batch of pipelined statements is one)
};

class PgDatabase final : public Database {
 public:
  // Connects options.pg_connections times to `url` (a libpq URI, "postgresql://user@host:port/db"),
  // and as often to options.replica_url if set.
  static Result<std::unique_ptr<PgDatabase>> Open(const std::string& url, const DatabaseOptions& options = {});
  ~PgDatabase() override;

  Status Write(const Work& work) override;
  Status Read(const Work& work) override;
  // On the replica when there is one; on the primary when there is none or it cannot be reached
  // (then the replica rests for a few seconds before it is tried again).
  Status ReadMayLag(const Work& work) override;
  std::string_view Engine() const override { return "postgresql"; }
  bool ReadsWait() const override { return true; }

  PgStats Stats() const;

 private:
  struct Impl;
  explicit PgDatabase(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

namespace detail {
// Rewrites `?` placeholders to `$1`, `$2` … outside quotes and comments.
std::string NumberPlaceholders(std::string_view sql);
}  // namespace detail

}  // namespace minsheng::store
