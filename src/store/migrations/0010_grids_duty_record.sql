-- Grids and their people, leaders' contact points, and the deputies' recorded duty activities (issue 10).
-- street_id on every table is the Citus shard key, as elsewhere.

-- A grid region's visit rule (seed 004: visits on at least 3 different days a week). A grid without a row
-- here has the default; a row is written when someone changes it.
CREATE TABLE grids (
  region_id BIGINT PRIMARY KEY REFERENCES regions(id),
  street_id BIGINT,
  required_visit_days INTEGER NOT NULL DEFAULT 3 CHECK (required_visit_days BETWEEN 1 AND 7),
  updated_at BIGINT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);

-- The people responsible for a grid: grid workers (网格员), deputies and messengers (民情信使), each a
-- staff user.
CREATE TABLE grid_members (
  id INTEGER PRIMARY KEY,
  region_id BIGINT NOT NULL REFERENCES regions(id),
  street_id BIGINT,
  user_id BIGINT NOT NULL REFERENCES users(id),
  duty TEXT NOT NULL CHECK (duty IN ('grid_worker', 'deputy', 'messenger')),
  created_at BIGINT NOT NULL,
  UNIQUE (region_id, user_id)
);
CREATE INDEX grid_members_user ON grid_members (user_id);

-- A leader's contact points (联系点, seed 002): the residential areas (communities or grids) they are
-- linked to.
CREATE TABLE contact_points (
  id INTEGER PRIMARY KEY,
  leader_id BIGINT NOT NULL REFERENCES users(id),
  region_id BIGINT NOT NULL REFERENCES regions(id),
  street_id BIGINT,
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES users(id),
  UNIQUE (leader_id, region_id)
);

-- What a deputy did that the yearly "five ones" (五个一, seed 003) counts: a meeting attended, a proposal,
-- an investigation, an opinion report, a good deed. Recorded by the deputy or their organisers until
-- meetings and proposals have their own tables.
CREATE TABLE deputy_activities (
  id INTEGER PRIMARY KEY,
  deputy_id BIGINT NOT NULL REFERENCES users(id),
  street_id BIGINT,
  kind TEXT NOT NULL CHECK (kind IN ('meeting', 'proposal', 'investigation', 'opinion_report', 'good_deed')),
  title TEXT NOT NULL,
  happened_on TEXT NOT NULL,   -- 'YYYY-MM-DD'
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX deputy_activities_deputy ON deputy_activities (deputy_id, happened_on);
