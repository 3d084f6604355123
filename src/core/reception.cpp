#include "core/reception.h"

#include "core/calendar.h"

namespace minsheng {

Timestamp EarliestReceptionStart(Timestamp published_at) {
  return LocalDayStart(LocalDay(published_at) + std::chrono::days(kReceptionNoticeDays));
}

bool AnnouncedInTime(Timestamp published_at, Timestamp starts_at) {
  return starts_at >= EarliestReceptionStart(published_at);
}

}  // namespace minsheng
