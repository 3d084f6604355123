#include "app/deputy_following.h"

#include <set>

#include "core/deputy_following.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::AppealRecord;
using store::Id;
using store::Tx;

std::vector<DeputyContactFact> Facts(const std::vector<store::DeputyContactRecord>& contacts) {
  std::vector<DeputyContactFact> out;
  for (const auto& c : contacts) out.push_back({c.deputy_id, c.method, c.at});
  return out;
}

// Whether the latest explain of the appeal named a deputy who has not explained since.
Result<bool> ExplanationMissing(Tx& tx, Id appeal_id, const std::vector<store::DeputyContactRecord>& contacts) {
  MS_ASSIGN(explain, store::LatestExplainEvent(tx, appeal_id));
  if (!explain || !explain->deputy_id) return false;
  return !DeputyHasExplained(*explain->deputy_id, explain->at, Facts(contacts));
}

}  // namespace

Result<DeputyFollowing> LoadDeputyFollowing(Tx& tx, const AppealRecord& appeal) {
  DeputyFollowing f;
  MS_ASSIGN(contacts, store::ListDeputyContacts(tx, appeal.id));
  MS_ASSIGN(opinions, store::ListDeputyOpinions(tx, appeal.id));
  f.contacts = std::move(contacts);
  f.opinions = std::move(opinions);
  std::set<Id> people;
  for (const auto& c : f.contacts) people.insert({c.deputy_id, c.recorded_by});
  for (const auto& o : f.opinions) people.insert({o.deputy_id, o.recorded_by});
  for (Id id : people) {
    MS_ASSIGN(user, store::FindUser(tx, id));
    if (user) f.names[id] = user->display_name;
  }
  if (appeal.status == "explaining") {
    MS_ASSIGN(missing, ExplanationMissing(tx, appeal.id, f.contacts));
    f.explanation_missing = missing;
  }
  return f;
}

Result<bool> FollowsCase(Tx& tx, const Actor& actor, const AppealRecord& appeal) {
  if (!actor.IsStaff() || !appeal.deputy_id) return false;
  if (*appeal.deputy_id == actor.user_id) return true;
  return store::IsDeputyAssistant(tx, *appeal.deputy_id, actor.user_id);
}

Result<bool> InDeputyScope(Tx& tx, const Actor& actor, const AppealRecord& appeal) {
  if (appeal.created_by == actor.user_id) return true;
  return FollowsCase(tx, actor, appeal);
}

Status CheckNamedDeputy(Tx& tx, Id deputy_id, const AppealRecord& appeal) {
  const Error bad = Error::Invalid("invalid_value", "解释代表不存在、已停用或不负责该诉求所在区域", "deputy_id");
  MS_ASSIGN(deputy, store::FindUser(tx, deputy_id));
  if (!deputy || deputy->role != "deputy" || !deputy->active) return Fail(bad);
  MS_ASSIGN(deputy_region, store::FindRegion(tx, deputy->region_id));
  MS_ASSIGN(appeal_region, store::FindRegion(tx, appeal.region_id));
  if (!deputy_region || !appeal_region || !appeal_region->path.starts_with(deputy_region->path)) return Fail(bad);
  return {};
}

Status RequireDeputyExplanation(Tx& tx, Id appeal_id) {
  MS_ASSIGN(contacts, store::ListDeputyContacts(tx, appeal_id));
  MS_ASSIGN(missing, ExplanationMissing(tx, appeal_id, contacts));
  if (missing)
    return Fail(Error::Conflict(std::string(kExplanationMissingCode),
                                "尚缺一步：" + std::string(kExplanationStep) + "。须由跟进代表（或其助理）记录当面或电话解释后，才能回访或办结"));
  return {};
}

}  // namespace minsheng::app
