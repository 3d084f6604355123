// The lifecycle use cases against a real database (a SQLite file, and PostgreSQL when the test
// cluster is there), with a manual clock.
#include "app/appeal_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "../support/pg_test_database.h"
#include "app/deadline_sweep.h"
#include "core/calendar.h"
#include "app/case_plan_service.h"
#include "app/deputy_case_service.h"
#include "store/appeal_repository.h"
#include "store/case_plan_repository.h"
#include "store/deputy_case_repository.h"
#include "store/field_log_repository.h"
#include "store/opinion_repository.h"
#include "store/repeat_repository.h"
#include "store/migrations.h"
#include "store/job_lease_repository.h"
#include "store/pg_database.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

namespace fs = std::filesystem;
using store::Id;

// 2026-02-13 10:00 CST, a Friday, just before the Spring Festival.
constexpr Timestamp kStart = 1770948000;

// The parameter is the engine: "sqlite" or "postgresql".
class AppealServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = fs::temp_directory_path() / ("minsheng_app_" + std::to_string(::getpid()) + "_" + name);
    fs::remove_all(dir_);
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
      MS_ASSIGN(s2, store::InsertRegion(tx, district.id, "street", "s02", "西岭镇"));
      MS_ASSIGN(c1, store::InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
      MS_ASSIGN(c2, store::InsertRegion(tx, s2.id, "community", "s02c01", "青山村"));
      community1_ = c1.id;
      community2_ = c2.id;
      MS_ASSIGN(housing, store::InsertDepartment(tx, {.code = "housing", .name = "住建局"}));
      MS_ASSIGN(water, store::InsertDepartment(tx, {.code = "water", .name = "水务局"}));
      housing_ = housing;
      water_ = water;
      MS_ASSIGN(cat, store::InsertCategory(tx, {.code = "lift", .name = "电梯", .default_department_id = housing}));
      category_ = cat;
      auto user = [&](const char* name, const char* role, Id region, store::OptId dept) -> Result<Actor> {
        MS_ASSIGN(id, store::InsertUser(tx, {.username = name, .password_hash = "x", .display_name = name,
                                             .role = role, .region_id = region, .department_id = dept}));
        Actor a;
        a.user_id = id;
        a.role = *ParseRole(role);
        a.region_id = region;
        MS_ASSIGN(r, store::FindRegion(tx, region));
        a.region_path = r->path;
        a.department_id = dept;
        return a;
      };
      MS_ASSIGN(reg, user("registrar", "registrar", district.id, std::nullopt));
      MS_ASSIGN(coord, user("coordinator", "coordinator", district.id, std::nullopt));
      MS_ASSIGN(coord2, user("coordinator-s02", "coordinator", s2.id, std::nullopt));
      MS_ASSIGN(handler, user("handler-housing", "handler", district.id, housing));
      MS_ASSIGN(other, user("handler-water", "handler", district.id, water));
      MS_ASSIGN(sup, user("supervisor", "supervisor", district.id, std::nullopt));
      MS_ASSIGN(lead, user("leader", "leader", district.id, std::nullopt));
      registrar_ = reg;
      coordinator_ = coord;
      coordinator_s02_ = coord2;
      handler_ = handler;
      water_handler_ = other;
      supervisor_ = sup;
      leader_ = lead;
      return {};
    }).has_value());
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
    pg_.reset();
    fs::remove_all(dir_);
  }

  // Each a resident of its own (a phone of its own), so that none is a repeat of another (core/repeat.h).
  Id Register(Id region) {
    const std::string phone = std::to_string(13800001234 + next_phone_++);
    auto a = service_->Register(registrar_, {.title = "电梯坏了", .content = "三栋电梯停运一周", .channel = "phone",
                                            .region_id = region, .category_id = category_,
                                            .appellant_name = "张三", .appellant_phone = phone});
    EXPECT_TRUE(a.has_value()) << (a ? "" : a.error().message);
    return a ? a->id : 0;
  }

  fs::path dir_;
  std::unique_ptr<minsheng::testing::PgTestDatabase> pg_;
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{kStart};
  CalendarCache calendar_;
  std::unique_ptr<AppealService> service_;
  std::int64_t next_phone_ = 0;
  Id community1_ = 0, community2_ = 0, housing_ = 0, water_ = 0, category_ = 0;
  Actor registrar_, coordinator_, coordinator_s02_, handler_, water_handler_, supervisor_, leader_;
};

