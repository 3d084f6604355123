-- Supervision notices to assisting units for overdue opinions (kind opinion_overdue): a notice is issued once
-- per (appeal, kind, deadline, unit), since two assisting units can be late on the same deadline. SQLite
-- changes a CHECK or UNIQUE constraint only by rebuilding the table.
CREATE TABLE supervision_notices_0017 (
  id INTEGER PRIMARY KEY,
  appeal_id BIGINT NOT NULL REFERENCES appeals(id),
  street_id BIGINT,
  unit_id BIGINT REFERENCES departments(id),
  kind TEXT NOT NULL CHECK (kind IN ('reply_overdue', 'resolve_overdue', 'escalation', 'opinion_overdue')),
  deadline BIGINT NOT NULL,
  issued_at BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (appeal_id, kind, deadline, unit_id)
);
INSERT INTO supervision_notices_0017 (id, appeal_id, street_id, unit_id, kind, deadline, issued_at, note)
  SELECT id, appeal_id, street_id, unit_id, kind, deadline, issued_at, note FROM supervision_notices;
DROP TABLE supervision_notices;
ALTER TABLE supervision_notices_0017 RENAME TO supervision_notices;
CREATE INDEX supervision_notices_unit ON supervision_notices(unit_id, issued_at);
