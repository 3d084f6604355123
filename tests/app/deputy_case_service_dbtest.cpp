// Following a case against a real database (a SQLite file, and PostgreSQL when the test cluster is there):
// a deputy's scope, contacts and opinions with their events, assistants, the explain route's named deputy
// holding back the callback, and the per-deputy figures counted by hand.
#include "app/deputy_case_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "../support/pg_test_database.h"
#include "app/appeal_service.h"
#include "store/migrations.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

namespace fs = std::filesystem;
using store::Id;

constexpr Timestamp kStart = 1794967200;  // 2026-11-18T10:00:00+08:00
constexpr Timestamp kYear2026 = 1767196800;  // 2026-01-01T00:00:00+08:00
constexpr Timestamp kYear2027 = 1798732800;

class DeputyCaseServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = fs::temp_directory_path() / ("minsheng_deputy_" + std::to_string(::getpid()) + "_" + name);
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
    appeals_ = std::make_unique<AppealService>(*db_, clock_, calendar_);
    following_ = std::make_unique<DeputyCaseService>(*db_, clock_);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(s2, store::InsertRegion(tx, district.id, "street", "s02", "西岭镇"));
      community1_ = s1.id;
      MS_ASSIGN(housing, store::InsertDepartment(tx, {.code = "housing", .name = "住建局"}));
      housing_ = housing;
      MS_ASSIGN(cat, store::InsertCategory(tx, {.code = "lift", .name = "电梯", .default_department_id = housing}));
      category_ = cat;
      auto user = [&](const char* name, const char* role, Id region, store::OptId dept) -> Result<Actor> {
        MS_ASSIGN(id, store::InsertUser(tx, {.username = name, .password_hash = "x", .display_name = name,
                                             .role = role, .region_id = region, .department_id = dept}));
        MS_ASSIGN(r, store::FindRegion(tx, region));
        Actor a;
        a.user_id = id;
        a.role = *ParseRole(role);
        a.region_id = region;
        a.region_path = r->path;
        a.department_id = dept;
        return a;
      };
      MS_ASSIGN(reg, user("registrar-s1", "registrar", s1.id, std::nullopt));
      MS_ASSIGN(coord, user("coordinator", "coordinator", district.id, std::nullopt));
      MS_ASSIGN(coord2, user("coordinator-s2", "coordinator", s2.id, std::nullopt));
      MS_ASSIGN(handler, user("handler", "handler", district.id, housing));
      MS_ASSIGN(sup, user("supervisor", "supervisor", district.id, std::nullopt));
      MS_ASSIGN(d1, user("deputy-s1", "deputy", s1.id, std::nullopt));
      MS_ASSIGN(d2, user("deputy-s2", "deputy", s2.id, std::nullopt));
      registrar_ = reg;
      coordinator_ = coord;
      coordinator_s2_ = coord2;
      handler_ = handler;
      supervisor_ = sup;
      deputy_ = d1;
      deputy2_ = d2;
      return {};
    }).has_value());
  }
  void TearDown() override {
    following_.reset();
    appeals_.reset();
    db_.reset();
    pg_.reset();
    fs::remove_all(dir_);
  }

  Id Register() {
    auto a = appeals_->Register(registrar_, {.title = "电梯坏了", .content = "三栋电梯停运", .channel = "phone",
                                             .region_id = community1_, .category_id = category_,
                                             .appellant_name = "张三", .appellant_phone = "13800001234"});
    EXPECT_TRUE(a.has_value()) << (a ? "" : a.error().message);
    return a ? a->id : 0;
  }
  Id Followed(const Actor& deputy) {
    const Id id = Register();
    auto d = appeals_->Dispatch(coordinator_, id, {.lead_unit_id = housing_, .deputy_id = deputy.user_id});
    EXPECT_TRUE(d.has_value()) << (d ? "" : d.error().message);
    return id;
  }
  void Reply(Id id) {
    ASSERT_TRUE(appeals_->Accept(handler_, id, ""));
    ASSERT_TRUE(appeals_->Contact(handler_, id, "已联系", "phone"));
    ASSERT_TRUE(appeals_->Reply(handler_, id, "已修好"));
  }

  fs::path dir_;
  std::unique_ptr<minsheng::testing::PgTestDatabase> pg_;
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{kStart};
  CalendarCache calendar_;
  std::unique_ptr<AppealService> appeals_;
  std::unique_ptr<DeputyCaseService> following_;
  Id community1_ = 0, housing_ = 0, category_ = 0;
  Actor registrar_, coordinator_, coordinator_s2_, handler_, supervisor_, deputy_, deputy2_;
};

