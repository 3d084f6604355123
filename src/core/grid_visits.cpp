#include "core/grid_visits.h"

#include <bitset>

#include "core/calendar.h"

namespace minsheng {

std::chrono::sys_days WeekStart(std::chrono::sys_days day) {
  const unsigned iso = std::chrono::weekday{day}.iso_encoding();  // Monday 1 .. Sunday 7
  return day - std::chrono::days{iso - 1};
}

int VisitDaysInWeek(std::span<const Timestamp> visits, std::chrono::sys_days monday) {
  std::bitset<7> seen;
  for (Timestamp t : visits) {
    const auto offset = (LocalDay(t) - monday).count();
    if (offset >= 0 && offset < 7) seen.set(static_cast<std::size_t>(offset));
  }
  return static_cast<int>(seen.count());
}

}  // namespace minsheng
