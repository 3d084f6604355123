// JSON views of field logs, reception slots and bookings. The names of people met and the bookings' names
// and phones are personal data: unmasked only for those the services say may see them (as on appeals).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "app/field_log_service.h"
#include "app/reception_service.h"

namespace minsheng::api {

// "张三、李四" → "张*、李*" (names separated by 、，, ; or spaces; the separators kept).
std::string MaskNames(const std::string& names);
// "接待" / "走访".
std::string_view FieldLogKindLabel(std::string_view kind);

nlohmann::json FieldLogJson(const app::FieldLog& log, const app::Actor& actor);
nlohmann::json BookingJson(const app::Booking& booking, bool personal_data);
// The staff view of a slot: with its bookings, and whether the caller may manage it.
nlohmann::json SlotJson(const app::SlotWithBookings& item);
// The portal's view: no bookings, no personal data; the places left.
nlohmann::json PublicSlotJson(const app::ReceptionSlot& slot);

}  // namespace minsheng::api
