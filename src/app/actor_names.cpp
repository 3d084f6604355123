#include "app/actor_names.h"

#include <algorithm>

#include "core/lifecycle.h"

namespace minsheng::app {

Result<ActorNames> ActorNames::Load(store::Tx& tx, const std::vector<store::OptId>& actor_ids) {
  std::vector<store::Id> ids;
  for (const auto& id : actor_ids)
    if (id && *id > 0) ids.push_back(*id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  MS_ASSIGN(actors, store::ListActors(tx, ids));
  ActorNames out;
  for (auto& a : actors) {
    // A deputy acts for no unit: they read as what they are (人大代表, 政协委员).
    if (a.role == RoleName(Role::kDeputy)) {
      std::string_view kind = DeputyKindLabel(a.deputy_kind);
      a.unit_name = std::string(kind.empty() ? RoleLabel(Role::kDeputy) : kind);
    }
    out.by_id_.emplace(a.user_id, std::move(a));
  }
  return out;
}

const store::ActorRecord* ActorNames::Find(store::OptId actor_id) const {
  if (!actor_id) return nullptr;
  auto it = by_id_.find(*actor_id);
  return it == by_id_.end() ? nullptr : &it->second;
}

std::string ActorNames::StaffLabel(store::OptId actor_id, std::string_view stored) const {
  const store::ActorRecord* a = Find(actor_id);
  if (!a) return std::string(stored);
  // Accounts are often named with their unit already ("住建局·李明", "刘洋（区督查室）"): don't say it twice.
  const std::string& name = a->display_name;
  if (a->unit_name.empty() || name.find(a->unit_name) != std::string::npos || name.find("（") != std::string::npos ||
      name.find("·") != std::string::npos)
    return name;
  return name + "（" + a->unit_name + "）";
}

std::string ActorNames::PublicLabel(store::OptId actor_id, std::string_view stored) const {
  const store::ActorRecord* a = Find(actor_id);
  // A deputy's contacts are theirs even when an assistant typed them in (app/deputy_case_service.cpp).
  if (!a || a->unit_name.empty() || stored == RoleLabel(Role::kDeputy)) return std::string(stored);
  return a->unit_name;
}

std::string ActorNames::Person(store::OptId actor_id) const {
  const store::ActorRecord* a = Find(actor_id);
  return a ? a->display_name : "";
}

std::string ActorNames::Unit(store::OptId actor_id) const {
  const store::ActorRecord* a = Find(actor_id);
  return a ? a->unit_name : "";
}

}  // namespace minsheng::app
