// Issue 12, the case owner's plan, against a real database (SQLite, and PostgreSQL when the test cluster is
// there): escalations give an appeal to the leader responsible for its street (else the first leader, said
// in the event note); the owner writes, revises and completes the plan, nobody else does; the plan shows on
// the detail and in the owner's queue.
#include <gtest/gtest.h>

#include <algorithm>

#include "../support/engine_database.h"
#include "app/appeal_service.h"
#include "app/case_owner.h"
#include "app/case_plan_service.h"
#include "app/deadline_sweep.h"
#include "core/calendar.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;

constexpr Timestamp kStart = 1794967200;  // 2026-11-18T10:00:00+08:00, a Wednesday

Timestamp Day(const char* date) { return LocalDayStart(*ParseDate(date)); }

class CasePlanTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "case_plan"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    db_ = &engine_.db();
    ASSERT_TRUE(calendar_.Reload(*db_).has_value());
    appeals_ = std::make_unique<AppealService>(*db_, clock_, calendar_);
    plans_ = std::make_unique<CasePlanService>(*db_, clock_);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      district_ = district.id;
      MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(s2, store::InsertRegion(tx, district.id, "street", "s02", "西湖街道"));
      MS_ASSIGN(s3, store::InsertRegion(tx, district.id, "street", "s03", "南湖街道"));
      MS_ASSIGN(c1, store::InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
      MS_ASSIGN(c2, store::InsertRegion(tx, s2.id, "community", "s02c01", "西岸社区"));
      MS_ASSIGN(c3, store::InsertRegion(tx, s3.id, "community", "s03c01", "南岸社区"));
      street1_ = s1.id, street2_ = s2.id, street3_ = s3.id;
      community1_ = c1.id, community2_ = c2.id, community3_ = c3.id;
      MS_ASSIGN(civil, store::InsertDepartment(tx, {.code = "civil", .name = "民政局"}));
      MS_ASSIGN(water, store::InsertDepartment(tx, {.code = "water", .name = "水务局"}));
      civil_ = civil, water_ = water;
      MS_ASSIGN(cat, store::InsertCategory(tx, {.code = "aid", .name = "救助", .default_department_id = civil}));
      category_ = cat;
      auto user = [&](const char* name, const char* role, store::OptId dept, bool active = true) -> Result<Actor> {
        MS_ASSIGN(id, store::InsertUser(tx, {.username = name, .password_hash = "x", .display_name = name,
                                             .role = role, .region_id = district.id, .department_id = dept,
                                             .active = active}));
        return Actor{.user_id = id, .role = *ParseRole(role), .username = name, .display_name = name,
                     .region_id = district.id, .region_path = district.path, .department_id = dept};
      };
      // leader-a is the first leader (the old rule's pick); leader-b answers for 东湖街道, leader-c (inactive)
      // for 南湖街道; nobody for 西湖街道.
      MS_ASSIGN(admin, user("admin", "admin", std::nullopt));
      MS_ASSIGN(reg, user("registrar", "registrar", std::nullopt));
      MS_ASSIGN(coord, user("coordinator", "coordinator", std::nullopt));
      MS_ASSIGN(la, user("leader-a", "leader", std::nullopt));
      MS_ASSIGN(lb, user("leader-b", "leader", std::nullopt));
      MS_ASSIGN(lc, user("leader-c", "leader", std::nullopt, false));
      MS_ASSIGN(h, user("handler-civil", "handler", civil));
      admin_ = admin, registrar_ = reg, coordinator_ = coord, leader_a_ = la, leader_b_ = lb, leader_c_ = lc;
      handler_ = h;
      return {};
    }).has_value());
    ASSERT_TRUE(plans_->SetLeaderStreets(admin_, leader_b_.user_id, {street1_}).has_value());
    ASSERT_TRUE(plans_->SetLeaderStreets(admin_, leader_c_.user_id, {street3_}).has_value());
  }

  // A dispatched appeal in `community`, owned by `owner` if given.
  Id Dispatched(Id community, store::OptId owner = std::nullopt) {
    auto a = appeals_->Register(registrar_, {.title = "低保申请", .content = "申请低保三个月无答复", .channel = "phone",
                                             .region_id = community, .category_id = category_,
                                             .appellant_name = "张三", .appellant_phone = "13800001234"});
    EXPECT_TRUE(a.has_value()) << (a ? "" : a.error().message);
    if (!a) return 0;
    auto d = appeals_->Dispatch(coordinator_, a->id, {.lead_unit_id = civil_, .case_owner_id = owner});
    EXPECT_TRUE(d.has_value()) << (d ? "" : d.error().message);
    return a->id;
  }

  minsheng::testing::EngineDatabase engine_;
  store::Database* db_ = nullptr;
  ManualClock clock_{kStart};
  CalendarCache calendar_;
  std::unique_ptr<AppealService> appeals_;
  std::unique_ptr<CasePlanService> plans_;
  Id district_ = 0, street1_ = 0, street2_ = 0, street3_ = 0, community1_ = 0, community2_ = 0, community3_ = 0;
  Id civil_ = 0, water_ = 0, category_ = 0;
  Actor admin_, registrar_, coordinator_, leader_a_, leader_b_, leader_c_, handler_;
};

