// Issue 12 against a real database (SQLite, and PostgreSQL when the test cluster is there): assisting units'
// opinions gate the lead unit's reply and raise supervision notices when late; in a unit that reviews its
// replies, a handler's reply waits for the unit head's approval.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "../support/pg_test_database.h"
#include "app/appeal_service.h"
#include "app/deadline_sweep.h"
#include "core/calendar.h"
#include "store/migrations.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

namespace fs = std::filesystem;
using store::Id;

constexpr Timestamp kStart = 1794967200;  // 2026-11-18T10:00:00+08:00, a Wednesday

Timestamp Day(const char* date) { return LocalDayStart(*ParseDate(date)); }

class OpinionReviewTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = fs::temp_directory_path() / ("minsheng_opinion_" + std::to_string(::getpid()) + "_" + name);
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
    service_ = std::make_unique<AppealService>(*db_, clock_, calendar_);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(c1, store::InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
      community_ = c1.id;
      MS_ASSIGN(civil, store::InsertDepartment(tx, {.code = "civil", .name = "民政局"}));
      MS_ASSIGN(market, store::InsertDepartment(tx, {.code = "market", .name = "市场监管局"}));
      MS_ASSIGN(water, store::InsertDepartment(tx, {.code = "water", .name = "水务局"}));
      civil_ = civil;
      market_ = market;
      water_ = water;
      MS_ASSIGN(cat, store::InsertCategory(tx, {.code = "aid", .name = "救助", .default_department_id = civil}));
      category_ = cat;
      auto user = [&](const char* name, const char* role, store::OptId dept, bool head) -> Result<Actor> {
        MS_ASSIGN(id, store::InsertUser(tx, {.username = name, .password_hash = "x", .display_name = name,
                                             .role = role, .region_id = district.id, .department_id = dept,
                                             .unit_head = head}));
        Actor a;
        a.user_id = id;
        a.role = *ParseRole(role);
        a.username = name;
        a.display_name = name;
        a.region_id = district.id;
        a.region_path = district.path;
        a.department_id = dept;
        a.unit_head = head;
        return a;
      };
      MS_ASSIGN(admin, user("admin", "admin", std::nullopt, false));
      MS_ASSIGN(reg, user("registrar", "registrar", std::nullopt, false));
      MS_ASSIGN(coord, user("coordinator", "coordinator", std::nullopt, false));
      MS_ASSIGN(h_civil, user("handler-civil", "handler", civil, false));
      MS_ASSIGN(head_civil, user("head-civil", "handler", civil, true));
      MS_ASSIGN(h_market, user("handler-market", "handler", market, false));
      MS_ASSIGN(h_water, user("handler-water", "handler", water, false));
      admin_ = admin;
      registrar_ = reg;
      coordinator_ = coord;
      handler_ = h_civil;
      head_ = head_civil;
      market_handler_ = h_market;
      water_handler_ = h_water;
      return {};
    }).has_value());
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
    pg_.reset();
    fs::remove_all(dir_);
  }

  // An appeal led by civil with these assisting units, accepted and contacted: ready for the reply.
  Id InProgress(std::vector<Id> assisting) {
    auto a = service_->Register(registrar_, {.title = "低保申请", .content = "申请低保三个月无答复", .channel = "phone",
                                             .region_id = community_, .category_id = category_,
                                             .appellant_name = "张三", .appellant_phone = "13800001234"});
    EXPECT_TRUE(a.has_value()) << (a ? "" : a.error().message);
    if (!a) return 0;
    auto d = service_->Dispatch(coordinator_, a->id, {.lead_unit_id = civil_, .assisting_unit_ids = std::move(assisting)});
    EXPECT_TRUE(d.has_value()) << (d ? "" : d.error().message);
    EXPECT_TRUE(service_->Accept(handler_, a->id, ""));
    EXPECT_TRUE(service_->Contact(handler_, a->id, "已电话联系", "phone"));
    return a->id;
  }

  std::vector<std::string> Actions(Id id) {
    std::vector<std::string> out;
    auto d = service_->Get(coordinator_, id);
    EXPECT_TRUE(d.has_value());
    if (d)
      for (const auto& e : d->timeline) out.push_back(e.action);
    return out;
  }

  fs::path dir_;
  std::unique_ptr<minsheng::testing::PgTestDatabase> pg_;
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{kStart};
  CalendarCache calendar_;
  std::unique_ptr<AppealService> service_;
  Id community_ = 0, civil_ = 0, market_ = 0, water_ = 0, category_ = 0;
  Actor admin_, registrar_, coordinator_, handler_, head_, market_handler_, water_handler_;
};

