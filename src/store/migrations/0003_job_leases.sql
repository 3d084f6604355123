-- Periodic jobs that several servers run (the deadline sweep): a server runs a tick only if it moves
-- the job's ran_at forward, in a conditional UPDATE that only one server can win per tick.
CREATE TABLE job_leases (
  name TEXT PRIMARY KEY,
  ran_at BIGINT NOT NULL DEFAULT 0,
  ran_by TEXT NOT NULL DEFAULT ''
);
INSERT INTO job_leases (name, ran_at, ran_by) VALUES ('deadline_sweep', 0, '');