// Which leader each street's appeal goes to, and what the note says.
TEST_P(CasePlanTest, TheLeaderForAnAppealIsItsStreetsLeader) {
  struct Case {
    const char* what;
    Id community;
    Id leader;
    bool by_street;
    const char* note;
  };
  const Case cases[] = {
      {"a street with its leader", community1_, leader_b_.user_id, true, "（东湖街道分管领导：leader-b）"},
      {"a street without one", community2_, leader_a_.user_id, false, "（西湖街道未设分管领导，按默认规则交leader-a包案）"},
      {"a street whose leader is inactive", community3_, leader_a_.user_id, false,
       "（南湖街道未设分管领导，按默认规则交leader-a包案）"},
  };
  for (const auto& c : cases) {
    const Id id = Dispatched(c.community);
    auto choice = ReadValue<LeaderChoice>(*db_, [&](store::Tx& tx) -> Result<LeaderChoice> {
      MS_ASSIGN(a, store::FindAppeal(tx, id));
      return LeaderForAppeal(tx, *a);
    });
    ASSERT_TRUE(choice.has_value()) << c.what;
    EXPECT_EQ(choice->leader_id, c.leader) << c.what;
    EXPECT_EQ(choice->by_street, c.by_street) << c.what;
    EXPECT_EQ(LeaderChoiceNote(*choice), c.note) << c.what;
  }
}

TEST_P(CasePlanTest, TheSweepsEscalationGivesTheCaseToTheStreetsLeaderOrSaysItFellBack) {
  const Id in_street1 = Dispatched(community1_);
  const Id in_street2 = Dispatched(community2_);
  const Id owned = Dispatched(community1_, leader_a_.user_id);  // an owner already named stays
  clock_.Set(Day("2026-12-20"));
  auto swept = SweepDeadlines(*db_, clock_);
  ASSERT_TRUE(swept.has_value()) << swept.error().message;
  EXPECT_EQ(swept->escalated, 3);
  struct Expect {
    Id id;
    Id owner;
    const char* note;
  };
  for (const auto& x : {Expect{in_street1, leader_b_.user_id, "逾期未办结，已提请包案领导督办（东湖街道分管领导：leader-b）"},
                        Expect{in_street2, leader_a_.user_id,
                               "逾期未办结，已提请包案领导督办（西湖街道未设分管领导，按默认规则交leader-a包案）"},
                        Expect{owned, leader_a_.user_id, "逾期未办结，已提请包案领导督办"}}) {
    auto d = appeals_->Get(coordinator_, x.id);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->appeal.case_owner_id, x.owner);
    const store::EventRecord* e = nullptr;
    for (const auto& ev : d->timeline)
      if (ev.action == "supervision_notice" && ev.data.find("escalation") != std::string::npos) e = &ev;
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->note, x.note);
  }
}

