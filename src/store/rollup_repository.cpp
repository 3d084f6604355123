#include "store/rollup_repository.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/calendar.h"
#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr int kPageRows = 20000;
constexpr std::string_view kGroupColumns = "street_id, region_id, lead_unit_id, category_id, channel, deputy_id";

const std::string& TallyColumnList() {
  static const std::string kList = [] {
    std::string s;
    for (std::size_t i = 0; i < kTallyColumns; ++i) s += (i ? ", " : "") + std::string(TallyColumnName(i));
    return s;
  }();
  return kList;
}

std::string Placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

std::int32_t DayOf(Timestamp t) { return LocalDayNumber(t); }

// The appeal's own columns a tally reads, then (with side facts) the other tables'.
const std::string& TallySelect(bool with_side_facts) {
  static const std::string kBase =
      "SELECT a.id, COALESCE(a.street_id, 0), a.region_id, COALESCE(a.lead_unit_id, 0), a.category_id, a.channel, "
      "COALESCE(a.deputy_id, 0), a.created_at, a.status, a.dispatched_at, a.first_contact_at, "
      "a.first_contact_on_time, a.replied_at, a.closed_on_time, a.callback_count, a.last_resolved, "
      "a.last_satisfaction, a.reopen_count";
  static const std::string kWithSide = [] {
    std::string s =
        kBase +
        ", CASE WHEN EXISTS (SELECT 1 FROM appeal_repeats x WHERE x.appeal_id = a.id) THEN 1 ELSE 0 END"
        ", CASE WHEN EXISTS (SELECT 1 FROM supervision_notices x WHERE x.appeal_id = a.id) THEN 1 ELSE 0 END"
        ", CASE WHEN EXISTS (SELECT 1 FROM manual_supervision_notices x WHERE x.appeal_id = a.id) "
        "THEN 1 ELSE 0 END";
    for (auto cause : AllCauses())
      s += ", (SELECT COUNT(*) FROM callback_causes x WHERE x.appeal_id = a.id AND x.cause = '" +
           std::string(CauseName(cause)) + "')";
    return s + " FROM appeals a";
  }();
  static const std::string kWithoutSide = kBase + " FROM appeals a";
  return with_side_facts ? kWithSide : kWithoutSide;
}

TallyInput BaseInput(const AppealRecord& a) {
  TallyInput in;
  in.day = DayOf(a.created_at);
  in.closed = a.status == "closed";
  in.finished = in.closed || a.status == "merged" || a.status == "rejected";
  in.dispatched = a.dispatched_at.has_value();
  in.contacted = a.first_contact_at.has_value();
  in.contacted_on_time = a.first_contact_on_time == 1;
  in.replied = a.replied_at.has_value();
  in.closed_on_time = a.closed_on_time == 1;
  in.called_back = a.callback_count > 0;
  in.resolved = a.last_resolved == 1;
  in.satisfied = a.last_satisfaction == "satisfied" || a.last_satisfaction == "basically_satisfied";
  in.reopened = a.reopen_count > 0;
  return in;
}

RollupGroup GroupOf(const AppealRecord& a) {
  return {a.street_id.value_or(0), a.region_id, a.lead_unit_id.value_or(0),
          a.category_id,           a.channel,   a.deputy_id.value_or(0)};
}

AppealTally ReadTallyRow(const Row& r, bool with_side_facts) {
  ColumnReader c(r);
  AppealRecord a;
  a.id = c.Int();
  a.street_id = c.Int();
  a.region_id = c.Int();
  a.lead_unit_id = c.Int();
  a.category_id = c.Int();
  a.channel = c.Text();
  a.deputy_id = c.Int();
  a.created_at = c.Int();
  a.status = c.Text();
  a.dispatched_at = c.OptInt();
  a.first_contact_at = c.OptInt();
  a.first_contact_on_time = c.OptInt32();
  a.replied_at = c.OptInt();
  a.closed_on_time = c.OptInt32();
  a.callback_count = static_cast<int>(c.Int());
  a.last_resolved = c.OptInt32();
  a.last_satisfaction = c.OptText();
  a.reopen_count = static_cast<int>(c.Int());
  AppealTally t{GroupOf(a), BaseInput(a)};
  if (with_side_facts) {
    t.input.repeats = c.Int() != 0;
    t.input.supervised = c.Int() != 0;
    t.input.manually_supervised = c.Int() != 0;
    for (auto& n : t.input.causes) n = c.Int();
  }
  return t;
}

