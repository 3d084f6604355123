// The message wall against a real database (a SQLite file, and PostgreSQL when the test cluster is there): a
// post moderated and answered in time or late, the sweep's notices for an overdue post (once), a hidden post
// never public until a moderator republishes it with a reason, a post turned into an appeal (linked both
// ways), the scope of each role and the bad input refused with its field.
#include "app/wall_service.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "../support/engine_database.h"
#include "store/audit_repository.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;

constexpr Timestamp kStart = 1794967200;  // 2026-11-18T10:00:00+08:00, a Wednesday
constexpr Timestamp kDay = 86400;
// 7 working days from Wednesday 2026-11-18: Thu, Fri, Mon–Fri → due at the end of Friday 2026-11-27.
constexpr Timestamp kDue = kStart + 9 * kDay + 14 * 3600;  // 2026-11-28T00:00:00+08:00

class WallServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "wall"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    db_ = &engine_.db();
    ASSERT_TRUE(calendar_.Reload(*db_).has_value());
    appeals_ = std::make_unique<AppealService>(*db_, clock_, calendar_);
    wall_ = std::make_unique<WallService>(*db_, clock_, calendar_, *appeals_);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(s2, store::InsertRegion(tx, district.id, "street", "s02", "西岭镇"));
      MS_ASSIGN(c1, store::InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
      MS_ASSIGN(c2, store::InsertRegion(tx, s2.id, "community", "s02c01", "青山村"));
      district_ = district.id;
      street1_ = s1.id;
      community1_ = c1.id;
      community2_ = c2.id;
      MS_ASSIGN(water, store::InsertDepartment(tx, {.code = "water", .name = "水务局"}));
      MS_ASSIGN(urban, store::InsertDepartment(tx, {.code = "urban", .name = "城管局"}));
      water_ = water;
      urban_ = urban;
      MS_ASSIGN(cat, store::InsertCategory(tx, {.code = "flood", .name = "积水", .default_department_id = water}));
      category_ = cat;
      auto add = [&](const std::string& name, Role role, const store::RegionRecord& region,
                     store::OptId unit) -> Result<Actor> {
        MS_ASSIGN(id, store::InsertUser(tx, {.username = name, .password_hash = "x", .display_name = name,
                                             .role = std::string(RoleName(role)), .region_id = region.id,
                                             .department_id = unit}));
        return Actor{.user_id = id, .role = role, .username = name, .display_name = name, .region_id = region.id,
                     .region_path = region.path, .department_id = unit};
      };
      MS_ASSIGN(registrar, add("registrar-s01", Role::kRegistrar, s1, std::nullopt));
      MS_ASSIGN(coordinator2, add("coordinator-s02", Role::kCoordinator, s2, std::nullopt));
      MS_ASSIGN(water_handler, add("handler-water", Role::kHandler, district, water));
      MS_ASSIGN(urban_handler, add("handler-urban", Role::kHandler, district, urban));
      MS_ASSIGN(deputy, add("deputy-s01", Role::kDeputy, s1, std::nullopt));
      MS_ASSIGN(supervisor, add("supervisor", Role::kSupervisor, district, std::nullopt));
      MS_ASSIGN(leader, add("leader", Role::kLeader, district, std::nullopt));
      registrar_ = registrar;
      coordinator2_ = coordinator2;
      water_handler_ = water_handler;
      urban_handler_ = urban_handler;
      deputy_ = deputy;
      supervisor_ = supervisor;
      leader_ = leader;
      return {};
    }).has_value());
  }

  Id NewPost(const std::string& content, std::optional<Id> category = std::nullopt, std::string phone = "13800001234") {
    auto p = wall_->Post({.content = content, .region_id = community1_, .category_id = category, .phone = phone});
    EXPECT_TRUE(p.has_value()) << p.error().message;
    return p ? p->id : 0;
  }
  Id PublishedPost(const std::string& content) {
    const Id id = NewPost(content, category_);
    auto published = wall_->Publish(registrar_, id, {});
    EXPECT_TRUE(published.has_value()) << published.error().message;
    return id;
  }
  std::vector<Id> PublicIds() {
    auto page = wall_->ListPublic({.page_size = 100});
    EXPECT_TRUE(page.has_value()) << page.error().message;
    std::vector<Id> out;
    if (page)
      for (const auto& p : page->items) out.push_back(p.id);
    return out;
  }
  static bool Contains(const std::vector<Id>& ids, Id id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

  minsheng::testing::EngineDatabase engine_;
  store::Database* db_ = nullptr;
  ManualClock clock_{kStart};
  CalendarCache calendar_;
  std::unique_ptr<AppealService> appeals_;
  std::unique_ptr<WallService> wall_;
  Actor registrar_, coordinator2_, water_handler_, urban_handler_, deputy_, supervisor_, leader_;
  Id district_ = 0, street1_ = 0, community1_ = 0, community2_ = 0, water_ = 0, urban_ = 0, category_ = 0;
};

