// Reception slots and bookings (tables reception_slots and bookings, migration 0008).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct ReceptionSlotRecord {
  Id id = 0;
  OptId street_id;
  Id region_id = 0;
  OptId studio_id;
  std::string place;
  Id host_id = 0;
  Timestamp starts_at = 0;
  Timestamp ends_at = 0;
  int capacity = 1;
  int booked_count = 0;
  std::string topic;
  std::string status = "open";  // open | cancelled
  std::string cancel_reason;
  OptId created_by;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
  // Read with the row.
  std::string host_name;
  std::string region_name;
  std::string region_path;
};

struct BookingRecord {
  Id id = 0;
  Id slot_id = 0;
  OptId street_id;
  std::string booking_code;
  std::string name;   // personal data
  std::string phone;  // personal data
  std::string topic;
  std::string status = "booked";  // booked | received | cancelled
  Timestamp created_at = 0;
  OptId received_at;
  OptId received_by;
};

Result<Id> InsertReceptionSlot(Tx& tx, const ReceptionSlotRecord& slot);
Result<std::optional<ReceptionSlotRecord>> FindReceptionSlot(Tx& tx, Id id);
// Cancels an open slot and every booking still 'booked' on it; kConflict "slot_cancelled" when it is not open.
Status CancelReceptionSlot(Tx& tx, Id id, const std::string& reason, Timestamp now);
// Takes one place of an open slot starting after `now`, by a conditional UPDATE: false when none is left
// (or the slot is cancelled or has started), so that two bookings racing for the last place cannot both win.
Result<bool> TakeReceptionPlace(Tx& tx, Id slot_id, Timestamp now);

struct ReceptionSlotFilter {
  std::optional<Timestamp> from;  // starts_at >= from
  std::optional<Timestamp> to;    // starts_at < to
  std::optional<std::string> status;
  OptId host_id;
  OptId studio_id;
  std::optional<std::string> scope_path;  // the caller's region subtree
  OptId scope_host_id;                    // a deputy: only the slots they host
  bool open_with_places = false;          // the portal: open and not yet full
  int limit = 200;
};
// Ordered by starts_at, then id.
Result<std::vector<ReceptionSlotRecord>> ListReceptionSlots(Tx& tx, const ReceptionSlotFilter& filter);

// kConflict "unique_violation" (the engines' error) when the phone already booked the slot.
Result<Id> InsertBooking(Tx& tx, const BookingRecord& booking);
Result<std::optional<BookingRecord>> FindBooking(Tx& tx, Id id);
Result<bool> PhoneBookedSlot(Tx& tx, Id slot_id, const std::string& phone);
// The bookings of the given slots, in booking order.
Result<std::vector<BookingRecord>> ListBookingsOfSlots(Tx& tx, const std::vector<Id>& slot_ids);
// Marks a booking received; kConflict "booking_not_open" unless it was 'booked'.
Status MarkBookingReceived(Tx& tx, Id booking_id, Id received_by, Timestamp now);

}  // namespace minsheng::store
