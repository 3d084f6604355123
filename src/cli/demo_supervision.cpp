#include "cli/demo_supervision.h"

#include "app/supervision_service.h"
#include "core/calendar.h"

namespace minsheng::cli {
namespace {

using store::Id;

constexpr Timestamp kDay = 86400;

struct Open {
  Id id = 0;
  Id lead_unit_id = 0;
};

}  // namespace

Status LoadDemoSupervision(store::Database& db, const LoadedFixture& fixture,
                           const std::map<std::string, app::Actor, std::less<>>& actors, Timestamp now) {
  std::vector<Open> open;
  MS_TRY(db.Read([&](store::Tx& tx) -> Status {
    // Only appeals whose last event is older than the notices, so that every timeline stays in time order.
    MS_ASSIGN(rows, tx.Query("SELECT a.id, a.lead_unit_id FROM appeals a WHERE a.status IN ('dispatched', 'accepted', "
                             "'in_progress') AND a.lead_unit_id IS NOT NULL AND (SELECT MAX(e.at) FROM events e "
                             "WHERE e.appeal_id = a.id) <= ? ORDER BY a.id LIMIT 5",
                             {now - 3 * kDay}));
    for (const auto& r : rows) open.push_back({r.Int(0), r.Int(1)});
    return {};
  }));
  auto handler_of = [&](Id unit) -> const app::Actor* {
    for (const auto& [code, d] : fixture.departments)
      if (d.id == unit) {
        auto it = actors.find("handler-" + code);
        return it == actors.end() ? nullptr : &it->second;
      }
    return nullptr;
  };
  const app::Actor& supervisor = actors.at("supervisor");
  ManualClock clock(now - 3 * kDay);
  app::SupervisionService service(db, clock);
  auto day = [&](int days_from_clock) { return LocalDay(clock.Now()) + std::chrono::days(days_from_clock); };

  struct Story {
    const char* reason;
    const char* required_action;
    const char* answer;  // nullptr: not answered
    enum { kWait, kClose, kEscalate } end;
    int deadline_days;  // after the issue day
  };
  // Every ending early in the list: a small demo (few open appeals) still shows each one.
  static const Story kStories[] = {
      {"群众多次来电反映办理进度慢", "三个工作日内上门核实，书面反馈办理计划", nullptr, Story::kWait, 5},
      {"多次督促仍无实质进展", "主要负责人牵头督办，限期办结", nullptr, Story::kEscalate, 2},
      {"现场情况与答复不符", "重新核实现场，据实答复", "已重新上门核实，现场已整改到位，照片已上传。", Story::kClose, 3},
      {"同类问题在本社区反复出现", "查明原因，提出根治措施", "已会同社区排查，同类问题共 3 处，已列入本月整治计划。",
       Story::kWait, 4},
      {"诉求人反映承办单位未按约定时间上门", "立即联系诉求人重新约定时间，并说明原因", nullptr, Story::kWait, 1},
  };
  for (std::size_t i = 0; i < open.size() && i < std::size(kStories); ++i) {
    const Story& s = kStories[i];
    clock.Set(now - 3 * kDay + static_cast<Timestamp>(i) * 3600);
    MS_ASSIGN(issued, service.Issue(supervisor, open[i].id,
                                    {.reason = s.reason, .required_action = s.required_action,
                                     .deadline = day(s.deadline_days)}));
    const Id notice = issued.notice.id;
    if (s.answer != nullptr) {
      const app::Actor* handler = handler_of(open[i].lead_unit_id);
      if (handler == nullptr) continue;
      clock.Advance(kDay);
      MS_TRY(service.Answer(*handler, notice, s.answer));
    }
    clock.Advance(3 * 3600);
    if (s.end == Story::kClose) {
      MS_TRY(service.RecordInspection(supervisor, open[i].id,
                                      {.kind = "on_site", .findings = "现场查看：整改已完成，诉求人认可。", .notice_id = notice}));
      MS_TRY(service.Close(supervisor, notice, "反馈属实，督办办结"));
    } else if (s.end == Story::kEscalate) {
      MS_TRY(service.Escalate(supervisor, notice, "逾期未反馈，提请包案领导督办"));
    }
  }
  if (!open.empty()) {
    clock.Set(now - 3600);
    MS_TRY(service.RecordInspection(supervisor, open[0].id,
                                    {.kind = "follow_up", .findings = "跟踪督查：承办单位已制定办理计划，按计划推进。"}));
  }
  return {};
}

}  // namespace minsheng::cli
