-- Issue 12: manual supervision (督办单 issued by a supervisor, 现场督查 and 跟踪督查 recorded on an appeal) and
-- the staff workbench's notice list (yellow and red warnings, supervision steps). The automatic notices of the
-- deadline sweep stay in supervision_notices (migration 0001).

-- A supervision notice a supervisor issued by hand to one unit of an open appeal (core/supervision.h):
-- issued → answered → closed | escalated (an unanswered one can be escalated at once).
CREATE TABLE manual_supervision_notices (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  unit_id BIGINT NOT NULL REFERENCES departments(id),
  status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'answered', 'closed', 'escalated')),
  reason TEXT NOT NULL,
  required_action TEXT NOT NULL,
  deadline BIGINT NOT NULL,              -- the last instant that counts as answered on time (end of a day)
  issued_by BIGINT NOT NULL REFERENCES users(id),
  issued_at BIGINT NOT NULL,
  answer TEXT NOT NULL DEFAULT '',
  answered_by BIGINT REFERENCES users(id),
  answered_at BIGINT,
  decided_by BIGINT REFERENCES users(id),  -- who closed or escalated it
  decided_at BIGINT,
  decision_note TEXT NOT NULL DEFAULT '',
  escalated_to BIGINT REFERENCES users(id) -- the leader it went to
);
CREATE INDEX manual_supervision_notices_appeal ON manual_supervision_notices(appeal_id);
CREATE INDEX manual_supervision_notices_unit ON manual_supervision_notices(unit_id, status, deadline);
CREATE INDEX manual_supervision_notices_issued ON manual_supervision_notices(issued_at);

-- On-site (现场督查) and follow-up (跟踪督查) inspections of an appeal, optionally about one manual notice.
CREATE TABLE inspections (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  kind TEXT NOT NULL CHECK (kind IN ('on_site', 'follow_up')),
  findings TEXT NOT NULL,
  notice_id BIGINT REFERENCES manual_supervision_notices(id),
  inspected_by BIGINT NOT NULL REFERENCES users(id),
  inspected_at BIGINT NOT NULL
);
CREATE INDEX inspections_appeal ON inspections(appeal_id);

-- One staff member's workbench notices: warnings (yellow_warning, red_warning) issued by the deadline sweep
-- once per (user, appeal, kind, deadline), and the steps of manual supervision that concern them (ref_id: the
-- manual notice). read_at is set when the user reads it.
CREATE TABLE staff_notices (
  id INTEGER PRIMARY KEY,
  street_id BIGINT,
  user_id BIGINT NOT NULL REFERENCES users(id),
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  kind TEXT NOT NULL CHECK (kind IN ('yellow_warning', 'red_warning', 'supervision_issued',
                                     'supervision_answered', 'supervision_escalated')),
  deadline BIGINT NOT NULL DEFAULT 0,
  ref_id BIGINT NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  UNIQUE (user_id, appeal_id, kind, deadline, ref_id)
);
CREATE INDEX staff_notices_user ON staff_notices(user_id, read_at, created_at);
CREATE INDEX staff_notices_appeal ON staff_notices(appeal_id, kind, deadline);
