// Proposals against a real database (a SQLite file, and PostgreSQL when the test cluster is there): the
// triage route escalate making or joining a draft, who sees a proposal (the deputy's side, its units, the
// region's staff: 404 for everyone else), and two ratings racing for one answer (exactly one counts).
#include "app/proposal_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "../support/engine_database.h"
#include "app/appeal_service.h"
#include "store/deputy_case_repository.h"
#include "store/migrations.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;

constexpr Timestamp kStart = 1794967200;  // 2026-11-18T10:00:00+08:00

class ProposalServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "proposal"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    db_ = &engine_.db();
    ASSERT_TRUE(calendar_.Reload(*db_).has_value());
    appeals_ = std::make_unique<AppealService>(*db_, clock_, calendar_);
    proposals_ = std::make_unique<ProposalService>(*db_, clock_);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(s2, store::InsertRegion(tx, district.id, "street", "s02", "西岭镇"));
      MS_ASSIGN(c1, store::InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
      community1_ = c1.id;
      MS_ASSIGN(housing, store::InsertDepartment(tx, {.code = "housing", .name = "住建局"}));
      MS_ASSIGN(water, store::InsertDepartment(tx, {.code = "water", .name = "水务局"}));
      MS_ASSIGN(urban, store::InsertDepartment(tx, {.code = "urban", .name = "城管局"}));
      housing_ = housing;
      water_ = water;
      urban_ = urban;
      MS_ASSIGN(cat, store::InsertCategory(tx, {.code = "lift", .name = "电梯", .default_department_id = housing}));
      category_ = cat;
      auto user = [&](const char* name, const char* role, Id region, store::OptId dept = {},
                      bool head = false) -> Result<Actor> {
        MS_ASSIGN(id, store::InsertUser(tx, {.username = name, .password_hash = "x", .display_name = name,
                                             .role = role, .region_id = region, .department_id = dept,
                                             .unit_head = head}));
        Actor a;
        a.user_id = id;
        a.role = *ParseRole(role);
        a.username = name;
        a.display_name = name;
        a.region_id = region;
        a.department_id = dept;
        a.unit_head = head;
        MS_ASSIGN(r, store::FindRegion(tx, region));
        a.region_path = r->path;
        return a;
      };
      MS_ASSIGN(d1, user("deputy-s01", "deputy", s1.id));
      MS_ASSIGN(d2, user("deputy-s02", "deputy", s2.id));
      MS_ASSIGN(c1u, user("coordinator-s01", "coordinator", s1.id));
      MS_ASSIGN(c2u, user("coordinator-s02", "coordinator", s2.id));
      MS_ASSIGN(reg, user("registrar-s01", "registrar", s1.id));
      MS_ASSIGN(hh, user("handler-housing", "handler", district.id, housing));
      MS_ASSIGN(hw, user("handler-water", "handler", district.id, water));
      MS_ASSIGN(hu, user("handler-urban", "handler", district.id, urban));
      MS_ASSIGN(head, user("head-housing", "handler", district.id, housing, true));
      MS_ASSIGN(admin, user("admin", "admin", district.id));
      deputy_ = d1;
      deputy_s02_ = d2;
      coordinator_ = c1u;
      coordinator_s02_ = c2u;
      registrar_ = reg;
      handler_housing_ = hh;
      handler_water_ = hw;
      handler_urban_ = hu;
      head_housing_ = head;
      admin_ = admin;
      MS_TRY(store::InsertDeputyAssistant(tx, {.deputy_id = d1.user_id, .assistant_id = reg.user_id,
                                               .street_id = s1.street_id, .created_at = kStart}));
      return {};
    }).has_value());
  }
  void TearDown() override {
    proposals_.reset();
    appeals_.reset();
  }

  Id NewAppeal() {
    auto a = appeals_->Register(admin_, {.title = "电梯停运", .content = "三号楼电梯停运一周", .channel = "phone",
                                         .region_id = community1_, .category_id = category_, .anonymous = true});
    EXPECT_TRUE(a.has_value()) << (a ? "" : a.error().message);
    return a ? a->id : 0;
  }

  // A proposal of deputy-s01 assigned to housing (lead) and water (assisting), answered A and sent.
  Id AnsweredProposal() {
    auto p = proposals_->Register(deputy_, {.kind = "suggestion", .title = "加装电梯"});
    EXPECT_TRUE(p.has_value()) << (p ? "" : p.error().message);
    if (!p) return 0;
    const Id id = p->proposal.id;
    EXPECT_TRUE(proposals_->Submit(deputy_, id, "").has_value());
    EXPECT_TRUE(proposals_->Assign(coordinator_, id, {.lead_unit_id = housing_, .assisting_unit_ids = {water_}}).has_value());
    EXPECT_TRUE(proposals_->Answer(handler_housing_, id, {"A", "已加装", std::nullopt}).has_value());
    EXPECT_TRUE(proposals_->Approve(head_housing_, id, true, "").has_value());
    return id;
  }

  std::int64_t Count(const std::string& sql) {
    std::int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](store::Tx& tx) -> Status {
      MS_ASSIGN(row, tx.QueryOne(sql));
      n = row ? row->Int(0) : 0;
      return {};
    }).has_value());
    return n;
  }

  minsheng::testing::EngineDatabase engine_;
  store::Database* db_ = nullptr;
  ManualClock clock_{kStart};
  CalendarCache calendar_;
  std::unique_ptr<AppealService> appeals_;
  std::unique_ptr<ProposalService> proposals_;
  Id community1_ = 0, category_ = 0, housing_ = 0, water_ = 0, urban_ = 0;
  Actor deputy_, deputy_s02_, coordinator_, coordinator_s02_, registrar_, handler_housing_, handler_water_,
      handler_urban_, head_housing_, admin_;
};

