#!/usr/bin/env bash
# Issue 13's figures for one loaded database, in one run: size, sweep tick, dashboard / rankings / public
# metrics, the year's export, list pages, get-by-id against a bare Beast server (and while exports run),
# durable intake, then backup and restore-verify. Run it on the 10,000-appeal database and on the big one
# one after the other, and compare.
#
#   build/release/minsheng demo --db sqlite:/big/m.db --appeals 10000000 --now 2026-11-18T10:00:00+08:00
#   bench/scale.sh --db sqlite:/big/m.db [--build build/release] [--seconds 10] [--backup-dir DIR]
#                  [--skip intake,backup,...]
#
# Steps (names for --skip): size, sweep, metrics, export, lists, get, intake, backup. The intake step adds
# appeals (about 10 s × the rate) and the sweep step may issue notices due at --now: use a copy when that
# matters. Backup needs free room in --backup-dir for a second copy of the database (and restore a third,
# removed after). Not a test; figures for bench/RESULTS.md (write `uptime` next to them).
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/release db="" seconds=10 backup_dir="" skip="" now=2026-11-18T10:00:00+08:00 port=18320
while (($#)); do
  case $1 in
    --build) build=$2 ;;
    --db) db=$2 ;;
    --seconds) seconds=$2 ;;
    --backup-dir) backup_dir=$2 ;;
    --skip) skip=$2 ;;
    --now) now=$2 ;;
    --port) port=$2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift 2
done
[[ -n $db ]] || { echo "--db URL is required" >&2; exit 2; }
for b in minsheng load_client list_bench sweep_bench bare_beast_server; do
  [[ -x $build/$b ]] || { echo "build $build/$b first" >&2; exit 2; }
done
wants() { [[ ",$skip," != *",$1,"* ]]; }
say() { printf '\n== %s (load %s)\n' "$1" "$(cut -d' ' -f1-3 /proc/loadavg)"; }

# The year before --now, as the dashboard's default period.
to=$(date -u -d "${now%%T*}" +%F)
from=$(date -u -d "$to - 1 year + 1 day" +%F)

if wants size; then
  say "size"
  case $db in
    sqlite:*)
      file=${db#sqlite:}
      bytes=$(( $(stat -c %s "$file") + $( [[ -f $file-wal ]] && stat -c %s "$file-wal" || echo 0) ))
      appeals=$(sqlite3 "$file" "SELECT count(*) FROM appeals")
      events=$(sqlite3 "$file" "SELECT count(*) FROM events")
      rollups=$(sqlite3 "$file" "SELECT count(*) FROM appeal_rollups") ;;
    postgresql:*|postgres:*)
      url=${db#postgresql:}
      q() { psql "$db" -Atc "$1"; }
      bytes=$(q "SELECT pg_database_size(current_database())")
      appeals=$(q "SELECT count(*) FROM appeals")
      events=$(q "SELECT count(*) FROM events")
      rollups=$(q "SELECT count(*) FROM appeal_rollups") ;;
  esac
  echo "appeals $appeals, events $events, rollup rows $rollups"
  echo "database $(numfmt --to=iec "$bytes"), $(( bytes / appeals )) bytes an appeal"
fi

if wants sweep; then
  say "sweep ticks (nothing due after the first)"
  "$build/sweep_bench" --db "$db" --now "$now" --ticks 20 --step 30 | tail -4
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/minsheng-scale.XXXXXX")
server=""
stop_server() { [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; server=""; }
trap 'stop_server; rm -rf "$work"' EXIT
start_server() {
  # The clock stands at --now (the demo's); no sweep during the run; public metrics neither cached nor
  # limited, so that each call is measured doing its work.
  local offset=$(( $(date -d "$now" +%s) - $(date +%s) ))
  "$build/minsheng" serve --listen "127.0.0.1:$port" --db "$db" --clock-offset "$offset" --sweep-seconds 3600 \
    --public-metrics-cache 0 --public-metrics-limit 0 >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1
}
url=http://127.0.0.1:$port
count_appeals() {
  case $db in
    sqlite:*) sqlite3 "${db#sqlite:}" "SELECT count(*) FROM appeals" ;;
    *) psql "$db" -Atc "SELECT count(*) FROM appeals" ;;
  esac
}
login() {
  curl -sf "$url/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo12345\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/'
}

