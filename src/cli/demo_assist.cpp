#include "cli/demo_assist.h"

#include "app/appeal_service.h"
#include "core/calendar.h"
#include "store/opinion_repository.h"

namespace minsheng::cli {
namespace {

using store::Id;

constexpr Timestamp kDay = 86400;

struct Demo {
  const LoadedFixture& fixture;
  const std::map<std::string, app::Actor, std::less<>>& actors;
  ManualClock& clock;
  app::AppealService& service;

  const app::Actor& As(std::string_view name) const { return actors.at(std::string(name)); }
  Id Unit(std::string_view code) const { return fixture.departments.at(std::string(code)).id; }

  Result<Id> Register(std::string_view region, std::string_view category, std::string title, std::string content,
                      std::string name, std::string phone) {
    MS_ASSIGN(a, service.Register(As("registrar"), {.title = std::move(title), .content = std::move(content),
                                                    .channel = "phone",
                                                    .region_id = fixture.regions.at(std::string(region)).id,
                                                    .category_id = fixture.categories.at(std::string(category)).id,
                                                    .appellant_name = std::move(name),
                                                    .appellant_phone = std::move(phone)}));
    return a.id;
  }
  // Dispatched by the coordinator, accepted and contacted by the lead unit's handler an hour apart.
  Status Start(Id id, std::string_view lead, std::vector<Id> assisting, app::DispatchInput in = {}) {
    in.lead_unit_id = Unit(lead);
    in.assisting_unit_ids = std::move(assisting);
    MS_TRY(service.Dispatch(As("coordinator"), id, in));
    clock.Advance(3600);
    const app::Actor& handler = As("handler-" + std::string(lead));
    MS_TRY(service.Accept(handler, id, "已签收"));
    clock.Advance(3600);
    MS_TRY(service.Contact(handler, id, "已电话联系诉求人，约定上门核实", "phone"));
    return {};
  }
};

}  // namespace

Status LoadDemoAssist(store::Database& db, const app::CalendarCache& calendar, const LoadedFixture& fixture,
                      const std::map<std::string, app::Actor, std::less<>>& actors, Timestamp now, bool stories) {
  // Review on for two departments only (issue 12): their heads approve the replies from now on.
  MS_TRY(db.Write([&](store::Tx& tx) -> Status {
    for (const char* code : {"civil", "market"})
      MS_TRY(store::SetDepartmentReviewsReplies(tx, fixture.departments.at(code).id, true));
    return {};
  }));
  if (!stories) return {};
  ManualClock clock(now - 3 * kDay);
  app::AppealService service(db, clock, calendar);
  Demo d{fixture, actors, clock, service};

  // 1. Urban leads, market and transport assist: market's opinion is in, transport's is still missing, so the
  //    lead unit cannot reply yet (the coordinator may waive it).
  MS_ASSIGN(stalls, d.Register("s01c01", "sanitation", "东湖路早市占道经营、垃圾遍地",
                               "东湖路早市每天清晨占用机动车道经营，散场后垃圾无人清理，公交车也常被堵。", "赵国庆",
                               "13800009001"));
  MS_TRY(d.Start(stalls, "urban", {d.Unit("market"), d.Unit("transport")}));
  clock.Advance(5 * 3600);
  MS_TRY(service.GiveOpinion(d.As("handler-market"), stalls,
                             "已检查早市摊贩的经营资质，无照经营的 6 户已责令停止经营；建议城管局划定疏导点。"));

  // 2. Civil leads (its replies are reviewed), housing assists and has given its opinion; the handler's reply
  //    waits for head-civil.
  clock.Set(now - 2 * kDay);
  MS_ASSIGN(aid, d.Register("s01c02", "elderly_care", "独居老人房屋漏雨，申请救助",
                            "明珠社区12号楼独居老人家中屋顶漏雨，老人行动不便，申请临时救助并维修房屋。", "孙桂兰",
                            "13800009002"));
  MS_TRY(d.Start(aid, "civil", {d.Unit("housing")}));
  clock.Advance(4 * 3600);
  MS_TRY(service.GiveOpinion(d.As("handler-housing"), aid, "已派人查看，屋面防水层老化，可纳入老旧房屋维修计划，本月内施工。"));
  clock.Advance(kDay);
  MS_TRY(service.Reply(d.As("handler-civil"), aid,
                       "关于“独居老人房屋漏雨，申请救助”：经核实，已为老人办理临时救助 1500 元；住建局本月内完成屋顶维修，"
                       "社区每周上门探视一次。"));

  // 3. Market leads (reviewed): the head sent the first draft back, the second waits for head-market.
  clock.Set(now - 3 * kDay + 7200);
  MS_ASSIGN(food, d.Register("s02c01", "food_safety", "青山村小饭馆卫生条件差",
                             "青山村路口小饭馆后厨苍蝇多，餐具不消毒，多名村民吃后腹泻。", "钱伟", "13800009003"));
  MS_TRY(d.Start(food, "market", {}));
  clock.Advance(kDay);
  MS_TRY(service.Reply(d.As("handler-market"), food, "关于“青山村小饭馆卫生条件差”：已到现场检查，责令整改。"));
  clock.Advance(3 * 3600);
  MS_TRY(service.SendBackReply(d.As("head-market"), food, "请写明检查发现的问题、整改期限和复查结果，再报审核"));
  clock.Advance(kDay);
  MS_TRY(service.Reply(d.As("handler-market"), food,
                       "关于“青山村小饭馆卫生条件差”：检查发现后厨防蝇设施缺失、餐具未消毒，已责令停业整改 3 天，"
                       "复查合格后方可营业；腹泻村民的情况已移交卫健部门跟进。"));

  // 4. Housing leads, civil assists and is late: its opinion was due two days ago (the sweep notices it).
  clock.Set(now - 6 * kDay);
  MS_ASSIGN(lift, d.Register("s01c01", "housing_quality", "朝阳社区8号楼外墙脱落，低保户家中受损",
                             "8号楼外墙砖脱落砸坏一楼低保户的窗户，担心再次掉落伤人。", "周建军", "13800009004"));
  app::DispatchInput dated;
  dated.deadline = LocalDay(now) + std::chrono::days(10);
  dated.opinion_deadline = LocalDay(now) - std::chrono::days(3);
  MS_TRY(d.Start(lift, "housing", {d.Unit("civil")}, dated));
  return {};
}

}  // namespace minsheng::cli