TEST_P(WallServiceTest, PostedPendingWithItsReplyDueInSevenWorkingDays) {
  auto post = wall_->Post({.content = "河湾路口积水", .region_id = community1_, .phone = "13800001234"});
  ASSERT_TRUE(post.has_value()) << post.error().message;
  EXPECT_EQ(post->state, "pending");
  EXPECT_EQ(post->street_id, std::optional<Id>(street1_));
  EXPECT_EQ(post->reply_due, kDue);
  EXPECT_GT(post->reply_warn_at, kStart);
  EXPECT_LT(post->reply_warn_at, kDue);
  // Nothing is public before a moderator publishes it.
  EXPECT_FALSE(Contains(PublicIds(), post->id));
}

// The 7th working day is in time, the 8th late; the unit the category names answers, under its own name.
TEST_P(WallServiceTest, RepliedOnTheSeventhWorkingDayInTimeOnTheEighthLate) {
  const Id a = PublishedPost("河湾路口积水"), b = PublishedPost("南门桥下积水");
  auto published = wall_->Get(registrar_, a);
  ASSERT_TRUE(published.has_value());
  EXPECT_EQ(published->post.state, "published");
  EXPECT_EQ(published->post.unit_id, std::optional<Id>(water_));  // the category's default unit
  EXPECT_EQ(published->post.unit_name, "水务局");

  clock_.Set(kDue - 8 * 3600);  // Friday 2026-11-27 16:00, the 7th working day
  auto in_time = wall_->Reply(water_handler_, a, "已清理雨水口，积水消除。");
  ASSERT_TRUE(in_time.has_value()) << in_time.error().message;
  EXPECT_EQ(in_time->post.state, "replied");
  EXPECT_EQ(in_time->post.reply_on_time, std::optional<int>(1));
  EXPECT_EQ(in_time->post.reply_author_label, "水务局");
  EXPECT_EQ(in_time->post.reply_unit_id, std::optional<Id>(water_));
  EXPECT_EQ(in_time->events.back().action, "reply");

  clock_.Set(kDue + 2 * kDay + 9 * 3600);  // Monday 2026-11-30 09:00, the 8th working day
  auto late = wall_->Reply(water_handler_, b, "已安排疏通。");
  ASSERT_TRUE(late.has_value()) << late.error().message;
  EXPECT_EQ(late->post.reply_on_time, std::optional<int>(0));
  EXPECT_EQ(WallReplyTimingAt(late->post.reply_due, late->post.replied_at, clock_.Now()), WallReplyTiming::kLate);

  // A public reply is not rewritten.
  auto again = wall_->Reply(water_handler_, a, "再次答复");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "invalid_transition");
  EXPECT_EQ(again.error().allowed, (std::vector<std::string>{"hide", "appeal"}));

  const auto ids = PublicIds();
  EXPECT_TRUE(Contains(ids, a));
  EXPECT_TRUE(Contains(ids, b));
}

