-- Issue 13: the deadline sweep reads only the appeals that owe it something now, through an index.
-- sweep_due is the first instant at which the sweep may owe the appeal a notice or a warning (core/supervision.h
-- NextSweepAt): every write of an appeal its units still work on sets it to the write's time (the sweep looks once
-- and sets the exact instant); NULL when the sweep has nothing to watch. The open ones wait for the next tick.
ALTER TABLE appeals ADD COLUMN sweep_due BIGINT;
UPDATE appeals SET sweep_due = 0 WHERE status IN ('dispatched', 'accepted', 'in_progress');
CREATE INDEX appeals_sweep_due ON appeals(sweep_due) WHERE sweep_due IS NOT NULL;
