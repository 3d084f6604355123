// Issue 13, the bulk load (store/bulk_appeals.h) as the demo drives it (cli/demo_bulk.h), on both engines: a few
// thousand generated histories, then the stored counts equal a recount, the metrics from the rollups equal the
// metrics recounted, every appeal's timeline replays to its columns, current_due is core's CurrentDue, and the
// ids and sequences are usable afterwards (an ordinary InsertAppeal follows the bulk ids).
#include <gtest/gtest.h>

#include <map>

#include "../support/engine_database.h"
#include "app/calendar_cache.h"
#include "app/password.h"
#include "cli/demo_bulk.h"
#include "cli/demo_fixture.h"
#include "core/calendar.h"
#include "core/lifecycle.h"
#include "core/overdue.h"
#include "store/appeal_repository.h"
#include "store/bulk_appeals.h"
#include "store/metrics_repository.h"
#include "store/rollup_repository.h"

namespace minsheng::cli {
namespace {

// 2026-11-20 10:00 CST, a Friday.
const Timestamp kNow = LocalDayStart(*ParseDate("2026-11-20")) + 10 * 3600;
constexpr int kAppeals = 2000;

class BulkDemoTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "bulk"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    db_ = &engine_.db();
    ASSERT_TRUE(LoadFixture(*db_));
  }

  ::testing::AssertionResult LoadFixture(store::Database& db) {
    auto fixture = store::WriteValue<LoadedFixture>(
        db, [&](store::Tx& tx) { return LoadDemoFixture(tx, "x", kNow - 4 * 365 * 86400); });
    if (!fixture) return ::testing::AssertionFailure() << fixture.error().message;
    fixture_ = std::move(*fixture);
    if (!calendar_.Reload(db)) return ::testing::AssertionFailure() << "calendar";
    return ::testing::AssertionSuccess();
  }

  Status Load(int appeals, int batch, store::Database* db = nullptr) {
    BulkDemoOptions o{.appeals = appeals, .seed = 7, .now = kNow, .batch = batch};
    return LoadBulkDemoAppeals(db ? *db : *db_, fixture_, *calendar_.Get(), o);
  }

  std::vector<store::Row> Query(const std::string& sql, store::Database* db = nullptr) {
    std::vector<store::Row> out;
    auto s = (db ? *db : *db_).Read([&](store::Tx& tx) -> Status {
      MS_ASSIGN(rows, tx.Query(sql));
      out = std::move(rows);
      return {};
    });
    EXPECT_TRUE(s.has_value()) << sql << ": " << (s ? "" : s.error().message);
    return out;
  }
  std::int64_t Count(const std::string& sql) { return Query(sql).at(0).Int(0); }

  minsheng::testing::EngineDatabase engine_;
  store::Database* db_ = nullptr;
  LoadedFixture fixture_;
  app::CalendarCache calendar_;
};

