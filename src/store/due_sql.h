// core/overdue.h as SQL over the appeals table aliased `a`: the deadline that matters in each state.
#pragma once

#include <string>

namespace minsheng::store {

// "CASE a.status WHEN 'dispatched' THEN COALESCE(a.accept_due, a.reply_due) … END" (NULL for states
// without a deadline).
const std::string& CurrentDueSql();

}  // namespace minsheng::store
