#include "app/studio_service.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "core/access.h"
#include "core/attendance.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;
using store::Tx;

constexpr int kMaxText = 200;
constexpr int kSweepBatch = 500;

Error StudioNotFound() { return Error::NotFound("工作室不存在", "id"); }
Error ShiftNotFound() { return Error::NotFound("班次不存在", "id"); }

std::string Trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

// The region path a deputy reads studios under: their street's (a deputy of a community reads the whole
// street's studios). "/1/4/9/" → "/1/4/"; a street or district path stays as it is.
std::string StreetPathOf(const std::string& path) {
  std::size_t slashes = 0;
  for (std::size_t i = 0; i < path.size(); ++i)
    if (path[i] == '/' && ++slashes == 3) return path.substr(0, i + 1);
  return path;
}

// The path the actor reads studios under; nullopt: everything.
std::optional<std::string> ReadScope(const Actor& actor) {
  if (actor.DistrictWide()) return std::nullopt;
  return actor.Is(Role::kDeputy) ? StreetPathOf(actor.region_path) : actor.region_path;
}

Result<bool> IsMember(Tx& tx, Id studio_id, Id user_id) {
  MS_ASSIGN(m, store::FindStudioMember(tx, studio_id, user_id));
  return m.has_value();
}

Result<bool> MayRead(Tx& tx, const Actor& actor, const StudioRecord& s) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, Operation::kReadStudios)) return false;
  const auto scope = ReadScope(actor);
  if (!scope || s.region_path.starts_with(*scope)) return true;
  if (actor.Is(Role::kDeputy)) return IsMember(tx, s.id, actor.user_id);
  return false;
}

bool MayManage(const Actor& actor, const StudioRecord& s) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, Operation::kManageStudios)) return false;
  return s.region_path.starts_with(actor.region_path);
}

Status RequireManager(const Actor& actor) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, Operation::kManageStudios))
    return Fail(Error::Forbidden("只有管理员或街镇枢纽可以管理工作室"));
  return {};
}

// The studio, if the actor may read it (kNotFound otherwise, as for a missing one).
Result<StudioRecord> LoadReadable(Tx& tx, const Actor& actor, Id id) {
  MS_ASSIGN(s, store::FindStudio(tx, id));
  if (!s) return Fail(StudioNotFound());
  MS_ASSIGN(readable, MayRead(tx, actor, *s));
  if (!readable) return Fail(StudioNotFound());
  return std::move(*s);
}

// The studio, if the actor may change it: out of read scope kNotFound; readable but not theirs kForbidden.
Result<StudioRecord> LoadManageable(Tx& tx, const Actor& actor, Id id) {
  MS_TRY(RequireManager(actor));
  MS_ASSIGN(s, LoadReadable(tx, actor, id));
  if (!MayManage(actor, s)) return Fail(Error::Forbidden("该工作室不在您负责的范围内"));
  return s;
}

Result<DutyShift> LoadShift(Tx& tx, const Actor& actor, Id shift_id) {
  MS_ASSIGN(shift, store::FindDutyShift(tx, shift_id));
  if (!shift) return Fail(ShiftNotFound());
  if (actor.Is(Role::kDeputy) && shift->user_id == actor.user_id) return std::move(*shift);
  MS_ASSIGN(s, store::FindStudio(tx, shift->studio_id));
  if (!s) return Fail(ShiftNotFound());
  MS_ASSIGN(readable, MayRead(tx, actor, *s));
  if (!readable) return Fail(ShiftNotFound());
  return std::move(*shift);
}

Status CheckStudio(const StudioRecord& s) {
  if (s.name.empty()) return Fail(Error::Invalid("missing_field", "请填写工作室名称", "name"));
  if (s.name.size() > kMaxText) return Fail(Error::Invalid("too_long", "工作室名称过长", "name"));
  if (s.address.size() > kMaxText) return Fail(Error::Invalid("too_long", "地址过长", "address"));
  if (s.opening_hours.size() > kMaxText) return Fail(Error::Invalid("too_long", "开放时间过长", "opening_hours"));
  if (s.grace_minutes < 0 || s.grace_minutes > 120)
    return Fail(Error::Invalid("invalid_value", "迟到宽限应为 0 到 120 分钟", "grace_minutes"));
  if (s.min_stay_minutes < 0 || s.min_stay_minutes > 24 * 60)
    return Fail(Error::Invalid("invalid_value", "最短在岗时间应为 0 到 1440 分钟", "min_stay_minutes"));
  return {};
}

