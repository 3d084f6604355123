#include "cli/demo_proposals.h"

#include <chrono>
#include <vector>

#include "app/proposal_service.h"
#include "core/calendar.h"

namespace minsheng::cli {
namespace {

using store::Id;

std::chrono::sys_days DayOf(Timestamp t) { return LocalDay(t); }

}  // namespace

Status LoadDemoProposals(store::Database& db, const LoadedFixture& fixture,
                         const std::map<std::string, app::Actor, std::less<>>& actors, Timestamp now) {
  auto actor = [&](std::string_view name) -> const app::Actor* {
    auto it = actors.find(name);
    return it == actors.end() ? nullptr : &it->second;
  };
  const app::Actor* deputy = actor("deputy");
  const app::Actor* coordinator = actor("coordinator");
  const app::Actor* housing = actor("handler-housing");
  const app::Actor* water = actor("handler-water");
  const app::Actor* environment = actor("handler-environment");
  if (!deputy || !coordinator || !housing || !water || !environment) return {};
  auto unit = [&](std::string_view code) -> Id {
    auto it = fixture.departments.find(code);
    return it == fixture.departments.end() ? 0 : it->second.id;
  };
  auto region = [&](std::string_view code) -> store::OptId {
    auto it = fixture.regions.find(code);
    return it == fixture.regions.end() ? std::nullopt : store::OptId(it->second.id);
  };

  ManualClock clock(now);
  app::ProposalService proposals(db, clock);
  auto at = [&](int days_ago, int hour) { clock.Set(LocalDayStart(DayOf(now) - std::chrono::days(days_ago)) + hour * 3600); };

  // Registered by the deputy (or, taking up an escalated appeal, by the coordinator for them), submitted and
  // assigned; returns the id.
  auto start = [&](const app::Actor& who, app::ProposalInput in, int days_ago, Id lead, std::vector<Id> assisting,
                   int answer_days) -> Result<Id> {
    at(days_ago, 9);
    in.deputy_id = deputy->user_id;
    MS_ASSIGN(p, proposals.Register(who, in));
    MS_TRY(proposals.Submit(*deputy, p.proposal.id, ""));
    at(days_ago - 2, 10);
    MS_TRY(proposals.Assign(*coordinator, p.proposal.id,
                            {.lead_unit_id = lead, .assisting_unit_ids = std::move(assisting),
                             .deadline = DayOf(clock.Now()) + std::chrono::days(answer_days)}));
    return p.proposal.id;
  };
  // Drafted by the unit's handler, approved the next day by its head (head-<unit code>).
  auto answer = [&](const app::Actor& handler, Id id, int days_ago, app::ProposalAnswerInput in) -> Status {
    at(days_ago, 14);
    MS_TRY(proposals.Answer(handler, id, in));
    at(days_ago - 1, 10);
    const app::Actor* head = nullptr;
    for (const auto& [code, d] : fixture.departments)
      if (handler.department_id == d.id) head = actor("head-" + code);
    if (!head) return Fail(Error::Internal("演示数据缺少单位负责人"));
    MS_TRY(proposals.Approve(*head, id, true, "经单位负责人审核同意"));
    return {};
  };

  // A: solved. Met before handling, answered on time, rated satisfied.
  {
    MS_ASSIGN(id, start(*deputy, {.kind = "suggestion", .title = "关于加快老旧小区加装电梯的建议",
                                  .content = "东湖街道多个老旧小区居民年龄偏大，上下楼困难，建议简化加装电梯审批流程并给予补贴。",
                                  .region_id = region("s01")},
                        150, unit("housing"), {}, 90));
    at(140, 15);
    MS_TRY(proposals.Contact(*housing, id, {"before", "face_to_face", "到代表工作室当面听取意见，明确办理思路。"}));
    MS_TRY(answer(*housing, id, 90,
                  {"A", "已出台老旧小区加装电梯简化审批办法，每台补贴20万元，年内已完成加装12台。", std::nullopt}));
    at(85, 11);
    MS_TRY(proposals.Rate(*deputy, id, "satisfied", ""));
  }

  // B, due for its follow-up: being solved with a plan date two days ago; the assisting unit gave its opinion.
  {
    app::ProposalInput in{.kind = "suggestion", .title = "关于建设社区雨污分流管网的建议",
                          .content = "西岭镇部分社区雨天污水漫溢，建议实施雨污分流改造。", .region_id = region("s02")};
    const app::Actor* who = deputy;
    // The first escalated appeal the stories left, taken up by the coordinator for the deputy.
    // (One whose timeline ended before the proposal starts, so that its events stay in order.)
    at(100, 9);
    MS_TRY(db.Read([&](store::Tx& tx) -> Status {
      MS_ASSIGN(row, tx.QueryOne("SELECT a.id, a.region_id FROM appeals a WHERE a.status = 'escalated' AND "
                                 "(SELECT MAX(e.at) FROM events e WHERE e.appeal_id = a.id) < ? ORDER BY a.id LIMIT 1",
                                 {clock.Now()}));
      if (row) {
        in.appeal_ids = {row->Int(0)};
        in.region_id = row->Int(1);
        who = coordinator;
      }
      return {};
    }));
    MS_ASSIGN(id, start(*who, in, 100, unit("water"), {unit("environment")}, 60));
    at(95, 10);
    MS_TRY(proposals.Contact(*water, id, {"before", "phone", "电话联系代表，了解管网漫溢的具体点位。"}));
    at(90, 16);
    MS_TRY(proposals.Opinion(*environment, id, "建议同步排查沿线排污口，纳入河道水质整治。"));
    at(70, 10);
    MS_TRY(proposals.Contact(*water, id, {"during", "visit", "陪同代表到现场查看施工方案。"}));
    MS_TRY(answer(*water, id, 60,
                  {"B", "雨污分流改造已立项，正在施工，计划完工后回头看。", DayOf(now) - std::chrono::days(2)}));
    at(55, 9);
    MS_TRY(proposals.Rate(*deputy, id, "basically_satisfied", "请按期完工。"));
  }

  // C: cannot be solved now, explained; answered after its deadline; rated basically satisfied.
  {
    MS_ASSIGN(id, start(*deputy, {.kind = "proposal", .title = "关于在滨河公园增设夜间照明的提案",
                                  .content = "滨河公园夜间照明不足，存在安全隐患。", .region_id = region("s01")},
                        80, unit("environment"), {}, 30));
    MS_TRY(answer(*environment, id, 35,
                  {"C", "滨河公园属生态保护区，夜间强光照明影响鸟类栖息，暂不增设；已增加夜间巡逻。", std::nullopt}));
    at(30, 9);
    MS_TRY(proposals.Rate(*deputy, id, "basically_satisfied", ""));
    at(28, 15);
    MS_TRY(proposals.Contact(*environment, id, {"after", "phone", "办后电话回访代表，说明巡逻安排。"}));
  }

  // Waiting: an answer drafted for the unit head, a submitted opinion report, a draft motion.
  {
    MS_ASSIGN(id, start(*deputy, {.kind = "suggestion", .title = "关于规范小区物业维修资金使用的建议",
                                  .content = "维修资金使用程序繁琐，建议简化。", .region_id = region("s01")},
                        20, unit("housing"), {}, 90));
    at(10, 14);
    MS_TRY(proposals.Answer(*housing, id, {"A", "已修订维修资金使用指引，应急维修可先行使用。", std::nullopt}));
  }
  {
    at(6, 10);
    MS_ASSIGN(p, proposals.Register(*deputy, {.kind = "opinion_report", .title = "关于菜市场周边早高峰拥堵的社情民意信息",
                                              .content = "早高峰菜市场周边占道经营，交通拥堵。",
                                              .region_id = region("s02")}));
    MS_TRY(proposals.Submit(*deputy, p.proposal.id, ""));
  }
  {
    at(2, 16);
    MS_TRY(proposals.Register(*deputy, {.kind = "motion", .title = "关于制定社区养老服务设施配建规定的议案",
                                        .content = "新建住宅小区应按标准配建养老服务用房。"}));
  }
  return {};
}

}  // namespace minsheng::cli
