// Issue 13: the cached parts of an appeal's detail (api/appeal_json_cache.h): kept per appeal and version,
// written again when the version moves, bounded; and the detail assembled from them (api/appeal_json.h).
#include "api/appeal_json_cache.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/appeal_json.h"

namespace minsheng::api {
namespace {

app::AppealDetail DetailWithNote(std::int64_t id, std::int64_t version, const std::string& note) {
  app::AppealDetail d;
  d.appeal.id = id;
  d.appeal.version = version;
  store::EventRecord e;
  e.appeal_id = id;
  e.seq = 1;
  e.action = "register";
  e.note = note;
  d.timeline.push_back(e);
  return d;
}

std::string NoteIn(const AppealJsonParts& parts) {
  return nlohmann::json::parse("{" + parts.records + "}")["timeline"][0]["note"];
}

TEST(AppealJsonCacheTest, KeepsTheMembersOfOneVersionAndWritesTheNextAgain) {
  AppealJsonCache cache;
  auto first = cache.PartsOf(DetailWithNote(7, 1, "登记"));
  EXPECT_EQ(first->records, AppealDetailRecordsJson(DetailWithNote(7, 1, "登记")));
  // Same appeal and version: the kept text, whatever the detail handed in says (the version vouches for it).
  EXPECT_EQ(cache.PartsOf(DetailWithNote(7, 1, "别的")), first);
  auto next = cache.PartsOf(DetailWithNote(7, 2, "派单"));
  EXPECT_NE(next, first);
  EXPECT_EQ(NoteIn(*next), "派单");
  EXPECT_EQ(NoteIn(*cache.PartsOf(DetailWithNote(8, 2, "别的"))), "别的");      // another appeal, its own entry
  EXPECT_EQ(NoteIn(*first), "登记");                                            // a text handed out stays as it was
}

TEST(AppealJsonCacheTest, DropsTheOldestAppealsWhenFull) {
  AppealJsonCache cache(4);
  std::vector<std::shared_ptr<const AppealJsonParts>> kept;
  for (std::int64_t id = 1; id <= 4; ++id) kept.push_back(cache.PartsOf(DetailWithNote(id, 1, "登记")));
  EXPECT_EQ(cache.PartsOf(DetailWithNote(4, 1, "登记")), kept[3]);
  cache.PartsOf(DetailWithNote(5, 1, "登记"));  // over capacity: the oldest go
  EXPECT_NE(cache.PartsOf(DetailWithNote(1, 1, "登记")), kept[0]);
  EXPECT_EQ(cache.PartsOf(DetailWithNote(4, 1, "登记")), kept[3]);
}

// The detail from kept parts is the appeal's members (masked or not), its timing as of the request, the records,
// and the reader's own members: each once, whichever reader asks.
TEST(AppealJsonCacheTest, TheDetailShowsTheResidentOnlyToThoseWhoMaySeeThem) {
  app::AppealDetail d = DetailWithNote(9, 3, "登记");
  d.appeal.appellant_name = "张三";
  d.appeal.appellant_phone = "13800001234";
  const app::AppealView view{std::make_shared<const app::AppealDetail>(d), true};
  AppealJsonCache cache;
  const auto parts = cache.PartsOf(d);
  for (bool personal : {false, true}) {
    const app::AppealTiming timing{.urgency = "red", .overdue_days = 2};
    const std::string text = AppealDetailJson(view, *parts, personal, timing, {"reply"}, {"link"});
    // Each member once: a parser would let a second one, spliced in twice, silently win.
    for (std::string_view key :
         {"appellant", "urgency", "version", "timeline", "lead_reviews_replies", "case_plan", "allowed_actions"}) {
      const std::string quoted = "\"" + std::string(key) + "\":";
      EXPECT_EQ(text.find(quoted), text.rfind(quoted)) << key;
      EXPECT_NE(text.find(quoted), std::string::npos) << key;
    }
    const auto detail = nlohmann::json::parse(text);
    EXPECT_EQ(detail["id"], 9);
    EXPECT_EQ(detail["appellant"]["name"], personal ? "张三" : "张*");
    EXPECT_EQ(detail["appellant"]["phone"], personal ? "13800001234" : "138****1234");
    EXPECT_EQ(detail["urgency"], "red");
    EXPECT_EQ(detail["overdue_days"], 2);
    EXPECT_EQ(detail["timeline"][0]["note"], "登记");
    EXPECT_EQ(detail["lead_reviews_replies"], true);
    EXPECT_EQ(detail["allowed_actions"], nlohmann::json::array({"reply"}));
    EXPECT_EQ(detail["repeat_actions"], nlohmann::json::array({"link"}));
  }
}

}  // namespace
}  // namespace minsheng::api
