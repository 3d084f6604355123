// Following a case, as the appeal's own use cases need it (app/appeal_service.cpp calls these inside its
// transactions): who among deputies and their assistants covers an appeal, the deputy named on the explain
// route, the explanation that route waits for, and the contacts and opinions shown on the detail.
// The use cases that write contacts, opinions and assistants are in app/deputy_case_service.h.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/actor.h"
#include "core/error.h"
#include "store/database.h"
#include "store/deputy_case_repository.h"
#include "store/records.h"

namespace minsheng::app {

// What hangs off an appeal from its deputy's following (part of AppealDetail).
struct DeputyFollowing {
  std::vector<store::DeputyContactRecord> contacts;  // oldest first
  std::vector<store::DeputyOpinionRecord> opinions;
  std::map<store::Id, std::string> names;            // display names of the deputies and recorders above
  // The appeal was routed to explain naming a deputy who has not yet explained face to face or by phone:
  // callback and close wait (409 deputy_explanation_missing).
  bool explanation_missing = false;
};

Result<DeputyFollowing> LoadDeputyFollowing(store::Tx& tx, const store::AppealRecord& appeal);

// Whether the actor is the appeal's deputy or an assistant of that deputy.
Result<bool> FollowsCase(store::Tx& tx, const Actor& actor, const store::AppealRecord& appeal);

// A deputy's appeal scope: the appeals they follow, those they registered, and those of the deputies
// they assist.
Result<bool> InDeputyScope(store::Tx& tx, const Actor& actor, const store::AppealRecord& appeal);

// The deputy the coordinator names on the explain route: an active deputy whose region contains the
// appeal's (400 with field deputy_id otherwise).
Status CheckNamedDeputy(store::Tx& tx, store::Id deputy_id, const store::AppealRecord& appeal);

// For a callback or close from state explaining: 409 deputy_explanation_missing while the deputy named on
// the appeal's latest explain has not explained in person since; nothing when that explain named no one.
Status RequireDeputyExplanation(store::Tx& tx, store::Id appeal_id);

}  // namespace minsheng::app
