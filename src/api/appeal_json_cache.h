// Issue 13: the parts of GET /api/v1/appeals/{id}'s answer that do not move with the clock or the reader's role
// (AppealJsonParts: the appeal's own members, masked and not, and its timeline, dispatches, replies and the rest),
// kept per appeal and version so that a detail read again is not written out again. Sound for the reason the detail
// cache is (AppealService): every change to anything on an appeal bumps its version. Bounded, oldest first out; safe
// from any thread.
#pragma once

#include <cstddef>
#include <memory>

#include "api/appeal_json.h"
#include "app/appeal_service.h"
#include "app/versioned_cache.h"

namespace minsheng::api {

class AppealJsonCache {
 public:
  // About 5 KiB a detail, as the detail cache it mirrors: 2,000 keep it near 10 MiB.
  explicit AppealJsonCache(std::size_t capacity = 2000) : parts_(capacity) {}

  // AppealDetailJsonParts(detail): the copy kept for its appeal and version, else written now and kept.
  std::shared_ptr<const AppealJsonParts> PartsOf(const app::AppealDetail& detail);

 private:
  app::VersionedCache<AppealJsonParts> parts_;
};

}  // namespace minsheng::api
