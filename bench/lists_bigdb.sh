#!/usr/bin/env bash
# A big SQLite database for studying the appeal lists (issue 13): copies a demo database and multiplies its
# appeals (and their dispatches) FACTOR times, each copy shifted back in time so that the whole spreads over
# three years; copies older than 90 days have their open appeals closed (an old district has few open cases).
# Ids are assigned in created_at order, as a live server assigns them. Indexes are dropped before the load
# and created again after it (a sort each, much faster than 10M inserts into them).
#
#   build/release/minsheng demo --db sqlite:/tmp/l/base.db --appeals 2000 --now 2026-11-18T10:00:00+08:00
#   bench/lists_bigdb.sh /tmp/l/base.db /tmp/l/big.db 5000      # 2000 × 5000 = 10,000,000 appeals
#
# Mind the disk (`df -h /tmp`): 10M appeals take about 10 GB. Not a test; a tool for EXPLAIN and bench/lists.sh.
set -euo pipefail
base=$1 out=$2 factor=$3
shift_s=$(( 3 * 365 * 86400 / factor ))
closed_after=$(( 90 * 86400 ))
open="'received','dispatched','accepted','in_progress','replied','returned','reopened','deliberating','escalated','explaining'"

rm -f "$out" "$out-wal" "$out-shm"
cp "$base" "$out"

# Every column of appeals, with its time columns shifted and the identity columns remapped.
forced="(m.k * $shift_s > $closed_after AND a.status IN ($open))"
select=""
for col in $(sqlite3 "$base" "SELECT name FROM pragma_table_info('appeals') ORDER BY cid"); do
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
done
cols=$(sqlite3 "$base" "SELECT group_concat(name, ', ') FROM pragma_table_info('appeals')")
indexes=$(sqlite3 "$base" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                            AND tbl_name IN ('appeals', 'dispatches')")
drops=$(sqlite3 "$base" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE type = 'index'
                          AND sql IS NOT NULL AND tbl_name IN ('appeals', 'dispatches')")

time sqlite3 "$out" <<SQL
PRAGMA journal_mode=OFF;
PRAGMA synchronous=OFF;
PRAGMA cache_size=-2000000;
ATTACH '$base' AS src;
$drops
DELETE FROM dispatches;
DELETE FROM appeals;
CREATE TEMP TABLE m (new_id INTEGER PRIMARY KEY, old_id INTEGER NOT NULL, k INTEGER NOT NULL);
WITH RECURSIVE ks(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM ks WHERE k < $factor - 1)
INSERT INTO m (old_id, k) SELECT a.id, ks.k FROM ks, src.appeals a ORDER BY a.created_at - ks.k * $shift_s, a.id, ks.k;
CREATE INDEX temp.m_old ON m (old_id, k);
INSERT INTO appeals ($cols) SELECT $select FROM m JOIN src.appeals a ON a.id = m.old_id ORDER BY m.new_id;
INSERT INTO dispatches (appeal_id, street_id, unit_id, role, active, dispatched_at, dispatched_by, ended_at, end_reason)
  SELECT m.new_id, d.street_id, d.unit_id, d.role, d.active, d.dispatched_at - m.k * $shift_s, d.dispatched_by,
         d.ended_at - m.k * $shift_s, d.end_reason
  FROM m JOIN src.dispatches d ON d.appeal_id = m.old_id ORDER BY m.new_id, d.id;
$indexes
PRAGMA journal_mode=WAL;
SQL
sqlite3 "$out" "SELECT count(*) FROM appeals; SELECT count(*) FROM dispatches"
ls -l "$out"
