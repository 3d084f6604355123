// Field logs and the reception schedule against a real database (a SQLite file, and PostgreSQL when the test
// cluster is there): raising a log into an appeal in one transaction, scope, the 3-day rule, bookings racing
// for the last place, receiving a visitor.
#include "app/field_log_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include "../support/pg_test_database.h"
#include "app/reception_service.h"
#include "core/calendar.h"
#include "store/field_log_repository.h"
#include "store/migrations.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

namespace fs = std::filesystem;
using store::Id;

constexpr Timestamp kStart = 1794967200;  // 2026-11-18T10:00:00+08:00, a Wednesday
constexpr Timestamp kDay = 86400;

Timestamp Day(int offset, int hour) {
  return LocalDayStart(LocalDay(kStart) + std::chrono::days(offset)) + hour * 3600;
}

class FieldLogServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = fs::temp_directory_path() / ("minsheng_fieldlog_" + std::to_string(::getpid()) + "_" + name);
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
    logs_ = std::make_unique<FieldLogService>(*db_, clock_, *appeals_);
    receptions_ = std::make_unique<ReceptionService>(*db_, clock_, *logs_);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(s2, store::InsertRegion(tx, district.id, "street", "s02", "西岭镇"));
      MS_ASSIGN(c1, store::InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
      MS_ASSIGN(g1, store::InsertRegion(tx, c1.id, "grid", "s01c01g01", "朝阳社区第一网格"));
      street1_ = s1.id;
      community1_ = c1.id;
      grid1_ = g1.id;
      MS_ASSIGN(housing, store::InsertDepartment(tx, {.code = "housing", .name = "住建局"}));
      MS_ASSIGN(cat, store::InsertCategory(tx, {.code = "lift", .name = "电梯", .default_department_id = housing}));
      category_ = cat;
      auto user = [&](const char* name, const char* role, Id region) -> Result<Actor> {
        MS_ASSIGN(id, store::InsertUser(tx, {.username = name, .password_hash = "x", .display_name = name,
                                             .role = role, .region_id = region}));
        Actor a;
        a.user_id = id;
        a.role = *ParseRole(role);
        a.username = name;
        a.display_name = name;
        a.region_id = region;
        MS_ASSIGN(r, store::FindRegion(tx, region));
        a.region_path = r->path;
        return a;
      };
      MS_ASSIGN(d1, user("deputy-s01", "deputy", s1.id));
      MS_ASSIGN(d2, user("deputy-s02", "deputy", s2.id));
      MS_ASSIGN(dd, user("deputy", "deputy", district.id));
      MS_ASSIGN(c1u, user("coordinator-s01", "coordinator", s1.id));
      MS_ASSIGN(c2u, user("coordinator-s02", "coordinator", s2.id));
      MS_ASSIGN(reg, user("registrar-s01", "registrar", s1.id));
      MS_ASSIGN(h, user("handler", "handler", district.id));
      deputy_ = d1;
      deputy_s02_ = d2;
      district_deputy_ = dd;
      coordinator_ = c1u;
      coordinator_s02_ = c2u;
      registrar_ = reg;
      handler_ = h;
      return {};
    }).has_value());
  }
  void TearDown() override {
    receptions_.reset();
    logs_.reset();
    appeals_.reset();
    db_.reset();
    pg_.reset();
    fs::remove_all(dir_);
  }

  FieldLog NewLog(const std::string& raised = "电梯停运一周") {
    auto log = logs_->Create(deputy_, {.kind = "reception", .region_id = community1_, .met_at = kStart - 3600,
                                       .place = "联络站", .people_count = 2, .people_names = "韩梅梅、李雷",
                                       .raised = raised});
    EXPECT_TRUE(log.has_value()) << (log ? "" : log.error().message);
    return log.value_or(FieldLog{});
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

  ReceptionSlot NewSlot(int capacity, Timestamp starts_at = Day(7, 9)) {
    auto slot = receptions_->Publish(deputy_, {.place = "联络站", .region_id = community1_, .starts_at = starts_at,
                                               .ends_at = starts_at + 7200, .capacity = capacity, .topic = "接访"});
    EXPECT_TRUE(slot.has_value()) << (slot ? "" : slot.error().message);
    return slot.value_or(ReceptionSlot{});
  }

  fs::path dir_;
  std::unique_ptr<minsheng::testing::PgTestDatabase> pg_;
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{kStart};
  CalendarCache calendar_;
  std::unique_ptr<AppealService> appeals_;
  std::unique_ptr<FieldLogService> logs_;
  std::unique_ptr<ReceptionService> receptions_;
  Id street1_ = 0, community1_ = 0, grid1_ = 0, category_ = 0;
  Actor deputy_, deputy_s02_, district_deputy_, coordinator_, coordinator_s02_, registrar_, handler_;
};

