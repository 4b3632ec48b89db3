#!/usr/bin/env bash
# What a few dozen moderated pages of a farm layout the generator lacks buy the page model:
# recall (and false flags) on held-out pages of that layout, before and after retraining
# with the moderators' labels. Figures go to stdout as a table; README "Decisions are
# labels" quotes them.
#
#   bash bench/moderated-recall.sh [OUT_DIR]        # default /tmp/chaff-lean; ~2 trainings
#
# The pages come from bench/moderated-layout.py (Dragnet gold texts in a "lean blog farm"
# layout, and its credited twin); TRAIN pages are the labels, in the format
# `chaff queue export --labels` writes; TEST pages are only scored, with a wire index of
# their stories (as `chaff score --index` runs in production).
set -euo pipefail
cd "$(dirname "$0")/.."
CHAFF=${CHAFF:-target/release/chaff}
OUT=${1:-/tmp/chaff-lean}
TRAIN=${TRAIN:-40}
rm -rf "$OUT/test" "$OUT/wire.db" "$OUT/moderated.jsonl" "$OUT/wire.jsonl"
python3 bench/moderated-layout.py --out "$OUT" --train "$TRAIN" --test 100
"$CHAFF" wire add --index "$OUT/wire.db" "$OUT/wire.jsonl" >&2

flagged() { # model dir -> "flagged/total"
  "$CHAFF" score --index "$OUT/wire.db" --jsonl ${1:+--verdict-model "$1"} "$OUT/test/$2" |
    python3 -c 'import json,sys; r=[json.loads(l) for l in sys.stdin if l.strip()]; print("%d/%d" % (sum(bool(x.get("flagged")) for x in r), len(r)))'
}

# The same training without the labels, for a fair "before" (it does not depend on the pages).
[ -s "$OUT/verdict-base.json" ] || "$CHAFF" train-verdict --out "$OUT/verdict-base.json" > "$OUT/report-base.json"
"$CHAFF" train-verdict --labelled "$OUT/moderated.jsonl" --out "$OUT/verdict-moderated.json" \
  > "$OUT/report-moderated.json"

echo "| page model | credited farms flagged (recall) | credited twins flagged | held-out templates P / R | real test pages flagged |"
echo "|---|---:|---:|---:|---:|"
for m in base moderated; do
  fig=$(python3 - "$OUT/report-$m.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
t = r["test"]
print(f"{t['precision']:.3f} / {t['recall']:.3f} | {r['real_fpr_no_index']:.4f}")
PY
  )
  echo "| retrained, $([ $m = base ] && echo 'no labels' || echo "+ $((TRAIN * 2)) moderated pages") | $(flagged "$OUT/verdict-$m.json" farm) | $(flagged "$OUT/verdict-$m.json" legit) | $fig |"
done
echo "| embedded models/verdict.json | $(flagged "" farm) | $(flagged "" legit) | | |"