TEST_P(AppealServiceTest, DispatchDeadlineSkipsSpringFestival) {
  AppealService& service = *service_;
  Id id = Register(community1_);
  auto a = service.Dispatch(coordinator_, id, {.lead_unit_id = housing_});
  ASSERT_TRUE(a.has_value()) << a.error().message;
  // 7 working days after Fri 2026-02-13: Sat 02-14 (make-up workday), then 02-15..23 are holidays,
  // so 02-14, 24, 25, 26, 27, 28 (make-up Saturday), 03-02 → due at the end of 2026-03-02.
  EXPECT_EQ(*a->reply_due, LocalDayStart(*ParseDate("2026-03-03")));
  EXPECT_EQ(a->status, "dispatched");
}

// Issue 14: each released reply carries what the quality check finds it lacks, in its row and in its event.
TEST_P(AppealServiceTest, AReplyCarriesWhatTheQualityCheckFindsItLacks) {
  AppealService& service = *service_;
  auto reply = [&](const std::string& content) -> store::ReplyRecord {
    const Id id = Register(community1_);
    EXPECT_TRUE(service.Dispatch(coordinator_, id, {.lead_unit_id = housing_}));
    EXPECT_TRUE(service.Accept(handler_, id, ""));
    EXPECT_TRUE(service.Contact(handler_, id, "已电话联系", "phone"));
    EXPECT_TRUE(service.Reply(handler_, id, content));
    auto detail = service.Get(coordinator_, id);
    EXPECT_TRUE(detail.has_value());
    if (!detail || detail->replies.size() != 1) return {};
    const auto& event = detail->timeline.back();
    EXPECT_EQ(event.action, "reply");
    const auto data = nlohmann::json::parse(event.data);
    EXPECT_EQ(data.value("reply_id", store::Id{0}), detail->replies[0].id);
    EXPECT_EQ(data.contains("flaws"), !detail->replies[0].flaws.empty());
    return detail->replies[0];
  };
  EXPECT_EQ(reply("网友：您好！留言已收悉").flaws, "too_short,no_own_words,no_specifics");
  const store::ReplyRecord good = reply("经现场查看，三栋电梯主板损坏，物业已于今日更换主板，电梯恢复运行。");
  EXPECT_EQ(good.flaws, "");
}

TEST_P(AppealServiceTest, WholeLifecycleWritesOneEventPerChange) {
  AppealService& service = *service_;
  Id id = Register(community1_);
  ASSERT_TRUE(service.Dispatch(coordinator_, id, {.lead_unit_id = housing_, .assisting_unit_ids = {water_}}));
  EXPECT_EQ(service.Accept(water_handler_, id, "").error().kind, ErrorKind::kForbidden);  // assisting only
  ASSERT_TRUE(service.Accept(handler_, id, ""));
  clock_.Advance(3600);
  ASSERT_TRUE(service.Contact(handler_, id, "已电话联系", "phone"));
  // The assisting unit's opinion first (issue 12): the lead unit cannot reply without it.
  EXPECT_EQ(service.Reply(handler_, id, "已更换电梯主板").error().code, "opinions_missing");
  ASSERT_TRUE(service.GiveOpinion(water_handler_, id, "供水设施无异常"));
  ASSERT_TRUE(service.Reply(handler_, id, "已更换电梯主板"));
  auto reopened = service.Callback(supervisor_, id, {.resolved = false, .satisfaction = "dissatisfied",
                                                     .reason = "仍然停运"});
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->status, "reopened");
  ASSERT_TRUE(service.Dispatch(coordinator_, id, {.lead_unit_id = housing_}));
  ASSERT_TRUE(service.Accept(handler_, id, ""));
  ASSERT_TRUE(service.Contact(handler_, id, "上门查看", ""));
  ASSERT_TRUE(service.Reply(handler_, id, "已整体更换"));
  auto second = service.Callback(supervisor_, id, {.resolved = false, .satisfaction = "dissatisfied",
                                                   .reason = "敷衍"});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->case_owner_id, leader_.user_id);  // a second dissatisfaction goes to a leader
  ASSERT_TRUE(service.Dispatch(coordinator_, id, {.lead_unit_id = housing_}));
  ASSERT_TRUE(service.Accept(handler_, id, ""));
  ASSERT_TRUE(service.Contact(handler_, id, "领导包案", ""));
  ASSERT_TRUE(service.Reply(handler_, id, "已解决"));
  auto closed = service.Callback(supervisor_, id, {.resolved = true, .satisfaction = "satisfied"});
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->status, "closed");

  auto detail = service.Get(coordinator_, id);
  ASSERT_TRUE(detail);
  // register + 3 rounds of dispatch, accept, contact, reply, callback + the assisting opinion
  ASSERT_EQ(detail->timeline.size(), 17u);
  // The state is the replay of the timeline.
  std::string state;
  for (const auto& e : detail->timeline) {
    if (e.from_status) {
      EXPECT_EQ(*e.from_status, state) << e.action;
    }
    state = *e.to_status;
  }
  EXPECT_EQ(state, "closed");
  EXPECT_EQ(detail->callbacks.size(), 3u);
  EXPECT_EQ(detail->replies.size(), 3u);
}

