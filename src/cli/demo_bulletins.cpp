#include "cli/demo_bulletins.h"

#include <algorithm>

#include "app/bulletin_service.h"
#include "core/bulletin.h"
#include "core/calendar.h"

namespace minsheng::cli {
namespace {

// The last period of `kind` that ended by `today`.
BulletinPeriod LastEnded(BulletinKind kind, std::chrono::sys_days today) {
  const std::chrono::year_month_day ymd(today);
  const int year = static_cast<int>(ymd.year());
  const int month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  BulletinPeriod current = kind == BulletinKind::kQuarter ? BulletinPeriod{kind, year, (month - 1) / 3 + 1}
                                                          : BulletinPeriod{kind, year, month};
  return PreviousPeriod(current);
}

}  // namespace

Status LoadDemoBulletins(store::Database& db, const LoadedFixture& fixture, Timestamp now) {
  ManualClock clock(now);
  app::BulletinService bulletins(db, clock);
  const app::Actor supervisor = DemoActor(fixture.users.find("supervisor")->second, fixture);
  const auto today = LocalDay(now);
  for (BulletinKind kind : {BulletinKind::kQuarter, BulletinKind::kMonth}) {
    const BulletinPeriod period = LastEnded(kind, today);
    // Published on the 5th after the period at 10:00, never later than a minute before now.
    const Timestamp on_fifth = LocalDayStart(PeriodDays(period).second + std::chrono::days(4)) + 10 * 3600;
    clock.Set(std::min(on_fifth, now - 60));
    MS_TRY(bulletins.Publish(supervisor, period, ""));
  }
  return {};
}

}  // namespace minsheng::cli
