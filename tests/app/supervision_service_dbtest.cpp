// Issue 12 against a real database (SQLite, and PostgreSQL when the test cluster is there): manual
// supervision notices issued, answered, closed and escalated, inspections, and the yellow and red warnings
// the deadline sweep drops in the workbenches once per appeal, kind and deadline.
#include <gtest/gtest.h>

#include <algorithm>

#include "../support/engine_database.h"
#include "app/appeal_service.h"
#include "app/deadline_sweep.h"
#include "app/supervision_service.h"
#include "core/calendar.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;

constexpr Timestamp kStart = 1794967200;  // 2026-11-18T10:00:00+08:00, a Wednesday

Timestamp Day(const char* date) { return LocalDayStart(*ParseDate(date)); }
std::chrono::sys_days Date(const char* date) { return *ParseDate(date); }

class SupervisionTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "supervision"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    db_ = &engine_.db();
    ASSERT_TRUE(calendar_.Reload(*db_).has_value());
    appeals_ = std::make_unique<AppealService>(*db_, clock_, calendar_);
    service_ = std::make_unique<SupervisionService>(*db_, clock_);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(c1, store::InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
      MS_ASSIGN(s2, store::InsertRegion(tx, district.id, "street", "s02", "西山街道"));
      community_ = c1.id;
      MS_ASSIGN(civil, store::InsertDepartment(tx, {.code = "civil", .name = "民政局"}));
      MS_ASSIGN(market, store::InsertDepartment(tx, {.code = "market", .name = "市场监管局"}));
      civil_ = civil;
      market_ = market;
      MS_ASSIGN(cat, store::InsertCategory(tx, {.code = "aid", .name = "救助", .default_department_id = civil}));
      category_ = cat;
      auto user = [&](const char* name, const char* role, const store::RegionRecord& region,
                      store::OptId dept) -> Result<Actor> {
        MS_ASSIGN(id, store::InsertUser(tx, {.username = name, .password_hash = "x", .display_name = name,
                                             .role = role, .region_id = region.id, .department_id = dept}));
        return Actor{.user_id = id, .role = *ParseRole(role), .username = name, .display_name = name,
                     .region_id = region.id, .region_path = region.path, .department_id = dept};
      };
      MS_ASSIGN(admin, user("admin", "admin", district, std::nullopt));
      MS_ASSIGN(reg, user("registrar", "registrar", district, std::nullopt));
      MS_ASSIGN(coord, user("coordinator", "coordinator", s1, std::nullopt));
      MS_ASSIGN(coord2, user("coordinator-west", "coordinator", s2, std::nullopt));
      MS_ASSIGN(sup, user("supervisor", "supervisor", district, std::nullopt));
      MS_ASSIGN(leader, user("leader", "leader", district, std::nullopt));
      MS_ASSIGN(h1, user("handler-civil", "handler", district, civil));
      MS_ASSIGN(h2, user("handler-civil-2", "handler", district, civil));
      MS_ASSIGN(hm, user("handler-market", "handler", district, market));
      admin_ = admin;
      registrar_ = reg;
      coordinator_ = coord;
      west_coordinator_ = coord2;
      supervisor_ = sup;
      leader_ = leader;
      handler_ = h1;
      handler2_ = h2;
      market_handler_ = hm;
      return {};
    }).has_value());
  }

  // An appeal in the east street led by civil (market assisting), accepted by handler_ at kStart.
  Id Accepted() {
    auto a = appeals_->Register(registrar_, {.title = "低保申请", .content = "申请低保三个月无答复", .channel = "phone",
                                             .region_id = community_, .category_id = category_, .anonymous = true});
    EXPECT_TRUE(a.has_value()) << (a ? "" : a.error().message);
    if (!a) return 0;
    auto d = appeals_->Dispatch(coordinator_, a->id, {.lead_unit_id = civil_, .assisting_unit_ids = {market_}});
    EXPECT_TRUE(d.has_value()) << (d ? "" : d.error().message);
    auto accepted = appeals_->Accept(handler_, a->id, "");
    EXPECT_TRUE(accepted.has_value()) << (accepted ? "" : accepted.error().message);
    return a->id;
  }

  std::vector<std::string> Actions(Id id) {
    std::vector<std::string> out;
    auto d = appeals_->Get(coordinator_, id);
    EXPECT_TRUE(d.has_value());
    if (d)
      for (const auto& e : d->timeline) out.push_back(e.action);
    return out;
  }

  // The user's workbench notices as "kind" strings, newest first.
  std::vector<std::string> Kinds(const Actor& who) {
    std::vector<std::string> out;
    auto list = service_->MyNotices(who, false, 50);
    EXPECT_TRUE(list.has_value());
    if (list)
      for (const auto& n : list->items) out.push_back(n.kind);
    return out;
  }

  minsheng::testing::EngineDatabase engine_;
  store::Database* db_ = nullptr;
  ManualClock clock_{kStart};
  CalendarCache calendar_;
  std::unique_ptr<AppealService> appeals_;
  std::unique_ptr<SupervisionService> service_;
  Id community_ = 0, civil_ = 0, market_ = 0, category_ = 0;
  Actor admin_, registrar_, coordinator_, west_coordinator_, supervisor_, leader_, handler_, handler2_, market_handler_;
};

