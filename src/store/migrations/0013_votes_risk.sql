-- Residents' votes on practical projects (实事项目投票), their voter codes and secret ballots, the notice
-- outbox for codes sent by SMS, and stability-risk assessments of major matters (稳定风险评估).

-- A vote of an area (a street or community) on candidate projects. Open from opens_at to closes_at (the
-- status follows the clock, core/vote.h); closed_at is set when staff close it and publish the results.
CREATE TABLE votes (
  id INTEGER PRIMARY KEY,
  street_id BIGINT,                                   -- the street of region_id (the shard key)
  region_id BIGINT NOT NULL REFERENCES regions(id),   -- the area: a street or a community
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  major INTEGER NOT NULL DEFAULT 0 CHECK (major IN (0, 1)),  -- a major matter: two thirds to be chosen
  max_choices INTEGER NOT NULL CHECK (max_choices >= 1),
  opens_at BIGINT NOT NULL,
  closes_at BIGINT NOT NULL,
  closed_at BIGINT,
  closed_by BIGINT REFERENCES users(id),
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  CHECK (closes_at > opens_at)
);
CREATE INDEX votes_street_opens ON votes (street_id, opens_at);
CREATE INDEX votes_region ON votes (region_id);

-- A candidate project of a vote.
CREATE TABLE vote_options (
  id INTEGER PRIMARY KEY,
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  street_id BIGINT,
  sort_order INTEGER NOT NULL,
  title TEXT NOT NULL,
  UNIQUE (vote_id, sort_order)
);

-- One-time voter codes: only a digest of the code (never the code), the vote and area it was issued for,
-- and whether it was used. Nothing here says when it was used or for what: a ballot cannot be traced back.
-- used goes 0 → 1 by a conditional UPDATE (… WHERE used = 0), so two ballots racing with one code cannot
-- both count.
CREATE TABLE voter_codes (
  id INTEGER PRIMARY KEY,
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  street_id BIGINT,
  region_id BIGINT NOT NULL REFERENCES regions(id),   -- the area the code was issued for
  code_hash TEXT NOT NULL UNIQUE,                     -- BLAKE2b-256 of the normalised code
  used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),
  issued_at BIGINT NOT NULL                           -- the day's batch: when the sheet was printed
);
CREATE INDEX voter_codes_vote ON voter_codes (vote_id, used);

-- A secret ballot: no code, no person, no time — only the vote it was cast in.
CREATE TABLE ballots (
  id INTEGER PRIMARY KEY,
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  street_id BIGINT
);
CREATE INDEX ballots_vote ON ballots (vote_id);

-- The projects a ballot chose (1 to max_choices of them).
CREATE TABLE ballot_choices (
  id INTEGER PRIMARY KEY,
  ballot_id BIGINT NOT NULL REFERENCES ballots(id),
  vote_id BIGINT NOT NULL REFERENCES votes(id),
  option_id BIGINT NOT NULL REFERENCES vote_options(id),
  street_id BIGINT,
  UNIQUE (ballot_id, option_id)
);
CREATE INDEX ballot_choices_vote_option ON ballot_choices (vote_id, option_id);

-- Messages to residents' phones waiting for an SMS gateway (none is connected yet: a gateway drains the rows
-- whose sent_at is NULL, sets it and blanks body, which holds a voter code until then). kind says what it is
-- (`voter_code`).
CREATE TABLE sms_outbox (
  id INTEGER PRIMARY KEY,
  street_id BIGINT,
  kind TEXT NOT NULL,
  phone TEXT NOT NULL,
  body TEXT NOT NULL,
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX sms_outbox_unsent ON sms_outbox (sent_at, id);

-- A stability-risk assessment of a major matter: a survey, then a decision (passed or vetoed, once).
CREATE TABLE risk_assessments (
  id INTEGER PRIMARY KEY,
  street_id BIGINT,
  region_id BIGINT NOT NULL REFERENCES regions(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  vote_id BIGINT REFERENCES votes(id),                -- the major vote it assesses, if any
  status TEXT NOT NULL DEFAULT 'collecting' CHECK (status IN ('collecting', 'passed', 'vetoed')),
  respondents INTEGER NOT NULL DEFAULT 0,             -- as decided (the figures of the report)
  supporters INTEGER NOT NULL DEFAULT 0,
  decided_at BIGINT,
  decided_by BIGINT REFERENCES users(id),
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX risk_assessments_street ON risk_assessments (street_id, created_at);
CREATE INDEX risk_assessments_vote ON risk_assessments (vote_id);

-- One surveyed resident's scores (1–5 each); anonymous.
CREATE TABLE risk_responses (
  id INTEGER PRIMARY KEY,
  assessment_id BIGINT NOT NULL REFERENCES risk_assessments(id),
  street_id BIGINT,
  support INTEGER NOT NULL CHECK (support BETWEEN 1 AND 5),
  satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
  confidence INTEGER NOT NULL CHECK (confidence BETWEEN 1 AND 5),
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX risk_responses_assessment ON risk_responses (assessment_id);
