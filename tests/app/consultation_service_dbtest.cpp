// Consultations against a real database (a SQLite file, and PostgreSQL when the test cluster is there): an
// analysis meeting dispatches all its appeals in one transaction (or none of them), a refusal explains its
// appeals to their residents, and an appeal joins one open consultation at a time.
#include "app/consultation_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "../support/pg_test_database.h"
#include "store/migrations.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

namespace fs = std::filesystem;
using store::Id;

constexpr Timestamp kStart = 1794967200;  // 2026-11-18T10:00:00+08:00, a Wednesday

class ConsultationServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = fs::temp_directory_path() / ("minsheng_consult_" + std::to_string(::getpid()) + "_" + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    if (GetParam() == "postgresql") {
      pg_ = std::make_unique<minsheng::testing::PgTestDatabase>();
      if (pg_->skip()) GTEST_SKIP() << pg_->why();
    }
    auto db = store::OpenDatabase(pg_ ? pg_->url() : "sqlite:" + (dir_ / "m.db").string());
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_).has_value());
    ASSERT_TRUE(calendar_.Reload(*db_).has_value());
    appeals_ = std::make_unique<AppealService>(*db_, clock_, calendar_);
    service_ = std::make_unique<ConsultationService>(*db_, clock_, *appeals_);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(c1, store::InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
      community1_ = c1.id;
      MS_ASSIGN(water, store::InsertDepartment(tx, {.code = "water", .name = "水务局"}));
      MS_ASSIGN(urban, store::InsertDepartment(tx, {.code = "urban", .name = "城管局"}));
      water_ = water;
      urban_ = urban;
      MS_ASSIGN(cat, store::InsertCategory(tx, {.code = "flood", .name = "积水", .default_department_id = water}));
      category_ = cat;
      MS_ASSIGN(id, store::InsertUser(tx, {.username = "coordinator-s01", .password_hash = "x",
                                           .display_name = "枢纽", .role = "coordinator", .region_id = s1.id}));
      coordinator_ = Actor{.user_id = id, .role = Role::kCoordinator, .username = "coordinator-s01",
                           .display_name = "枢纽", .region_id = s1.id, .region_path = s1.path};
      return {};
    }).has_value());
  }
  void TearDown() override {
    service_.reset();
    appeals_.reset();
    db_.reset();
    pg_.reset();
    fs::remove_all(dir_);
  }

  Id NewAppeal(const std::string& title) {
    auto a = appeals_->Register(coordinator_, {.title = title, .content = "路口积水", .channel = "phone",
                                               .region_id = community1_, .category_id = category_,
                                               .appellant_name = "张三", .appellant_phone = "13800001234"});
    EXPECT_TRUE(a.has_value()) << a.error().message;
    return a ? a->id : 0;
  }
  std::string StatusOf(Id appeal) { return appeals_->Get(coordinator_, appeal)->appeal.status; }

  fs::path dir_;
  std::unique_ptr<minsheng::testing::PgTestDatabase> pg_;
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{kStart};
  CalendarCache calendar_;
  std::unique_ptr<AppealService> appeals_;
  std::unique_ptr<ConsultationService> service_;
  Actor coordinator_;
  Id community1_ = 0, water_ = 0, urban_ = 0, category_ = 0;
};

TEST_P(ConsultationServiceTest, AnalysisMeetingDispatchesAllItsAppealsInOneStepOrNone) {
  const Id a = NewAppeal("河湾路口积水"), b = NewAppeal("河湾路口积水（二）");
  auto c = service_->Create(coordinator_, {.kind = "analysis", .title = "积水点分析会", .region_id = community1_,
                                           .appeal_ids = {a, b}});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  const Id id = c->consultation.id;
  EXPECT_EQ(c->appeals.size(), 2u);
  EXPECT_EQ(StatusOf(a), "deliberating");
  ASSERT_TRUE(service_->Decide(coordinator_, id, {.accept = true}));
  ASSERT_TRUE(service_->Meeting(coordinator_, id, MeetingInput{.place = "便民服务中心", .form = "in_person"}));

  // Without minutes nothing moves; with an unknown assisting unit neither appeal moves, nor the consultation.
  auto no_minutes = service_->DispatchAnalysis(coordinator_, id, {.lead_unit_id = water_});
  ASSERT_FALSE(no_minutes.has_value());
  EXPECT_EQ(no_minutes.error().field, "minutes");
  auto bad = service_->DispatchAnalysis(coordinator_, id,
                                        {.lead_unit_id = water_, .assisting_unit_ids = {987654}, .minutes = "议定"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "assisting_unit_ids");
  EXPECT_EQ(StatusOf(a), "deliberating");
  EXPECT_EQ(StatusOf(b), "deliberating");
  EXPECT_EQ(service_->Get(coordinator_, id)->consultation.step, "meeting");

  auto done = service_->DispatchAnalysis(coordinator_, id,
                                         {.lead_unit_id = water_, .assisting_unit_ids = {urban_}, .minutes = "议定"});
  ASSERT_TRUE(done.has_value()) << done.error().message;
  EXPECT_EQ(done->consultation.step, "done");
  EXPECT_EQ(done->consultation.lead_unit_id, std::optional<Id>(water_));
  for (Id appeal : {a, b}) {
    auto d = appeals_->Get(coordinator_, appeal);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->appeal.status, "dispatched");
    EXPECT_EQ(d->appeal.lead_unit_id, std::optional<Id>(water_));
    const auto assisting = std::count_if(d->dispatches.begin(), d->dispatches.end(), [&](const auto& x) {
      return x.active && x.role == "assisting" && x.unit_id == urban_;
    });
    EXPECT_EQ(assisting, 1);
    EXPECT_EQ(d->timeline.back().action, "dispatch");
    EXPECT_NE(d->timeline.back().data.find("\"consultation_id\":" + std::to_string(id)), std::string::npos);
  }
}

TEST_P(ConsultationServiceTest, RefusalExplainsTheAppealsAndFreesThemForAnother) {
  const Id a = NewAppeal("只许本地人用健身器材");
  auto c = service_->Create(coordinator_, {.kind = "micro", .title = "健身器材", .region_id = community1_,
                                           .appeal_ids = {a}});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  auto other = service_->Create(coordinator_, {.kind = "micro", .title = "另一场", .region_id = community1_});
  ASSERT_TRUE(other.has_value());
  // One open consultation at a time.
  auto twice = service_->LinkAppeals(coordinator_, other->consultation.id, {a});
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, "already_linked");

  auto refused = service_->Decide(coordinator_, c->consultation.id,
                                  {.accept = false, .refusal_rule = "superior_decided", .reason = "区政府已有明确规定"});
  ASSERT_TRUE(refused.has_value()) << refused.error().message;
  EXPECT_EQ(refused->consultation.step, "refused");
  auto track = appeals_->Track(appeals_->Get(coordinator_, a)->appeal.receipt_code);
  ASSERT_TRUE(track.has_value());
  EXPECT_EQ(track->appeal.status, "explaining");
  EXPECT_EQ(track->timeline.back().action, "explain");
  EXPECT_NE(track->timeline.back().note.find("上级已有明确决定"), std::string::npos);
  EXPECT_NE(track->timeline.back().note.find("区政府已有明确规定"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, ConsultationServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
