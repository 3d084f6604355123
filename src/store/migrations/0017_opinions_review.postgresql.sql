-- Supervision notices to assisting units for overdue opinions (kind opinion_overdue): a notice is issued once
-- per (appeal, kind, deadline, unit), since two assisting units can be late on the same deadline.
ALTER TABLE supervision_notices DROP CONSTRAINT supervision_notices_kind_check;
ALTER TABLE supervision_notices ADD CONSTRAINT supervision_notices_kind_check
  CHECK (kind IN ('reply_overdue', 'resolve_overdue', 'escalation', 'opinion_overdue'));
ALTER TABLE supervision_notices DROP CONSTRAINT supervision_notices_appeal_id_kind_deadline_key;
ALTER TABLE supervision_notices ADD CONSTRAINT supervision_notices_once UNIQUE (appeal_id, kind, deadline, unit_id);
