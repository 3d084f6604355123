#include "api/appeal_json_cache.h"

namespace minsheng::api {

std::shared_ptr<const AppealJsonParts> AppealJsonCache::PartsOf(const app::AppealDetail& detail) {
  if (auto kept = parts_.Find(detail.appeal.id, detail.appeal.version)) return kept;
  // Written outside the cache's lock: readers of other appeals do not wait for it.
  auto parts = std::make_shared<const AppealJsonParts>(AppealDetailJsonParts(detail));
  parts_.Put(detail.appeal.id, detail.appeal.version, parts);
  return parts;
}

}  // namespace minsheng::api
