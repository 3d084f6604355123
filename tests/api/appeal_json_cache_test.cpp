// Issue 13: the cached part of an appeal's detail (api/appeal_json_cache.h): kept per appeal and version,
// written again when the version moves, bounded.
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

std::string NoteIn(const std::string& members) {
  return nlohmann::json::parse("{" + members + "}")["timeline"][0]["note"];
}

TEST(AppealJsonCacheTest, KeepsTheMembersOfOneVersionAndWritesTheNextAgain) {
  AppealJsonCache cache;
  auto first = cache.RecordsJson(DetailWithNote(7, 1, "登记"));
  EXPECT_EQ(*first, AppealDetailRecordsJson(DetailWithNote(7, 1, "登记")));
  // Same appeal and version: the kept text, whatever the detail handed in says (the version vouches for it).
  EXPECT_EQ(cache.RecordsJson(DetailWithNote(7, 1, "别的")), first);
  auto next = cache.RecordsJson(DetailWithNote(7, 2, "派单"));
  EXPECT_NE(next, first);
  EXPECT_EQ(NoteIn(*next), "派单");
  EXPECT_EQ(NoteIn(*cache.RecordsJson(DetailWithNote(8, 2, "别的"))), "别的");  // another appeal, its own entry
  EXPECT_EQ(NoteIn(*first), "登记");                                            // a text handed out stays as it was
}

TEST(AppealJsonCacheTest, DropsTheOldestAppealsWhenFull) {
  AppealJsonCache cache(4);
  std::vector<std::shared_ptr<const std::string>> kept;
  for (std::int64_t id = 1; id <= 4; ++id) kept.push_back(cache.RecordsJson(DetailWithNote(id, 1, "登记")));
  EXPECT_EQ(cache.RecordsJson(DetailWithNote(4, 1, "登记")), kept[3]);
  cache.RecordsJson(DetailWithNote(5, 1, "登记"));  // over capacity: the oldest go
  EXPECT_NE(cache.RecordsJson(DetailWithNote(1, 1, "登记")), kept[0]);
  EXPECT_EQ(cache.RecordsJson(DetailWithNote(4, 1, "登记")), kept[3]);
}

}  // namespace
}  // namespace minsheng::api