TEST_P(CasePlanTest, OnlyTheAdminSetsALeadersStreets) {
  auto set = plans_->SetLeaderStreets(admin_, leader_b_.user_id, {street2_, street1_, street2_});
  ASSERT_TRUE(set.has_value()) << set.error().message;
  ASSERT_EQ(set->size(), 2u);
  EXPECT_EQ((*set)[0].street_id, std::min(street1_, street2_));
  struct Refused {
    const char* what;
    const Actor* actor;
    Id leader;
    std::vector<Id> streets;
    ErrorKind kind;
    const char* field;
  };
  const Refused refused[] = {
      {"a coordinator", &coordinator_, leader_b_.user_id, {street1_}, ErrorKind::kForbidden, ""},
      {"a leader themselves", &leader_b_, leader_b_.user_id, {street1_}, ErrorKind::kForbidden, ""},
      {"not a leader", &admin_, handler_.user_id, {street1_}, ErrorKind::kNotFound, "id"},
      {"a community, not a street", &admin_, leader_b_.user_id, {community1_}, ErrorKind::kInvalid, "street_ids"},
      {"the district", &admin_, leader_b_.user_id, {district_}, ErrorKind::kInvalid, "street_ids"},
      {"no such region", &admin_, leader_b_.user_id, {987654}, ErrorKind::kInvalid, "street_ids"},
  };
  for (const auto& r : refused) {
    auto x = plans_->SetLeaderStreets(*r.actor, r.leader, r.streets);
    ASSERT_FALSE(x.has_value()) << r.what;
    EXPECT_EQ(x.error().kind, r.kind) << r.what;
    EXPECT_EQ(x.error().field, r.field) << r.what;
  }
  auto read = plans_->LeaderStreets(handler_, leader_b_.user_id);  // any staff member reads them
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->size(), 2u);
  auto cleared = plans_->SetLeaderStreets(admin_, leader_b_.user_id, {});
  ASSERT_TRUE(cleared.has_value());
  EXPECT_TRUE(cleared->empty());
}

