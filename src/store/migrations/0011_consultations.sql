-- Consultations (协商议事, issue 11): the six steps of seed 003 (core/consultation.h), their topics, linked
-- appeals, research notes, meeting participants, agreed actions, residents' comments and a step log.
-- Every table carries street_id (the shard key): the street of the consultation's region.

CREATE TABLE consultations (
  id INTEGER PRIMARY KEY,
  street_id BIGINT,
  region_id BIGINT NOT NULL REFERENCES regions(id),   -- a street or community
  kind TEXT NOT NULL CHECK (kind IN ('hearing', 'coordination', 'evaluation', 'micro', 'analysis')),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  step TEXT NOT NULL DEFAULT 'collecting' CHECK (step IN ('collecting', 'deciding', 'researching', 'meeting',
                                                          'publishing', 'tracking', 'done', 'refused')),
  refusal_rule TEXT NOT NULL DEFAULT '',             -- against_law | superior_decided | discriminatory
  refusal_reason TEXT NOT NULL DEFAULT '',
  decided_at BIGINT,
  meeting_at BIGINT,
  meeting_place TEXT NOT NULL DEFAULT '',
  meeting_form TEXT NOT NULL DEFAULT '' CHECK (meeting_form IN ('', 'in_person', 'online', 'written')),
  minutes TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  notice_days INTEGER NOT NULL DEFAULT 0,
  published_at BIGINT,
  notice_ends_at BIGINT,                              -- residents may comment until then
  lead_unit_id BIGINT REFERENCES departments(id),     -- analysis meetings: the lead unit decided
  done_at BIGINT,
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX consultations_street_created ON consultations (street_id, created_at);
CREATE INDEX consultations_step ON consultations (step, published_at);

-- What residents, deputies or appeals asked to be discussed.
CREATE TABLE consultation_topics (
  id INTEGER PRIMARY KEY,
  consultation_id BIGINT NOT NULL REFERENCES consultations(id),
  street_id BIGINT,
  source TEXT NOT NULL CHECK (source IN ('resident', 'deputy', 'appeal', 'staff')),
  content TEXT NOT NULL,
  proposer TEXT NOT NULL DEFAULT '',                  -- who raised it, as they may be named
  appeal_id BIGINT REFERENCES appeals(id),
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX consultation_topics_consultation ON consultation_topics (consultation_id, id);

-- Appeals triaged "deliberate" that the consultation settles: dispatched to an action's owner unit or
-- explained when the outcome is published (outcome), explained when the topic is refused.
CREATE TABLE consultation_appeals (
  id INTEGER PRIMARY KEY,
  consultation_id BIGINT NOT NULL REFERENCES consultations(id),
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  linked_at BIGINT NOT NULL,
  linked_by BIGINT REFERENCES users(id),
  outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'dispatched', 'explained')),
  action_id BIGINT,                                   -- the agreed action whose owner unit took it
  UNIQUE (consultation_id, appeal_id)
);
CREATE INDEX consultation_appeals_appeal ON consultation_appeals (appeal_id);

-- Research notes (调研论证). The system has no attachment store: a note carries a link instead.
CREATE TABLE consultation_notes (
  id INTEGER PRIMARY KEY,
  consultation_id BIGINT NOT NULL REFERENCES consultations(id),
  street_id BIGINT,
  content TEXT NOT NULL,
  link TEXT NOT NULL DEFAULT '',
  author_id BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX consultation_notes_consultation ON consultation_notes (consultation_id, id);

-- Who takes part in the meeting, by role, and whether they attended.
CREATE TABLE consultation_participants (
  id INTEGER PRIMARY KEY,
  consultation_id BIGINT NOT NULL REFERENCES consultations(id),
  street_id BIGINT,
  role TEXT NOT NULL CHECK (role IN ('stakeholder', 'resident_representative', 'deputy', 'department', 'expert',
                                     'party_leader')),
  name TEXT NOT NULL,
  unit_id BIGINT REFERENCES departments(id),
  user_id BIGINT REFERENCES users(id),
  attended INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1))
);
CREATE INDEX consultation_participants_consultation ON consultation_participants (consultation_id, id);

-- The agreed actions (落实事项), each with an owner unit and a deadline, followed to done.
CREATE TABLE consultation_actions (
  id INTEGER PRIMARY KEY,
  consultation_id BIGINT NOT NULL REFERENCES consultations(id),
  street_id BIGINT,
  title TEXT NOT NULL,
  owner_unit_id BIGINT NOT NULL REFERENCES departments(id),
  deadline TEXT NOT NULL,                             -- YYYY-MM-DD (China Standard Time)
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  done_at BIGINT,
  done_note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX consultation_actions_consultation ON consultation_actions (consultation_id, id);

-- Residents' comments on a published outcome (the portal, no login).
CREATE TABLE consultation_comments (
  id INTEGER PRIMARY KEY,
  consultation_id BIGINT NOT NULL REFERENCES consultations(id),
  street_id BIGINT,
  author TEXT NOT NULL DEFAULT '',                    -- a name or nickname the resident chose to show
  content TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX consultation_comments_consultation ON consultation_comments (consultation_id, id);

-- Every step taken: who, when, what, from which step to which.
CREATE TABLE consultation_events (
  id INTEGER PRIMARY KEY,
  consultation_id BIGINT NOT NULL REFERENCES consultations(id),
  street_id BIGINT,
  at BIGINT NOT NULL,
  actor_id BIGINT REFERENCES users(id),
  actor_label TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  from_step TEXT NOT NULL,
  to_step TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consultation_events_consultation ON consultation_events (consultation_id, id);
