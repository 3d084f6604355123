#!/usr/bin/env bash
# Issue 13: get-by-id against a bare Boost.Beast server under the same wrk, and get-by-id while exports run.
#
#   bench/get_by_id.sh [--build build/release] [--appeals 10000] [--seconds 10] [--connections 64]
#                      [--exporters 3] [--db URL] [--user coordinator] [--ids N]
#
# Loads --appeals demo appeals into a fresh SQLite file in a temp dir (or uses --db, already loaded), starts
# `minsheng serve` (port 18310) and bench/bare_beast_server (port 18311), then runs `wrk -t1 -c64`:
#   1. on the bare server (a fixed small JSON);
#   2. on GET /api/v1/appeals/{id}, signed in as --user (bench/wrk/get_by_id.lua), ids 1..N in turn (N is --ids,
#      else --appeals: with more ids than the server's detail cache holds, 2,000, no detail is ever read from it;
#      --ids 1000 measures details read again, as staff reread the open cases of their queues). A coordinator sees
#      residents' names, so each view is also a durable audit entry; leader-2 reads only;
#   3. the same while --exporters clients download GET /api/v1/metrics/export.xlsx of the last year in a loop.
# Prints req/s, p50, p99 and max of each, the ratio get-by-id / bare, the server's CPU time per get-by-id (user +
# system, from /proc: less sensitive to what else runs than req/s), and how many exports finished.
# Run on demand (not in CI); server and client share the machine's cores, so write `uptime` next to figures.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/release appeals=10000 seconds=10 connections=64 exporters=3 db="" user=coordinator ids=""
while (($#)); do
  case $1 in
    --build) build=$2 ;;
    --appeals) appeals=$2 ;;
    --seconds) seconds=$2 ;;
    --connections) connections=$2 ;;
    --exporters) exporters=$2 ;;
    --db) db=$2 ;;
    --user) user=$2 ;;
    --ids) ids=$2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift 2
done
[[ -x $build/minsheng && -x $build/bare_beast_server ]] || {
  echo "build $build/minsheng and $build/bare_beast_server first (cmake --build $build --target minsheng bare_beast_server)" >&2
  exit 2
}
command -v wrk >/dev/null || { echo "wrk is missing (scripts/setup.sh installs it)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/minsheng-getbyid.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -z $db ]]; then
  db="sqlite:$work/minsheng.db"
  echo "# loading $appeals demo appeals" >&2
  "$build/minsheng" demo --db "$db" --appeals "$appeals" >/dev/null 2>&1
fi
"$build/minsheng" serve --db "$db" --listen 127.0.0.1:18310 >"$work/server.log" 2>&1 &
pids+=($!)
"$build/bare_beast_server" 18311 2 >"$work/bare.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf http://127.0.0.1:18310/api/v1/health >/dev/null && break; sleep 0.1; done
token=$(curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"$user\",\"password\":\"demo12345\"}" \
  http://127.0.0.1:18310/api/v1/auth/login | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n $token ]] || { echo "login as $user failed" >&2; exit 1; }

# Runs wrk with a script; prints "req/s p50 p99 max errors" from the script's figures.
figures() {
  local script=$1 url=$2
  TOKEN=$token IDS="1-${ids:-$appeals}" wrk -t1 -c"$connections" -d"${seconds}s" -s "$script" "$url" >"$work/wrk.out"
  awk '/^requests_per_second/{r=$2} /^p50_ms/{a=$2} /^p99_ms/{b=$2} /^max_ms/{c=$2} /^errors/{e=$2}
       END{print r, a, b, c, e}' "$work/wrk.out"
}

warm() { wrk -t1 -c"$connections" -d1s "$@" >/dev/null; }
echo "# $(nproc) cores, $user, $connections connections, $seconds s each, $appeals appeals, ids 1-${ids:-$appeals}, $(date -Is)"
echo "# load before: $(uptime | sed 's/.*load average: //')"
warm http://127.0.0.1:18311/
read -r bare_rps bare_p50 bare_p99 bare_max bare_err < <(figures bench/wrk/report.lua http://127.0.0.1:18311/)
TOKEN=$token IDS="1-${ids:-$appeals}" warm -s bench/wrk/get_by_id.lua http://127.0.0.1:18310
# The server's CPU time (user + system) over the get-by-id run, per request: what a request costs, whatever else
# the machine's cores are busy with (req/s falls with the load average; this much less).
server_cpu() { awk '{print $14 + $15}' "/proc/${pids[0]}/stat"; }
cpu_before=$(server_cpu)
read -r get_rps get_p50 get_p99 get_max get_err < <(figures bench/wrk/get_by_id.lua http://127.0.0.1:18310)
cpu_after=$(server_cpu)

# 3. The same get-by-id while exports run.
from=$(date -d '1 year ago' +%F) to=$(date +%F)
: >"$work/exports"
for ((i = 0; i < exporters; i++)); do
  (while :; do
     curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" \
       "http://127.0.0.1:18310/api/v1/metrics/export.xlsx?from=$from&to=$to" >>"$work/exports" || true
   done) &
  pids+=($!)
done
sleep 1
read -r exp_rps exp_p50 exp_p99 exp_max exp_err < <(figures bench/wrk/get_by_id.lua http://127.0.0.1:18310)
for ((i = 0; i < exporters; i++)); do kill "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; done
exports=$(awk '$1 == 200' "$work/exports" | wc -l)
export_mean=$(awk '$1 == 200 {t += $2; n++} END {if (n) printf "%.0f", t / n * 1000; else print "-"}' "$work/exports")

printf '%-46s %10s %8s %8s %8s %7s\n' "" "req/s" "p50 ms" "p99 ms" "max ms" "errors"
printf '%-46s %10s %8s %8s %8s %7s\n' "bare Beast server (fixed JSON)" "$bare_rps" "$bare_p50" "$bare_p99" "$bare_max" "$bare_err"
printf '%-46s %10s %8s %8s %8s %7s\n' "GET /api/v1/appeals/{id}" "$get_rps" "$get_p50" "$get_p99" "$get_max" "$get_err"
printf '%-46s %10s %8s %8s %8s %7s\n' "GET /api/v1/appeals/{id}, $exporters exporters looping" \
  "$exp_rps" "$exp_p50" "$exp_p99" "$exp_max" "$exp_err"
awk -v g="$get_rps" -v b="$bare_rps" 'BEGIN {printf "get-by-id / bare: %.2f\n", g / b}'
awk -v c=$((cpu_after - cpu_before)) -v t="$(getconf CLK_TCK)" -v r="$get_rps" -v s="$seconds" \
  'BEGIN {printf "server CPU per get-by-id: %.0f us\n", c / t * 1e6 / (r * s)}'
echo "exports of a year finished during the last run: $exports (mean $export_mean ms each)"
echo "# load after: $(uptime | sed 's/.*load average: //')"
