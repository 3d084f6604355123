// Who may do what outside the appeal lifecycle (whose actions and roles are in lifecycle.h): one table
// of operations and the staff roles allowed to take them. Region scope and unit binding are checked
// where the objects are loaded; this says only which roles may ask at all.
#pragma once

#include <span>
#include <string_view>

#include "core/lifecycle.h"

namespace minsheng {

enum class Operation {
  kReadReference,     // regions, departments, categories, the calendar: every staff role
  kReadAppeals,       // appeal lists and details (scoped): every staff role
  kReadNotices,       // supervision notices (scoped): every staff role
  kDecideExtension,   // approve or refuse a unit's extension request
  kViewDashboard,     // /metrics, /rankings and the dashboard's export (scoped to the caller's region)
  kPickCaseUsers,     // list the active leaders and deputies a case can be given
  kManageUsers,       // add, change, deactivate users, reset passwords, lift login locks
  kManageReference,   // add or change regions, departments, categories, calendar days
  kReadAuditLog,      // the audit log of personal-data views and admin actions
  kReadStudios,       // studios, their members, rosters and attendance (scoped): every staff role
  kManageStudios,     // add and change studios, members, rosters; reassign and swap shifts (scoped)
  kCheckInDuty,       // check in and out of one's own duty shift
};

// Whether `role` may take `operation` at all.
bool RoleMayDo(Role role, Operation operation);

// "view_dashboard" …, for logs and tests.
std::string_view OperationName(Operation operation);

// Every operation, in declaration order.
std::span<const Operation> AllOperations();

}  // namespace minsheng
