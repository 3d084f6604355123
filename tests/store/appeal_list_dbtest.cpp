// Issue 13, lists at scale, on both engines: keyset pages (newest first, ties on created_at broken by id; and
// by deadline, the due ones first) give every appeal once and agree with the offset pages; the total is exact up
// to the cap and flagged above it; a region subtree (street, community, grid, district) selects the same
// appeals as its path.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../support/engine_database.h"
#include "store/appeal_repository.h"
#include "store/reference_repository.h"

namespace minsheng::store {
namespace {

constexpr Timestamp kT = 1794967200;  // 2026-11-18T10:00:00+08:00

class AppealListTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "appeal_list"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    db_ = &engine_.db();
    ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
      MS_ASSIGN(district, InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(s1, InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(c1, InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
      MS_ASSIGN(g1, InsertRegion(tx, c1.id, "grid", "s01c01g01", "一网格"));
      MS_ASSIGN(c2, InsertRegion(tx, s1.id, "community", "s01c02", "向阳社区"));
      MS_ASSIGN(s2, InsertRegion(tx, district.id, "street", "s02", "西湖街道"));
      MS_ASSIGN(c3, InsertRegion(tx, s2.id, "community", "s02c01", "湖滨社区"));
      district_ = district;
      s1_ = s1;
      c1_ = c1;
      g1_ = g1;
      c2_ = c2;
      s2_ = s2;
      c3_ = c3;
      MS_ASSIGN(dept, InsertDepartment(tx, {.code = "civil", .name = "民政局"}));
      MS_ASSIGN(cat, InsertCategory(tx, {.code = "aid", .name = "救助", .default_department_id = dept}));
      category_ = cat;
      return {};
    }).has_value());
  }

  // An appeal created at `at` in `region`; with `accept_due`, dispatched with that deadline (its current one).
  Id Add(Timestamp at, const RegionRecord& region, std::optional<Timestamp> accept_due = std::nullopt) {
    Id id = 0;
    EXPECT_TRUE(db_->Write([&](Tx& tx) -> Status {
      AppealRecord a;
      a.receipt_code = "R" + std::to_string(++codes_);
      a.title = "标题";
      a.content = "内容";
      a.channel = "phone";
      a.region_id = region.id;
      a.street_id = region.street_id;
      a.category_id = category_;
      a.status = "received";
      a.created_at = a.updated_at = at;
      MS_ASSIGN(new_id, InsertAppeal(tx, a));
      id = new_id;
      if (!accept_due) return {};
      a.id = new_id;
      a.status = "dispatched";
      a.dispatched_at = at;
      a.accept_due = accept_due;
      a.reply_due = *accept_due + 86400;
      return UpdateAppeal(tx, a, 1);
    }).has_value());
    return id;
  }

  AppealPage List(const AppealFilter& f) {
    auto page = ReadValue<AppealPage>(*db_, [&](Tx& tx) { return ListAppeals(tx, f); });
    EXPECT_TRUE(page.has_value()) << page.error().message;
    return page.value_or(AppealPage{});
  }

  static std::vector<Id> Ids(const AppealPage& page) {
    std::vector<Id> ids;
    for (const auto& a : page.items) ids.push_back(a.id);
    return ids;
  }

  // Every page of `f` by keyset and by offset (page_size 3): both give `expected`, each appeal once.
  void ExpectPagesGive(AppealFilter f, const std::vector<Id>& expected) {
    f.page_size = 3;
    std::vector<Id> by_cursor, by_offset;
    for (int guard = 0; guard < 20; ++guard) {
      const AppealPage page = List(f);
      for (Id id : Ids(page)) by_cursor.push_back(id);
      EXPECT_EQ(page.next.has_value(), page.items.size() == 3u);
      if (!page.next) break;
      f.after = page.next;
    }
    f.after.reset();
    for (f.page = 1; f.page < 20; ++f.page) {
      const AppealPage page = List(f);
      for (Id id : Ids(page)) by_offset.push_back(id);
      if (page.items.size() < 3u) break;
    }
    EXPECT_EQ(by_cursor, expected);
    EXPECT_EQ(by_offset, expected);
  }

  minsheng::testing::EngineDatabase engine_;
  Database* db_ = nullptr;
  RegionRecord district_, s1_, c1_, g1_, c2_, s2_, c3_;
  Id category_ = 0;
  int codes_ = 0;
};

TEST_P(AppealListTest, KeysetPagesNewestFirstBreakTiesById) {
  // Seven appeals, four of them registered in the same second: the newer id first among those.
  const Id a = Add(kT - 300, c1_);
  const Id b = Add(kT - 100, c1_);
  const Id c = Add(kT - 100, c2_);
  const Id d = Add(kT - 200, c1_);
  const Id e = Add(kT - 100, c3_);
  const Id g = Add(kT - 100, g1_);
  const Id h = Add(kT, s2_);
  ExpectPagesGive({}, {h, g, e, c, b, d, a});

  // Appeals registered after a page was read never appear on the later pages, nor shift them.
  AppealFilter f;
  f.page_size = 3;
  const AppealPage first = List(f);
  ASSERT_EQ(Ids(first), (std::vector<Id>{h, g, e}));
  ASSERT_TRUE(first.next);
  Add(kT + 10, c1_);
  Add(kT - 100, c1_);  // same second as the cursor's appeal, but a higher id: it sorts before it
  f.after = first.next;
  EXPECT_EQ(Ids(List(f)), (std::vector<Id>{c, b, d}));
}