// Applies the input's present members to `s`; the region must be a street or a community, within the
// actor's region (kForbidden otherwise).
Status Apply(Tx& tx, const Actor& actor, const StudioInput& in, StudioRecord& s) {
  if (in.name) s.name = Trim(*in.name);
  if (in.address) s.address = Trim(*in.address);
  if (in.opening_hours) s.opening_hours = Trim(*in.opening_hours);
  if (in.grace_minutes) s.grace_minutes = *in.grace_minutes;
  if (in.min_stay_minutes) s.min_stay_minutes = *in.min_stay_minutes;
  if (in.active) s.active = *in.active;
  if (in.region_id) {
    MS_ASSIGN(region, store::FindRegion(tx, *in.region_id));
    if (!region || !region->street_id || (region->level != "street" && region->level != "community"))
      return Fail(Error::Invalid("invalid_value", "所属区域应为街镇或社区", "region_id"));
    if (!region->path.starts_with(actor.region_path))
      return Fail(Error::Forbidden("该区域不在您负责的范围内"));
    s.region_id = region->id;
    s.street_id = *region->street_id;
    s.region_path = region->path;
    s.region_name = region->name;
  }
  return CheckStudio(s);
}

nlohmann::json StudioAuditDetail(const StudioRecord& s) {
  return {{"name", s.name},          {"region_id", s.region_id},         {"address", s.address},
          {"opening_hours", s.opening_hours}, {"grace_minutes", s.grace_minutes},
          {"min_stay_minutes", s.min_stay_minutes}, {"active", s.active}};
}

Result<StudioDetail> LoadDetail(Tx& tx, const Actor& actor, StudioRecord s) {
  MS_ASSIGN(members, store::ListStudioMembers(tx, s.id));
  StudioDetail d{.studio = std::move(s), .members = std::move(members)};
  d.may_manage = MayManage(actor, d.studio);
  return d;
}

bool Started(const DutyShift& s) { return s.check_in_at.has_value() || s.attendance.has_value(); }

ShiftTimes TimesOf(const DutyShift& s) {
  return {.starts_at = s.starts_at, .ends_at = s.ends_at, .check_in_at = s.check_in_at, .check_out_at = s.check_out_at};
}

// Whether `user_id` already has a shift at the studio overlapping [starts_at, ends_at), other than `except`.
Result<bool> HasOverlap(Tx& tx, Id studio_id, Id user_id, Timestamp starts_at, Timestamp ends_at, Id except) {
  MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM duty_shifts WHERE studio_id = ? AND user_id = ? AND id <> ? "
                             "AND starts_at < ? AND ends_at > ?",
                             {studio_id, user_id, except, ends_at, starts_at}));
  return row && row->Int(0) > 0;
}

}  // namespace

StudioService::StudioService(store::Database& db, const Clock& clock, const CalendarCache& calendar)
    : db_(db), clock_(clock), calendar_(calendar) {}

Result<std::vector<StudioRecord>> StudioService::List(const Actor& actor) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, Operation::kReadStudios))
    return Fail(Error::Forbidden("您不能查看工作室"));
  store::StudioFilter f;
  f.scope_path = ReadScope(actor);
  if (f.scope_path && actor.Is(Role::kDeputy)) f.or_member_id = actor.user_id;
  return ReadValue<std::vector<StudioRecord>>(db_, [&](Tx& tx) { return store::ListStudios(tx, f); });
}

Result<StudioDetail> StudioService::Get(const Actor& actor, Id id) {
  return ReadValue<StudioDetail>(db_, [&](Tx& tx) -> Result<StudioDetail> {
    MS_ASSIGN(s, LoadReadable(tx, actor, id));
    return LoadDetail(tx, actor, std::move(s));
  });
}

