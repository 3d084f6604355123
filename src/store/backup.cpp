#include "store/backup.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "store/sqlite_database.h"

extern char** environ;

namespace minsheng::store {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using json = nlohmann::ordered_json;  // the manifest keeps its keys in the documented order

constexpr std::string_view kFormat = "minsheng-backup 1";

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool IsPostgres(std::string_view url) { return url.starts_with("postgresql://") || url.starts_with("postgres://"); }

// The file of a "sqlite:PATH" URL (as OpenDatabase reads it), or nullopt for another engine.
std::optional<std::string> SqlitePath(std::string_view url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (!url.starts_with(kSqlite)) return std::nullopt;
  std::string_view path = url.substr(kSqlite.size());
  if (path.starts_with("//")) path.remove_prefix(2);
  return std::string(path);
}

Result<std::string> EngineOf(std::string_view url) {
  if (IsPostgres(url)) return std::string("postgresql");
  if (auto path = SqlitePath(url); path && !path->empty() && *path != ":memory:") return std::string("sqlite");
  return Fail(Error::Invalid("unsupported_database", "无法识别的数据库地址（应为 sqlite:路径 或 postgresql://…）", "db"));
}

Error ToolFailed(std::string message) { return Error::Conflict("tool_failed", std::move(message)); }

// A child process (pg_dump, pg_restore): stdout discarded, stderr kept in an unnamed file for the
// error message. Killed and reaped if still running when it goes out of scope.
class Child {
 public:
  static Result<std::unique_ptr<Child>> Spawn(const std::vector<std::string>& argv) {
    auto child = std::unique_ptr<Child>(new Child(argv.front()));
    child->stderr_ = std::tmpfile();
    if (child->stderr_ == nullptr) return Fail(Error::Internal("无法创建临时文件：" + std::string(std::strerror(errno))));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fileno(child->stderr_), STDERR_FILENO);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = posix_spawnp(&child->pid_, argv.front().c_str(), &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      child->pid_ = -1;
      if (rc == ENOENT) {
        return Fail(ToolFailed("找不到 " + argv.front() + "（请安装 PostgreSQL 客户端：apt-get install postgresql-client）"));
      }
      return Fail(ToolFailed("无法启动 " + argv.front() + "：" + std::strerror(rc)));
    }
    return child;
  }

  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    if (stderr_ != nullptr) std::fclose(stderr_);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // Waits for the process; an exit other than 0 is "tool_failed" with the end of what it printed.
  Status Wait() {
    int status = 0;
    pid_t r;
    do {
      r = ::waitpid(pid_, &status, 0);
    } while (r < 0 && errno == EINTR);
    pid_ = -1;
    if (r < 0) return Fail(ToolFailed("等待 " + name_ + " 结束失败：" + std::strerror(errno)));
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
    const std::string how = WIFEXITED(status) ? "退出码 " + std::to_string(WEXITSTATUS(status))
                                              : "信号 " + std::to_string(WTERMSIG(status));
    return Fail(ToolFailed(name_ + " 失败（" + how + "）：" + ErrorTail()));
  }

 private:
  explicit Child(std::string name) : name_(std::move(name)) {}

  std::string ErrorTail() {
    std::fflush(stderr_);
    std::rewind(stderr_);
    std::string text;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, stderr_)) > 0) text.append(buf, n);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    constexpr std::size_t kMax = 2000;
    if (text.size() > kMax) {
      std::size_t cut = text.size() - kMax;
      while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;  // a whole UTF-8 character
      text = "…" + text.substr(cut);
    }
    return text.empty() ? "（没有输出）" : text;
  }

  std::string name_;
  pid_t pid_ = -1;
  std::FILE* stderr_ = nullptr;
};

// Removes a file on scope exit unless kept.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  ~TempFile() {
    if (keep_) return;
    std::error_code ec;
    fs::remove(path_, ec);
    for (const char* suffix : {"-journal", "-wal", "-shm"}) fs::remove(path_ + suffix, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }
  void Keep() { keep_ = true; }

 private:
  std::string path_;
  bool keep_ = false;
};

Status WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Fail(Error::Unavailable("无法写入文件 " + path));
  return {};
}

Status Rename(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) return Fail(Error::Unavailable("无法把 " + from + " 改名为 " + to + "：" + ec.message()));
  return {};
}