TEST_P(AppealListTest, KeysetPagesByDueGiveTheDueOnesFirstThenTheRestOldestFirst) {
  const Id late = Add(kT - 500, c1_, kT + 3000);
  const Id none_old = Add(kT - 400, c1_);
  const Id soon = Add(kT - 300, c2_, kT + 1000);
  const Id soon_tie = Add(kT - 300, c2_, kT + 1000);  // same deadline and second: by id
  const Id none_tie1 = Add(kT - 100, c1_);
  const Id none_tie2 = Add(kT - 100, c1_);
  const Id soonest = Add(kT - 50, c3_, kT + 500);
  const Id none_new = Add(kT, c3_);
  AppealFilter f;
  f.order = AppealFilter::Order::kDue;
  ExpectPagesGive(f, {soonest, soon, soon_tie, late, none_old, none_tie1, none_tie2, none_new});
  // The cursor of the page that ends among the due ones, and of one that ends among the rest.
  f.page_size = 3;
  const AppealPage first = List(f);
  ASSERT_TRUE(first.next);
  EXPECT_EQ(first.next->due, kT + 1000);
  EXPECT_EQ(first.next->id, soon_tie);
  f.after = first.next;
  const AppealPage second = List(f);
  ASSERT_TRUE(second.next);
  EXPECT_FALSE(second.next->due);
  EXPECT_EQ(second.next->id, none_tie1);
  // Offset pages that start past the due ones skip the right number of the rest.
  f.after.reset();
  f.page_size = 5;
  f.page = 2;
  EXPECT_EQ(Ids(List(f)), (std::vector<Id>{none_tie1, none_tie2, none_new}));
  // Filtered (street s01): the same order within the filter.
  AppealFilter in_s1;
  in_s1.order = AppealFilter::Order::kDue;
  in_s1.region_id = s1_.id;
  ExpectPagesGive(in_s1, {soon, soon_tie, late, none_old, none_tie1, none_tie2});
  // By state: one with a deadline (the due part only), one without (the rest only).
  AppealFilter dispatched;
  dispatched.order = AppealFilter::Order::kDue;
  dispatched.status = "dispatched";
  ExpectPagesGive(dispatched, {soonest, soon, soon_tie, late});
  AppealFilter received = dispatched;
  received.status = "received";
  ExpectPagesGive(received, {none_old, none_tie1, none_tie2, none_new});
}

TEST_P(AppealListTest, OverduePagesNewestFirstWithinTheirFilters) {
  // Overdue at kT: a deadline before it. Ties in the second by id, as every newest-first list.
  const Id old_late = Add(kT - 900, c1_, kT - 10);
  Add(kT - 800, c1_, kT + 100);  // due later: not overdue
  const Id tie1 = Add(kT - 500, c2_, kT - 400);
  const Id tie2 = Add(kT - 500, c1_, kT - 300);
  Add(kT - 450, c1_);  // no deadline
  const Id other_street = Add(kT - 300, s2_, kT - 1);
  const Id newest = Add(kT - 200, g1_, kT - 100);
  AppealFilter f;
  f.overdue_at = kT;
  ExpectPagesGive(f, {newest, other_street, tie2, tie1, old_late});
  AppealFilter in_s1 = f;
  in_s1.region_id = s1_.id;
  ExpectPagesGive(in_s1, {newest, tie2, tie1, old_late});
  AppealFilter dispatched = f;
  dispatched.status = "dispatched";
  ExpectPagesGive(dispatched, {newest, other_street, tie2, tie1, old_late});
  dispatched.status = "received";
  ExpectPagesGive(dispatched, {});
  const AppealPage page = List({.overdue_at = kT, .page_size = 2, .count_cap = 100});
  EXPECT_EQ(Ids(page), (std::vector<Id>{newest, other_street}));
  EXPECT_EQ(page.total, 5);
}

