// A region a caller names (a filter, a bulletin's street) checked against the caller's own region.
#pragma once

#include "app/actor.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::app {

// The region `region_id` if it lies in the actor's subtree: kInvalid "unknown_region" when there is no such
// region, kForbidden when it lies outside (both on field region_id).
Result<store::RegionRecord> RegionInScope(store::Tx& tx, const Actor& actor, store::Id region_id);

}  // namespace minsheng::app