TEST_P(AppealServiceTest, DetailFollowsEveryChangeThroughTheCache) {
  AppealService& service = *service_;
  Id id = Register(community1_);
  ASSERT_EQ(service.Get(coordinator_, id)->timeline.size(), 1u);
  ASSERT_TRUE(service.Dispatch(coordinator_, id, {.lead_unit_id = housing_}));
  ASSERT_EQ(service.Get(coordinator_, id)->timeline.size(), 2u);
  ASSERT_TRUE(service.Accept(handler_, id, ""));
  ASSERT_TRUE(service.Contact(handler_, id, "已联系", ""));
  auto x = service.RequestExtension(handler_, id, 3, "需要协调");
  ASSERT_TRUE(x);
  ASSERT_EQ(service.Get(handler_, id)->extensions.size(), 1u);
  ASSERT_TRUE(service.DecideExtension(coordinator_, x->id, true, "同意"));
  auto after = service.Get(handler_, id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->extensions[0].status, "approved");
  EXPECT_EQ(after->timeline.back().action, "extension_approved");
  // The cache never widens what a caller may see (out of scope reads as missing).
  EXPECT_EQ(service.Get(water_handler_, id).error().kind, ErrorKind::kNotFound);
}

// What a detail holds, as text: the ids of every list (with what changes on a row in place), the names.
std::string Fingerprint(const AppealDetail& d) {
  std::string out = "v" + std::to_string(d.appeal.version) + " " + d.appeal.status;
  auto list = [&out](std::string_view name, const auto& rows, auto&& field) {
    out += "\n";
    out += name;
    out += ":";
    for (const auto& r : rows) out += " " + field(r);
  };
  auto id = [](const auto& r) { return std::to_string(r.id); };
  list("timeline", d.timeline, [](const store::EventRecord& e) { return std::to_string(e.id) + e.action; });
  list("dispatches", d.dispatches,
       [](const store::DispatchRecord& x) { return std::to_string(x.id) + (x.active ? "a" : "e"); });
  list("replies", d.replies, id);
  list("callbacks", d.callbacks, id);
  list("extensions", d.extensions, [](const store::ExtensionRecord& x) { return std::to_string(x.id) + x.status; });
  list("notices", d.notices, id);
  list("contacts", d.following.contacts, id);
  list("deputy_opinions", d.following.opinions, id);
  list("opinions", d.opinions, [](const store::OpinionRecord& x) { return std::to_string(x.id) + x.status; });
  list("reviews", d.reply_reviews, [](const store::ReplyReviewRecord& x) { return std::to_string(x.id) + x.status; });
  list("causes", d.callback_causes,
       [](const store::CallbackCauseRecord& x) { return std::to_string(x.callback_id) + x.cause; });
  list("repeat_of", d.repeat_links.repeat_of, id);
  list("repeats", d.repeat_links.repeats, id);
  list("plan", d.case_plan.steps, [](const store::PlanStepRecord& x) { return std::to_string(x.id) + x.status; });
  out += "\nfield_log " + (d.field_log_id ? std::to_string(*d.field_log_id) : "-");
  out += "\nnames " + d.case_owner_name + "/" + d.deputy_name + "/" + d.first_asked_by_name;
  for (const auto& [who, name] : d.following.names) out += " " + std::to_string(who) + "=" + name;
  out += d.following.explanation_missing ? " explanation_missing" : "";
  return out;
}