Result<StudioDetail> StudioService::Create(const Actor& actor, const StudioInput& in) {
  MS_TRY(RequireManager(actor));
  if (!in.name || Trim(*in.name).empty())
    return Fail(Error::Invalid("missing_field", "请填写工作室名称", "name"));
  if (!in.region_id) return Fail(Error::Invalid("missing_field", "请选择所属街镇或社区", "region_id"));
  const Timestamp now = clock_.Now();
  return WriteValue<StudioDetail>(db_, [&](Tx& tx) -> Result<StudioDetail> {
    StudioRecord s;
    MS_TRY(Apply(tx, actor, in, s));
    s.created_at = s.updated_at = now;
    MS_ASSIGN(id, store::InsertStudio(tx, s));
    s.id = id;
    MS_TRY(Audit(tx, actor, now, "studio_create", "studio", id, s.street_id, StudioAuditDetail(s)));
    return LoadDetail(tx, actor, std::move(s));
  });
}

Result<StudioDetail> StudioService::Update(const Actor& actor, Id id, const StudioInput& in) {
  const Timestamp now = clock_.Now();
  return WriteValue<StudioDetail>(db_, [&](Tx& tx) -> Result<StudioDetail> {
    MS_ASSIGN(s, LoadManageable(tx, actor, id));
    MS_TRY(Apply(tx, actor, in, s));
    s.updated_at = now;
    MS_TRY(store::UpdateStudio(tx, s));
    MS_TRY(Audit(tx, actor, now, "studio_update", "studio", id, s.street_id, StudioAuditDetail(s)));
    return LoadDetail(tx, actor, std::move(s));
  });
}

Result<StudioDetail> StudioService::AddMember(const Actor& actor, Id id, Id user_id, bool leader) {
  const Timestamp now = clock_.Now();
  return WriteValue<StudioDetail>(db_, [&](Tx& tx) -> Result<StudioDetail> {
    MS_ASSIGN(s, LoadManageable(tx, actor, id));
    MS_ASSIGN(user, store::FindUser(tx, user_id));
    if (!user || !user->active || user->role != "deputy")
      return Fail(Error::Invalid("not_a_deputy", "成员应为在岗的代表委员", "user_id"));
    MS_ASSIGN(existing, store::FindStudioMember(tx, id, user_id));
    if (leader) MS_TRY(store::ClearStudioLeader(tx, id));
    if (existing) {
      MS_TRY(store::SetStudioMemberLeader(tx, id, user_id, leader));
    } else {
      MS_TRY(store::InsertStudioMember(
          tx, {.studio_id = id, .user_id = user_id, .street_id = s.street_id, .leader = leader, .joined_at = now}));
    }
    MS_TRY(Audit(tx, actor, now, "studio_member_add", "studio", id, s.street_id,
                 {{"user_id", user_id}, {"display_name", user->display_name}, {"leader", leader}}));
    return LoadDetail(tx, actor, std::move(s));
  });
}

Result<StudioDetail> StudioService::RemoveMember(const Actor& actor, Id id, Id user_id) {
  const Timestamp now = clock_.Now();
  return WriteValue<StudioDetail>(db_, [&](Tx& tx) -> Result<StudioDetail> {
    MS_ASSIGN(s, LoadManageable(tx, actor, id));
    MS_ASSIGN(removed, store::DeleteStudioMember(tx, id, user_id));
    if (!removed) return Fail(Error::NotFound("该代表不是本工作室成员", "user_id"));
    MS_TRY(Audit(tx, actor, now, "studio_member_remove", "studio", id, s.street_id, {{"user_id", user_id}}));
    return LoadDetail(tx, actor, std::move(s));
  });
}

