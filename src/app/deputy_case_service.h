// Following a case (issue 10): a deputy's contacts with the resident and written opinions on the cases
// they follow, the assistants who act for them, and the per-deputy case figures. Each use case is one
// transaction; a contact or opinion changes its appeal (version bump) and appends one timeline event.
//
// Who acts: the case's deputy (appeals.deputy_id), or an assistant of that deputy — a registrar (a
// studio's staff) or a fellow deputy whom an admin or the deputy's street coordinator added. What is
// recorded is always the deputy's: deputy_id is the case's deputy, recorded_by who typed it in.
#pragma once

#include <string>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "core/deputy_following.h"
#include "store/database.h"
#include "store/deputy_case_repository.h"

namespace minsheng::app {

struct DeputyContactInput {
  std::string method;  // face_to_face | phone | visit
  std::string note;
};

// A deputy with their figures over a period.
struct DeputyFiguresItem {
  store::UserRecord deputy;
  DeputyCaseFigures figures;
};

// The case figures of each of `deputy_ids` over [from, to): the appeals registered in the period that
// the deputy follows (followed, followed to close, relayed only: core/deputy_following.h) and the
// contacts they recorded in it. In the order of `deputy_ids`. For the deputy's record and bulletins.
Result<std::vector<DeputyCaseFigures>> DeputyCaseFiguresOf(store::Tx& tx, const std::vector<store::Id>& deputy_ids,
                                                           Timestamp from, Timestamp to);

class DeputyCaseService {
 public:
  DeputyCaseService(store::Database& db, const Clock& clock);

  // POST /appeals/{id}/deputy-contacts: the case's deputy or their assistant, while the appeal is open.
  // kNotFound out of scope, kForbidden for someone else in scope, kConflict "appeal_finished".
  Result<store::DeputyContactRecord> RecordContact(const Actor& actor, store::Id appeal_id,
                                                   const DeputyContactInput& input);
  // POST /appeals/{id}/deputy-opinions: a written opinion to the handling unit; as RecordContact.
  Result<store::DeputyOpinionRecord> AddOpinion(const Actor& actor, store::Id appeal_id, const std::string& content);

  // Whether the actor may record contacts and opinions on the appeal now (the detail offers them as
  // allowed actions deputy_contact and deputy_opinion).
  Result<bool> MayRecord(const Actor& actor, const store::AppealRecord& appeal);

  // A deputy's assistants: admins, and coordinators whose region holds the deputy's (kNotFound for a
  // deputy outside it, or a user who is no deputy).
  Result<std::vector<store::DeputyAssistantRecord>> Assistants(const Actor& actor, store::Id deputy_id);
  Result<store::DeputyAssistantRecord> AddAssistant(const Actor& actor, store::Id deputy_id, store::Id assistant_id);
  Status RemoveAssistant(const Actor& actor, store::Id deputy_id, store::Id assistant_id);

  // The active deputies in the actor's region (a deputy: themselves) with their figures for `year`.
  Result<std::vector<DeputyFiguresItem>> Deputies(const Actor& actor, int year);

  // One deputy's figures over [from, to) (no scope check: for the deputy's record, which checks its own).
  Result<DeputyCaseFigures> Figures(store::Id deputy_id, Timestamp from, Timestamp to);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace minsheng::app
