#include "cli/rollups_command.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "app/rollup_upkeep.h"
#include "cli/options.h"
#include "core/calendar.h"
#include "store/migrations.h"

namespace minsheng::cli {
namespace {

int Refuse(const Error& e) {
  std::cerr << "minsheng rollups: " << e.message << (e.field.empty() ? "" : " (" + e.field + ")") << "\n";
  return e.kind == ErrorKind::kInvalid ? 2 : 1;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void PrintDifference(const store::RollupDifference& d) {
  std::cout << "  " << RollupSpanName(d.period.span) << " "
            << FormatDate(std::chrono::sys_days(std::chrono::days(d.period.first_day))) << " street "
            << d.group.street_id << " region " << d.group.region_id << " unit " << d.group.lead_unit_id << " category "
            << d.group.category_id << " channel " << d.group.channel << " deputy " << d.group.deputy_id << ":";
  for (std::size_t i = 0; i < kTallyColumns; ++i)
    if (d.stored.n[i] != d.counted.n[i])
      std::cout << " " << TallyColumnName(i) << " stored " << d.stored.n[i] << " counted " << d.counted.n[i];
  std::cout << "\n";
}

}  // namespace

int RunRollupsCommand(std::vector<std::string> args) {
  bool check = false, rebuild = false;
  std::erase_if(args, [&](const std::string& a) {  // flags without a value
    if (a == "--check") return check = true;
    if (a == "--rebuild") return rebuild = true;
    return false;
  });
  auto flags = Flags::Parse(args, {"db"});
  if (!flags) return Refuse(flags.error());
  const std::string url = flags->Get("db", "");
  if (url.empty()) return Refuse(Error::Invalid("bad_flag", "需要给出 --db", "db"));
  if (check == rebuild) return Refuse(Error::Invalid("bad_flag", "需要给出 --check 或 --rebuild 之一", "check"));
  auto db = store::OpenDatabase(url);
  if (!db) return Refuse(db.error());
  auto applied = store::Migrate(**db);
  if (!applied) return Refuse(applied.error());
  const auto start = std::chrono::steady_clock::now();
  if (rebuild) {
    auto rows = app::RebuildRollups(**db);
    if (!rows) return Refuse(rows.error());
    std::cout << "rebuilt the rollups: " << *rows << " rows in " << SecondsSince(start) << " s\n";
    return 0;
  }
  auto result = app::CheckRollups(**db);
  if (!result) return Refuse(result.error());
  std::cout << "recounted " << result->appeals << " appeals against " << result->stored_rows << " rollup rows and "
            << result->pending_deltas << " pending changes in " << SecondsSince(start) << " s\n";
  if (result->difference_count == 0) {
    std::cout << "the rollups agree with the appeals\n";
    return 0;
  }
  std::cout << result->difference_count << " stored periods differ from the recount"
            << (result->differences.size() < static_cast<std::size_t>(result->difference_count) ? "; the first:" : ":")
            << "\n";
  for (const auto& d : result->differences) PrintDifference(d);
  std::cout << "run `minsheng rollups --db URL --rebuild` to rewrite them from the appeals\n";
  return 1;
}

}  // namespace minsheng::cli
