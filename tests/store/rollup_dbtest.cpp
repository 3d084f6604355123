// The per-period counts behind the metrics (store/rollup_repository.h), property-style: random appeal histories
// — registrations, every kind of change to the counted columns, moves between units and deputies, repeats linked
// and unlinked, notices, causes, folds at random moments — and after each step the stored counts must equal a
// recount, and the metrics read from them must equal the metrics recounted from the appeals, for every grouping.
#include "store/rollup_repository.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "../support/engine_database.h"
#include "core/calendar.h"
#include "store/appeal_repository.h"
#include "store/metrics_repository.h"
#include "store/migrations.h"
#include "store/reference_repository.h"
#include "store/repeat_repository.h"
#include "store/supervision_repository.h"

namespace minsheng::store {
namespace {

// 2026-11-18 10:00 CST.
constexpr Timestamp kNow = 1763431200;

class RollupTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "rollup"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    db_ = &engine_.db();
    ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                     MS_ASSIGN(district, InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
                     for (const char* street : {"s01", "s02"}) {
                       MS_ASSIGN(s, InsertRegion(tx, district.id, "street", street, street));
                       streets_.push_back(s.id);
                       for (const char* c : {"c01", "c02"}) {
                         MS_ASSIGN(community, InsertRegion(tx, s.id, "community", std::string(street) + c, c));
                         regions_.push_back(community);
                       }
                     }
                     for (const char* code : {"housing", "water"}) {
                       MS_ASSIGN(id, InsertDepartment(tx, {.code = code, .name = code}));
                       units_.push_back(id);
                     }
                     for (const char* code : {"lift", "leak"}) {
                       MS_ASSIGN(id,
                                 InsertCategory(tx, {.code = code, .name = code, .default_department_id = units_[0]}));
                       categories_.push_back(id);
                     }
                     MS_ASSIGN(deputy, InsertUser(tx, {.username = "deputy",
                                                       .password_hash = "x",
                                                       .display_name = "代表",
                                                       .role = "deputy",
                                                       .region_id = district.id}));
                     deputy_ = deputy;
                     MS_ASSIGN(supervisor, InsertUser(tx, {.username = "supervisor",
                                                           .password_hash = "x",
                                                           .display_name = "督查",
                                                           .role = "supervisor",
                                                           .region_id = district.id}));
                     supervisor_ = supervisor;
                     return {};
                   })
                    .has_value());
  }

  template <typename T>
  const T& Pick(const std::vector<T>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng_)];
  }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  Timestamp Around(Timestamp t, int days) {
    return t + std::uniform_int_distribution<Timestamp>(-days * kSecondsPerDay, days * kSecondsPerDay)(rng_);
  }
  std::optional<Timestamp> MaybeAround(Timestamp t, int days) {
    return Chance(0.6) ? std::optional<Timestamp>(Around(t, days)) : std::nullopt;
  }

  Status Register(Tx& tx) {
    AppealRecord a;
    const RegionRecord& region = Pick(regions_);
    a.receipt_code = "R" + std::to_string(appeals_.size() + 1);
    a.title = "诉求";
    a.channel = Pick(std::vector<std::string>{"hotline", "web", "studio"});
    a.region_id = region.id;
    a.street_id = region.street_id;
    a.category_id = Pick(categories_);
    a.status = "received";
    // Over four months, so that periods cross weeks and months.
    a.created_at = kNow - std::uniform_int_distribution<Timestamp>(0, 120 * kSecondsPerDay)(rng_);
    a.updated_at = a.created_at;
    MS_ASSIGN(id, InsertAppeal(tx, a));
    a.id = id;
    appeals_.push_back(a);
    return {};
  }

  // Any change of the columns the counts read, as UpdateAppeal stores it.
  Status Change(Tx& tx) {
    AppealRecord& a = appeals_[std::uniform_int_distribution<std::size_t>(0, appeals_.size() - 1)(rng_)];
    a.status = Pick(std::vector<std::string>{"dispatched", "accepted", "in_progress", "replied", "closed", "returned",
                                             "reopened", "merged", "rejected", "escalated"});
    if (Chance(0.5)) a.lead_unit_id = Chance(0.8) ? OptId(Pick(units_)) : std::nullopt;
    if (Chance(0.2)) a.deputy_id = Chance(0.5) ? OptId(deputy_) : std::nullopt;
    if (Chance(0.5)) a.dispatched_at = MaybeAround(a.created_at, 1);
    if (Chance(0.5)) {
      a.first_contact_at = MaybeAround(a.created_at, 2);
      a.first_contact_on_time = a.first_contact_at ? std::optional<int>(Chance(0.7)) : std::nullopt;
    }
    for (auto* due : {&a.accept_due, &a.contact_due, &a.reply_due, &a.resolve_due})
      if (Chance(0.5)) *due = MaybeAround(kNow, 10);
    if (Chance(0.4)) a.replied_at = MaybeAround(a.created_at, 5);
    if (Chance(0.3)) a.closed_on_time = Chance(0.5) ? std::optional<int>(Chance(0.6)) : std::nullopt;
    if (Chance(0.3)) {
      ++a.callback_count;
      a.last_resolved = Chance(0.6);
      a.last_satisfaction = Pick(std::vector<std::string>{"satisfied", "basically_satisfied", "dissatisfied"});
    }
    if (Chance(0.1)) ++a.reopen_count;
    a.updated_at = kNow;
    MS_TRY(UpdateAppeal(tx, a, a.version));
    ++a.version;
    return {};
  }

  Status SideFact(Tx& tx) {
    const AppealRecord& a = Pick(appeals_);
    const AppealRecord& b = Pick(appeals_);
    switch (std::uniform_int_distribution<int>(0, 4)(rng_)) {
      case 0:
        if (a.id == b.id) return {};
        if (auto linked = InsertRepeatLink(
                tx, {.appeal_id = a.id, .repeat_of_id = b.id, .reason = "manual", .created_at = kNow}, a.street_id);
            !linked && linked.error().code != "already_linked")
          return Fail(linked.error());
        return {};
      case 1: {
        auto removed = DeleteRepeatLink(tx, a.id, b.id);
        if (!removed && removed.error().kind != ErrorKind::kNotFound) return Fail(removed.error());
        return {};
      }
      case 2:
        MS_TRY(InsertNoticeIfAbsent(tx,
                                    {.appeal_id = a.id,
                                     .unit_id = Pick(units_),
                                     .kind = "reply_overdue",
                                     .deadline = Around(kNow, 3),
                                     .issued_at = kNow},
                                    a.street_id));
        return {};
      case 3:
        MS_TRY(InsertManualNotice(tx, {.appeal_id = a.id,
                                       .street_id = a.street_id,
                                       .unit_id = Pick(units_),
                                       .reason = "久拖",
                                       .required_action = "办理",
                                       .deadline = kNow,
                                       .issued_by = supervisor_,
                                       .issued_at = kNow}));
        return {};
      default: {
        MS_ASSIGN(callback, InsertCallback(tx,
                                           {.appeal_id = a.id,
                                            .resolved = false,
                                            .satisfaction = "dissatisfied",
                                            .reason = "未解决",
                                            .source = "staff",
                                            .created_at = kNow},
                                           a.street_id));
        std::vector<CallbackCauseRecord> causes{{callback, "buck_passing", ""}};
        if (Chance(0.5)) causes.push_back({callback, "other", "其他"});
        return InsertCallbackCauses(tx, a.id, a.street_id, callback, a.lead_unit_id, a.deputy_id, causes, kNow);
      }
    }
  }

  // The metrics from the stored counts equal those recounted from the appeals, group by group.
  void ExpectMetricsAgree(Tx& tx, const std::string& context) {
    const std::vector<GroupBy> groupings = {GroupBy::kDepartment, GroupBy::kRegion, GroupBy::kCategory,
                                            GroupBy::kChannel,    GroupBy::kDeputy, GroupBy::kWeek,
                                            GroupBy::kMonth};
    MetricsQuery q;
    q.group_by = Pick(groupings);
    if (Chance(0.5)) {
      const GroupBy then = Pick(groupings);
      if (then != q.group_by) q.then_by = then;
    }
    const auto today = LocalDay(kNow);
    const auto from = today - std::chrono::days(std::uniform_int_distribution<int>(0, 130)(rng_));
    const auto to = std::min(today + std::chrono::days(1),
                             from + std::chrono::days(std::uniform_int_distribution<int>(1, 130)(rng_)));
    q.from = LocalDayStart(from);
    q.to = LocalDayStart(to);
    q.now = kNow;
    if (Chance(0.3)) q.region_id = Chance(0.5) ? Pick(streets_) : Pick(regions_).id;
    // Keys of weeks and months are a day inside them (the registration day, or a stored period's first day):
    // the service puts them in their week or month, and so does this comparison.
    auto bucket = [](std::optional<GroupBy> g, const std::string& key) {
      if (!g || key.empty() || !IsTimeGroup(*g)) return key;
      const auto day = static_cast<std::int32_t>(std::stol(key));
      return std::to_string(*g == GroupBy::kWeek ? WeekStart(day) : MonthStart(day));
    };
    auto sum = [&](const std::vector<GroupCounts>& rows) {
      std::map<std::pair<std::string, std::string>, MetricCounts> out;
      for (const auto& r : rows) out[{bucket(q.group_by, r.key), bucket(q.then_by, r.sub_key)}] += r.counts;
      std::erase_if(out, [](const auto& e) { return e.second == MetricCounts{}; });
      return out;
    };
    auto stored = SumMetricCounts(tx, q);
    auto counted = RecountMetricCounts(tx, q);
    ASSERT_TRUE(stored.has_value()) << stored.error().message;
    ASSERT_TRUE(counted.has_value()) << counted.error().message;
    const auto a = sum(*stored), b = sum(*counted);
    ASSERT_EQ(a.size(), b.size()) << context << ", group_by " << GroupByName(q.group_by);
    for (const auto& [key, counts] : b) {
      auto it = a.find(key);
      ASSERT_NE(it, a.end()) << context << ": no stored group " << key.first << "/" << key.second;
      EXPECT_EQ(it->second, counts) << context << ": group " << key.first << "/" << key.second << " by "
                                    << GroupByName(q.group_by);
    }
  }

  testing::EngineDatabase engine_;
  Database* db_ = nullptr;
  std::mt19937_64 rng_;
  std::vector<RegionRecord> regions_;
  std::vector<Id> streets_, units_, categories_;
  Id deputy_ = 0, supervisor_ = 0;
  std::vector<AppealRecord> appeals_;
};