TEST_P(FieldLogServiceTest, RaisingRegistersTheAppealItsEventAndTheLinkTogether) {
  const FieldLog log = NewLog();
  auto raised = logs_->Raise(deputy_, log.id, {.category_id = category_});
  ASSERT_TRUE(raised.has_value()) << raised.error().message;
  EXPECT_EQ(raised->appeal.channel, "deputy");
  EXPECT_EQ(raised->appeal.content, "电梯停运一周");
  EXPECT_EQ(raised->appeal.region_id, community1_);
  EXPECT_EQ(raised->log.appeal_id, raised->appeal.id);
  auto detail = appeals_->Get(coordinator_, raised->appeal.id);
  ASSERT_TRUE(detail.has_value());
  EXPECT_EQ(detail->field_log_id, log.id);
  ASSERT_EQ(detail->timeline.size(), 1u);
  EXPECT_EQ(detail->timeline[0].action, "register");
  auto again = logs_->Raise(deputy_, log.id, {.category_id = category_});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "already_raised");
}

TEST_P(FieldLogServiceTest, ARefusedRaiseLeavesNothingBehind) {
  const FieldLog log = NewLog();
  // A category that does not exist: the registration fails after nothing, and nothing is linked.
  auto raised = logs_->Raise(deputy_, log.id, {.category_id = 987654});
  ASSERT_FALSE(raised.has_value());
  EXPECT_EQ(raised.error().field, "category_id");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appeals"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM field_logs WHERE appeal_id IS NOT NULL"), 0);
  // Nothing raised: nothing to register.
  const FieldLog quiet = NewLog("");
  auto empty = logs_->Raise(deputy_, quiet.id, {.category_id = category_});
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().field, "raised");
}

TEST_P(FieldLogServiceTest, ScopeAndNames) {
  const FieldLog log = NewLog();
  for (const Actor* outsider : {&deputy_s02_, &district_deputy_, &coordinator_s02_}) {
    auto got = logs_->Get(*outsider, log.id);
    ASSERT_FALSE(got.has_value()) << outsider->username;
    EXPECT_EQ(got.error().kind, ErrorKind::kNotFound) << outsider->username;
    auto raise = logs_->Raise(*outsider, log.id, {.category_id = category_});
    ASSERT_FALSE(raise.has_value());
    EXPECT_EQ(raise.error().kind, ErrorKind::kNotFound) << outsider->username;
  }
  auto handler = logs_->Get(handler_, log.id);
  ASSERT_FALSE(handler.has_value());
  EXPECT_EQ(handler.error().kind, ErrorKind::kForbidden);
  EXPECT_TRUE(logs_->Get(coordinator_, log.id).has_value());
  EXPECT_TRUE(FieldLogService::MaySeeNames(deputy_, log));
  EXPECT_TRUE(FieldLogService::MaySeeNames(coordinator_, log));
  EXPECT_FALSE(FieldLogService::MaySeeNames(registrar_, log));
  // Lists: the district deputy sees none of deputy-s01's, the other street's coordinator none.
  auto theirs = logs_->List(district_deputy_, {});
  ASSERT_TRUE(theirs.has_value());
  EXPECT_EQ(theirs->total, 0);
  auto other_street = logs_->List(coordinator_s02_, {});
  ASSERT_TRUE(other_street.has_value());
  EXPECT_EQ(other_street->total, 0);
  auto own = logs_->List(deputy_, {.kind = "reception"});
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->total, 1);
  // Logging in another street is refused.
  auto elsewhere = logs_->Create(deputy_s02_, {.kind = "visit", .region_id = grid1_, .people_count = 1});
  ASSERT_FALSE(elsewhere.has_value());
  EXPECT_EQ(elsewhere.error().kind, ErrorKind::kForbidden);
}

