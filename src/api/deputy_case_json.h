// JSON views of following a case: a deputy's contacts and opinions (on the appeal detail and as the answer
// of their POST routes), and what an appeal on the explain route still waits for.
#pragma once

#include <map>
#include <string>

#include "api/json_writer.h"
#include "app/deputy_following.h"
#include "store/deputy_case_repository.h"

namespace minsheng::api {

// `names`: display names by user id (deputy_name, recorded_by_name; null when unknown).
void WriteDeputyContact(JsonWriter& w, const store::DeputyContactRecord& c,
                        const std::map<store::Id, std::string>& names);
void WriteDeputyOpinion(JsonWriter& w, const store::DeputyOpinionRecord& o,
                        const std::map<store::Id, std::string>& names);
// The detail's members deputy_contacts, deputy_opinions and pending_step ({code, message, actions} while
// the explain route's named deputy has not explained in person, else null).
void WriteDeputyFollowingMembers(JsonWriter& w, const app::DeputyFollowing& f);

}  // namespace minsheng::api
