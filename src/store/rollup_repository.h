// The per-period counts behind the metrics (core/rollup.h, DESIGN.md §5 "Numbers at scale"). Every write of an
// appeal appends what it changed in the counts ("after minus before") to appeal_rollup_deltas, in its own
// transaction, so no writer waits on another's counter row; FoldRollupDeltas moves the deltas into
// appeal_rollups (each into its day, week and month), and the metrics read the rollups plus the deltas not yet
// folded. Written once for both engines.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/rollup.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

// The group an appeal is counted in: 0 stands for none (no street, lead unit or deputy).
struct RollupGroup {
  Id street_id = 0;
  Id region_id = 0;
  Id lead_unit_id = 0;
  Id category_id = 0;
  std::string channel;
  Id deputy_id = 0;
  auto operator<=>(const RollupGroup&) const = default;
};

// Every period's counts are kept three times: per full group; summed over channels and deputies, in a group whose
// channel is kAllChannels and deputy kAllDeputies (migration 0026); and that sum summed again over the regions of
// each street, region kAllRegions (migration 0029). The reports not grouped by channel or deputy read the second,
// about eight times fewer rows than the first; those neither grouped by them nor filtered below a street (the
// district's dashboard, rankings, the published figures) read the third, about eight times fewer again.
inline constexpr std::string_view kAllChannels = "*";
inline constexpr Id kAllDeputies = -1;
inline constexpr Id kAllRegions = -1;

// What an appeal contributes, and where.
struct AppealTally {
  RollupGroup group;
  TallyInput input;
};

// The appeal's tally from its stored row, with the facts kept in other tables (repeats, supervision notices,
// dissatisfaction causes) when `with_side_facts`; nullopt when there is no such appeal.
Result<std::optional<AppealTally>> ReadAppealTally(Tx& tx, Id appeal_id, bool with_side_facts = true);
// The tally of `appeal` as it is about to be stored, with the side facts of `side` (repeats, notices, causes).
AppealTally TallyOfRecord(const AppealRecord& appeal, const TallyInput& side = {});
// Sets the side facts (repeats, notices, causes) of `to` to those of `from`.
void CopySideFacts(const TallyInput& from, TallyInput& to);

// Appends the change from `before` to `after` (nullopt: the appeal did not exist / is gone). Nothing when the
// counts did not change.
Status AppendTallyChange(Tx& tx, const std::optional<AppealTally>& before, const std::optional<AppealTally>& after);
// Runs `change` (a write to a table the tally reads: appeal_repeats, supervision notices, callback causes) and
// appends what it changed in appeal `appeal_id`'s counts.
Status RetallyAround(Tx& tx, Id appeal_id, const std::function<Status()>& change);

// Moves up to `limit` of the oldest deltas into appeal_rollups; returns how many it moved.
Result<std::int64_t> FoldRollupDeltas(Tx& tx, int limit = 20000);

// One stored period and group whose counts differ from a recount of the appeals.
struct RollupDifference {
  RollupPeriod period;
  RollupGroup group;
  Tally stored;   // appeal_rollups plus the deltas not yet folded
  Tally counted;  // recounted from the appeals, their repeats, notices and causes
};
struct RollupCheck {
  std::int64_t appeals = 0;      // recounted
  std::int64_t stored_rows = 0;  // rows of appeal_rollups with any count
  std::int64_t pending_deltas = 0;
  std::vector<RollupDifference> differences;  // the first `max_differences`
  std::int64_t difference_count = 0;
};
// Recounts every appeal (in pages of ids) and compares with the stored counts.
Result<RollupCheck> CheckRollups(Tx& tx, std::size_t max_differences = 20);
// Replaces the rollups (and the pending deltas) with a recount of the appeals; returns the rows written.
Result<std::int64_t> RebuildRollups(Tx& tx);

// Issue 13, bulk load: adds the tallies of appeals written without appending their deltas (store/bulk_appeals.h)
// straight into appeal_rollups, each into its day, week and month.
Status AddTalliesToRollups(Tx& tx, const std::vector<AppealTally>& tallies);

}  // namespace minsheng::store
