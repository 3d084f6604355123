// Public evaluation against a real database (a SQLite file, and PostgreSQL when the test cluster is there):
// a round's results and the year's table by hand count, who may do what, a bad form counting nothing, and two
// racing forms of one deputy of which exactly one counts.
#include "app/evaluation_service.h"

#include <gtest/gtest.h>

#include <thread>

#include "../support/engine_database.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;

const Timestamp kStart = 1'790'000'000;  // 2026-09-21

class EvaluationServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "evaluation"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    db_ = &engine_.db();
    service_ = std::make_unique<EvaluationService>(*db_, clock_);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(s2, store::InsertRegion(tx, district.id, "street", "s02", "西岭镇"));
      district_ = district.id;
      street1_ = s1.id;
      street2_ = s2.id;
      MS_ASSIGN(a, store::InsertDepartment(tx, {.code = "housing", .name = "住建局"}));
      MS_ASSIGN(b, store::InsertDepartment(tx, {.code = "water", .name = "水务局"}));
      unit_a_ = a;
      unit_b_ = b;
      auto user = [&](const char* name, const char* role, const store::RegionRecord& region) -> Result<Actor> {
        MS_ASSIGN(id, store::InsertUser(tx, {.username = name, .password_hash = "x", .display_name = name,
                                             .role = role, .region_id = region.id}));
        return Actor{.user_id = id, .role = *ParseRole(role), .username = name, .display_name = name,
                     .region_id = region.id, .region_path = region.path};
      };
      MS_ASSIGN(admin, user("admin", "admin", district));
      MS_ASSIGN(coord2, user("coordinator-s02", "coordinator", s2));
      MS_ASSIGN(registrar, user("registrar", "registrar", district));
      MS_ASSIGN(d1, user("deputy-s01", "deputy", s1));
      MS_ASSIGN(d2, user("deputy-s02", "deputy", s2));
      MS_ASSIGN(leader, user("leader", "leader", district));
      admin_ = admin;
      coordinator2_ = coord2;
      registrar_ = registrar;
      deputy1_ = d1;
      deputy2_ = d2;
      leader_ = leader;
      return {};
    }).has_value());
  }

  // A round of `region` on the two departments and a public service, two criteria.
  EvaluationRound Round(Id region, int year = 2026) {
    auto round = service_->Create(admin_, {.title = "述职测评", .year = year, .kind = EvaluationKind::kReport,
                                           .region_id = region, .criteria = {"工作作风", "办事效率"},
                                           .deputy_share = 0.5,
                                           .targets = {{.department_id = unit_a_}, {.department_id = unit_b_},
                                                       {.name = "政务服务窗口"}}});
    EXPECT_TRUE(round.has_value()) << (round ? "" : round.error().message);
    return round.value_or(EvaluationRound{});
  }

  static EvaluationFormInput Form(EvaluatorKind who, std::vector<std::pair<Id, std::vector<int>>> scores) {
    EvaluationFormInput in{.evaluator = who};
    for (auto& [target, points] : scores) in.scores.push_back({.target_id = target, .points = std::move(points)});
    return in;
  }

  minsheng::testing::EngineDatabase engine_;
  store::Database* db_ = nullptr;
  ManualClock clock_{kStart};
  std::unique_ptr<EvaluationService> service_;
  Id district_ = 0, street1_ = 0, street2_ = 0, unit_a_ = 0, unit_b_ = 0;
  Actor admin_, coordinator2_, registrar_, deputy1_, deputy2_, leader_;
};

