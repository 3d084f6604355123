// Who acted on a timeline (appeals, proposals, consultations), named as each reader needs it: staff read
// the person and their unit, residents the unit. Resolved when read, so events stored with a role label
// ("职能部门") name the unit too.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/database.h"
#include "store/reference_repository.h"

namespace minsheng::app {

class ActorNames {
 public:
  // The users among `actor_ids` (repeats and nullopt allowed).
  static Result<ActorNames> Load(store::Tx& tx, const std::vector<store::OptId>& actor_ids);
  // The actor ids of `events`, any record with an `actor_id`.
  template <typename Events>
  static std::vector<store::OptId> IdsOf(const Events& events) {
    std::vector<store::OptId> ids;
    for (const auto& e : events) ids.push_back(e.actor_id);
    return ids;
  }

  // "张三（民政局）", "王五（人大代表）" (the name alone when it names its unit already: "住建局·李明"); `stored` (群众, 系统) when the event has no known actor.
  std::string StaffLabel(store::OptId actor_id, std::string_view stored) const;
  // The unit ("民政局", "桃源街道"), a deputy's kind ("人大代表"), never the person; `stored` (群众, 系统)
  // when the event has no known actor, and for a deputy's contacts typed in by an assistant (代表委员).
  std::string PublicLabel(store::OptId actor_id, std::string_view stored) const;
  // The person's name and unit, "" when unknown.
  std::string Person(store::OptId actor_id) const;
  std::string Unit(store::OptId actor_id) const;

 private:
  const store::ActorRecord* Find(store::OptId actor_id) const;
  std::map<store::Id, store::ActorRecord> by_id_;
};

}  // namespace minsheng::app
