// Studios and the duty roster against a real database (a SQLite file, and PostgreSQL when the test cluster
// is there): scope, members, roster generation over the Spring Festival, swap and reassign, check-in and
// check-out, the sweep's absences, appeals tied to the shift they were registered on, and the figures.
#include "app/studio_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "../support/pg_test_database.h"
#include "app/appeal_service.h"
#include "app/deadline_sweep.h"
#include "core/attendance.h"
#include "core/calendar.h"
#include "store/migrations.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

namespace fs = std::filesystem;
using store::Id;

// 2026-02-09 08:00 CST, a Monday the week before the Spring Festival.
const Timestamp kStart = LocalDayStart(*ParseDate("2026-02-09")) + 8 * 3600;
constexpr std::int64_t kMin = 60;

class StudioServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = fs::temp_directory_path() / ("minsheng_studio_" + std::to_string(::getpid()) + "_" + name);
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
    studios_ = std::make_unique<StudioService>(*db_, clock_, calendar_);
    appeals_ = std::make_unique<AppealService>(*db_, clock_, calendar_);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(s2, store::InsertRegion(tx, district.id, "street", "s02", "西岭镇"));
      MS_ASSIGN(c1, store::InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
      street1_ = s1.id;
      street2_ = s2.id;
      community1_ = c1.id;
      MS_ASSIGN(cat, store::InsertCategory(tx, {.code = "lift", .name = "电梯"}));
      category_ = cat;
      auto user = [&](const char* name, const char* role, Id region) -> Result<Actor> {
        MS_ASSIGN(id, store::InsertUser(tx, {.username = name, .password_hash = "x", .display_name = name,
                                             .role = role, .region_id = region}));
        MS_ASSIGN(r, store::FindRegion(tx, region));
        return Actor{.user_id = id, .role = *ParseRole(role), .username = name, .display_name = name,
                     .region_id = region, .region_path = r->path};
      };
      MS_ASSIGN(admin, user("admin", "admin", district.id));
      MS_ASSIGN(coord1, user("coordinator-s01", "coordinator", s1.id));
      MS_ASSIGN(coord2, user("coordinator-s02", "coordinator", s2.id));
      MS_ASSIGN(handler, user("handler", "handler", s1.id));
      MS_ASSIGN(a, user("deputy-a", "deputy", s1.id));
      MS_ASSIGN(b, user("deputy-b", "deputy", c1.id));
      MS_ASSIGN(c, user("deputy-c", "deputy", s1.id));
      MS_ASSIGN(far, user("deputy-s02", "deputy", s2.id));
      admin_ = admin;
      coordinator1_ = coord1;
      coordinator2_ = coord2;
      handler_ = handler;
      deputy_a_ = a;
      deputy_b_ = b;
      deputy_c_ = c;
      deputy_far_ = far;
      return {};
    }).has_value());
  }
  void TearDown() override {
    studios_.reset();
    appeals_.reset();
    db_.reset();
    pg_.reset();
    fs::remove_all(dir_);
  }

  // A studio in community 1 with deputies a, b, c (a leads).
  Id Studio() {
    auto s = studios_->Create(coordinator1_, {.name = "朝阳社区代表工作室", .region_id = community1_,
                                              .address = "朝阳社区二楼", .opening_hours = "周一至周五"});
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
    if (!s) return 0;
    for (const Actor* d : {&deputy_a_, &deputy_b_, &deputy_c_})
      EXPECT_TRUE(studios_->AddMember(coordinator1_, s->studio.id, d->user_id, d == &deputy_a_).has_value());
    return s->studio.id;
  }

  RosterInput Weekdays(const char* from, const char* to, int per_shift) {
    return {.from = *ParseDate(from), .to = *ParseDate(to),
            .pattern = {.weekdays = {1, 2, 3, 4, 5}, .start_minute = 9 * 60, .end_minute = 12 * 60,
                        .per_shift = per_shift}};
  }

  fs::path dir_;
  std::unique_ptr<minsheng::testing::PgTestDatabase> pg_;
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{kStart};
  CalendarCache calendar_;
  std::unique_ptr<StudioService> studios_;
  std::unique_ptr<AppealService> appeals_;
  Id street1_ = 0, street2_ = 0, community1_ = 0, category_ = 0;
  Actor admin_, coordinator1_, coordinator2_, handler_, deputy_a_, deputy_b_, deputy_c_, deputy_far_;
};