TEST_P(SupervisionTest, ANoticeIsIssuedAnsweredAndClosed) {
  SupervisionService& s = *service_;
  const Id id = Accepted();
  auto issued = s.Issue(supervisor_, id, {.reason = "群众多次来电催办", .required_action = "三日内上门核实并反馈",
                                          .deadline = Date("2026-11-20")});
  ASSERT_TRUE(issued) << issued.error().message;
  EXPECT_EQ(issued->notice.status, "issued");
  EXPECT_EQ(issued->notice.unit_id, civil_);  // the lead unit by default
  EXPECT_EQ(issued->notice.unit_name, "民政局");
  EXPECT_EQ(issued->notice.deadline, Day("2026-11-21"));  // the end of 11-20
  EXPECT_EQ(issued->allowed, (std::vector<std::string>{"escalate"}));
  const Id notice = issued->notice.id;

  // Both civil handlers are told; the market handler neither is told nor sees it.
  EXPECT_EQ(Kinds(handler_), (std::vector<std::string>{"supervision_issued"}));
  EXPECT_EQ(Kinds(handler2_), (std::vector<std::string>{"supervision_issued"}));
  EXPECT_TRUE(Kinds(market_handler_).empty());
  EXPECT_EQ(s.Get(market_handler_, notice).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(s.Answer(market_handler_, notice, "不归我们").error().kind, ErrorKind::kNotFound);
  auto mine = s.Get(handler_, notice);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->allowed, (std::vector<std::string>{"answer"}));

  // Closing before the answer is not a step from issued.
  auto early = s.Close(supervisor_, notice, "");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, "invalid_transition");
  EXPECT_EQ(early.error().allowed, (std::vector<std::string>{"answer", "escalate"}));

  clock_.Set(kStart + 3600);
  EXPECT_EQ(s.Answer(handler_, notice, "  ").error().field, "content");
  auto answered = s.Answer(handler_, notice, "已上门核实，下周一前完成审批");
  ASSERT_TRUE(answered) << answered.error().message;
  EXPECT_EQ(answered->notice.status, "answered");
  EXPECT_EQ(answered->notice.answered_by, handler_.user_id);
  EXPECT_EQ(s.Answer(handler2_, notice, "再答一次").error().code, "invalid_transition");
  EXPECT_EQ(Kinds(supervisor_), (std::vector<std::string>{"supervision_answered"}));

  auto closed = s.Close(supervisor_, notice, "反馈属实");
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(closed->notice.status, "closed");
  EXPECT_TRUE(closed->allowed.empty());
  auto again = s.Escalate(supervisor_, notice, "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "invalid_transition");
  EXPECT_TRUE(again.error().allowed.empty());

  const std::vector<std::string> expected = {"register", "dispatch", "accept", "supervision_issued",
                                             "supervision_answered", "supervision_closed"};
  EXPECT_EQ(Actions(id), expected);
}

