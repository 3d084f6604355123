-- Issue 12: assisting units' opinions (协办意见) and reviewed replies (答复须经单位负责人审核).

-- Whether the unit's replies are reviewed by its head before they are released (off: a handler's reply is
-- sent at once, as before). The admin switches it per department.
ALTER TABLE departments ADD COLUMN review_replies INTEGER NOT NULL DEFAULT 0;

-- One row per assisting dispatch: the opinion that unit owes the lead unit in that round of handling.
-- Rows of an ended dispatch (returned, re-dispatched) stay as history; only active dispatches' count.
CREATE TABLE appeal_opinions (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  dispatch_id BIGINT NOT NULL REFERENCES dispatches(id),
  unit_id BIGINT NOT NULL REFERENCES departments(id),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'given', 'waived')),
  due_at BIGINT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  given_by BIGINT REFERENCES users(id),
  given_at BIGINT,
  on_time INTEGER,                    -- 1 when given by due_at
  waived_by BIGINT REFERENCES users(id),
  waived_at BIGINT,
  waive_reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (dispatch_id)
);
CREATE INDEX appeal_opinions_appeal ON appeal_opinions(appeal_id);
CREATE INDEX appeal_opinions_unit ON appeal_opinions(unit_id, status);
CREATE INDEX appeal_opinions_due ON appeal_opinions(status, due_at);

-- A reply drafted in a unit that reviews its replies, and its review by the unit head.
CREATE TABLE reply_reviews (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  unit_id BIGINT NOT NULL REFERENCES departments(id),
  content TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'sent_back')),
  drafted_by BIGINT NOT NULL REFERENCES users(id),
  drafted_at BIGINT NOT NULL,
  reviewed_by BIGINT REFERENCES users(id),
  reviewed_at BIGINT,
  review_note TEXT NOT NULL DEFAULT '',  -- the reason of a send-back, or the head's note on approval
  reply_id BIGINT REFERENCES replies(id)  -- the reply it was released as
);
CREATE INDEX reply_reviews_appeal ON reply_reviews(appeal_id);
-- At most one draft waits for review on an appeal.
CREATE UNIQUE INDEX reply_reviews_one_pending ON reply_reviews(appeal_id) WHERE status = 'pending';
