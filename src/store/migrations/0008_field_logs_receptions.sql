-- Field logs (民情日志), reception slots (接访日程) and residents' bookings (预约).
-- studio_id names a studio (工作室, migration 0007 of another part): a plain BIGINT, checked by the
-- application, no FOREIGN KEY here.

-- Every reception and visit (走访) a staff member made: who met whom, when and where, what was raised.
CREATE TABLE field_logs (
  id INTEGER PRIMARY KEY,
  street_id BIGINT,                                   -- the street of region_id (the shard key)
  region_id BIGINT NOT NULL REFERENCES regions(id),   -- a street, community or grid
  studio_id BIGINT,
  author_id BIGINT NOT NULL REFERENCES users(id),     -- the staff member who met the people
  kind TEXT NOT NULL CHECK (kind IN ('reception', 'visit')),
  met_at BIGINT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  people_count INTEGER NOT NULL CHECK (people_count >= 1),
  people_names TEXT NOT NULL DEFAULT '',              -- staff only: masked for those who do not need them
  raised TEXT NOT NULL DEFAULT '',
  appeal_id BIGINT REFERENCES appeals(id),            -- the appeal raised from it
  booking_id BIGINT,                                  -- the booking this reception answered
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX field_logs_region_met ON field_logs (region_id, met_at);
CREATE INDEX field_logs_studio_met ON field_logs (studio_id, met_at);
CREATE INDEX field_logs_author_met ON field_logs (author_id, met_at);
CREATE INDEX field_logs_street_met ON field_logs (street_id, met_at);
CREATE UNIQUE INDEX field_logs_appeal ON field_logs (appeal_id);
CREATE UNIQUE INDEX field_logs_booking ON field_logs (booking_id);

-- A published reception time of a leader or deputy (the host). booked_count is raised by a conditional
-- UPDATE (booked_count < capacity), so two bookings racing for the last place cannot both succeed.
CREATE TABLE reception_slots (
  id INTEGER PRIMARY KEY,
  street_id BIGINT,
  region_id BIGINT NOT NULL REFERENCES regions(id),
  studio_id BIGINT,
  place TEXT NOT NULL DEFAULT '',
  host_id BIGINT NOT NULL REFERENCES users(id),
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity >= 1),
  booked_count INTEGER NOT NULL DEFAULT 0 CHECK (booked_count >= 0),
  topic TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
  cancel_reason TEXT NOT NULL DEFAULT '',
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,                         -- when it was published
  updated_at BIGINT NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX reception_slots_starts ON reception_slots (starts_at);
CREATE INDEX reception_slots_street_starts ON reception_slots (street_id, starts_at);
CREATE INDEX reception_slots_host_starts ON reception_slots (host_id, starts_at);

-- A resident's booking of a slot. One phone books a slot once (the unique index decides a race).
CREATE TABLE bookings (
  id INTEGER PRIMARY KEY,
  slot_id BIGINT NOT NULL REFERENCES reception_slots(id),
  street_id BIGINT,
  booking_code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  topic TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'received', 'cancelled')),
  created_at BIGINT NOT NULL,
  received_at BIGINT,
  received_by BIGINT REFERENCES users(id),
  UNIQUE (slot_id, phone)
);
