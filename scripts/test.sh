#!/usr/bin/env bash
# Sets everything up and runs every test: unit tests (core, store, app, api) and the black-box API
# scenarios against a real `minsheng serve`, all built with AddressSanitizer and UBSan.
# The tests that need PostgreSQL run against a private primary + streaming replica that this script
# starts (scripts/pg_cluster.sh, in a temp dir, port MINSHENG_PG_PORT or 55432 or the next free pair)
# and stops on exit; with MINSHENG_TEST_PG (and MINSHENG_TEST_PG_REPLICA) already set, it uses those.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
build=build/asan
# -g1: line tables only, all that the sanitizers' stack traces read; a tenth less compile time and smaller binaries.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DMINSHENG_SANITIZE=ON >/dev/null
cmake --build "$build" -j "$(nproc)"

if [[ -z ${MINSHENG_TEST_PG:-} ]]; then
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/minsheng-pg.XXXXXX")
  trap 'scripts/pg_cluster.sh stop "$pg_dir" || true; rm -rf "$pg_dir"' EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM
  port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
  pg_port=${MINSHENG_PG_PORT:-55432}
  for ((tries = 0; ; tries++)); do
    if port_busy "$pg_port" || port_busy $((pg_port + 1)); then
      ((tries < 50)) || { echo "test.sh: no free port pair for PostgreSQL" >&2; exit 1; }
      pg_port=$((pg_port + 2))
      continue
    fi
    # --owner: should this script die by SIGKILL (no trap runs), a watcher still stops the cluster.
    pg_out=$(scripts/pg_cluster.sh start "$pg_dir" "$pg_port" --owner $$ 2>&1) && break
    scripts/pg_cluster.sh stop "$pg_dir"
    # Another cluster (a second test run?) took the port between the check and the start: next pair.
    if ((tries < 50)) && { port_busy "$pg_port" || port_busy $((pg_port + 1)); }; then
      rm -rf "$pg_dir" && mkdir -m 700 "$pg_dir"
      pg_port=$((pg_port + 2))
      continue
    fi
    echo "$pg_out" >&2
    exit 1
  done
  echo "$pg_out"
  export MINSHENG_TEST_PG="postgresql://postgres@127.0.0.1:$pg_port/postgres"
  export MINSHENG_TEST_PG_REPLICA="postgresql://postgres@127.0.0.1:$((pg_port + 1))/postgres"
  export MINSHENG_TEST_PG_DATA="$pg_dir/primary"  # the pg_outage scenario stops and starts the primary
fi
export MINSHENG_REQUIRE_PG=1  # tests that need PostgreSQL fail instead of skipping

# The libFuzzer harnesses' clang build (a second build of every layer, ~15 minutes on 2 cores) runs at the lowest
# priority beside the tests, in the time the cores would idle while the tests wait on servers and the browser.
mkdir -p build
nice -n 19 scripts/fuzz.sh --build-only >build/fuzz-build.log 2>&1 &
fuzz_build=$!

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 900 || { kill "$fuzz_build" 2>/dev/null; exit 1; }

# The libFuzzer harnesses (tests/fuzz/README.md): clang 16, ASan and UBSan in build/fuzz, each 20 s on a copy
# of its committed seeds; a crash or sanitizer report fails the run.
wait "$fuzz_build" || { cat build/fuzz-build.log >&2; echo "test.sh: the fuzz build failed" >&2; exit 1; }
scripts/fuzz.sh --seconds 20