TEST_P(CasePlanTest, TheOwnerWritesRevisesAndCompletesThePlanNobodyElse) {
  const Id id = Dispatched(community1_, leader_b_.user_id);
  const std::vector<StepDraft> plan = {
      {.title = "现场踏勘", .unit_id = civil_, .due_date = "2026-11-20"},
      {.title = "召开协调会", .unit_id = water_, .due_date = "2026-11-25"},
  };
  // Who may not write it.
  for (const Actor* other : {&leader_a_, &coordinator_, &admin_, &handler_}) {
    auto refused = plans_->WritePlan(*other, id, plan, "");
    ASSERT_FALSE(refused.has_value()) << other->username;
    EXPECT_EQ(refused.error().kind, ErrorKind::kForbidden) << other->username;
  }
  auto missing = plans_->WritePlan(leader_b_, 987654, plan, "");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);

  auto written = plans_->WritePlan(leader_b_, id, plan, "一周内见成效");
  ASSERT_TRUE(written.has_value()) << written.error().message;
  ASSERT_EQ(written->steps.size(), 2u);
  EXPECT_EQ(written->progress.total, 2);
  EXPECT_EQ(written->progress.done, 0);
  EXPECT_EQ(written->steps[1].unit_name, "水务局");
  const Id first = written->steps[0].id, second = written->steps[1].id;
  EXPECT_EQ(written->progress.next_id, first);

  // Unchanged: no event. Bad unit: refused on its field.
  ASSERT_TRUE(plans_->WritePlan(leader_b_, id, {{.id = first, .title = "现场踏勘", .unit_id = civil_, .due_date = "2026-11-20"},
                                                {.id = second, .title = "召开协调会", .unit_id = water_, .due_date = "2026-11-25"}},
                                "")
                  .has_value());
  auto bad_unit = plans_->WritePlan(leader_b_, id, {{.title = "x", .unit_id = 987654, .due_date = "2026-11-20"}}, "");
  ASSERT_FALSE(bad_unit.has_value());
  EXPECT_EQ(bad_unit.error().field, "steps[0].unit_id");

  // Revised: one retitled, one added.
  auto revised = plans_->WritePlan(leader_b_, id,
                                   {{.id = first, .title = "现场踏勘并拍照", .unit_id = civil_, .due_date = "2026-11-20"},
                                    {.id = second, .title = "召开协调会", .unit_id = water_, .due_date = "2026-11-25"},
                                    {.title = "回访群众", .unit_id = civil_, .due_date = "2026-11-30"}},
                                   "");
  ASSERT_TRUE(revised.has_value()) << revised.error().message;
  EXPECT_EQ(revised->progress.total, 3);

  // Done: the owner only, with a note, once.
  auto by_other = plans_->CompleteStep(leader_a_, id, first, "已完成");
  ASSERT_FALSE(by_other.has_value());
  EXPECT_EQ(by_other.error().kind, ErrorKind::kForbidden);
  auto no_note = plans_->CompleteStep(leader_b_, id, first, "  ");
  ASSERT_FALSE(no_note.has_value());
  EXPECT_EQ(no_note.error().field, "note");
  auto unknown = plans_->CompleteStep(leader_b_, id, 987654, "已完成");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().field, "step_id");
  auto done = plans_->CompleteStep(leader_b_, id, first, "已踏勘，拍照存档");
  ASSERT_TRUE(done.has_value()) << done.error().message;
  EXPECT_EQ(done->progress.done, 1);
  EXPECT_EQ(done->steps[0].status, "done");
  EXPECT_EQ(done->steps[0].done_by_name, "leader-b");
  EXPECT_EQ(done->progress.next_id, second);
  auto twice = plans_->CompleteStep(leader_b_, id, first, "再来一次");
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, "invalid_transition");
  EXPECT_TRUE(twice.error().allowed.empty());

  // A done step can be neither changed nor left out; open ones can be removed.
  auto change_done = plans_->WritePlan(leader_b_, id, {{.id = first, .title = "改", .unit_id = civil_, .due_date = "2026-11-20"}}, "");
  ASSERT_FALSE(change_done.has_value());
  EXPECT_EQ(change_done.error().code, "invalid_transition");
  auto drop_done = plans_->WritePlan(leader_b_, id, {{.title = "新", .unit_id = civil_, .due_date = "2026-11-30"}}, "");
  ASSERT_FALSE(drop_done.has_value());
  EXPECT_EQ(drop_done.error().code, "invalid_transition");
  auto removed = plans_->WritePlan(leader_b_, id,
                                   {{.id = first, .title = "现场踏勘并拍照", .unit_id = civil_, .due_date = "2026-11-20"},
                                    {.id = second, .title = "召开协调会", .unit_id = water_, .due_date = "2026-11-25"}},
                                   "回访并入协调会");
  ASSERT_TRUE(removed.has_value()) << removed.error().message;
  EXPECT_EQ(removed->progress.total, 2);

  // The timeline: one event per change, worded for people.
  auto d = appeals_->Get(coordinator_, id);
  ASSERT_TRUE(d.has_value());
  std::vector<std::pair<std::string, std::string>> plan_events;
  for (const auto& e : d->timeline)
    if (e.action.starts_with("plan_")) plan_events.emplace_back(e.action, e.note);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"plan_written", "制定包案方案，共 2 个步骤。一周内见成效"},
      {"plan_revised", "修改包案方案：新增 1 步，修改 1 步"},
      {"plan_step_done", "步骤“现场踏勘并拍照”已完成：已踏勘，拍照存档"},
      {"plan_revised", "修改包案方案：删除 1 步。回访并入协调会"},
  };
  EXPECT_EQ(plan_events, expected);
  // Others in scope read the plan; only the owner is offered to write it.
  EXPECT_EQ(d->case_plan.steps.size(), 2u);
  auto has_write = [&](const Actor& a) {
    auto detail = appeals_->Get(a, id);
    if (!detail) return false;
    auto actions = appeals_->AllowedActions(a, *detail);
    return std::find(actions.begin(), actions.end(), "write_plan") != actions.end();
  };
  EXPECT_TRUE(has_write(leader_b_));
  EXPECT_FALSE(has_write(leader_a_));
  EXPECT_FALSE(has_write(coordinator_));

  // Days later the open step is overdue, in the detail and in the owner's queue.
  clock_.Set(Day("2026-11-27"));
  auto later = appeals_->Get(coordinator_, id);
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->case_plan.progress.overdue, 1);
  auto queue = plans_->OwnedCases(leader_b_, 1, 20);
  ASSERT_TRUE(queue.has_value());
  ASSERT_EQ(queue->items.size(), 1u);
  EXPECT_EQ(queue->items[0].appeal.id, id);
  EXPECT_EQ(queue->items[0].plan.progress.done, 1);
  EXPECT_EQ(queue->items[0].plan.progress.total, 2);
  EXPECT_EQ(queue->items[0].plan.progress.overdue, 1);
  auto other_queue = plans_->OwnedCases(leader_a_, 1, 20);
  ASSERT_TRUE(other_queue.has_value());
  EXPECT_TRUE(other_queue->items.empty());
  auto not_leader = plans_->OwnedCases(coordinator_, 1, 20);
  ASSERT_FALSE(not_leader.has_value());
  EXPECT_EQ(not_leader.error().kind, ErrorKind::kForbidden);
}