// Relays ReportDatabase's row progress as `phase`.
ReportOptions RowProgress(const BackupOptions& options, std::string_view phase) {
  ReportOptions report;
  if (options.on_progress) {
    report.on_rows = [&options, phase](std::int64_t done, std::int64_t total) { options.on_progress(phase, done, total); };
  }
  return report;
}

void Announce(const BackupOptions& options, std::string_view phase, bool done) {
  if (options.on_progress) options.on_progress(phase, done ? 1 : 0, done ? 1 : 0);
}

// SQLite: the checksums, then the backup API, in one read transaction of the source file.
Status BackupSqlite(const std::string& source, const std::string& target, const BackupOptions& options,
                    BackupManifest& manifest) {
  SqliteBackupOptions copy;
  copy.pages_per_step = options.sqlite_pages_per_step;
  if (options.on_progress) {
    copy.on_pages = [&](std::int64_t done, std::int64_t total) { options.on_progress("copy", done, total); };
  }
  Clock::time_point copy_start;
  MS_TRY(CopySqliteFile(source, target, copy, [&](Tx& tx) -> Status {
    manifest.taken_at = UtcNow();
    const auto start = Clock::now();
    MS_ASSIGN(report, ReportDatabase(tx, "sqlite", RowProgress(options, "checksums")));
    manifest.report = std::move(report);
    manifest.checksum_seconds = SecondsSince(start);
    copy_start = Clock::now();
    return {};
  }));
  manifest.copy_seconds = SecondsSince(copy_start);
  return {};
}

// PostgreSQL: a REPEATABLE READ transaction exports its snapshot; pg_dump dumps that snapshot while the
// checksums are read in the transaction itself, and the transaction stays open until pg_dump is done.
Status BackupPostgres(const std::string& url, const std::string& target, const BackupOptions& options,
                      BackupManifest& manifest) {
  DatabaseOptions db_options;
  db_options.pg_connections = 1;
  MS_ASSIGN(db, OpenDatabase(url, db_options));
  return db->Read([&](Tx& tx) -> Status {
    MS_ASSIGN(snapshot, tx.QueryOne("SELECT pg_export_snapshot()"));
    manifest.taken_at = UtcNow();
    const auto start = Clock::now();
    Announce(options, "pg_dump", false);
    MS_ASSIGN(dump, Child::Spawn({"pg_dump", "--format=custom", "--snapshot=" + snapshot->Text(0),
                                  "--file=" + target, "--dbname=" + url}));
    MS_ASSIGN(report, ReportDatabase(tx, "postgresql", RowProgress(options, "checksums")));
    manifest.report = std::move(report);
    manifest.checksum_seconds = SecondsSince(start);
    MS_TRY(dump->Wait());
    Announce(options, "pg_dump", true);
    manifest.copy_seconds = SecondsSince(start);
    return {};
  });
}

// Whether a PostgreSQL database has any table in its current schema.
Result<bool> HasTables(Database& db) {
  return ReadValue<bool>(db, [](Tx& tx) -> Result<bool> {
    MS_ASSIGN(any, tx.QueryOne("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                               "AND table_type = 'BASE TABLE' LIMIT 1"));
    return any.has_value();
  });
}

Status RestorePostgres(const std::string& url, const std::string& file, const BackupManifest& manifest,
                       const BackupOptions& options) {
  bool migrated = false;
  {
    DatabaseOptions db_options;
    db_options.pg_connections = 1;
    MS_ASSIGN(db, OpenDatabase(url, db_options));
    MS_TRY(CheckEmpty(*db));
    MS_ASSIGN(has_tables, HasTables(*db));
    if (has_tables) {
      // A migrated, empty database: its tables are dropped and recreated from the dump (--clean), which
      // only covers them all when both are of the same migrations.
      MS_ASSIGN(report, ReportDatabase(*db));
      if (report.migrations != manifest.report.migrations) {
        return Fail(Error::Conflict("schema_mismatch", "目标数据库的迁移版本与备份不同（备份：" + manifest.Schema() +
                                                           "），请恢复到一个新建的空数据库"));
      }
      migrated = true;
    }
  }
  std::vector<std::string> argv = {"pg_restore", "--dbname=" + url, "--single-transaction", "--exit-on-error",
                                   "--no-owner", "--no-privileges"};
  if (migrated) {
    argv.push_back("--clean");
    argv.push_back("--if-exists");
  }
  argv.push_back(file);
  Announce(options, "pg_restore", false);
  MS_ASSIGN(restore, Child::Spawn(argv));
  MS_TRY(restore->Wait());
  Announce(options, "pg_restore", true);
  return {};
}

Status RestoreSqlite(const std::string& path, const std::string& file, const BackupOptions& options) {
  std::error_code ec;
  if (const fs::path parent = fs::path(path).parent_path(); !parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec) return Fail(Error::Unavailable("无法创建目录 " + parent.string() + "：" + ec.message()));
  }
  if (fs::exists(path, ec) && fs::file_size(path, ec) > 0) {
    DatabaseOptions db_options;
    db_options.read_connections = 1;
    MS_ASSIGN(db, OpenDatabase("sqlite:" + path, db_options));
    MS_TRY(CheckEmpty(*db));
  }
  SqliteBackupOptions copy;
  copy.pages_per_step = options.sqlite_pages_per_step;
  if (options.on_progress) {
    copy.on_pages = [&](std::int64_t done, std::int64_t total) { options.on_progress("copy", done, total); };
  }
  return CopySqliteFile(file, path, copy);
}

std::string Hex(std::uint64_t v) { return ChecksumHex(v); }

Result<std::uint64_t> ParseHex(const std::string& text) {
  if (text.size() != 16 || text.find_first_not_of("0123456789abcdef") != std::string::npos)
    return Fail(Error::Invalid("bad_manifest", "备份清单中的校验和不是 16 位十六进制数：" + text));
  return static_cast<std::uint64_t>(std::strtoull(text.c_str(), nullptr, 16));
}

}  // namespace