void AddGroupParams(const RollupGroup& g, Params& p) {
  for (Value v : {Value(g.street_id), Value(g.region_id), Value(g.lead_unit_id), Value(g.category_id), Value(g.channel),
                  Value(g.deputy_id)})
    p.push_back(std::move(v));
}

void AddTallyParams(const Tally& t, Params& p) {
  for (auto n : t.n) p.push_back(n);
}

Status AppendDelta(Tx& tx, const RollupGroup& group, std::int32_t day, const Tally& delta) {
  if (delta.IsZero()) return {};
  static const std::string kSql = "INSERT INTO appeal_rollup_deltas (day, " + std::string(kGroupColumns) + ", " +
                                  TallyColumnList() + ") VALUES (" + Placeholders(7 + kTallyColumns) + ")";
  Params p{std::int64_t{day}};
  AddGroupParams(group, p);
  AddTallyParams(delta, p);
  return tx.ExecuteLater(kSql, p);  // issue 13 (pgintake): sent with the next statement or the commit
}

RollupGroup ReadGroup(ColumnReader& c) {
  RollupGroup g;
  g.street_id = c.Int();
  g.region_id = c.Int();
  g.lead_unit_id = c.Int();
  g.category_id = c.Int();
  g.channel = c.Text();
  g.deputy_id = c.Int();
  return g;
}

Tally ReadTally(ColumnReader& c) {
  Tally t;
  for (auto& n : t.n) n = c.Int();
  return t;
}

using PeriodKey = std::tuple<RollupSpan, std::int32_t, RollupGroup>;
using Tallies = std::map<PeriodKey, Tally>;

// Into each period that holds `day`, under `group`, its channels-and-deputies sum and its street's sum of those.
void AddToPeriods(Tallies& into, const RollupGroup& group, std::int32_t day, const Tally& t) {
  RollupGroup all = group;
  all.channel = kAllChannels;
  all.deputy_id = kAllDeputies;
  RollupGroup street = all;
  street.region_id = kAllRegions;
  for (const auto& p : PeriodsOf(day)) {
    into[{p.span, p.first_day, group}] += t;
    into[{p.span, p.first_day, all}] += t;
    into[{p.span, p.first_day, street}] += t;
  }
}

RollupSpan SpanNamed(std::string_view name) {
  if (name == "week") return RollupSpan::kWeek;
  if (name == "month") return RollupSpan::kMonth;
  return RollupSpan::kDay;
}

// Adds every non-zero tally of `sums` into its row of appeal_rollups (made when missing), with multi-row
// upserts: a bulk load or a fold adds tens of thousands of rows at once, and one statement a row cost ~9 µs each
// at 1M appeals. The keys of a map are distinct, as PostgreSQL requires of one ON CONFLICT statement.
Status UpsertRollups(Tx& tx, const Tallies& sums) {
  constexpr std::size_t kColumns = 8 + kTallyColumns;
  constexpr std::size_t kRowsPerStatement = std::min<std::size_t>(500, 32000 / kColumns);
  auto sql = [](std::size_t rows) {
    std::string s = "INSERT INTO appeal_rollups (span, first_day, " + std::string(kGroupColumns) + ", " +
                    TallyColumnList() + ") VALUES ";
    const std::string tuple = "(" + Placeholders(kColumns) + ")";
    for (std::size_t r = 0; r < rows; ++r) {
      if (r > 0) s += ", ";
      s += tuple;
    }
    s += " ON CONFLICT (span, first_day, " + std::string(kGroupColumns) + ") DO UPDATE SET ";
    for (std::size_t i = 0; i < kTallyColumns; ++i) {
      const std::string_view name = TallyColumnName(i);
      if (i > 0) s += ", ";
      s.append(name).append(" = appeal_rollups.").append(name).append(" + excluded.").append(name);
    }
    return s;
  };
  static const std::string kFull = sql(kRowsPerStatement);
  Params p;
  p.reserve(kRowsPerStatement * kColumns);
  auto flush = [&]() -> Status {
    const std::size_t rows = p.size() / kColumns;
    if (rows > 0) MS_TRY(tx.Execute(rows == kRowsPerStatement ? kFull : sql(rows), p));
    p.clear();
    return {};
  };
  for (const auto& [key, tally] : sums) {
    if (tally.IsZero()) continue;
    const auto& [span, first_day, group] = key;
    p.emplace_back(std::string(RollupSpanName(span)));
    p.emplace_back(std::int64_t{first_day});
    AddGroupParams(group, p);
    AddTallyParams(tally, p);
    if (p.size() == kRowsPerStatement * kColumns) MS_TRY(flush());
  }
  return flush();
}