TEST_P(CasePlanTest, AFinishedCasesPlanIsClosed) {
  const Id id = Dispatched(community1_, leader_b_.user_id);
  ASSERT_TRUE(plans_->WritePlan(leader_b_, id, {{.title = "现场踏勘", .unit_id = civil_, .due_date = "2026-11-20"}}, "")
                  .has_value());
  ASSERT_TRUE(appeals_->Accept(handler_, id, "").has_value());
  ASSERT_TRUE(appeals_->Contact(handler_, id, "已联系", "phone").has_value());
  ASSERT_TRUE(appeals_->Reply(handler_, id, "已办理").has_value());
  ASSERT_TRUE(appeals_->Callback(coordinator_, id, {.resolved = true, .satisfaction = "satisfied"}).has_value());
  auto plan = appeals_->Get(leader_b_, id);
  ASSERT_TRUE(plan.has_value());
  ASSERT_EQ(plan->appeal.status, "closed");
  auto write = plans_->WritePlan(leader_b_, id, {{.title = "x", .unit_id = civil_, .due_date = "2026-11-20"}}, "");
  ASSERT_FALSE(write.has_value());
  EXPECT_EQ(write.error().code, "invalid_transition");
  EXPECT_TRUE(write.error().allowed.empty());
  auto done = plans_->CompleteStep(leader_b_, id, plan->case_plan.steps[0].id, "补记");
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().code, "invalid_transition");
  // The queue holds the open cases; the finished ones only when asked for.
  auto open = plans_->OwnedCases(leader_b_, 1, 20);
  ASSERT_TRUE(open.has_value());
  EXPECT_EQ(open->total, 0);
  auto all = plans_->OwnedCases(leader_b_, 1, 20, true);
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->items.size(), 1u);
  EXPECT_EQ(all->items[0].appeal.id, id);
  EXPECT_EQ(all->items[0].plan.progress.total, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, CasePlanTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