// Every list of the appeal read straight from the tables, none skipped (what LoadDetail read before issue 13).
Result<AppealDetail> FullRead(store::Database& db, Id id) {
  return ReadValue<AppealDetail>(db, [&](store::Tx& tx) -> Result<AppealDetail> {
    AppealDetail d;
    MS_ASSIGN(appeal, store::FindAppeal(tx, id));
    d.appeal = std::move(*appeal);
    MS_ASSIGN(timeline, store::ListEvents(tx, id));
    MS_ASSIGN(dispatches, store::ListDispatches(tx, id));
    MS_ASSIGN(replies, store::ListReplies(tx, id));
    MS_ASSIGN(callbacks, store::ListCallbacks(tx, id));
    MS_ASSIGN(extensions, store::ListExtensions(tx, id));
    MS_ASSIGN(notices, store::ListNoticesOfAppeal(tx, id));
    MS_ASSIGN(following, LoadDeputyFollowing(tx, d.appeal));
    MS_ASSIGN(field_log_id, store::FindFieldLogIdOfAppeal(tx, id));
    MS_ASSIGN(opinions, store::ListOpinions(tx, id));
    MS_ASSIGN(reviews, store::ListReplyReviews(tx, id));
    MS_ASSIGN(causes, store::ListCallbackCauses(tx, id));
    MS_ASSIGN(links, store::ListRepeatLinks(tx, id));
    MS_ASSIGN(steps, store::ListPlanSteps(tx, id));
    std::vector<store::OptId> people = ActorNames::IdsOf(timeline);
    people.insert(people.end(), {d.appeal.case_owner_id, d.appeal.deputy_id, d.appeal.created_by});
    MS_ASSIGN(actors, ActorNames::Load(tx, people));
    d.case_owner_name = actors.Person(d.appeal.case_owner_id);
    d.deputy_name = actors.Person(d.appeal.deputy_id);
    d.first_asked_by_name = actors.Person(d.appeal.created_by);
    d.timeline = std::move(timeline);
    d.dispatches = std::move(dispatches);
    d.replies = std::move(replies);
    d.callbacks = std::move(callbacks);
    d.extensions = std::move(extensions);
    d.notices = std::move(notices);
    d.following = std::move(following);
    d.field_log_id = field_log_id;
    d.opinions = std::move(opinions);
    d.reply_reviews = std::move(reviews);
    d.callback_causes = std::move(causes);
    d.repeat_links = std::move(links);
    d.case_plan.steps = std::move(steps);
    return d;
  });
}