TEST_P(RollupTest, RandomHistoriesKeepTheCountsEqualToARecount) {
  const int seeds = GetParam() == "sqlite" ? 12 : 4;
  for (int seed = 1; seed <= seeds; ++seed) {
    rng_.seed(seed);
    for (int step = 0; step < 40; ++step) {
      const std::string context = "seed " + std::to_string(seed) + " step " + std::to_string(step);
      ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                       const int kind = std::uniform_int_distribution<int>(0, 9)(rng_);
                       if (appeals_.size() < 3 || kind < 3) return Register(tx);
                       if (kind < 7) return Change(tx);
                       if (kind < 9) return SideFact(tx);
                       MS_TRY(FoldRollupDeltas(tx, std::uniform_int_distribution<int>(1, 30)(rng_)));
                       return {};
                     })
                      .has_value())
          << context;
      ASSERT_TRUE(db_->Read([&](Tx& tx) -> Status {
                       auto check = CheckRollups(tx);
                       EXPECT_TRUE(check.has_value());
                       if (check) {
                         EXPECT_EQ(check->difference_count, 0) << context;
                       }
                       ExpectMetricsAgree(tx, context);
                       return {};
                     })
                      .has_value());
      if (::testing::Test::HasFailure()) return;
    }
  }
}

TEST_P(RollupTest, RebuildWritesWhatARecountFinds) {
  rng_.seed(7);
  ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                   for (int i = 0; i < 30; ++i) MS_TRY(Register(tx));
                   for (int i = 0; i < 60; ++i) MS_TRY(Change(tx));
                   // Counts gone wrong: a lost fold.
                   MS_TRY(FoldRollupDeltas(tx));
                   MS_TRY(tx.Execute("UPDATE appeal_rollups SET total = total + 1 WHERE span = 'week'"));
                   return {};
                 })
                  .has_value());
  std::int64_t differences = 0;
  ASSERT_TRUE(db_->Read([&](Tx& tx) -> Status {
                   MS_ASSIGN(check, CheckRollups(tx));
                   differences = check.difference_count;
                   EXPECT_EQ(check.appeals, 30);
                   return {};
                 })
                  .has_value());
  EXPECT_GT(differences, 0);  // the check finds the damage
  ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                   MS_TRY(RebuildRollups(tx));
                   return {};
                 })
                  .has_value());
  ASSERT_TRUE(db_->Read([&](Tx& tx) -> Status {
                   MS_ASSIGN(check, CheckRollups(tx));
                   EXPECT_EQ(check.difference_count, 0);
                   EXPECT_EQ(check.pending_deltas, 0);
                   ExpectMetricsAgree(tx, "after the rebuild");
                   return {};
                 })
                  .has_value());
}

