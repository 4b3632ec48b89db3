#!/usr/bin/env bash
# Run every input the fuzzers kept (the grown corpus and any artifacts) once through its
# target at normal priority, with a 1 s limit, and report per target the inputs run and the
# slowest one: the check that no input takes over a second, made apart from the fuzzing
# (which runs at nice -n 19, where a starved process trips any wall-clock limit).
#
#   fuzz/replay.sh [TARGET...]         (after fuzz/run.sh; uses $CHAFF_FUZZ_DIR)
set -euo pipefail
cd "$(dirname "$0")"
OUT=${CHAFF_FUZZ_DIR:-/tmp/chaff-fuzz}
BIN=target/x86_64-unknown-linux-gnu/release
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(decode extract warc jsonl facts score)
status=0
for t in "${TARGETS[@]}"; do
  dirs=("$OUT/corpus/$t")
  [ -n "$(ls -A "$OUT/artifacts/$t" 2>/dev/null)" ] && dirs+=("$OUT/artifacts/$t")
  log="$OUT/logs/replay-$t.log"
  if "$BIN/$t" -runs=0 -timeout=1 -rss_limit_mb=4096 -print_final_stats=1 "${dirs[@]}" > "$log" 2>&1; then
    result=ok
  else
    result="FAIL (see $log)"
    status=1
  fi
  n=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  slow=$(grep -o 'stat::slowest_unit_time_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "replay $t: $n inputs, slowest ${slow} s (whole seconds), $result"
done
exit $status
