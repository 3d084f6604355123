// The reception schedule (接访日程) and residents' bookings (预约). Leaders and deputies (and coordinators and
// admins for them) publish slots at least three calendar days ahead (core/reception.h); residents book them
// on the portal; a visitor received becomes a field log and, if they raised something, an appeal.
//
// Scope: staff see the slots in their region subtree; a slot is managed (cancelled, its visitors received)
// by its host, a coordinator whose region holds it, or an admin. Bookings' names and phones are shown to
// those same people and masked for the others.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/field_log_service.h"
#include "core/clock.h"
#include "store/database.h"
#include "store/reception_repository.h"

namespace minsheng::app {

using ReceptionSlot = store::ReceptionSlotRecord;
using Booking = store::BookingRecord;

struct SlotInput {
  store::OptId studio_id;
  std::string place;  // a place or a studio_id is required
  store::Id region_id = 0;
  Timestamp starts_at = 0;
  Timestamp ends_at = 0;
  int capacity = 0;
  std::string topic;
  store::OptId host_id;  // coordinators and admins name the leader or deputy; default: the caller
};

struct SlotQuery {
  std::optional<Timestamp> from;
  std::optional<Timestamp> to;
  std::optional<std::string> status;
  store::OptId host_id;
  store::OptId studio_id;
};

struct SlotWithBookings {
  ReceptionSlot slot;
  std::vector<Booking> bookings;
  bool personal_data = false;  // whether the caller may see the bookings' names and phones
  bool manageable = false;     // whether the caller may cancel it and receive its visitors
};

struct BookingInput {
  std::string name;
  std::string phone;
  std::string topic;
};

struct ReceiveInput {
  int people_count = 1;
  std::string raised;                    // what the visitor raised (default: the booking's topic)
  std::optional<store::Id> category_id;  // set: raise an appeal from it (the visitor named, from the booking)
  std::string title;
};

struct Received {
  Booking booking;
  FieldLog log;
  std::optional<store::AppealRecord> appeal;
};

class ReceptionService {
 public:
  static constexpr int kMaxCapacity = 500;

  ReceptionService(store::Database& db, const Clock& clock, FieldLogService& field_logs);

  Result<ReceptionSlot> Publish(const Actor& actor, const SlotInput& input);
  Result<std::vector<SlotWithBookings>> List(const Actor& actor, const SlotQuery& query);
  Result<ReceptionSlot> Cancel(const Actor& actor, store::Id slot_id, const std::string& reason);
  // Marks a booking received and writes its field log (and appeal) in one transaction.
  Result<Received> Receive(const Actor& actor, store::Id booking_id, const ReceiveInput& input);

  // The portal: open slots starting after now, soonest first (the caller shows no personal data).
  Result<std::vector<ReceptionSlot>> Coming();
  // A resident's booking: kNotFound for an unknown or cancelled slot, kConflict slot_full, already_booked,
  // slot_started; kInvalid for the name or phone.
  Result<Booking> Book(store::Id slot_id, const BookingInput& input);

 private:
  store::Database& db_;
  const Clock& clock_;
  FieldLogService& field_logs_;
};

}  // namespace minsheng::app
