#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz) with clang 16, ASan and UBSan in build/fuzz and runs each on
# a copy of its committed corpus (tests/fuzz/corpus/<harness>/, never rewritten), one after another.
# Fails when a harness crashes, leaks, trips a sanitizer or breaks one of its checks; the input that did
# it is kept in build/fuzz/artifacts/<harness>/ and the log in build/fuzz/logs/<harness>.log.
#
#   scripts/fuzz.sh [--seconds N] [--runs N] [--jobs N] [--build-only] [harness...]
#
# --seconds N: stop each harness after N seconds (default 20 when --runs is not given either)
# --runs N:    stop each harness after N executions
# --jobs N:    build with N parallel jobs (default 2)
# --build-only: install, configure and build, run nothing (scripts/test.sh builds beside the tests)
# harness:     names like router_fuzz (default: every tests/fuzz/*_fuzz.cpp)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="" runs="" jobs=2 build_only=0 harnesses=()
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --build-only) build_only=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) harnesses+=("${1%.cpp}"); shift ;;
  esac
done
[[ -z $seconds && -z $runs ]] && seconds=20
if ((${#harnesses[@]} == 0)); then
  for f in tests/fuzz/*_fuzz.cpp; do harnesses+=("$(basename "$f" .cpp)"); done
fi

# clang 16 and its libFuzzer/sanitizer runtimes, and what the build itself needs (as in scripts/setup.sh).
packages=(clang-16 libclang-rt-16-dev cmake ninja-build pkg-config libboost-dev nlohmann-json3-dev libicu-dev
          libsqlite3-dev libsodium-dev libpq-dev libxlsxwriter-dev libgtest-dev libgmock-dev libbenchmark-dev)
source scripts/lib/packages.sh
install_missing_packages "${packages[@]}"

build=build/fuzz
# -g1: line tables, all that a finding's stack trace needs.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
      -DCMAKE_CXX_COMPILER=clang++-16 -DMINSHENG_FUZZ=ON >/dev/null
cmake --build "$build" -j "$jobs" --target "${harnesses[@]}"
((build_only)) && exit 0

# Leaks count as findings; UBSan stops at the first report (the build has -fno-sanitize-recover).
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

work=$(mktemp -d "${TMPDIR:-/tmp}/minsheng-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/logs"
failed=()
printf '%-20s %10s %8s %8s %7s %7s %7s\n' harness runs seconds exec/s corpus cov ft
for h in "${harnesses[@]}"; do
  corpus="tests/fuzz/corpus/$h"
  [[ -d $corpus ]] || { echo "fuzz.sh: no corpus $corpus" >&2; exit 2; }
  rm -rf "${work:?}/$h" && cp -r "$corpus" "$work/$h"
  mkdir -p "$build/artifacts/$h"
  args=(-print_final_stats=1 -timeout=25 -rss_limit_mb=2048 -artifact_prefix="$build/artifacts/$h/")
  [[ -n $seconds ]] && args+=(-max_total_time="$seconds")
  [[ -n $runs ]] && args+=(-runs="$runs")
  log="$build/logs/$h.log"
  start=$(date +%s.%N)
  status=0
  "$build/tests/fuzz/$h" "${args[@]}" "$work/$h" >"$log" 2>&1 || status=$?
  elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corpus_size=$(find "$work/$h" -type f | wc -l)
  printf '%-20s %10s %8s %8s %7s %7s %7s\n' "$h" "${executed:-?}" "$elapsed" "${rate:-?}" "$corpus_size" \
         "${cov:-?}" "${ft:-?}"
  if ((status != 0)) || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log"; then
    failed+=("$h")
    echo "--- $h failed (exit $status); last lines of $log:" >&2
    tail -40 "$log" >&2
  fi
done
if ((${#failed[@]})); then
  echo "fuzz.sh: findings in: ${failed[*]} (inputs in $build/artifacts/)" >&2
  exit 1
fi
