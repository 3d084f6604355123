#include "cli/commands.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "cli/backup_commands.h"
#include "cli/demo.h"
#include "cli/options.h"
#include "cli/rollups_command.h"
#include "cli/routing_commands.h"
#include "cli/serve.h"
#include "core/calendar.h"
#include "store/copy.h"
#include "store/database.h"
#include "store/migrations.h"

namespace minsheng::cli {
namespace {

constexpr const char* kDefaultDb = "sqlite:var/minsheng.db";

constexpr const char* kUsage = R"(minsheng — every resident's appeal received, routed, followed and answered.

usage: minsheng <command> [flags]

commands:
  serve     run the HTTP server
              --listen 127.0.0.1:8080   address and port
              --db sqlite:var/minsheng.db  or  postgresql://user@host:port/dbname
              --db-replica postgresql://…  a streaming replica for lists and metrics (optional)
              --db-connections N        database connections (default: SQLite 4 readers, PostgreSQL 16)
              --io-threads 2 --worker-threads 64
              --sweep-seconds 30        deadline sweep interval
              --clock-offset 0          shift the clock forward by seconds (for tests)
              --now 2026-11-18T10:00:00+08:00  start the clock at this instant; it runs on from there (for
                                        tests and demonstrations; --clock-offset adds to it)
              --web-root PATH           built web app to serve (optional)
              --chromium /usr/bin/chromium  prints bulletins to PDF (none: no PDFs) --print-timeout 60
              --bulk-threads 2          threads for exports and prints, at a lower CPU priority
              --public-metrics-cache 60 seconds an answer of /api/v1/public/metrics is reused (0: never)
              --public-metrics-limit 120  its calls per client address per minute (0: no limit)
              --list-count-cap 10000    lists count at most this many appeals, then show "10000+" (0: no cap)
  demo      load demo data into an empty database
              --db URL --appeals 2000 --seed 20261122
              --texts ../shared/data/messages  message CSVs for the appeals beyond the first 2,000 (bulk-loaded
                                        over three years; a missing folder: the demo's own texts)
              --now 2026-11-18T10:00:00+08:00  the moment the demo's stories run up to (default: now)
  migrate   apply pending schema migrations
              --db URL
  copy      move a whole installation into a new, empty database, verified by row counts and checksums
              --from sqlite:var/minsheng.db --to postgresql://user@host:port/dbname
              --verify-only             only compare the row counts and checksums of the two
  rollups   the per-period counts behind the metrics (issue 13)
              --db URL --check          recount them from the appeals and report any difference
              --db URL --rebuild        rewrite them from the appeals
  backup    an online backup (SQLite backup API / pg_dump) on one snapshot, with a manifest of every
            table's rows and checksum (FILE.manifest.json); servers may keep writing meanwhile
              --db sqlite:var/minsheng.db  or  postgresql://…   --to FILE (must not exist yet)
  restore   bring a backup into an empty database and verify it against its manifest
              --db URL (an empty database of the backup's engine)   --from FILE
  train     train a routing classifier on a CSV and print its figures on a held-out 10% (issue 14)
              --data FILE.csv --text-column NAME --label-column NAME --model PATH
  classify  classify JSON Lines ({"text": "..."}) from standard input with a trained model
              --model PATH --top 3
)";

int Report(const Error& e) {
  std::cerr << "minsheng: " << e.message << (e.field.empty() ? "" : " (" + e.field + ")") << "\n";
  return e.kind == ErrorKind::kInvalid ? 2 : 1;
}

Result<std::unique_ptr<store::Database>> OpenAndMigrate(const std::string& url) {
  MS_ASSIGN(db, store::OpenDatabase(url));
  MS_ASSIGN(applied, store::Migrate(*db));
  for (const auto& name : applied) std::cerr << "migrated " << name << "\n";
  return db;
}

int RunMigrate(const std::vector<std::string>& args) {
  auto flags = Flags::Parse(args, {"db"});
  if (!flags) return Report(flags.error());
  auto db = OpenAndMigrate(flags->Get("db", kDefaultDb));
  if (!db) return Report(db.error());
  std::cout << "schema is up to date\n";
  return 0;
}

int RunDemoCommand(const std::vector<std::string>& args) {
  auto flags = Flags::Parse(args, {"db", "appeals", "seed", "now", "texts"});  // issue 13: --texts
  if (!flags) return Report(flags.error());
  auto appeals = flags->GetInt("appeals", 2000, 0, 20000000);
  if (!appeals) return Report(appeals.error());
  auto seed = flags->GetInt("seed", 20261122, 0, std::numeric_limits<long long>::max());
  if (!seed) return Report(seed.error());
  auto db = OpenAndMigrate(flags->Get("db", kDefaultDb));
  if (!db) return Report(db.error());
  DemoOptions options;
  options.appeals = static_cast<int>(*appeals);
  options.seed = static_cast<std::uint64_t>(*seed);
  options.now = SystemClock().Now();
  // Issue 13: beyond the stories, texts from the message CSVs (default: the shared data beside the checkout).
  options.texts_dir = flags->Get("texts", "../shared/data/messages");
  options.progress = true;
  if (flags->Has("now")) {
    auto now = ParseTimestamp(flags->Get("now", ""), "now");
    if (!now) return Report(now.error());
    options.now = *now;
  }
  auto status = RunDemo(**db, options);
  if (!status) return Report(status.error());
  return 0;
}

int RunServeCommand(const std::vector<std::string>& args) {
  auto flags = Flags::Parse(args, {"listen", "db", "db-replica", "db-connections", "io-threads", "worker-threads",
                                   "sweep-seconds", "clock-offset", "now", "web-root",
                                   "chromium", "print-timeout",  // issue 12, bulletins
                                   "bulk-threads", "public-metrics-cache", "public-metrics-limit",  // issue 13
                                   "list-count-cap"});
  if (!flags) return Report(flags.error());
  ServeOptions o;
  o.db_url = flags->Get("db", kDefaultDb);
  o.db_replica_url = flags->Get("db-replica", "");
  const std::string listen = flags->Get("listen", "127.0.0.1:8080");
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return Report(Error::Invalid("bad_flag", "--listen must be HOST:PORT", "listen"));
  o.address = listen.substr(0, colon);
  try {
    const int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    o.port = static_cast<unsigned short>(port);
  } catch (const std::exception&) {
    return Report(Error::Invalid("bad_flag", "--listen port must be 0-65535", "listen"));
  }
  auto io = flags->GetInt("io-threads", 2, 1, 64);
  auto workers = flags->GetInt("worker-threads", 64, 1, 1024);
  auto sweep = flags->GetInt("sweep-seconds", 30, 1, 3600);
  auto offset = flags->GetInt("clock-offset", 0, -100LL * 365 * 86400, 100LL * 365 * 86400);
  auto connections = flags->GetInt("db-connections", 0, 0, 256);
  for (const auto* r : {&io, &workers, &sweep, &offset, &connections})
    if (!*r) return Report(r->error());
  o.io_threads = static_cast<int>(*io);
  o.worker_threads = static_cast<int>(*workers);
  o.sweep_seconds = static_cast<int>(*sweep);
  o.clock_offset_seconds = *offset;
  if (flags->Has("now")) {
    auto now = ParseTimestamp(flags->Get("now", ""), "now");
    if (!now) return Report(now.error());
    o.clock_offset_seconds += *now - SystemClock().Now();
  }
  o.db_connections = static_cast<int>(*connections);
  o.web_root = flags->Get("web-root", "");
  // Issue 12, bulletins.
  o.chromium = flags->Get("chromium", o.chromium);
  if (o.chromium == "none") o.chromium.clear();
  auto print_timeout = flags->GetInt("print-timeout", 60, 5, 600);
  if (!print_timeout) return Report(print_timeout.error());
  o.print_timeout_seconds = static_cast<int>(*print_timeout);
  // Issue 13: the bulk pool and the public numbers' cache and limit.
  auto bulk = flags->GetInt("bulk-threads", o.bulk_threads, 1, 64);
  auto metrics_cache = flags->GetInt("public-metrics-cache", o.public_metrics_cache_seconds, 0, 3600);
  auto metrics_limit = flags->GetInt("public-metrics-limit", o.public_metrics_per_minute, 0, 1000000);
  for (const auto* r : {&bulk, &metrics_cache, &metrics_limit})
    if (!*r) return Report(r->error());
  o.bulk_threads = static_cast<int>(*bulk);
  o.public_metrics_cache_seconds = static_cast<int>(*metrics_cache);
  o.public_metrics_per_minute = static_cast<int>(*metrics_limit);
  // Issue 13, lists.
  auto count_cap = flags->GetInt("list-count-cap", 10000, 0, 1000000000);
  if (!count_cap) return Report(count_cap.error());
  o.list_count_cap = *count_cap;
  auto status = Serve(o);
  if (!status) return Report(status.error());
  return 0;
}

// `minsheng copy`: migrates both databases, copies (unless --verify-only) and prints per-table
// rows, checksums and seconds; exits 0 only when every table matched.
int RunCopy(std::vector<std::string> args) {
  const auto flag = std::ranges::find(args, "--verify-only");  // a flag without a value
  const bool verify_only = flag != args.end();
  if (verify_only) args.erase(flag);
  auto flags = Flags::Parse(args, {"from", "to"});
  if (!flags) return Report(flags.error());
  const std::string from_url = flags->Get("from", ""), to_url = flags->Get("to", "");
  if (from_url.empty() || to_url.empty())
    return Report(Error::Invalid("bad_flag", "需要同时给出 --from 和 --to", from_url.empty() ? "from" : "to"));
  if (from_url == to_url) return Report(Error::Invalid("bad_flag", "--from 和 --to 不能是同一个数据库", "to"));
  store::DatabaseOptions options;  // one reader and one writer at a time are all a copy uses
  options.read_connections = 1;
  options.pg_connections = 2;
  auto open = [&](const std::string& url) -> Result<std::unique_ptr<store::Database>> {
    MS_ASSIGN(db, store::OpenDatabase(url, options));
    if (!verify_only) {
      MS_ASSIGN(applied, store::Migrate(*db));
      for (const auto& name : applied) std::cerr << "migrated " << name << "\n";
    }
    return db;
  };
  auto from = open(from_url);
  if (!from) return Report(from.error());
  auto to = open(to_url);
  if (!to) return Report(to.error());
  store::CopyOptions copy_options;
  copy_options.on_table = [](const store::TableReport& t) {
    std::cerr << "copied " << t.table << ": " << t.rows << " rows\n";
  };
  auto report = verify_only ? store::VerifyCopy(**from, **to) : store::CopyDatabase(**from, **to, copy_options);
  if (!report) return Report(report.error());
  PrintTableReport(std::cout, report->tables, report->seconds);
  std::cout << "verified\n";
  return 0;
}

}  // namespace

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "serve") return RunServeCommand(args);
  if (command == "demo") return RunDemoCommand(args);
  if (command == "migrate") return RunMigrate(args);
  if (command == "copy") return RunCopy(args);
  if (command == "rollups") return RunRollupsCommand(args);
  // Issue 14, routing suggestions on files.
  if (command == "train") return RunTrain(args, std::cout, std::cerr);
  if (command == "classify") return RunClassify(args, std::cin, std::cout, std::cerr);
  // Issue 13, backup and restore.
  if (command == "backup" || command == "restore") {
    auto done = command == "backup" ? RunBackup(args) : RunRestore(args);
    return done ? 0 : Report(done.error());
  }
  std::cerr << "minsheng: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}

}  // namespace minsheng::cli