TEST_P(WallServiceTest, SweepIssuesOneNoticeForAnOverduePostToItsUnit) {
  const Id owed = PublishedPost("河湾路口积水");
  const Id answered = PublishedPost("南门桥下积水");
  const Id pending = NewPost("无人审核的留言");
  const Id hidden = NewPost("广告");
  ASSERT_TRUE(wall_->Reply(registrar_, answered, "已处理").has_value());
  ASSERT_TRUE(wall_->Hide(registrar_, hidden, "广告信息").has_value());

  auto before = SweepWallPosts(*db_, kDue);  // at the due instant: still in time
  ASSERT_TRUE(before.has_value()) << before.error().message;
  EXPECT_EQ(*before, 0);

  auto swept = SweepWallPosts(*db_, kDue + 60);
  ASSERT_TRUE(swept.has_value()) << swept.error().message;
  EXPECT_EQ(*swept, 2);  // the published post without a reply, and the one never moderated
  auto again = SweepWallPosts(*db_, kDue + kDay);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, 0);

  auto d = wall_->Get(registrar_, owed);
  ASSERT_TRUE(d.has_value());
  ASSERT_EQ(d->notices.size(), 1u);
  EXPECT_EQ(d->notices[0].kind, "reply_overdue");
  EXPECT_EQ(d->notices[0].unit_id, std::optional<Id>(water_));
  EXPECT_EQ(d->notices[0].deadline, kDue);
  EXPECT_EQ(d->events.back().action, "supervision_notice");
  EXPECT_EQ(d->events.back().actor_label, "系统");
  auto p = wall_->Get(registrar_, pending);
  ASSERT_TRUE(p.has_value());
  ASSERT_EQ(p->notices.size(), 1u);
  EXPECT_EQ(p->notices[0].unit_id, std::nullopt);  // routed to nobody yet: the street office's
  for (Id none : {answered, hidden}) {
    auto x = wall_->Get(registrar_, none);
    ASSERT_TRUE(x.has_value());
    EXPECT_TRUE(x->notices.empty()) << none;
  }

  // The queue's overdue tab and counts use the same definition.
  clock_.Set(kDue + kDay);
  auto queue = wall_->List(registrar_, {.tab = "overdue"});
  ASSERT_TRUE(queue.has_value()) << queue.error().message;
  std::vector<Id> overdue;
  for (const auto& x : queue->items) overdue.push_back(x.id);
  std::sort(overdue.begin(), overdue.end());
  EXPECT_EQ(overdue, (std::vector<Id>{owed, pending}));
  EXPECT_EQ(queue->counts.overdue, 2);
  EXPECT_EQ(queue->counts.pending, 1);
  EXPECT_EQ(queue->counts.published, 1);
  EXPECT_EQ(queue->counts.replied, 1);
  EXPECT_EQ(queue->counts.hidden, 1);
}

TEST_P(WallServiceTest, HiddenPostKeptNeverPublicUntilRepublishedWithAReason) {
  const Id id = PublishedPost("河湾路口积水，联系 13800001234");
  ASSERT_TRUE(wall_->Reply(registrar_, id, "已处理").has_value());
  EXPECT_TRUE(Contains(PublicIds(), id));

  auto no_reason = wall_->Hide(registrar_, id, "  ");
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_EQ(no_reason.error().field, "reason");
  auto hidden = wall_->Hide(registrar_, id, "含个人信息");
  ASSERT_TRUE(hidden.has_value()) << hidden.error().message;
  EXPECT_EQ(hidden->post.state, "hidden");
  EXPECT_EQ(hidden->post.hide_reason, "含个人信息");
  EXPECT_FALSE(Contains(PublicIds(), id));
  auto replied_tab = wall_->ListPublic({.tab = "replied"});
  ASSERT_TRUE(replied_tab.has_value());
  EXPECT_EQ(replied_tab->total, 0);
  auto hidden_tab = wall_->ListPublic({.tab = "hidden"});
  ASSERT_FALSE(hidden_tab.has_value());
  EXPECT_EQ(hidden_tab.error().field, "state");

  auto twice = wall_->Hide(registrar_, id, "再次屏蔽");
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, "invalid_transition");

  auto no_note = wall_->Publish(registrar_, id, {});
  ASSERT_FALSE(no_note.has_value());
  EXPECT_EQ(no_note.error().field, "note");
  auto back = wall_->Publish(registrar_, id, {.note = "已删去电话号码"});
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(back->post.state, "replied");  // with the reply it had
  EXPECT_TRUE(Contains(PublicIds(), id));
  std::vector<std::string> actions;
  for (const auto& e : back->events) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"post", "publish", "reply", "hide", "publish"}));
}

