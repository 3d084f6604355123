// Hot-spot warnings on both engines, from appeals registered through the use case: a category that jumps in one
// community warns for its street and its community, from the deltas not yet folded and from the stored weeks
// alike; an ordinary week does not; the caller's region bounds what they see.
#include "app/hotspot_service.h"

#include <gtest/gtest.h>

#include "../support/engine_database.h"
#include "app/appeal_service.h"
#include "app/calendar_cache.h"
#include "core/calendar.h"
#include "store/reference_repository.h"
#include "store/rollup_repository.h"

namespace minsheng::app {
namespace {

using store::Id;

constexpr Timestamp kNow = 1794967200;  // Wednesday 2026-11-18T10:00:00+08:00
constexpr Timestamp kWeek = 7 * 86400;

class HotspotServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "hotspot"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    db_ = &engine_.db();
    ASSERT_TRUE(calendar_.Reload(*db_).has_value());
    appeals_ = std::make_unique<AppealService>(*db_, clock_, calendar_);
    hotspots_ = std::make_unique<HotspotService>(*db_, clock_);
    ASSERT_TRUE(
        db_->Write([&](store::Tx& tx) -> Status {
             MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
             MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
             MS_ASSIGN(s2, store::InsertRegion(tx, district.id, "street", "s02", "西山街道"));
             MS_ASSIGN(c1, store::InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
             MS_ASSIGN(g1, store::InsertRegion(tx, c1.id, "grid", "s01c01g01", "朝阳一网格"));
             MS_ASSIGN(c2, store::InsertRegion(tx, s1.id, "community", "s01c02", "红星社区"));
             street_ = s1.id;
             other_street_ = s2.id;
             community_ = c1.id;
             grid_ = g1.id;
             other_community_ = c2.id;
             MS_ASSIGN(urban, store::InsertDepartment(tx, {.code = "urban", .name = "城管局"}));
             MS_ASSIGN(noise, store::InsertCategory(
                                  tx, {.code = "noise", .name = "噪音扰民", .default_department_id = urban}));
             MS_ASSIGN(parking,
                       store::InsertCategory(tx, {.code = "parking", .name = "停车", .default_department_id = urban}));
             noise_ = noise;
             parking_ = parking;
             auto add = [&](const std::string& name, Role role, const store::RegionRecord& region) -> Result<Actor> {
               MS_ASSIGN(id, store::InsertUser(tx, {.username = name,
                                                    .password_hash = "x",
                                                    .display_name = name,
                                                    .role = std::string(RoleName(role)),
                                                    .region_id = region.id}));
               return Actor{.user_id = id,
                            .role = role,
                            .username = name,
                            .display_name = name,
                            .region_id = region.id,
                            .region_path = region.path};
             };
             MS_ASSIGN(registrar, add("registrar", Role::kRegistrar, district));
             MS_ASSIGN(coordinator, add("coordinator", Role::kCoordinator, district));
             MS_ASSIGN(leader_s1, add("leader-s01", Role::kLeader, s1));
             MS_ASSIGN(leader_s2, add("leader-s02", Role::kLeader, s2));
             MS_ASSIGN(leader_c2, add("leader-c02", Role::kLeader, c2));
             registrar_ = registrar;
             coordinator_ = coordinator;
             leader_s1_ = leader_s1;
             leader_s2_ = leader_s2;
             leader_c2_ = leader_c2;
             return {};
           })
            .has_value());
  }

  // `n` anonymous appeals about `category` in `region`, registered `weeks_ago` weeks before kNow.
  void Register(int n, Id category, Id region, int weeks_ago) {
    clock_.Set(kNow - weeks_ago * kWeek);
    for (int i = 0; i < n; ++i) {
      auto a = appeals_->Register(registrar_, {.title = "反映问题",
                                               .content = "请尽快处理",
                                               .channel = "phone",
                                               .region_id = region,
                                               .category_id = category,
                                               .anonymous = true});
      ASSERT_TRUE(a.has_value()) << a.error().message;
    }
    clock_.Set(kNow);
  }

  // Twelve ordinary weeks, then this one: noise jumps from 1 a week to 8 in one community (half of them in its
  // grid), parking goes from 2 to 3 in the other.
  void RegisterTheQuarter() {
    for (int weeks_ago = 1; weeks_ago <= 12; ++weeks_ago) {
      Register(1, noise_, community_, weeks_ago);
      Register(2, parking_, other_community_, weeks_ago);
    }
    Register(4, noise_, community_, 0);
    Register(4, noise_, grid_, 0);
    Register(3, parking_, other_community_, 0);
  }