TEST_P(StudioServiceTest, ScopeAndMembers) {
  const Id id = Studio();
  auto detail = studios_->Get(coordinator1_, id);
  ASSERT_TRUE(detail.has_value());
  EXPECT_EQ(detail->studio.street_id, street1_);
  ASSERT_EQ(detail->members.size(), 3u);
  EXPECT_TRUE(detail->members[0].leader);
  EXPECT_TRUE(detail->may_manage);
  // Another street's coordinator and deputy: as if it did not exist.
  EXPECT_EQ(studios_->Get(coordinator2_, id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(studios_->Get(deputy_far_, id).error().kind, ErrorKind::kNotFound);
  EXPECT_TRUE(studios_->List(coordinator2_)->empty());
  // A deputy of a community reads the whole street's studios; a handler reads but does not manage.
  EXPECT_EQ(studios_->List(deputy_b_)->size(), 1u);
  EXPECT_FALSE(studios_->Get(handler_, id)->may_manage);
  EXPECT_EQ(studios_->Update(handler_, id, {.address = "x"}).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(studios_->Update(coordinator2_, id, {.address = "x"}).error().kind, ErrorKind::kNotFound);
  // A new leader replaces the old one; only deputies can be members.
  ASSERT_TRUE(studios_->AddMember(coordinator1_, id, deputy_c_.user_id, true).has_value());
  detail = studios_->Get(admin_, id);
  EXPECT_EQ(std::count_if(detail->members.begin(), detail->members.end(), [](auto& m) { return m.leader; }), 1);
  EXPECT_TRUE(detail->members[2].leader);
  EXPECT_EQ(studios_->AddMember(coordinator1_, id, handler_.user_id, false).error().code, "not_a_deputy");
  // Not in another street, not from another street's coordinator.
  EXPECT_EQ(studios_->Create(coordinator2_, {.name = "越界", .region_id = community1_}).error().kind,
            ErrorKind::kForbidden);
  ASSERT_TRUE(studios_->RemoveMember(coordinator1_, id, deputy_b_.user_id).has_value());
  EXPECT_EQ(studios_->Get(admin_, id)->members.size(), 2u);
  EXPECT_EQ(studios_->RemoveMember(coordinator1_, id, deputy_b_.user_id).error().kind, ErrorKind::kNotFound);
}

TEST_P(StudioServiceTest, RosterSkipsTheSpringFestivalAndRotates) {
  const Id id = Studio();
  // Mon 02-09 … Sun 03-01, working days, two per shift: 02-09..13, Sat 02-14 (make-up workday), then
  // 02-24..27 and Sat 02-28 (make-up workday): 11 days, 22 shifts.
  auto r = studios_->GenerateRoster(coordinator1_, id, Weekdays("2026-02-09", "2026-03-01", 2));
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->created.size(), 22u);
  EXPECT_EQ(r->skipped, 0);
  std::vector<Id> order;
  for (const auto& s : r->created) order.push_back(s.user_id);
  const Id a = deputy_a_.user_id, b = deputy_b_.user_id, c = deputy_c_.user_id;
  EXPECT_EQ(std::vector<Id>(order.begin(), order.begin() + 6), (std::vector<Id>{a, b, c, a, b, c}));
  for (const auto& s : r->created) {
    const auto day = FormatDate(LocalDay(s.starts_at));
    EXPECT_TRUE(day < "2026-02-15" || day > "2026-02-23") << day;
  }
  // Again over the same days: every slot is there already.
  auto again = studios_->GenerateRoster(coordinator1_, id, Weekdays("2026-02-09", "2026-02-13", 2));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->created.size(), 0u);
  EXPECT_EQ(again->skipped, 5);
  EXPECT_EQ(studios_->GenerateRoster(coordinator1_, id, Weekdays("2026-03-02", "2026-03-06", 4)).error().field,
            "per_shift");
  EXPECT_EQ(studios_->GenerateRoster(deputy_a_, id, Weekdays("2026-03-02", "2026-03-06", 1)).error().kind,
            ErrorKind::kForbidden);
  EXPECT_EQ(studios_->GenerateRoster(coordinator1_, id, Weekdays("2026-02-08", "2026-02-13", 1)).error().field, "from");
}

TEST_P(StudioServiceTest, SwapAndReassign) {
  const Id id = Studio();
  auto r = studios_->GenerateRoster(coordinator1_, id, Weekdays("2026-03-02", "2026-03-03", 1));
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->created.size(), 2u);
  const auto first = r->created[0], second = r->created[1];
  auto swapped = studios_->Swap(coordinator1_, first.id, second.id);
  ASSERT_TRUE(swapped.has_value()) << swapped.error().message;
  EXPECT_EQ((*swapped)[0].user_id, second.user_id);
  EXPECT_EQ((*swapped)[1].user_id, first.user_id);
  auto moved = studios_->Reassign(coordinator1_, first.id, deputy_c_.user_id);
  ASSERT_TRUE(moved.has_value()) << moved.error().message;
  EXPECT_EQ(moved->user_id, deputy_c_.user_id);
  EXPECT_EQ(studios_->Reassign(coordinator1_, first.id, deputy_far_.user_id).error().code, "not_a_member");
  EXPECT_EQ(studios_->Reassign(coordinator2_, first.id, deputy_a_.user_id).error().kind, ErrorKind::kNotFound);
  // A started shift stays with its deputy.
  clock_.Set(first.starts_at);
  ASSERT_TRUE(studios_->CheckIn(deputy_c_, first.id).has_value());
  EXPECT_EQ(studios_->Reassign(coordinator1_, first.id, deputy_a_.user_id).error().code, "shift_started");
  EXPECT_EQ(studios_->Swap(coordinator1_, first.id, second.id).error().code, "shift_started");
}