TEST_P(AppealListTest, TotalIsExactUpToTheCapAndFlaggedAbove) {
  for (int i = 0; i < 7; ++i) Add(kT - i, i < 5 ? c1_ : c3_);
  struct Row {
    std::int64_t cap;
    int page_size;
    OptId region;
    std::int64_t total;
    bool exact;
  };
  const std::vector<Row> rows = {
      {0, 3, std::nullopt, 7, true},       // no cap: counted
      {7, 3, std::nullopt, 7, true},       // at the cap: exact
      {6, 3, std::nullopt, 6, false},      // above it: the cap, flagged
      {2, 3, std::nullopt, 2, false},
      {4, 3, s2_.id, 2, true},             // a short first page: its size, whatever the cap
      {4, 10, std::nullopt, 7, true},      // likewise
      {4, 3, s1_.id, 4, false},            // five in street s01
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(::testing::Message() << "cap " << r.cap << " page_size " << r.page_size);
    const AppealPage page = List({.region_id = r.region, .page_size = r.page_size, .count_cap = r.cap});
    EXPECT_EQ(page.total, r.total);
    EXPECT_EQ(page.total_exact, r.exact);
  }
  // A keyset page counts the whole filter, not what is left after the cursor.
  AppealFilter f{.page_size = 3, .count_cap = 100};
  f.after = List(f).next;
  const AppealPage second = List(f);
  EXPECT_EQ(second.items.size(), 3u);
  EXPECT_EQ(second.total, 7);
  EXPECT_TRUE(second.total_exact);
  // The last offset page past the end counts too.
  EXPECT_EQ(List({.page = 5, .page_size = 3, .count_cap = 100}).total, 7);
}

// A deputy's scope: the cases they follow, those they registered, those of a deputy they assist. Its capped count
// stops early when one of these alone passes the cap; the total is the same as counting them together.
TEST_P(AppealListTest, DeputyScopeTotalIsExactUpToTheCapAndFlaggedAbove) {
  Id deputy = 0, other = 0;
  ASSERT_TRUE(
      db_->Write([&](Tx& tx) -> Status {
           MS_ASSIGN(d, InsertUser(tx, {.username = "deputy",
                                        .display_name = "代表",
                                        .role = "deputy",
                                        .region_id = s1_.id,
                                        .created_at = kT}));
           MS_ASSIGN(o, InsertUser(tx, {.username = "other",
                                        .display_name = "另一位代表",
                                        .role = "deputy",
                                        .region_id = s1_.id,
                                        .created_at = kT}));
           deputy = d;
           other = o;
           MS_TRY(tx.Execute("INSERT INTO deputy_assistants (deputy_id, assistant_id, created_at) VALUES (?, ?, ?)",
                             {other, deputy, kT}));
           return {};
         })
          .has_value());
  // Three followed (one of them registered by the deputy too), two registered, two of the assisted deputy's,
  // and two nobody's of theirs: seven in scope.
  const std::vector<std::pair<OptId, OptId>> appeals = {
      // deputy_id, created_by
      {deputy, std::nullopt}, {deputy, std::nullopt},       {deputy, deputy},
      {std::nullopt, deputy}, {std::nullopt, deputy},       {other, std::nullopt},
      {other, std::nullopt},  {std::nullopt, std::nullopt}, {std::nullopt, std::nullopt}};
  for (std::size_t i = 0; i < appeals.size(); ++i) {
    const Id id = Add(kT - static_cast<Timestamp>(i), c1_);
    ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                     MS_TRY(tx.Execute("UPDATE appeals SET deputy_id = ?, created_by = ? WHERE id = ?",
                                       {Nullable(appeals[i].first), Nullable(appeals[i].second), id}));
                     return {};
                   })
                    .has_value());
  }
  struct Row {
    std::int64_t cap;
    std::int64_t total;
    bool exact;
  };
  const std::vector<Row> rows = {
      {0, 7, true},   // no cap: counted
      {7, 7, true},   // at the cap
      {6, 6, false},  // no alternative alone passes it, together they do
      {3, 3, false},  // the followed ones alone reach it, the registered ones too: still not past it
      {2, 2, false},  // the followed ones alone pass it
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(::testing::Message() << "cap " << r.cap);
    const AppealPage page = List({.scope_deputy_user = deputy, .page_size = 2, .count_cap = r.cap});
    EXPECT_EQ(page.items.size(), 2u);
    EXPECT_EQ(page.total, r.total);
    EXPECT_EQ(page.total_exact, r.exact);
  }
}

TEST_P(AppealListTest, RegionSubtreesSelectTheirAppeals) {
  const Id in_c1 = Add(kT - 5, c1_);
  const Id in_g1 = Add(kT - 4, g1_);
  const Id in_c2 = Add(kT - 3, c2_);
  const Id in_s1 = Add(kT - 2, s1_);
  const Id in_c3 = Add(kT - 1, c3_);
  struct Row {
    const RegionRecord* region;
    std::vector<Id> ids;
  };
  const std::vector<Row> rows = {
      {&district_, {in_c3, in_s1, in_c2, in_g1, in_c1}},
      {&s1_, {in_s1, in_c2, in_g1, in_c1}},
      {&c1_, {in_g1, in_c1}},
      {&g1_, {in_g1}},
      {&c2_, {in_c2}},
      {&s2_, {in_c3}},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.region->path);
    EXPECT_EQ(Ids(List({.region_id = r.region->id})), r.ids);
    AppealFilter scoped;
    scoped.scope_path = r.region->path;
    EXPECT_EQ(Ids(List(scoped)), r.ids);
  }
  EXPECT_TRUE(List({.region_id = 99999}).items.empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, AppealListTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::store
