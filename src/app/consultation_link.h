// An appeal joining a consultation (协商议事): shared by the triage route "deliberate" with a
// consultation_id (app/appeal_service.cpp) and the consultation's own use cases (app/consultation_service.cpp).
#pragma once

#include "app/actor.h"
#include "core/clock.h"
#include "store/consultation_repository.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::app {

// Links `appeal` to consultation `consultation_id` in `tx`: the link, a topic taken from the appeal and a
// step-log entry on the consultation. The consultation must lie in the actor's region and the appeal's
// street (kInvalid "invalid_value" on consultation_id, as for a missing one), still take appeals
// (kConflict "consultation_closed"), and the appeal must not be linked to an open consultation already
// (kConflict "already_linked"). The appeal's own event is the caller's to write.
Result<store::ConsultationRecord> JoinConsultation(store::Tx& tx, const Actor& actor, store::Id consultation_id,
                                                   const store::AppealRecord& appeal, Timestamp now);

}  // namespace minsheng::app
