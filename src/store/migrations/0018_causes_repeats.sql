-- Issue 12: why residents are dissatisfied (seed 000), and repeat appeals (重复诉求). street_id is the shard key:
-- the street of the appeal the row belongs to.

-- The coded causes a dissatisfied callback gives (core/dissatisfaction.h), one row per cause. The unit and the
-- deputy are the appeal's lead unit and deputy at the time of the callback: the ones the cause is counted against.
CREATE TABLE callback_causes (
  id INTEGER PRIMARY KEY,
  street_id BIGINT,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  callback_id BIGINT NOT NULL REFERENCES callbacks(id),
  unit_id BIGINT REFERENCES departments(id),
  deputy_id BIGINT REFERENCES users(id),
  cause TEXT NOT NULL CHECK (cause IN ('buck_passing', 'late_or_perfunctory', 'deputy_relayed', 'not_solved', 'other')),
  note TEXT NOT NULL DEFAULT '',      -- the resident's words for `other`
  created_at BIGINT NOT NULL,
  UNIQUE (callback_id, cause)
);
CREATE INDEX callback_causes_appeal ON callback_causes (appeal_id);
CREATE INDEX callback_causes_created ON callback_causes (created_at);

-- An appeal found (or linked by a registrar) to repeat an earlier one: the same phone, or the same address with a
-- similar title, within 90 days of the earlier one being open or closed (core/repeat.h). Read both ways.
CREATE TABLE appeal_repeats (
  id INTEGER PRIMARY KEY,
  street_id BIGINT,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),      -- the later appeal
  repeat_of_id BIGINT NOT NULL REFERENCES appeals(id),   -- the earlier one
  reason TEXT NOT NULL CHECK (reason IN ('phone', 'address_title', 'manual')),
  linked_by BIGINT REFERENCES users(id),                 -- NULL when found at intake
  created_at BIGINT NOT NULL,
  UNIQUE (appeal_id, repeat_of_id)
);
CREATE INDEX appeal_repeats_of ON appeal_repeats (repeat_of_id);
CREATE INDEX appeal_repeats_created ON appeal_repeats (created_at);

-- Intake looks up earlier appeals by phone and by address.
CREATE INDEX appeals_phone ON appeals (appellant_phone, created_at) WHERE appellant_phone <> '';
CREATE INDEX appeals_address ON appeals (street_id, address, created_at) WHERE address <> '';
