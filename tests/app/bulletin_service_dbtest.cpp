// Bulletins on both engines: the snapshot counts repeats per unit and dissatisfaction causes per unit and cause;
// a published issue never changes when the data does; a second issue of the period needs a note and supersedes
// the first; only district-wide publishers, only ended periods.
#include "app/bulletin_service.h"

#include <gtest/gtest.h>

#include "../support/engine_database.h"
#include "app/appeal_service.h"
#include "app/calendar_cache.h"
#include "store/appeal_repository.h"
#include "store/reference_repository.h"
#include "store/repeat_repository.h"

namespace minsheng::app {
namespace {

using nlohmann::json;
using store::Id;

constexpr Timestamp kStart = 1794967200;  // 2026-11-18T10:00:00+08:00
constexpr Timestamp kDecember = kStart + 14 * 86400;  // 2026-12-02: November is over

class BulletinServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "bulletin"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    db_ = &engine_.db();
    ASSERT_TRUE(calendar_.Reload(*db_).has_value());
    appeals_ = std::make_unique<AppealService>(*db_, clock_, calendar_);
    bulletins_ = std::make_unique<BulletinService>(*db_, clock_);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(c1, store::InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
      community_ = c1.id;
      street_ = s1.id;
      MS_ASSIGN(water, store::InsertDepartment(tx, {.code = "water", .name = "水务局"}));
      MS_ASSIGN(urban, store::InsertDepartment(tx, {.code = "urban", .name = "城管局"}));
      water_ = water;
      urban_ = urban;
      MS_ASSIGN(cat, store::InsertCategory(tx, {.code = "flood", .name = "积水", .default_department_id = water}));
      category_ = cat;
      auto add = [&](const std::string& name, Role role, const store::RegionRecord& region) -> Result<Actor> {
        MS_ASSIGN(id, store::InsertUser(tx, {.username = name, .password_hash = "x", .display_name = name,
                                             .role = std::string(RoleName(role)), .region_id = region.id}));
        return Actor{.user_id = id, .role = role, .username = name, .display_name = name, .region_id = region.id,
                     .region_path = region.path};
      };
      MS_ASSIGN(registrar, add("registrar", Role::kRegistrar, district));
      MS_ASSIGN(supervisor, add("supervisor", Role::kSupervisor, district));
      MS_ASSIGN(street_leader, add("leader-s01", Role::kLeader, s1));
      registrar_ = registrar;
      supervisor_ = supervisor;
      street_leader_ = street_leader;
      return {};
    }).has_value());
  }

  // An appeal registered now and led by `unit` (set without a dispatch: the bulletin reads the row as it is), from
  // a resident of its own (intake links the same phone as a repeat; the tests link repeats themselves).
  Id Appeal(Id unit) {
    auto a = appeals_->Register(registrar_, {.title = "积水", .content = "路口积水", .channel = "phone",
                                             .region_id = community_, .category_id = category_,
                                             .appellant_name = "张三",
                                             .appellant_phone = std::to_string(13800001234 + phones_++)});
    EXPECT_TRUE(a.has_value()) << (a ? "" : a.error().message);
    EXPECT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
                     MS_ASSIGN(row, store::FindAppeal(tx, a->id));
                     row->lead_unit_id = unit;
                     return store::UpdateAppeal(tx, *row, row->version);
                   })
                    .has_value());
    return a->id;
  }
  // A dissatisfied callback on `appeal` with `causes` counted against `unit`, stored as the callback use case
  // stores them (so the metrics' counts follow).
  void Causes(Id appeal, Id unit, std::vector<std::string> causes) {
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
                     MS_ASSIGN(callback, store::InsertCallback(tx,
                                                               {.appeal_id = appeal,
                                                                .resolved = false,
                                                                .satisfaction = "dissatisfied",
                                                                .source = "resident",
                                                                .created_at = kStart},
                                                               street_));
                     std::vector<store::CallbackCauseRecord> records;
                     for (const auto& c : causes) records.push_back({callback, c, ""});
                     return store::InsertCallbackCauses(tx, appeal, street_, callback, unit, std::nullopt, records,
                                                        kStart);
                   })
                    .has_value());
  }
  // `appeal` linked as a repeat of `of`, as the repeat use cases link them.
  void Repeat(Id appeal, Id of, const char* reason) {
    ASSERT_TRUE(
        db_->Write([&](store::Tx& tx) -> Status {
             MS_TRY(store::InsertRepeatLink(
                 tx, {.appeal_id = appeal, .repeat_of_id = of, .reason = reason, .created_at = kStart}, street_));
             return {};
           })
            .has_value());
  }

  minsheng::testing::EngineDatabase engine_;
  store::Database* db_ = nullptr;
  ManualClock clock_{kStart};
  CalendarCache calendar_;
  std::unique_ptr<AppealService> appeals_;
  std::unique_ptr<BulletinService> bulletins_;
  Id community_ = 0, street_ = 0, water_ = 0, urban_ = 0, category_ = 0;
  std::int64_t phones_ = 0;
  Actor registrar_, supervisor_, street_leader_;
};