TEST_P(EvaluationServiceTest, ResultsAndTheYearsTableFollowTheHandCount) {
  const EvaluationRound round = Round(district_);
  ASSERT_EQ(round.targets.size(), 3u);
  const Id a = round.targets[0].id, b = round.targets[1].id, window = round.targets[2].id;
  EXPECT_EQ(round.targets[0].name, "住建局");
  // Deputies: a 5,5 and 4,4 (100, 80); b 2,2 (40); the window 3,4 (70). Residents: a 3,3 (60); b 4,4 (80).
  ASSERT_TRUE(service_->SubmitForm(deputy1_, round.round.id,
                                   Form(EvaluatorKind::kDeputy, {{a, {5, 5}}, {b, {2, 2}}, {window, {3, 4}}})));
  ASSERT_TRUE(service_->SubmitForm(deputy2_, round.round.id, Form(EvaluatorKind::kDeputy, {{a, {4, 4}}})));
  ASSERT_TRUE(service_->SubmitForm(admin_, round.round.id, Form(EvaluatorKind::kResident, {{a, {3, 3}}, {b, {4, 4}}})));

  // Running results: the managers and leaders see them, deputies do not.
  EXPECT_FALSE(service_->Get(deputy1_, round.round.id)->results_visible);
  auto running = service_->Get(leader_, round.round.id);
  ASSERT_TRUE(running.has_value());
  ASSERT_TRUE(running->results_visible);
  ASSERT_EQ(running->results.size(), 3u);
  const auto& ra = running->results[0];
  EXPECT_DOUBLE_EQ(*ra.deputy_mean, 90);
  EXPECT_DOUBLE_EQ(*ra.resident_mean, 60);
  EXPECT_DOUBLE_EQ(*ra.score, 75);  // half each
  EXPECT_EQ(ra.deputy_forms, 2);
  EXPECT_EQ(ra.resident_forms, 1);
  EXPECT_DOUBLE_EQ(*running->results[1].score, 60);  // (40 + 80) / 2
  EXPECT_DOUBLE_EQ(*running->results[2].score, 70);  // deputies only
  EXPECT_EQ(running->results[0].standing.rank, 1);
  EXPECT_EQ(running->results[2].standing.rank, 2);
  EXPECT_EQ(running->results[1].standing.rank, 3);
  EXPECT_TRUE(running->results[1].standing.bottom);
  EXPECT_FALSE(running->results[0].standing.bottom);

  // Open rounds stay out of the table and the ranking's scores.
  EXPECT_TRUE(service_->Table(admin_, 2026, std::nullopt, std::nullopt)->rows.empty());
  ASSERT_TRUE(service_->Close(admin_, round.round.id).has_value());
  EXPECT_TRUE(service_->Get(deputy1_, round.round.id)->results_visible);

  // A second closed round of the year: a scores 50 there, so its year's score is (75 + 50) / 2.
  const EvaluationRound second = Round(street1_);
  ASSERT_TRUE(service_->SubmitForm(deputy1_, second.round.id,
                                   Form(EvaluatorKind::kDeputy, {{second.targets[0].id, {3, 2}}})));
  ASSERT_TRUE(service_->Close(admin_, second.round.id).has_value());
  // And a round of another year does not count.
  const EvaluationRound other_year = Round(district_, 2025);
  ASSERT_TRUE(service_->SubmitForm(deputy1_, other_year.round.id,
                                   Form(EvaluatorKind::kDeputy, {{other_year.targets[0].id, {1, 1}}})));
  ASSERT_TRUE(service_->Close(admin_, other_year.round.id).has_value());

  auto table = service_->Table(registrar_, 2026, std::nullopt, std::nullopt);
  ASSERT_TRUE(table.has_value()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->bottom, 1);
  EXPECT_EQ(table->rows[0].name, "政务服务窗口");
  EXPECT_DOUBLE_EQ(*table->rows[0].score, 70);
  EXPECT_EQ(table->rows[1].name, "住建局");
  EXPECT_DOUBLE_EQ(*table->rows[1].score, 62.5);
  EXPECT_EQ(table->rows[1].rounds, 2);
  EXPECT_EQ(table->rows[1].forms, 4);
  EXPECT_DOUBLE_EQ(*table->rows[1].deputy_mean, 70);  // (90 + 50) / 2
  EXPECT_EQ(table->rows[2].name, "水务局");
  EXPECT_TRUE(table->rows[2].standing.bottom);
  EXPECT_FALSE(table->rows[1].standing.bottom);
  // The street's table holds the street's round only.
  auto street = service_->Table(admin_, 2026, street1_, 0);
  ASSERT_TRUE(street.has_value());
  ASSERT_EQ(street->rows.size(), 1u);
  EXPECT_DOUBLE_EQ(*street->rows[0].score, 50);
  EXPECT_FALSE(street->rows[0].standing.bottom);

  // What the ranking reads: departments only, by id.
  auto scores = ReadValue<std::map<Id, double>>(*db_, [](store::Tx& tx) { return DepartmentEvaluationScores(tx, 2026, 2026); });
  ASSERT_TRUE(scores.has_value());
  EXPECT_EQ(scores->size(), 2u);
  EXPECT_DOUBLE_EQ(scores->at(unit_a_), 62.5);
  EXPECT_DOUBLE_EQ(scores->at(unit_b_), 60);
  auto both_years = ReadValue<std::map<Id, double>>(*db_, [](store::Tx& tx) { return DepartmentEvaluationScores(tx, 2025, 2026); });
  EXPECT_DOUBLE_EQ(both_years->at(unit_a_), (75 + 50 + 20) / 3.0);
}

