#include "app/case_owner.h"

#include "store/case_plan_repository.h"
#include "store/reference_repository.h"

namespace minsheng::app {

Result<LeaderChoice> LeaderForAppeal(store::Tx& tx, const store::AppealRecord& appeal) {
  LeaderChoice out;
  if (appeal.street_id) {
    MS_ASSIGN(street, store::FindRegion(tx, *appeal.street_id));
    if (street) out.street_name = street->name;
    MS_ASSIGN(leaders, store::LeadersOfStreet(tx, *appeal.street_id));
    if (!leaders.empty()) {
      out.leader_id = leaders.front();
      out.by_street = true;
    }
  }
  if (!out.leader_id) {
    MS_ASSIGN(first, store::FirstActiveUserWithRole(tx, "leader"));
    out.leader_id = first;
  }
  if (out.leader_id) {
    MS_ASSIGN(user, store::FindUser(tx, *out.leader_id));
    if (user) out.leader_name = user->display_name;
  }
  return out;
}

std::string LeaderChoiceNote(const LeaderChoice& choice) {
  if (!choice.leader_id) return "";
  const std::string street = choice.street_name.empty() ? "所在街道" : choice.street_name;
  if (choice.by_street) return "（" + street + "分管领导：" + choice.leader_name + "）";
  return "（" + street + "未设分管领导，按默认规则交" + choice.leader_name + "包案）";
}

}  // namespace minsheng::app