TEST_P(OpinionReviewTest, AssistingOpinionsGateTheLeadUnitsReply) {
  AppealService& s = *service_;
  const Id id = InProgress({market_, water_});
  auto detail = s.Get(coordinator_, id);
  ASSERT_TRUE(detail);
  ASSERT_EQ(detail->opinions.size(), 2u);
  for (const auto& o : detail->opinions) {
    EXPECT_EQ(o.status, "pending");
    EXPECT_TRUE(o.active);
    // Replies due at the end of Fri 11-27: opinions 3 working days before, at the end of Tue 11-24.
    EXPECT_EQ(o.due_at, Day("2026-11-25"));
  }
  EXPECT_EQ(detail->appeal.reply_due, Day("2026-11-28"));
  // Both missing: 409 naming both units; the reply is not among the lead handler's actions.
  auto blocked = s.Reply(handler_, id, "已核实");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, "opinions_missing");
  EXPECT_NE(blocked.error().message.find("市场监管局、水务局"), std::string::npos) << blocked.error().message;
  auto handler_view = s.Get(handler_, id);
  ASSERT_TRUE(handler_view);
  auto allowed = s.AllowedActions(handler_, *handler_view);
  EXPECT_EQ(std::count(allowed.begin(), allowed.end(), "reply"), 0);
  auto market_view = s.Get(market_handler_, id);
  ASSERT_TRUE(market_view);
  allowed = s.AllowedActions(market_handler_, *market_view);
  EXPECT_EQ(allowed, std::vector<std::string>{"opinion"});
  // Only an assisting unit gives an opinion, and cannot act for the lead unit.
  EXPECT_EQ(s.GiveOpinion(handler_, id, "主办意见").error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(s.Reply(market_handler_, id, "代为答复").error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(s.Accept(market_handler_, id, "").error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(s.GiveOpinion(market_handler_, id, "  ").error().code, "missing_field");
  EXPECT_EQ(s.GiveOpinion(coordinator_, id, "意见").error().kind, ErrorKind::kForbidden);

  clock_.Advance(3600);
  auto given = s.GiveOpinion(market_handler_, id, "经查该户经营证照齐全");
  ASSERT_TRUE(given) << given.error().message;
  EXPECT_EQ(given->status, "given");
  EXPECT_EQ(given->on_time, 1);
  EXPECT_EQ(s.GiveOpinion(market_handler_, id, "再补充").error().code, "opinion_closed");
  blocked = s.Reply(handler_, id, "已核实");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, "opinions_missing");
  EXPECT_EQ(blocked.error().message.find("市场监管局"), std::string::npos) << blocked.error().message;
  EXPECT_NE(blocked.error().message.find("水务局"), std::string::npos);

  // The coordinator waives water's: a reason is required, and the unit must be an assisting one.
  EXPECT_EQ(s.WaiveOpinion(coordinator_, id, water_, "").error().code, "missing_field");
  EXPECT_EQ(s.WaiveOpinion(coordinator_, id, civil_, "主办").error().field, "unit_id");
  EXPECT_EQ(s.WaiveOpinion(handler_, id, water_, "免").error().kind, ErrorKind::kForbidden);
  auto waived = s.WaiveOpinion(coordinator_, id, water_, "水务局已到场，无需书面意见");
  ASSERT_TRUE(waived) << waived.error().message;
  EXPECT_EQ(waived->status, "waived");
  EXPECT_EQ(s.GiveOpinion(water_handler_, id, "迟到的意见").error().code, "opinion_closed");

  auto replied = s.Reply(handler_, id, "已核实，符合低保条件");
  ASSERT_TRUE(replied) << replied.error().message;
  EXPECT_EQ(replied->status, "replied");
  const std::vector<std::string> expected = {"register", "dispatch", "accept", "contact", "opinion", "opinion_waived",
                                             "reply"};
  EXPECT_EQ(Actions(id), expected);
}

TEST_P(OpinionReviewTest, LateOpinionRaisesANoticeToTheAssistingUnitOnce) {
  AppealService& s = *service_;
  const Id id = InProgress({market_, water_});
  ASSERT_TRUE(s.GiveOpinion(water_handler_, id, "供水正常"));
  clock_.Set(Day("2026-11-25") + 3600);  // past the opinion deadline, before the reply deadline
  auto swept = SweepDeadlines(*db_, clock_);
  ASSERT_TRUE(swept) << swept.error().message;
  EXPECT_EQ(swept->notices_issued, 1);
  auto again = SweepDeadlines(*db_, clock_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->notices_issued, 0);
  auto notices = s.ListNotices(market_handler_, {});
  ASSERT_TRUE(notices);
  ASSERT_EQ(notices->items.size(), 1u);
  EXPECT_EQ(notices->items[0].kind, "opinion_overdue");
  EXPECT_EQ(notices->items[0].unit_id, market_);
  EXPECT_EQ(notices->items[0].deadline, Day("2026-11-25"));
  EXPECT_TRUE(s.ListNotices(water_handler_, {})->items.empty());
  EXPECT_TRUE(s.ListNotices(handler_, {})->items.empty());  // the lead unit is not late with anything yet
  // Given late: recorded so.
  auto late = s.GiveOpinion(market_handler_, id, "迟交的意见");
  ASSERT_TRUE(late);
  EXPECT_EQ(late->on_time, 0);
  auto detail = s.Get(coordinator_, id);
  ASSERT_TRUE(detail);
  EXPECT_EQ(std::count_if(detail->timeline.begin(), detail->timeline.end(),
                          [](const auto& e) { return e.action == "supervision_notice"; }),
            1);
}

TEST_P(OpinionReviewTest, TwoLateUnitsOnOneDeadlineGetANoticeEach) {
  const Id id = InProgress({market_, water_});
  clock_.Set(Day("2026-11-25") + 3600);
  auto swept = SweepDeadlines(*db_, clock_);
  ASSERT_TRUE(swept) << swept.error().message;
  EXPECT_EQ(swept->notices_issued, 2);
  auto notices = service_->ListNotices(coordinator_, {.appeal_id = id});
  ASSERT_TRUE(notices);
  std::vector<Id> units;
  for (const auto& n : notices->items) units.push_back(n.unit_id.value_or(0));
  std::sort(units.begin(), units.end());
  EXPECT_EQ(units, (std::vector<Id>{market_, water_}));
}

TEST_P(OpinionReviewTest, AnApprovedExtensionMovesPendingOpinions) {
  AppealService& s = *service_;
  const Id id = InProgress({market_});
  auto x = s.RequestExtension(handler_, id, 2, "需要协调");
  ASSERT_TRUE(x);
  ASSERT_TRUE(s.DecideExtension(coordinator_, x->id, true, "同意"));
  auto d = s.Get(coordinator_, id);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->appeal.reply_due, Day("2026-12-02"));       // Fri 11-27 + 2 working days: end of Tue 12-01
  EXPECT_EQ(d->opinions.at(0).due_at, Day("2026-11-27"));  // Tue 11-24 + 2 working days: end of Thu 11-26
}

