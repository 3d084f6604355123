#!/usr/bin/env bash
# bench/lists_bigdb.sh for PostgreSQL: multiplies the appeals (and dispatches) of a demo database in place,
# FACTOR times over three years, the same way (ids in created_at order, copies older than 90 days closed).
#
#   build/release/minsheng demo --db postgresql://postgres@127.0.0.1:PORT/big --appeals 2000 --now 2026-11-18T10:00:00+08:00
#   bench/lists_bigdb_pg.sh postgresql://postgres@127.0.0.1:PORT/big 500     # 1,000,000 appeals
#
# Needs a superuser (foreign keys are off during the load: the demo's timelines keep pointing at the first
# 2,000 ids). Not a test; a tool for EXPLAIN ANALYZE and list_bench.
set -euo pipefail
url=$1 factor=$2
shift_s=$(( 3 * 365 * 86400 / factor ))
closed_after=$(( 90 * 86400 ))
open="'received','dispatched','accepted','in_progress','replied','returned','reopened','deliberating','escalated','explaining'"
forced="(m.k * $shift_s > $closed_after AND a.status IN ($open))"
select="" cols=""
for col in $(psql "$url" -Atc "SELECT column_name FROM information_schema.columns WHERE table_name = 'appeals'
                               AND table_schema = 'public' ORDER BY ordinal_position"); do
  case $col in
    id) expr="m.new_id" ;;
    receipt_code) expr="a.receipt_code || '-' || m.k" ;;
    status) expr="CASE WHEN $forced THEN 'closed' ELSE a.status END" ;;
    merged_into_id) expr="(SELECT x.new_id FROM m x WHERE x.old_id = a.merged_into_id AND x.k = m.k)" ;;
    closed_at) expr="CASE WHEN $forced THEN a.updated_at ELSE a.closed_at END - m.k * $shift_s" ;;
    current_due) expr="CASE WHEN $forced THEN NULL ELSE a.current_due - m.k * $shift_s END" ;;
    *_at|*_due) expr="a.$col - m.k * $shift_s" ;;
    *) expr="a.$col" ;;
  esac
  select+="${select:+, }$expr"
  cols+="${cols:+, }$col"
done
indexes=$(psql "$url" -Atc "SELECT indexdef || ';' FROM pg_indexes WHERE tablename IN ('appeals', 'dispatches')
                            AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%receipt_code%'")
drops=$(psql "$url" -Atc "SELECT 'DROP INDEX ' || indexname || ';' FROM pg_indexes WHERE tablename IN
                          ('appeals', 'dispatches') AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%receipt_code%'")
time psql "$url" -v ON_ERROR_STOP=1 <<SQL
SET session_replication_role = replica;
SET maintenance_work_mem = '512MB';
CREATE TEMP TABLE src_appeals AS SELECT * FROM appeals;
CREATE TEMP TABLE src_dispatches AS SELECT * FROM dispatches;
$drops
DELETE FROM dispatches;
DELETE FROM appeals;
CREATE TEMP TABLE m AS
  SELECT row_number() OVER (ORDER BY a.created_at - k * $shift_s, a.id, k) AS new_id, a.id AS old_id, k
  FROM src_appeals a, generate_series(0, $factor - 1) k;
CREATE INDEX ON m (old_id, k);
ANALYZE m;
INSERT INTO appeals ($cols) SELECT $select FROM m JOIN src_appeals a ON a.id = m.old_id ORDER BY m.new_id;
INSERT INTO dispatches (appeal_id, street_id, unit_id, role, active, dispatched_at, dispatched_by, ended_at, end_reason)
  SELECT m.new_id, d.street_id, d.unit_id, d.role, d.active, d.dispatched_at - m.k * $shift_s, d.dispatched_by,
         d.ended_at - m.k * $shift_s, d.end_reason
  FROM m JOIN src_dispatches d ON d.appeal_id = m.old_id ORDER BY m.new_id, d.id;
SELECT setval(pg_get_serial_sequence('appeals', 'id'), (SELECT max(id) FROM appeals));
SELECT setval(pg_get_serial_sequence('dispatches', 'id'), (SELECT max(id) FROM dispatches));
$indexes
VACUUM ANALYZE appeals;
VACUUM ANALYZE dispatches;
SQL
psql "$url" -Atc "SELECT count(*) FROM appeals" -c "SELECT count(*) FROM dispatches"
