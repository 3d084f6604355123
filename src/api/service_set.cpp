#include "api/service_set.h"

namespace minsheng::api {

ServiceSet::ServiceSet(store::Database& db, const Clock& clock, int public_submissions_per_minute)
    : db_(db),
      appeals_(db, clock, calendar_),
      auth_(db, clock),
      reference_(db, clock, calendar_),
      metrics_(db, clock),
      audit_(db, clock),
      public_submissions_(public_submissions_per_minute, std::chrono::seconds(60)),
      studios_(db, clock, calendar_),
      api_{db, clock, appeals_, auth_, reference_, metrics_, audit_, public_submissions_, studios_} {}

Status ServiceSet::LoadCalendar() { return calendar_.Reload(db_); }

}  // namespace minsheng::api
