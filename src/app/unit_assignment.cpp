#include "app/unit_assignment.h"

#include <algorithm>
#include <string>

#include "store/reference_repository.h"

namespace minsheng::app {

Result<UnitAssignment> CheckUnitAssignment(store::Tx& tx, store::Id lead_unit_id,
                                           const std::vector<store::Id>& assisting_unit_ids) {
  MS_ASSIGN(lead, store::FindDepartment(tx, lead_unit_id));
  if (!lead || !lead->active) return Fail(Error::Invalid("invalid_value", "主办单位不存在", "lead_unit_id"));
  UnitAssignment out{std::move(*lead), {}};
  for (store::Id unit : assisting_unit_ids) {
    if (unit == lead_unit_id)
      return Fail(Error::Invalid("invalid_value", "协办单位不能与主办单位相同", "assisting_unit_ids"));
    if (std::find(out.assisting.begin(), out.assisting.end(), unit) != out.assisting.end()) continue;
    MS_ASSIGN(found, store::FindDepartment(tx, unit));
    if (!found || !found->active)
      return Fail(Error::Invalid("invalid_value", "协办单位不存在：" + std::to_string(unit), "assisting_unit_ids"));
    out.assisting.push_back(unit);
  }
  return out;
}

}  // namespace minsheng::app
