-- The monthly bulletin (每月一通报) and the quarterly review (每季度一讲评), issue 12, seed 004. A published
-- issue is immutable: its figures are a JSON snapshot computed at publishing; no route edits it. A new issue
-- for the same period supersedes the current one (with a note) and the old one stays listed, pointing to it.
-- Bulletins are district-wide: street_id (the shard key) is NULL, like other district-level rows.
CREATE TABLE bulletins (
  id INTEGER PRIMARY KEY,
  street_id BIGINT,
  kind TEXT NOT NULL CHECK (kind IN ('month', 'quarter')),
  period TEXT NOT NULL,                             -- "2026-10", "2026-Q3"
  number BIGINT NOT NULL,                           -- the issue's number in its kind and year: 2026年第3期
  title TEXT NOT NULL,                              -- "2026年10月民生诉求办理情况通报"
  snapshot TEXT NOT NULL,                           -- the figures as JSON (app/bulletin_service.h)
  note TEXT NOT NULL DEFAULT '',                    -- why this issue supersedes the previous one
  published_at BIGINT NOT NULL,
  published_by BIGINT NOT NULL REFERENCES users(id),
  current_key TEXT UNIQUE,                          -- "month:2026-10" while current, NULL once superseded:
                                                    -- at most one current issue per period
  supersedes_id BIGINT REFERENCES bulletins(id),    -- the issue of the same period this one replaced
  superseded_by BIGINT REFERENCES bulletins(id),    -- set once, when a newer issue of the period is published
  pdf TEXT,                                         -- the print (base64), kept on first download: every server
  pdf_at BIGINT                                     -- then serves the same bytes
);
CREATE INDEX bulletins_period ON bulletins (kind, period, published_at);
CREATE INDEX bulletins_published ON bulletins (published_at);
