// Who owns a case when it goes to a leader (包案领导): the leader responsible for the appeal's street
// (leader_streets, set by an admin), not just any leader. Used by every escalation to a leader: the
// deadline sweep, a second dissatisfied callback, a supervisor's escalation.
#pragma once

#include <string>

#include "core/error.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::app {

struct LeaderChoice {
  store::OptId leader_id;   // none when there is no active leader at all
  bool by_street = false;   // the leader answers for the appeal's street; false: the fallback rule
  std::string leader_name;  // "" when none
  std::string street_name;  // the appeal's street ("" when unknown)
};

// The leader for `appeal`: the active leader who answers for its street (the lowest id if several), else
// the first active leader of the district (the rule before leader_streets existed), else none.
Result<LeaderChoice> LeaderForAppeal(store::Tx& tx, const store::AppealRecord& appeal);

// What the escalation's event note says about the choice: "（东湖街道分管领导：王书记）", or, for the
// fallback, "（东湖街道未设分管领导，按默认规则交王书记包案）"; "" when no leader was found.
std::string LeaderChoiceNote(const LeaderChoice& choice);

}  // namespace minsheng::app
