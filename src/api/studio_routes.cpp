// /api/v1/studios… and /api/v1/duty-shifts…: studios, members, the duty roster, check-in and check-out,
// and the month's attendance table (docs/api.md, "Studios and duty").
#include <chrono>

#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "app/studio_service.h"
#include "core/attendance.h"
#include "core/calendar.h"
#include "core/duty_roster.h"

namespace minsheng::api {
namespace {

using nlohmann::json;
using app::Actor;

json MemberJson(const app::StudioMember& m) {
  return {{"user_id", m.user_id}, {"display_name", m.display_name}, {"deputy_kind", m.deputy_kind},
          {"leader", m.leader},   {"position", m.position},         {"active", m.user_active},
          {"joined_at", FormatTime(m.joined_at)}};
}

json StudioJson(const app::StudioRecord& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"region_id", s.region_id},
          {"region_name", s.region_name},
          {"street_id", s.street_id},
          {"address", s.address},
          {"opening_hours", s.opening_hours},
          {"grace_minutes", s.grace_minutes},
          {"min_stay_minutes", s.min_stay_minutes},
          {"active", s.active},
          {"member_count", s.member_count},
          {"created_at", FormatTime(s.created_at)},
          {"updated_at", FormatTime(s.updated_at)}};
}

json StudioDetailJson(const app::StudioDetail& d) {
  json out = StudioJson(d.studio);
  json members = json::array();
  for (const auto& m : d.members) members.push_back(MemberJson(m));
  out["members"] = members;
  out["member_count"] = d.members.size();
  out["may_manage"] = d.may_manage;
  return out;
}

// "scheduled" (not yet checked in), "on_duty" (checked in, not out), "checked_out", or "decided" (attendance
// written without a check-out: absent, or never checked out).
std::string_view ShiftState(const app::DutyShift& s) {
  if (s.check_out_at) return "checked_out";
  if (s.attendance) return "decided";
  if (s.check_in_at) return "on_duty";
  return "scheduled";
}

json ShiftJson(const app::StudioService& studios, const Actor& actor, const app::DutyShift& s) {
  json attendance_label = nullptr;
  if (s.attendance)
    if (auto a = ParseAttendance(*s.attendance)) attendance_label = std::string(AttendanceLabel(*a));
  return {{"id", s.id},
          {"studio_id", s.studio_id},
          {"studio_name", s.studio_name},
          {"street_id", s.street_id},
          {"user_id", s.user_id},
          {"user_name", s.user_name},
          {"starts_at", FormatTime(s.starts_at)},
          {"ends_at", FormatTime(s.ends_at)},
          {"day", FormatDate(LocalDay(s.starts_at))},
          {"check_in_at", TimeOrNull(s.check_in_at)},
          {"check_out_at", TimeOrNull(s.check_out_at)},
          {"attendance", s.attendance ? json(*s.attendance) : json(nullptr)},
          {"attendance_label", attendance_label},
          {"state", ShiftState(s)},
          {"appeal_count", s.appeal_count},
          {"may_check_in", studios.MayCheckIn(actor, s)},
          {"may_check_out", studios.MayCheckOut(actor, s)}};
}

json ShiftsJson(const app::StudioService& studios, const Actor& actor, const std::vector<app::DutyShift>& shifts) {
  json items = json::array();
  for (const auto& s : shifts) items.push_back(ShiftJson(studios, actor, s));
  return items;
}

json FiguresJson(const app::DutyFigures& f) {
  return {{"user_id", f.user_id},
          {"display_name", f.display_name},
          {"shifts_scheduled", f.shifts_scheduled},
          {"shifts_due", f.shifts_due},
          {"attended", f.attended},
          {"on_time", f.on_time},
          {"late", f.late},
          {"left_early", f.left_early},
          {"absent", f.absent},
          {"came_and_left", f.came_and_left},
          {"appeals_on_shift", f.appeals_on_shift}};
}