TEST_P(SupervisionTest, AnUnansweredNoticeIsOverdueAndEscalatesToTheLeader) {
  SupervisionService& s = *service_;
  const Id id = Accepted();
  auto issued = s.Issue(coordinator_, id, {.unit_id = market_, .reason = "协办不力", .required_action = "配合主办单位",
                                           .deadline = Date("2026-11-18")});
  ASSERT_TRUE(issued) << issued.error().message;
  EXPECT_EQ(issued->notice.unit_id, market_);
  EXPECT_FALSE(issued->overdue);
  clock_.Set(Day("2026-11-19") + 1);
  auto late = s.Get(supervisor_, issued->notice.id);
  ASSERT_TRUE(late);
  EXPECT_TRUE(late->overdue);
  auto overdue = s.List(supervisor_, {.overdue_at = 1});
  ASSERT_TRUE(overdue);
  ASSERT_EQ(overdue->total, 1);
  EXPECT_EQ(overdue->items[0].notice.id, issued->notice.id);

  auto escalated = s.Escalate(supervisor_, issued->notice.id, "逾期未反馈");
  ASSERT_TRUE(escalated) << escalated.error().message;
  EXPECT_EQ(escalated->notice.status, "escalated");
  EXPECT_EQ(escalated->notice.escalated_to, leader_.user_id);
  EXPECT_FALSE(escalated->overdue);
  auto appeal = appeals_->Get(coordinator_, id);
  ASSERT_TRUE(appeal);
  EXPECT_EQ(appeal->appeal.case_owner_id, leader_.user_id);
  EXPECT_EQ(Kinds(leader_), (std::vector<std::string>{"supervision_escalated"}));
  EXPECT_EQ(Actions(id).back(), "supervision_escalated");
  // The handler's list shows only the unit's own notices; asking for another unit is refused.
  auto market_list = s.List(market_handler_, {});
  ASSERT_TRUE(market_list);
  EXPECT_EQ(market_list->total, 1);
  EXPECT_TRUE(s.List(handler_, {})->items.empty());
  EXPECT_EQ(s.List(handler_, {.unit_id = market_}).error().kind, ErrorKind::kForbidden);
}