if wants metrics || wants export || wants lists; then start_server; fi

if wants metrics; then
  for case in "dashboard|/api/v1/metrics?group_by=department&from=$from&to=$to" \
              "rankings|/api/v1/rankings?kind=department&from=$from&to=$to" \
              "public metrics|/api/v1/public/metrics?group_by=department&from=$from&to=$to"; do
    say "${case%%|*}: ${case#*|}, 4 connections"
    "$build/load_client" --url "$url" --mode path --path "${case#*|}" --connections 4 --seconds "$seconds" \
      --user coordinator | grep -E "req/s|p50|p99|status"
  done
fi

if wants export; then
  say "export of the year (.xlsx), 5 downloads one after the other"
  token=$(login coordinator)
  for i in 1 2 3 4 5; do
    curl -sf -o "$work/export.xlsx" -w "%{time_total} s, %{size_download} bytes\n" \
      -H "Authorization: Bearer $token" "$url/api/v1/metrics/export.xlsx?from=$from&to=$to&group_by=department"
  done
fi

if wants lists; then
  say "list pages (one connection; p50/p99/max ms)"
  "$build/list_bench" --url "$url" --repeat 30 --deep 30
fi
stop_server

if wants get; then
  say "get-by-id against the bare Beast server, and while 3 clients export"
  appeals=${appeals:-10000}
  bench/get_by_id.sh --build "$build" --db "$db" --appeals "$appeals" \
    --seconds "$seconds" --exporters 3 --user leader-2
fi

if wants intake; then
  start_server
  say "durable intake, 64 connections (wrk -t1 -c64, bench/wrk/intake.lua)"
  token=$(login coordinator)
  region=$(curl -sf "$url/api/v1/regions" -H "Authorization: Bearer $token" \
    | jq '[.items[] | select(.level == "community")][0].id')
  category=$(curl -sf "$url/api/v1/categories" -H "Authorization: Bearer $token" | jq '.items[0].id')
  before=$(count_appeals)
  TOKEN=$token REGION=$region CATEGORY=$category wrk -t1 -c64 -d"${seconds}s" -s bench/wrk/intake.lua "$url" \
    | grep -E "requests_per_second|p50|p99|max_ms|errors"
  echo "appeals stored during the run: $(($(count_appeals) - before))"
  say "durable intake, 64 connections (load_client, 64 threads: heavier on the client)"
  "$build/load_client" --url "$url" --mode intake --connections 64 --seconds "$seconds" --user coordinator \
    | grep -E "req/s|p50|p99|status"
  stop_server
fi

if wants backup; then
  [[ -n $backup_dir ]] || { echo "backup: --backup-dir DIR is required (or --skip backup)" >&2; exit 2; }
  say "backup and restore-verify"
  /usr/bin/time -f "backup: %e s, max RSS %M KiB" "$build/minsheng" backup --db "$db" --to "$backup_dir/backup.db"
  ls -l "$backup_dir/backup.db"
  case $db in
    sqlite:*) target="sqlite:$backup_dir/restored.db" ;;
    *) echo "restore of a PostgreSQL backup: run it against an empty database by hand" >&2; target="" ;;
  esac
  if [[ -n $target ]]; then
    /usr/bin/time -f "restore + verify: %e s, max RSS %M KiB" "$build/minsheng" restore --db "$target" \
      --from "$backup_dir/backup.db"
    rm -f "$backup_dir/restored.db" "$backup_dir/restored.db-wal" "$backup_dir/restored.db-shm"
  fi
  rm -f "$backup_dir/backup.db" "$backup_dir/backup.db.manifest.json"
fi