// Issue 13: the detail skips the lists its probe finds empty and is cached by version. After every kind of write,
// made through this server or through a second one on the same database (whose cache this one never sees), the
// detail this server answers is the full read of the tables.
TEST_P(AppealServiceTest, DetailIsTheFullReadAfterEveryKindOfWrite) {
  AppealService& a = *service_;
  AppealService b(*db_, clock_, calendar_);  // a second server
  DeputyCaseService deputies(*db_, clock_);
  CasePlanService plans(*db_, clock_);
  Actor deputy;
  ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
    MS_ASSIGN(district, store::FindRegion(tx, coordinator_.region_id));
    MS_ASSIGN(uid, store::InsertUser(tx, {.username = "deputy",
                                          .password_hash = "x",
                                          .display_name = "王代表",
                                          .role = "deputy",
                                          .region_id = district->id}));
    deputy.user_id = uid;
    deputy.role = Role::kDeputy;
    deputy.region_id = district->id;
    deputy.region_path = district->path;
    return {};
  }));
  const Id earlier = Register(community1_);
  const Id id = Register(community1_);
  int step = 0;
  auto check = [&](const std::string& what) {
    SCOPED_TRACE(what + " (step " + std::to_string(++step) + ")");
    auto got = a.Get(coordinator_, id);
    ASSERT_TRUE(got) << got.error().message;
    auto full = FullRead(*db_, id);
    ASSERT_TRUE(full) << full.error().message;
    EXPECT_EQ(Fingerprint(*got), Fingerprint(*full));
    EXPECT_EQ(got->appeal.version, full->appeal.version);
  };
  check("registered");
  ASSERT_TRUE(b.Dispatch(coordinator_, id,
                         {.lead_unit_id = housing_,
                          .assisting_unit_ids = {water_},
                          .case_owner_id = leader_.user_id,
                          .deputy_id = deputy.user_id}));
  check("dispatched with an assisting unit, a case owner and a deputy (server b)");
  ASSERT_TRUE(a.Accept(handler_, id, ""));
  check("accepted");
  ASSERT_TRUE(b.Contact(handler_, id, "已电话联系", "phone"));
  check("contacted (server b)");
  auto ext = b.RequestExtension(handler_, id, 3, "需要协调");
  ASSERT_TRUE(ext) << ext.error().message;
  check("extension requested (server b)");
  ASSERT_TRUE(b.DecideExtension(coordinator_, ext->id, true, "同意"));
  check("extension approved (server b)");
  ASSERT_TRUE(b.GiveOpinion(water_handler_, id, "供水设施无异常"));
  check("assisting opinion (server b)");
  auto contact = deputies.RecordContact(deputy, id, {.method = "phone", .note = "已沟通"});
  ASSERT_TRUE(contact) << contact.error().message;
  check("deputy contact");
  ASSERT_TRUE(deputies.AddOpinion(deputy, id, "建议尽快更换"));
  check("deputy opinion");
  auto plan = plans.WritePlan(leader_, id, {{.title = "更换主板", .unit_id = housing_, .due_date = "2026-02-27"}}, "");
  ASSERT_TRUE(plan) << plan.error().message;
  check("case plan written");
  ASSERT_TRUE(b.LinkRepeat(coordinator_, id, earlier, "同一户"));
  check("linked as a repeat (server b)");
  ASSERT_TRUE(b.Reply(handler_, id, "已更换电梯主板"));
  check("replied (server b)");
  ASSERT_TRUE(
      b.Callback(supervisor_, id,
                 {.resolved = false, .satisfaction = "dissatisfied", .reason = "仍然停运", .causes = {"not_solved"}}));
  check("dissatisfied callback with a cause (server b)");
  ASSERT_TRUE(b.UnlinkRepeat(coordinator_, id, earlier, "不是同一户"));
  check("unlinked (server b)");
  clock_.Advance(60 * 86400);
  ASSERT_TRUE(SweepDeadlines(*db_, clock_));
  check("swept: notices");
  ASSERT_TRUE(b.Dispatch(coordinator_, id, {.lead_unit_id = housing_}));
  check("dispatched again (server b)");
  ASSERT_TRUE(b.Accept(handler_, id, ""));
  ASSERT_TRUE(b.Contact(handler_, id, "上门", ""));
  ASSERT_TRUE(b.Reply(handler_, id, "已解决"));
  ASSERT_TRUE(b.Callback(supervisor_, id, {.resolved = true, .satisfaction = "satisfied"}));
  check("closed (server b)");
  // The earlier appeal's detail names the link and its removal too.
  auto got = a.Get(coordinator_, earlier);
  auto full = FullRead(*db_, earlier);
  ASSERT_TRUE(got && full);
  EXPECT_EQ(Fingerprint(*got), Fingerprint(*full));
}

TEST_P(AppealServiceTest, RefusedTransitionChangesNothing) {
  AppealService& service = *service_;
  Id id = Register(community1_);
  auto r = service.Reply(handler_, id, "答复");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);  // not dispatched to them at all: as if missing
  auto accept = service.Accept(coordinator_, id, "");
  EXPECT_EQ(accept.error().kind, ErrorKind::kForbidden);  // coordinators don't accept
  auto close = service.Close(coordinator_, id, "");
  ASSERT_FALSE(close);
  EXPECT_EQ(close.error().code, "invalid_transition");
  EXPECT_NE(std::find(close.error().allowed.begin(), close.error().allowed.end(), "dispatch"),
            close.error().allowed.end());
  EXPECT_EQ(service.Get(coordinator_, id)->timeline.size(), 1u);
}

