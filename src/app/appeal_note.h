// Records on an appeal's timeline a step taken elsewhere — a repeat linked, a supervision notice, a plan step,
// a consultation joined, a deputy's contact — without changing the appeal's state.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "core/error.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::app {

struct AppealNote {
  std::string action;
  std::string note;
  nlohmann::json data = nlohmann::json::object();
  // Shown instead of the actor's own label (a deputy's contact typed in by an assistant reads 代表委员).
  std::optional<std::string> actor_label;
};

// Bumps the appeal's version (the detail cache and racing writers see the change) and appends the event,
// by `actor`, at `now`. kConflict "version_conflict" when another writer changed it first.
Status NoteOnAppeal(store::Tx& tx, const Actor& actor, store::AppealRecord appeal, Timestamp now, AppealNote note);

}  // namespace minsheng::app
