#include "cli/demo_consultations.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/appeal_service.h"
#include "app/consultation_service.h"
#include "core/calendar.h"

namespace minsheng::cli {
namespace {

using store::Id;
constexpr Timestamp kDay = kSecondsPerDay;

// A deliberating appeal of the demo, with the time of its last event (a join must come after it).
struct Deliberating {
  Id id = 0;
  Id street_id = 0;
  Timestamp last_at = 0;
};

Result<std::vector<Deliberating>> DeliberatingAppeals(store::Database& db) {
  return store::ReadValue<std::vector<Deliberating>>(db, [](store::Tx& tx) -> Result<std::vector<Deliberating>> {
    MS_ASSIGN(rows, tx.Query("SELECT a.id, COALESCE(a.street_id, 0), (SELECT MAX(e.at) FROM events e WHERE "
                             "e.appeal_id = a.id) FROM appeals a WHERE a.status = 'deliberating' ORDER BY a.id"));
    std::vector<Deliberating> out;
    for (const auto& r : rows) out.push_back({r.Int(0), r.Int(1), r.Int(2)});
    return out;
  });
}

class Loader {
 public:
  Loader(store::Database& db, const LoadedFixture& fixture, const app::CalendarCache& calendar, Timestamp now)
      : fixture_(fixture), now_(now), clock_(now), appeals_(db, clock_, calendar), service_(db, clock_, appeals_) {}