TEST_P(DeputyCaseServiceTest, ADeputySeesOnlyTheirOwnCases) {
  const Id mine = Followed(deputy_);
  const Id other = Register();
  EXPECT_TRUE(appeals_->Get(deputy_, mine).has_value());
  EXPECT_EQ(appeals_->Get(deputy_, other).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(appeals_->Get(deputy2_, mine).error().kind, ErrorKind::kNotFound);
  auto page = appeals_->List(deputy_, {.page_size = 100});
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, mine);
  // Registered by the deputy: theirs too.
  auto own = appeals_->Register(deputy_, {.title = "代表登记", .content = "代表接待时登记", .channel = "deputy",
                                          .region_id = community1_, .category_id = category_, .anonymous = true});
  ASSERT_TRUE(own.has_value()) << own.error().message;
  EXPECT_TRUE(appeals_->Get(deputy_, own->id).has_value());
  EXPECT_EQ(appeals_->List(deputy_, {.page_size = 100})->total, 2);
  // The queue filter: deputy_id.
  EXPECT_EQ(appeals_->List(deputy_, {.deputy_id = deputy_.user_id, .page_size = 100})->total, 1);
}

TEST_P(DeputyCaseServiceTest, ContactsAndOpinionsAreEventsAndNeedTheDeputyOrAnAssistant) {
  const Id id = Followed(deputy_);
  const auto before = appeals_->Get(coordinator_, id)->appeal.version;
  auto c = following_->RecordContact(deputy_, id, {"phone", "电话联系"});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_EQ(c->deputy_id, deputy_.user_id);
  EXPECT_EQ(c->recorded_by, deputy_.user_id);
  auto detail = appeals_->Get(coordinator_, id);
  ASSERT_TRUE(detail.has_value());
  EXPECT_EQ(detail->appeal.version, before + 1);
  ASSERT_EQ(detail->following.contacts.size(), 1u);
  EXPECT_EQ(detail->timeline.back().action, "deputy_contact");
  EXPECT_EQ(detail->timeline.back().actor_label, "代表委员");

  EXPECT_EQ(following_->RecordContact(deputy_, id, {"letter", "x"}).error().field, "method");
  EXPECT_EQ(following_->RecordContact(deputy_, id, {"phone", "  "}).error().field, "note");
  EXPECT_EQ(following_->RecordContact(handler_, id, {"phone", "x"}).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(following_->RecordContact(deputy2_, id, {"phone", "x"}).error().kind, ErrorKind::kNotFound);
  // A registrar in scope who does not assist the deputy.
  EXPECT_EQ(following_->RecordContact(registrar_, id, {"phone", "x"}).error().kind, ErrorKind::kForbidden);

  // Assistants: managed by coordinators of the deputy's region only.
  EXPECT_EQ(following_->AddAssistant(coordinator_s2_, deputy_.user_id, registrar_.user_id).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(following_->AddAssistant(coordinator_, deputy_.user_id, handler_.user_id).error().field, "assistant_id");
  ASSERT_TRUE(following_->AddAssistant(coordinator_, deputy_.user_id, registrar_.user_id));
  EXPECT_EQ(following_->AddAssistant(coordinator_, deputy_.user_id, registrar_.user_id).error().kind,
            ErrorKind::kConflict);
  auto o = following_->AddOpinion(registrar_, id, "建议尽快更换主板");
  ASSERT_TRUE(o.has_value()) << o.error().message;
  EXPECT_EQ(o->deputy_id, deputy_.user_id);
  EXPECT_EQ(o->recorded_by, registrar_.user_id);
  EXPECT_EQ(following_->Assistants(coordinator_, deputy_.user_id)->size(), 1u);
  ASSERT_TRUE(following_->RemoveAssistant(coordinator_, deputy_.user_id, registrar_.user_id));
  EXPECT_EQ(following_->AddOpinion(registrar_, id, "x").error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(following_->RemoveAssistant(coordinator_, deputy_.user_id, registrar_.user_id).error().kind,
            ErrorKind::kNotFound);

  // A finished appeal takes no more.
  Reply(id);
  ASSERT_TRUE(appeals_->Callback(supervisor_, id, {.resolved = true, .satisfaction = "satisfied"}));
  EXPECT_EQ(following_->RecordContact(deputy_, id, {"phone", "x"}).error().code, "appeal_finished");
}

TEST_P(DeputyCaseServiceTest, ExplainWithADeputyWaitsForTheirExplanation) {
  const Id id = Register();
  EXPECT_EQ(appeals_->Triage(coordinator_, id, {.route = Action::kExplain, .note = "政策不允许",
                                                .deputy_id = deputy2_.user_id})  // another street's
                .error().field,
            "deputy_id");
  ASSERT_TRUE(appeals_->Triage(coordinator_, id, {.route = Action::kExplain, .note = "政策不允许",
                                                  .deputy_id = deputy_.user_id}));
  auto detail = appeals_->Get(supervisor_, id);
  ASSERT_TRUE(detail.has_value());
  EXPECT_EQ(detail->appeal.deputy_id, deputy_.user_id);
  EXPECT_TRUE(detail->following.explanation_missing);
  auto allowed = appeals_->AllowedActions(supervisor_, *detail);
  EXPECT_EQ(std::count(allowed.begin(), allowed.end(), "callback"), 0);
  const CallbackInput ok{.resolved = false, .satisfaction = "basically_satisfied"};
  EXPECT_EQ(appeals_->Callback(supervisor_, id, ok).error().code, "deputy_explanation_missing");
  EXPECT_EQ(appeals_->Close(supervisor_, id, "").error().code, "deputy_explanation_missing");
  EXPECT_EQ(appeals_->CallbackByReceipt(detail->appeal.receipt_code, ok).error().code, "deputy_explanation_missing");
  clock_.Advance(60);
  ASSERT_TRUE(following_->RecordContact(deputy_, id, {"visit", "上门没见到人"}));
  EXPECT_EQ(appeals_->Callback(supervisor_, id, ok).error().code, "deputy_explanation_missing");
  ASSERT_TRUE(following_->RecordContact(deputy_, id, {"face_to_face", "当面解释"}));
  EXPECT_FALSE(appeals_->Get(supervisor_, id)->following.explanation_missing);
  auto closed = appeals_->Callback(supervisor_, id, ok);
  ASSERT_TRUE(closed.has_value()) << closed.error().message;
  EXPECT_EQ(closed->status, "closed");

  // Without a deputy the route works as before.
  const Id plain = Register();
  ASSERT_TRUE(appeals_->Triage(coordinator_, plain, {.route = Action::kExplain, .note = "政策不允许"}));
  EXPECT_TRUE(appeals_->Callback(supervisor_, plain, ok).has_value());
}

TEST_P(DeputyCaseServiceTest, FiguresByHand) {
  // a: contact before the reply, closed. b: replied, never contacted (relayed). c: contact only after the
  // reply (relayed). d: open, contacted. e: another deputy's.
  const Id a = Followed(deputy_), b = Followed(deputy_), c = Followed(deputy_), d = Followed(deputy_);
  Followed(deputy2_);
  clock_.Advance(60);
  ASSERT_TRUE(following_->RecordContact(deputy_, a, {"phone", "电话"}));
  ASSERT_TRUE(following_->RecordContact(deputy_, d, {"visit", "上门"}));
  clock_.Advance(60);
  Reply(a);
  Reply(b);
  Reply(c);
  clock_.Advance(60);
  ASSERT_TRUE(following_->RecordContact(deputy_, c, {"face_to_face", "回复后当面"}));
  ASSERT_TRUE(appeals_->Callback(supervisor_, a, {.resolved = true, .satisfaction = "satisfied"}));

  auto f = following_->Figures(deputy_.user_id, kYear2026, kYear2027);
  ASSERT_TRUE(f.has_value()) << f.error().message;
  EXPECT_EQ(f->followed, 4);
  EXPECT_EQ(f->followed_to_close, 1);
  EXPECT_EQ(f->personal_contacts, 3);
  EXPECT_EQ(f->relayed_only, 2);
  EXPECT_EQ(following_->Figures(deputy_.user_id, kYear2027, kYear2027 + 86400)->followed, 0);

  auto list = following_->Deputies(coordinator_, 2026);
  ASSERT_TRUE(list.has_value()) << list.error().message;
  ASSERT_EQ(list->size(), 2u);
  auto mine = following_->Deputies(deputy_, 2026);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].figures.relayed_only, 2);
  auto street2 = following_->Deputies(coordinator_s2_, 2026);
  ASSERT_EQ(street2->size(), 1u);
  EXPECT_EQ((*street2)[0].deputy.id, deputy2_.user_id);
  EXPECT_EQ((*street2)[0].figures.followed, 1);
  EXPECT_EQ(following_->Deputies(handler_, 2026).error().kind, ErrorKind::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Engines, DeputyCaseServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