Result<app::StudioInput> ReadStudioInput(const json& body) {
  app::StudioInput in;
  if (body.contains("name")) {
    MS_ASSIGN(name, RequiredString(body, "name", 100));
    in.name = std::move(name);
  }
  MS_ASSIGN(region, OptionalInt64(body, "region_id", 1));
  in.region_id = region;
  if (body.contains("address")) {
    MS_ASSIGN(address, OptionalString(body, "address", 200));
    in.address = address.value_or("");
  }
  if (body.contains("opening_hours")) {
    MS_ASSIGN(hours, OptionalString(body, "opening_hours", 200));
    in.opening_hours = hours.value_or("");
  }
  MS_ASSIGN(grace, OptionalInt64(body, "grace_minutes", 0, 120));
  MS_ASSIGN(stay, OptionalInt64(body, "min_stay_minutes", 0, 1440));
  MS_ASSIGN(active, OptionalBool(body, "active"));
  if (grace) in.grace_minutes = static_cast<int>(*grace);
  if (stay) in.min_stay_minutes = static_cast<int>(*stay);
  in.active = active;
  return in;
}

Result<app::RosterInput> ReadRoster(const json& body) {
  app::RosterInput in;
  MS_ASSIGN(from_text, RequiredString(body, "from", 10));
  MS_ASSIGN(to_text, RequiredString(body, "to", 10));
  MS_ASSIGN(from, ParseDate(from_text, "from"));
  MS_ASSIGN(to, ParseDate(to_text, "to"));
  MS_ASSIGN(weekdays, OptionalInt64Array(body, "weekdays", 7));
  MS_ASSIGN(start_text, RequiredString(body, "start", 5));
  MS_ASSIGN(end_text, RequiredString(body, "end", 5));
  MS_ASSIGN(start, ParseMinuteOfDay(start_text, "start"));
  MS_ASSIGN(end, ParseMinuteOfDay(end_text, "end"));
  MS_ASSIGN(per_shift, OptionalInt64(body, "per_shift", 1, 10));
  in.from = from;
  in.to = to;
  for (auto d : weekdays) in.pattern.weekdays.push_back(static_cast<int>(d));
  in.pattern.start_minute = start;
  in.pattern.end_minute = end;
  in.pattern.per_shift = per_shift ? static_cast<int>(*per_shift) : 1;
  return in;
}

// ?month=YYYY-MM (default: this month) → [first day, first day of the next month).
Result<Period> QueryMonth(const Request& req, const Clock& clock) {
  using namespace std::chrono;
  MS_ASSIGN(text, QueryString(req, "month", 7));
  year_month_day today{LocalDay(clock.Now())};
  year_month ym{today.year(), today.month()};
  if (text) {
    MS_ASSIGN(first, ParseDate(*text + "-01", "month"));
    year_month_day d{first};
    ym = year_month{d.year(), d.month()};
  }
  const sys_days first = sys_days{ym / 1};
  const sys_days next = sys_days{(ym + months(1)) / 1};
  return Period{LocalDayStart(first), LocalDayStart(next)};
}

}  // namespace

