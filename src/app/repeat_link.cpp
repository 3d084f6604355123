#include "app/repeat_link.h"

#include <nlohmann/json.hpp>

#include "app/appeal_note.h"
#include "core/repeat.h"
#include "store/appeal_repository.h"
#include "store/repeat_repository.h"

namespace minsheng::app {

Status NoteRepeatOnOther(store::Tx& tx, const Actor& actor, store::Id other_id, Timestamp now, std::string_view action,
                         std::string note, store::Id appeal_id) {
  MS_ASSIGN(found, store::FindAppeal(tx, other_id));
  if (!found) return {};
  return NoteOnAppeal(tx, actor, std::move(*found), now,
                      {.action = std::string(action), .note = std::move(note), .data = {{"appeal_id", appeal_id}}});
}

Status LinkRepeatAtIntake(store::Tx& tx, const Actor& actor, const store::AppealRecord& appeal, Timestamp now) {
  constexpr int kCandidates = 50;
  MS_ASSIGN(candidates, store::ListRepeatCandidates(tx, appeal.anonymous ? "" : appeal.appellant_phone,
                                                    appeal.street_id, appeal.address, appeal.id,
                                                    now - kRepeatWindowDays * 86400, kCandidates));
  const RepeatProbe probe{.phone = appeal.appellant_phone, .address = appeal.address, .title = appeal.title,
                          .anonymous = appeal.anonymous};
  const auto match = FindRepeat(probe, candidates, now);
  if (!match) return {};
  MS_ASSIGN(earlier, store::FindAppeal(tx, match->id));
  if (!earlier) return {};
  MS_TRY(store::InsertRepeatLink(tx, {.appeal_id = appeal.id, .repeat_of_id = earlier->id,
                                      .reason = std::string(RepeatReasonName(match->reason)), .created_at = now},
                                 appeal.street_id));
  const std::string why = std::string(RepeatReasonLabel(match->reason));
  store::EventRecord e{.appeal_id = appeal.id, .at = now,
                       .actor_id = actor.IsStaff() ? store::OptId(actor.user_id) : std::nullopt,
                       .actor_label = actor.PublicLabel(), .action = "repeat_linked",
                       .from_status = appeal.status, .to_status = appeal.status,
                       .note = "重复诉求：与 " + earlier->receipt_code + "「" + earlier->title + "」" + why,
                       .data = nlohmann::json{{"repeat_of_id", earlier->id}, {"reason", RepeatReasonName(match->reason)}}
                                   .dump()};
  MS_TRY(store::AppendEvent(tx, e, appeal.street_id));
  return NoteRepeatOnOther(tx, actor, earlier->id, now, "repeat_linked",
                           "收到重复诉求 " + appeal.receipt_code + "「" + appeal.title + "」（" + why + "）", appeal.id);
}

}  // namespace minsheng::app