// Every appeal's tally, recounted page by page, added into its periods.
Result<std::int64_t> Recount(Tx& tx, Tallies& into) {
  const std::string sql = TallySelect(true) + " WHERE a.id > ? ORDER BY a.id LIMIT ?";
  std::int64_t appeals = 0;
  for (Id after = 0;;) {
    MS_ASSIGN(rows, tx.Query(sql, {after, std::int64_t{kPageRows}}));
    for (const auto& row : rows) {
      const AppealTally t = ReadTallyRow(row, true);
      AddToPeriods(into, t.group, t.input.day, TallyOf(t.input));
      after = row.Int(0);
    }
    appeals += static_cast<std::int64_t>(rows.size());
    if (rows.size() < static_cast<std::size_t>(kPageRows)) return appeals;
  }
}

// The stored counts: appeal_rollups, plus the deltas not folded yet (added into their periods).
Result<std::pair<std::int64_t, std::int64_t>> ReadStored(Tx& tx, Tallies& into) {
  std::int64_t rollup_rows = 0, deltas = 0;
  const std::string rollups = "SELECT id, span, first_day, " + std::string(kGroupColumns) + ", " + TallyColumnList() +
                              " FROM appeal_rollups WHERE id > ? ORDER BY id LIMIT ?";
  for (Id after = 0;;) {
    MS_ASSIGN(rows, tx.Query(rollups, {after, std::int64_t{kPageRows}}));
    for (const auto& row : rows) {
      ColumnReader c(row);
      after = c.Int();
      const RollupSpan span = SpanNamed(c.Text());
      const auto first_day = static_cast<std::int32_t>(c.Int());
      const RollupGroup group = ReadGroup(c);
      into[{span, first_day, group}] += ReadTally(c);
      ++rollup_rows;
    }
    if (rows.size() < static_cast<std::size_t>(kPageRows)) break;
  }
  const std::string pending = "SELECT id, day, " + std::string(kGroupColumns) + ", " + TallyColumnList() +
                              " FROM appeal_rollup_deltas WHERE id > ? ORDER BY id LIMIT ?";
  for (Id after = 0;;) {
    MS_ASSIGN(rows, tx.Query(pending, {after, std::int64_t{kPageRows}}));
    for (const auto& row : rows) {
      ColumnReader c(row);
      after = c.Int();
      const auto day = static_cast<std::int32_t>(c.Int());
      const RollupGroup group = ReadGroup(c);
      AddToPeriods(into, group, day, ReadTally(c));
      ++deltas;
    }
    if (rows.size() < static_cast<std::size_t>(kPageRows)) break;
  }
  return std::pair{rollup_rows, deltas};
}

}  // namespace

Result<std::optional<AppealTally>> ReadAppealTally(Tx& tx, Id appeal_id, bool with_side_facts) {
  MS_ASSIGN(row, tx.QueryOne(TallySelect(with_side_facts) + " WHERE a.id = ?", {appeal_id}));
  if (!row) return std::optional<AppealTally>();
  return std::optional<AppealTally>(ReadTallyRow(*row, with_side_facts));
}

AppealTally TallyOfRecord(const AppealRecord& appeal, const TallyInput& side) {
  AppealTally t{GroupOf(appeal), BaseInput(appeal)};
  CopySideFacts(side, t.input);
  return t;
}