  Status Run(store::Database& db) {
    MS_ASSIGN(deliberating, DeliberatingAppeals(db));
    deliberating_ = std::move(deliberating);

    // Collecting: topics from residents and a deputy, with the street's deliberating appeals.
    MS_ASSIGN(a, Create("coordinator-s01", "micro", "朝阳社区楼道堆物清理微协商", "s01c01", 6,
                        "楼道堆放杂物影响消防安全，居民对清理方式意见不一"));
    MS_TRY(Topic("coordinator-s01", a, "resident", "楼道杂物集中清理的时间安排", "朝阳社区居民"));
    MS_TRY(Topic("deputy-s01", a, "deputy", "建议设置楼道公共储物点", ""));
    MS_TRY(LinkSome("coordinator-s01", a, "s01", 2));

    // Deciding: topics in, waiting to be decided.
    MS_ASSIGN(b, Create("coordinator-s01", "coordination", "明珠社区加装电梯协调会", "s01c02", 9,
                        "低层住户与高层住户对加装电梯的费用分摊和采光影响有分歧"));
    MS_TRY(Topic("coordinator-s01", b, "resident", "加装电梯费用按楼层分摊的比例", "明珠社区3号楼业主"));
    MS_TRY(LinkSome("coordinator-s01", b, "s01", 2));
    MS_TRY(At(8, [&](const app::Actor& c) { return service_.Submit(c, b, "议题征集完毕，提交审定"); }, "coordinator-s01"));

    // Researching: accepted, notes with links.
    MS_ASSIGN(c, Create("coordinator-s01", "hearing", "东湖街道老旧小区改造方案听证会", "s01", 20,
                        "老旧小区改造涉及管线、外立面和停车位，听取居民意见"));
    MS_TRY(Topic("coordinator-s01", c, "resident", "改造期间的临时停车安排", "东湖街道居民"));
    MS_TRY(Decide("coordinator-s01", c, 18));
    MS_TRY(At(15, [&](const app::Actor& x) {
      return service_.AddResearch(x, c, {"入户走访 86 户，七成居民支持外立面改造", "https://example.org/survey/2026-11.pdf"});
    }, "coordinator-s01"));
    MS_TRY(At(12, [&](const app::Actor& x) {
      return service_.AddResearch(x, c, {"住建局提供改造资金测算：每平方米约 320 元", ""});
    }, "coordinator-s01"));

    // Meeting arranged: participants by role, minutes still to come; with the street's remaining appeals.
    MS_ASSIGN(d, Create("coordinator-s02", "evaluation", "西岭镇社区卫生服务评议会", "s02", 16,
                        "居民代表评议社区卫生服务中心的服务质量"));
    MS_TRY(Topic("coordinator-s02", d, "resident", "卫生服务中心周末门诊时间过短", "西岭镇居民"));
    MS_TRY(LinkSome("coordinator-s02", d, "s02", 1));
    MS_TRY(Decide("coordinator-s02", d, 14));
    MS_TRY(At(10, [&](const app::Actor& x) {
      return service_.Meeting(x, d, Meeting("in_person", "西岭镇党群服务中心二楼会议室", now_ + 2 * kDay,
                                            {{"resident_representative", "居民代表 王秀英", ""},
                                             {"resident_representative", "居民代表 李建国", ""},
                                             {"department", "区卫生健康委员会", "health"},
                                             {"deputy", "西岭镇人大代表", ""},
                                             {"expert", "社区医学专家", ""},
                                             {"party_leader", "青山村党支部书记", ""}},
                                            false, ""));
    }, "coordinator-s02"));

    // Publishing: the outcome in its notice period, agreed actions, residents' comments.
    MS_ASSIGN(e, Create("coordinator-s01", "coordination", "朝阳社区停车难协调会", "s01c01", 30,
                        "小区车位不足，夜间乱停车堵塞消防通道"));
    MS_TRY(Topic("coordinator-s01", e, "resident", "夜间停车占用消防通道", "朝阳社区业主"));
    MS_TRY(Decide("coordinator-s01", e, 28));
    MS_TRY(At(26, [&](const app::Actor& x) {
      return service_.AddResearch(x, e, {"夜间巡查：消防通道内停车 23 辆", ""});
    }, "coordinator-s01"));
    MS_TRY(At(22, [&](const app::Actor& x) {
      return service_.Meeting(x, e, Meeting("in_person", "朝阳社区议事厅", now_ - 22 * kDay,
                                            {{"stakeholder", "业主代表 陈立", ""},
                                             {"resident_representative", "居民代表 赵敏", ""},
                                             {"department", "区公安分局", "police"},
                                             {"department", "区物业管理服务中心", "property"},
                                             {"party_leader", "朝阳社区党委书记", ""}},
                                            true, "各方同意：消防通道施划禁停标线；利用东侧空地新增车位 30 个；物业夜间巡查。"));
    }, "coordinator-s01"));
    MS_TRY(At(3, [&](const app::Actor& x) {
      app::PublishInput p{.outcome = "消防通道施划禁停标线，东侧空地新增车位 30 个，物业每晚巡查一次", .notice_days = 7};
      p.actions.push_back({.title = "消防通道施划禁停标线", .owner_unit_id = Unit("police"), .deadline = Day(20)});
      p.actions.push_back({.title = "东侧空地新增车位 30 个", .owner_unit_id = Unit("property"), .deadline = Day(45)});
      return service_.Publish(x, e, p);
    }, "coordinator-s01"));
    MS_TRY(Comment(e, 2, "朝阳社区业主", "支持施划标线，希望尽快落实"));
    MS_TRY(Comment(e, 1, "", "新增车位的收费标准请一并公示"));

    // Tracking: one action done, one open.
    MS_ASSIGN(f, Create("coordinator-s02", "micro", "青山村垃圾分类投放点微协商", "s02c01", 40,
                        "投放点选址离住户太近，异味扰民"));
    MS_TRY(Topic("coordinator-s02", f, "resident", "投放点迁移到村口空地", "青山村村民"));
    MS_TRY(Decide("coordinator-s02", f, 38));
    MS_TRY(At(36, [&](const app::Actor& x) {
      return service_.Meeting(x, f, Meeting("written", "", std::nullopt,
                                            {{"resident_representative", "村民代表 刘强", ""},
                                             {"department", "区城市管理局", "urban"}},
                                            true, "书面征求意见 42 户，38 户同意迁至村口空地。"));
    }, "coordinator-s02"));
    MS_TRY(At(34, [&](const app::Actor& x) {
      app::PublishInput p{.outcome = "投放点迁至村口空地，增设除臭设施", .notice_days = 5};
      p.actions.push_back({.title = "迁移投放点", .owner_unit_id = Unit("urban"), .deadline = Day(-10)});
      p.actions.push_back({.title = "增设除臭设施", .owner_unit_id = Unit("environment"), .deadline = Day(15)});
      return service_.Publish(x, f, p);
    }, "coordinator-s02"));
    MS_TRY(At(27, [&](const app::Actor& x) { return service_.Track(x, f, "公示期满，转入跟踪落实"); }, "coordinator-s02"));
    MS_TRY(CompleteFirstAction("coordinator-s02", f, 12, "投放点已迁至村口空地"));

    // Done: the whole path, every action done.
    MS_ASSIGN(g, Create("coordinator-s01", "hearing", "明珠社区口袋公园改造听证会", "s01c02", 90,
                        "口袋公园改造方案听取周边居民意见"));
    MS_TRY(Topic("coordinator-s01", g, "resident", "增加儿童游乐设施", "明珠社区居民"));
    MS_TRY(Decide("coordinator-s01", g, 88));
    MS_TRY(At(85, [&](const app::Actor& x) { return service_.AddResearch(x, g, {"征集方案意见 120 份", ""}); },
              "coordinator-s01"));
    MS_TRY(At(80, [&](const app::Actor& x) {
      return service_.Meeting(x, g, Meeting("in_person", "明珠社区活动中心", now_ - 80 * kDay,
                                            {{"resident_representative", "居民代表 孙丽", ""},
                                             {"expert", "园林设计专家", ""},
                                             {"department", "区住房和城乡建设局", "housing"}},
                                            true, "同意方案二：保留大树，增设儿童游乐区和无障碍步道。"));
    }, "coordinator-s01"));
    MS_TRY(At(78, [&](const app::Actor& x) {
      app::PublishInput p{.outcome = "采用方案二：保留大树，增设儿童游乐区和无障碍步道", .notice_days = 7};
      p.actions.push_back({.title = "口袋公园改造施工", .owner_unit_id = Unit("housing"), .deadline = Day(-48)});
      return service_.Publish(x, g, p);
    }, "coordinator-s01"));
    MS_TRY(At(70, [&](const app::Actor& x) { return service_.Track(x, g, ""); }, "coordinator-s01"));
    MS_TRY(CompleteFirstAction("coordinator-s01", g, 35, "施工完成并通过验收"));
    MS_TRY(At(30, [&](const app::Actor& x) { return service_.Finish(x, g, "落实事项全部完成"); }, "coordinator-s01"));

    // Refused at deciding, with the rule named.
    MS_ASSIGN(h, Create("coordinator-s01", "micro", "限制外来租户使用小区健身器材", "s01c01", 12,
                        "有居民提出只允许本地户籍居民使用健身器材"));
    MS_TRY(Topic("coordinator-s01", h, "resident", "健身器材只对本地户籍开放", "朝阳社区居民"));
    MS_TRY(At(11, [&](const app::Actor& x) {
      return service_.Decide(x, h, {false, "discriminatory", "按户籍限制公共设施使用具有歧视性，不予协商"});
    }, "coordinator-s01"));

    // An analysis meeting before dispatch, its meeting arranged (it dispatches its appeals in one step).
    MS_ASSIGN(k, Create("coordinator-s02", "analysis", "西岭镇积水点综合治理分析会", "s02", 5,
                        "多个部门职责交叉的积水点，会前分析主办与协办单位"));
    MS_TRY(Topic("coordinator-s02", k, "staff", "河湾村路口积水涉及水务、交通、城管三家", ""));
    MS_TRY(LinkSome("coordinator-s02", k, "s02", 2));
    MS_TRY(Decide("coordinator-s02", k, 4));
    MS_TRY(At(3, [&](const app::Actor& x) {
      return service_.AddResearch(x, k, {"现场踏勘：雨水篦子堵塞，路面低洼", ""});
    }, "coordinator-s02"));
    MS_TRY(At(2, [&](const app::Actor& x) {
      return service_.Meeting(x, k, Meeting("in_person", "西岭镇便民服务中心", now_ + kDay,
                                            {{"department", "区水务局", "water"},
                                             {"department", "区交通运输局", "transport"},
                                             {"department", "区城市管理局", "urban"}},
                                            false, ""));
    }, "coordinator-s02"));
    return {};
  }