TEST_P(FieldLogServiceTest, ASlotIsAnnouncedThreeCalendarDaysAhead) {
  // Wednesday 10:00: Friday 23:59 is too late, Saturday 00:00 is in time.
  auto late = receptions_->Publish(deputy_, {.place = "联络站", .region_id = community1_, .starts_at = Day(3, 0) - 60,
                                             .ends_at = Day(3, 1), .capacity = 3});
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, "too_late_to_announce");
  EXPECT_EQ(late.error().field, "starts_at");
  auto edge = receptions_->Publish(deputy_, {.place = "联络站", .region_id = community1_, .starts_at = Day(3, 0),
                                             .ends_at = Day(3, 2), .capacity = 3});
  EXPECT_TRUE(edge.has_value()) << edge.error().message;
}

TEST_P(FieldLogServiceTest, BookingsFullSamePhoneBadPhone) {
  const ReceptionSlot slot = NewSlot(2);
  EXPECT_TRUE(receptions_->Book(slot.id, {.name = "甲", .phone = "13800000001"}).has_value());
  auto twice = receptions_->Book(slot.id, {.name = "甲", .phone = "13800000001"});
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, "already_booked");
  auto bad = receptions_->Book(slot.id, {.name = "乙", .phone = "12ab"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "phone");
  EXPECT_TRUE(receptions_->Book(slot.id, {.name = "丙", .phone = "13800000003"}).has_value());
  auto full = receptions_->Book(slot.id, {.name = "丁", .phone = "13800000004"});
  ASSERT_FALSE(full.has_value());
  EXPECT_EQ(full.error().code, "slot_full");
  EXPECT_EQ(Count("SELECT booked_count FROM reception_slots WHERE id = " + std::to_string(slot.id)), 2);
}

TEST_P(FieldLogServiceTest, BookingsRacingForTheLastPlaceCannotBothWin) {
  const ReceptionSlot slot = NewSlot(3);
  constexpr int kClients = 12;
  std::atomic<int> won{0}, full{0}, other{0};
  {
    std::vector<std::jthread> clients;
    for (int i = 0; i < kClients; ++i)
      clients.emplace_back([&, i] {
        auto b = receptions_->Book(slot.id, {.name = "群众", .phone = "1390000" + std::to_string(1000 + i)});
        if (b) ++won;
        else if (b.error().code == "slot_full") ++full;
        else ++other;
      });
  }
  EXPECT_EQ(won, 3);
  EXPECT_EQ(full, kClients - 3);
  EXPECT_EQ(other, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM bookings WHERE slot_id = " + std::to_string(slot.id)), 3);
  EXPECT_EQ(Count("SELECT booked_count FROM reception_slots WHERE id = " + std::to_string(slot.id)), 3);
}

TEST_P(FieldLogServiceTest, ReceivingAVisitorLogsItAndRaisesTheAppeal) {
  const ReceptionSlot slot = NewSlot(3);
  auto booking = receptions_->Book(slot.id, {.name = "王芳", .phone = "13800009021", .topic = "路灯"});
  ASSERT_TRUE(booking.has_value());
  // Another street's coordinator: not found; the district deputy (not the host): refused.
  auto outside = receptions_->Receive(coordinator_s02_, booking->id, {});
  ASSERT_FALSE(outside.has_value());
  EXPECT_EQ(outside.error().kind, ErrorKind::kNotFound);
  auto not_host = receptions_->Receive(district_deputy_, booking->id, {});
  ASSERT_FALSE(not_host.has_value());
  EXPECT_EQ(not_host.error().kind, ErrorKind::kForbidden);
  // A refused appeal undoes the reception too.
  auto bad = receptions_->Receive(coordinator_, booking->id, {.raised = "路灯坏了", .category_id = 987654});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM field_logs"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM bookings WHERE status = 'received'"), 0);

  clock_.Set(slot.starts_at + 600);
  auto received = receptions_->Receive(coordinator_, booking->id, {.raised = "路灯坏了", .category_id = category_});
  ASSERT_TRUE(received.has_value()) << received.error().message;
  EXPECT_EQ(received->booking.status, "received");
  EXPECT_EQ(received->log.kind, "reception");
  EXPECT_EQ(received->log.booking_id, booking->id);
  EXPECT_EQ(received->log.author_id, deputy_.user_id);  // the host met the visitor
  ASSERT_TRUE(received->appeal.has_value());
  EXPECT_EQ(received->appeal->channel, "deputy");
  EXPECT_EQ(received->appeal->appellant_name, "王芳");
  EXPECT_EQ(received->log.appeal_id, received->appeal->id);
  auto twice = receptions_->Receive(deputy_, booking->id, {});
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, "booking_not_open");
}

