#!/usr/bin/env bash
# Runs every libFuzzer target of fuzz/ for SECONDS each (default 60) in the clang
# tree build-asan/ (scripts/lib.sh's configure_sanitized), each with its dictionary
# and a writable copy of its seed corpus (build-asan/fuzz-work/<target>/corpus,
# which keeps what earlier runs found; fuzz/corpus/ is never written). Fails,
# naming the target and the input saved, when a target crashes, leaks, breaks an
# invariant or times out. scripts/test.sh runs it for a few seconds a target, so a
# fuzzer that no longer builds or crashes at once fails CI.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]    e.g. scripts/fuzz.sh 300 csv_reader_fuzzer
#   PENATAAN_FUZZ_OPT=-O1 scripts/fuzz.sh 600   long runs, in build-fuzz-O1/
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

seconds=${1:-60}
shift $(( $# > 0 ? 1 : 0 ))

# The longest input each target is given: what one cell, URL or stored column
# can plausibly hold, and a few dozen CSV lines or import rows.
declare -A MAX_LEN=(
  [nik_fuzzer]=64
  [spreadsheet_date_fuzzer]=64
  [database_url_fuzzer]=256
  [personalisation_codec_fuzzer]=2048
  [template_fuzzer]=4096
  [csv_reader_fuzzer]=2048
  [import_honorers_fuzzer]=4096
)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(nik_fuzzer spreadsheet_date_fuzzer database_url_fuzzer
  personalisation_codec_fuzzer template_fuzzer csv_reader_fuzzer import_honorers_fuzzer)

install_packages "${SANITIZE_PACKAGES[@]}"
# PENATAAN_FUZZ_OPT=-O1 builds and runs the targets in a tree of their own,
# build-fuzz-O1/, for long runs where executions per second matter; by default,
# the sanitizer tree test.sh builds, at -O0.
opt=${PENATAAN_FUZZ_OPT:-}
tree=build-asan
[ -n "$opt" ] && tree=build-fuzz$opt
configure_sanitized "$tree" ${opt:+"-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$opt -gline-tables-only"}
cmake --build "$tree" --target "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
work=$tree/fuzz-work
failed=()
for t in "${targets[@]}"; do
  dir=$work/$t
  mkdir -p "$dir/corpus"
  cp -n fuzz/corpus/"$t"/* "$dir/corpus/" 2>/dev/null || true
  rm -f "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-*
  args=(-max_total_time="$seconds" -max_len="${MAX_LEN[$t]}" -timeout=10 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix="$dir/")
  [ -f fuzz/"$t".dict ] && args+=(-dict=fuzz/"$t".dict)
  status=0
  "$tree"/fuzz/"$t" "${args[@]}" "$dir/corpus" >"$dir/log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
  found=$(ls "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-* 2>/dev/null | head -1 || true)
  if [ "$status" -ne 0 ] || [ -n "$found" ]; then
    echo "FAIL $t (exit $status): ${found:-no input saved}; log $dir/log:"
    grep -m1 -B2 -A25 -E "ERROR: |runtime error|invariant broken|deadly signal" "$dir/log" || tail -30 "$dir/log"
    failed+=("$t")
  else
    printf '%-30s %10s runs %8s/s  corpus %s\n' "$t" "${runs:-?}" "${speed:-?}" \
      "$(ls "$dir/corpus" | wc -l)"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: ${failed[*]} failed; reproduce with $tree/fuzz/<target> <saved input>"
  exit 1
fi
