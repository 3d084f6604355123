-- A handler flagged as the head of their unit (单位负责人): approves the unit's answers before they are
-- sent (proposal answers now; appeal replies where the unit reviews them, issue 12).
ALTER TABLE users ADD COLUMN unit_head INTEGER NOT NULL DEFAULT 0;
