#include "cli/demo_case_plans.h"

#include <algorithm>

#include "app/case_plan_service.h"
#include "core/calendar.h"
#include "store/appeal_repository.h"
#include "store/case_plan_repository.h"

namespace minsheng::cli {
namespace {

using store::Id;

constexpr Timestamp kHour = 3600;
constexpr Timestamp kDay = 86400;

// One step of the plan template: its title, whether the lead unit or a partner unit is responsible, and its
// due date in days after the plan is written.
struct StepTemplate {
  const char* title;
  bool lead_unit;
  int due_days;
};
constexpr StepTemplate kSteps[] = {
    {"现场踏勘，听取诉求人和周边居民意见", true, 1},
    {"召集相关单位召开协调会，明确责任分工和时限", false, 3},
    {"落实整改措施，向诉求人反馈进展", true, 7},
};
constexpr StepTemplate kAddedStep = {"整改完成后上门回访，巩固办理成效", true, 10};

std::string DueDate(Timestamp written, int days) { return FormatDate(LocalDay(written) + std::chrono::days(days)); }

}  // namespace

Status LoadDemoLeaderStreets(store::Database& db, const LoadedFixture& fixture, Timestamp now) {
  const Id admin = fixture.users.at("admin").id;
  return db.Write([&](store::Tx& tx) -> Status {
    for (const auto& [leader, street] : {std::pair{"leader", "s01"}, std::pair{"leader-2", "s02"}})
      MS_TRY(store::ReplaceLeaderStreets(tx, fixture.users.at(leader).id, {fixture.regions.at(street).id}, now, admin));
    return {};
  });
}

Status LoadDemoCasePlans(store::Database& db, const LoadedFixture& fixture,
                         const std::map<std::string, app::Actor, std::less<>>& actors, Timestamp now) {
  for (const char* leader_name : {"leader", "leader-2"}) {
    const app::Actor& leader = actors.at(leader_name);
    MS_ASSIGN(owned, store::ReadValue<store::AppealPage>(db, [&](store::Tx& tx) {
                store::AppealFilter f;
                f.case_owner_id = leader.user_id;
                f.page_size = 100;
                return store::ListAppeals(tx, f);
              }));
    std::vector<store::AppealRecord> open;
    for (auto& a : owned.items)
      if (a.status != "closed" && a.status != "merged" && a.status != "rejected") open.push_back(std::move(a));
    std::sort(open.begin(), open.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
    if (open.size() > static_cast<std::size_t>(kDemoPlansPerLeader)) open.resize(kDemoPlansPerLeader);
    for (std::size_t k = 0; k < open.size(); ++k) {
      const store::AppealRecord& a = open[k];
      // Written an hour after the appeal's last change (the timeline stays in time order), or now.
      const Timestamp written = std::min(a.updated_at + kHour, now);
      ManualClock clock(written);
      app::CasePlanService plans(db, clock);
      const Id lead = a.lead_unit_id.value_or(fixture.departments.at("civil").id);
      const Id partner = fixture.departments.at(lead == fixture.departments.at("urban").id ? "housing" : "urban").id;
      std::vector<StepDraft> drafts;
      for (const auto& s : kSteps)
        drafts.push_back({.title = s.title, .unit_id = s.lead_unit ? lead : partner, .due_date = DueDate(written, s.due_days)});
      MS_ASSIGN(plan, plans.WritePlan(leader, a.id, drafts, k == 0 ? "一个问题、一名领导、一套方案、一抓到底" : ""));
      // The first case of each leader: the first step done the next day and a step added; the second: the
      // first two steps done in time; the third: written only. What is still open past its date shows overdue.
      if (k == 2) continue;
      auto complete = [&](std::size_t step, Timestamp at, const char* note) -> Status {
        if (at >= now) return {};
        clock.Set(at);
        MS_TRY(plans.CompleteStep(leader, a.id, plan.steps[step].id, note));
        return {};
      };
      MS_TRY(complete(0, written + kDay, "已到现场踏勘，听取了诉求人和周边居民意见，问题属实"));
      if (k == 1) {
        MS_TRY(complete(1, written + 2 * kDay, "已召开协调会，明确主办单位牵头、协办单位配合，限期一周整改"));
        continue;
      }
      if (written + kDay + kHour >= now) continue;
      clock.Set(written + kDay + kHour);
      std::vector<StepDraft> revised;
      for (const auto& s : plan.steps)
        revised.push_back({.id = s.id, .title = s.title, .unit_id = s.unit_id, .due_date = s.due_date});
      revised.push_back({.title = kAddedStep.title, .unit_id = lead, .due_date = DueDate(written, kAddedStep.due_days)});
      MS_TRY(plans.WritePlan(leader, a.id, revised, "增加回访环节"));
    }
  }
  return {};
}

}  // namespace minsheng::cli