Result<RosterResult> StudioService::GenerateRoster(const Actor& actor, Id id, const RosterInput& in) {
  const Timestamp now = clock_.Now();
  // Past days would only fill up with absences: a roster starts today at the earliest.
  if (in.from < LocalDay(now)) return Fail(Error::Invalid("invalid_value", "排班开始日期不能早于今天", "from"));
  const auto calendar = calendar_.Get();
  return WriteValue<RosterResult>(db_, [&](Tx& tx) -> Result<RosterResult> {
    MS_ASSIGN(s, LoadManageable(tx, actor, id));
    if (!s.active) return Fail(Error::Conflict("studio_inactive", "工作室已停用，不能排班"));
    MS_ASSIGN(members, store::ListStudioMembers(tx, id));
    std::vector<Id> rotation;
    for (const auto& m : members)
      if (m.user_active) rotation.push_back(m.user_id);
    MS_ASSIGN(existing, store::CountStudioShifts(tx, id));
    // A slot the studio already has shifts in is left as it is (generating twice changes nothing).
    MS_ASSIGN(booked, store::ListDutyShifts(tx, {.studio_id = id, .from = LocalDayStart(in.from),
                                                 .to = LocalDayStart(in.to + std::chrono::days(1)),
                                                 .limit = 100000}));
    auto taken = [&](Timestamp starts_at, Timestamp ends_at) {
      return std::any_of(booked.begin(), booked.end(),
                         [&](const DutyShift& b) { return b.starts_at < ends_at && b.ends_at > starts_at; });
    };
    RosterResult result;
    MS_ASSIGN(planned, PlanRoster(in.from, in.to, in.pattern, rotation, *calendar,
                                  static_cast<std::size_t>(existing), taken, &result.skipped));
    for (const auto& p : planned) {
      DutyShift d{.studio_id = id, .street_id = s.street_id, .user_id = p.user_id, .starts_at = p.starts_at,
                  .ends_at = p.ends_at, .created_at = now, .created_by = actor.user_id};
      MS_ASSIGN(shift_id, store::InsertDutyShift(tx, d));
      MS_ASSIGN(stored, store::FindDutyShift(tx, shift_id));
      result.created.push_back(std::move(*stored));
    }
    nlohmann::json weekdays = in.pattern.weekdays;
    MS_TRY(Audit(tx, actor, now, "duty_roster_generate", "studio", id, s.street_id,
                 {{"from", FormatDate(in.from)}, {"to", FormatDate(in.to)}, {"weekdays", weekdays},
                  {"start", FormatMinuteOfDay(in.pattern.start_minute)},
                  {"end", FormatMinuteOfDay(in.pattern.end_minute)}, {"per_shift", in.pattern.per_shift},
                  {"created", result.created.size()}, {"skipped", result.skipped}}));
    return result;
  });
}

Result<std::vector<DutyShift>> StudioService::StudioShifts(const Actor& actor, Id id, std::optional<Timestamp> from,
                                                           std::optional<Timestamp> to) {
  return ReadValue<std::vector<DutyShift>>(db_, [&](Tx& tx) -> Result<std::vector<DutyShift>> {
    MS_TRY(LoadReadable(tx, actor, id));
    return store::ListDutyShifts(tx, {.studio_id = id, .from = from, .to = to});
  });
}

Result<std::vector<DutyShift>> StudioService::ListShifts(const Actor& actor, const ShiftQuery& q) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, Operation::kReadStudios))
    return Fail(Error::Forbidden("您不能查看值班"));
  store::DutyShiftFilter f{.studio_id = q.studio_id, .from = q.from, .to = q.to};
  if (q.mine) {
    f.user_id = actor.user_id;
    f.newest_first = true;
  } else {
    f.scope_path = ReadScope(actor);
    if (f.scope_path && actor.Is(Role::kDeputy)) f.or_user_id = actor.user_id;
  }
  return ReadValue<std::vector<DutyShift>>(db_, [&](Tx& tx) { return store::ListDutyShifts(tx, f); });
}

Result<DutyShift> StudioService::GetShift(const Actor& actor, Id shift_id) {
  return ReadValue<DutyShift>(db_, [&](Tx& tx) { return LoadShift(tx, actor, shift_id); });
}

