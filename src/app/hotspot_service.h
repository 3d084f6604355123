// Hot-spot warnings (热点预警): the categories whose appeals in a street or community rise, in one week, beyond
// their usual level (core/hotspot.h), for the dashboard and the coordinator's workbench.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "core/hotspot.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::app {

struct HotspotRequest {
  std::optional<std::int32_t> day;  // any local day of the week to score (days since 1970-01-01); none: today's
  store::OptId region_id;           // within this region; none: the caller's
};

enum class HotspotLevel { kStreet, kCommunity };
std::string_view HotspotLevelName(HotspotLevel level);  // "street", "community"

struct Hotspot {
  HotspotLevel level = HotspotLevel::kStreet;
  store::Id street_id = 0;
  std::string street_name;
  store::Id region_id = 0;  // the street itself, or the community
  std::string region_name;
  store::Id category_id = 0;
  std::string category_name;
  std::int64_t count = 0;             // appeals registered in the week
  HotspotScore score;                 // against the earlier weeks
  std::vector<std::int64_t> history;  // the earlier weeks' counts, oldest first
};

struct HotspotReport {
  std::int32_t week = 0;  // its Monday
  HotspotRule rule;
  std::vector<Hotspot> items;  // the warnings, highest score first
};

class HotspotService {
 public:
  HotspotService(store::Database& db, const Clock& clock, HotspotRule rule = {});

  // Every category × street and category × community cell of the caller's scope (or of `region_id`, which must
  // lie in it: kForbidden otherwise) that warns in the week. The dashboard's roles only (kForbidden).
  Result<HotspotReport> Week(const Actor& actor, const HotspotRequest& request);

 private:
  store::Database& db_;
  const Clock& clock_;
  HotspotRule rule_;
};

}  // namespace minsheng::app