TEST_P(AppealServiceTest, RegionScope) {
  AppealService& service = *service_;
  Id in_s1 = Register(community1_);
  Id in_s2 = Register(community2_);
  // Another street's appeal answers exactly as a missing one, so that ids do not tell what exists.
  const Error out_of_scope = service.Get(coordinator_s02_, in_s1).error();
  const Error missing = service.Get(coordinator_s02_, in_s1 + in_s2 + 1000).error();
  EXPECT_EQ(out_of_scope.kind, ErrorKind::kNotFound);
  EXPECT_EQ(out_of_scope.message, missing.message);
  EXPECT_EQ(out_of_scope.field, missing.field);
  EXPECT_TRUE(service.Get(coordinator_s02_, in_s2).has_value());
  auto page = service.List(coordinator_s02_, {});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].id, in_s2);
  EXPECT_EQ(service.Dispatch(coordinator_s02_, in_s1, {.lead_unit_id = housing_}).error().kind,
            ErrorKind::kNotFound);
}

TEST_P(AppealServiceTest, RacingDispatchesExactlyOneWins) {
  AppealService& service = *service_;
  for (int round = 0; round < 5; ++round) {
    Id id = Register(community1_);
    std::atomic<int> ok{0}, conflict{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        auto r = service.Dispatch(coordinator_, id, {.lead_unit_id = t % 2 ? housing_ : water_});
        if (r) ++ok;
        else if (r.error().kind == ErrorKind::kConflict) ++conflict;
      });
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(conflict.load(), 7);
    auto detail = service.Get(coordinator_, id);
    ASSERT_TRUE(detail);
    EXPECT_EQ(detail->timeline.size(), 2u);
    int active_leads = 0;
    for (const auto& d : detail->dispatches) active_leads += d.active && d.role == "lead";
    EXPECT_EQ(active_leads, 1);
  }
}

TEST_P(AppealServiceTest, SweepIssuesNoticesOnceAndEscalates) {
  AppealService& service = *service_;
  Id id = Register(community1_);
  ASSERT_TRUE(service.Dispatch(coordinator_, id, {.lead_unit_id = housing_}));
  ASSERT_EQ(service.Get(coordinator_, id)->notices.size(), 0u);  // cached before the sweep
  clock_.Advance(60 * 86400);
  auto first = SweepDeadlines(*db_, clock_);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->notices_issued, 3);  // reply_overdue, resolve_overdue, escalation
  EXPECT_EQ(first->escalated, 1);
  // The notices with the escalation, and the red warning (issue 12), bumped the version, so readers see the
  // change; a second sweep changes nothing.
  const std::int64_t swept = service.Get(coordinator_, id)->appeal.version;
  EXPECT_EQ(swept, 4);
  auto again = SweepDeadlines(*db_, clock_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->notices_issued, 0);
  auto detail = service.Get(coordinator_, id);
  EXPECT_EQ(detail->appeal.version, swept);
  EXPECT_EQ(detail->notices.size(), 3u);
  EXPECT_EQ(detail->appeal.case_owner_id, leader_.user_id);
  EXPECT_EQ(service.UrgencyOf(detail->appeal), "red");
}

