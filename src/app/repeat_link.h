// Repeat appeals (重复诉求) inside the use cases: found at intake, linked or unlinked by hand, each link an
// event on both appeals' timelines.
#pragma once

#include "app/actor.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::app {

// At intake, inside the registering transaction: links `appeal` to the earlier appeal it repeats
// (core/repeat.h), if any, writing a `repeat_linked` event on both (the earlier one's version is bumped).
Status LinkRepeatAtIntake(store::Tx& tx, const Actor& actor, const store::AppealRecord& appeal, Timestamp now);

// Writes `action` (repeat_linked | repeat_unlinked) on the other end of a link, `other_id`, bumping its version.
Status NoteRepeatOnOther(store::Tx& tx, const Actor& actor, store::Id other_id, Timestamp now, std::string_view action,
                         std::string note, store::Id appeal_id);

}  // namespace minsheng::app