  HotspotReport Week(const Actor& actor, HotspotRequest request = {}) {
    auto report = hotspots_->Week(actor, request);
    EXPECT_TRUE(report.has_value()) << report.error().message;
    return report ? *report : HotspotReport{};
  }

  minsheng::testing::EngineDatabase engine_;
  store::Database* db_ = nullptr;
  ManualClock clock_{kNow};
  CalendarCache calendar_;
  std::unique_ptr<AppealService> appeals_;
  std::unique_ptr<HotspotService> hotspots_;
  Id street_ = 0, other_street_ = 0, community_ = 0, grid_ = 0, other_community_ = 0;
  Id noise_ = 0, parking_ = 0;
  Actor registrar_, coordinator_, leader_s1_, leader_s2_, leader_c2_;
};

TEST_P(HotspotServiceTest, AJumpInOneCommunityWarnsForItsStreetAndItself) {
  RegisterTheQuarter();
  const HotspotReport report = Week(coordinator_);
  EXPECT_EQ(report.week, LocalDayNumber(kNow) - 2);  // the Monday of Wednesday 2026-11-18
  ASSERT_EQ(report.items.size(), 2u);
  for (const Hotspot& h : report.items) {
    SCOPED_TRACE(HotspotLevelName(h.level));
    EXPECT_EQ(h.category_id, noise_);
    EXPECT_EQ(h.category_name, "噪音扰民");
    EXPECT_EQ(h.street_id, street_);
    EXPECT_EQ(h.street_name, "东湖街道");
    EXPECT_EQ(h.count, 8);
    EXPECT_EQ(h.history, std::vector<std::int64_t>(12, 1));
    EXPECT_DOUBLE_EQ(h.score.baseline, 1);
    EXPECT_DOUBLE_EQ(h.score.score, 7);  // (8 − 1) / √1
  }
  // The grid's four count for its community.
  EXPECT_EQ(report.items[0].level == HotspotLevel::kStreet ? report.items[1].region_id : report.items[0].region_id,
            community_);
}

TEST_P(HotspotServiceTest, TheStoredWeeksGiveWhatTheDeltasGave) {
  RegisterTheQuarter();
  const HotspotReport pending = Week(coordinator_);
  ASSERT_TRUE(db_->Write([](store::Tx& tx) -> Status {
                   for (;;) {
                     MS_ASSIGN(moved, store::FoldRollupDeltas(tx));
                     if (moved == 0) return {};
                   }
                 })
                  .has_value());
  const HotspotReport folded = Week(coordinator_);
  ASSERT_EQ(folded.items.size(), pending.items.size());
  for (std::size_t i = 0; i < folded.items.size(); ++i) {
    EXPECT_EQ(folded.items[i].level, pending.items[i].level);
    EXPECT_EQ(folded.items[i].region_id, pending.items[i].region_id);
    EXPECT_EQ(folded.items[i].count, pending.items[i].count);
    EXPECT_EQ(folded.items[i].history, pending.items[i].history);
  }
}

TEST_P(HotspotServiceTest, AnOrdinaryWeekOrALaterOneWarnsOfNothing) {
  RegisterTheQuarter();
  EXPECT_TRUE(Week(coordinator_, {.day = LocalDayNumber(kNow - kWeek)}).items.empty());
  // Next week the jump is history: one week of eight among twelve does not move the median.
  EXPECT_TRUE(Week(coordinator_, {.day = LocalDayNumber(kNow + kWeek)}).items.empty());
}

TEST_P(HotspotServiceTest, TheCallersRegionBoundsTheWarnings) {
  RegisterTheQuarter();
  EXPECT_EQ(Week(leader_s1_).items.size(), 2u);
  EXPECT_TRUE(Week(leader_s2_).items.empty());
  EXPECT_TRUE(Week(leader_c2_).items.empty());  // the other community of the same street
  EXPECT_EQ(Week(coordinator_, {.region_id = community_}).items.size(), 1u);
  auto outside = hotspots_->Week(leader_s2_, {.region_id = street_});
  ASSERT_FALSE(outside.has_value());
  EXPECT_EQ(outside.error().kind, ErrorKind::kForbidden);
  auto registrar = hotspots_->Week(registrar_, {});
  ASSERT_FALSE(registrar.has_value());
  EXPECT_EQ(registrar.error().kind, ErrorKind::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Engines, HotspotServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