void AddStudioRoutes(Router& router, ApiServices& s) {
  app::StudioService& studios = s.studios;

  router.Add("GET", "/api/v1/studios", Staff(s, [&studios](Request&, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(list, studios.List(actor));
               json items = json::array();
               for (const auto& x : list) items.push_back(StudioJson(x));
               return Ok({{"items", items}});
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/studios", Staff(s, [&studios](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(in, ReadStudioInput(body));
               MS_ASSIGN(created, studios.Create(actor, in));
               return Created(StudioDetailJson(created));
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/studios/{id}", Staff(s, [&studios](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(detail, studios.Get(actor, id));
               return Ok(StudioDetailJson(detail));
             }),
             Dispatch::kWorker);

  router.Add("PATCH", "/api/v1/studios/{id}",
             Staff(s, [&studios](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(in, ReadStudioInput(body));
               MS_ASSIGN(detail, studios.Update(actor, id, in));
               return Ok(StudioDetailJson(detail));
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/studios/{id}/members",
             Staff(s, [&studios](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(user_id, RequiredInt64(body, "user_id", 1));
               MS_ASSIGN(leader, OptionalBool(body, "leader"));
               MS_ASSIGN(detail, studios.AddMember(actor, id, user_id, leader.value_or(false)));
               return Ok(StudioDetailJson(detail));
             }),
             Dispatch::kWorker);

  router.Add("DELETE", "/api/v1/studios/{id}/members/{user_id}",
             Staff(s, [&studios](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(user_id, PathId(req, "user_id"));
               MS_ASSIGN(detail, studios.RemoveMember(actor, id, user_id));
               return Ok(StudioDetailJson(detail));
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/studios/{id}/roster",
             Staff(s, [&studios](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(in, ReadRoster(body));
               MS_ASSIGN(result, studios.GenerateRoster(actor, id, in));
               return Created({{"items", ShiftsJson(studios, actor, result.created)},
                               {"created", result.created.size()},
                               {"skipped", result.skipped}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/studios/{id}/shifts",
             Staff(s, [&studios](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(period, QueryOptionalPeriod(req));
               MS_ASSIGN(shifts, studios.StudioShifts(actor, id, period.from, period.to));
               return Ok({{"items", ShiftsJson(studios, actor, shifts)}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/studios/{id}/attendance",
             Staff(s, [&studios, &s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(month, QueryMonth(req, s.clock));
               MS_ASSIGN(rows, studios.Attendance(actor, id, month.from, month.to));
               json items = json::array();
               for (const auto& f : rows) items.push_back(FiguresJson(f));
               return Ok({{"items", items},
                          {"month", FormatDate(LocalDay(month.from)).substr(0, 7)},
                          {"from", FormatDate(LocalDay(month.from))},
                          {"to", FormatDate(LocalDay(month.to - 1))}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/duty-shifts", Staff(s, [&studios](Request& req, const Actor& actor) -> Result<Response> {
               app::ShiftQuery q;
               MS_ASSIGN(mine, QueryString(req, "mine", 5));
               if (mine && *mine != "true" && *mine != "false")
                 return Fail(Error::Invalid("invalid_value", "mine 应为 true 或 false", "mine"));
               q.mine = mine && *mine == "true";
               MS_ASSIGN(studio_id, QueryId(req, "studio_id"));
               q.studio_id = studio_id;
               MS_ASSIGN(period, QueryOptionalPeriod(req));
               q.from = period.from;
               q.to = period.to;
               MS_ASSIGN(shifts, studios.ListShifts(actor, q));
               return Ok({{"items", ShiftsJson(studios, actor, shifts)}});
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/duty-shifts/{id}/reassign",
             Staff(s, [&studios](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(user_id, RequiredInt64(body, "user_id", 1));
               MS_ASSIGN(shift, studios.Reassign(actor, id, user_id));
               return Ok(ShiftJson(studios, actor, shift));
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/duty-shifts/swap", Staff(s, [&studios](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(a, RequiredInt64(body, "shift_id", 1));
               MS_ASSIGN(b, RequiredInt64(body, "other_shift_id", 1));
               MS_ASSIGN(shifts, studios.Swap(actor, a, b));
               return Ok({{"items", ShiftsJson(studios, actor, shifts)}});
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/duty-shifts/{id}/check-in",
             Staff(s, [&studios](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(shift, studios.CheckIn(actor, id));
               return Ok(ShiftJson(studios, actor, shift));
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/duty-shifts/{id}/check-out",
             Staff(s, [&studios](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(shift, studios.CheckOut(actor, id));
               return Ok(ShiftJson(studios, actor, shift));
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
