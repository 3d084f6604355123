#include "app/reception_service.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "app/audit.h"
#include "app/studio_service.h"
#include "app/password.h"
#include "core/access.h"
#include "core/calendar.h"
#include "core/reception.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;
using store::Tx;

Error SlotNotFound() { return Error::NotFound("接访日程不存在", "id"); }
Error BookingNotFound() { return Error::NotFound("预约不存在", "id"); }

Status RequireRole(const Actor& actor) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, Operation::kHoldReceptions))
    return Fail(Error::Forbidden("您的角色（" + std::string(RoleLabel(actor.role)) + "）不能安排接访"));
  return {};
}

bool InRegion(const Actor& actor, const std::string& path) {
  return actor.DistrictWide() || path.starts_with(actor.region_path);
}

bool MayManage(const Actor& actor, const ReceptionSlot& slot) {
  if (slot.host_id == actor.user_id) return true;
  return (actor.Is(Role::kCoordinator) || actor.Is(Role::kAdmin)) && InRegion(actor, slot.region_path);
}

Status CheckManage(const Actor& actor, const ReceptionSlot& slot) {
  if (!InRegion(actor, slot.region_path) && slot.host_id != actor.user_id) return Fail(SlotNotFound());
  if (!MayManage(actor, slot)) return Fail(Error::Forbidden("只有接访人、所在街镇枢纽或管理员可以办理"));
  return {};
}

// "YY" and ten characters of a receipt code (no look-alike letters, ~50 bits): what the resident shows.
std::string NewBookingCode() { return "YY" + NewReceiptCode().substr(0, 10); }

std::string Trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

}  // namespace

ReceptionService::ReceptionService(store::Database& db, const Clock& clock, FieldLogService& field_logs)
    : db_(db), clock_(clock), field_logs_(field_logs) {}

Result<ReceptionSlot> ReceptionService::Publish(const Actor& actor, const SlotInput& in) {
  MS_TRY(RequireRole(actor));
  if (Trim(in.place).empty() && !in.studio_id)
    return Fail(Error::Invalid("missing_field", "请填写接访地点或选择工作室", "place"));
  if (in.capacity < 1 || in.capacity > kMaxCapacity)
    return Fail(Error::Invalid("out_of_range", "可预约人数应在 1 到 500 之间", "capacity"));
  if (in.ends_at <= in.starts_at)
    return Fail(Error::Invalid("invalid_value", "结束时间应晚于开始时间", "ends_at"));
  if (in.ends_at - in.starts_at > kSecondsPerDay)
    return Fail(Error::Invalid("invalid_value", "一次接访不能超过一天", "ends_at"));
  const Timestamp now = clock_.Now();
  if (!AnnouncedInTime(now, in.starts_at)) {
    const Timestamp earliest = EarliestReceptionStart(now);
    return Fail(Error::Invalid("too_late_to_announce",
                               "接访日程须至少提前三天公告：今天发布的接访最早安排在 " +
                                   FormatDate(LocalDay(earliest)) + " 及以后",
                               "starts_at"));
  }
  return WriteValue<ReceptionSlot>(db_, [&](Tx& tx) -> Result<ReceptionSlot> {
    MS_ASSIGN(region, store::FindRegion(tx, in.region_id));
    if (!region || region->level == "district")
      return Fail(Error::Invalid("invalid_value", "接访区域应为街镇、社区或网格", "region_id"));
    if (!InRegion(actor, region->path)) return Fail(Error::Forbidden("该区域不在您负责的范围内"));
    Id host_id = actor.user_id;
    if (in.host_id && *in.host_id != actor.user_id) {
      if (!actor.Is(Role::kCoordinator) && !actor.Is(Role::kAdmin))
        return Fail(Error::Forbidden("只能发布本人的接访日程"));
      host_id = *in.host_id;
    }
    MS_ASSIGN(host, store::FindUser(tx, host_id));
    if (!host || !host->active || (host->role != "deputy" && host->role != "leader"))
      return Fail(Error::Invalid("invalid_value", "接访人应为在职的代表或领导", "host_id"));
    ReceptionSlot slot;
    slot.street_id = region->street_id;
    slot.region_id = region->id;
    MS_TRY(CheckStudioInStreet(tx, in.studio_id, region->street_id));
    slot.studio_id = in.studio_id;
    slot.place = Trim(in.place);
    slot.host_id = host->id;
    slot.starts_at = in.starts_at;
    slot.ends_at = in.ends_at;
    slot.capacity = in.capacity;
    slot.topic = Trim(in.topic);
    slot.created_by = actor.user_id;
    slot.created_at = slot.updated_at = now;
    MS_ASSIGN(id, store::InsertReceptionSlot(tx, slot));
    MS_ASSIGN(stored, store::FindReceptionSlot(tx, id));
    if (!stored) return Fail(Error::Internal("刚发布的接访日程读不到"));
    return std::move(*stored);
  });
}

