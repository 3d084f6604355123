#include "cli/demo_following.h"

#include <map>
#include <string>
#include <vector>

#include "app/appeal_service.h"
#include "app/deputy_case_service.h"
#include "store/deputy_case_repository.h"
#include "store/reference_repository.h"
#include "core/lifecycle.h"

namespace minsheng::cli {
namespace {

using store::Id;
using store::OptId;

struct Candidate {
  Id id = 0;
  std::string status;
  Id deputy_id = 0;          // 0 when none
  Id street_id = 0;
  OptId lead_unit_id;
  Timestamp last_at = 0;     // the latest event
  std::string title;
};

Result<std::vector<Candidate>> Candidates(store::Database& db) {
  return store::ReadValue<std::vector<Candidate>>(db, [](store::Tx& tx) -> Result<std::vector<Candidate>> {
    MS_ASSIGN(rows, tx.Query("SELECT a.id, a.status, COALESCE(a.deputy_id, 0), COALESCE(a.street_id, 0), "
                             "a.lead_unit_id, (SELECT MAX(e.at) FROM events e WHERE e.appeal_id = a.id), a.title "
                             "FROM appeals a ORDER BY a.id"));
    std::vector<Candidate> out;
    for (const auto& r : rows)
      out.push_back({r.Int(0), r.Text(1), r.Int(2), r.Int(3), r.OptInt(4), r.Int(5), r.Text(6)});
    return out;
  });
}

const char* const kContactNotes[] = {
    "电话联系群众，了解诉求详情，告知已转交职能部门办理",
    "在工作室当面听取群众意见，记录现场情况",
    "上门查看现场，与群众一起核实问题",
};
const char* const kOpinions[] = {
    "建议职能部门尽快到现场核实，并在答复前与群众当面沟通。",
    "该问题在本社区反复出现，建议从源头上建立长效管理机制。",
};

}  // namespace

Status LoadDemoFollowing(store::Database& db, const app::CalendarCache& calendar,
                         const std::map<std::string, app::Actor, std::less<>>& actors, Timestamp now) {
  auto actor = [&](std::string_view name) -> const app::Actor* {
    auto it = actors.find(name);
    return it == actors.end() ? nullptr : &it->second;
  };
  const app::Actor* deputy_s01 = actor("deputy-s01");
  const app::Actor* registrar_s01 = actor("registrar-s01");
  const app::Actor* coordinator = actor("coordinator");
  const app::Actor* supervisor = actor("supervisor");
  if (!deputy_s01 || !registrar_s01 || !coordinator || !supervisor) return {};

  ManualClock clock(now);
  app::AppealService appeals(db, clock, calendar);
  app::DeputyCaseService following(db, clock);

  // registrar-s01 works at deputy-s01's studio and records for them.
  MS_TRY(db.Write([&](store::Tx& tx) -> Status {
    MS_ASSIGN(region, store::FindRegion(tx, deputy_s01->region_id));
    MS_ASSIGN(id, store::InsertDeputyAssistant(tx, {.deputy_id = deputy_s01->user_id,
                                                    .assistant_id = registrar_s01->user_id,
                                                    .street_id = region ? region->street_id : std::nullopt,
                                                    .created_by = actor("admin") ? OptId(actor("admin")->user_id)
                                                                                 : std::nullopt,
                                                    .created_at = now - 60 * 86400}));
    (void)id;
    return {};
  }));

  auto deputy_of = [&](Id user_id) -> const app::Actor* {
    for (const auto& [_, a] : actors)
      if (a.user_id == user_id) return &a;
    return nullptr;
  };
  // The unit's handler of an appeal: handler-<department code> bound to that department.
  auto handler_of = [&](OptId unit) -> const app::Actor* {
    if (!unit) return nullptr;
    for (const auto& [_, a] : actors)
      if (a.Is(Role::kHandler) && a.department_id == unit) return &a;
    return nullptr;
  };

  MS_ASSIGN(candidates, Candidates(db));
  // The explain route takes appeals waiting for triage; every state keeps at least one appeal of its own.
  std::map<std::string, int> left;
  for (const Candidate& c : candidates) ++left[c.status];
  auto triageable = [&](const std::string& s) {
    return (s == "received" || s == "returned" || s == "reopened" || s == "deliberating") && left[s] > 1;
  };
  int contacted = 0, replied_after_contact = 0, explained = 0;
  for (const Candidate& c : candidates) {
    const Timestamp gap = now - c.last_at;
    if (gap < 600) continue;  // room for the steps below, in order, before `now`
    const bool waiting = c.status == "accepted" || c.status == "in_progress" || c.status == "dispatched";
    if (c.deputy_id != 0 && waiting && contacted < 12) {
      const app::Actor* deputy = deputy_of(c.deputy_id);
      if (!deputy) continue;
      // The deputy (or, for deputy-s01, sometimes the assistant) records a contact.
      const app::Actor& who = (deputy == deputy_s01 && contacted % 3 == 2) ? *registrar_s01 : *deputy;
      clock.Set(c.last_at + gap / 3);
      const std::string method = contacted % 3 == 0 ? "phone" : contacted % 3 == 1 ? "face_to_face" : "visit";
      MS_TRY(following.RecordContact(who, c.id, {method, kContactNotes[contacted % 3]}));
      if (contacted % 2 == 0) {
        clock.Set(c.last_at + gap / 2);
        MS_TRY(following.AddOpinion(who, c.id, kOpinions[(contacted / 2) % 2]));
      }
      // A few are then replied by their unit: followed with a contact before the reply.
      const app::Actor* handler = handler_of(c.lead_unit_id);
      if (c.status == "in_progress" && handler && replied_after_contact < 3 && left[c.status] > 1) {
        clock.Set(c.last_at + 2 * gap / 3);
        MS_TRY(appeals.Reply(*handler, c.id, "关于“" + c.title + "”：经核实已处理完毕，跟进代表已与群众沟通。"));
        --left[c.status];
        ++replied_after_contact;
      }
      ++contacted;
      continue;
    }
    // Explain-route appeals naming the street's deputy: two explained (one closed), one waiting.
    if (triageable(c.status) && explained < 3 && c.street_id != 0) {
      const app::Actor* deputy = nullptr;
      // deputy-s01 for street 1's appeals, deputy-s02 for street 2's (the fixture's two street deputies).
      for (const char* name : {"deputy-s01", "deputy-s02"}) {
        const app::Actor* d = actor(name);
        if (d == nullptr) continue;
        auto same_street = store::ReadValue<bool>(db, [&](store::Tx& tx) -> Result<bool> {
          MS_ASSIGN(region, store::FindRegion(tx, d->region_id));
          return region && region->street_id == c.street_id;
        });
        if (same_street && *same_street) deputy = d;
      }
      if (!deputy) continue;
      clock.Set(c.last_at + gap / 4);
      app::TriageInput in{.route = Action::kExplain,
                          .note = "现行政策暂不支持，由代表向群众当面解释政策依据",
                          .deputy_id = deputy->user_id};
      MS_TRY(appeals.Triage(*coordinator, c.id, in));
      --left[c.status];
      if (explained < 2) {
        clock.Set(c.last_at + gap / 2);
        MS_TRY(following.RecordContact(*deputy, c.id,
                                       {explained == 0 ? "face_to_face" : "phone",
                                        "向群众解释相关政策规定，群众表示理解"}));
      }
      if (explained == 0) {
        clock.Set(c.last_at + 3 * gap / 4);
        MS_TRY(appeals.Callback(*supervisor, c.id,
                                {.resolved = false, .satisfaction = "basically_satisfied",
                                 .reason = "理解政策，感谢代表耐心解释。"}));
      }
      ++explained;
    }
  }
  return {};
}

}  // namespace minsheng::cli
