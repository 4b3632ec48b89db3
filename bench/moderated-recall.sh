#!/usr/bin/env bash
# What a few dozen moderated pages of a farm layout the generator lacks buy the page model:
# recall (and false flags) on held-out pages of that layout, before and after retraining
# with the moderators' labels, and what the retraining costs elsewhere (the generated test
# families, leave-one-family-out, and the real test pages). Figures go to stdout as a
# table; README "Decisions are labels" quotes them.
#
#   bash bench/moderated-recall.sh [OUT_DIR]    # default /tmp/chaff-moderated; 3 trainings,
#                                               # ~15 min on 2 busy cores
#
# The pages come from bench/moderated-layout.py (Dragnet gold texts in a "same-day credited
# farm" layout, and its plain twin); TRAIN farms and as many twins are the labels, in the
# format `chaff queue export --labels --wire` writes; TEST pages are only scored, with a
# wire index of their stories (as `chaff score --index` runs in production). WEIGHTS are
# the --labelled-weight values trained with (each decided page counts as W generated ones).
set -euo pipefail
cd "$(dirname "$0")/.."
CHAFF=${CHAFF:-target/release/chaff}
OUT=${1:-/tmp/chaff-moderated}
TRAIN=${TRAIN:-40}
WEIGHTS=${WEIGHTS:-1 7.56}
mkdir -p "$OUT"
rm -rf "$OUT/test" "$OUT/wire.db"* "$OUT/moderated.jsonl" "$OUT/wire.jsonl"
python3 bench/moderated-layout.py --out "$OUT" --train "$TRAIN" --test 100
"$CHAFF" wire add --index "$OUT/wire.db" "$OUT/wire.jsonl" >&2

flagged() { # model file (empty: embedded), farm|legit -> "flagged/total"
  "$CHAFF" score --index "$OUT/wire.db" --jsonl ${1:+--verdict-model "$1"} "$OUT/test/$2" |
    python3 -c 'import json,sys; r=[json.loads(l) for l in sys.stdin if l.strip()]; print("%d/%d" % (sum(bool(x.get("flagged")) for x in r), len(r)))'
}

# The same training without the labels, for a fair "before" (it does not depend on the
# pages, so a previous run's is kept).
jobs=()
if ! { [ -s "$OUT/verdict-base.json" ] && [ -s "$OUT/report-base.json" ]; }; then
  "$CHAFF" train-verdict --out "$OUT/verdict-base.json" > "$OUT/report-base.json" & jobs+=($!)
fi
for w in $WEIGHTS; do
  "$CHAFF" train-verdict --labelled "$OUT/moderated.jsonl" --labelled-weight "$w" \
    --out "$OUT/verdict-w$w.json" > "$OUT/report-w$w.json" & jobs+=($!)
done
for j in "${jobs[@]}"; do wait "$j"; done

figures() { # report -> the generated families' and the real pages' columns
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["lofo_summary"]
print(f"{s['mean_recall']:.3f} / {s['worst_recall']:.3f} | {s['worst_precision']:.3f} | "
      f"{s['mean_recall_no_index']:.3f} | {100 * s['originals_flagged']:.2f}% | "
      f"{100 * r['real_fpr_no_index']:.2f}% / {100 * r['real_fpr_own_body_indexed']:.2f}% | {r['threshold']:.2f}")
PY
}
echo "| page model | layout's farms flagged | twins flagged | families: recall mean / worst | worst precision | recall no index | originals flagged | real test pages flagged (no index / own body indexed) | threshold |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
echo "| embedded models/verdict.json | $(flagged "" farm) | $(flagged "" legit) | | | | | | |"
echo "| retrained, no labels | $(flagged "$OUT/verdict-base.json" farm) | $(flagged "$OUT/verdict-base.json" legit) | $(figures "$OUT/report-base.json") |"
for w in $WEIGHTS; do
  echo "| + $((TRAIN * 2)) moderated pages, each counted $w× | $(flagged "$OUT/verdict-w$w.json" farm) | $(flagged "$OUT/verdict-w$w.json" legit) | $(figures "$OUT/report-w$w.json") |"
done
