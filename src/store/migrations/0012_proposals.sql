-- Deputies' proposals (建议 / 提案 / 议案 / 社情民意信息, issue 11): the proposal with its step (core/proposal.h),
-- the units it is assigned to, the appeals it grew from, the units' contacts with the deputy, the assisting
-- units' opinions, the answers, and its own timeline. Every table carries street_id (the Citus shard key);
-- consultation_id names a consultation (another part of issue 11): a plain BIGINT, checked by the application.

CREATE TABLE proposals (
  id INTEGER PRIMARY KEY,
  street_id BIGINT,                                    -- the street of region_id
  region_id BIGINT NOT NULL REFERENCES regions(id),    -- the area it concerns (default: the deputy's)
  deputy_id BIGINT NOT NULL REFERENCES users(id),      -- whose proposal it is
  kind TEXT NOT NULL CHECK (kind IN ('suggestion', 'proposal', 'motion', 'opinion_report')),
  title TEXT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  step TEXT NOT NULL CHECK (step IN ('draft', 'submitted', 'assigned', 'answer_drafted', 'answered',
                                     'awaiting_follow_up', 'closed')),
  consultation_id BIGINT,
  lead_unit_id BIGINT REFERENCES departments(id),
  deadline BIGINT,                                     -- the answer is due before this instant
  answer_category TEXT CHECK (answer_category IN ('A', 'B', 'C')),  -- of the latest answer sent
  follow_up_on BIGINT,                                 -- a B answer: the start of its plan date (回头看)
  rating TEXT CHECK (rating IN ('satisfied', 'basically_satisfied', 'dissatisfied')),  -- the latest
  dissatisfied_count INTEGER NOT NULL DEFAULT 0,       -- 1: the second answer is being prepared or given
  submitted_at BIGINT,
  assigned_at BIGINT,
  first_answered_at BIGINT,                            -- when the first answer was sent (on time: <= deadline)
  answered_at BIGINT,                                  -- when the latest answer was sent
  rated_at BIGINT,
  closed_at BIGINT,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX proposals_street_created ON proposals (street_id, created_at);
CREATE INDEX proposals_deputy_created ON proposals (deputy_id, created_at);
CREATE INDEX proposals_lead_unit ON proposals (lead_unit_id, created_at);

-- The units a proposal is assigned to (交办): one lead, any assisting.
CREATE TABLE proposal_units (
  id INTEGER PRIMARY KEY,
  proposal_id BIGINT NOT NULL REFERENCES proposals(id),
  street_id BIGINT,
  unit_id BIGINT NOT NULL REFERENCES departments(id),
  role TEXT NOT NULL CHECK (role IN ('lead', 'assisting')),
  UNIQUE (proposal_id, unit_id)
);
CREATE INDEX proposal_units_unit ON proposal_units (unit_id);

-- The appeals a proposal grew from (triage route "escalate", or named when registering). One appeal, one
-- proposal.
CREATE TABLE proposal_appeals (
  id INTEGER PRIMARY KEY,
  proposal_id BIGINT NOT NULL REFERENCES proposals(id),
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  linked_by BIGINT REFERENCES users(id),
  linked_at BIGINT NOT NULL,
  UNIQUE (appeal_id)
);
CREATE INDEX proposal_appeals_proposal ON proposal_appeals (proposal_id);

-- A unit's contact with the deputy before, during or after handling (办前 / 办中 / 办后; 见面率).
CREATE TABLE proposal_contacts (
  id INTEGER PRIMARY KEY,
  proposal_id BIGINT NOT NULL REFERENCES proposals(id),
  street_id BIGINT,
  unit_id BIGINT REFERENCES departments(id),
  stage TEXT NOT NULL CHECK (stage IN ('before', 'during', 'after')),
  method TEXT NOT NULL CHECK (method IN ('face_to_face', 'phone', 'visit')),
  note TEXT NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL
);
CREATE INDEX proposal_contacts_proposal ON proposal_contacts (proposal_id, at);

-- An assisting unit's opinion to the lead unit (协办意见).
CREATE TABLE proposal_opinions (
  id INTEGER PRIMARY KEY,
  proposal_id BIGINT NOT NULL REFERENCES proposals(id),
  street_id BIGINT,
  unit_id BIGINT REFERENCES departments(id),
  content TEXT NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL
);
CREATE INDEX proposal_opinions_proposal ON proposal_opinions (proposal_id, at);

-- The answers: drafted by the lead unit, sent once the unit head approves (sent_at); a follow-up (回头看) is
-- an answer of kind follow_up, sent as it is recorded.
CREATE TABLE proposal_answers (
  id INTEGER PRIMARY KEY,
  proposal_id BIGINT NOT NULL REFERENCES proposals(id),
  street_id BIGINT,
  kind TEXT NOT NULL CHECK (kind IN ('answer', 'follow_up')),
  round INTEGER NOT NULL,                              -- 1, or 2 after a dissatisfied rating
  unit_id BIGINT REFERENCES departments(id),
  category TEXT NOT NULL CHECK (category IN ('A', 'B', 'C')),
  content TEXT NOT NULL,
  follow_up_on BIGINT,                                 -- B: the plan date (start of the day)
  drafted_by BIGINT NOT NULL REFERENCES users(id),
  drafted_at BIGINT NOT NULL,
  approved_by BIGINT REFERENCES users(id),
  sent_at BIGINT
);
CREATE INDEX proposal_answers_proposal ON proposal_answers (proposal_id, id);

-- A proposal's timeline: one event per step taken.
CREATE TABLE proposal_events (
  id INTEGER PRIMARY KEY,
  proposal_id BIGINT NOT NULL REFERENCES proposals(id),
  street_id BIGINT,
  at BIGINT NOT NULL,
  actor_id BIGINT REFERENCES users(id),
  actor_label TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  from_step TEXT,
  to_step TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX proposal_events_proposal ON proposal_events (proposal_id, id);
