#include "app/region_scope.h"

#include "store/reference_repository.h"

namespace minsheng::app {

Result<store::RegionRecord> RegionInScope(store::Tx& tx, const Actor& actor, store::Id region_id) {
  MS_ASSIGN(region, store::FindRegion(tx, region_id));
  if (!region) return Fail(Error::Invalid("unknown_region", "区域不存在", "region_id"));
  if (!region->path.starts_with(actor.region_path))
    return Fail(Error{ErrorKind::kForbidden, "forbidden", "该区域不在您负责的范围内", "region_id", {}});
  return std::move(*region);
}

}  // namespace minsheng::app