TEST_P(BulletinServiceTest, CountsRepeatsAndCausesAndFreezesThem) {
  const Id w1 = Appeal(water_), w2 = Appeal(water_), w3 = Appeal(water_), w4 = Appeal(water_), u1 = Appeal(urban_);
  // w2 and w3 repeat w1 (w3 twice over: still one repeat appeal); u1 none.
  Repeat(w2, w1, "phone");
  Repeat(w3, w1, "phone");
  Repeat(w3, w2, "manual");
  Causes(w1, water_, {"buck_passing", "not_solved"});
  Causes(w4, water_, {"buck_passing"});
  Causes(u1, urban_, {"late_or_perfunctory"});

  clock_.Set(kDecember);
  const BulletinPeriod november{BulletinKind::kMonth, 2026, 11};
  auto issue = bulletins_->Publish(supervisor_, november, "");
  ASSERT_TRUE(issue.has_value()) << issue.error().message;
  const json s = issue->snapshot;
  EXPECT_EQ(s["totals"]["appeals"], 5);
  // Repeats per unit, most first, with the unit's share.
  ASSERT_EQ(s["repeats"]["by_unit"].size(), 1u);
  EXPECT_EQ(s["repeats"]["total"], 2);
  EXPECT_EQ(s["repeats"]["by_unit"][0]["unit_name"], "水务局");
  EXPECT_EQ(s["repeats"]["by_unit"][0]["repeats"], 2);
  EXPECT_EQ(s["repeats"]["by_unit"][0]["appeals"], 4);
  EXPECT_EQ(s["repeats"]["by_unit"][0]["repeat_rate"], 50.0);
  // Causes per cause (every cause listed, in order) and per unit, the unit with most first.
  struct Want {
    const char* cause;
    const char* label;
    int count;
  };
  const Want want[] = {{"buck_passing", "推诿扯皮", 2},
                       {"late_or_perfunctory", "答复不及时或敷衍", 1},
                       {"deputy_relayed", "代表只当二传手", 0},
                       {"not_solved", "问题未解决", 1},
                       {"other", "其他", 0}};
  ASSERT_EQ(s["causes"]["by_cause"].size(), std::size(want));
  for (std::size_t i = 0; i < std::size(want); ++i) {
    EXPECT_EQ(s["causes"]["by_cause"][i]["cause"], want[i].cause);
    EXPECT_EQ(s["causes"]["by_cause"][i]["label"], want[i].label);
    EXPECT_EQ(s["causes"]["by_cause"][i]["count"], want[i].count) << want[i].cause;
  }
  EXPECT_EQ(s["causes"]["total"], 4);
  ASSERT_EQ(s["causes"]["by_unit"].size(), 2u);
  EXPECT_EQ(s["causes"]["by_unit"][0]["unit_name"], "水务局");
  EXPECT_EQ(s["causes"]["by_unit"][0]["total"], 3);
  EXPECT_EQ(s["causes"]["by_unit"][0]["counts"]["buck_passing"], 2);
  EXPECT_EQ(s["causes"]["by_unit"][1]["unit_name"], "城管局");
  EXPECT_EQ(s["causes"]["by_unit"][1]["counts"]["late_or_perfunctory"], 1);

  // New data: the published issue is unchanged, a preview sees it.
  Causes(u1, urban_, {"other"});
  auto again = bulletins_->Get(issue->id);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->snapshot, s);
  auto preview = bulletins_->Preview(supervisor_, november);
  ASSERT_TRUE(preview.has_value());
  EXPECT_EQ((*preview)["causes"]["total"], 5);

  // A second issue needs a note, then supersedes the first.
  auto refused = bulletins_->Publish(supervisor_, november, " ");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "note_required");
  auto second = bulletins_->Publish(supervisor_, november, "补录回访");
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(second->supersedes_id, issue->id);
  EXPECT_EQ(second->number, issue->number + 1);
  EXPECT_EQ(second->snapshot["causes"]["total"], 5);
  auto first = bulletins_->Get(issue->id);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->superseded_by, second->id);
  EXPECT_EQ(first->snapshot, s);
  auto list = bulletins_->List();
  ASSERT_TRUE(list.has_value());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->front().id, second->id);
}

TEST_P(BulletinServiceTest, OnlyDistrictPublishersAndEndedPeriods) {
  struct Case {
    const char* what;
    Timestamp now;
    BulletinPeriod period;
    bool street_level;
    std::string code;  // "" = published
  };
  const Case cases[] = {
      {"November on 18 November", kStart, {BulletinKind::kMonth, 2026, 11}, false, "period_not_over"},
      {"the fourth quarter in December", kDecember, {BulletinKind::kQuarter, 2026, 4}, false, "period_not_over"},
      {"a street's leader", kDecember, {BulletinKind::kMonth, 2026, 11}, true, "forbidden"},
      {"a registrar", kDecember, {BulletinKind::kMonth, 2026, 10}, false, "forbidden"},
      {"the third quarter", kDecember, {BulletinKind::kQuarter, 2026, 3}, false, ""},
  };
  for (const auto& c : cases) {
    clock_.Set(c.now);
    const Actor& who = c.street_level ? street_leader_ : std::string(c.what) == "a registrar" ? registrar_ : supervisor_;
    auto got = bulletins_->Publish(who, c.period, "");
    if (c.code.empty()) {
      ASSERT_TRUE(got.has_value()) << c.what << ": " << got.error().message;
      EXPECT_EQ(got->snapshot["trend"].size(), 3u) << c.what;
      EXPECT_EQ(got->snapshot["trend"][0]["period"], "2026-07") << c.what;
    } else {
      ASSERT_FALSE(got.has_value()) << c.what;
      EXPECT_EQ(got.error().code, c.code) << c.what;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, BulletinServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