void CopySideFacts(const TallyInput& from, TallyInput& to) {
  to.repeats = from.repeats;
  to.supervised = from.supervised;
  to.manually_supervised = from.manually_supervised;
  to.causes = from.causes;
}

Status AppendTallyChange(Tx& tx, const std::optional<AppealTally>& before, const std::optional<AppealTally>& after) {
  if (before && after && before->group == after->group && before->input.day == after->input.day) {
    Tally delta = TallyOf(after->input);
    delta -= TallyOf(before->input);
    return AppendDelta(tx, after->group, after->input.day, delta);
  }
  if (before) {
    Tally minus;
    minus -= TallyOf(before->input);
    MS_TRY(AppendDelta(tx, before->group, before->input.day, minus));
  }
  if (after) MS_TRY(AppendDelta(tx, after->group, after->input.day, TallyOf(after->input)));
  return {};
}

Status RetallyAround(Tx& tx, Id appeal_id, const std::function<Status()>& change) {
  MS_ASSIGN(before, ReadAppealTally(tx, appeal_id));
  MS_TRY(change());
  MS_ASSIGN(after, ReadAppealTally(tx, appeal_id));
  return AppendTallyChange(tx, before, after);
}

Result<std::int64_t> FoldRollupDeltas(Tx& tx, int limit) {
  MS_ASSIGN(rows, tx.Query("SELECT id, day, " + std::string(kGroupColumns) + ", " + TallyColumnList() +
                               " FROM appeal_rollup_deltas ORDER BY id LIMIT ?",
                           {std::int64_t{limit}}));
  if (rows.empty()) return std::int64_t{0};
  Tallies sums;
  Id last = 0;
  for (const auto& row : rows) {
    ColumnReader c(row);
    last = c.Int();
    const auto day = static_cast<std::int32_t>(c.Int());
    const RollupGroup group = ReadGroup(c);
    AddToPeriods(sums, group, day, ReadTally(c));
  }
  MS_TRY(UpsertRollups(tx, sums));
  MS_TRY(tx.Execute("DELETE FROM appeal_rollup_deltas WHERE id <= ?", {last}));
  return static_cast<std::int64_t>(rows.size());
}

Result<RollupCheck> CheckRollups(Tx& tx, std::size_t max_differences) {
  RollupCheck check;
  Tallies counted, stored;
  MS_ASSIGN(appeals, Recount(tx, counted));
  MS_ASSIGN(sizes, ReadStored(tx, stored));
  check.appeals = appeals;
  check.pending_deltas = sizes.second;
  auto note = [&](const PeriodKey& key, const Tally& s, const Tally& n) {
    if (s == n) return;
    ++check.difference_count;
    if (check.differences.size() < max_differences)
      check.differences.push_back({{std::get<0>(key), std::get<1>(key)}, std::get<2>(key), s, n});
  };
  for (const auto& [key, s] : stored) {
    if (!s.IsZero()) ++check.stored_rows;
    auto it = counted.find(key);
    note(key, s, it == counted.end() ? Tally{} : it->second);
  }
  for (const auto& [key, n] : counted)
    if (!stored.contains(key)) note(key, Tally{}, n);
  return check;
}

Result<std::int64_t> RebuildRollups(Tx& tx) {
  Tallies counted;
  MS_TRY(Recount(tx, counted));
  MS_TRY(tx.Execute("DELETE FROM appeal_rollup_deltas"));
  MS_TRY(tx.Execute("DELETE FROM appeal_rollups"));
  MS_TRY(UpsertRollups(tx, counted));
  return static_cast<std::int64_t>(std::ranges::count_if(counted, [](const auto& kv) { return !kv.second.IsZero(); }));
}

// Issue 13, bulk load: appeals written without their deltas, added straight into their periods.
Status AddTalliesToRollups(Tx& tx, const std::vector<AppealTally>& tallies) {
  Tallies sums;
  for (const auto& t : tallies) AddToPeriods(sums, t.group, t.input.day, TallyOf(t.input));
  return UpsertRollups(tx, sums);
}

}  // namespace minsheng::store
