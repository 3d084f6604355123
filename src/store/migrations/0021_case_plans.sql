-- Issue 12: the case owner's plan (包案: 一个问题、一名领导、一套方案、一抓到底).

-- Which leader answers for which streets: escalation gives an appeal to its street's leader. Set by an admin.
CREATE TABLE leader_streets (
  id INTEGER PRIMARY KEY,
  leader_id BIGINT NOT NULL REFERENCES users(id),
  street_id BIGINT NOT NULL REFERENCES regions(id),  -- also the Citus shard key
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES users(id),
  UNIQUE (leader_id, street_id)
);
CREATE INDEX leader_streets_street ON leader_streets(street_id);

-- The steps of the plan the case owner writes for an appeal. A step is never deleted: a step taken out of
-- the plan is 'removed' and kept; a done step is final.
CREATE TABLE case_plan_steps (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  position INTEGER NOT NULL,          -- its place in the plan, from 0
  title TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES departments(id),  -- the unit responsible
  due_date TEXT NOT NULL,             -- 'YYYY-MM-DD', the last day it may be done
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'removed')),
  done_by BIGINT REFERENCES users(id),
  done_at BIGINT,
  done_note TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX case_plan_steps_appeal ON case_plan_steps(appeal_id, position);
