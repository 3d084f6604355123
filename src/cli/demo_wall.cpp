#include "cli/demo_wall.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "app/appeal_service.h"
#include "app/wall_service.h"
#include "core/calendar.h"

namespace minsheng::cli {
namespace {

using store::Id;
constexpr Timestamp kHour = 3600;

// One post's story: when it was posted, who published it and when (none: still pending), who answered and when
// (none: not yet), or who hid it and why.
struct Story {
  std::string_view region;          // region code
  std::string_view category;        // category code, "" for none
  std::string_view content;
  std::string_view phone;
  int posted_days_ago = 0;
  int posted_hour = 9;
  std::string_view moderator;       // "" stays pending
  int published_days_ago = 0;
  std::string_view replier;         // "" for no reply
  int replied_days_ago = 0;
  std::string_view reply;
  std::string_view hide_reason;     // hidden instead of published
};

// Days ago from the demo's "now" (2026-11-18, a Wednesday, in the tests): the calendar decides in time or late.
const std::vector<Story>& Stories() {
  static const std::vector<Story> stories = {
      // Answered in time by the unit the category names.
      {"s01c01", "sanitation", "朝阳社区3号楼西侧的垃圾桶经常满溢，天热气味很大，希望增加清运次数。", "13800005101",
       30, 9, "registrar-s01", 30, "handler-urban", 26,
       "已调整朝阳社区清运线路，3号楼西侧垃圾桶由每日一次增加为每日两次清运，并增设一组分类桶。感谢您的反映。"},
      {"s01c02", "road_facility", "明珠社区南门人行道地砖松动好几块，下雨天一踩就溅水，老人容易滑倒。", "",
       21, 10, "registrar-s01", 21, "handler-transport", 19,
       "养护单位已于本周更换南门人行道松动地砖二十余块，并对周边路面进行了排查。"},
      // Answered in time by the street office (a moderator answers for the street).
      {"s02c01", "water_supply", "青山村东片这几天早上水压很低，二楼以上基本没水。", "13800005103",
       16, 8, "registrar-s02", 16, "coordinator-s02", 13,
       "经与供水公司核查，系东片加压泵故障，已于昨日修复，水压恢复正常。如仍有问题请联系村委会。"},
      // Answered late.
      {"s02c02", "waterlogging", "河湾村村口道路一下雨就积水，排水沟被淤泥堵住了，电动车都过不去。", "13800005104",
       28, 15, "registrar-s02", 27, "handler-water", 14,
       "已组织对村口排水沟清淤约200米，并列入明年雨污管网改造计划。答复延误，向您致歉。"},
      {"s01c03", "noise", "桂园社区旁边的工厂夜里十一点后还在开机器，噪声吵得睡不着。", "",
       20, 21, "registrar-s01", 19, "handler-environment", 6,
       "经夜间监测，该厂噪声超标，已责令其22点后停止高噪声作业，并将持续跟踪复测。"},
      // Published, waiting for its reply (due in a few working days).
      {"s02c03", "parking", "新城社区菜市场门口早上乱停车，公交车经常被堵住过不去。", "13800005106",
       3, 7, "registrar-s02", 2, "", 0, "", ""},
      // Published and never answered: past its due, with the sweep's supervision notice.
      {"s01c01", "elderly_care", "朝阳社区独居老人想申请助餐服务，社区说要等通知，已经等了一个多月。", "13800005107",
       14, 10, "registrar-s01", 13, "", 0, "", ""},
      // Waiting for moderation.
      {"s01c02", "", "明珠社区东门广场晚上十点以后还有人放音响跳舞，希望管一管。", "13800005108",
       0, 5, "", 0, "", 0, "", ""},
      // An advertisement: hidden, kept.
      {"s01c01", "", "专业疏通下水道、马桶，价格优惠，电话13912340000。", "",
       6, 11, "registrar-s01", 6, "", 0, "", "商业广告，与诉求无关"},
  };
  return stories;
}

class Loader {
 public:
  Loader(store::Database& db, const LoadedFixture& fixture, const app::CalendarCache& calendar, Timestamp now)
      : fixture_(fixture), now_(now), clock_(now), appeals_(db, clock_, calendar),
        wall_(db, clock_, calendar, appeals_) {}

  Status Run() {
    for (const Story& s : Stories()) MS_TRY(Tell(s));
    return {};
  }

 private:
  // `hour` o'clock on the day `days_ago` before now, never later than a minute before now.
  Timestamp At(int days_ago, int hour) const {
    const Timestamp t = LocalDayStart(LocalDay(now_) - std::chrono::days(days_ago)) + hour * kHour;
    return std::min(t, now_ - 60);
  }
  app::Actor Actor(std::string_view username) const {
    return DemoActor(fixture_.users.find(username)->second, fixture_);
  }

  Status Tell(const Story& s) {
    const Timestamp posted = At(s.posted_days_ago, s.posted_hour);
    clock_.Set(posted);
    std::optional<Id> category;
    if (!s.category.empty()) category = fixture_.categories.find(s.category)->second.id;
    MS_ASSIGN(post, wall_.Post({.content = std::string(s.content), .region_id = fixture_.regions.find(s.region)->second.id,
                                .category_id = category, .phone = std::string(s.phone)}));
    if (s.moderator.empty()) return {};
    // Moderated a few hours after posting (the same day, or on the day given).
    clock_.Set(std::max(posted + 2 * kHour, At(s.published_days_ago, 16)));
    if (!s.hide_reason.empty()) {
      MS_TRY(wall_.Hide(Actor(s.moderator), post.id, std::string(s.hide_reason)));
      return {};
    }
    MS_TRY(wall_.Publish(Actor(s.moderator), post.id, {}));
    if (s.replier.empty()) return {};
    clock_.Set(std::max(clock_.Now() + kHour, At(s.replied_days_ago, 15)));
    MS_TRY(wall_.Reply(Actor(s.replier), post.id, std::string(s.reply)));
    return {};
  }

  const LoadedFixture& fixture_;
  Timestamp now_;
  ManualClock clock_;
  app::AppealService appeals_;
  app::WallService wall_;
};

}  // namespace

Status LoadDemoWall(store::Database& db, const LoadedFixture& fixture, const app::CalendarCache& calendar,
                    Timestamp now) {
  Loader loader(db, fixture, calendar, now);
  MS_TRY(loader.Run());
  // The overdue post gets its supervision notice, as the server's sweep would.
  MS_ASSIGN(issued, app::SweepWallPosts(db, now));
  (void)issued;
  return {};
}

}  // namespace minsheng::cli