TEST_P(SupervisionTest, BadInputAndScope) {
  SupervisionService& s = *service_;
  const Id id = Accepted();
  const IssueSupervisionInput ok{.reason = "催办", .required_action = "尽快答复", .deadline = Date("2026-11-20")};
  auto with = [&](auto change) {
    IssueSupervisionInput in = ok;
    change(in);
    return s.Issue(supervisor_, id, in);
  };
  struct Row {
    Result<ManualNoticeView> result;
    ErrorKind kind;
    std::string field;
  };
  const Row rows[] = {
      {with([](auto& in) { in.reason = " "; }), ErrorKind::kInvalid, "reason"},
      {with([](auto& in) { in.required_action = ""; }), ErrorKind::kInvalid, "required_action"},
      {with([](auto& in) { in.deadline = Date("2026-11-17"); }), ErrorKind::kInvalid, "deadline"},
      {with([&](auto& in) { in.unit_id = 999; }), ErrorKind::kInvalid, "unit_id"},
      {s.Issue(registrar_, id, ok), ErrorKind::kForbidden, ""},
      {s.Issue(handler_, id, ok), ErrorKind::kForbidden, ""},
      {s.Issue(west_coordinator_, id, ok), ErrorKind::kNotFound, "id"},  // another street's appeal
      {s.Issue(supervisor_, 999999, ok), ErrorKind::kNotFound, "id"},
  };
  for (std::size_t i = 0; i < std::size(rows); ++i) {
    ASSERT_FALSE(rows[i].result.has_value()) << "row " << i;
    EXPECT_EQ(rows[i].result.error().kind, rows[i].kind) << "row " << i;
    EXPECT_EQ(rows[i].result.error().field, rows[i].field) << "row " << i;
  }
  // A closed appeal takes no new notice, but can still be inspected.
  auto fresh = appeals_->Register(registrar_, {.title = "未派单", .content = "内容", .channel = "phone",
                                               .region_id = community_, .category_id = category_, .anonymous = true});
  ASSERT_TRUE(fresh);
  auto undispatched = s.Issue(supervisor_, fresh->id, ok);
  ASSERT_FALSE(undispatched);
  EXPECT_EQ(undispatched.error().code, "invalid_transition");

  EXPECT_EQ(s.RecordInspection(supervisor_, id, {.kind = "remote", .findings = "x"}).error().field, "kind");
  EXPECT_EQ(s.RecordInspection(supervisor_, id, {.kind = "on_site", .findings = ""}).error().field, "findings");
  EXPECT_EQ(s.RecordInspection(supervisor_, id, {.kind = "on_site", .findings = "x", .notice_id = 999}).error().field,
            "notice_id");
  EXPECT_EQ(s.RecordInspection(handler_, id, {.kind = "on_site", .findings = "x"}).error().kind, ErrorKind::kForbidden);
  auto inspected = s.RecordInspection(supervisor_, id, {.kind = "on_site", .findings = "现场查看，材料齐全"});
  ASSERT_TRUE(inspected) << inspected.error().message;
  EXPECT_EQ(inspected->kind, "on_site");
  EXPECT_EQ(inspected->inspected_by_name, "supervisor");
  auto follow = s.RecordInspection(admin_, id, {.kind = "follow_up", .findings = "一周后回访，已办结"});
  ASSERT_TRUE(follow);
  auto view = s.OfAppeal(coordinator_, id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->inspections.size(), 2u);
  EXPECT_TRUE(view->may_issue);
  EXPECT_EQ(view->unit_ids, (std::vector<Id>{civil_, market_}));
  EXPECT_EQ(s.OfAppeal(west_coordinator_, id).error().kind, ErrorKind::kNotFound);
  const auto actions = Actions(id);
  EXPECT_EQ(std::vector<std::string>(actions.end() - 2, actions.end()),
            (std::vector<std::string>{"inspection_on_site", "inspection_follow_up"}));
}

TEST_P(SupervisionTest, WarningsOncePerKindAndDeadline) {
  const Id id = Accepted();  // reply due at the end of Fri 11-27: 7 working days and 14 h of working time
  struct Step {
    Timestamp at;
    int issued;  // workbench notices the sweep issues at `at`
  };
  // 80% of the working time is used on Thu 11-26 at 11:36.
  const Step steps[] = {
      {Day("2026-11-26") + 11 * 3600, 0},
      {Day("2026-11-26") + 11 * 3600 + 36 * 60, 2},  // yellow: the accepting handler and the street's coordinator
      {Day("2026-11-26") + 12 * 3600, 0},            // once
      {Day("2026-11-28") + 60, 2},                   // red, past the deadline
      {Day("2026-11-30") + 60, 0},
  };
  for (const auto& step : steps) {
    clock_.Set(step.at);
    auto swept = SweepDeadlines(*db_, clock_);
    ASSERT_TRUE(swept) << swept.error().message;
    EXPECT_EQ(swept->warnings_issued, step.issued) << FormatDate(LocalDay(step.at)) << " +" << step.at % 86400;
  }
  EXPECT_EQ(Kinds(handler_), (std::vector<std::string>{"red_warning", "yellow_warning"}));
  EXPECT_EQ(Kinds(coordinator_), (std::vector<std::string>{"red_warning", "yellow_warning"}));
  EXPECT_TRUE(Kinds(handler2_).empty());  // the accepting handler only
  EXPECT_TRUE(Kinds(west_coordinator_).empty());
  auto unread = service_->MyNotices(handler_, true, 10);
  ASSERT_TRUE(unread);
  EXPECT_EQ(unread->unread, 2);
  const auto actions = Actions(id);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "yellow_warning"), 1);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "red_warning"), 1);

  // Read one, then all; another user's notice answers as missing.
  EXPECT_EQ(service_->MarkRead(coordinator_, unread->items[0].id).error().kind, ErrorKind::kNotFound);
  auto read = service_->MarkRead(handler_, unread->items[0].id);
  ASSERT_TRUE(read);
  EXPECT_TRUE(read->read_at.has_value());
  EXPECT_EQ(service_->MyNotices(handler_, true, 10)->unread, 1);
  EXPECT_EQ(*service_->MarkAllRead(handler_), 1);
  EXPECT_EQ(service_->MyNotices(handler_, true, 10)->unread, 0);
  EXPECT_EQ(service_->MyNotices(handler_, false, 10)->items.size(), 2u);
}

