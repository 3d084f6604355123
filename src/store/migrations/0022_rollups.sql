-- Issue 13: numbers at ten million appeals (DESIGN.md §5, "Numbers at scale").

-- The deadline that matters in the appeal's current state (core/overdue.h CurrentDue), stored by every write of
-- the appeal so that "overdue", sort=due and the metrics' overdue count are served by an index. NULL: none.
ALTER TABLE appeals ADD COLUMN current_due BIGINT;
UPDATE appeals SET current_due = CASE status
  WHEN 'dispatched' THEN COALESCE(accept_due, reply_due)
  WHEN 'accepted' THEN COALESCE(contact_due, reply_due)
  WHEN 'in_progress' THEN reply_due
  WHEN 'replied' THEN resolve_due
  END;
CREATE INDEX appeals_current_due ON appeals(current_due) WHERE current_due IS NOT NULL;
-- The dispatched appeals still waiting for their first contact: their first-contact deadline passing makes them
-- count in the response rate's denominator (core/metrics.h), so the metrics read them live.
CREATE INDEX appeals_awaiting_contact ON appeals(contact_due) WHERE first_contact_at IS NULL AND dispatched_at IS NOT NULL;

-- Per-period counts of the appeals registered in the period (core/rollup.h Tally), by street, region, lead unit,
-- category, channel and deputy (0 = none): one row per span ('day', 'week' from Monday, 'month' from the 1st) and
-- first local day of the span (days since 1970-01-01) and group. Read by the metrics; written only by folding the
-- deltas below, so that no appeal change waits on another's row; `minsheng rollups --check` recounts them.
CREATE TABLE appeal_rollups (
  id INTEGER PRIMARY KEY,
  street_id BIGINT NOT NULL,  -- also the Citus shard key
  span TEXT NOT NULL CHECK (span IN ('day', 'week', 'month')),
  first_day INTEGER NOT NULL,
  region_id BIGINT NOT NULL,
  lead_unit_id BIGINT NOT NULL,
  category_id BIGINT NOT NULL,
  channel TEXT NOT NULL,
  deputy_id BIGINT NOT NULL,
  total BIGINT NOT NULL DEFAULT 0,
  dispatched BIGINT NOT NULL DEFAULT 0,
  contacted BIGINT NOT NULL DEFAULT 0,
  responded_on_time BIGINT NOT NULL DEFAULT 0,
  replied BIGINT NOT NULL DEFAULT 0,
  closed BIGINT NOT NULL DEFAULT 0,
  closed_on_time BIGINT NOT NULL DEFAULT 0,
  called_back BIGINT NOT NULL DEFAULT 0,
  resolved BIGINT NOT NULL DEFAULT 0,
  satisfied BIGINT NOT NULL DEFAULT 0,
  reopened BIGINT NOT NULL DEFAULT 0,
  open BIGINT NOT NULL DEFAULT 0,
  open_day_sum BIGINT NOT NULL DEFAULT 0,
  repeats BIGINT NOT NULL DEFAULT 0,
  supervised BIGINT NOT NULL DEFAULT 0,
  manually_supervised BIGINT NOT NULL DEFAULT 0,
  cause_buck_passing BIGINT NOT NULL DEFAULT 0,
  cause_late_or_perfunctory BIGINT NOT NULL DEFAULT 0,
  cause_deputy_relayed BIGINT NOT NULL DEFAULT 0,
  cause_not_solved BIGINT NOT NULL DEFAULT 0,
  cause_other BIGINT NOT NULL DEFAULT 0,
  UNIQUE (span, first_day, street_id, region_id, lead_unit_id, category_id, channel, deputy_id)
);

-- What each appeal change adds to (or, negative, takes from) the counts of its registration day, appended in the
-- change's own transaction and folded into appeal_rollups every second or so (store/rollup_repository.h).
CREATE TABLE appeal_rollup_deltas (
  id INTEGER PRIMARY KEY,
  street_id BIGINT NOT NULL,  -- also the Citus shard key
  day INTEGER NOT NULL,
  region_id BIGINT NOT NULL,
  lead_unit_id BIGINT NOT NULL,
  category_id BIGINT NOT NULL,
  channel TEXT NOT NULL,
  deputy_id BIGINT NOT NULL,
  total BIGINT NOT NULL DEFAULT 0,
  dispatched BIGINT NOT NULL DEFAULT 0,
  contacted BIGINT NOT NULL DEFAULT 0,
  responded_on_time BIGINT NOT NULL DEFAULT 0,
  replied BIGINT NOT NULL DEFAULT 0,
  closed BIGINT NOT NULL DEFAULT 0,
  closed_on_time BIGINT NOT NULL DEFAULT 0,
  called_back BIGINT NOT NULL DEFAULT 0,
  resolved BIGINT NOT NULL DEFAULT 0,
  satisfied BIGINT NOT NULL DEFAULT 0,
  reopened BIGINT NOT NULL DEFAULT 0,
  open BIGINT NOT NULL DEFAULT 0,
  open_day_sum BIGINT NOT NULL DEFAULT 0,
  repeats BIGINT NOT NULL DEFAULT 0,
  supervised BIGINT NOT NULL DEFAULT 0,
  manually_supervised BIGINT NOT NULL DEFAULT 0,
  cause_buck_passing BIGINT NOT NULL DEFAULT 0,
  cause_late_or_perfunctory BIGINT NOT NULL DEFAULT 0,
  cause_deputy_relayed BIGINT NOT NULL DEFAULT 0,
  cause_not_solved BIGINT NOT NULL DEFAULT 0,
  cause_other BIGINT NOT NULL DEFAULT 0
);