TEST_P(StudioServiceTest, CheckInOutAttendanceSweepAndAppeals) {
  const Id id = Studio();
  auto r = studios_->GenerateRoster(coordinator1_, id, Weekdays("2026-02-09", "2026-02-10", 1));
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->created.size(), 2u);
  const auto monday = r->created[0], tuesday = r->created[1];  // deputy a, deputy b
  ASSERT_EQ(monday.user_id, deputy_a_.user_id);
  // Too early; someone else's shift; late.
  clock_.Set(monday.starts_at - 31 * kMin);
  EXPECT_EQ(studios_->CheckIn(deputy_a_, monday.id).error().code, "too_early");
  clock_.Set(monday.starts_at + 11 * kMin);
  EXPECT_EQ(studios_->CheckIn(deputy_b_, monday.id).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(studios_->CheckIn(deputy_far_, monday.id).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(studios_->CheckIn(coordinator1_, monday.id).error().kind, ErrorKind::kForbidden);
  auto in = studios_->CheckIn(deputy_a_, monday.id);
  ASSERT_TRUE(in.has_value()) << in.error().message;
  EXPECT_FALSE(in->attendance.has_value());
  // An appeal the deputy registers now belongs to the shift; another deputy's does not.
  auto appeal = appeals_->Register(deputy_a_, {.title = "楼道灯坏", .content = "三楼楼道灯不亮", .channel = "deputy",
                                               .region_id = community1_, .category_id = category_, .anonymous = true});
  ASSERT_TRUE(appeal.has_value()) << appeal.error().message;
  EXPECT_EQ(appeal->duty_shift_id, monday.id);
  EXPECT_EQ(appeals_->Get(admin_, appeal->id)->appeal.duty_shift_id, monday.id);
  auto other = appeals_->Register(deputy_b_, {.title = "路灯", .content = "路灯不亮", .channel = "deputy",
                                              .region_id = community1_, .category_id = category_, .anonymous = true});
  ASSERT_TRUE(other.has_value());
  EXPECT_FALSE(other->duty_shift_id.has_value());
  clock_.Set(monday.ends_at);
  auto out = studios_->CheckOut(deputy_a_, monday.id);
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(out->attendance, "late");
  EXPECT_EQ(out->appeal_count, 1);
  EXPECT_EQ(studios_->CheckOut(deputy_a_, monday.id).error().code, "already_checked_out");
  // Tuesday: nobody comes. The sweep before the end leaves it; at the end it is absent; again: nothing new.
  clock_.Set(tuesday.ends_at - 1);
  ASSERT_EQ(SweepDeadlines(*db_, clock_)->shifts_decided, 0);
  clock_.Set(tuesday.ends_at);
  auto swept = SweepDeadlines(*db_, clock_);
  ASSERT_TRUE(swept.has_value()) << swept.error().message;
  EXPECT_EQ(swept->shifts_decided, 1);
  EXPECT_EQ(studios_->GetShift(admin_, tuesday.id)->attendance, "absent");
  EXPECT_EQ(SweepDeadlines(*db_, clock_)->shifts_decided, 0);
  EXPECT_EQ(studios_->CheckIn(deputy_b_, tuesday.id).error().code, "shift_over");
  // The figures: one shift each, a late with one appeal, an absence.
  auto figures = studios_->Attendance(coordinator1_, id, LocalDayStart(*ParseDate("2026-02-01")),
                                      LocalDayStart(*ParseDate("2026-03-01")));
  ASSERT_TRUE(figures.has_value()) << figures.error().message;
  ASSERT_EQ(figures->size(), 2u);
  for (const auto& f : *figures) {
    EXPECT_EQ(f.shifts_scheduled, 1);
    EXPECT_EQ(f.shifts_due, 1);
    if (f.user_id == deputy_a_.user_id) {
      EXPECT_EQ(f.attended, 1);
      EXPECT_EQ(f.late, 1);
      EXPECT_EQ(f.absent, 0);
      EXPECT_EQ(f.appeals_on_shift, 1);
    } else {
      EXPECT_EQ(f.user_id, deputy_b_.user_id);
      EXPECT_EQ(f.attended, 0);
      EXPECT_EQ(f.absent, 1);
      EXPECT_EQ(f.appeals_on_shift, 0);
    }
  }
  EXPECT_EQ(studios_->Attendance(coordinator2_, id, 0, kStart + 86400 * 60).error().kind, ErrorKind::kNotFound);
  // The deputy's own list, newest first.
  auto mine = studios_->ListShifts(deputy_a_, {.mine = true});
  ASSERT_TRUE(mine.has_value());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].id, monday.id);
}

TEST_P(StudioServiceTest, NeverCheckedOutIsDecidedAfterTheWindow) {
  const Id id = Studio();
  auto r = studios_->GenerateRoster(coordinator1_, id, Weekdays("2026-02-09", "2026-02-09", 1));
  ASSERT_TRUE(r.has_value());
  const auto shift = r->created.at(0);
  clock_.Set(shift.starts_at);
  ASSERT_TRUE(studios_->CheckIn(deputy_a_, shift.id).has_value());
  clock_.Set(shift.ends_at + minsheng::kCheckOutAfterEndSeconds - 1);
  EXPECT_EQ(SweepDutyShifts(*db_, clock_.Now()).value(), 0);
  clock_.Set(shift.ends_at + minsheng::kCheckOutAfterEndSeconds);
  EXPECT_EQ(SweepDutyShifts(*db_, clock_.Now()).value(), 1);
  auto after = studios_->GetShift(deputy_a_, shift.id);
  EXPECT_EQ(after->attendance, "on_time");
  EXPECT_FALSE(after->check_out_at.has_value());
  EXPECT_EQ(studios_->CheckOut(deputy_a_, shift.id).error().code, "shift_over");
}

INSTANTIATE_TEST_SUITE_P(Engines, StudioServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