// Several servers tick the sweep; each period's tick is run by one of them only.
TEST_P(AppealServiceTest, SweepTickRunsOncePerPeriodAcrossServers) {
  Id id = Register(community1_);
  ASSERT_TRUE(service_->Dispatch(coordinator_, id, {.lead_unit_id = housing_}));
  clock_.Advance(60 * 86400);
  auto a = SweepTick(*db_, clock_, 30, "server-a");
  ASSERT_TRUE(a.has_value()) << a.error().message;
  ASSERT_TRUE(a->has_value()) << "the first server claims the tick";
  EXPECT_EQ((*a)->notices_issued, 3);
  clock_.Advance(10);
  auto b = SweepTick(*db_, clock_, 30, "server-b");
  ASSERT_TRUE(b.has_value());
  EXPECT_FALSE(b->has_value()) << "10 s later the tick is taken";
  clock_.Advance(20);
  auto c = SweepTick(*db_, clock_, 30, "server-b");
  ASSERT_TRUE(c.has_value());
  ASSERT_TRUE(c->has_value()) << "a period later the next tick is free";
  EXPECT_EQ((*c)->notices_issued, 0);
  auto lease = ReadValue<store::JobLease>(*db_, [](store::Tx& tx) { return store::FindJobLease(tx, "deadline_sweep"); });
  ASSERT_TRUE(lease.has_value());
  EXPECT_EQ(lease->ran_by, "server-b");
  EXPECT_EQ(lease->ran_at, clock_.Now());
  // A clock moved back (the lease lies in the future) does not stop the sweep for good.
  ManualClock earlier{clock_.Now() - 3600};
  auto d = SweepTick(*db_, earlier, 30, "server-c");
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->has_value());
}

// Servers racing for the same tick in concurrent transactions: exactly one wins.
TEST_P(AppealServiceTest, RacingClaimsHaveOneWinner) {
  constexpr int kServers = 6;
  std::atomic<int> winners{0}, errors{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kServers; ++i) {
    threads.emplace_back([&, i] {
      auto won = WriteValue<bool>(*db_, [&](store::Tx& tx) {
        return store::ClaimJobTick(tx, "deadline_sweep", kStart, 30, "server-" + std::to_string(i));
      });
      if (!won) errors.fetch_add(1);
      else if (*won) winners.fetch_add(1);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(winners.load(), 1);
}

TEST_P(AppealServiceTest, AnonymousAppealKeepsNoName) {
  AppealService& service = *service_;
  auto bad = service.Register(registrar_, {.title = "t", .content = "c", .channel = "phone", .region_id = community1_,
                                           .category_id = category_, .anonymous = true, .appellant_name = "张三"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "appellant.name");
  auto ok = service.Register(registrar_, {.title = "t", .content = "c", .channel = "phone",
                                          .region_id = community1_, .category_id = category_, .anonymous = true});
  ASSERT_TRUE(ok);
  EXPECT_FALSE(service.MaySeePersonalData(coordinator_, *ok));
}

// Issue 13: on PostgreSQL an intake waits for two round trips: BEGIN with the region, category and duty-shift
// reads and the appeal's id drawn from its sequence; then the appeal's INSERT with that id, its register event,
// rollup change and COMMIT together. The rows are the same on both engines.
TEST_P(AppealServiceTest, IntakeWaitsForTwoRoundTripsOnPostgresql) {
  (void)Register(community1_);  // the statements are prepared on the connection
  auto* pg = dynamic_cast<store::PgDatabase*>(db_.get());
  const std::int64_t before = pg != nullptr ? pg->Stats().round_trips : 0;
  auto a = service_->Register(coordinator_, {.title = "路灯不亮", .content = "小区路灯损坏", .channel = "phone",
                                             .region_id = community1_, .category_id = category_, .anonymous = true});
  ASSERT_TRUE(a.has_value()) << a.error().message;
  if (pg != nullptr) {
    EXPECT_EQ(pg->Stats().round_trips - before, 2);
  }
  auto events = store::ReadValue<std::vector<store::EventRecord>>(
      *db_, [&](store::Tx& tx) { return store::ListEvents(tx, a->id); });
  ASSERT_TRUE(events.has_value());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].action, "register");
  EXPECT_EQ((*events)[0].seq, 1);
  EXPECT_EQ((*events)[0].actor_id, coordinator_.user_id);
  auto deltas = store::ReadValue<std::int64_t>(*db_, [&](store::Tx& tx) -> Result<std::int64_t> {
    MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*), SUM(total), SUM(open) FROM appeal_rollup_deltas"));
    EXPECT_EQ(row->Int(1), 2);  // the two appeals, not yet folded
    EXPECT_EQ(row->Int(2), 2);
    return row->Int(0);
  });
  ASSERT_TRUE(deltas.has_value());
  EXPECT_EQ(*deltas, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, AppealServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