TEST_P(OpinionReviewTest, ADispatchMayNameTheOpinionDeadline) {
  AppealService& s = *service_;
  auto a = s.Register(registrar_, {.title = "救助", .content = "临时救助", .channel = "phone", .region_id = community_,
                                   .category_id = category_, .anonymous = true});
  ASSERT_TRUE(a);
  DispatchInput late{.lead_unit_id = civil_, .assisting_unit_ids = {market_},
                     .opinion_deadline = *ParseDate("2026-11-30")};  // after the reply deadline
  EXPECT_EQ(s.Dispatch(coordinator_, a->id, late).error().field, "opinion_deadline");
  DispatchInput alone{.lead_unit_id = civil_, .opinion_deadline = *ParseDate("2026-11-20")};
  EXPECT_EQ(s.Dispatch(coordinator_, a->id, alone).error().field, "opinion_deadline");
  DispatchInput ok{.lead_unit_id = civil_, .assisting_unit_ids = {market_}, .opinion_deadline = *ParseDate("2026-11-20")};
  ASSERT_TRUE(s.Dispatch(coordinator_, a->id, ok));
  EXPECT_EQ(s.Get(coordinator_, a->id)->opinions.at(0).due_at, Day("2026-11-21"));
}

TEST_P(OpinionReviewTest, AReviewingUnitsReplyWaitsForItsHead) {
  AppealService& s = *service_;
  EXPECT_EQ(s.SetReviewReplies(coordinator_, civil_, true).error().kind, ErrorKind::kForbidden);
  auto on = s.SetReviewReplies(admin_, civil_, true);
  ASSERT_TRUE(on) << on.error().message;
  EXPECT_TRUE(on->review_replies);
  const Id id = InProgress({});
  EXPECT_TRUE(s.GetUnrecorded(handler_, id)->lead_reviews_replies);
  // The switch is read with each detail, not kept with the cached one: it does not touch the appeal.
  ASSERT_TRUE(s.SetReviewReplies(admin_, civil_, false));
  EXPECT_FALSE(s.GetUnrecorded(handler_, id)->lead_reviews_replies);
  ASSERT_TRUE(s.SetReviewReplies(admin_, civil_, true));
  EXPECT_TRUE(s.GetUnrecorded(handler_, id)->lead_reviews_replies);

  auto drafted = s.Reply(handler_, id, "初稿：已受理");
  ASSERT_TRUE(drafted) << drafted.error().message;
  EXPECT_EQ(drafted->status, "in_progress");
  EXPECT_FALSE(drafted->replied_at.has_value());
  EXPECT_EQ(s.Reply(handler_, id, "再交一稿").error().code, "reply_under_review");
  EXPECT_EQ(s.Return(handler_, id, "不属本单位").error().code, "reply_under_review");
  // Only the head reviews: not the handler, not another unit.
  EXPECT_EQ(s.ApproveReply(handler_, id, "").error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(s.ApproveReply(market_handler_, id, "").error().kind, ErrorKind::kNotFound);  // not its appeal
  EXPECT_EQ(s.ApproveReply(coordinator_, id, "").error().kind, ErrorKind::kForbidden);
  {
    auto view = s.Get(head_, id);
    ASSERT_TRUE(view);
    EXPECT_EQ(s.AllowedActions(head_, *view), (std::vector<std::string>{"extension", "approve_reply", "send_back_reply"}));
    auto handler_view = s.Get(handler_, id);
    auto allowed = s.AllowedActions(handler_, *handler_view);
    EXPECT_EQ(std::count(allowed.begin(), allowed.end(), "reply"), 0);
  }
  // Sent back with a reason; drafted again; approved on Thu 11-19.
  EXPECT_EQ(s.SendBackReply(head_, id, " ").error().code, "missing_field");
  auto back = s.SendBackReply(head_, id, "请写明补助金额");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->status, "in_progress");
  EXPECT_EQ(s.ApproveReply(head_, id, "").error().code, "invalid_transition");  // nothing waits now
  ASSERT_TRUE(s.Reply(handler_, id, "已核实，每月补助800元"));
  clock_.Set(Day("2026-11-19") + 9 * 3600);
  auto approved = s.ApproveReply(head_, id, "同意");
  ASSERT_TRUE(approved) << approved.error().message;
  EXPECT_EQ(approved->status, "replied");
  EXPECT_EQ(approved->replied_at, Day("2026-11-19") + 9 * 3600);
  EXPECT_EQ(approved->reply_on_time, 1);

  auto d = s.Get(coordinator_, id);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->replies.size(), 1u);
  EXPECT_EQ(d->replies[0].content, "已核实，每月补助800元");
  EXPECT_EQ(d->replies[0].author_id, handler_.user_id);
  ASSERT_EQ(d->reply_reviews.size(), 2u);
  EXPECT_EQ(d->reply_reviews[0].status, "sent_back");
  EXPECT_EQ(d->reply_reviews[0].review_note, "请写明补助金额");
  EXPECT_EQ(d->reply_reviews[1].status, "approved");
  EXPECT_EQ(d->reply_reviews[1].reviewed_by, head_.user_id);
  EXPECT_EQ(d->reply_reviews[1].reply_id, d->replies[0].id);
  const std::vector<std::string> expected = {"register", "dispatch", "accept", "contact", "reply_drafted",
                                             "reply_sent_back", "reply_drafted", "reply_approved"};
  EXPECT_EQ(Actions(id), expected);
  EXPECT_EQ(d->timeline.back().from_status, "in_progress");
  EXPECT_EQ(d->timeline.back().to_status, "replied");
}

