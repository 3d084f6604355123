-- Studios (工作室 / 联络站), their members, and the duty roster with attendance (值班). street_id is the
-- studio's street on every row (the Citus shard key). An appeal registered by a deputy while checked in on
-- a shift names that shift (appeals.duty_shift_id).

CREATE TABLE studios (
  id INTEGER PRIMARY KEY,
  street_id BIGINT NOT NULL,
  region_id BIGINT NOT NULL REFERENCES regions(id),  -- the street itself or a community in it
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  opening_hours TEXT NOT NULL DEFAULT '',
  grace_minutes INTEGER NOT NULL DEFAULT 10 CHECK (grace_minutes >= 0),        -- check-in this late is on time
  min_stay_minutes INTEGER NOT NULL DEFAULT 30 CHECK (min_stay_minutes >= 0),  -- a shorter stay: came and left
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX studios_street ON studios (street_id);

CREATE TABLE studio_members (
  id INTEGER PRIMARY KEY,
  studio_id BIGINT NOT NULL REFERENCES studios(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  street_id BIGINT NOT NULL,
  leader INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL,  -- the order the roster rotates in
  joined_at BIGINT NOT NULL,
  UNIQUE (studio_id, user_id)
);
CREATE INDEX studio_members_user ON studio_members (user_id);

-- One row per deputy per time slot: a slot with two deputies is two rows with the same times.
CREATE TABLE duty_shifts (
  id INTEGER PRIMARY KEY,
  studio_id BIGINT NOT NULL REFERENCES studios(id),
  street_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  check_in_at BIGINT,
  check_out_at BIGINT,
  attendance TEXT CHECK (attendance IN ('on_time', 'late', 'left_early', 'absent', 'came_and_left')),
  decided_at BIGINT,  -- when attendance was written (check-out, or the sweep)
  version INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  CHECK (ends_at > starts_at)
);
CREATE INDEX duty_shifts_studio_start ON duty_shifts (studio_id, starts_at);
CREATE INDEX duty_shifts_user_start ON duty_shifts (user_id, starts_at);
CREATE INDEX duty_shifts_undecided ON duty_shifts (ends_at) WHERE attendance IS NULL;

ALTER TABLE appeals ADD COLUMN duty_shift_id BIGINT;
CREATE INDEX appeals_duty_shift ON appeals (duty_shift_id);
