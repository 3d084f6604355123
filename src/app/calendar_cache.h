// The working-day calendar loaded from the database, shared by all use cases and swapped atomically
// when an admin changes it.
#pragma once

#include <memory>
#include <mutex>

#include "core/calendar.h"
#include "store/database.h"

namespace minsheng::app {

class CalendarCache {
 public:
  // Loads calendar_days into a new calendar and makes it current.
  Status Reload(store::Database& db);
  std::shared_ptr<const WorkCalendar> Get() const;

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const WorkCalendar> calendar_ = std::make_shared<WorkCalendar>();  // GUARDED_BY(mutex_)
};

}  // namespace minsheng::app