// A database stored before migrations 0026 (no sums over channels and deputies) or 0029 (no sums over the regions
// of a street) gets them from those migrations, equal to a recount.
TEST_P(RollupTest, MigrationsAddTheSumsOfEarlierStoredCounts) {
  struct Case {
    std::string missing;  // the rows of appeal_rollups such a database lacks
    std::vector<std::string> migrations;
  };
  const std::vector<Case> cases = {
      {"deputy_id = " + std::to_string(kAllDeputies), {"0026_rollups_all_channels.sql", "0029_rollups_streets.sql"}},
      {"region_id = " + std::to_string(kAllRegions), {"0029_rollups_streets.sql"}},
  };
  rng_.seed(11);
  ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                   for (int i = 0; i < 30; ++i) MS_TRY(Register(tx));
                   for (int i = 0; i < 60; ++i) MS_TRY(Change(tx));
                   MS_TRY(FoldRollupDeltas(tx));
                   return {};
                 })
                  .has_value());
  for (const auto& c : cases) {
    SCOPED_TRACE("without the rows where " + c.missing);
    ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                     MS_TRY(tx.Execute("DELETE FROM appeal_rollups WHERE " + c.missing));
                     return {};
                   })
                    .has_value());
    ASSERT_TRUE(db_->Read([&](Tx& tx) -> Status {
                     MS_ASSIGN(check, CheckRollups(tx));
                     EXPECT_GT(check.difference_count, 0);
                     return {};
                   })
                    .has_value());
    for (const auto& name : c.migrations) {
      const auto migration = std::ranges::find(EmbeddedMigrations(), name, &Migration::name);
      ASSERT_NE(migration, EmbeddedMigrations().end()) << name;
      // Its statements that add rows (its indexes exist already).
      ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                       for (const auto& sql : SplitSqlScript(migration->sql))
                         if (sql.find("INSERT INTO appeal_rollups") != std::string::npos)
                           MS_TRY(tx.Execute(ForEngine(sql, db_->Engine())));
                       return {};
                     })
                      .has_value());
    }
    ASSERT_TRUE(db_->Read([&](Tx& tx) -> Status {
                     MS_ASSIGN(check, CheckRollups(tx));
                     EXPECT_EQ(check.difference_count, 0);
                     ExpectMetricsAgree(tx, "after the migrations");
                     return {};
                   })
                    .has_value());
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, RollupTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::store
