// Who acted, as each reader reads it (app/actor_names.h), against a real database (SQLite, and PostgreSQL when
// the test cluster is there): staff read the person and their unit, residents the unit and never a name.
#include <gtest/gtest.h>

#include "../support/engine_database.h"
#include "app/actor_names.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;

class ActorNamesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "actor_names"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    ASSERT_TRUE(engine_.db().Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(street, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(civil, store::InsertDepartment(tx, {.code = "civil", .name = "民政局"}));
      auto user = [&](const char* username, const char* name, const char* role, Id region, store::OptId dept,
                      const char* kind = "") -> Result<Id> {
        return store::InsertUser(tx, {.username = username, .password_hash = "x", .display_name = name,
                                      .role = role, .region_id = region, .department_id = dept,
                                      .deputy_kind = kind});
      };
      MS_ASSIGN(h, user("h", "何平", "handler", district.id, civil));
      MS_ASSIGN(hq, user("hq", "民政局·彭丽（局长）", "handler", district.id, civil));
      MS_ASSIGN(c, user("c", "杨帆", "coordinator", street.id, std::nullopt));
      MS_ASSIGN(s, user("s", "刘洋（区督查室）", "supervisor", district.id, std::nullopt));
      MS_ASSIGN(dn, user("dn", "孙丽华", "deputy", district.id, std::nullopt, "npc"));
      MS_ASSIGN(dc, user("dc", "郭文", "deputy", street.id, std::nullopt, "cppcc"));
      handler_ = h, head_ = hq, coordinator_ = c, supervisor_ = s, npc_ = dn, cppcc_ = dc;
      return {};
    }).has_value());
  }

  minsheng::testing::EngineDatabase engine_;
  Id handler_ = 0, head_ = 0, coordinator_ = 0, supervisor_ = 0, npc_ = 0, cppcc_ = 0;
};

TEST_P(ActorNamesTest, StaffReadPersonAndUnitResidentsTheUnit) {
  auto names = store::ReadValue<ActorNames>(engine_.db(), [&](store::Tx& tx) {
    return ActorNames::Load(tx, {handler_, head_, coordinator_, supervisor_, npc_, cppcc_, handler_, std::nullopt,
                                 store::OptId(999999)});
  });
  ASSERT_TRUE(names.has_value()) << names.error().message;
  struct Row {
    store::OptId id;
    const char* stored;
    const char* staff;
    const char* resident;
  };
  const Row rows[] = {
      {handler_, "职能部门", "何平（民政局）", "民政局"},
      {head_, "职能部门", "民政局·彭丽（局长）", "民政局"},  // named with its unit already
      {coordinator_, "街镇枢纽", "杨帆（东湖街道）", "东湖街道"},
      {supervisor_, "督办", "刘洋（区督查室）", "民声区"},
      {npc_, "代表委员", "孙丽华（人大代表）", "代表委员"},  // a deputy's contact keeps its label
      {npc_, "登记员", "孙丽华（人大代表）", "人大代表"},    // a deputy registering reads as a deputy
      {cppcc_, "代表委员", "郭文（政协委员）", "代表委员"},
      {std::nullopt, "群众", "群众", "群众"},
      {std::nullopt, "系统", "系统", "系统"},
      {store::OptId(999999), "职能部门", "职能部门", "职能部门"},  // a user since removed keeps the stored label
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.staff);
    EXPECT_EQ(names->StaffLabel(r.id, r.stored), r.staff);
    EXPECT_EQ(names->PublicLabel(r.id, r.stored), r.resident);
  }
  EXPECT_EQ(names->Person(handler_), "何平");
  EXPECT_EQ(names->Unit(handler_), "民政局");
  EXPECT_EQ(names->Unit(std::nullopt), "");
}

INSTANTIATE_TEST_SUITE_P(Engines, ActorNamesTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
