-- The audit log (PIPL): every view of a resident's unmasked personal data and every admin action, who,
-- when, what and from where. Rows are only ever inserted: no code path updates or deletes them, and the API
-- has no route that could. street_id is the street of what was seen or changed (NULL: district-wide).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_label TEXT NOT NULL,
  action TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  target_id BIGINT,
  street_id BIGINT,
  detail TEXT NOT NULL DEFAULT '',
  remote_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor_at ON audit_log (actor_id, at);
CREATE INDEX audit_log_target ON audit_log (target_kind, target_id);