TEST_P(EvaluationServiceTest, WhoMayDoWhat) {
  const EvaluationRound street1 = Round(street1_);
  const Id target = street1.targets[0].id;
  auto code = [](const auto& r) { return r.has_value() ? std::string("ok") : r.error().code; };
  // Another street's coordinator neither enters forms nor closes; another street's deputy does not score it.
  EXPECT_EQ(code(service_->SubmitForm(coordinator2_, street1.round.id, Form(EvaluatorKind::kResident, {{target, {3, 3}}}))),
            "forbidden");
  EXPECT_EQ(code(service_->Close(coordinator2_, street1.round.id)), "forbidden");
  EXPECT_EQ(code(service_->SubmitForm(deputy2_, street1.round.id, Form(EvaluatorKind::kDeputy, {{target, {3, 3}}}))),
            "forbidden");
  // A registrar neither opens rounds nor fills in a deputy's form; nobody but a deputy does.
  EXPECT_EQ(code(service_->Create(registrar_, {.title = "x", .year = 2026, .region_id = district_, .criteria = {"c"},
                                               .targets = {{.name = "t"}}})),
            "forbidden");
  EXPECT_EQ(code(service_->SubmitForm(admin_, street1.round.id, Form(EvaluatorKind::kDeputy, {{target, {3, 3}}}))),
            "forbidden");
  // A street's coordinator cannot open a district round.
  EXPECT_EQ(code(service_->Create(coordinator2_, {.title = "x", .year = 2026, .region_id = district_,
                                                  .criteria = {"c"}, .targets = {{.name = "t"}}})),
            "forbidden");
  // The street's own deputy may, once.
  EXPECT_EQ(code(service_->SubmitForm(deputy1_, street1.round.id, Form(EvaluatorKind::kDeputy, {{target, {3, 3}}}))), "ok");
  EXPECT_EQ(code(service_->SubmitForm(deputy1_, street1.round.id, Form(EvaluatorKind::kDeputy, {{target, {4, 4}}}))),
            "already_evaluated");
  // Every staff role reads the round; a round that does not exist is not found.
  EXPECT_EQ(code(service_->Get(coordinator2_, street1.round.id)), "ok");
  EXPECT_EQ(code(service_->Get(registrar_, 987654)), "not_found");
  // Closed: no more forms, no second close.
  ASSERT_TRUE(service_->Close(admin_, street1.round.id).has_value());
  EXPECT_EQ(code(service_->Close(admin_, street1.round.id)), "evaluation_closed");
  EXPECT_EQ(code(service_->SubmitForm(admin_, street1.round.id, Form(EvaluatorKind::kResident, {{target, {3, 3}}}))),
            "evaluation_closed");
}

TEST_P(EvaluationServiceTest, ABadFormCountsNothing) {
  const EvaluationRound round = Round(district_);
  const Id a = round.targets[0].id, b = round.targets[1].id;
  struct Case {
    const char* why;
    std::vector<std::pair<Id, std::vector<int>>> scores;
    std::string code, field;
  };
  for (const Case& c : std::vector<Case>{
           {"a point beyond 5 after a good unit", {{a, {5, 5}}, {b, {5, 6}}}, "invalid_points", "scores[1].points"},
           {"one point short", {{a, {5}}}, "invalid_points", "scores[0].points"},
           {"a unit of no round", {{a, {5, 5}}, {987654, {5, 5}}}, "unknown_target", "scores[1].target_id"},
           {"a unit twice", {{a, {5, 5}}, {a, {4, 4}}}, "duplicate_value", "scores[1].target_id"},
           {"nothing scored", {}, "missing_field", "scores"},
       }) {
    auto r = service_->SubmitForm(admin_, round.round.id, Form(EvaluatorKind::kResident, c.scores));
    ASSERT_FALSE(r.has_value()) << c.why;
    EXPECT_EQ(r.error().code, c.code) << c.why;
    EXPECT_EQ(r.error().field, c.field) << c.why;
  }
  auto after = service_->Get(admin_, round.round.id);
  EXPECT_EQ(after->resident_forms, 0);
  EXPECT_FALSE(after->results[0].score.has_value());
}

TEST_P(EvaluationServiceTest, TwoRacingFormsOfOneDeputyCountOnce) {
  const EvaluationRound round = Round(district_);
  const Id a = round.targets[0].id;
  std::vector<std::string> outcomes(2);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      auto r = service_->SubmitForm(deputy1_, round.round.id, Form(EvaluatorKind::kDeputy, {{a, {i + 3, i + 3}}}));
      outcomes[static_cast<std::size_t>(i)] = r ? "ok" : r.error().code;
    });
  }
  for (auto& t : threads) t.join();
  std::sort(outcomes.begin(), outcomes.end());
  EXPECT_EQ(outcomes, (std::vector<std::string>{"already_evaluated", "ok"}));
  auto after = service_->Get(admin_, round.round.id);
  EXPECT_EQ(after->deputy_forms, 1);
  EXPECT_EQ(after->results[0].deputy_forms, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, EvaluationServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
