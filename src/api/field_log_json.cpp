#include "api/field_log_json.h"

#include "api/appeal_json.h"
#include "api/handler_support.h"

namespace minsheng::api {

using nlohmann::json;

std::string MaskNames(const std::string& names) {
  // Separators: ASCII , ; space, and the full-width 、 ， ；（3 bytes each in UTF-8）.
  static const std::string_view kWide[] = {"、", "，", "；", "　"};
  std::string out;
  std::string name;
  auto flush = [&] {
    out += MaskName(name);
    name.clear();
  };
  for (std::size_t i = 0; i < names.size();) {
    const char c = names[i];
    if (c == ',' || c == ';' || c == ' ') {
      flush();
      out += c;
      ++i;
      continue;
    }
    bool wide = false;
    for (std::string_view sep : kWide)
      if (std::string_view(names).substr(i, sep.size()) == sep) {
        flush();
        out += sep;
        i += sep.size();
        wide = true;
        break;
      }
    if (!wide) name += names[i++];
  }
  flush();
  return out;
}

std::string_view FieldLogKindLabel(std::string_view kind) {
  if (kind == "reception") return "接待";
  if (kind == "visit") return "走访";
  return kind;
}

json FieldLogJson(const app::FieldLog& log, const app::Actor& actor) {
  const bool names = app::FieldLogService::MaySeeNames(actor, log);
  return {{"id", log.id},
          {"kind", log.kind},
          {"kind_label", FieldLogKindLabel(log.kind)},
          {"street_id", IdOrNull(log.street_id)},
          {"region_id", log.region_id},
          {"region_name", log.region_name},
          {"studio_id", IdOrNull(log.studio_id)},
          {"author_id", log.author_id},
          {"author_name", log.author_name},
          {"met_at", FormatTime(log.met_at)},
          {"place", log.place},
          {"people_count", log.people_count},
          {"people_names", names ? log.people_names : MaskNames(log.people_names)},
          {"names_masked", !names},
          {"raised", log.raised},
          {"appeal_id", IdOrNull(log.appeal_id)},
          {"booking_id", IdOrNull(log.booking_id)},
          {"created_at", FormatTime(log.created_at)},
          {"updated_at", FormatTime(log.updated_at)}};
}

namespace {

std::string_view BookingStatusLabel(std::string_view status) {
  if (status == "booked") return "已预约";
  if (status == "received") return "已接待";
  if (status == "cancelled") return "已取消";
  return status;
}

json SlotMembers(const app::ReceptionSlot& s) {
  return {{"id", s.id},
          {"region_id", s.region_id},
          {"region_name", s.region_name},
          {"studio_id", IdOrNull(s.studio_id)},
          {"place", s.place},
          {"host_id", s.host_id},
          {"host_name", s.host_name},
          {"starts_at", FormatTime(s.starts_at)},
          {"ends_at", FormatTime(s.ends_at)},
          {"capacity", s.capacity},
          {"booked_count", s.booked_count},
          {"remaining", std::max(0, s.capacity - s.booked_count)},
          {"topic", s.topic},
          {"status", s.status},
          {"status_label", s.status == "open" ? "可预约" : "已取消"}};
}

}  // namespace

json BookingJson(const app::Booking& b, bool personal_data) {
  return {{"id", b.id},
          {"slot_id", b.slot_id},
          {"booking_code", b.booking_code},
          {"name", personal_data ? b.name : MaskName(b.name)},
          {"phone", personal_data ? b.phone : MaskPhone(b.phone)},
          {"topic", b.topic},
          {"status", b.status},
          {"status_label", BookingStatusLabel(b.status)},
          {"created_at", FormatTime(b.created_at)},
          {"received_at", TimeOrNull(b.received_at)}};
}

json SlotJson(const app::SlotWithBookings& item) {
  json out = SlotMembers(item.slot);
  out["street_id"] = IdOrNull(item.slot.street_id);
  out["cancel_reason"] = item.slot.cancel_reason;
  out["created_at"] = FormatTime(item.slot.created_at);
  out["manageable"] = item.manageable;
  out["personal_data"] = item.personal_data;
  json bookings = json::array();
  for (const auto& b : item.bookings) bookings.push_back(BookingJson(b, item.personal_data));
  out["bookings"] = std::move(bookings);
  return out;
}

json PublicSlotJson(const app::ReceptionSlot& slot) {
  json out = SlotMembers(slot);
  out.erase("booked_count");
  return out;
}

}  // namespace minsheng::api
