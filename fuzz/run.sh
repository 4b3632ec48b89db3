#!/usr/bin/env bash
# Fuzz chaff: build the cargo-fuzz targets, fuzz each in turn for SECONDS, one job, at the
# lowest CPU priority, then run the pathological pages through each once.
#
#   fuzz/run.sh [SECONDS] [TARGET...]      (default: 600 s each, all six targets)
#
# Corpora, crashes and logs go to $CHAFF_FUZZ_DIR (default /tmp/chaff-fuzz), outside git:
# the seeds are real dataset pages, which are never committed. A crash, a leak, or an input
# slower than 1 s (libFuzzer's -timeout) fails the script; the summary table (target,
# seconds, execs/s, coverage, corpus) and the time of each pathological page are what
# fuzz/README.md reports.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH=${1:-600}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(decode extract warc jsonl facts score)
OUT=${CHAFF_FUZZ_DIR:-/tmp/chaff-fuzz}
TOOLCHAIN=${CHAFF_FUZZ_TOOLCHAIN:-+nightly}
mkdir -p "$OUT/logs" "$OUT/artifacts"

PATHOLOGICAL=${CHAFF_FUZZ_PATHOLOGICAL:-1}
if [ ! -d "$OUT/corpus" ]; then
  python3 seed.py --out "$OUT" --pages "${CHAFF_FUZZ_PAGES:-80}" \
    $([ "$PATHOLOGICAL" != 0 ] && echo --pathological)
fi
nice -n 19 cargo $TOOLCHAIN fuzz build 2>&1 | tail -n 3
BIN=target/x86_64-unknown-linux-gnu/release

status=0
summary="$OUT/summary.tsv"
printf 'target\tseconds\texecs_per_s\tcov\tft\tcorpus\n' > "$summary"
for t in "${TARGETS[@]}"; do
  mkdir -p "$OUT/corpus/$t" "$OUT/artifacts/$t"
  log="$OUT/logs/$t.log"
  if ! nice -n 19 cargo $TOOLCHAIN fuzz run "$t" "$OUT/corpus/$t" -- \
      -max_total_time="$SECONDS_EACH" -timeout=1 -max_len=65536 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t/" > "$log" 2>&1; then
    echo "FAIL $t: see $log and $OUT/artifacts/$t/" >&2
    status=1
  fi
  execs=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<< "$last")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<< "$last")
  corp=$(sed -n 's/.*corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p' <<< "$last")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$SECONDS_EACH" "$execs" "$cov" "$ft" "$corp" >> "$summary"
done
column -t -s $'\t' "$summary"

# The hostile pages, each run once whole through every target (they are far over the
# mutation size limit), after the fuzzing so that a slow one does not hold it up.
# CHAFF_FUZZ_PATHOLOGICAL=0 skips them.
if [ "$PATHOLOGICAL" != 0 ]; then
  for t in "${TARGETS[@]}"; do
    for page in "$OUT"/pathological/*; do
      plog="$OUT/logs/$t-$(basename "$page").log"
      start=$(date +%s%N)
      if nice -n 19 "$BIN/$t" -timeout=1 -rss_limit_mb=4096 "$page" > "$plog" 2>&1; then
        result=ok
      else
        result="FAIL (see $plog)"
        status=1
      fi
      echo "pathological $t $(basename "$page"): $(( ($(date +%s%N) - start) / 1000000 )) ms $result"
    done
  done
fi
exit $status
