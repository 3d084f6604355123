#!/usr/bin/env bash
# Intake, get-by-id and list figures for 1 or more `minsheng serve` processes on one database.
#
#   bench/servers.sh --engine sqlite|postgresql [--servers 1] [--seconds 10] [--connections 64]
#                    [--appeals 2000] [--build build]
#
# Loads the demo data (--appeals) into a fresh database — a SQLite file in a temp dir, or a database on
# a private PostgreSQL cluster (scripts/pg_cluster.sh, stopped at the end; or MINSHENG_BENCH_PG, a URL
# to an existing server's `postgres` database) — starts the servers on 127.0.0.1 and runs
# bench load_client (intake, get, list; 3 s of warm-up each) against all of them at once. Prints
# load_client's figures.
set -euo pipefail
cd "$(dirname "$0")/.."

engine=sqlite servers=1 seconds=10 connections=64 appeals=2000 build=build
while (($#)); do
  case $1 in
    --engine) engine=$2 ;;
    --servers) servers=$2 ;;
    --seconds) seconds=$2 ;;
    --connections) connections=$2 ;;
    --appeals) appeals=$2 ;;
    --build) build=$2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift 2
done
[[ -x $build/minsheng && -x $build/load_client ]] || { echo "build $build/minsheng and $build/load_client first" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/minsheng-bench.XXXXXX")
chmod 711 "$work"  # the PostgreSQL servers run as user postgres and need to reach $work/pg
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -d $work/pg ]] && scripts/pg_cluster.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

case $engine in
  sqlite) db="sqlite:$work/minsheng.db" ;;
  postgresql)
    admin=${MINSHENG_BENCH_PG:-}
    if [[ -z $admin ]]; then
      mkdir -m 700 "$work/pg"
      scripts/pg_cluster.sh start "$work/pg" "${MINSHENG_PG_PORT:-55910}" --owner $$ >/dev/null
      admin="postgresql://postgres@127.0.0.1:${MINSHENG_PG_PORT:-55910}/postgres"
    fi
    psql -X -q "$admin" -c "DROP DATABASE IF EXISTS minsheng_bench WITH (FORCE)" -c "CREATE DATABASE minsheng_bench"
    db="${admin%/*}/minsheng_bench"
    ;;
  *) echo "--engine is sqlite or postgresql" >&2; exit 2 ;;
esac

"$build/minsheng" demo --db "$db" --appeals "$appeals" >/dev/null 2>&1
urls=""
for ((i = 0; i < servers; i++)); do
  port=$((18200 + i))
  "$build/minsheng" serve --db "$db" --listen "127.0.0.1:$port" >"$work/server$i.log" 2>&1 &
  pids+=($!)
  urls+="${urls:+,}http://127.0.0.1:$port"
done
for ((i = 0; i < servers; i++)); do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$((18200 + i))/api/v1/health" >/dev/null && break; sleep 0.1; done
done

echo "# $engine, $servers server(s), $connections connections, $seconds s per mode, $(nproc) cores, $(date -I)"
for mode in intake get list; do
  "$build/load_client" --url "$urls" --mode "$mode" --connections "$connections" --seconds "$seconds" \
    --user coordinator --password demo12345 --ids "1-$appeals" --warmup 3
  echo
done