std::int64_t BackupManifest::Rows() const {
  std::int64_t rows = 0;
  for (const TableReport& t : report.tables) rows += t.rows;
  return rows;
}

std::string BackupManifest::Schema() const { return report.migrations.empty() ? "" : report.migrations.back(); }

std::string ManifestPath(const std::string& backup_file) { return backup_file + ".manifest.json"; }

std::string ManifestToJson(const BackupManifest& m) {
  json tables = json::array();
  for (const TableReport& t : m.report.tables) {
    tables.push_back({{"table", t.table}, {"rows", t.rows}, {"checksum", Hex(t.checksum)}});
  }
  json out = {{"format", kFormat},
              {"engine", m.engine},
              {"file", m.file},
              {"bytes", m.bytes},
              {"taken_at", m.taken_at},
              {"schema", m.Schema()},
              {"migrations", m.report.migrations},
              {"rows", m.Rows()},
              {"seconds", {{"checksums", m.checksum_seconds}, {"copy", m.copy_seconds}, {"total", m.seconds}}},
              {"tables", tables}};
  return out.dump(2) + "\n";
}

Result<BackupManifest> ParseManifest(std::string_view text) {
  const json in = json::parse(text, nullptr, /*allow_exceptions=*/false);
  const auto bad = [](const std::string& what) {
    return Fail(Error::Invalid("bad_manifest", "备份清单无效：" + what));
  };
  if (!in.is_object()) return bad("不是 JSON 对象");
  if (in.value("format", "") != kFormat) return bad("format 应为 \"" + std::string(kFormat) + "\"");
  BackupManifest m;
  const auto text_of = [&](const char* key) -> std::optional<std::string> {
    if (!in.contains(key) || !in[key].is_string()) return std::nullopt;
    return in[key].get<std::string>();
  };
  const auto engine = text_of("engine");
  if (!engine || (*engine != "sqlite" && *engine != "postgresql")) return bad("engine 应为 sqlite 或 postgresql");
  m.engine = *engine;
  m.file = text_of("file").value_or("");
  m.taken_at = text_of("taken_at").value_or("");
  if (in.contains("bytes") && in["bytes"].is_number_integer()) m.bytes = in["bytes"].get<std::int64_t>();
  if (!in.contains("migrations") || !in["migrations"].is_array()) return bad("缺少 migrations");
  for (const json& v : in["migrations"]) {
    if (!v.is_string()) return bad("migrations 应为字符串数组");
    m.report.migrations.push_back(v.get<std::string>());
  }
  if (!in.contains("tables") || !in["tables"].is_array()) return bad("缺少 tables");
  for (const json& t : in["tables"]) {
    if (!t.is_object() || !t.contains("table") || !t["table"].is_string() || !t.contains("rows") ||
        !t["rows"].is_number_integer() || !t.contains("checksum") || !t["checksum"].is_string()) {
      return bad("tables 的每一项应有 table、rows、checksum");
    }
    MS_ASSIGN(checksum, ParseHex(t["checksum"].get<std::string>()));
    m.report.tables.push_back({t["table"].get<std::string>(), t["rows"].get<std::int64_t>(), checksum, 0});
  }
  if (in.contains("seconds") && in["seconds"].is_object()) {
    const json& s = in["seconds"];
    m.checksum_seconds = s.value("checksums", 0.0);
    m.copy_seconds = s.value("copy", 0.0);
    m.seconds = s.value("total", 0.0);
  }
  return m;
}