TEST_P(FieldLogServiceTest, CancellingASlotTellsItsBookings) {
  const ReceptionSlot slot = NewSlot(3);
  ASSERT_TRUE(receptions_->Book(slot.id, {.name = "甲", .phone = "13800000001"}).has_value());
  auto refused = receptions_->Cancel(district_deputy_, slot.id, "");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().kind, ErrorKind::kForbidden);
  auto cancelled = receptions_->Cancel(deputy_, slot.id, "临时有会");
  ASSERT_TRUE(cancelled.has_value()) << cancelled.error().message;
  EXPECT_EQ(cancelled->status, "cancelled");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM bookings WHERE status = 'cancelled'"), 1);
  auto book = receptions_->Book(slot.id, {.name = "乙", .phone = "13800000002"});
  ASSERT_FALSE(book.has_value());
  EXPECT_EQ(book.error().kind, ErrorKind::kNotFound);
  auto coming = receptions_->Coming();
  ASSERT_TRUE(coming.has_value());
  EXPECT_TRUE(coming->empty());
}

// Slots are listed by start, bookings read by slot: a slot published later but starting sooner keeps its own.
TEST_P(FieldLogServiceTest, ListShowsEachSlotWithItsBookingsMaskedForOthers) {
  const ReceptionSlot later = NewSlot(3, Day(9, 9));
  const ReceptionSlot sooner = NewSlot(3, Day(5, 9));
  ASSERT_TRUE(receptions_->Book(later.id, {.name = "李雷", .phone = "13800000001"}).has_value());
  ASSERT_TRUE(receptions_->Book(sooner.id, {.name = "韩梅梅", .phone = "13800000002"}).has_value());
  ASSERT_TRUE(receptions_->Book(sooner.id, {.name = "王芳", .phone = "13800000003"}).has_value());
  for (const Actor* who : {&deputy_, &district_deputy_}) {
    auto list = receptions_->List(*who, {});
    ASSERT_TRUE(list.has_value()) << list.error().message;
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].slot.id, sooner.id);
    ASSERT_EQ((*list)[0].bookings.size(), 2u);
    EXPECT_EQ((*list)[0].bookings[0].name, "韩梅梅");
    ASSERT_EQ((*list)[1].bookings.size(), 1u);
    EXPECT_EQ((*list)[1].bookings[0].name, "李雷");
    EXPECT_EQ((*list)[0].personal_data, who == &deputy_);
  }
  auto other_street = receptions_->List(coordinator_s02_, {});
  ASSERT_TRUE(other_street.has_value());
  EXPECT_TRUE(other_street->empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, FieldLogServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
