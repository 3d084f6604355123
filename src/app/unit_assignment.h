// The units a case or a proposal is given (派单 / 交办): one lead and any assisting units.
#pragma once

#include <vector>

#include "core/error.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::app {

struct UnitAssignment {
  store::DepartmentRecord lead;
  std::vector<store::Id> assisting;  // in the order given, without repeats
};

// The lead unit must exist and be active (kInvalid on lead_unit_id); each assisting unit too, and not be the
// lead (kInvalid on assisting_unit_ids). Repeats are dropped.
Result<UnitAssignment> CheckUnitAssignment(store::Tx& tx, store::Id lead_unit_id,
                                           const std::vector<store::Id>& assisting_unit_ids);

}  // namespace minsheng::app