Result<BackupManifest> ReadManifest(const std::string& backup_file) {
  const std::string path = ManifestPath(backup_file);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(Error{ErrorKind::kNotFound, "manifest_missing",
                      "找不到备份清单 " + path + "（它与备份文件一起写下；没有它无法校验恢复）", "from", {}});
  }
  std::stringstream text;
  text << in.rdbuf();
  return ParseManifest(text.str());
}

Result<BackupManifest> BackupDatabase(const std::string& db_url, const std::string& file, const BackupOptions& options) {
  const auto start = Clock::now();
  MS_ASSIGN(engine, EngineOf(db_url));
  if (file.empty()) return Fail(Error::Invalid("bad_flag", "需要给出备份文件 --to", "to"));
  std::error_code ec;
  if (fs::exists(file, ec) || fs::exists(ManifestPath(file), ec)) {
    return Fail(Error::Conflict("backup_exists", "备份文件已存在：" + file + "（不会覆盖；请换一个文件名或先删除它）"));
  }
  const fs::path parent = fs::path(file).parent_path();
  if (!parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec) return Fail(Error::Unavailable("无法创建目录 " + parent.string() + "：" + ec.message()));
  }
  TempFile partial(file + ".partial");
  TempFile manifest_partial(ManifestPath(file) + ".partial");
  fs::remove(partial.path(), ec);

  BackupManifest manifest;
  manifest.engine = engine;
  manifest.file = fs::path(file).filename().string();
  if (engine == "sqlite") {
    MS_TRY(BackupSqlite(*SqlitePath(db_url), partial.path(), options, manifest));
  } else {
    MS_TRY(BackupPostgres(db_url, partial.path(), options, manifest));
  }
  manifest.bytes = static_cast<std::int64_t>(fs::file_size(partial.path(), ec));
  manifest.seconds = SecondsSince(start);
  MS_TRY(WriteFile(manifest_partial.path(), ManifestToJson(manifest)));
  MS_TRY(Rename(partial.path(), file));
  partial.Keep();
  MS_TRY(Rename(manifest_partial.path(), ManifestPath(file)));
  manifest_partial.Keep();
  return manifest;
}

Result<DatabaseReport> VerifyAgainstManifest(Database& db, const BackupManifest& manifest, const BackupOptions& options) {
  MS_ASSIGN(actual, ReportDatabase(db, RowProgress(options, "verify")));
  MS_TRY(CompareReports(manifest.report, actual, "backup_mismatch", "恢复后的数据与备份清单不一致"));
  return actual;
}

Result<RestoreReport> RestoreDatabase(const std::string& db_url, const std::string& file, const BackupOptions& options) {
  const auto start = Clock::now();
  MS_ASSIGN(engine, EngineOf(db_url));
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return Fail(Error{ErrorKind::kNotFound, "not_found", "备份文件不存在：" + file, "from", {}});
  MS_ASSIGN(manifest, ReadManifest(file));
  if (manifest.engine != engine) {
    return Fail(Error::Invalid("engine_mismatch", "这是 " + manifest.engine + " 的备份，不能恢复到 " + engine +
                                                      " 数据库（在引擎之间请用 minsheng copy）",
                               "db"));
  }
  RestoreReport report;
  if (engine == "sqlite") {
    MS_TRY(RestoreSqlite(*SqlitePath(db_url), file, options));
  } else {
    MS_TRY(RestorePostgres(db_url, file, manifest, options));
  }
  report.copy_seconds = SecondsSince(start);

  const auto verify_start = Clock::now();
  DatabaseOptions db_options;
  db_options.read_connections = 1;
  db_options.pg_connections = 1;
  MS_ASSIGN(db, OpenDatabase(db_url, db_options));
  MS_ASSIGN(restored, VerifyAgainstManifest(*db, manifest, options));
  report.restored = std::move(restored);
  report.verify_seconds = SecondsSince(verify_start);
  report.manifest = std::move(manifest);
  report.seconds = SecondsSince(start);
  return report;
}

}  // namespace minsheng::store