Result<DutyShift> StudioService::Reassign(const Actor& actor, Id shift_id, Id user_id) {
  MS_TRY(RequireManager(actor));
  const Timestamp now = clock_.Now();
  return WriteValue<DutyShift>(db_, [&](Tx& tx) -> Result<DutyShift> {
    MS_ASSIGN(shift, LoadShift(tx, actor, shift_id));
    MS_ASSIGN(s, LoadManageable(tx, actor, shift.studio_id));
    if (Started(shift)) return Fail(Error::Conflict("shift_started", "该班次已签到或已考勤，不能改派"));
    if (shift.user_id == user_id) return Fail(Error::Invalid("invalid_value", "改派对象与原值班人相同", "user_id"));
    MS_ASSIGN(member, store::FindStudioMember(tx, s.id, user_id));
    if (!member || !member->user_active)
      return Fail(Error::Invalid("not_a_member", "改派对象应为本工作室成员", "user_id"));
    MS_ASSIGN(overlap, HasOverlap(tx, s.id, user_id, shift.starts_at, shift.ends_at, shift.id));
    if (overlap) return Fail(Error::Conflict("already_on_shift", member->display_name + " 在该时段已有班次"));
    const Id from_user = shift.user_id;
    shift.user_id = user_id;
    MS_TRY(store::UpdateDutyShift(tx, shift, shift.version));
    MS_TRY(Audit(tx, actor, now, "duty_shift_reassign", "duty_shift", shift.id, s.street_id,
                 {{"from_user_id", from_user}, {"to_user_id", user_id}}));
    MS_ASSIGN(stored, store::FindDutyShift(tx, shift.id));
    return std::move(*stored);
  });
}

Result<std::vector<DutyShift>> StudioService::Swap(const Actor& actor, Id shift_id, Id other_shift_id) {
  MS_TRY(RequireManager(actor));
  if (shift_id == other_shift_id)
    return Fail(Error::Invalid("invalid_value", "请选择两个不同的班次", "other_shift_id"));
  const Timestamp now = clock_.Now();
  return WriteValue<std::vector<DutyShift>>(db_, [&](Tx& tx) -> Result<std::vector<DutyShift>> {
    MS_ASSIGN(a, LoadShift(tx, actor, shift_id));
    MS_ASSIGN(b, LoadShift(tx, actor, other_shift_id));
    MS_ASSIGN(s, LoadManageable(tx, actor, a.studio_id));
    if (b.studio_id != a.studio_id)
      return Fail(Error::Invalid("different_studios", "只能对调同一工作室的班次", "other_shift_id"));
    if (Started(a) || Started(b)) return Fail(Error::Conflict("shift_started", "已签到或已考勤的班次不能对调"));
    if (a.user_id == b.user_id)
      return Fail(Error::Invalid("invalid_value", "两个班次是同一人值班，无需对调", "other_shift_id"));
    MS_ASSIGN(a_clash, HasOverlap(tx, s.id, b.user_id, a.starts_at, a.ends_at, b.id));
    MS_ASSIGN(b_clash, HasOverlap(tx, s.id, a.user_id, b.starts_at, b.ends_at, a.id));
    if (a_clash || b_clash) return Fail(Error::Conflict("already_on_shift", "对调后会有人在同一时段值两个班"));
    std::swap(a.user_id, b.user_id);
    MS_TRY(store::UpdateDutyShift(tx, a, a.version));
    MS_TRY(store::UpdateDutyShift(tx, b, b.version));
    MS_TRY(Audit(tx, actor, now, "duty_shift_swap", "duty_shift", a.id, s.street_id,
                 {{"shift_id", a.id}, {"other_shift_id", b.id}}));
    MS_ASSIGN(x, store::FindDutyShift(tx, a.id));
    MS_ASSIGN(y, store::FindDutyShift(tx, b.id));
    return std::vector<DutyShift>{std::move(*x), std::move(*y)};
  });
}

namespace {

// Check-in and check-out: the deputy's own open shift, changed by `change` under its row version.
Result<DutyShift> ChangeOwnShift(store::Database& db, const Actor& actor, Id shift_id, std::string_view verb,
                                 const std::function<Status(DutyShift&)>& change) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, Operation::kCheckInDuty))
    return Fail(Error::Forbidden("只有代表委员可以值班" + std::string(verb)));
  return WriteValue<DutyShift>(db, [&](Tx& tx) -> Result<DutyShift> {
    MS_ASSIGN(shift, LoadShift(tx, actor, shift_id));
    if (shift.user_id != actor.user_id) return Fail(Error::Forbidden("只能为自己的班次" + std::string(verb)));
    const bool decided = shift.attendance.has_value();
    MS_TRY(change(shift));  // its own refusals first: "already_checked_out" says more than "shift_over"
    if (decided) return Fail(Error::Conflict("shift_over", "该班次已有考勤结果"));
    MS_TRY(store::UpdateDutyShift(tx, shift, shift.version));
    MS_ASSIGN(stored, store::FindDutyShift(tx, shift.id));
    return std::move(*stored);
  });
}

}  // namespace

