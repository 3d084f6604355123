#include "app/appeal_note.h"

#include "store/appeal_repository.h"

namespace minsheng::app {

Status NoteOnAppeal(store::Tx& tx, const Actor& actor, store::AppealRecord appeal, Timestamp now, AppealNote note) {
  const std::int64_t version = appeal.version;
  appeal.updated_at = now;
  MS_TRY(store::UpdateAppeal(tx, appeal, version));
  store::EventRecord e{.appeal_id = appeal.id, .at = now,
                       .actor_id = actor.IsStaff() ? store::OptId(actor.user_id) : std::nullopt,
                       .actor_label = note.actor_label ? std::move(*note.actor_label) : actor.PublicLabel(),
                       .action = std::move(note.action), .from_status = appeal.status, .to_status = appeal.status,
                       .note = std::move(note.note), .data = note.data.dump()};
  return store::AppendEvent(tx, e, appeal.street_id);
}

}  // namespace minsheng::app
