#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang, ASan + UBSan) in
# build/fuzz and runs them for a bounded time each, starting from the seed
# corpus in tests/fuzz/corpus. Exits non-zero on a finding (a crash, a
# sanitizer report or a broken invariant: the input is kept in
# build/fuzz/findings/).
#
#   scripts/fuzz.sh build              configure and build only
#   scripts/fuzz.sh run TARGET [SECS]  run one target (default 30 s)
#   scripts/fuzz.sh [SECS]             build, then run every target
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
B=${QKPI_FUZZ_BUILD:-$ROOT/build/fuzz}
TARGETS=(fuzz_functions fuzz_dates fuzz_segments fuzz_register)

build() {
  cmake -S "$ROOT" -B "$B" -DQKPI_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$B" -j"$(nproc)" --target "${TARGETS[@]}" >/dev/null
  echo "fuzz: built ${TARGETS[*]} in $B"
}

run() {
  local t=$1 secs=${2:-30}
  local corpus="$B/corpus/$t" findings="$B/findings/$t"
  mkdir -p "$corpus" "$findings"
  cp -n "$ROOT/tests/fuzz/corpus/$t"/* "$corpus"/ 2>/dev/null || true
  local log="$B/$t.log"
  if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
      "$B/tests/fuzz/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -seed="${QKPI_FUZZ_SEED:-1}" -artifact_prefix="$findings/" "$corpus" >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $t FOUND A PROBLEM (input kept in $findings)"
    return 1
  fi
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz: $t ran $secs s, $runs executions, 0 findings"
}

case "${1:-all}" in
  build) build ;;
  run) run "$2" "${3:-30}" ;;
  *)
    secs=${1:-30}
    [[ $secs =~ ^[0-9]+$ ]] || secs=30
    build
    status=0
    for t in "${TARGETS[@]}"; do run "$t" "$secs" || status=1; done
    exit $status
    ;;
esac
