#include "app/consultation_link.h"

#include "core/consultation.h"

namespace minsheng::app {

Result<store::ConsultationRecord> JoinConsultation(store::Tx& tx, const Actor& actor, store::Id consultation_id,
                                                   const store::AppealRecord& appeal, Timestamp now) {
  const Error missing = Error::Invalid("invalid_value", "协商议事不存在", "consultation_id");
  MS_ASSIGN(found, store::FindConsultation(tx, consultation_id));
  if (!found) return Fail(missing);
  store::ConsultationRecord c = std::move(*found);
  if (actor.IsStaff() && !actor.DistrictWide() && !c.region_path.starts_with(actor.region_path)) return Fail(missing);
  if (c.street_id != appeal.street_id)
    return Fail(Error::Invalid("invalid_value", "诉求与协商议事不在同一街镇", "consultation_id"));
  MS_ASSIGN(kind, ParseKind(c.kind));
  MS_ASSIGN(step, ParseStep(c.step));
  if (!NextStep(kind, step, ConsultationAction::kLinkAppeal))
    return Fail(Error::Conflict("consultation_closed", "协商议事“" + c.title + "”已进入“" +
                                                           std::string(StepLabel(step)) + "”，不再关联诉求"));
  MS_ASSIGN(links, store::ListLinksOfAppeal(tx, appeal.id));
  for (const auto& link : links) {
    if (link.consultation_id == c.id)
      return Fail(Error::Conflict("already_linked", "该诉求已关联此协商议事"));
    MS_ASSIGN(other, store::FindConsultation(tx, link.consultation_id));
    if (!other) continue;
    MS_ASSIGN(other_step, ParseStep(other->step));
    if (!IsFinal(other_step) && link.outcome.empty())
      return Fail(Error::Conflict("already_linked", "该诉求已关联协商议事“" + other->title + "”"));
  }
  const store::OptId by = actor.IsStaff() ? store::OptId(actor.user_id) : std::nullopt;
  MS_TRY(store::InsertConsultationAppeal(
      tx, {.consultation_id = c.id, .appeal_id = appeal.id, .street_id = c.street_id, .linked_at = now, .linked_by = by}));
  MS_TRY(store::InsertConsultationTopic(tx, {.consultation_id = c.id, .street_id = c.street_id, .source = "appeal",
                                             .content = appeal.title, .proposer = "诉求 #" + std::to_string(appeal.id),
                                             .appeal_id = appeal.id, .created_by = by, .created_at = now}));
  MS_TRY(store::AppendConsultationEvent(
      tx, {.consultation_id = c.id, .street_id = c.street_id, .at = now, .actor_id = by,
           .actor_label = actor.PublicLabel(), .action = std::string(ConsultationActionName(ConsultationAction::kLinkAppeal)),
           .from_step = c.step, .to_step = c.step, .note = "关联诉求：" + appeal.title}));
  return c;
}

}  // namespace minsheng::app
