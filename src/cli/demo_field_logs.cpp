#include "cli/demo_field_logs.h"

#include <array>
#include <string>
#include <vector>

#include "app/appeal_service.h"
#include "app/field_log_service.h"
#include "app/reception_service.h"
#include "cli/demo_texts.h"
#include "core/calendar.h"
#include "store/field_log_repository.h"

namespace minsheng::cli {
namespace {

using store::Id;
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kHour = 3600;

constexpr std::array<std::string_view, 16> kNames = {"王秀英", "李桂兰", "张建华", "刘德明", "陈玉梅", "杨志强",
                                                     "黄淑芬", "赵国庆", "周海燕", "吴长林", "徐丽娟", "孙永福",
                                                     "马春花", "朱卫东", "胡晓燕", "郭宝山"};

// What residents raise at receptions and visits; "" when they only talked.
constexpr std::array<std::string_view, 12> kRaised = {
    "小区二期东门的路灯坏了半个月，晚上老人出门不方便，希望尽快修好。",
    "楼下新开的烧烤店油烟很大，窗户都不敢开，希望有关部门管一管。",
    "孩子明年上小学，想了解学区划分和报名材料。",
    "老旧小区加装电梯，一楼住户有顾虑，希望社区组织协商。",
    "菜市场门口早高峰乱停车，公交车经常过不去。",
    "独居老人想申请助餐服务，不清楚怎么办理。",
    "雨后村口道路积水严重，排水沟堵了。",
    "物业费上涨没有公示，业主意见很大。",
    "",
    "",
    "",
    "",
};

// Where deputies and leaders receive residents (studios come with the studios part; a place name here).
std::string PlaceOf(std::string_view street_code) {
  return street_code == "s01" ? "东湖街道代表联络站" : "西岭镇人大代表之家";
}

// An office-hours moment on the day `days_ago` before now (never after now).
Timestamp OfficeTime(Timestamp now, int days_ago, int hour, int minute) {
  const Timestamp t = LocalDayStart(LocalDay(now) - std::chrono::days(days_ago)) + hour * kHour + minute * 60;
  return std::min(t, now - kHour);
}

std::string Names(DemoRandom& rng, int count) {
  std::string out;
  for (int i = 0; i < std::min(count, 3); ++i) {
    if (i > 0) out += "、";
    out += rng.Pick(std::span<const std::string_view>(kNames));
  }
  return out;
}

class Loader {
 public:
  Loader(store::Database& db, const LoadedFixture& fixture, const app::CalendarCache& calendar, Timestamp now,
         std::uint64_t seed)
      : db_(db), f_(fixture), now_(now), rng_(seed ^ 0x6669656C646C6F67ULL), clock_(now),
        appeals_(db, clock_, calendar), logs_(db, clock_, appeals_), receptions_(db, clock_, logs_) {}

  Status Run() {
    MS_TRY(LogsOfRaisedAppeals());
    MS_TRY(PlainLogs());
    MS_TRY(Slots());
    return {};
  }

 private:
  const store::UserRecord& User(std::string_view username) const { return f_.users.find(username)->second; }
  app::Actor Actor(std::string_view username) const { return DemoActor(User(username), f_); }
  const store::RegionRecord& Region(std::string_view code) const { return f_.regions.find(code)->second; }

  // The deputy of a street (or the district's) who receives there.
  std::string_view DeputyOf(store::OptId street_id) const {
    if (street_id == Region("s01").id) return "deputy-s01";
    if (street_id == Region("s02").id) return "deputy-s02";
    return "deputy";
  }

  // Appeals the stories registered through the deputy and visit channels came from a reception or a visit:
  // their field logs, written when they were registered, linked both ways.
  Status LogsOfRaisedAppeals() {
    return db_.Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(rows, tx.Query("SELECT id, channel, region_id, street_id, created_at, content, appellant_name, address "
                               "FROM appeals WHERE channel IN ('deputy', 'visit') ORDER BY id LIMIT 12"));
      for (const auto& row : rows) {
        store::FieldLogRecord log;
        log.appeal_id = row.Int(0);
        const bool reception = row.Text(1) == "deputy";
        log.kind = reception ? "reception" : "visit";
        log.region_id = row.Int(2);
        log.street_id = row.OptInt(3);
        log.met_at = row.Int(4) - rng_.Between(1, 3) * kHour;
        log.raised = row.Text(5);
        log.people_count = rng_.Between(1, 3);
        log.people_names = row.Text(6).empty() ? Names(rng_, log.people_count) : row.Text(6);
        log.place = reception ? PlaceOf(log.street_id == Region("s02").id ? "s02" : "s01") : row.Text(7);
        log.author_id = User(reception ? DeputyOf(log.street_id) : "registrar-s01").id;
        if (!reception && log.street_id == Region("s02").id) log.author_id = User("registrar-s02").id;
        log.created_at = log.updated_at = row.Int(4);
        MS_TRY(store::InsertFieldLog(tx, log));
      }
      return {};
    });
  }