TEST_P(BulkDemoTest, HistoriesAgreeWithTheirCountsTimelinesAndDeadlines) {
  ASSERT_TRUE(Load(kAppeals, 700));  // batches of 700: the last one short
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appeals"), kAppeals);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT receipt_code) FROM appeals"), kAppeals);
  // Bulk codes sort as their ids (the unique index is appended to) and are valid receipt codes.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appeals a JOIN appeals b ON b.id = a.id + 1"
                  " WHERE b.receipt_code <= a.receipt_code"),
            0);
  for (const auto& r : Query("SELECT receipt_code FROM appeals ORDER BY id LIMIT 50"))
    EXPECT_EQ(app::AsReceiptCode(r.Text(0)), r.Text(0));

  // The demo's mix: most appeals finished, the last weeks still open, every kind of side row present.
  std::map<std::string, std::int64_t> by_state;
  for (const auto& r : Query("SELECT status, COUNT(*) FROM appeals GROUP BY status")) by_state[r.Text(0)] = r.Int(1);
  EXPECT_GT(by_state["closed"], kAppeals * 8 / 10);
  EXPECT_GT(by_state["rejected"], 0);
  EXPECT_GT(by_state["merged"], 0);
  EXPECT_GT(by_state["dispatched"] + by_state["accepted"] + by_state["in_progress"] + by_state["replied"], 0);
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM appeals WHERE status NOT IN ('closed', 'rejected', 'merged') AND created_at < " +
            std::to_string(kNow - 120 * 86400)),
      0);
  EXPECT_GT(Count("SELECT COUNT(*) FROM extensions"), 0);
  EXPECT_GT(Count("SELECT COUNT(*) FROM supervision_notices"), 0);
  EXPECT_GT(Count("SELECT COUNT(*) FROM callback_causes"), 0);
  EXPECT_GT(Count("SELECT COUNT(*) FROM appeals WHERE reopen_count > 0 AND status = 'closed'"), 0);
  EXPECT_GT(Count("SELECT COUNT(*) FROM appeals WHERE created_at < " + std::to_string(kNow - 2 * 365 * 86400)), 0);

  // Timelines: seq 1..n in time order, registration first, the last event's state is the appeal's.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appeals a WHERE a.status <> (SELECT e.to_status FROM events e "
                  "WHERE e.appeal_id = a.id ORDER BY e.seq DESC LIMIT 1)"),
            0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appeals a WHERE (SELECT COUNT(*) FROM events e WHERE e.appeal_id = a.id)"
                  " <> (SELECT MAX(seq) FROM events e WHERE e.appeal_id = a.id)"),
            0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events e JOIN events f ON f.appeal_id = e.appeal_id AND f.seq = e.seq + 1"
                  " WHERE f.at < e.at OR f.from_status <> e.to_status"),
            0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events WHERE seq = 1 AND (action <> 'register' OR to_status <> 'received')"),
            0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events WHERE at > " + std::to_string(kNow)), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appeals a WHERE a.version <> (SELECT COUNT(*) FROM events e "
                  "WHERE e.appeal_id = a.id)"),
            0);
  // Each transition in the timeline is one the lifecycle allows.
  for (const auto& r : Query("SELECT DISTINCT action, from_status, to_status FROM events WHERE from_status IS NOT NULL "
                             "AND from_status <> to_status")) {
    auto from = ParseState(r.Text(1));
    auto to = ParseState(r.Text(2));
    ASSERT_TRUE(from && to) << r.Text(1) << " → " << r.Text(2);
    bool allowed = false;
    for (Action a : ActionsFrom(*from)) {
      auto next = NextState(*from, a);
      if (next && *next == *to && ActionName(a) == r.Text(0)) allowed = true;
    }
    EXPECT_TRUE(allowed) << r.Text(0) << ": " << r.Text(1) << " → " << r.Text(2);
  }
  // The columns follow from the timeline: replies, callbacks and counts.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appeals a WHERE a.callback_count <> (SELECT COUNT(*) FROM callbacks c "
                  "WHERE c.appeal_id = a.id)"),
            0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appeals a WHERE (a.replied_at IS NOT NULL) <> EXISTS (SELECT 1 FROM replies r "
                  "WHERE r.appeal_id = a.id AND r.created_at = a.replied_at)"),
            0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM dispatches d WHERE d.active = 1 AND d.unit_id <> "
                  "(SELECT a.lead_unit_id FROM appeals a WHERE a.id = d.appeal_id)"),
            0);

  // current_due as InsertAppeal/UpdateAppeal store it; sweep_due on the appeals with their units.
  for (const auto& r : Query("SELECT status, accept_due, contact_due, reply_due, resolve_due, current_due, sweep_due, "
                             "updated_at FROM appeals")) {
    auto state = ParseState(r.Text(0));
    ASSERT_TRUE(state);
    const auto due = CurrentDue(*state, {r.OptInt(1), r.OptInt(2), r.OptInt(3), r.OptInt(4)});
    ASSERT_EQ(r.OptInt(5), due) << r.Text(0);
    const bool with_units = r.Text(0) == "dispatched" || r.Text(0) == "accepted" || r.Text(0) == "in_progress";
    ASSERT_EQ(r.OptInt(6), with_units ? r.OptInt(7) : std::nullopt) << r.Text(0);
  }

  // The stored counts equal a recount, and the metrics from them equal the metrics recounted.
  ASSERT_TRUE(db_->Read([&](store::Tx& tx) -> Status {
    MS_ASSIGN(check, store::CheckRollups(tx));
    EXPECT_EQ(check.appeals, kAppeals);
    EXPECT_EQ(check.difference_count, 0);
    EXPECT_EQ(check.pending_deltas, 0);
    for (GroupBy g : {GroupBy::kDepartment, GroupBy::kRegion, GroupBy::kCategory, GroupBy::kChannel, GroupBy::kMonth}) {
      store::MetricsQuery q{.group_by = g,
                            .from = LocalDayStart(LocalDay(kNow) - std::chrono::days(3 * 365 + 10)),
                            .to = LocalDayStart(LocalDay(kNow) + std::chrono::days(1)),
                            .now = kNow};
      MS_ASSIGN(stored, store::SumMetricCounts(tx, q));
      MS_ASSIGN(counted, store::RecountMetricCounts(tx, q));
      auto sum = [&](const std::vector<store::GroupCounts>& rows) {
        std::map<std::string, MetricCounts> out;
        for (const auto& r : rows) {
          std::string key = r.key;
          if (g == GroupBy::kMonth && !key.empty())
            key = std::to_string(MonthStart(static_cast<std::int32_t>(std::stol(key))));
          out[key] += r.counts;
        }
        std::erase_if(out, [](const auto& e) { return e.second == MetricCounts{}; });
        return out;
      };
      EXPECT_EQ(sum(stored), sum(counted)) << GroupByName(g);
    }
    return {};
  }));

  // Ids and sequences go on after the bulk ids: an ordinary insert, and a second bulk load.
  store::AppealRecord a{.receipt_code = "ZZZZZZZZZZZZ",
                        .title = "t",
                        .content = "c",
                        .channel = "web",
                        .region_id = fixture_.regions.at("s01c01").id,
                        .street_id = fixture_.regions.at("s01c01").street_id,
                        .category_id = fixture_.categories.begin()->second.id,
                        .status = "received",
                        .created_at = kNow,
                        .updated_at = kNow};
  auto id = store::WriteValue<store::Id>(*db_, [&](store::Tx& tx) { return store::InsertAppeal(tx, a); });
  ASSERT_TRUE(id.has_value()) << id.error().message;
  EXPECT_EQ(*id, kAppeals + 1);
  ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
    MS_TRY(store::AppendEvent(tx, {.appeal_id = *id, .at = kNow, .action = "register", .to_status = "received"},
                              a.street_id));
    MS_TRY(store::InsertReply(tx, {.appeal_id = *id, .content = "r", .created_at = kNow}, a.street_id));
    MS_TRY(store::InsertCallback(
        tx, {.appeal_id = *id, .satisfaction = "satisfied", .source = "staff", .created_at = kNow}, a.street_id));
    return {};
  }));
  ASSERT_TRUE(Load(100, 1000));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appeals"), kAppeals + 101);
  ASSERT_TRUE(db_->Read([&](store::Tx& tx) -> Status {
    MS_ASSIGN(check, store::CheckRollups(tx));
    EXPECT_EQ(check.difference_count, 0);
    return {};
  }));
}

