#include "cli/backup_commands.h"

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/options.h"
#include "cli/progress.h"
#include "store/backup.h"

namespace minsheng::cli {
namespace {

std::string Bytes(std::int64_t bytes) {
  if (bytes >= 1024LL * 1024 * 1024) return Fixed(static_cast<double>(bytes) / (1024.0 * 1024 * 1024), 2) + " GiB";
  if (bytes >= 1024LL * 1024) return Fixed(static_cast<double>(bytes) / (1024.0 * 1024), 1) + " MiB";
  return std::to_string(bytes) + " bytes";
}

// How backup and restore show their phases (cli/progress.h).
PhaseLook BackupPhase(std::string_view phase) {
  if (phase == "pg_dump" || phase == "pg_restore") return {std::string(phase), "", true};
  if (phase == "copy") return {"copying", "pages"};
  return {phase == "verify" ? "verifying" : "checksums", "rows"};
}

// What backup and restore are given: the database, the file, and options that report progress.
struct Invocation {
  std::string db, file;
  std::shared_ptr<Progress> progress = std::make_shared<Progress>(BackupPhase);
  store::BackupOptions options;
};

Result<Invocation> Parse(const std::vector<std::string>& args, const std::string& file_flag) {
  MS_ASSIGN(flags, Flags::Parse(args, {"db", file_flag, "pages-per-step"}));
  Invocation run{flags.Get("db", ""), flags.Get(file_flag, "")};
  if (run.db.empty() || run.file.empty()) {
    return Fail(Error::Invalid("bad_flag", "需要同时给出 --db 和 --" + file_flag, run.db.empty() ? "db" : file_flag));
  }
  MS_ASSIGN(pages, flags.GetInt("pages-per-step", 1024, 1, 1 << 20));
  run.options.sqlite_pages_per_step = static_cast<int>(pages);
  run.options.on_progress = [progress = run.progress](std::string_view phase, std::int64_t done, std::int64_t total) {
    (*progress)(phase, done, total);
  };
  return run;
}

}  // namespace

void PrintTableReport(std::ostream& out, const std::vector<store::TableReport>& tables, double seconds) {
  std::int64_t total = 0;
  out << std::left << std::setw(28) << "table" << std::right << std::setw(10) << "rows" << "  " << std::setw(16)
      << "checksum" << std::setw(10) << "seconds" << "\n";
  for (const auto& t : tables) {
    total += t.rows;
    out << std::left << std::setw(28) << t.table << std::right << std::setw(10) << t.rows << "  "
        << store::ChecksumHex(t.checksum) << std::setw(10) << Fixed(t.seconds, 2) << "\n";
  }
  out << std::left << std::setw(28) << "total" << std::right << std::setw(10) << total << "  " << std::setw(16) << ""
      << std::setw(10) << Fixed(seconds, 2) << "\n";
}

Status RunBackup(const std::vector<std::string>& args) {
  MS_ASSIGN(run, Parse(args, "to"));
  const std::string& db = run.db;
  const std::string& to = run.file;
  auto backed_up = store::BackupDatabase(db, to, run.options);
  run.progress->Finish();
  MS_ASSIGN(m, std::move(backed_up));
  PrintTableReport(std::cout, m.report.tables, m.checksum_seconds);
  std::cout << "backed up " << db << " to " << to << " (" << Bytes(m.bytes) << ", " << m.report.tables.size()
            << " tables, " << m.Rows() << " rows, schema " << m.Schema() << ", snapshot of " << m.taken_at << ") in "
            << Fixed(m.seconds, 2) << " s (checksums " << Fixed(m.checksum_seconds, 2) << " s, "
            << (m.engine == "postgresql" ? "pg_dump " : "copy ") << Fixed(m.copy_seconds, 2) << " s); manifest "
            << store::ManifestPath(to) << "\n";
  return {};
}

Status RunRestore(const std::vector<std::string>& args) {
  MS_ASSIGN(run, Parse(args, "from"));
  const std::string& db = run.db;
  const std::string& from = run.file;
  auto restored = store::RestoreDatabase(db, from, run.options);
  run.progress->Finish();
  MS_ASSIGN(r, std::move(restored));
  PrintTableReport(std::cout, r.restored.tables, r.restored.seconds);
  std::cout << "restored " << from << " (snapshot of " << r.manifest.taken_at << ") into " << db << " ("
            << r.restored.tables.size() << " tables, " << r.manifest.Rows() << " rows, schema " << r.manifest.Schema()
            << ") in " << Fixed(r.seconds, 2) << " s (" << (r.manifest.engine == "postgresql" ? "pg_restore " : "copy ")
            << Fixed(r.copy_seconds, 2) << " s, verify " << Fixed(r.verify_seconds, 2)
            << " s); every table's rows and checksum match the manifest\n"
            << "verified\n";
  return {};
}

}  // namespace minsheng::cli