  // Receptions and visits where nothing became an appeal (yet): some on grids, a few with a question raised
  // that a deputy may still turn into an appeal.
  Status PlainLogs() {
    struct Who {
      std::string_view username;
      std::array<std::string_view, 3> regions;
    };
    const std::array<Who, 6> people = {{
        {"deputy-s01", {"s01c01g01", "s01c01", "s01c02g02"}},
        {"deputy-s02", {"s02c01g01", "s02c01g02", "s02c03"}},
        {"deputy", {"s01c03g01", "s02c02g01", "s01c02"}},
        {"leader", {"s01c01", "s02c02", "s01c03g02"}},
        {"registrar-s01", {"s01c01g02", "s01c02g01", "s01c03g01"}},
        {"registrar-s02", {"s02c02g02", "s02c03g01", "s02c01"}},
    }};
    for (int i = 0; i < 24; ++i) {
      const Who& who = people[static_cast<std::size_t>(i) % people.size()];
      const auto& region = Region(who.regions[static_cast<std::size_t>(rng_.Below(3))]);
      app::FieldLogInput in;
      const bool visit = who.username.starts_with("registrar") || rng_.Chance(0.5);
      in.kind = visit ? "visit" : "reception";
      in.region_id = region.id;
      in.met_at = OfficeTime(now_, rng_.Between(0, 27), rng_.Between(9, 16), rng_.Below(4) * 15);
      in.people_count = rng_.Between(1, visit ? 6 : 3);
      in.people_names = rng_.Chance(0.7) ? Names(rng_, in.people_count) : "";
      in.raised = std::string(rng_.Pick(std::span<const std::string_view>(kRaised)));
      in.place = visit ? region.name + "走访" : PlaceOf(region.code.substr(0, 3));
      MS_TRY(logs_.Create(Actor(who.username), in));
    }
    return {};
  }

  // Publishes a slot as `host` at `published`, then books `bookings` residents on it, the last one just
  // after publication.
  Result<app::ReceptionSlot> Slot(std::string_view host, std::string_view region_code, Timestamp published,
                                  Timestamp starts_at, int hours, int capacity, std::string_view topic, int bookings) {
    clock_.Set(published);
    const auto& region = Region(region_code);
    app::SlotInput in{.place = PlaceOf(region.code.substr(0, 3)), .region_id = region.id, .starts_at = starts_at,
                      .ends_at = starts_at + hours * kHour, .capacity = capacity, .topic = std::string(topic)};
    MS_ASSIGN(slot, receptions_.Publish(Actor(host), in));
    for (int b = 0; b < bookings; ++b) {
      clock_.Set(published + (b + 1) * kHour);
      const std::string phone = "1380000" + std::to_string(7000 + next_phone_++);
      MS_TRY(receptions_.Book(slot.id, {.name = std::string(rng_.Pick(std::span<const std::string_view>(kNames))),
                                         .phone = phone,
                                         .topic = std::string(kRaised[static_cast<std::size_t>(rng_.Below(8))])}));
    }
    clock_.Set(now_);
    return slot;
  }

  Status Slots() {
    auto at = [&](int days, int hour) { return LocalDayStart(LocalDay(now_) + std::chrono::days(days)) + hour * kHour; };
    // Already held: every visitor but one received, on the host's field log.
    MS_ASSIGN(held, Slot("deputy-s01", "s01c01", at(-14, 10), at(-9, 9), 3, 4, "社区停车与加装电梯", 3));
    MS_ASSIGN(held2, Slot("deputy-s02", "s02c01", at(-10, 10), at(-5, 14), 2, 3, "村道修缮和饮水安全", 2));
    for (auto [slot, host] : {std::pair{&held, "deputy-s01"}, std::pair{&held2, "deputy-s02"}}) {
      std::vector<app::Booking> bookings;
      MS_TRY(db_.Read([&](store::Tx& tx) -> Status {
        MS_ASSIGN(rows, store::ListBookingsOfSlots(tx, {slot->id}));
        bookings = std::move(rows);
        return {};
      }));
      for (std::size_t b = 0; b + 1 < bookings.size(); ++b) {
        clock_.Set(slot->starts_at + static_cast<std::int64_t>(b + 1) * 20 * 60);
        MS_TRY(receptions_.Receive(Actor(host), bookings[b].id, {.people_count = 1}));
      }
    }
    clock_.Set(now_);
    // Within the next three days: published earlier (at least three calendar days ahead, as the rule asks).
    MS_TRY(Slot("deputy", "s01c02", at(-5, 11), at(1, 9), 3, 5, "代表接待日：教育与养老", 3));
    MS_TRY(Slot("leader", "s02c03", at(-4, 16), at(2, 14), 2, 2, "区领导接访：征地拆迁与安置", 2));  // full
    // Later ones, still open for booking.
    MS_TRY(Slot("deputy-s01", "s01c03", at(-1, 10), at(5, 9), 3, 6, "物业服务与小区治理", 1));
    MS_TRY(Slot("deputy-s02", "s02c02", at(-1, 15), at(8, 14), 2, 4, "农村人居环境整治", 0));
    MS_TRY(Slot("leader-2", "s01c01", at(-1, 9), at(12, 9), 3, 8, "区领导接访日", 2));
    return {};
  }

  store::Database& db_;
  const LoadedFixture& f_;
  Timestamp now_;
  DemoRandom rng_;
  ManualClock clock_;
  app::AppealService appeals_;
  app::FieldLogService logs_;
  app::ReceptionService receptions_;
  int next_phone_ = 0;
};

}  // namespace

Status LoadDemoFieldLogs(store::Database& db, const LoadedFixture& fixture, const app::CalendarCache& calendar,
                         Timestamp now, std::uint64_t seed) {
  return Loader(db, fixture, calendar, now, seed).Run();
}

}  // namespace minsheng::cli