TEST_P(WallServiceTest, TurnedIntoAnAppealLinkedBothWays) {
  const Id id = PublishedPost("河湾路口积水三天未退");
  auto result = wall_->TurnIntoAppeal(registrar_, id, {});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  const auto& appeal = result->appeal;
  EXPECT_EQ(appeal.channel, "wall");
  EXPECT_EQ(appeal.status, "received");
  EXPECT_TRUE(appeal.anonymous);
  EXPECT_EQ(appeal.appellant_phone, "13800001234");
  EXPECT_EQ(appeal.content, "河湾路口积水三天未退");
  EXPECT_EQ(appeal.region_id, community1_);
  EXPECT_EQ(appeal.category_id, category_);
  EXPECT_EQ(result->detail.post.appeal_id, std::optional<Id>(appeal.id));
  EXPECT_EQ(result->detail.post.state, "published");  // the wall still owes its public reply
  EXPECT_EQ(result->detail.post.appeal_status, "received");

  auto detail = appeals_->Get(registrar_, appeal.id);
  ASSERT_TRUE(detail.has_value()) << detail.error().message;
  ASSERT_EQ(detail->timeline.size(), 2u);
  EXPECT_EQ(detail->timeline[0].action, "register");
  EXPECT_EQ(detail->timeline[1].action, "wall_post");
  EXPECT_EQ(detail->timeline[1].data, "{\"wall_post_id\":" + std::to_string(id) + "}");

  auto twice = wall_->TurnIntoAppeal(registrar_, id, {});
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, "already_appealed");
  EXPECT_TRUE(wall_->AllowedActions(registrar_, result->detail.post) ==
              (std::vector<std::string>{"hide", "reply"}));

  // A post without a category needs one.
  const Id unclassified = NewPost("不知道归谁管");
  auto missing = wall_->TurnIntoAppeal(registrar_, unclassified, {});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().field, "category_id");
  auto classified = wall_->TurnIntoAppeal(registrar_, unclassified, {.category_id = category_, .title = "归属不明"});
  ASSERT_TRUE(classified.has_value()) << classified.error().message;
  EXPECT_EQ(classified->appeal.title, "归属不明");
  EXPECT_EQ(classified->detail.post.state, "pending");
  EXPECT_EQ(classified->detail.post.category_id, std::optional<Id>(category_));
}