 private:
  struct Person {
    std::string role;
    std::string name;
    std::string unit_code;
  };

  app::Actor Actor(const std::string& username) const {
    return DemoActor(fixture_.users.at(username), fixture_);
  }
  Id Unit(const std::string& code) const { return fixture_.departments.at(code).id; }
  // The local day `days` after now (or after `from_days_ago` days before now).
  std::chrono::sys_days Day(int days, int from_days_ago = 0) const {
    return LocalDay(now_ - from_days_ago * kDay) + std::chrono::days(days);
  }

  app::MeetingInput Meeting(const std::string& form, const std::string& place, std::optional<Timestamp> at,
                            const std::vector<Person>& people, bool attended, const std::string& minutes) const {
    app::MeetingInput in;
    in.form = form;
    in.place = place;
    in.meeting_at = at;
    std::vector<app::ParticipantInput> list;
    for (const auto& p : people)
      list.push_back({.role = p.role, .name = p.name,
                      .unit_id = p.unit_code.empty() ? store::OptId() : store::OptId(Unit(p.unit_code)),
                      .attended = attended});
    in.participants = std::move(list);
    if (!minutes.empty()) in.minutes = minutes;
    return in;
  }

  // Runs `step` as `username` with the clock `days_ago` days before now (at 10:00 of that day's offset).
  template <typename F>
  Status At(int days_ago, F step, const std::string& username) {
    clock_.Set(now_ - days_ago * kDay);
    auto done = step(Actor(username));
    if (!done) return Fail(done.error());
    return {};
  }

