#include "core/repeat.h"

#include <gtest/gtest.h>

namespace minsheng {
namespace {

constexpr Timestamp kNow = 1790000000;
constexpr Timestamp kDay = 86400;

RepeatCandidate Closed(std::int64_t id, Timestamp closed_at, std::string phone = "13800001111",
                       std::string address = "", std::string title = "楼上噪声扰民") {
  return {.id = id, .phone = std::move(phone), .address = std::move(address), .title = std::move(title),
          .closed_at = closed_at};
}

struct WindowCase {
  const char* name;
  std::optional<Timestamp> closed_at;
  bool repeat;
};

TEST(RepeatTest, TheWindowIsNinetyDaysAfterClosingAndOpenAppealsAlwaysCount) {
  const WindowCase cases[] = {
      {"open", std::nullopt, true},
      {"closed today", kNow - 3600, true},
      {"closed 89 days ago", kNow - 89 * kDay, true},
      {"closed exactly 90 days ago", kNow - 90 * kDay, true},
      {"closed 90 days and a second ago", kNow - 90 * kDay - 1, false},
      {"closed 91 days ago", kNow - 91 * kDay, false},
  };
  const RepeatProbe probe{.phone = "13800001111", .title = "又是楼上噪声"};
  for (const auto& c : cases) {
    RepeatCandidate earlier = Closed(1, 0);
    earlier.closed_at = c.closed_at;
    EXPECT_EQ(WithinRepeatWindow(earlier, kNow), c.repeat) << c.name;
    EXPECT_EQ(RepeatOf(probe, earlier, kNow).has_value(), c.repeat) << c.name;
  }
}

struct MatchCase {
  const char* name;
  RepeatProbe probe;
  RepeatCandidate earlier;
  std::optional<RepeatReason> reason;
};

TEST(RepeatTest, SamePhoneOrSameAddressWithASimilarTitle) {
  const Timestamp c = kNow - 10 * kDay;
  const MatchCase cases[] = {
      {"same phone, any title", {.phone = "13800001111", .title = "路灯不亮"}, Closed(1, c), RepeatReason::kPhone},
      {"same phone with spaces", {.phone = " 13800001111 ", .title = "路灯不亮"}, Closed(1, c), RepeatReason::kPhone},
      {"another phone", {.phone = "13900002222", .title = "路灯不亮"}, Closed(1, c), std::nullopt},
      {"no phone on either", {.title = "楼上噪声扰民"}, Closed(1, c, ""), std::nullopt},
      {"anonymous probe: not by phone", {.phone = "13800001111", .title = "路灯不亮", .anonymous = true},
       Closed(1, c), std::nullopt},
      {"same address, similar title", {.address = "东湖路8号", .title = "楼上夜间噪声"},
       Closed(1, c, "", "东湖路8号"), RepeatReason::kAddressTitle},
      {"same address, unrelated title", {.address = "东湖路8号", .title = "路灯不亮"},
       Closed(1, c, "", "东湖路8号"), std::nullopt},
      {"similar title, another address", {.address = "东湖路9号", .title = "楼上夜间噪声"},
       Closed(1, c, "", "东湖路8号"), std::nullopt},
      {"anonymous: by address still", {.address = "东湖路8号", .title = "楼上噪声扰民！", .anonymous = true},
       Closed(1, c, "", "东湖路8号"), RepeatReason::kAddressTitle},
  };
  for (const auto& t : cases) EXPECT_EQ(RepeatOf(t.probe, t.earlier, kNow), t.reason) << t.name;
}

TEST(RepeatTest, TitleSimilarityIgnoresPunctuationAndTellsTopicsApart) {
  EXPECT_DOUBLE_EQ(TitleSimilarity("楼上噪声扰民", "楼上噪声扰民"), 1.0);
  EXPECT_DOUBLE_EQ(TitleSimilarity("楼上噪声，扰民！", "楼上 噪声扰民"), 1.0);
  EXPECT_DOUBLE_EQ(TitleSimilarity("路灯不亮", "楼道堆物"), 0.0);
  EXPECT_GE(TitleSimilarity("楼上噪声扰民", "楼上夜间噪声"), kSimilarTitle);
  EXPECT_LT(TitleSimilarity("小区路灯坏了", "小区垃圾清运"), kSimilarTitle);
  EXPECT_DOUBLE_EQ(TitleSimilarity("", ""), 0.0);
}

TEST(RepeatTest, TheMostRecentMatchWins) {
  const RepeatProbe probe{.phone = "13800001111", .address = "东湖路8号", .title = "楼上噪声扰民"};
  const std::vector<RepeatCandidate> candidates = {
      Closed(3, kNow - 5 * kDay, "13700000000", "东湖路8号", "楼上噪声"),
      Closed(7, kNow - 95 * kDay),            // out of the window
      Closed(5, kNow - 20 * kDay),            // by phone
  };
  auto match = FindRepeat(probe, candidates, kNow);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->id, 5);
  EXPECT_EQ(match->reason, RepeatReason::kPhone);
  EXPECT_FALSE(FindRepeat(probe, {candidates[1]}, kNow).has_value());
  EXPECT_EQ(RepeatReasonLabel(RepeatReason::kAddressTitle), "同一地址、相似标题");
}

}  // namespace
}  // namespace minsheng
