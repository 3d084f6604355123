-- Public evaluation (评议会 / 述职测评, issue 11): rounds in which residents and deputies score units on
-- a form. street_id on every table is the Citus shard key, as elsewhere (NULL for a district-wide round).

-- A round: its area, year, kind, the form's criteria and how deputies' and residents' scores are weighed.
CREATE TABLE evaluation_rounds (
  id INTEGER PRIMARY KEY,
  region_id BIGINT NOT NULL REFERENCES regions(id),
  street_id BIGINT,
  year INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('meeting', 'report')),
  title TEXT NOT NULL,
  criteria TEXT NOT NULL,       -- JSON array of the form's criteria, in order: ["工作作风", …]
  deputy_share DOUBLE PRECISION NOT NULL DEFAULT 0.5 CHECK (deputy_share >= 0 AND deputy_share <= 1),
  state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE INDEX evaluation_rounds_year ON evaluation_rounds (year, state);

-- The units a round evaluates: a department, or a public service named in words (no department).
CREATE TABLE evaluation_targets (
  id INTEGER PRIMARY KEY,
  round_id BIGINT NOT NULL REFERENCES evaluation_rounds(id),
  street_id BIGINT,
  department_id BIGINT REFERENCES departments(id),
  name TEXT NOT NULL,
  UNIQUE (round_id, name)
);

-- One evaluator's form: a deputy's own (one per deputy and round), or a resident's paper form entered by
-- staff, which names nobody.
CREATE TABLE evaluation_forms (
  id INTEGER PRIMARY KEY,
  round_id BIGINT NOT NULL REFERENCES evaluation_rounds(id),
  street_id BIGINT,
  evaluator TEXT NOT NULL CHECK (evaluator IN ('deputy', 'resident')),
  deputy_id BIGINT REFERENCES users(id),
  entered_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  UNIQUE (round_id, deputy_id)
);

-- A form's points for one unit, one per criterion ("5,4,5"), and their score (core/evaluation.h FormScore).
CREATE TABLE evaluation_scores (
  id INTEGER PRIMARY KEY,
  form_id BIGINT NOT NULL REFERENCES evaluation_forms(id),
  target_id BIGINT NOT NULL REFERENCES evaluation_targets(id),
  street_id BIGINT,
  points TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  UNIQUE (form_id, target_id)
);
CREATE INDEX evaluation_scores_target ON evaluation_scores (target_id);