  Result<Id> Create(const std::string& username, const std::string& kind, const std::string& title,
                    const std::string& region_code, int days_ago, const std::string& description) {
    clock_.Set(now_ - days_ago * kDay);
    MS_ASSIGN(d, service_.Create(Actor(username), {.kind = kind, .title = title, .description = description,
                                                   .region_id = fixture_.regions.at(region_code).id}));
    created_at_[d.consultation.id] = clock_.Now();
    return d.consultation.id;
  }

  Status Topic(const std::string& username, Id id, const std::string& source, const std::string& content,
               const std::string& proposer) {
    clock_.Set(created_at_.at(id) + 3600);
    auto done = service_.AddTopic(Actor(username), id, {source, content, proposer});
    if (!done) return Fail(done.error());
    return {};
  }

  Status Decide(const std::string& username, Id id, int days_ago) {
    return At(days_ago, [&](const app::Actor& x) { return service_.Decide(x, id, {true, "", "议题符合协商条件"}); },
              username);
  }

  // Links up to `n` deliberating appeals of the street whose last event came before the consultation.
  Status LinkSome(const std::string& username, Id id, const std::string& street_code, int n) {
    const Timestamp at = created_at_.at(id) + 7200;
    const Id street = fixture_.regions.at(street_code).id;
    std::vector<Id> picked;
    for (auto& a : deliberating_) {
      if (static_cast<int>(picked.size()) >= n) break;
      if (a.id == 0 || a.street_id != street || a.last_at >= at) continue;
      picked.push_back(a.id);
      a.id = 0;  // taken
    }
    if (picked.empty()) return {};
    clock_.Set(at);
    auto done = service_.LinkAppeals(Actor(username), id, picked);
    if (!done) return Fail(done.error());
    return {};
  }

  Status Comment(Id id, int days_ago, const std::string& author, const std::string& content) {
    clock_.Set(now_ - days_ago * kDay);
    auto done = service_.Comment(id, author, content);
    if (!done) return Fail(done.error());
    return {};
  }

  Status CompleteFirstAction(const std::string& username, Id id, int days_ago, const std::string& note) {
    MS_ASSIGN(detail, service_.Get(Actor(username), id));
    if (detail.actions.empty()) return {};
    return At(days_ago, [&](const app::Actor& x) {
      return service_.CompleteAction(x, id, detail.actions.front().id, note);
    }, username);
  }

  const LoadedFixture& fixture_;
  Timestamp now_;
  ManualClock clock_;
  app::AppealService appeals_;
  app::ConsultationService service_;
  std::vector<Deliberating> deliberating_;
  std::map<Id, Timestamp> created_at_;
};

}  // namespace

Status LoadDemoConsultations(store::Database& db, const LoadedFixture& fixture, const app::CalendarCache& calendar,
                             Timestamp now) {
  Loader loader(db, fixture, calendar, now);
  return loader.Run(db);
}

}  // namespace minsheng::cli