TEST_P(SupervisionTest, AnExtensionIsANewDeadlineWithItsOwnWarnings) {
  const Id id = Accepted();
  clock_.Set(Day("2026-11-26") + 12 * 3600);
  ASSERT_EQ(SweepDeadlines(*db_, clock_)->warnings_issued, 2);  // yellow for the end of 11-27
  auto ext = appeals_->RequestExtension(handler_, id, 3, "需要补充材料");
  ASSERT_TRUE(ext) << ext.error().message;
  ASSERT_TRUE(appeals_->DecideExtension(coordinator_, ext->id, true, "同意"));
  // The new deadline (end of Wed 12-2) has used less than 80% of its working time: nothing yet.
  ASSERT_EQ(SweepDeadlines(*db_, clock_)->warnings_issued, 0);
  clock_.Set(Day("2026-12-01") + 23 * 3600);
  ASSERT_EQ(SweepDeadlines(*db_, clock_)->warnings_issued, 2);  // yellow again, for the new deadline
  EXPECT_EQ(Kinds(handler_), (std::vector<std::string>{"yellow_warning", "yellow_warning"}));
  // A replied appeal owes no warning.
  ASSERT_TRUE(appeals_->Contact(handler_, id, "已联系", "phone"));
  ASSERT_TRUE(appeals_->GiveOpinion(market_handler_, id, "无异议"));
  auto replied = appeals_->Reply(handler_, id, "已办理");
  ASSERT_TRUE(replied) << replied.error().message;
  clock_.Set(Day("2026-12-05"));
  EXPECT_EQ(SweepDeadlines(*db_, clock_)->warnings_issued, 0);
}

TEST_P(SupervisionTest, WithoutAnAcceptingHandlerEveryHandlerOfTheLeadUnitIsWarned) {
  auto a = appeals_->Register(registrar_, {.title = "未签收", .content = "内容", .channel = "phone",
                                           .region_id = community_, .category_id = category_, .anonymous = true});
  ASSERT_TRUE(a);
  ASSERT_TRUE(appeals_->Dispatch(coordinator_, a->id, {.lead_unit_id = civil_}));
  clock_.Set(Day("2026-11-28") + 60);
  auto swept = SweepDeadlines(*db_, clock_);
  ASSERT_TRUE(swept) << swept.error().message;
  EXPECT_EQ(swept->warnings_issued, 3);  // red only (the yellow moment was never swept): 2 handlers + coordinator
  EXPECT_EQ(Kinds(handler_), (std::vector<std::string>{"red_warning"}));
  EXPECT_EQ(Kinds(handler2_), (std::vector<std::string>{"red_warning"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, SupervisionTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
