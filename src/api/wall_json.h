// JSON views of message-wall posts. The public view carries no personal data: no phone, no staff names, and
// long digit runs in the text masked (RedactNumbers); the staff view shows the phone masked, unmasked only in
// a post's detail for those the service says may see it.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "app/wall_service.h"
#include "core/clock.h"

namespace minsheng::api {

// The wall's view of a published post, its reply due and how its reply stands at `now`.
nlohmann::json PublicWallPostJson(const app::WallPost& post, Timestamp now);

// The staff view: state, urgency, routing, reply and link to an appeal; the phone masked unless
// `phone_unmasked`; `allowed_actions` as the service gives them.
nlohmann::json WallPostJson(const app::WallPost& post, Timestamp now, bool phone_unmasked,
                            const std::vector<std::string>& allowed_actions);

// A post's detail: WallPostJson plus its log ("events") and supervision notices ("notices").
nlohmann::json WallPostDetailJson(const app::WallPostDetail& detail, Timestamp now, bool phone_unmasked,
                                  const std::vector<std::string>& allowed_actions);

}  // namespace minsheng::api