Result<std::vector<SlotWithBookings>> ReceptionService::List(const Actor& actor, const SlotQuery& q) {
  MS_TRY(RequireRole(actor));
  store::ReceptionSlotFilter f;
  f.from = q.from;
  f.to = q.to;
  f.status = q.status;
  f.host_id = q.host_id;
  f.studio_id = q.studio_id;
  if (!actor.DistrictWide()) f.scope_path = actor.region_path;
  std::vector<SlotWithBookings> out;
  MS_TRY(db_.ReadMayLag([&](Tx& tx) -> Status {
    MS_ASSIGN(slots, store::ListReceptionSlots(tx, f));
    std::vector<Id> ids;
    for (const auto& s : slots) ids.push_back(s.id);
    MS_ASSIGN(bookings, store::ListBookingsOfSlots(tx, ids));
    std::map<Id, std::vector<Booking>> by_slot;
    for (auto& b : bookings) by_slot[b.slot_id].push_back(std::move(b));
    out.clear();
    for (auto& s : slots) {
      SlotWithBookings item;
      item.manageable = MayManage(actor, s);
      item.personal_data = item.manageable;
      if (auto it = by_slot.find(s.id); it != by_slot.end()) item.bookings = std::move(it->second);
      item.slot = std::move(s);
      out.push_back(std::move(item));
    }
    return {};
  }));
  // Bookings' names and phones shown unmasked: recorded before they are shown.
  std::vector<Id> shown;
  for (const auto& item : out)
    if (item.personal_data && !item.bookings.empty() && item.slot.host_id != actor.user_id) shown.push_back(item.slot.id);
  if (!shown.empty())
    MS_TRY(db_.Write([&](Tx& tx) {
      return Audit(tx, actor, clock_.Now(), "view_personal_data", "reception_slot_list", std::nullopt, std::nullopt,
                   {{"reception_slot_ids", shown}});
    }));
  return out;
}

Result<ReceptionSlot> ReceptionService::Cancel(const Actor& actor, Id slot_id, const std::string& reason) {
  MS_TRY(RequireRole(actor));
  return WriteValue<ReceptionSlot>(db_, [&](Tx& tx) -> Result<ReceptionSlot> {
    MS_ASSIGN(found, store::FindReceptionSlot(tx, slot_id));
    if (!found) return Fail(SlotNotFound());
    MS_TRY(CheckManage(actor, *found));
    const Timestamp now = clock_.Now();
    MS_TRY(store::CancelReceptionSlot(tx, slot_id, reason, now));
    MS_TRY(Audit(tx, actor, now, "reception_slot_cancel", "reception_slot", slot_id, found->street_id,
                 {{"reason", reason}, {"bookings", found->booked_count}}));
    MS_ASSIGN(stored, store::FindReceptionSlot(tx, slot_id));
    return std::move(*stored);
  });
}

