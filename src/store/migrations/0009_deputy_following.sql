-- Following a case (issue 10): a deputy's own contacts with the resident of a case they follow, their
-- written opinions to the handling unit, and the staff users who assist a deputy on their cases.
-- Every table carries street_id (the Citus shard key); users and appeals are referenced by plain ids.

-- A deputy's contact with the resident (代表联系群众). recorded_by is who entered it: the deputy or one of
-- their assistants; deputy_id is always the deputy whose contact it is.
CREATE TABLE deputy_contacts (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  deputy_id BIGINT NOT NULL REFERENCES users(id),
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  method TEXT NOT NULL CHECK (method IN ('face_to_face', 'phone', 'visit')),
  note TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX deputy_contacts_appeal ON deputy_contacts (appeal_id, at);
CREATE INDEX deputy_contacts_deputy ON deputy_contacts (deputy_id, at);

-- A deputy's written opinion to the unit handling the case.
CREATE TABLE deputy_opinions (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  deputy_id BIGINT NOT NULL REFERENCES users(id),
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  content TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX deputy_opinions_appeal ON deputy_opinions (appeal_id);

-- Staff users who act for a deputy on the deputy's cases. street_id is the deputy's street.
CREATE TABLE deputy_assistants (
  id INTEGER PRIMARY KEY,
  deputy_id BIGINT NOT NULL REFERENCES users(id),
  assistant_id BIGINT NOT NULL REFERENCES users(id),
  street_id BIGINT,
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  UNIQUE (deputy_id, assistant_id)
);
CREATE INDEX deputy_assistants_assistant ON deputy_assistants (assistant_id);

-- A deputy's queue and figures: the appeals they follow.
CREATE INDEX appeals_deputy ON appeals (deputy_id, created_at);
