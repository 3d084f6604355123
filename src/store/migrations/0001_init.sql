-- minsheng schema, version 1. Portable SQL: `INTEGER PRIMARY KEY` ids (the PostgreSQL engine maps
-- them to identity columns), BIGINT epoch seconds for time, TEXT for enums, 0/1 INTEGER for flags.
-- street_id is the region key every appeal-side table carries, so Citus can shard by street.

CREATE TABLE regions (
  id INTEGER PRIMARY KEY,
  parent_id BIGINT REFERENCES regions(id),
  level TEXT NOT NULL CHECK (level IN ('district', 'street', 'community', 'grid')),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  path TEXT NOT NULL,          -- '/1/4/9/': ids from the root, for subtree scope checks
  street_id BIGINT             -- the street this region is in (itself for a street), NULL for the district
);

CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  default_department_id BIGINT REFERENCES departments(id),
  accept_days INTEGER NOT NULL DEFAULT 1,
  contact_days INTEGER NOT NULL DEFAULT 2,
  reply_days INTEGER NOT NULL DEFAULT 7,
  resolve_days INTEGER NOT NULL DEFAULT 15,
  escalate_days INTEGER NOT NULL DEFAULT 5,  -- working days past the resolve deadline before a leader takes it
  active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'registrar', 'coordinator', 'handler', 'deputy', 'leader', 'supervisor')),
  region_id BIGINT NOT NULL REFERENCES regions(id),
  department_id BIGINT REFERENCES departments(id),
  deputy_kind TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE TABLE calendar_days (
  day TEXT PRIMARY KEY,        -- 'YYYY-MM-DD'
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE appeals (
  id INTEGER PRIMARY KEY,
  receipt_code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  channel TEXT NOT NULL,
  region_id BIGINT NOT NULL REFERENCES regions(id),
  street_id BIGINT,
  category_id BIGINT NOT NULL REFERENCES categories(id),
  address TEXT NOT NULL DEFAULT '',
  anonymous INTEGER NOT NULL DEFAULT 0,
  appellant_name TEXT NOT NULL DEFAULT '',
  appellant_phone TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,       -- bumped by every transition; guards racing writers
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES users(id),  -- NULL when submitted on the public portal
  lead_unit_id BIGINT REFERENCES departments(id),
  case_owner_id BIGINT REFERENCES users(id),
  deputy_id BIGINT REFERENCES users(id),
  merged_into_id BIGINT REFERENCES appeals(id),
  dispatched_at BIGINT,
  accept_due BIGINT,
  contact_due BIGINT,
  reply_due BIGINT,
  resolve_due BIGINT,
  escalate_due BIGINT,
  accepted_at BIGINT,
  first_contact_at BIGINT,
  first_contact_on_time INTEGER,           -- 1/0 once contact is made
  replied_at BIGINT,
  reply_on_time INTEGER,                   -- 1/0 for the latest reply
  closed_at BIGINT,
  closed_on_time INTEGER,
  callback_count INTEGER NOT NULL DEFAULT 0,
  last_resolved INTEGER,
  last_satisfaction TEXT,
  reopen_count INTEGER NOT NULL DEFAULT 0,
  dissatisfied_count INTEGER NOT NULL DEFAULT 0,
  escalated_to_leader_at BIGINT
);
CREATE INDEX appeals_status ON appeals(status, reply_due);
CREATE INDEX appeals_created ON appeals(created_at);
CREATE INDEX appeals_lead_unit ON appeals(lead_unit_id, created_at);
CREATE INDEX appeals_region ON appeals(street_id, region_id, created_at);

CREATE TABLE dispatches (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  unit_id BIGINT NOT NULL REFERENCES departments(id),
  role TEXT NOT NULL CHECK (role IN ('lead', 'assisting')),
  active INTEGER NOT NULL DEFAULT 1,
  dispatched_at BIGINT NOT NULL,
  dispatched_by BIGINT REFERENCES users(id),
  ended_at BIGINT,
  end_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dispatches_appeal ON dispatches(appeal_id);
CREATE INDEX dispatches_unit ON dispatches(unit_id, appeal_id);

-- The timeline. (appeal_id, seq) is unique: two writers racing on one appeal cannot both append.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  seq INTEGER NOT NULL,
  at BIGINT NOT NULL,
  actor_id BIGINT REFERENCES users(id),
  actor_label TEXT NOT NULL DEFAULT '',    -- shown publicly instead of the person: '登记员', '群众', '系统'
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  note TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '{}',
  UNIQUE (appeal_id, seq)
);

CREATE TABLE replies (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  unit_id BIGINT REFERENCES departments(id),
  author_id BIGINT REFERENCES users(id),
  content TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX replies_appeal ON replies(appeal_id);

CREATE TABLE callbacks (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  resolved INTEGER NOT NULL,
  satisfaction TEXT NOT NULL CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  reason TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('staff', 'resident')),
  recorded_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX callbacks_appeal ON callbacks(appeal_id);

CREATE TABLE extensions (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  unit_id BIGINT REFERENCES departments(id),
  requested_by BIGINT REFERENCES users(id),
  days INTEGER NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
  decided_by BIGINT REFERENCES users(id),
  decided_at BIGINT,
  decision_note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX extensions_appeal ON extensions(appeal_id);

-- Issued by the deadline sweep; unique per (appeal, kind, deadline), so a repeated sweep is harmless.
CREATE TABLE supervision_notices (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  unit_id BIGINT REFERENCES departments(id),
  kind TEXT NOT NULL CHECK (kind IN ('reply_overdue', 'resolve_overdue', 'escalation')),
  deadline BIGINT NOT NULL,
  issued_at BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (appeal_id, kind, deadline)
);
CREATE INDEX supervision_notices_unit ON supervision_notices(unit_id, issued_at);