TEST_P(OpinionReviewTest, ApprovalAfterTheReplyDeadlineIsLate) {
  AppealService& s = *service_;
  ASSERT_TRUE(s.SetReviewReplies(admin_, civil_, true));
  const Id id = InProgress({});
  ASSERT_TRUE(s.Reply(handler_, id, "按期起草"));  // drafted in time …
  clock_.Set(Day("2026-11-28") + 3600);          // … approved a day after the reply deadline
  auto approved = s.ApproveReply(head_, id, "");
  ASSERT_TRUE(approved) << approved.error().message;
  EXPECT_EQ(approved->reply_on_time, 0);
}

TEST_P(OpinionReviewTest, TheHeadsOwnReplyIsReleasedAndReviewIsOffByDefault) {
  AppealService& s = *service_;
  const Id plain = InProgress({});
  auto replied = s.Reply(handler_, plain, "不审核的单位直接答复");
  ASSERT_TRUE(replied);
  EXPECT_EQ(replied->status, "replied");
  ASSERT_TRUE(s.SetReviewReplies(admin_, civil_, true));
  const Id id = InProgress({});
  auto by_head = s.Reply(head_, id, "负责人亲自答复");
  ASSERT_TRUE(by_head) << by_head.error().message;
  EXPECT_EQ(by_head->status, "replied");
  // Switched off again: a handler's reply is released at once.
  ASSERT_TRUE(s.SetReviewReplies(admin_, civil_, false));
  const Id later = InProgress({});
  EXPECT_EQ(s.Reply(handler_, later, "直接答复")->status, "replied");
}

TEST_P(OpinionReviewTest, AwaitingFiltersListTheQueues) {
  AppealService& s = *service_;
  ASSERT_TRUE(s.SetReviewReplies(admin_, civil_, true));
  const Id assisted = InProgress({market_});
  const Id reviewed = InProgress({});
  ASSERT_TRUE(s.Reply(handler_, reviewed, "待审"));
  store::AppealFilter opinion{.awaiting = "opinion"};
  auto mine = s.List(market_handler_, opinion);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->items.size(), 1u);
  EXPECT_EQ(mine->items[0].id, assisted);
  EXPECT_TRUE(s.List(water_handler_, opinion)->items.empty());
  store::AppealFilter review{.awaiting = "review"};
  auto waiting = s.List(head_, review);
  ASSERT_TRUE(waiting);
  ASSERT_EQ(waiting->items.size(), 1u);
  EXPECT_EQ(waiting->items[0].id, reviewed);
}

INSTANTIATE_TEST_SUITE_P(Engines, OpinionReviewTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
