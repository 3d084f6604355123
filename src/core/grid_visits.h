// Grids (网格) and how often their people must go round them: seed 004 asks for visits on at least three
// different days of every week. A week runs Monday to Sunday in China Standard Time.
#pragma once

#include <chrono>
#include <span>

#include "core/clock.h"

namespace minsheng {

inline constexpr int kDefaultGridVisitDays = 3;

// The Monday of the week that contains `day`.
std::chrono::sys_days WeekStart(std::chrono::sys_days day);

// How many different local days of the week starting `monday` have at least one of `visits`; visits
// outside that week are ignored.
int VisitDaysInWeek(std::span<const Timestamp> visits, std::chrono::sys_days monday);

// Whether a grid with `visit_days` in a week fell short of `required_visit_days`.
inline bool GridBehind(int visit_days, int required_visit_days) { return visit_days < required_visit_days; }

}  // namespace minsheng