TEST_P(WallServiceTest, EachRoleInItsScope) {
  const Id id = PublishedPost("河湾路口积水");  // street 1, routed to water
  struct Case {
    const Actor* actor;
    std::string name;
    bool sees;
    bool phone;
    std::vector<std::string> allowed;
  };
  for (const Case& c : std::vector<Case>{
           {&registrar_, "registrar-s01", true, true, {"hide", "reply", "appeal"}},
           {&coordinator2_, "coordinator-s02", false, false, {}},
           {&water_handler_, "handler-water", true, true, {"reply"}},
           {&urban_handler_, "handler-urban", false, false, {}},
           {&deputy_, "deputy-s01", true, false, {}},
           {&supervisor_, "supervisor", true, true, {}},
           {&leader_, "leader", true, false, {}},
       }) {
    auto got = wall_->Get(*c.actor, id);
    EXPECT_EQ(got.has_value(), c.sees) << c.name;
    if (!got) {
      EXPECT_EQ(got.error().kind, ErrorKind::kNotFound) << c.name;
      continue;
    }
    EXPECT_EQ(WallService::MaySeePhone(*c.actor, got->post), c.phone) << c.name;
    EXPECT_EQ(wall_->AllowedActions(*c.actor, got->post), c.allowed) << c.name;
  }
  // Refused before the post is looked at: the role, then the scope (as a missing post).
  auto deputy = wall_->Hide(deputy_, id, "越权");
  ASSERT_FALSE(deputy.has_value());
  EXPECT_EQ(deputy.error().kind, ErrorKind::kForbidden);
  auto other_street = wall_->Hide(coordinator2_, id, "越界");
  ASSERT_FALSE(other_street.has_value());
  EXPECT_EQ(other_street.error().kind, ErrorKind::kNotFound);
  auto other_unit = wall_->Reply(urban_handler_, id, "不归我们");
  ASSERT_FALSE(other_unit.has_value());
  EXPECT_EQ(other_unit.error().kind, ErrorKind::kNotFound);
  auto handler_hides = wall_->Hide(water_handler_, id, "越权");
  ASSERT_FALSE(handler_hides.has_value());
  EXPECT_EQ(handler_hides.error().kind, ErrorKind::kForbidden);

  // The queue of a handler holds only their unit's posts; of another street's coordinator nothing here.
  auto urban_queue = wall_->List(urban_handler_, {});
  ASSERT_TRUE(urban_queue.has_value());
  EXPECT_EQ(urban_queue->total, 0);
  auto water_queue = wall_->List(water_handler_, {});
  ASSERT_TRUE(water_queue.has_value());
  EXPECT_EQ(water_queue->total, 1);
  auto other = wall_->List(coordinator2_, {});
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->total, 0);
}

TEST_P(WallServiceTest, AViewOfThePhoneIsAudited) {
  const Id id = PublishedPost("河湾路口积水");
  ASSERT_TRUE(wall_->Get(registrar_, id).has_value());
  ASSERT_TRUE(wall_->Get(deputy_, id).has_value());  // masked: not recorded
  auto page = ReadValue<store::AuditPage>(*db_, [&](store::Tx& tx) {
    return store::ListAudit(tx, {.target_kind = "wall_post", .target_id = id});
  });
  ASSERT_TRUE(page.has_value()) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].action, "view_personal_data");
  EXPECT_EQ(page->items[0].actor_id, std::optional<Id>(registrar_.user_id));
}

TEST_P(WallServiceTest, BadInputRefusedWithItsField) {
  struct Case {
    WallPostInput input;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{.content = "  ", .region_id = community1_}, "content"},
      {{.content = "积水", .region_id = district_}, "region_id"},       // the district is not a place on the wall
      {{.content = "积水", .region_id = 987654}, "region_id"},
      {{.content = "积水", .region_id = community1_, .category_id = 987654}, "category_id"},
      {{.content = "积水", .region_id = community1_, .phone = "call me"}, "phone"},
  };
  for (const Case& c : cases) {
    auto r = wall_->Post(c.input);
    ASSERT_FALSE(r.has_value()) << c.field;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalid) << c.field;
    EXPECT_EQ(r.error().field, c.field);
  }
  const Id id = NewPost("积水");
  auto unit = wall_->Publish(registrar_, id, {.unit_id = 987654});
  ASSERT_FALSE(unit.has_value());
  EXPECT_EQ(unit.error().field, "unit_id");
  auto reply_pending = wall_->Reply(registrar_, id, "先答复");
  ASSERT_FALSE(reply_pending.has_value());
  EXPECT_EQ(reply_pending.error().code, "invalid_transition");
  EXPECT_EQ(reply_pending.error().allowed, (std::vector<std::string>{"publish", "hide", "appeal"}));
  ASSERT_TRUE(wall_->Publish(registrar_, id, {.unit_id = urban_}).has_value());
  auto empty = wall_->Reply(registrar_, id, "");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().field, "content");
}

INSTANTIATE_TEST_SUITE_P(Engines, WallServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
