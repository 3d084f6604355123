#include "store/reception_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kSlotSelect =
    "SELECT s.id, s.street_id, s.region_id, s.studio_id, s.place, s.host_id, s.starts_at, s.ends_at, s.capacity, "
    "s.booked_count, s.topic, s.status, s.cancel_reason, s.created_by, s.created_at, s.updated_at, u.display_name, "
    "r.name, r.path FROM reception_slots s JOIN users u ON u.id = s.host_id JOIN regions r ON r.id = s.region_id";

ReceptionSlotRecord ReadSlot(const Row& row) {
  ColumnReader c(row);
  ReceptionSlotRecord x;
  x.id = c.Int();
  x.street_id = c.OptInt();
  x.region_id = c.Int();
  x.studio_id = c.OptInt();
  x.place = c.Text();
  x.host_id = c.Int();
  x.starts_at = c.Int();
  x.ends_at = c.Int();
  x.capacity = static_cast<int>(c.Int());
  x.booked_count = static_cast<int>(c.Int());
  x.topic = c.Text();
  x.status = c.Text();
  x.cancel_reason = c.Text();
  x.created_by = c.OptInt();
  x.created_at = c.Int();
  x.updated_at = c.Int();
  x.host_name = c.Text();
  x.region_name = c.Text();
  x.region_path = c.Text();
  return x;
}

constexpr std::string_view kBookingSelect =
    "SELECT id, slot_id, street_id, booking_code, name, phone, topic, status, created_at, received_at, received_by "
    "FROM bookings";

BookingRecord ReadBooking(const Row& row) {
  ColumnReader c(row);
  BookingRecord x;
  x.id = c.Int();
  x.slot_id = c.Int();
  x.street_id = c.OptInt();
  x.booking_code = c.Text();
  x.name = c.Text();
  x.phone = c.Text();
  x.topic = c.Text();
  x.status = c.Text();
  x.created_at = c.Int();
  x.received_at = c.OptInt();
  x.received_by = c.OptInt();
  return x;
}

}  // namespace

Result<Id> InsertReceptionSlot(Tx& tx, const ReceptionSlotRecord& x) {
  return tx.Insert(
      "INSERT INTO reception_slots (street_id, region_id, studio_id, place, host_id, starts_at, ends_at, capacity, "
      "booked_count, topic, status, cancel_reason, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Nullable(x.street_id), x.region_id, Nullable(x.studio_id), x.place, x.host_id, x.starts_at, x.ends_at,
       std::int64_t{x.capacity}, std::int64_t{x.booked_count}, x.topic, x.status, x.cancel_reason,
       Nullable(x.created_by), x.created_at, x.updated_at});
}

Result<std::optional<ReceptionSlotRecord>> FindReceptionSlot(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne(std::string(kSlotSelect) + " WHERE s.id = ?", {id}));
  if (!row) return std::optional<ReceptionSlotRecord>();
  return std::optional<ReceptionSlotRecord>(ReadSlot(*row));
}

Status CancelReceptionSlot(Tx& tx, Id id, const std::string& reason, Timestamp now) {
  MS_ASSIGN(changed, tx.Execute("UPDATE reception_slots SET status = 'cancelled', cancel_reason = ?, updated_at = ? "
                                "WHERE id = ? AND status = 'open'",
                                {reason, now, id}));
  if (changed != 1) return Fail(Error::Conflict("slot_cancelled", "该接访日程已取消"));
  MS_TRY(tx.Execute("UPDATE bookings SET status = 'cancelled' WHERE slot_id = ? AND status = 'booked'", {id}));
  return {};
}

Result<bool> TakeReceptionPlace(Tx& tx, Id slot_id, Timestamp now) {
  MS_ASSIGN(changed, tx.Execute("UPDATE reception_slots SET booked_count = booked_count + 1 "
                                "WHERE id = ? AND status = 'open' AND booked_count < capacity AND starts_at > ?",
                                {slot_id, now}));
  return changed == 1;
}

Result<std::vector<ReceptionSlotRecord>> ListReceptionSlots(Tx& tx, const ReceptionSlotFilter& f) {
  Conditions where;
  if (f.from) where.Add("s.starts_at >= ?", {*f.from});
  if (f.to) where.Add("s.starts_at < ?", {*f.to});
  if (f.status) where.Add("s.status = ?", {*f.status});
  if (f.host_id) where.Add("s.host_id = ?", {*f.host_id});
  if (f.studio_id) where.Add("s.studio_id = ?", {*f.studio_id});
  if (f.scope_path) where.Add("r.path LIKE ?", {*f.scope_path + "%"});
  if (f.scope_host_id) where.Add("s.host_id = ?", {*f.scope_host_id});
  if (f.open_with_places) where.Add("s.status = 'open' AND s.booked_count < s.capacity", {});
  Params params = where.params();
  params.push_back(std::int64_t{f.limit});
  MS_ASSIGN(rows, tx.Query(std::string(kSlotSelect) + where.sql() + " ORDER BY s.starts_at, s.id LIMIT ?", params));
  return MapRows(rows, ReadSlot);
}

Result<Id> InsertBooking(Tx& tx, const BookingRecord& x) {
  return tx.Insert(
      "INSERT INTO bookings (slot_id, street_id, booking_code, name, phone, topic, status, created_at, received_at, "
      "received_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {x.slot_id, Nullable(x.street_id), x.booking_code, x.name, x.phone, x.topic, x.status, x.created_at,
       Nullable(x.received_at), Nullable(x.received_by)});
}

Result<std::optional<BookingRecord>> FindBooking(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne(std::string(kBookingSelect) + " WHERE id = ?", {id}));
  if (!row) return std::optional<BookingRecord>();
  return std::optional<BookingRecord>(ReadBooking(*row));
}

Result<bool> PhoneBookedSlot(Tx& tx, Id slot_id, const std::string& phone) {
  MS_ASSIGN(row, tx.QueryOne("SELECT 1 FROM bookings WHERE slot_id = ? AND phone = ?", {slot_id, phone}));
  return row.has_value();
}

Result<std::vector<BookingRecord>> ListBookingsOfSlots(Tx& tx, const std::vector<Id>& slot_ids) {
  std::vector<BookingRecord> out;
  // In chunks, so that the statement stays small on both engines.
  constexpr std::size_t kChunk = 100;
  for (std::size_t at = 0; at < slot_ids.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, slot_ids.size() - at);
    Params params;
    const std::string in = InList(std::vector<Id>(slot_ids.begin() + at, slot_ids.begin() + at + n), params);
    MS_ASSIGN(rows, tx.Query(std::string(kBookingSelect) + " WHERE slot_id IN " + in + " ORDER BY slot_id, id",
                             params));
    for (const auto& row : rows) out.push_back(ReadBooking(row));
  }
  return out;
}

Status MarkBookingReceived(Tx& tx, Id booking_id, Id received_by, Timestamp now) {
  MS_ASSIGN(changed, tx.Execute("UPDATE bookings SET status = 'received', received_at = ?, received_by = ? "
                                "WHERE id = ? AND status = 'booked'",
                                {now, received_by, booking_id}));
  if (changed != 1) return Fail(Error::Conflict("booking_not_open", "该预约已接待或已取消"));
  return {};
}

}  // namespace minsheng::store
