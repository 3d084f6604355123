#include "app/calendar_cache.h"

#include "store/reference_repository.h"

namespace minsheng::app {

Status CalendarCache::Reload(store::Database& db) {
  auto calendar = std::make_shared<WorkCalendar>();
  MS_TRY(db.Read([&](store::Tx& tx) -> Status {
    MS_ASSIGN(days, store::ListCalendarDays(tx));
    for (const auto& d : days) {
      MS_ASSIGN(day, ParseDate(d.day));
      calendar->Set(CalendarDay{day, d.kind == "workday" ? DayKind::kWorkday : DayKind::kHoliday, d.name});
    }
    return {};
  }));
  std::lock_guard lock(mutex_);
  calendar_ = std::move(calendar);
  return {};
}

std::shared_ptr<const WorkCalendar> CalendarCache::Get() const {
  std::lock_guard lock(mutex_);
  return calendar_;
}

}  // namespace minsheng::app