TEST_P(ProposalServiceTest, EscalateMakesADraftForTheNamedDeputyOrJoinsOne) {
  // No deputy on the case and none named: escalated, no draft.
  const Id lone = NewAppeal();
  ASSERT_TRUE(appeals_->Triage(coordinator_, lone, {.route = Action::kEscalate, .note = "转建议"}).has_value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM proposals"), 0);

  const Id a = NewAppeal();
  auto escalated = appeals_->Triage(coordinator_, a, {.route = Action::kEscalate, .note = "转建议",
                                                       .deputy_id = deputy_.user_id});
  ASSERT_TRUE(escalated.has_value()) << escalated.error().message;
  EXPECT_EQ(escalated->deputy_id, deputy_.user_id);  // the named deputy follows the case now
  ASSERT_EQ(Count("SELECT COUNT(*) FROM proposals"), 1);
  const Id proposal = Count("SELECT id FROM proposals");
  auto draft = proposals_->Get(deputy_, proposal);
  ASSERT_TRUE(draft.has_value()) << draft.error().message;
  EXPECT_EQ(draft->proposal.step, "draft");
  EXPECT_EQ(draft->proposal.title, "电梯停运");
  ASSERT_EQ(draft->appeals.size(), 1u);
  EXPECT_EQ(draft->appeals[0].appeal_id, a);

  const Id b = NewAppeal();
  ASSERT_TRUE(appeals_->Triage(coordinator_, b, {.route = Action::kEscalate, .note = "并入",
                                                 .proposal_id = proposal}).has_value());
  EXPECT_EQ(proposals_->Get(deputy_, proposal)->appeals.size(), 2u);
  // The lone appeal taken up later by the deputy's side; an appeal already in a proposal is refused.
  auto taken = proposals_->Register(registrar_, {.kind = "suggestion", .title = "再提", .deputy_id = deputy_.user_id,
                                                 .appeal_ids = {a}});
  ASSERT_FALSE(taken.has_value());
  EXPECT_EQ(taken.error().code, "appeal_linked");
  auto lone_taken = proposals_->Register(coordinator_, {.kind = "suggestion", .title = "电梯", .deputy_id = deputy_.user_id,
                                                        .appeal_ids = {lone}});
  ASSERT_TRUE(lone_taken.has_value()) << lone_taken.error().message;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events WHERE action = 'proposal_link' AND appeal_id = " + std::to_string(lone)), 1);
  // A non-escalated appeal cannot be taken up.
  auto fresh = proposals_->Register(coordinator_, {.kind = "suggestion", .title = "电梯", .deputy_id = deputy_.user_id,
                                                   .appeal_ids = {NewAppeal()}});
  ASSERT_FALSE(fresh.has_value());
  EXPECT_EQ(fresh.error().field, "appeal_ids");
  // A draft joined by another street's coordinator: not theirs to see.
  const Id c = NewAppeal();
  auto other = appeals_->Triage(coordinator_s02_, c, {.route = Action::kEscalate, .note = "并入", .proposal_id = proposal});
  EXPECT_FALSE(other.has_value());
}

// Only the lead unit's head approves an answer, and not one they drafted themselves (four eyes).
TEST_P(ProposalServiceTest, OnlyTheLeadUnitsHeadApprovesAnAnswerSomeoneElseDrafted) {
  auto p = proposals_->Register(deputy_, {.kind = "suggestion", .title = "加装电梯"});
  ASSERT_TRUE(p.has_value());
  const Id id = p->proposal.id;
  ASSERT_TRUE(proposals_->Submit(deputy_, id, "").has_value());
  ASSERT_TRUE(proposals_->Assign(coordinator_, id, {.lead_unit_id = housing_, .assisting_unit_ids = {water_}}).has_value());
  ASSERT_TRUE(proposals_->Answer(head_housing_, id, {"A", "已加装", std::nullopt}).has_value());
  for (const Actor* who : {&handler_housing_, &handler_water_, &head_housing_}) {
    auto refused = proposals_->Approve(*who, id, true, "");
    ASSERT_FALSE(refused.has_value()) << who->username;
    EXPECT_EQ(refused.error().kind, ErrorKind::kForbidden) << who->username;
  }
  ASSERT_TRUE(proposals_->Answer(handler_housing_, id, {"A", "已加装并投入使用", std::nullopt}).has_value());
  auto approved = proposals_->Approve(head_housing_, id, true, "");
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  EXPECT_EQ(approved->proposal.step, "answered");
}

TEST_P(ProposalServiceTest, WhoSeesAProposal) {
  const Id id = AnsweredProposal();
  struct Case {
    const Actor* actor;
    bool sees;
  };
  const Case cases[] = {{&deputy_, true},          {&registrar_, true},        {&coordinator_, true},
                        {&handler_housing_, true}, {&handler_water_, true},    {&admin_, true},
                        {&deputy_s02_, false},     {&coordinator_s02_, false}, {&handler_urban_, false}};
  for (const auto& c : cases) {
    auto got = proposals_->Get(*c.actor, id);
    EXPECT_EQ(got.has_value(), c.sees) << c.actor->username;
    if (!c.sees) {
      EXPECT_EQ(got.error().kind, ErrorKind::kNotFound) << c.actor->username;
    }
    auto list = proposals_->List(*c.actor, {});
    ASSERT_TRUE(list.has_value()) << c.actor->username;
    EXPECT_EQ(list->size(), c.sees ? 1u : 0u) << c.actor->username;
  }
  // A unit that sees it may not rate it; the assisting unit may not answer it.
  auto unit_rates = proposals_->Rate(handler_water_, id, "satisfied", "");
  ASSERT_FALSE(unit_rates.has_value());
  EXPECT_EQ(unit_rates.error().kind, ErrorKind::kForbidden);
  auto assisting_answers = proposals_->FollowUp(handler_water_, id, {"A", "协办答复", std::nullopt});
  ASSERT_FALSE(assisting_answers.has_value());
  EXPECT_EQ(assisting_answers.error().kind, ErrorKind::kForbidden);
  auto rate = proposals_->Rate(deputy_s02_, id, "satisfied", "");
  ASSERT_FALSE(rate.has_value());
  EXPECT_EQ(rate.error().kind, ErrorKind::kNotFound);
}

TEST_P(ProposalServiceTest, TwoRatingsRacingForOneAnswerOneCounts) {
  const Id id = AnsweredProposal();
  std::atomic<int> ok{0}, refused{0};
  auto rate = [&](const Actor& who, const char* rating) {
    auto r = proposals_->Rate(who, id, rating, "理由");
    if (r) ++ok;
    else if (r.error().kind == ErrorKind::kConflict) ++refused;
  };
  std::thread first(rate, std::cref(deputy_), "satisfied");
  std::thread second(rate, std::cref(registrar_), "dissatisfied");
  first.join();
  second.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(refused.load(), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM proposal_events WHERE action = 'rate' AND proposal_id = " + std::to_string(id)), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, ProposalServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
