#include "cli/demo_studios.h"

#include "app/studio_service.h"
#include "cli/demo_texts.h"
#include "core/attendance.h"
#include "store/duty_repository.h"
#include "store/reference_repository.h"

namespace minsheng::cli {
namespace {

constexpr std::int64_t kDay = 86400;

struct ExtraDeputy {
  const char* username;
  const char* display_name;
  const char* street_code;
  const char* kind;
  const char* phone;
};
constexpr ExtraDeputy kExtraDeputies[] = {
    {"deputy-s01-2", "周建国（区人大代表）", "s01", "npc", "13800000041"},
    {"deputy-s01-3", "林秀英（区政协委员）", "s01", "cppcc", "13800000042"},
    {"deputy-s02-2", "韩志强（镇人大代表）", "s02", "npc", "13800000043"},
    {"deputy-s02-3", "吴佩玲（区政协委员）", "s02", "cppcc", "13800000044"},
};

struct DemoStudio {
  const char* name;
  const char* region_code;
  const char* address;
  const char* opening_hours;
  std::vector<const char*> members;  // the first leads it
  std::vector<int> weekdays;
  const char* start;
  const char* end;
  int per_shift;
};

std::vector<DemoStudio> Studios() {
  return {
      {"东湖街道人大代表联络站", "s01", "东湖街道办事处一楼东侧", "周一、三、五 9:00–12:00",
       {"deputy-s01", "deputy-s01-2", "deputy-s01-3", "deputy"}, {1, 3, 5}, "09:00", "12:00", 2},
      {"朝阳社区代表委员工作室", "s01c01", "朝阳社区党群服务中心二楼", "每周六 9:00–11:30",
       {"deputy-s01-3", "deputy-s01-2", "deputy-s01"}, {6}, "09:00", "11:30", 1},
      {"西岭镇人大代表之家", "s02", "西岭镇政府便民服务大厅", "周二、四 14:00–17:00",
       {"deputy-s02", "deputy-s02-2", "deputy-s02-3"}, {2, 4}, "14:00", "17:00", 2},
  };
}

// Where a past shift's deputy came and went, drawn so that every kind of attendance shows up.
void Attend(store::DutyShiftRecord& s, DemoRandom& rng) {
  const int roll = rng.Below(100);
  const std::int64_t minute = 60;
  if (roll < 7) return;  // absent
  if (roll < 67) {       // on time
    s.check_in_at = s.starts_at + rng.Between(-20, 8) * minute;
    s.check_out_at = s.ends_at + rng.Between(0, 15) * minute;
  } else if (roll < 80) {  // late
    s.check_in_at = s.starts_at + rng.Between(15, 50) * minute;
    s.check_out_at = s.ends_at + rng.Between(0, 10) * minute;
  } else if (roll < 90) {  // left early
    s.check_in_at = s.starts_at + rng.Between(-10, 5) * minute;
    s.check_out_at = s.ends_at - rng.Between(20, 60) * minute;
  } else {  // came and left
    s.check_in_at = s.starts_at + rng.Between(-5, 10) * minute;
    s.check_out_at = *s.check_in_at + rng.Between(20, 40) * minute;
    if (*s.check_out_at - std::max(*s.check_in_at, s.starts_at) >= 30 * minute)
      s.check_out_at = std::max(*s.check_in_at, s.starts_at) + 25 * minute;
  }
}

}  // namespace

Status LoadDemoStudios(store::Database& db, const app::CalendarCache& calendar, const LoadedFixture& fixture,
                       const std::string& password_hash, Timestamp now, std::uint64_t seed) {
  // More deputies: a studio rotates through three or four.
  std::map<std::string, store::Id, std::less<>> users;
  for (const auto& [name, u] : fixture.users) users[name] = u.id;
  MS_TRY(db.Write([&](store::Tx& tx) -> Status {
    for (const auto& d : kExtraDeputies) {
      store::UserRecord u{.username = d.username, .password_hash = password_hash, .display_name = d.display_name,
                          .role = "deputy", .region_id = fixture.regions.find(d.street_code)->second.id,
                          .deputy_kind = d.kind, .phone = d.phone, .created_at = now - 200 * kDay};
      MS_ASSIGN(id, store::InsertUser(tx, u));
      users[d.username] = id;
    }
    return {};
  }));

  const auto& district = fixture.regions.find("district")->second;
  const auto& admin = fixture.users.find("admin")->second;
  app::Actor actor{.user_id = admin.id, .role = Role::kAdmin, .username = admin.username,
                   .display_name = admin.display_name, .region_id = district.id, .region_path = district.path};
  ManualClock clock(now - 43 * kDay);  // the rosters were drawn up six weeks ago
  app::StudioService studios(db, clock, calendar);
  const auto today = LocalDay(now);
  DemoRandom rng(seed ^ 0x57D10);
  for (const auto& d : Studios()) {
    MS_ASSIGN(created, studios.Create(actor, {.name = d.name, .region_id = fixture.regions.find(d.region_code)->second.id,
                                             .address = d.address, .opening_hours = d.opening_hours}));
    bool first = true;
    for (const char* m : d.members) {
      MS_TRY(studios.AddMember(actor, created.studio.id, users.at(m), first));
      first = false;
    }
    WeeklyPattern pattern{.weekdays = d.weekdays, .per_shift = d.per_shift};
    MS_ASSIGN(start, ParseMinuteOfDay(d.start, "start"));
    MS_ASSIGN(end, ParseMinuteOfDay(d.end, "end"));
    pattern.start_minute = start;
    pattern.end_minute = end;
    MS_ASSIGN(roster, studios.GenerateRoster(actor, created.studio.id,
                                             {.from = today - std::chrono::days(42), .to = today + std::chrono::days(28),
                                              .pattern = pattern}));
    // The past: check-ins and check-outs, and the attendance they make.
    const AttendanceRules rules{.grace_minutes = created.studio.grace_minutes,
                                .min_stay_minutes = created.studio.min_stay_minutes};
    MS_TRY(db.Write([&](store::Tx& tx) -> Status {
      for (auto shift : roster.created) {
        if (shift.ends_at > now) continue;
        Attend(shift, rng);
        if (shift.check_out_at && *shift.check_out_at > now) shift.check_out_at.reset();  // still there
        const ShiftTimes times{.starts_at = shift.starts_at, .ends_at = shift.ends_at,
                               .check_in_at = shift.check_in_at, .check_out_at = shift.check_out_at};
        if (auto a = DecideAttendance(times, rules, now)) {
          shift.attendance = std::string(AttendanceName(*a));
          shift.decided_at = shift.check_out_at.value_or(shift.ends_at);
        }
        MS_TRY(store::UpdateDutyShift(tx, shift, shift.version));
        if (shift.check_in_at && shift.check_out_at)
          MS_TRY(tx.Execute("UPDATE appeals SET duty_shift_id = ? WHERE created_by = ? AND created_at >= ? AND "
                            "created_at < ? AND duty_shift_id IS NULL",
                            {shift.id, shift.user_id, *shift.check_in_at, *shift.check_out_at}));
      }
      return {};
    }));
  }
  return {};
}

}  // namespace minsheng::cli