TEST_P(BulkDemoTest, SameSeedSameAppealsWhateverTheBatch) {
  ASSERT_TRUE(Load(300, 1000));
  minsheng::testing::EngineDatabase other;
  ASSERT_TRUE(other.Open(GetParam(), "bulk_other"));
  ASSERT_TRUE(LoadFixture(other.db()));
  ASSERT_TRUE(Load(300, 64, &other.db()));
  const std::string sql = "SELECT id, receipt_code, title, status, created_at, updated_at FROM appeals ORDER BY id";
  const auto first = Query(sql);
  const auto second = Query(sql, &other.db());
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i)
    for (std::size_t c = 0; c < 6; ++c) ASSERT_EQ(first[i].at(c), second[i].at(c)) << i << "/" << c;
}

INSTANTIATE_TEST_SUITE_P(Engines, BulkDemoTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(DemoMessagesTest, CsvKeepsQuotedCommasQuotesAndLineBreaks) {
  const auto rows = ParseCsv(
      "\xEF\xBB\xBF"
      "a,b,c\r\n1,\"x, \"\"y\"\"\nz\",\r\n\n2,,\"\"\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "x, \"y\"\nz", ""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "", ""}));
  EXPECT_TRUE(LoadDemoMessages("/nonexistent-minsheng-dir").empty());
}

TEST(DemoMessagesTest, SummaryKeepsWholeSentencesWithinTheLimit) {
  struct Case {
    std::string text;
    std::size_t max_bytes;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"短。", 30, "短。"},                                          // short enough: whole
      {"第一句。第二句！第三句很长很长。", 24, "第一句。第二句！"},  // the last sentence end within 24 bytes
      {"问题？还有问题。", 12, "问题？"},                            // "？" counts as an end
      {"一二三四五六七八九十。", 15, "一二三四…"},                   // no end early enough: cut with "…"
      {"ab。cdefghijklmnopqrstuvwxyz", 18, "ab。cdefghijkl…"},       // the end is too early (< a third)
  };
  for (const auto& c : cases) {
    const std::string got = MessageSummary(c.text, c.max_bytes);
    EXPECT_EQ(got, c.want) << c.text << " / " << c.max_bytes;
    EXPECT_LE(got.size(), std::max(c.max_bytes, c.text.size() <= c.max_bytes ? c.text.size() : c.max_bytes));
  }
}

}  // namespace
}  // namespace minsheng::cli