Result<Received> ReceptionService::Receive(const Actor& actor, Id booking_id, const ReceiveInput& in) {
  MS_TRY(RequireRole(actor));
  return WriteValue<Received>(db_, [&](Tx& tx) -> Result<Received> {
    MS_ASSIGN(booking, store::FindBooking(tx, booking_id));
    if (!booking) return Fail(BookingNotFound());
    MS_ASSIGN(slot, store::FindReceptionSlot(tx, booking->slot_id));
    if (!slot) return Fail(BookingNotFound());
    if (!InRegion(actor, slot->region_path) && slot->host_id != actor.user_id) return Fail(BookingNotFound());
    if (!MayManage(actor, *slot)) return Fail(Error::Forbidden("只有接访人、所在街镇枢纽或管理员可以办理"));
    if (slot->status != "open") return Fail(Error::Conflict("slot_cancelled", "该接访日程已取消"));
    const Timestamp now = clock_.Now();
    MS_TRY(store::MarkBookingReceived(tx, booking_id, actor.user_id, now));
    // The host met the visitor: the log is theirs, whoever marks it.
    FieldLogInput log_in;
    log_in.kind = "reception";
    log_in.region_id = slot->region_id;
    log_in.studio_id = slot->studio_id;
    log_in.met_at = now;
    log_in.place = slot->place;
    log_in.people_count = in.people_count;
    log_in.people_names = booking->name;
    log_in.raised = in.raised.empty() ? booking->topic : in.raised;
    log_in.author_id = slot->host_id;
    MS_ASSIGN(log, field_logs_.CreateIn(tx, actor, log_in, booking_id));
    Received out{std::move(*booking), std::move(log), std::nullopt};
    if (in.category_id) {
      RaiseInput raise{.category_id = *in.category_id, .title = in.title, .anonymous = false,
                       .appellant_name = out.booking.name, .appellant_phone = out.booking.phone};
      MS_ASSIGN(appeal, field_logs_.RaiseIn(tx, actor, out.log, raise));
      out.appeal = std::move(appeal);
    }
    out.booking.status = "received";
    out.booking.received_at = now;
    out.booking.received_by = actor.user_id;
    return out;
  });
}

Result<std::vector<ReceptionSlot>> ReceptionService::Coming() {
  store::ReceptionSlotFilter f;
  f.from = clock_.Now();
  f.status = "open";
  f.limit = 100;
  return ReadMayLagValue<std::vector<ReceptionSlot>>(db_, [&](Tx& tx) { return store::ListReceptionSlots(tx, f); });
}

Result<Booking> ReceptionService::Book(Id slot_id, const BookingInput& in) {
  const std::string name = Trim(in.name);
  if (name.empty()) return Fail(Error::Invalid("missing_field", "请填写姓名", "name"));
  if (!IsValidPhone(in.phone)) return Fail(Error::Invalid("invalid_value", "联系电话格式不正确", "phone"));
  const Timestamp now = clock_.Now();
  auto booked = WriteValue<Booking>(db_, [&](Tx& tx) -> Result<Booking> {
    MS_ASSIGN(slot, store::FindReceptionSlot(tx, slot_id));
    if (!slot || slot->status != "open") return Fail(SlotNotFound());
    if (slot->starts_at <= now) return Fail(Error::Conflict("slot_started", "该接访已开始，不能再预约"));
    MS_ASSIGN(again, store::PhoneBookedSlot(tx, slot_id, in.phone));
    if (again) return Fail(Error::Conflict("already_booked", "该电话号码已预约过这场接访"));
    MS_ASSIGN(taken, store::TakeReceptionPlace(tx, slot_id, now));
    if (!taken) return Fail(Error::Conflict("slot_full", "这场接访已约满"));
    Booking b;
    b.slot_id = slot_id;
    b.street_id = slot->street_id;
    b.booking_code = NewBookingCode();
    b.name = name;
    b.phone = in.phone;
    b.topic = Trim(in.topic);
    b.created_at = now;
    MS_ASSIGN(id, store::InsertBooking(tx, b));
    b.id = id;
    return b;
  });
  // The same phone racing itself: the unique index (slot_id, phone) decides, and the loser is told so.
  if (!booked && booked.error().code == "unique_violation")
    return Fail(Error::Conflict("already_booked", "该电话号码已预约过这场接访"));
  return booked;
}

}  // namespace minsheng::app