Result<DutyShift> StudioService::CheckIn(const Actor& actor, Id shift_id) {
  const Timestamp now = clock_.Now();
  return ChangeOwnShift(db_, actor, shift_id, "签到", [&](DutyShift& shift) -> Status {
    MS_TRY(CheckInAllowed(TimesOf(shift), now));
    shift.check_in_at = now;
    return {};
  });
}

Result<DutyShift> StudioService::CheckOut(const Actor& actor, Id shift_id) {
  const Timestamp now = clock_.Now();
  return ChangeOwnShift(db_, actor, shift_id, "签退", [&](DutyShift& shift) -> Status {
    MS_TRY(CheckOutAllowed(TimesOf(shift), now));
    shift.check_out_at = now;
    const auto decided = DecideAttendance(
        TimesOf(shift), {.grace_minutes = shift.grace_minutes, .min_stay_minutes = shift.min_stay_minutes}, now);
    if (decided) {
      shift.attendance = std::string(AttendanceName(*decided));
      shift.decided_at = now;
    }
    return {};
  });
}

Result<std::vector<DutyFigures>> StudioService::Attendance(const Actor& actor, Id id, Timestamp from, Timestamp to) {
  const Timestamp now = clock_.Now();
  return ReadValue<std::vector<DutyFigures>>(db_, [&](Tx& tx) -> Result<std::vector<DutyFigures>> {
    MS_TRY(LoadReadable(tx, actor, id));
    return store::ListDutyFigures(tx, {.from = from, .to = to, .now = now, .studio_id = id});
  });
}

bool StudioService::MayCheckIn(const Actor& actor, const DutyShift& shift) const {
  return actor.Is(Role::kDeputy) && shift.user_id == actor.user_id && !shift.attendance &&
         CheckInAllowed(TimesOf(shift), clock_.Now()).has_value();
}

bool StudioService::MayCheckOut(const Actor& actor, const DutyShift& shift) const {
  return actor.Is(Role::kDeputy) && shift.user_id == actor.user_id && !shift.attendance &&
         CheckOutAllowed(TimesOf(shift), clock_.Now()).has_value();
}

Result<std::vector<DutyFigures>> DutyFiguresOver(store::Database& db, const store::DutyFiguresQuery& query) {
  return ReadValue<std::vector<DutyFigures>>(db, [&](Tx& tx) { return store::ListDutyFigures(tx, query); });
}

Result<int> SweepDutyShifts(store::Database& db, Timestamp now) {
  int total = 0;
  for (;;) {
    int decided = 0;
    int seen = 0;
    MS_TRY(db.Write([&](Tx& tx) -> Status {
      decided = 0;  // the engine may run this again after a serialization failure
      MS_ASSIGN(open, store::ListUndecidedShifts(tx, now, kCheckOutAfterEndSeconds, kSweepBatch));
      seen = static_cast<int>(open.size());
      for (auto& shift : open) {
        const auto a = DecideAttendance(
            TimesOf(shift), {.grace_minutes = shift.grace_minutes, .min_stay_minutes = shift.min_stay_minutes}, now);
        if (!a) continue;
        shift.attendance = std::string(AttendanceName(*a));
        shift.decided_at = now;
        MS_TRY(store::UpdateDutyShift(tx, shift, shift.version));
        ++decided;
      }
      return {};
    }));
    total += decided;
    if (seen < kSweepBatch || decided == 0) break;
  }
  return total;
}

Status CheckStudioInStreet(store::Tx& tx, store::OptId studio_id, store::OptId street_id) {
  if (!studio_id) return {};
  MS_ASSIGN(studio, store::FindStudio(tx, *studio_id));
  if (!studio || !studio->active || studio->street_id != street_id.value_or(0))
    return Fail(Error::Invalid("unknown_studio", "工作室不存在，或不在该区域所在街镇", "studio_id"));
  return {};
}

}  // namespace minsheng::app
