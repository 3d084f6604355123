#!/usr/bin/env bash
# Durable intake over HTTP on PostgreSQL against plain libpq inserts of the same rows, on one cluster in one run
# (issue 13: the HTTP intake should reach at least 0.6 of the baseline).
#
#   bench/pg_intake.sh [--pg postgresql://postgres@127.0.0.1:PORT/postgres | --port 55920] [--seconds 10]
#                      [--rounds 2] [--connections 64] [--appeals 2000] [--build build/release]
#                      [--db-connections N] [--styles "pipeline statements"] [--compare OTHER/minsheng]
#
# Makes a fresh database `minsheng_pg_intake` on the cluster --pg names (a superuser URL to its `postgres`
# database), or on a private cluster it starts on --port (scripts/pg_cluster.sh, stopped at the end); migrates it
# and loads the demo (--appeals). Then, --rounds times, one after the other on that database: `minsheng serve`
# with `load_client --mode intake` (the coordinator, --connections keep-alive connections; the server stopped
# after), the same with the --compare binary if given (e.g. a build of main, for a before/after in one run), and
# bench/pg_intake_baseline in each of --styles (as many threads, each its own connection). Every figure is
# printed with the load average before and after it; at the end, per round and as medians, the ratio of each
# intake to each baseline. Figures, not a test: the machine's other work moves them, the ratios less.
set -euo pipefail
cd "$(dirname "$0")/.."

admin="" pg_port=55920 seconds=10 rounds=2 connections=64 appeals=2000 build=build/release db_connections=""
styles="pipeline statements" compare=""
while (($#)); do
  case $1 in
    --pg) admin=$2 ;;
    --port) pg_port=$2 ;;
    --seconds) seconds=$2 ;;
    --rounds) rounds=$2 ;;
    --connections) connections=$2 ;;
    --appeals) appeals=$2 ;;
    --build) build=$2 ;;
    --db-connections) db_connections=$2 ;;
    --styles) styles=$2 ;;
    --compare) compare=$2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift 2
done
for program in minsheng load_client pg_intake_baseline; do
  [[ -x $build/$program ]] || { echo "build $build/$program first (cmake --build $build --target $program)" >&2; exit 2; }
done
[[ -z $compare || -x $compare ]] || { echo "--compare $compare is not an executable" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/minsheng-pg-intake.XXXXXX")
chmod 711 "$work"  # the PostgreSQL servers run as user postgres and need to reach $work/pg
server=""
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ -d $work/pg ]]; then scripts/pg_cluster.sh stop "$work/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -z $admin ]]; then
  mkdir -m 700 "$work/pg"
  scripts/pg_cluster.sh start "$work/pg" "$pg_port" --owner $$ >/dev/null
  admin="postgresql://postgres@127.0.0.1:$pg_port/postgres"
fi
psql -X -q "$admin" -c "DROP DATABASE IF EXISTS minsheng_pg_intake WITH (FORCE)" -c "CREATE DATABASE minsheng_pg_intake" \
  2>/dev/null
db="${admin%/*}/minsheng_pg_intake"
"$build/minsheng" migrate --db "$db" >/dev/null 2>&1
"$build/minsheng" demo --db "$db" --appeals "$appeals" >/dev/null 2>&1

load() { cut -d' ' -f1-3 /proc/loadavg; }
rate() { awk '/^req\/s/ {print $2}' "$1"; }

# intake NAME BINARY ROUND: one server, one load_client run, the server stopped.
intake() {
  local port=$((18300 + RANDOM % 500))
  "$2" serve --db "$db" --listen "127.0.0.1:$port" ${db_connections:+--db-connections "$db_connections"} \
    >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
  echo "## round $3: HTTP intake, $1 ($2${db_connections:+ --db-connections $db_connections}), load before: $(load)"
  "$build/load_client" --url "http://127.0.0.1:$port" --mode intake --connections "$connections" \
    --seconds "$seconds" --user coordinator --password demo12345 --warmup 2 | tee "$work/$1-$3.txt"
  echo "load after: $(load)"
  echo
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
}

echo "# PostgreSQL intake vs plain libpq: $connections connections, $seconds s each, $rounds rounds, $(nproc) cores," \
  "$(date -u '+%F %H:%M UTC')"
echo
servers="branch"
[[ -z $compare ]] || servers+=" compare"
for ((r = 1; r <= rounds; r++)); do
  intake branch "$build/minsheng" "$r"
  [[ -z $compare ]] || intake compare "$compare" "$r"
  for style in $styles; do
    echo "## round $r: plain libpq, $style, load before: $(load)"
    "$build/pg_intake_baseline" --db "$db" --connections "$connections" --seconds "$seconds" --warmup 2 \
      --style "$style" | tee "$work/baseline-$style-$r.txt"
    echo "load after: $(load)"
    echo
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
for name in $servers; do
  [[ $name == branch ]] && label="intake ($build/minsheng)" || label="intake ($compare)"
  for style in $styles; do
    ratios=()
    for ((r = 1; r <= rounds; r++)); do
      i=$(rate "$work/$name-$r.txt") b=$(rate "$work/baseline-$style-$r.txt")
      ratios+=("$(awk -v i="$i" -v b="$b" 'BEGIN { printf "%.2f", (b > 0 ? i / b : 0) }')")
      echo "round $r: $label / baseline-$style = $i / $b = ${ratios[-1]}"
    done
    echo "median: $label / baseline-$style = $(printf '%s\n' "${ratios[@]}" | median)"
  done
done
